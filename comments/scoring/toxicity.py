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
from itertools import chain, groupby

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .. import modelstore
from . import TOXICITY_ATTRIBUTES, TOXICITY_COLUMNS, fastvec

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


def profanity_model():
    """alt-profanity-check's (vectorizer, classifier), what `predict_prob` runs."""
    from profanity_check import profanity_check

    return profanity_check.vectorizer, profanity_check.model


@dataclass
class WordToxicity:
    """How toxic a single word is, learned from the words raters marked in toxic comments.

    Known words are looked up; unseen words (misspellings, masked profanity) are scored from their
    character n-grams by the same logistic regression.
    """

    chars: TfidfVectorizer
    model: LogisticRegression
    scores: dict[str, float]

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_known"}  # a cache, rebuilt on use

    def score_words(self, words: list[str]) -> np.ndarray:
        return self.score_lowered([w.lower() for w in words])

    def score_lowered(self, lowered: list[str]) -> np.ndarray:
        """`score_words` of words already lowercased. Guesses for unseen words are kept (up to
        `GUESS_CACHE` of them) for later calls: the char n-gram model is the slow part, and a word's
        guess does not depend on the other words scored with it."""
        known = self.__dict__.get("_known")
        if known is None or len(known) > len(self.scores) + GUESS_CACHE:
            known = self._known = dict(self.scores)
        unseen = sorted({w for w in lowered if w not in known})
        if unseen:  # = self.chars.transform(unseen), counted by fastvec
            x = fastvec.transform_features(self.chars, map(self.chars.build_analyzer(), unseen))
            known.update(zip(unseen, self.model.predict_proba(x)[:, 1].tolist()))
        return np.fromiter(map(known.__getitem__, lowered), dtype=float, count=len(lowered))


GUESS_CACHE = 200_000


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
    """(shared word features, toxicity-head features = word features + profanity logit + lexicon max, sum).

    The plain sklearn path, for training; scoring runs `ToxicityModel.features`, equal to it."""
    return stack_head(words.transform(texts), lexicon.transform(texts), lexicon_scores,
                      profanity_probability(texts))


def stack_head(x_words: sp.csr_matrix, x_lexicon: sp.csr_matrix, lexicon_scores: np.ndarray,
               profanity: np.ndarray) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    hits = x_lexicon.multiply(lexicon_scores).tocsr()
    lexicon_max = hits.max(axis=1).toarray().ravel()
    lexicon_sum = np.log1p(np.asarray(hits.sum(axis=1)).ravel())
    extra = np.column_stack([logit(profanity), lexicon_max, lexicon_sum])
    return x_words, sp.hstack([x_words, sp.csr_matrix(extra)]).tocsr()


@dataclass
class FastFeatures:
    """The word, lexicon and alt-profanity-check vectorizers as `fastvec` analyzers. The first two
    share `WORD` on lowercased text, so each text is tokenized once for both (and for the spans)."""

    words: fastvec.WordAnalyzer
    lexicon: fastvec.WordAnalyzer
    profanity: fastvec.WordAnalyzer
    profanity_classifier: object

    @classmethod
    def of(cls, model: ToxicityModel) -> FastFeatures | None:
        """None when the vectorizers do not share our tokenizer (a model trained otherwise)."""
        shared = all(v.token_pattern == WORD_PATTERN and v.lowercase for v in (model.words, model.lexicon))
        vectorizer, classifier = profanity_model()
        if not (shared and vectorizer.lowercase):
            return None
        try:
            return cls(fastvec.WordAnalyzer(model.words), fastvec.WordAnalyzer(model.lexicon),
                       fastvec.WordAnalyzer(vectorizer), classifier)
        except ValueError:  # an analyzer fastvec does not reproduce
            return None


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

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_fast"}  # built on first use

    def _fast_features(self) -> FastFeatures | None:
        if "_fast" not in self.__dict__:
            self._fast = FastFeatures.of(self)
        return self._fast

    def features(self, texts: list[str], lowered: list[str] | None = None,
                 tokens: list[list[str]] | None = None) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """`head_features(...)` of the texts, bit for bit, tokenizing each text once.
        `lowered`, `tokens`: the lowercased texts and their `WORD` tokens, when already made."""
        fast = self._fast_features()
        if fast is None:
            return head_features(self.words, self.lexicon, self.lexicon_scores, texts)
        lowered = [t.lower() for t in texts] if lowered is None else lowered
        tokens = [WORD.findall(t) for t in lowered] if tokens is None else tokens
        profanity = (fast.profanity_classifier.predict_proba(
            fast.profanity.transform_tokens([fast.profanity.tokens(t) for t in lowered]))[:, 1]
            if texts else np.zeros(0))
        return stack_head(fast.words.transform_tokens(tokens), fast.lexicon.transform_tokens(tokens),
                          self.lexicon_scores, profanity)

    def toxicity(self, x_head: sp.csr_matrix) -> np.ndarray:
        a, b = self.calibration
        return 1.0 / (1.0 + np.exp(-(a * self.head.decision_function(x_head) + b)))

    def spans(self, texts: list[str], toxicity: np.ndarray,
              tokens: list[list[str]] | None = None) -> list[list[list[int]]]:
        """Word spans [start, end) per text.

        Words toxic in themselves (score >= the rule's threshold) are marked in every comment; the
        relative rule (a comment's most toxic words, even mild ones) only applies to comments whose
        toxicity reaches `span_gate`, so clean comments do not get their "least clean" word marked.
        `tokens`: `WORD` tokens of each lowercased text, if made already (reused for ASCII texts,
        where they are the text's own words lowercased).

        All words of the batch are scored and kept in one numpy pass; the offsets are then found
        only in texts with a kept word (a regex match object per word is slow to make).
        """
        words = [toks if toks is not None and text.isascii() else [w.lower() for w in WORD.findall(text)]
                 for text, toks in zip(texts, tokens or [None] * len(texts))]
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        scores = self.word_toxicity.score_lowered(list(chain.from_iterable(words)))
        owner = np.repeat(np.arange(len(texts)), lengths)
        starts = np.cumsum(lengths) - lengths
        top = np.zeros(len(texts))
        if scores.size:  # each text's top word score (texts without words take no part)
            top[lengths > 0] = np.maximum.reduceat(scores, starts[lengths > 0])
        gated = (np.asarray(toxicity) >= self.span_gate)[owner]
        keep = np.where(gated, self.span_rule.keep(scores, top[owner]), scores >= self.span_rule.threshold)
        kept = np.flatnonzero(keep)
        out: list[list[list[int]]] = [[] for _ in texts]
        for i, group in groupby(zip(owner[kept].tolist(), (kept - starts[owner[kept]]).tolist()),
                                key=lambda pair: pair[0]):
            wanted = {k for _, k in group}
            out[i] = [[m.start(), m.end()] for k, m in enumerate(WORD.finditer(texts[i])) if k in wanted]
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
        lowered = [t.lower() for t in texts]
        tokens = [WORD.findall(t) for t in lowered]
        x_words, x_head = m.features(texts, lowered, tokens)
        toxicity = m.toxicity(x_head)
        out = {"toxicity": toxicity}
        for name in TOXICITY_ATTRIBUTES:
            out[name] = toxicity * m.attributes[name].predict_proba(x_words)[:, 1]
        out["toxic_spans"] = m.spans(texts, toxicity, tokens)
        return pd.DataFrame(out, columns=list(TOXICITY_COLUMNS))


def load() -> ToxicityScorer:
    return ToxicityScorer(modelstore.load("toxicity"))
