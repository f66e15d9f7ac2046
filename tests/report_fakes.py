"""A small keyword scorer with the `comments.score` column contract, for tests that need scores they
can predict (the real models are tested in tests/test_scoring*.py and used end to end elsewhere)."""
from __future__ import annotations

import re

import pandas as pd

from comments.scoring import SCORE_COLUMNS, SENTIMENT_COLUMNS

TOXIC = {"idiot": 0.9, "moron": 0.85, "scum": 0.99, "awful": 0.6}
CONSPIRACY = ("they are hiding", "wake up", "the elites")


class KeywordScorer:
    """toxicity: the strongest keyword in TOXIC (0.05 without one); conspiracy: 0.9 with a cue."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def score(self, texts) -> pd.DataFrame:
        texts = list(texts)
        self.calls.append(texts)
        return pd.DataFrame([self._row(t) for t in texts], columns=list(SCORE_COLUMNS))

    def score_sentiment(self, texts) -> pd.DataFrame:
        """The article bodies' sentiment (not recorded in `calls`, which holds the comments scored)."""
        return pd.DataFrame([self._row(t) for t in texts], columns=list(SCORE_COLUMNS))[list(SENTIMENT_COLUMNS)]

    @staticmethod
    def _row(text: str) -> dict:
        low = text.lower()
        spans = [[m.start(), m.end()] for w in TOXIC for m in re.finditer(rf"\b{w}\b", low)]
        toxicity = max([TOXIC[w] for w in TOXIC if re.search(rf"\b{w}\b", low)], default=0.05)
        cues = [c for c in CONSPIRACY if c in low]
        sentiment = 0.6 if "great" in low else -0.6 if ("bad" in low or toxicity > 0.5) else 0.0
        label = "positive" if sentiment > 0 else "negative" if sentiment < 0 else "neutral"
        return {
            "sentiment_compound": sentiment, "sentiment_pos": max(sentiment, 0.0), "sentiment_neu": 0.5,
            "sentiment_neg": max(-sentiment, 0.0), "sentiment_label": label, "sentiment_score": sentiment,
            "toxicity": toxicity, "severe_toxicity": toxicity / 4, "insult": toxicity * 0.9,
            "obscene": 0.01, "threat": 0.01, "identity_attack": 0.01, "toxic_spans": sorted(spans),
            "conspiracy": 0.9 if cues else 0.1, "conspiracy_cues": cues,
        }
