"""What the threat cues cost: `comments.score` on the same news comments with the cues on and off, one core.

    python benchmarks/bench_threat_cues.py [--comments 10000] [--repeat 3] [--report reports/bench_threat_cues.md]

Comments are real news reader comments from ../shared/data (`common.news_comments`: Kaggle insults test and
the Civil Comments toxic-spans train set, so many are toxic). The two settings run in the same process,
interleaved (on, off, on, off...), after one warm-up call; CPU time of this process, best of `--repeat` each.
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from common import best_cpu_time, news_comments  # noqa: E402
import comments  # noqa: E402
from comments.atomic import write_text  # noqa: E402
from comments.scoring import default_scorer, threat_cues  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--report", type=Path, default=REPO / "reports" / "bench_threat_cues.md")
    args = parser.parse_args()

    texts = news_comments(args.comments)
    toxicity = default_scorer().toxicity
    analyzer = toxicity.model.words.analyzer
    comments.score(texts[:200])  # warm-up: models loaded, patterns compiled
    best = {True: float("inf"), False: float("inf")}
    for _ in range(args.repeat):
        for cues_on in (True, False):
            toxicity.threat_cues = cues_on
            started = time.process_time()
            scores = comments.score(texts)
            best[cues_on] = min(best[cues_on], time.process_time() - started)
            if cues_on:
                fired = int((scores.threat >= 0.5).sum())
    toxicity.threat_cues = True
    tokens = [analyzer.tokens(t) for t in texts]  # made once by the scorer for every head
    passed = sum(map(threat_cues.maybe_threatening, tokens))
    with_cue = sum(bool(threat_cues.find(t)) for t in texts)
    cue_seconds = best_cpu_time(lambda: [threat_cues.find(t) for t, k in zip(texts, tokens)
                                         if threat_cues.maybe_threatening(k)], args.repeat)
    extra = best[True] / best[False] - 1
    report = "\n".join([
        "# Threat cues: cost", "",
        f"`python benchmarks/bench_threat_cues.py --comments {args.comments} --repeat {args.repeat}` on "
        f"{platform.python_implementation()} {platform.python_version()}, {len(texts)} news comments (mean "
        f"{sum(map(len, texts)) / len(texts):.0f} chars), CPU time, best of {args.repeat}, on and off interleaved.", "",
        "| `comments.score` | seconds | comments/s |", "|---|---|---|",
        f"| threat cues off | {best[False]:.2f} | {len(texts) / best[False]:.0f} |",
        f"| threat cues on (shipped) | {best[True]:.2f} | {len(texts) / best[True]:.0f} |", "",
        f"On minus off: {extra:+.1%} of the whole score (on a machine shared with other jobs this difference "
        f"is within the noise, so the cues are also timed alone). Prefilter and patterns alone, on the scorer's "
        f"tokens: {cue_seconds:.3f} s, {cue_seconds / best[False]:.1%} of the whole score with the cues off. The "
        f"prefilter passes {passed} of {len(texts)} comments ({passed / len(texts):.1%}); the patterns find a cue "
        f"in {with_cue} (threat >= 0.50 on {fired} comments with the cues on, hate cues and the model included).",
        ""])
    write_text(args.report, report)
    print(report)


if __name__ == "__main__":
    main()
