"""Functional tests in the spirit of HateCheck (Röttger et al. 2021): group-directed hate, threats, and
conspiracy framing.

    python benchmarks/bench_functional.py hate        # -> reports/hate_functional.md
    python benchmarks/bench_functional.py threat      # -> reports/threat_functional.md
    python benchmarks/bench_functional.py conspiracy  # -> reports/conspiracy_functional.md
    (options: --data FILE.jsonl, --report FILE.md, --code TEXT)

Each set (benchmarks/data/<set>_functional.jsonl, one object a line: `text`, `functionality`, the label
(`hateful`, `threat` or `conspiracy`, true/false) and its group, `target` or, for conspiracy, `topic`) was
written by hand for this check by someone who did not see the rules it measures, and is not derived from
../shared; its .md beside it says how. Positive functionalities (kinds of hate, threat, conspiracy framing)
sit beside negative contrasts that share their words (counter-speech, negation, quotation, idiom, news
reports, debunking, the same words aimed at other targets...).

For each functionality: the share `comments` flags (review or reject under the default policy), the share
whose attribute (identity_attack, threat, conspiracy) is at or above the policy's review threshold for it,
mean toxicity and attribute, and the share a peer flags: alt-profanity-check (`predict_prob >= 0.5`) for
hate and threats; for conspiracy, which has no off-the-shelf peer here, the naive baseline "negative
tone" (VADER `compound <= -0.05`). Then recall and the false-flag rate overall, and recall per group; for
conspiracy, whose bar is ranking on topics not trained on, also the ROC-AUC of the attribute (and of the
peer's score) within each topic.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from profanity_check import predict_prob  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

import comments  # noqa: E402
from comments.atomic import write_text  # noqa: E402
from comments.modelstore import model_versions  # noqa: E402
from comments.moderate import moderate  # noqa: E402
from comments.policy import load_policy  # noqa: E402

PEER_THRESHOLD = 0.5
VADER_NEGATIVE = -0.05  # VADER's documented cut: compound <= -0.05 is negative


@dataclass(frozen=True)
class Peer:
    """A baseline flagging the same cases: its score (higher = more likely positive) and the score at or
    above which it flags."""
    description: str  # for the report's legend
    score: Callable[[list[str], pd.DataFrame], np.ndarray]  # (texts, our score columns) -> peer score
    threshold: float


PROFANITY_PEER = Peer(f"alt-profanity-check `predict_prob >= {PEER_THRESHOLD}`",
                      lambda texts, scores: predict_prob(texts), PEER_THRESHOLD)
# Not a conspiracy detector: the naive baseline that conspiracy framing is just negative tone. Our
# `sentiment_compound` is vaderSentiment's own compound, so it is read from the scores.
VADER_NEGATIVITY_PEER = Peer(f"VADER negativity `compound <= {VADER_NEGATIVE}` (a naive baseline, not a "
                             "conspiracy model)",
                             lambda texts, scores: -scores["sentiment_compound"].to_numpy(), -VADER_NEGATIVE)


@dataclass(frozen=True)
class FunctionalSet:
    title: str
    label: str  # the JSON field that says whether a case is positive
    positive: str  # what a positive case is ("hateful")
    attribute: str  # the score column the set is about
    short: str  # the attribute's column heading
    blind_to: str  # the work the set's writer did not see
    group: str = "target"  # the JSON field recall is broken down by
    peer: Peer = PROFANITY_PEER
    auc_per_group: bool = False  # groups hold both labels: report how well the attribute ranks within each


SETS = {
    "hate": FunctionalSet("Group-directed hate", "hateful", "hateful", "identity_attack", "IA",
                          "the identity-attack work"),
    "threat": FunctionalSet("Threats", "threat", "threatening", "threat", "threat", "the threat cues"),
    "conspiracy": FunctionalSet("Conspiracy framing", "conspiracy", "conspiratorial", "conspiracy", "consp",
                                "the conspiracy detector and its training data", group="topic",
                                peer=VADER_NEGATIVITY_PEER, auc_per_group=True),
}


@dataclass(frozen=True)
class Case:
    text: str
    functionality: str
    positive: bool
    group: str | None  # the case's target or topic


def load_cases(path: Path, label: str, group: str = "target") -> list[Case]:
    """Every case of the set; a malformed line stops the run with its line number and the reason."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"{path}:{number}: not JSON ({e.msg})")
        fields = ("text", "functionality", label, group)
        missing = [f for f in fields if f not in row]
        if missing or not isinstance(row[label], bool) or not str(row["text"]).strip():
            sys.exit(f"{path}:{number}: needs a non-empty text, a functionality, {label} true/false and a {group}"
                     f"{' (missing ' + ', '.join(missing) + ')' if missing else ''}")
        cases.append(Case(row["text"], row["functionality"], row[label], row[group]))
    return cases


