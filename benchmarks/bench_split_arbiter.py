"""What the splitter's arbiter (comments/split_arbiter.py) costs: the splitter with and without it, on one core.

    python benchmarks/bench_split_arbiter.py [--pages DIR] [--rounds 40] [--report reports/bench_split_arbiter.md]

The same pages as benchmarks/bench_split.py (the dev corpus dumps when present). Rounds (every page once) alternate
between the rules alone and the rules with the arbiter in this one process, so both see the same machine load;
CPU time per round. The budget for the arbiter is +25% split time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_split import load_pages  # noqa: E402
from comments import split  # noqa: E402
from comments.atomic import write_text  # noqa: E402
from training.datasets import SHARED  # noqa: E402

BUDGET = 0.25


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=SHARED / "pages")
    ap.add_argument("--rounds", type=int, default=40, help="rounds per arm")
    ap.add_argument("--report", type=Path, default=REPO / "reports" / "bench_split_arbiter.md")
    args = ap.parse_args(argv)
    pages, what = load_pages(args.pages)
    if split._arbiter_model() is None:
        raise SystemExit("no split_arbiter model in comments/models: run `python -m training.split_arbiter`")
    arms = {"rules alone": False, "rules + arbiter": True}  # split_text's `arbitrate`
    rates: dict[str, list[float]] = {name: [] for name in arms}
    for text in pages:  # warm-up
        split.split_text(text, id="warm")
    for r in range(args.rounds):
        for name in (list(arms) if r % 2 else list(arms)[::-1]):
            t0 = time.process_time()
            for text in pages:
                split.split_text(text, id="bench", arbitrate=arms[name])
            rates[name].append(len(pages) / max(time.process_time() - t0, 1e-9))
    alone, arbiter = (statistics.median(rates[name]) for name in arms)
    slower = alone / arbiter - 1
    load = f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"
    report = (
        "# What the splitter's arbiter costs\n\n"
        f"Rerun: `python benchmarks/bench_split_arbiter.py`. {what}; {args.rounds} rounds per arm, alternating, "
        "one process, CPU time per round.\n\n"
        "| | best round, pages/s | median round, pages/s |\n|---|---|---|\n"
        + "".join(f"| {name} | {max(r):,.0f} | {statistics.median(r):,.0f} |\n" for name, r in rates.items())
        + f"\nSplit time with the arbiter: {slower:+.1%} (median rounds; budget +{BUDGET:.0%}: "
        f"{'within' if slower <= BUDGET else 'OVER'}). Load average {load} while measuring.\n"
    )
    write_text(args.report, report)
    print(report)


if __name__ == "__main__":
    main()
