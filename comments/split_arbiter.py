"""The arbiter between the splitter's rules and its learned line labeller: per page, whose comment section to keep.

The rules of comments/split.py are exact on the headers they know and blind to the others; the labeller
(comments/split_labeller.py) reads any section whose lines repeat a shape, but less exactly. Neither is right
everywhere, so a small logistic regression decides per page, from features of both readings:

- how many comments each finds, and how much of the page their texts claim;
- whether the rules' authors stand on header lines of a strong family (a shape the rules know, not a guess);
- how regular each reading's comments are (authors and times found, distinct authors, text lengths);
- the labeller's confidence in its header lines, and how regular those lines' shapes are;
- how far the two readings agree (shared comments, shared authors).

The labeller costs two to three times what the rules do, so it is only run where the rules' reading is not
already certain (`rules_certain`: a section of several comments whose every author stands on a strong header
line) and where a *gate*, the same kind of regression over the rules' features alone, finds it likely to help.

Trained by `python -m training.split_arbiter` on the rules as they were when each blind layout set was first
measured (rules that had not seen the layout) and on today's rules (whose reading must stay), and measured there
leave-one-blind-set-out; shipped as the "split_arbiter" entry of comments/models.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from comments import split
from comments import split_labeller as sl
from comments.types import Comment

_NUMBER = re.compile(r"\d+")


def _logistic(x: np.ndarray, coef: np.ndarray, intercept: float) -> float:
    z = float(x @ coef + intercept)
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))  # no overflow either way


@dataclass(frozen=True)
class SplitArbiter:
    """The labeller's weights and two logistic regressions: a *gate* that, from the rules' reading alone, tells
    whether the labeller is worth running, and the *arbiter* that weighs both readings. The labeller's section
    is kept when both say P(the labeller's reading is better) >= threshold."""

    tagger: sl.LineTagger
    gate_coef: np.ndarray  # (len(RULES_FEATURES),)
    gate_intercept: float
    coef: np.ndarray  # (len(FEATURE_NAMES),)
    intercept: float
    threshold: float
    version: str = "1"

    def gate(self, x_rules: np.ndarray) -> float:
        return _logistic(x_rules, self.gate_coef, self.gate_intercept)

    def prob_learned(self, x: np.ndarray) -> float:
        return _logistic(x, self.coef, self.intercept)


# A section this large, every author on a strong header line, is the rules' (no labeller run).
CERTAIN_MIN_COMMENTS = 3


def _strong_authors(lines) -> set[str]:
    """Authors on header lines of a family the rules know as structure, not as a guess (with the post number the
    rules may keep as part of the name: "#1 fan says:")."""
    return {name for ln in lines if ln.header is not None and ln.header.family not in split._WEAK_FAMILIES
            for name in (ln.header.author, ln.header.number + ln.header.author)}


def rules_certain(lines, rules: list[Comment], strong: set[str] | None = None) -> bool:
    """(`strong`: the page's `_strong_authors`, when the caller has them already.)"""
    if len(rules) < CERTAIN_MIN_COMMENTS:
        return False
    strong = _strong_authors(lines) if strong is None else strong
    return all(c.author in strong for c in rules)


def _regularity(comments: list[Comment]) -> list[float]:
    n = len(comments)
    if not n:
        return [0.0] * 7
    lengths = [len(c.text) for c in comments]
    return [
        sum(c.author is not None for c in comments) / n,
        sum(c.author is not None and split._name_like(c.author) for c in comments) / n,
        sum(c.posted is not None for c in comments) / n,
        len({c.author for c in comments}) / n,
        min(math.log1p(sum(lengths) / n) / 6, 1.5),
        sum(x <= 25 for x in lengths) / n,
        sum("\n" in c.text for c in comments) / n,
    ]


def _claimed(lines, comments: list[Comment]) -> set[int]:
    paragraphs = {p for c in comments for p in c.text.split("\n") if p}
    return {i for i, ln in enumerate(lines) if ln.text and ln.text in paragraphs}


def rules_features(lines, rules: list[Comment], strong: set[str] | None = None) -> np.ndarray:
    """What the rules' reading alone tells (cheap: no labeller run)."""
    n_rules = len(rules)
    nonblank = max(sum(1 for ln in lines if ln.text), 1)
    strong = _strong_authors(lines) if strong is None else strong
    return np.asarray([
        float(n_rules == 0), math.log1p(n_rules) / 3, len(_claimed(lines, rules)) / nonblank,
        sum(c.author in strong for c in rules) / n_rules if n_rules else 0.0, float(bool(strong)),
        *_regularity(rules),
    ], dtype=np.float64)


RULES_FEATURES = ("rules none", "log rules n", "rules claim", "rules authors on strong headers",
                  "page has strong headers",
                  *(f"rules {k}" for k in ("author share", "name-like authors", "posted share", "distinct authors",
                                           "log mean length", "short share", "multi-paragraph share")))


def features(lines, rules: list[Comment], x_rules: np.ndarray, learned: sl.Section, head_shapes: float) -> np.ndarray:
    """The arbiter's view of one page: the rules' features, then the labeller's reading beside them."""
    lab = learned.comments
    n_rules, n_lab = len(rules), len(lab)
    nonblank = max(sum(1 for ln in lines if ln.text), 1)
    claim_rules, claim_lab = _claimed(lines, rules), _claimed(lines, lab)
    shared = len({(c.author, c.text) for c in rules} & {(c.author, c.text) for c in lab})
    authors_rules, authors_lab = {c.author for c in rules}, {c.author for c in lab}
    return np.concatenate([x_rules, np.asarray([
        math.log1p(n_lab) / 3, (math.log1p(n_lab) - math.log1p(n_rules)) / 3,
        len(claim_lab) / nonblank, len(claim_lab - claim_rules) / nonblank, len(claim_rules - claim_lab) / nonblank,
        *_regularity(lab),
        learned.confidence, head_shapes,
        shared / max(n_rules, n_lab, 1), 1 - shared / n_lab, 1 - shared / n_rules if n_rules else 0.0,
        len(authors_rules & authors_lab) / max(len(authors_rules | authors_lab), 1),
        learned.start / len(lines),
    ], dtype=np.float64)])


FEATURE_NAMES = (
    *RULES_FEATURES, "log labeller n", "log ratio labeller/rules", "labeller claim", "labeller-only claim",
    "rules-only claim",
    *(f"labeller {k}" for k in ("author share", "name-like authors", "posted share", "distinct authors",
                                "log mean length", "short share", "multi-paragraph share")),
    "labeller confidence", "labeller header shape regularity", "shared comments", "labeller's comments the rules lack",
    "rules' comments the labeller lacks", "shared authors",
    "labeller section start",
)


def head_shape_regularity(lines, rows: list[int], tags: list[int]) -> float:
    """Share of the labeller's header lines that have the most common digit-masked coarse shape."""
    shapes = [sl._coarse_shape(_NUMBER.sub("0", lines[rows[k]].text)) for k, t in enumerate(tags) if t == sl.HEAD]
    return Counter(shapes).most_common(1)[0][1] / len(shapes) if shapes else 0.0


# The labeller reads a section from a shape its comments repeat: fewer comments than this show no repetition.
MIN_LEARNED_COMMENTS = 3


def read_page(tagger: sl.LineTagger, lines) -> tuple[sl.Section | None, float]:
    """The labeller's section (None: none of at least MIN_LEARNED_COMMENTS comments) and its header lines'
    regularity."""
    rows, tags, probs = sl.tag(tagger, lines)
    if not rows:
        return None, 0.0
    found = sl.decode(lines, rows, tags, probs)
    if found is None or len(found.comments) < MIN_LEARNED_COMMENTS:
        return None, 0.0
    return found, head_shape_regularity(lines, rows, tags)


def choose(model: SplitArbiter, lines, rules: list[Comment]) -> sl.Section | None:
    """The labeller's section where the arbiter trusts it over the rules' comments; None keeps the rules'."""
    strong = _strong_authors(lines)  # read once for both
    if rules_certain(lines, rules, strong):
        return None
    x_rules = rules_features(lines, rules, strong)
    if model.gate(x_rules) < model.threshold:
        return None
    learned, shapes = read_page(model.tagger, lines)
    if learned is None:
        return None
    if [(c.author, c.text) for c in learned.comments] == [(c.author, c.text) for c in rules]:
        return None  # the same comments: the rules' reading also has their times and replies
    x = features(lines, rules, x_rules, learned, shapes)
    return learned if model.prob_learned(x) >= model.threshold else None