def measure(cases: list[Case], attribute: str, peer: Peer = PROFANITY_PEER) -> tuple[pd.DataFrame, float]:
    """One row per case with our scores, our action, and the peer's score; and the default policy's
    review threshold for `attribute`."""
    policy = load_policy()
    texts = [c.text for c in cases]
    scores = comments.score(texts)
    actions = [moderate(row, text, policy).action for row, text in zip(scores.to_dict("records"), texts)]
    threshold = policy.review[attribute]
    frame = pd.DataFrame({
        "functionality": [c.functionality for c in cases],
        "positive": [c.positive for c in cases],
        "group": [c.group or "(none)" for c in cases],
        "toxicity": scores["toxicity"].to_numpy(),
        "attribute": scores[attribute].to_numpy(),
        "flagged": [a != "approve" for a in actions],
        "peer": peer.score(texts, scores),
    })
    frame["peer_flagged"] = frame["peer"] >= peer.threshold
    frame["attribute_flagged"] = frame["attribute"] >= threshold
    return frame, threshold


def by_functionality(frame: pd.DataFrame) -> pd.DataFrame:
    table = frame.groupby(["positive", "functionality"], sort=False).agg(
        n=("flagged", "size"), flagged=("flagged", "mean"), attribute_flagged=("attribute_flagged", "mean"),
        toxicity=("toxicity", "mean"), attribute=("attribute", "mean"), peer_flagged=("peer_flagged", "mean"))
    return table.sort_index(level=0, ascending=False, sort_remaining=False)


