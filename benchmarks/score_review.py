"""Score review: do the scores and their explanations hold up on news comments the dev sets do not have?

    python benchmarks/score_review.py                  # -> reports/score_review.md (before -> after)
    python benchmarks/score_review.py --save-baseline  # record the current numbers as "before"
    python benchmarks/score_review.py --show A         # every row of half A with its scores (never B)

`benchmarks/data/score_review.jsonl` holds 208 reader comments written by hand for this review (none from
../shared), in classes such as negated insults, insults aimed at ideas, reported insults, profanity as praise,
identity terms, dilution, sarcasm, mixed sentiment and conspiracy framing on topics absent from the training
data. Each row says what a careful moderator expects, decided before any of them was scored: `toxic`, the
`attribute` (insult / obscene / threat / identity_attack, or none), the words or phrases that should be the
`spans`, the `sentiment` label (null where a comment is genuinely mixed: not measured) and `conspiracy`.

Halves, fixed before measuring: within each class, rows in file order alternate A, B, A, B... Fixes are made
looking at half A only; half B is measured at the start (the baseline) and at the end, never read row by row.

What agrees with the expectation, per row:
- toxic: `toxicity` >= the model's shipped threshold (0.40) exactly when the row is toxic;
- attribute: for a row with an attribute, it is the highest of insult / obscene / threat / identity_attack;
  for a row without one, no attribute reaches the default policy's review threshold for it;
- spans: word-level F1 of the words `toxic_spans` cover against the expected words >= 0.5 (both empty: agree);
- sentiment: `sentiment_label` equals the expected label (rows with a label);
- conspiracy: `conspiracy` >= 0.5 (the model's threshold) exactly when the row is conspiracy framing;
- moderation: the default policy's *score* rules (its word lists left out: they are the desk's call) flag the
  row (review or reject) exactly when it is toxic or conspiracy framing.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

import comments  # noqa: E402
from comments.atomic import write_text  # noqa: E402
from comments.moderate import moderate_frame  # noqa: E402
from comments.policy import load_policy  # noqa: E402

DATA = REPO / "benchmarks" / "data" / "score_review.jsonl"
BASELINE = REPO / "benchmarks" / "data" / "score_review_baseline.json"
REPORT = REPO / "reports" / "score_review.md"
ATTRIBUTES = ("insult", "obscene", "threat", "identity_attack")
TOXIC = 0.40  # the toxicity model's shipped threshold (reports/models/toxicity.md)
CONSPIRACY = 0.5  # the conspiracy model's shipped threshold
MEASURES = ("toxic", "attribute", "spans", "sentiment", "conspiracy", "moderation")
WORD = re.compile(r"[\w']+")


def load_rows(path: Path = DATA) -> pd.DataFrame:
    rows = pd.DataFrame([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()])
    rows["half"] = ["AB"[i % 2] for i in rows.groupby("class", sort=False).cumcount()]
    return rows


def words_at(text: str, spans: list) -> set[int]:
    """Indexes of the words of `text` that any of the character spans touch."""
    return {i for i, m in enumerate(WORD.finditer(text))
            if any(m.start() < end and start < m.end() for start, end in spans)}


def expected_spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    lower = text.lower()
    return [(at, at + len(p)) for p in phrases for at in [lower.find(p.lower())] if at >= 0]


def word_f1(truth: set[int], predicted: set[int]) -> float:
    if not truth and not predicted:
        return 1.0
    if not truth or not predicted:
        return 0.0
    hit = len(truth & predicted)
    return 2 * hit / (len(truth) + len(predicted))


def measure(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with a column `ok_<measure>` of True/False (None: not measured) per measure, and the scores."""
    scores = comments.score(rows["text"].tolist())
    policy = load_policy()
    scores_only = dataclasses.replace(policy, banned=(), suspect=(), allowed=())
    decisions = moderate_frame(scores, rows["text"].tolist(), scores_only)
    out = []
    for (_, row), (_, s), decision in zip(rows.iterrows(), scores.iterrows(), decisions):
        attrs = {a: float(s[a]) for a in ATTRIBUTES}
        if isinstance(row["attribute"], str):
            attribute_ok = max(attrs, key=attrs.get) == row["attribute"]
        else:
            attribute_ok = all(attrs[a] < policy.review.get(a, 2.0) for a in ATTRIBUTES) \
                and float(s["severe_toxicity"]) < policy.review.get("severe_toxicity", 2.0)
        truth = words_at(row["text"], expected_spans(row["text"], row["spans"]))
        predicted = words_at(row["text"], [tuple(span) for span in s["toxic_spans"]])
        f1 = word_f1(truth, predicted)
        out.append({
            "ok_toxic": (float(s["toxicity"]) >= TOXIC) == row["toxic"],
            "ok_attribute": attribute_ok,
            "ok_spans": f1 >= 0.5,
            "span_f1": f1,
            "ok_sentiment": None if not isinstance(row["sentiment"], str) else s["sentiment_label"] == row["sentiment"],
            "ok_conspiracy": (float(s["conspiracy"]) >= CONSPIRACY) == row["conspiracy"],
            "ok_moderation": (decision.action != "approve") == (row["toxic"] or row["conspiracy"]),
            "scores": {"toxicity": round(float(s["toxicity"]), 3), **{a: round(v, 3) for a, v in attrs.items()},
                       "severe": round(float(s["severe_toxicity"]), 3),
                       "spans": [row["text"][a:b] for a, b in s["toxic_spans"]],
                       "sentiment": s["sentiment_label"], "conspiracy": round(float(s["conspiracy"]), 3),
                       "cues": list(s["conspiracy_cues"]), "action": decision.action},
        })
    return pd.concat([rows.reset_index(drop=True), pd.DataFrame(out)], axis=1)


