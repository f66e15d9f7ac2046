"""Functional tests in the spirit of HateCheck (Röttger et al. 2021): group-directed hate, and threats.

    python benchmarks/bench_functional.py hate      # -> reports/hate_functional.md
    python benchmarks/bench_functional.py threat    # -> reports/threat_functional.md
    (options: --data FILE.jsonl, --report FILE.md, --code TEXT)

Each set (benchmarks/data/<set>_functional.jsonl, one object a line: `text`, `functionality`, the label
(`hateful` or `threat`, true/false) and `target`) was written by hand for this check by someone who did not
see the rules it measures, and is not derived from ../shared; its .md beside it says how. Positive
functionalities (kinds of hate, kinds of threat) sit beside negative contrasts that share their words
(counter-speech, negation, quotation, idiom, news reports, the same words aimed at other targets...).

For each functionality: the share `comments` flags (review or reject under the default policy), the share
whose attribute (identity_attack, threat) is at or above the policy's review threshold for it, mean
toxicity and attribute, and the share alt-profanity-check flags (`predict_prob >= 0.5`) as a peer. Then
recall and the false-flag rate overall, and recall per target.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402
from profanity_check import predict_prob  # noqa: E402

import comments  # noqa: E402
from comments.atomic import write_text  # noqa: E402
from comments.modelstore import model_versions  # noqa: E402
from comments.moderate import moderate  # noqa: E402
from comments.policy import load_policy  # noqa: E402

PEER_THRESHOLD = 0.5


@dataclass(frozen=True)
class FunctionalSet:
    title: str
    label: str  # the JSON field that says whether a case is positive
    positive: str  # what a positive case is ("hateful")
    attribute: str  # the score column the set is about
    short: str  # the attribute's column heading
    blind_to: str  # the work the set's writer did not see


SETS = {
    "hate": FunctionalSet("Group-directed hate", "hateful", "hateful", "identity_attack", "IA",
                          "the identity-attack work"),
    "threat": FunctionalSet("Threats", "threat", "threatening", "threat", "threat", "the threat cues"),
}


@dataclass(frozen=True)
class Case:
    text: str
    functionality: str
    positive: bool
    target: str | None


def load_cases(path: Path, label: str) -> list[Case]:
    """Every case of the set; a malformed line stops the run with its line number and the reason."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"{path}:{number}: not JSON ({e.msg})")
        fields = ("text", "functionality", label, "target")
        missing = [f for f in fields if f not in row]
        if missing or not isinstance(row[label], bool) or not str(row["text"]).strip():
            sys.exit(f"{path}:{number}: needs a non-empty text, a functionality, {label} true/false and a target"
                     f"{' (missing ' + ', '.join(missing) + ')' if missing else ''}")
        cases.append(Case(row["text"], row["functionality"], row[label], row["target"]))
    return cases


def measure(cases: list[Case], attribute: str) -> tuple[pd.DataFrame, float]:
    """One row per case with our scores, our action, and the peer's probability; and the default policy's
    review threshold for `attribute`."""
    policy = load_policy()
    texts = [c.text for c in cases]
    scores = comments.score(texts)
    actions = [moderate(row, text, policy).action for row, text in zip(scores.to_dict("records"), texts)]
    threshold = policy.review[attribute]
    frame = pd.DataFrame({
        "functionality": [c.functionality for c in cases],
        "positive": [c.positive for c in cases],
        "target": [c.target or "(none)" for c in cases],
        "toxicity": scores["toxicity"].to_numpy(),
        "attribute": scores[attribute].to_numpy(),
        "flagged": [a != "approve" for a in actions],
        "peer_flagged": predict_prob(texts) >= PEER_THRESHOLD,
    })
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
        f"{positive.target.nunique()} targets). "
        f"Hand-written, blind to {spec.blind_to}, not derived from ../shared.",
        "",
        "- **flagged**: review or reject under the default policy (`comments.moderate.moderate`), any reason.",
        f"- **{spec.short}**: {spec.attribute} >= {threshold:.2f}, the default policy's {spec.attribute} "
        "review threshold.",
        f"- **peer**: alt-profanity-check `predict_prob >= {PEER_THRESHOLD}`.",
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
    per_target = positive.groupby("target").agg(n=("flagged", "size"), flagged=("flagged", "mean"),
                                                attribute_flagged=("attribute_flagged", "mean"),
                                                peer_flagged=("peer_flagged", "mean"))
    lines += ["", f"## {spec.positive.capitalize()} recall per target", "",
              f"| target | n | flagged | {spec.short} | peer flagged |", "|---|---:|---:|---:|---:|"]
    for target, row in per_target.sort_values("flagged").iterrows():
        lines.append(f"| {target} | {row.n:.0f} | {row.flagged:.3f} | {row.attribute_flagged:.3f} | "
                     f"{row.peer_flagged:.3f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(SETS), help="which functional test set")
    parser.add_argument("--data", type=Path, help="the set (default: benchmarks/data/<set>_functional.jsonl)")
    parser.add_argument("--report", type=Path, help="the report (default: reports/<set>_functional.md)")
    parser.add_argument("--code", help="what code ran, for the report (default: this checkout's git commit)")
    args = parser.parse_args()
    spec = SETS[args.set]
    data = (args.data or REPO / "benchmarks" / "data" / f"{args.set}_functional.jsonl").resolve()
    frame, threshold = measure(load_cases(data, spec.label), spec.attribute)
    text = report(args.set, spec, frame, threshold, data, args.code or code_version())
    write_text(args.report or REPO / "reports" / f"{args.set}_functional.md", text)
    print(text)


if __name__ == "__main__":
    main()