def code_version() -> str:
    """This checkout's commit, marked when `comments/` has uncommitted changes; "unknown" outside git."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)

    rev = git("rev-parse", "--short", "HEAD")
    if rev.returncode:
        return "unknown (not a git checkout)"
    dirty = git("status", "--porcelain", "--", "comments").stdout.strip()
    return rev.stdout.strip() + (" with uncommitted changes in comments/" if dirty else "")


def report(name: str, spec: FunctionalSet, frame: pd.DataFrame, threshold: float, data: Path, code: str) -> str:
    positive, negative = frame[frame.positive], frame[~frame.positive]
    lines = [
        f"# {spec.title}: functional tests",
        "",
        f"Made by `python benchmarks/bench_functional.py {name}` on `{data.name}` "
        f"({len(frame)} sentences: {len(positive)} {spec.positive}, {len(negative)} not; "
        f"{positive.group.nunique()} {spec.group}s). "
        f"Hand-written by someone who had not seen {spec.blind_to}, not derived from ../shared; "
        f"`{data.with_suffix('.md').name}` beside it says how it was written and how it has been used since.",
        "",
        "- **flagged**: review or reject under the default policy (`comments.moderate.moderate`), any reason.",
        f"- **{spec.short}**: {spec.attribute} >= {threshold:.2f}, the default policy's {spec.attribute} "
        "review threshold.",
        f"- **peer**: {spec.peer.description}.",
        f"- Code: {code}.",
        f"- Models: {', '.join(f'{k} {v}' for k, v in sorted(model_versions().items()))}.",
        "",
        "## Overall",
        "",
        f"| | comments: flagged | comments: {spec.short} | peer: flagged |",
        "|---|---:|---:|---:|",
        f"| {spec.positive} recall (n={len(positive)}) | {positive.flagged.mean():.3f} "
        f"| {positive.attribute_flagged.mean():.3f} | {positive.peer_flagged.mean():.3f} |",
        f"| non-{spec.positive} false-flag rate (n={len(negative)}) | {negative.flagged.mean():.3f} "
        f"| {negative.attribute_flagged.mean():.3f} | {negative.peer_flagged.mean():.3f} |",
        "",
        "## Per functionality",
        "",
        f"For {spec.positive} functionalities the shares are recall (higher is better); for the others they are "
        "false flags (lower is better).",
        "",
        f"| functionality | {spec.positive} | n | flagged | {spec.short} | mean toxicity | mean {spec.attribute} "
        "| peer flagged |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (is_positive, functionality), row in by_functionality(frame).iterrows():
        lines.append(f"| {functionality} | {'yes' if is_positive else 'no'} | {row.n:.0f} | {row.flagged:.3f} | "
                     f"{row.attribute_flagged:.3f} | {row.toxicity:.3f} | {row.attribute:.3f} | "
                     f"{row.peer_flagged:.3f} |")
    if spec.auc_per_group:
        lines += per_group_ranking(spec, frame)
        return "\n".join(lines) + "\n"
    per_group = positive.groupby("group").agg(n=("flagged", "size"), flagged=("flagged", "mean"),
                                              attribute_flagged=("attribute_flagged", "mean"),
                                              peer_flagged=("peer_flagged", "mean"))
    lines += ["", f"## {spec.positive.capitalize()} recall per {spec.group}", "",
              f"| {spec.group} | n | flagged | {spec.short} | peer flagged |", "|---|---:|---:|---:|---:|"]
    for group, row in per_group.sort_values("flagged").iterrows():
        lines.append(f"| {group} | {row.n:.0f} | {row.flagged:.3f} | {row.attribute_flagged:.3f} | "
                     f"{row.peer_flagged:.3f} |")
    return "\n".join(lines) + "\n"


def per_group_ranking(spec: FunctionalSet, frame: pd.DataFrame) -> list[str]:
    """Report lines: per group (and over all), recall and false flags, and the ROC-AUC of the attribute and
    of the peer's score: whether positives rank above the negatives of the same group, threshold aside."""
    def auc(cases: pd.DataFrame, column: str) -> float:
        return roc_auc_score(cases.positive, cases[column]) if cases.positive.nunique() == 2 else float("nan")

    def row(name: str, cases: pd.DataFrame) -> str:
        positive, negative = cases[cases.positive], cases[~cases.positive]
        return (f"| {name} | {len(positive)} | {len(negative)} | {auc(cases, 'attribute'):.3f} | "
                f"{auc(cases, 'peer'):.3f} | {positive.flagged.mean():.3f} | "
                f"{positive.attribute_flagged.mean():.3f} | {negative.flagged.mean():.3f} | "
                f"{negative.attribute_flagged.mean():.3f} |")

    groups = dict(list(frame.groupby("group")))
    worst_first = sorted(groups, key=lambda g: (auc(groups[g], "attribute"), g))
    return ["", f"## Ranking per {spec.group}", "",
            f"ROC-AUC of {spec.attribute} (and of the peer's score) among the cases of each {spec.group}, "
            "worst first (nan: the group lacks one label); recall and false-flag rate within it.",
            "",
            f"| {spec.group} | n {spec.positive} | n not | AUC {spec.attribute} | AUC peer | recall: flagged | "
            f"recall: {spec.short} | false flags: flagged | false flags: {spec.short} |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            *(row(group, groups[group]) for group in worst_first),
            row(f"all {spec.group}s", frame)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(SETS), help="which functional test set")
    parser.add_argument("--data", type=Path, help="the set (default: benchmarks/data/<set>_functional.jsonl)")
    parser.add_argument("--report", type=Path, help="the report (default: reports/<set>_functional.md)")
    parser.add_argument("--code", help="what code ran, for the report (default: this checkout's git commit)")
    args = parser.parse_args()
    spec = SETS[args.set]
    data = (args.data or REPO / "benchmarks" / "data" / f"{args.set}_functional.jsonl").resolve()
    frame, threshold = measure(load_cases(data, spec.label, spec.group), spec.attribute, spec.peer)
    text = report(args.set, spec, frame, threshold, data, args.code or code_version())
    write_text(args.report or REPO / "reports" / f"{args.set}_functional.md", text)
    print(text)


if __name__ == "__main__":
    main()
