"""Moderation: one comment's scores and text, under a policy, become an action with its reasons.

Pure functions. Priority, the order of the moderation queue, is documented in default_policy.toml:
`(band + heat) / 4`, band 0 approve / 1 review / 2 reject / 3 urgent (flagged for a score the policy marks
urgent, such as a threat, whatever the action), heat in [0, 1) the hottest of the comment's scores against
their review thresholds (0.5 at the threshold) and its listed words (a banned word as hot as can be, 1.0, a
suspect word 0.5, at the review level), so every urgent comment outranks every reject, every reject every
review, and within a band the comment that runs hotter comes first.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Iterable, Mapping

import pandas as pd

from .policy import SCORE_NAMES, Policy, is_as_listed
from .scoring import hate_cues, threat_cues
from .text import fold

BANDS = {"approve": 0, "review": 1, "reject": 2}
URGENT_BAND = 3  # above every action's band: see the module docstring
# How hot a listed word runs (see `priority`): a banned word as hot as a score can be, a suspect one as a
# score at its review threshold.
WORD_HEAT = {"banned": 1.0, "suspect": 0.5}
# The policy scores that are a column of `comments.score` as they are (not derived, as negative_sentiment is).
_READ_AS_IS = frozenset(SCORE_NAMES) - {"negative_sentiment"}


@dataclass(frozen=True, slots=True)
class Decision:
    action: str  # approve | review | reject
    priority: float  # 0..1, higher first in the queue
    reasons: tuple[str, ...] = ()  # human-readable, the strongest first
    # character offsets of banned/suspect words in the text (a word of one list may overlap one of the other)
    word_spans: tuple[tuple[int, int], ...] = ()
    urgent: bool = False  # flagged for a score the policy marks urgent: first in the queue


def score_value(scores: Mapping[str, object], name: str) -> float:
    """A policy score from a row of `comments.score`; missing or NaN counts as 0."""
    if name == "negative_sentiment":  # how negative the comment reads, 0..1
        value = -_number(scores.get("sentiment_score"))
        return max(0.0, value)
    return _number(scores.get(name))


def moderate(scores: Mapping[str, object], text: str, policy: Policy) -> Decision:
    """The action for one comment, with every reason for it."""
    return _moderate(scores, text, policy, _Rules.of(policy))


def moderate_frame(scores: pd.DataFrame | list[dict], texts: Iterable[str], policy: Policy) -> list[Decision]:
    """`moderate` for every row of a `comments.score` frame (or its `score_records`), with the texts it
    scored, in order."""
    records = score_records(scores) if isinstance(scores, pd.DataFrame) else scores
    rules = _Rules.of(policy)  # read from the policy once for the batch
    return [_moderate(row, text, policy, rules) for row, text in zip(records, texts, strict=True)]


def score_records(frame: pd.DataFrame) -> list[dict]:
    """A score frame's rows as dicts, as `frame.to_dict("records")` makes them (Python floats, str and
    lists), in a fraction of its time: a column at a time (`tolist`) instead of a cell at a time."""
    columns = list(frame.columns)
    if not columns:
        return [{} for _ in range(len(frame))]
    return [dict(zip(columns, row)) for row in zip(*(frame[column].tolist() for column in columns))]


@dataclass(frozen=True, slots=True)
class _Rules:
    """A policy's score rules, in the order `moderate` checks them."""
    thresholds: dict[str, float]  # every score the policy reads: its review threshold, else its reject one
    reject: tuple[tuple[str, float], ...]
    review: tuple[tuple[str, float, float], ...]  # (name, threshold, the reject threshold above it or inf)
    urgent: frozenset[str]

    @staticmethod
    def of(policy: Policy) -> _Rules:
        return _Rules({**policy.reject, **policy.review}, tuple(policy.reject.items()),
                      tuple((name, t, policy.reject.get(name, math.inf)) for name, t in policy.review.items()),
                      frozenset(policy.urgent))


def _moderate(scores: Mapping[str, object], text: str, policy: Policy, rules: _Rules) -> Decision:
    values = {}  # each score the policy reads, read once
    for name in rules.thresholds:
        value = scores.get(name)
        # most cells: a plain float (`score_value` for the rest, and for the derived negative_sentiment)
        values[name] = value if type(value) is float and value == value and name in _READ_AS_IS \
            else score_value(scores, name)
    rejects, reviews, urgent = [], [], []  # `urgent`: the reasons of both for an urgent score, which go first
    for name, threshold in rules.reject:
        value = values[name]
        if value >= threshold:
            note = " (reject, urgent)" if name in rules.urgent else " (reject)"
            rejects.append(reason := _score_reason(name, value, threshold, note, scores, text))
            if name in rules.urgent:
                urgent.append(reason)
    for name, threshold, below in rules.review:
        value = values[name]
        if threshold <= value < below:  # a reject already says it
            note = " (urgent)" if name in rules.urgent else ""
            reviews.append(reason := _score_reason(name, value, threshold, note, scores, text, below))
            if name in rules.urgent:
                urgent.append(reason)

    matches = policy.find_words(text)
    seen = set()
    for m in matches:
        if (m.kind, m.word) in seen:
            continue
        seen.add((m.kind, m.word))
        written = "" if is_as_listed(m.word, m.written) else f' (written "{m.written}")'
        reason = f'{m.kind} word "{m.word}"{written}'
        action = policy.banned_action if m.kind == "banned" else policy.suspect_action
        (rejects if action == "reject" else reviews).append(reason)

    action = "reject" if rejects else "review" if reviews else "approve"
    word_heat = max((WORD_HEAT[m.kind] for m in matches), default=0.0)
    reasons = rejects + reviews
    if urgent:
        reasons = urgent + [reason for reason in reasons if reason not in urgent]
    return Decision(action=action, priority=priority(action, values, rules.thresholds, word_heat, bool(urgent)),
                    reasons=tuple(reasons),
                    word_spans=tuple(dict.fromkeys((m.start, m.end) for m in matches)) if matches else (),
                    urgent=bool(urgent))


