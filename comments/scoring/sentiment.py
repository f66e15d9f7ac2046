"""Sentiment: VADER's four scores for the whole text, and our own label and score, sentence by sentence.

Two small linear models on cheap features. The *lexical* model (word uni+bigram TF-IDF with negation
marking, plus VADER's scores) is trained on general sentiment data: tweets, product-review snippets,
movie-review sentences and their phrases. The *news head* re-weighs its log-odds together with VADER's
scores on NYT editorial snippets, where neutral is the commonest class and VADER over-reads lexicon
words; it learns from every rater's band (soft targets), and the label adds fitted log-probability
offsets before the argmax. Both see one sentence at a time: a long comment is split into sentences, each is scored, and
the class probabilities are averaged, weighted by sentence length times how opinionated the sentence
is (1 - P(neutral), with a floor), so neutral filler does not drown one sharp sentence, while praise
and blame in one comment cancel in `sentiment_score` instead of saturating like VADER's compound.
Trained by `training/sentiment.py`; see reports/models/sentiment.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import modelstore
from . import SENTIMENT_COLUMNS, vader
from .linear import Features, Linear

LABELS = ("negative", "neutral", "positive")  # the models' classes -1, 0, +1, in this order
OPINION_FLOOR = 0.1  # a neutral sentence still counts a little, so an all-neutral comment stays neutral

NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor nowhere cannot without hardly barely scarcely".split())
# words (with an apostrophe suffix), runs of ! or ?, clause punctuation, and simple emoticons
TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[!?]+|[.,;:]|[:;=8][-o^']?[()\[\]dpo/\\|]")
CLAUSE_END = frozenset(".,;:")

# A sentence ends at . ! ? or … (plus closing quotes/brackets) before whitespace and a capital, digit
# or opening quote; a line break always ends one.
_AFTER_STOP = r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])"
SENTENCE_END = re.compile(_AFTER_STOP + r"|\s*\n\s*")
# the same splits in a text without a line break (where the second branch never matches), tried faster
_SENTENCE_END_IN_A_LINE = re.compile(_AFTER_STOP)


def sentiment_tokens(text: str) -> list[str]:
    """Unigrams and bigrams; a word after a negation, up to the clause's end, gets a `_NEG` suffix."""
    tokens = sentiment_unigrams(text)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def sentiment_unigrams(text: str) -> list[str]:
    """The unigrams of `sentiment_tokens` (which holds their bigrams too)."""
    text = text.lower()
    found = TOKEN.findall(text)
    # no negation token (a token ending in "n't" needs one in the text): nothing to mark, and most
    # sentences skip the marking loop (set look-ups and substring tests run in C)
    if NEGATIONS.isdisjoint(found) and "n't" not in text and "n’t" not in text:
        return found
    tokens: list[str] = []
    negated = False
    for tok in found:
        if tok in CLAUSE_END or tok[0] in "!?":
            negated = False
        elif tok in NEGATIONS or tok.endswith(("n't", "n’t")):
            negated = True
        elif negated:
            tok += "_NEG"
        tokens.append(tok)
    return tokens


def split_sentences(text: str) -> list[str]:
    """The sentences of a text (at least one, possibly empty), stripped."""
    parts = [p.strip() for p in (SENTENCE_END if "\n" in text else _SENTENCE_END_IN_A_LINE).split(text)]
    return [p for p in parts if p] or [text.strip()]


def vader_features(scores: np.ndarray) -> np.ndarray:
    """VADER's (neg, neu, pos, compound) plus |compound| and VADER's own +-0.05 decision."""
    compound = scores[:, 3]
    return np.column_stack([scores, np.abs(compound), compound >= 0.05, compound <= -0.05])