def summary(measured: pd.DataFrame) -> dict:
    """{half: {class or "all": {"rows": n, measure: [agree, measured], "span_f1": mean}}}"""
    out: dict = {}
    for half, part in measured.groupby("half"):
        for cls, group in [*part.groupby("class", sort=False), ("all", part)]:
            cell = {"rows": len(group), "span_f1": round(float(group["span_f1"].mean()), 4)}
            for m in MEASURES:
                known = group[f"ok_{m}"].dropna()
                cell[m] = [int(known.astype(bool).sum()), len(known)]
            out.setdefault(half, {})[cls] = cell
    return out


NOTES = """What the review found (2026-11-22, on half A) and what was done:
- Insult words aimed at no one (negated, reported, self-aimed, said of a thing) scored as insults: fixed by
  `comments/scoring/insult_aim.py` (tests/test_insult_aim.py). Reported and thing-aimed words keep their span
  (the Civil Comments raters mark them; dropping them lowered the shipped spans F1), so those classes' span
  agreement stays low by choice.
- Left: one insult diluted in a long civil comment (lowering the sentence cut-off costs Kaggle ROC-AUC, see the
  toxicity card); profanity as praise (toxic to the model; the policy's word lists decide); sarcastic insults
  without an insult word ("Thanks, Einstein"); `toxicity` stays low on group attacks and threats that only the
  cues raise (by design their `identity_attack` / `threat` carry them and the policy reviews them); sentiment on
  sarcasm and mixed opinion.
- Conspiracy framing on new topics was below the threshold (5/8 in each half). Conspiracy model v4 (trained with
  news comments written for it on other topics, not from this review) reads 8/8 in each half, and flags a few
  comments of other classes (criticism 7/8 and 6/8 left unflagged)."""


def _cell(before: list | None, after: list) -> str:
    now = f"{after[0]}/{after[1]}" if after[1] else "-"
    if before is None or before == after:
        return now
    return f"{before[0]}/{before[1]} -> {now}"


def report(after: dict, before: dict | None, classes: list[str]) -> str:
    lines = ["# Score review: reader comments the dev sets do not have", "",
             "Written by `python benchmarks/score_review.py` from `benchmarks/data/score_review.jsonl` (208 comments",
             "written by hand for this review, labels fixed before scoring; see the script's docstring for what",
             "counts as agreement). Cells are rows agreeing / rows measured, `before -> after` where they changed;",
             "*before* is `benchmarks/data/score_review_baseline.json` (the models at the start of the review).",
             "Half A is what fixes were made on; half B was measured only at the start and at the end.", "",
             NOTES, ""]
    for half in "AB":
        lines += [f"## Half {half}", "",
                  "| class | rows | toxic | attribute | spans | span F1 | sentiment | conspiracy | moderation |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for cls in [*classes, "all"]:
            now = after[half][cls]
            was = (before or {}).get(half, {}).get(cls)
            f1 = f"{now['span_f1']:.2f}" if not was or was["span_f1"] == now["span_f1"] \
                else f"{was['span_f1']:.2f} -> {now['span_f1']:.2f}"
            name = f"**{cls}**" if cls == "all" else cls
            lines.append(f"| {name} | {now['rows']} | "
                         + " | ".join(_cell(was and was[m], now[m]) for m in MEASURES[:3]) + f" | {f1} | "
                         + " | ".join(_cell(was and was[m], now[m]) for m in MEASURES[3:]) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save-baseline", action="store_true", help="record these numbers as the 'before'")
    parser.add_argument("--show", choices=["A"], help="print every row of half A with its scores and misses")
    args = parser.parse_args()
    rows = load_rows()
    measured = measure(rows)
    if args.show:
        for _, r in measured[measured["half"] == args.show].iterrows():
            misses = [m for m in MEASURES if r[f"ok_{m}"] is False]
            print(f"[{r['class']}] {'MISS ' + ','.join(misses) if misses else 'ok'}: {r['text']}\n"
                  f"    expected toxic={r['toxic']} attr={r['attribute']} spans={r['spans']} "
                  f"sent={r['sentiment']} consp={r['conspiracy']}\n    got {r['scores']}")
        return
    now = summary(measured)
    if args.save_baseline:
        write_text(BASELINE, json.dumps(now, indent=1) + "\n")
    before = json.loads(BASELINE.read_text()) if BASELINE.exists() else None
    classes = list(dict.fromkeys(rows["class"]))
    write_text(REPORT, report(now, before, classes) + "\n")
    print(REPORT.read_text())


if __name__ == "__main__":
    main()
