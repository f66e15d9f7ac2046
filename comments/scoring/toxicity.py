"""Toxicity: a calibrated probability, five attributes and the character spans of the toxic words.

One shared word n-gram TF-IDF feeds every head. The toxicity head is a logistic regression over those
features stacked with alt-profanity-check's probability (a model trained on ~200k Jigsaw and Davidson
comments, knowledge our data lacks) and with two features from a word-level toxicity lexicon learned
from the Civil Comments toxic spans. Attributes are `toxicity x P(attribute | toxic)`, the conditional
learned from the span types the Civil Comments raters chose. Spans come from the same word lexicon: a
word is toxic when its score clears an absolute threshold, or is close to the most toxic word of the
comment (most toxic comments carry at least one toxic word). Trained by `training/toxicity.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .. import modelstore
from . import TOXICITY_ATTRIBUTES, TOXICITY_COLUMNS

# A word: letters/digits plus the masking characters of obfuscated profanity ("f*ck", "$hit"), and
# apostrophe suffixes ("don't", "idiot's").
WORD_PATTERN = r"[\w*@$]+(?:['’]\w+)*"
WORD = re.compile(WORD_PATTERN)


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def profanity_probability(texts: list[str]) -> np.ndarray:
    """alt-profanity-check's probability that each text is offensive (imported lazily: it loads a model)."""
    from profanity_check import predict_prob

    return predict_prob(texts) if texts else np.zeros(0)


@dataclass
class WordToxicity:
    """How toxic a single word is, learned from the words raters marked in toxic comments.

    Known words are looked up; unseen words (misspellings, masked profanity) are scored from their
    character n-grams by the same logistic regression.
    """

    chars: TfidfVectorizer
    model: LogisticRegression
    scores: dict[str, float]

    def score_words(self, words: list[str]) -> np.ndarray:
        lowered = [w.lower() for w in words]
        unseen = sorted({w for w in lowered if w not in self.scores})
        scores = self.scores
        if unseen:
            guessed = self.model.predict_proba(self.chars.transform(unseen))[:, 1]
            scores = {**dict(zip(unseen, guessed.tolist())), **self.scores}
        return np.array([scores[w] for w in lowered], dtype=float)


@dataclass
class SpanRule:
    """Keep a word if score >= threshold, or if score >= floor and >= relative x the comment's top
    word score (so a toxic comment shows its most toxic word even when that word is mild)."""

    threshold: float
    floor: float
    relative: float

    def keep(self, scores: np.ndarray, top: np.ndarray | float | None = None) -> np.ndarray:
        """`top`: the comment's top word score (default: the max of `scores`, i.e. one comment)."""
        if not len(scores):
            return np.zeros(0, dtype=bool)
        top = scores.max() if top is None else top
        return (scores >= self.threshold) | ((scores >= self.floor) & (scores >= self.relative * top))


def head_features(words: TfidfVectorizer, lexicon: CountVectorizer, lexicon_scores: np.ndarray,
                  texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(shared word features, toxicity-head features = word features + profanity logit + lexicon max, sum)."""
    x_words = words.transform(texts)
    hits = lexicon.transform(texts).multiply(lexicon_scores).tocsr()
    lexicon_max = hits.max(axis=1).toarray().ravel()
    lexicon_sum = np.log1p(np.asarray(hits.sum(axis=1)).ravel())
    extra = np.column_stack([logit(profanity_probability(texts)), lexicon_max, lexicon_sum])
    return x_words, sp.hstack([x_words, sp.csr_matrix(extra)]).tocsr()


@dataclass
class ToxicityModel:
    words: TfidfVectorizer  # the shared document features
    lexicon: CountVectorizer  # vocabulary = lexicon words, for the document-level lexicon features
    lexicon_scores: np.ndarray  # word toxicity of each lexicon word, in vocabulary order
    head: LogisticRegression  # toxicity (uncalibrated)
    calibration: tuple[float, float]  # Platt: p = sigmoid(a * z + b)
    attributes: dict[str, LogisticRegression]  # P(attribute | toxic)
    word_toxicity: WordToxicity
    span_rule: SpanRule
    threshold: float  # the shipped review threshold on `toxicity`
    span_gate: float  # spans only for comments with toxicity >= span_gate

    def features(self, texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        return head_features(self.words, self.lexicon, self.lexicon_scores, texts)

    def toxicity(self, x_head: sp.csr_matrix) -> np.ndarray:
        a, b = self.calibration
        return 1.0 / (1.0 + np.exp(-(a * self.head.decision_function(x_head) + b)))

    def spans(self, texts: list[str], toxicity: np.ndarray) -> list[list[list[int]]]:
        """Word spans [start, end) per text.

        Words toxic in themselves (score >= the rule's threshold) are marked in every comment; the
        relative rule (a comment's most toxic words, even mild ones) only applies to comments whose
        toxicity reaches `span_gate`, so clean comments do not get their "least clean" word marked.
        """
        found = [list(WORD.finditer(t)) for t in texts]
        scores = self.word_toxicity.score_words([m.group() for words in found for m in words])
        out: list[list[list[int]]] = []
        start = 0
        for words, p in zip(found, toxicity):
            own = scores[start:start + len(words)]
            start += len(words)
            keep = self.span_rule.keep(own) if p >= self.span_gate else own >= self.span_rule.threshold
            out.append([[m.start(), m.end()] for m, k in zip(words, keep) if k])
        return out


class ToxicityScorer:
    def __init__(self, model: ToxicityModel) -> None:
        self.model = model

    def score(self, texts: list[str]) -> pd.DataFrame:
        texts = ["" if t is None else str(t) for t in texts]
        m = self.model
        if not texts:
            return pd.DataFrame({c: pd.Series(dtype=object if c == "toxic_spans" else float)
                                 for c in TOXICITY_COLUMNS})
        x_words, x_head = m.features(texts)
        toxicity = m.toxicity(x_head)
        out = {"toxicity": toxicity}
        for name in TOXICITY_ATTRIBUTES:
            out[name] = toxicity * m.attributes[name].predict_proba(x_words)[:, 1]
        out["toxic_spans"] = m.spans(texts, toxicity)
        return pd.DataFrame(out, columns=list(TOXICITY_COLUMNS))


def load() -> ToxicityScorer:
    return ToxicityScorer(modelstore.load("toxicity"))