@dataclass
class SentimentModel:
    """The fitted models; `predict_proba` scores each text as one unit (a sentence)."""

    words: Features  # analyzer = sentiment_tokens, TF-IDF
    lexical: Linear  # classes -1, 0, +1 over [words, vader_features]
    head: Linear  # classes -1, 0, +1 over [lexical log-odds, vader_features]
    version: str
    # log-probability offsets added before the argmax that picks the label (v1 models have none)
    offsets: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def lexical_log_proba(self, texts: list[str], vader_scores: np.ndarray) -> np.ndarray:
        if self.words.analyzer is sentiment_tokens:  # its bigrams are looked up as pairs of unigrams
            unigrams = [sentiment_unigrams(text) for text in texts]
            x_words = self.words.transform_bigrams(unigrams, unigrams)
        else:
            x_words = self.words.transform(texts)
        return np.log(self.lexical.predict_proba(x_words, vader_features(vader_scores)))

    def head_features(self, texts: list[str], vader_scores: np.ndarray) -> np.ndarray:
        return head_features(self.lexical_log_proba(texts, vader_scores), vader_scores)

    def predict_proba(self, texts: list[str], vader_scores: np.ndarray | None = None) -> np.ndarray:
        """(n, 3) probabilities of negative, neutral, positive."""
        if vader_scores is None:
            vader_scores = vader.polarity_many(texts)
        return self.head.predict_proba(dense=self.head_features(texts, vader_scores))

    def decide(self, probabilities: np.ndarray) -> np.ndarray:
        """Class indices (0 negative, 1 neutral, 2 positive): the argmax after the fitted offsets."""
        return (np.log(probabilities + 1e-9) + np.asarray(self.offsets)).argmax(axis=1)


def head_features(lexical_log_proba: np.ndarray, vader_scores: np.ndarray) -> np.ndarray:
    """The lexical model's log-odds (positive vs negative, neutral vs the rest) and VADER's features."""
    neg, neu, pos = lexical_log_proba.T
    return np.column_stack([pos - neg, neu - np.logaddexp(neg, pos), vader_features(vader_scores)])


class SentimentScorer:
    """Scores texts: VADER's columns for the whole text, our label and score from its sentences."""

    def __init__(self, model: SentimentModel) -> None:
        self.model = model

    def sentence_probabilities(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Class probabilities per text (averaged over its sentences) and VADER's whole-text scores."""
        sentences: list[str] = []
        owner: list[int] = []
        for i, text in enumerate(texts):
            parts = split_sentences(text)
            sentences += parts
            owner += [i] * len(parts)
        owner_idx = np.asarray(owner, dtype=np.intp)
        sentence_vader = vader.polarity_many(sentences)
        proba = self.model.predict_proba(sentences, sentence_vader)
        proba[[not s for s in sentences]] = (0.0, 1.0, 0.0)  # an empty comment says nothing: neutral, 0

        n_words = np.fromiter((s.count(" ") + 1 for s in sentences), np.float64, len(sentences))
        weight = n_words * (OPINION_FLOOR + 1.0 - proba[:, 1])
        total = np.zeros((len(texts), 3))
        np.add.at(total, owner_idx, proba * weight[:, None])
        probabilities = total / np.bincount(owner_idx, weight, minlength=len(texts))[:, None]

        # VADER on the whole text; a one-sentence text reuses its sentence's scores
        whole = np.empty((len(texts), 4))
        counts = np.bincount(owner_idx, minlength=len(texts))
        first = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.intp)
        single = np.array([c == 1 and sentences[f] == t for c, f, t in zip(counts, first, texts)], dtype=bool)
        whole[single] = sentence_vader[first[single]]
        rest = np.flatnonzero(~single)
        if len(rest):
            whole[rest] = vader.polarity_many([texts[i] for i in rest])
        return probabilities, whole

    def score(self, texts: list[str]) -> pd.DataFrame:
        texts = ["" if t is None else str(t) for t in texts]
        if not texts:
            return pd.DataFrame({c: pd.Series(dtype="object" if c == "sentiment_label" else "float64")
                                 for c in SENTIMENT_COLUMNS})
        probabilities, whole = self.sentence_probabilities(texts)
        neg, neu, pos, compound = whole.T
        out = pd.DataFrame({
            "sentiment_compound": compound,
            "sentiment_pos": pos,
            "sentiment_neu": neu,
            "sentiment_neg": neg,
            "sentiment_label": np.asarray(LABELS, dtype=object)[self.model.decide(probabilities)],
            "sentiment_score": np.clip(probabilities[:, 2] - probabilities[:, 0], -1.0, 1.0),
        })
        return out.loc[:, list(SENTIMENT_COLUMNS)]


def load() -> SentimentScorer:
    return SentimentScorer(modelstore.load("sentiment"))
