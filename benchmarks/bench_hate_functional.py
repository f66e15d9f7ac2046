"""Group-directed hate, functional tests in the spirit of HateCheck (Röttger et al. 2021).

    python benchmarks/bench_hate_functional.py [--data benchmarks/data/hate_functional.jsonl]
                                               [--report reports/hate_functional.md]

The set (benchmarks/data/hate_functional.jsonl, one object a line: `text`, `functionality`, `hateful`,
`target`) was written by hand for this check, blind to the identity-attack work it measures, and is not
derived from ../shared. Hateful functionalities (dehumanisation, exclusion, threats, derogation, hate put
as a question or opinion, implicit/coded hate, slurs, spelling variations) sit beside non-hateful
contrasts that share their words (neutral or positive mentions, counter-speech, negation, the same words
aimed at non-protected targets, untargeted profanity, civil criticism, reclaimed usage).

For each functionality: the share `comments` flags (review or reject under the default policy), the share
with identity_attack at or above the policy's identity_attack review threshold, mean toxicity and
identity_attack, and the share alt-profanity-check flags (`predict_prob >= 0.5`) as a peer. Then hateful
recall and the non-hateful false-flag rate overall, and recall per target group.
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

FIELDS = ("text", "functionality", "hateful", "target")
PEER_THRESHOLD = 0.5


@dataclass(frozen=True)
class Case:
    text: str
    functionality: str
    hateful: bool
    target: str | None


def load_cases(path: Path) -> list[Case]:
    """Every case of the set; a malformed line stops the run with its line number and the reason."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"{path}:{number}: not JSON ({e.msg})")
        missing = [f for f in FIELDS if f not in row]
        if missing or not isinstance(row["hateful"], bool) or not str(row["text"]).strip():
            sys.exit(f"{path}:{number}: needs a non-empty text, a functionality, hateful true/false and a target"
                     f"{' (missing ' + ', '.join(missing) + ')' if missing else ''}")
        cases.append(Case(row["text"], row["functionality"], row["hateful"], row["target"]))
    return cases


def measure(cases: list[Case]) -> tuple[pd.DataFrame, float]:
    """One row per case with our scores, our action, and the peer's probability; and the identity_attack
    review threshold of the default policy."""
    policy = load_policy()
    texts = [c.text for c in cases]
    scores = comments.score(texts)
    actions = [moderate(row, text, policy).action for row, text in zip(scores.to_dict("records"), texts)]
    ia_threshold = policy.review["identity_attack"]
    frame = pd.DataFrame({
        "functionality": [c.functionality for c in cases],
        "hateful": [c.hateful for c in cases],
        "target": [c.target or "(none)" for c in cases],
        "toxicity": scores["toxicity"].to_numpy(),
        "identity_attack": scores["identity_attack"].to_numpy(),
        "flagged": [a != "approve" for a in actions],
        "peer_flagged": predict_prob(texts) >= PEER_THRESHOLD,
    })
    frame["ia_flagged"] = frame["identity_attack"] >= ia_threshold
    return frame, ia_threshold


def by_functionality(frame: pd.DataFrame) -> pd.DataFrame:
    table = frame.groupby(["hateful", "functionality"], sort=False).agg(
        n=("flagged", "size"), flagged=("flagged", "mean"), ia_flagged=("ia_flagged", "mean"),
        toxicity=("toxicity", "mean"), identity_attack=("identity_attack", "mean"),
        peer_flagged=("peer_flagged", "mean"))
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


def report(frame: pd.DataFrame, ia_threshold: float, data: Path, code: str) -> str:
    hateful, benign = frame[frame.hateful], frame[~frame.hateful]
    lines = [
        "# Group-directed hate: functional tests",
        "",
        f"Made by `python benchmarks/bench_hate_functional.py` on `{data.name}` "
        f"({len(frame)} sentences: {len(hateful)} hateful, {len(benign)} not; "
        f"{frame.target.nunique() - ('(none)' in set(frame.target))} target groups). "
        "Hand-written, blind to the identity-attack work, not derived from ../shared.",
        "",
        "- **flagged**: review or reject under the default policy (`comments.moderate.moderate`), any reason.",
        f"- **IA**: identity_attack >= {ia_threshold:.2f}, the default policy's identity_attack review threshold.",
        f"- **peer**: alt-profanity-check `predict_prob >= {PEER_THRESHOLD}`.",
        f"- Code: {code}.",
        f"- Models: {', '.join(f'{k} {v}' for k, v in sorted(model_versions().items()))}.",
        "",
        "## Overall",
        "",
        "| | comments: flagged | comments: IA | peer: flagged |",
        "|---|---:|---:|---:|",
        f"| hateful recall (n={len(hateful)}) | {hateful.flagged.mean():.3f} | {hateful.ia_flagged.mean():.3f} "
        f"| {hateful.peer_flagged.mean():.3f} |",
        f"| non-hateful false-flag rate (n={len(benign)}) | {benign.flagged.mean():.3f} "
        f"| {benign.ia_flagged.mean():.3f} | {benign.peer_flagged.mean():.3f} |",
        "",
        "## Per functionality",
        "",
        "For hateful functionalities the shares are recall (higher is better); for the others they are "
        "false flags (lower is better).",
        "",
        "| functionality | hateful | n | flagged | IA | mean toxicity | mean identity_attack | peer flagged |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (is_hateful, name), row in by_functionality(frame).iterrows():
        lines.append(f"| {name} | {'yes' if is_hateful else 'no'} | {row.n:.0f} | {row.flagged:.3f} | "
                     f"{row.ia_flagged:.3f} | {row.toxicity:.3f} | {row.identity_attack:.3f} | "
                     f"{row.peer_flagged:.3f} |")
    per_target = hateful.groupby("target").agg(n=("flagged", "size"), flagged=("flagged", "mean"),
                                               ia_flagged=("ia_flagged", "mean"),
                                               peer_flagged=("peer_flagged", "mean"))
    lines += ["", "## Hateful recall per target group", "",
              "| target | n | flagged | IA | peer flagged |", "|---|---:|---:|---:|---:|"]
    for target, row in per_target.sort_values("flagged").iterrows():
        lines.append(f"| {target} | {row.n:.0f} | {row.flagged:.3f} | {row.ia_flagged:.3f} | {row.peer_flagged:.3f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "benchmarks" / "data" / "hate_functional.jsonl")
    parser.add_argument("--report", type=Path, default=REPO / "reports" / "hate_functional.md")
    parser.add_argument("--code", help="what code ran, for the report (default: this checkout's git commit)")
    args = parser.parse_args()
    data = args.data.resolve()
    frame, ia_threshold = measure(load_cases(data))
    text = report(frame, ia_threshold, data, args.code or code_version())
    write_text(args.report, text)
    print(text)


if __name__ == "__main__":
    main()
