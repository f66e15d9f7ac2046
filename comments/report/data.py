"""The per-article report as plain data (a JSON-ready dict); the renderers only lay it out."""
from __future__ import annotations

from collections import Counter
from statistics import fmean, median

import numpy as np

from ..moderate import Decision, score_value
from ..policy import Policy
from ..types import Page

SENTIMENT_LABELS = ("negative", "neutral", "positive")
TOP_AUTHORS = 5
# The thread "degrades" when its toxicity rises by at least this much from first to last comment.
TREND_STEP = 0.10
MIN_TREND_COMMENTS = 4


def build_article_report(page: Page, body_scores: dict, rows: list[dict], decisions: list[Decision],
                         policy: Policy) -> dict:
    """Everything a desk wants to know about one article's comment section."""
    index_of = {row["comment_id"]: row["comment_index"] for row in rows}
    comments = [_comment_entry(row, decision, index_of.get(row["parent_comment_id"]))
                for row, decision in zip(rows, decisions, strict=True)]
    flagged = sorted((c for c in comments if c["action"] != "approve"),
                     key=lambda c: (-c["priority"], c["index"]))
    actions = Counter(c["action"] for c in comments)
    return {
        "id": page.id,
        "title": page.title,
        "date": page.date,
        "source": page.source,
        "url": page.url,  # as the input gave it; the HTML and Markdown reports link it only if http(s)
        "encoding": page.encoding,  # how the page's bytes were read
        "comment_count": len(comments),
        "flagged_count": len(flagged),
        "urgent_count": sum(c["urgent"] for c in comments),
        "actions": {a: actions.get(a, 0) for a in ("approve", "review", "reject")},
        "sentiment": _sentiment(body_scores, rows),
        "shares": _shares(rows, policy),
        "thread": _thread([score_value(r, "toxicity") for r in rows]),
        "top_authors": _top_authors(comments),
        "flagged": [c["index"] for c in flagged],
        "comments": comments,
    }


def _comment_entry(row: dict, decision: Decision, reply_to: int | None = None) -> dict:
    return {
        "index": row["comment_index"],
        "comment_id": row["comment_id"],
        "reply_to": reply_to,  # the index of the comment it answers
        "author": row["author"],
        "posted": row["posted"],
        "text": row["text"],
        "action": decision.action,
        "urgent": decision.urgent,
        "priority": decision.priority,
        "reasons": list(decision.reasons),
        "toxicity": _r(row.get("toxicity")),
        "conspiracy": _r(row.get("conspiracy")),
        "sentiment_label": row.get("sentiment_label"),
        "sentiment_score": _r(row.get("sentiment_score")),
        "toxic_spans": row.get("toxic_spans") or [],
        "conspiracy_cues": row.get("conspiracy_cues") or [],
        "word_spans": [list(span) for span in decision.word_spans],
    }


def _sentiment(body_scores: dict, rows: list[dict]) -> dict:
    article = {"label": body_scores.get("sentiment_label"), "score": _r(body_scores.get("sentiment_score"))}
    scores = [float(r["sentiment_score"]) for r in rows if r.get("sentiment_score") is not None]
    labels = Counter(r.get("sentiment_label") for r in rows)
    mean = _r(fmean(scores)) if scores else None
    return {
        "article": article,
        "comments": {
            "mean": mean,
            "median": _r(median(scores)) if scores else None,
            "distribution": {label: labels.get(label, 0) for label in SENTIMENT_LABELS},
            "scores": [_r(s) for s in scores],
        },
        # Positive: the comments read more positive than the article; negative: more negative.
        "gap": _r(mean - article["score"]) if mean is not None and article["score"] is not None else None,
    }


def _shares(rows: list[dict], policy: Policy) -> dict:
    """For every score the policy thresholds: how many comments reach the review threshold."""
    out = {}
    for name, threshold in {**policy.reject, **policy.review}.items():
        count = sum(score_value(r, name) >= threshold for r in rows)
        out[name] = {"threshold": threshold, "count": count, "share": _r(count / len(rows)) if rows else None}
    return out


def _thread(toxicity: list[float]) -> dict:
    """How toxicity moves along the thread: first half against second half, and the fitted slope
    expressed as the change from the first comment to the last. Rising or falling only when both say so
    (the report shows the halves beside the word): a slope pulled by a last outlier alone is steady."""
    n = len(toxicity)
    if n < MIN_TREND_COMMENTS:
        return {"first_half": None, "second_half": None, "slope": None, "trend": None,
                "toxicity": [_r(t) for t in toxicity]}
    half = n // 2
    slope = float(np.polyfit(np.linspace(0.0, 1.0, n), toxicity, 1)[0])
    first, second = fmean(toxicity[:half]), fmean(toxicity[half:])
    trend = ("rising" if slope >= TREND_STEP and second > first else
             "falling" if slope <= -TREND_STEP and second < first else "steady")
    return {"first_half": _r(first), "second_half": _r(second),
            "slope": _r(slope), "trend": trend, "toxicity": [_r(t) for t in toxicity]}


def _top_authors(comments: list[dict]) -> list[dict]:
    totals = Counter(c["author"] for c in comments if c["author"])
    flags = Counter(c["author"] for c in comments if c["author"] and c["action"] != "approve")
    ranked = sorted(flags.items(), key=lambda item: (-item[1], item[0]))[:TOP_AUTHORS]
    return [{"author": author, "flagged": n, "comments": totals[author]} for author, n in ranked]


def _r(value, digits: int = 4):
    """Rounded for reading; the queue keeps full precision."""
    if value is None:
        return None
    value = float(value)
    return None if value != value else round(value, digits)