def priority(action: str, values: Mapping[str, float], thresholds: Mapping[str, float],
             word_heat: float = 0.0, urgent: bool = False) -> float:
    """(band + heat) / 4, rounded to 4 places (see the module docstring), from the comment's score `values`
    by name under `thresholds` (a review threshold where there is one, else the reject one), the heat of
    its hottest listed word (`WORD_HEAT`) and whether it was flagged for an urgent score."""
    heat = word_heat
    for name, threshold in thresholds.items():  # the hottest (a loop: this runs for every comment)
        score_heat = _heat(values[name], threshold)
        if score_heat > heat:
            heat = score_heat
    band = URGENT_BAND if urgent else BANDS[action]
    return round((band + min(heat, 0.9999)) / (URGENT_BAND + 1), 4)


def _heat(value: float, threshold: float) -> float:
    """0.5 at the threshold; linear from 0 below it and up to 1 at a score of 1 above it."""
    if threshold <= 0:
        return 0.5 + 0.5 * value
    if value < threshold:
        return 0.5 * value / threshold
    return 0.5 + 0.5 * (value - threshold) / (1 - threshold) if threshold < 1 else 1.0


def _score_reason(name: str, value: float, threshold: float, note: str, scores: Mapping[str, object],
                  text: str, below: float = math.inf) -> str:
    return f"{name} {_shown(value, threshold, below)} >= {_fmt(threshold)}{note}{_evidence(name, scores, text)}"


def _evidence(name: str, scores: Mapping[str, object], text: str, most: int = 3) -> str:
    """What drove a score, quoted from the comment: `: "idiot", "scum"`. For `toxicity` its toxic spans;
    for `identity_attack`, `threat` and `severe_toxicity` only the toxic spans that are the phrase of a cue
    that raises that score ("get rid of", "I will kill you"), and nothing when the model raised it: the
    toxic words made the comment toxic, they are not what makes it an identity attack (a comment of slurs
    has "ass" among them); for `conspiracy` its cues."""
    if name == "toxicity":
        pieces = [text[int(start):int(end)] for start, end in _listed(scores.get("toxic_spans"))]
    elif name in ("identity_attack", "threat", "severe_toxicity"):
        cues = _cue_spans(name, text)
        pieces = [text[int(start):int(end)] for start, end in _listed(scores.get("toxic_spans"))
                  if any(int(start) < cue_end and cue_start < int(end) for cue_start, cue_end in cues)]
    elif name == "conspiracy":
        pieces = [str(cue) for cue in _listed(scores.get("conspiracy_cues"))]
    else:
        return ""
    quoted = list(dict.fromkeys(" ".join(p.split())[:40] for p in pieces if p and p.strip()))[:most]
    return ": " + ", ".join(f'"{q}"' for q in quoted) if quoted else ""


def _cue_spans(name: str, text: str) -> list[tuple[int, int]]:
    """The spans of `text`'s cues that raise score `name`, as the toxicity scorer finds and applies them:
    group-attack cues raise `identity_attack`; their calls to violence and the threat cues raise `threat`
    and `severe_toxicity`."""
    hateful, threatening = _cues(text)
    if name == "identity_attack":
        return [span for _, span in hateful]
    return [span for kind, span in hateful if kind == "violence"] + threatening


@functools.lru_cache(maxsize=16)  # one comment's threat and severe_toxicity reasons both ask
def _cues(text: str) -> tuple[list[tuple[str, tuple[int, int]]], list[tuple[int, int]]]:
    """`text`'s group-attack cues (kind, span) and threat cue spans, found on the text with its disguises
    undone, with spans in the text as written."""
    folded = fold(text)
    return ([(cue.kind, folded.span(cue.start, cue.end)) for cue in hate_cues.find(folded.text)],
            [folded.span(cue.start, cue.end) for cue in threat_cues.find(folded.text)])


def _listed(value: object) -> list:
    return list(value) if isinstance(value, (list, tuple)) or hasattr(value, "__array__") else []


def _number(value: object) -> float:
    if type(value) is float:  # most cells: the quick way
        return 0.0 if value != value else value  # NaN is not equal to itself
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(number) else number


def _decimals(threshold: float) -> int:
    return 2 if round(threshold, 2) == threshold else 3


def _fmt(threshold: float) -> str:
    return f"{threshold:.{_decimals(threshold)}f}"


def _shown(value: float, threshold: float, below: float = math.inf) -> str:
    """The score at the threshold's precision; a score that reached its threshold never prints below it
    (the threshold is exact at that precision, so rounding cannot undercut it). Rounded to 4 places
    first, as the reports round every score, so that a reason and its report card show the same digits.
    A review's score that would print as its reject threshold (0.9657 as "0.97" under a reject at 0.97)
    gets the digits that show it is below (more than the reports' 4 when it takes more: 0.96996 is "0.96996").
    """
    digits = _decimals(threshold)
    while round(value, digits) >= below and digits < 8:
        digits += 1
    return f"{round(value, max(digits, 4)):.{digits}f}"
