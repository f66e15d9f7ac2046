"""Scoring: every comment gets sentiment, toxicity (with spans) and conspiracy framing (with cues).

Each model lives in its own module exposing `load() -> scorer` where `scorer.score(texts)` returns a
DataFrame with exactly that model's columns (below), one row per text, in order.
"""
from __future__ import annotations

from functools import cache
from typing import Iterable

import pandas as pd

SENTIMENT_COLUMNS = ("sentiment_compound", "sentiment_pos", "sentiment_neu", "sentiment_neg",
                     "sentiment_label", "sentiment_score")
TOXICITY_ATTRIBUTES = ("severe_toxicity", "insult", "obscene", "threat", "identity_attack")
TOXICITY_COLUMNS = ("toxicity", *TOXICITY_ATTRIBUTES, "toxic_spans")
CONSPIRACY_COLUMNS = ("conspiracy", "conspiracy_cues")
SCORE_COLUMNS = (*SENTIMENT_COLUMNS, *TOXICITY_COLUMNS, *CONSPIRACY_COLUMNS)


class Scorer:
    """All shipped models, loaded once."""

    def __init__(self) -> None:
        from . import conspiracy, sentiment, toxicity

        self.sentiment = sentiment.load()
        self.models = (self.sentiment, toxicity.load(), conspiracy.load())

    def score(self, texts: Iterable[str]) -> pd.DataFrame:
        texts = _as_texts(texts)
        frames = [m.score(texts) for m in self.models]
        out = pd.concat([f.reset_index(drop=True) for f in frames], axis=1)
        return out.loc[:, list(SCORE_COLUMNS)]

    def score_sentiment(self, texts: Iterable[str]) -> pd.DataFrame:
        """Only the sentiment columns: all an article body needs, without the cost of the other models."""
        return self.sentiment.score(_as_texts(texts)).reset_index(drop=True).loc[:, list(SENTIMENT_COLUMNS)]


def _as_texts(texts: Iterable[str]) -> list[str]:
    return ["" if t is None else str(t) for t in texts]


@cache
def default_scorer() -> Scorer:
    return Scorer()


def score(texts: Iterable[str]) -> pd.DataFrame:
    """Score texts with the shipped models: one row per text, in order, columns `SCORE_COLUMNS`."""
    return default_scorer().score(texts)
