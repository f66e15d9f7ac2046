"""Scoring: every comment gets sentiment, toxicity (with spans) and conspiracy framing (with cues).

Each model lives in its own module exposing `load() -> scorer` where `scorer.score(texts)` returns a
DataFrame with exactly that model's columns (below), one row per text, in order.
"""
from __future__ import annotations

from functools import cache
from typing import Iterable

import pandas as pd

from ..text import fold

SENTIMENT_COLUMNS = ("sentiment_compound", "sentiment_pos", "sentiment_neu", "sentiment_neg",
                     "sentiment_label", "sentiment_score")
TOXICITY_ATTRIBUTES = ("severe_toxicity", "insult", "obscene", "threat", "identity_attack")
TOXICITY_COLUMNS = ("toxicity", *TOXICITY_ATTRIBUTES, "toxic_spans")
CONSPIRACY_COLUMNS = ("conspiracy", "conspiracy_cues")
SCORE_COLUMNS = (*SENTIMENT_COLUMNS, *TOXICITY_COLUMNS, *CONSPIRACY_COLUMNS)
# Texts scored at a time: the models' working data (tokens, feature rows, folded texts) lives for one batch,
# so memory is the output's plus one batch's whatever the number of texts (every text scores the same in
# any batch).
BATCH = 5_000


class Scorer:
    """All shipped models, loaded once."""

    def __init__(self) -> None:
        from . import conspiracy, sentiment, toxicity

        self.sentiment, self.toxicity, self.conspiracy = sentiment.load(), toxicity.load(), conspiracy.load()
        self.models = (self.sentiment, self.toxicity, self.conspiracy)

    def score(self, texts: Iterable[str]) -> pd.DataFrame:
        strings, missing = _as_texts(texts)  # once: `texts` may be a generator
        batches = [self._score(strings[at:at + BATCH]) for at in range(0, len(strings), BATCH)] or [self._score([])]
        out = batches[0] if len(batches) == 1 else pd.concat(batches, ignore_index=True)
        return _indexed_like(_unscored(out, missing), texts)

    def _score(self, strings: list[str]) -> pd.DataFrame:
        # VADER's scores stay vaderSentiment's own; toxicity and conspiracy read the text with its disguises
        # undone (look-alike, full-width and invisible characters, stretched letters: `fold`); a stretched
        # letter reads as one or two, whichever makes the word the toxicity lexicon knows as most toxic
        # ("asssshole" is "asshole", "looooser" "loser")
        known = self.toxicity.model.word_toxicity.scores
        folded = [fold(text, known=known) for text in strings]
        readable = [f.text for f in folded]
        toxicity = self.toxicity.score(readable)
        # spans and cues point at the characters as written
        toxicity["toxic_spans"] = pd.Series([[list(f.span(start, end)) for start, end in spans] if f.edits else spans
                                             for f, spans in zip(folded, toxicity["toxic_spans"])],
                                            index=toxicity.index, dtype=object)
        conspiracy = self.conspiracy.score(
            readable, quote=lambda i, start, end: strings[i][slice(*folded[i].span(start, end))])
        frames = [self.sentiment.score(strings), toxicity, conspiracy]
        return pd.concat([f.reset_index(drop=True) for f in frames], axis=1).loc[:, list(SCORE_COLUMNS)]

    def score_sentiment(self, texts: Iterable[str]) -> pd.DataFrame:
        """Only the sentiment columns: all an article body needs, without the cost of the other models."""
        strings, missing = _as_texts(texts)
        out = self.sentiment.score(strings).reset_index(drop=True).loc[:, list(SENTIMENT_COLUMNS)]
        return _indexed_like(_unscored(out, missing), texts)


def _unscored(scores: pd.DataFrame, missing: list[int]) -> pd.DataFrame:
    """`scores` with the rows of missing texts missing too (NaN, a None label, no spans or cues), so that
    pandas' means and counts skip them rather than count a non-comment as a calm one."""
    if missing:
        gone = set(missing)
        for column in scores.columns:
            if column in ("toxic_spans", "conspiracy_cues"):
                scores[column] = [[] if i in gone else value for i, value in enumerate(scores[column])]
            else:
                scores.loc[missing, column] = None if column == "sentiment_label" else float("nan")
    return scores


def _as_texts(texts: Iterable[str]) -> tuple[list[str], list[int]]:
    """The texts as strings, and the places of the missing ones (None, NaN, pd.NA), which read as empty
    here and get missing scores (`_unscored`). One string or bytes is refused: scoring it character by
    character, or as "b'...'", is never what was meant."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(f"score() takes a list or Series of texts, not one {type(texts).__name__}: "
                        "for one text, pass [text]")
    if isinstance(texts, (pd.DataFrame, dict)):  # iterating one gives its column names or keys
        raise TypeError(f"score() takes a list or Series of texts, not a {type(texts).__name__}: "
                        "pass its text column, e.g. df['text']")
    try:
        iterator = iter(texts)
    except TypeError:
        raise TypeError(f"score() takes a list or Series of texts, not {type(texts).__name__} {texts!r:.40}") from None
    out, missing = [], []
    for text in iterator:
        if isinstance(text, str):
            out.append(text)
        elif isinstance(text, (bytes, bytearray)):
            raise TypeError(f"texts must be str, not bytes: decode them first ({bytes(text[:40])!r})")
        elif text is None or (pd.api.types.is_scalar(text) and pd.isna(text)):
            missing.append(len(out))
            out.append("")
        else:
            out.append(str(text))
    return out, missing


def _indexed_like(scores: pd.DataFrame, texts: Iterable[str]) -> pd.DataFrame:
    """A Series' scores keep its index, so that `df.join(score(df.text))` lines up."""
    if isinstance(texts, pd.Series):
        scores.index = texts.index
    return scores


@cache
def default_scorer() -> Scorer:
    return Scorer()


def score(texts: Iterable[str]) -> pd.DataFrame:
    """Score texts with the shipped models: one row per text, in order, columns `SCORE_COLUMNS` (a
    pandas Series' scores keep its index). Missing texts (None, NaN, pd.NA) get missing scores (NaN, a None
    label) and no spans or cues; an empty text is scored."""
    return default_scorer().score(texts)
