"""Throughput of the page splitter alone, on one core: pages per second.

    python benchmarks/bench_split.py [--pages DIR] [--seconds 5] [--report reports/bench_split.md]

Pages are the dev corpus dumps (../shared/pages/*.txt) when present, else pages generated here
(an article, some page chrome and a comment section in one of several layouts). Files are read
once up front; only `split_text` is timed, in this single process (CPU time, so other processes on
a shared machine do not count against it). The bar is 2,000 pages/s.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from comments.atomic import write_text  # noqa: E402
from comments.split import split_text  # noqa: E402
from training.datasets import SHARED  # noqa: E402

BAR = 2000.0


def generated_pages(n: int = 120, seed: int = 7) -> list[str]:
    """Typical pages when ../shared is absent: ~20 article paragraphs, chrome, 0-15 comments."""
    rnd = random.Random(seed)
    words = ("city council vote plan said would the of and new people year market police team "
             "government report week official school river bridge company price season").split()

    def sentence(lo: int, hi: int) -> str:
        return " ".join(rnd.choice(words) for _ in range(rnd.randint(lo, hi))).capitalize() + "."

    layouts = [
        lambda a, i: f"{a}\n{sentence(5, 40)}",
        lambda a, i: f"{a} • {i + 1} hours ago\n{sentence(5, 40)}\nReply • Share ›\n",
        lambda a, i: f"{a} says:\nMarch {i % 28 + 1}, 2021 at 5:{i % 60:02d} pm\n{sentence(5, 40)}\nReply",
        lambda a, i: f"[2021-03-0{i % 9 + 1} 10:{i % 60:02d}] {a}: {sentence(5, 40)}",
    ]
    pages = []
    for _ in range(n):
        lines = ["Skip to main content", sentence(4, 9)[:-1]]
        lines += [sentence(15, 60) for _ in range(rnd.randint(8, 30))]
        lines += ["Share this article", "© 2021 Example Media. All rights reserved."]
        count = rnd.choice([0, 0, 3, 8, 15])
        if count:
            layout = rnd.choice(layouts)
            lines.append(f"{count} Comments")
            lines += [layout(f"user{rnd.randint(1, 99)}", i) for i in range(count)]
        else:
            lines.append("Comments are closed.")
        pages.append("\n".join(lines) + "\n")
    return pages


def load_pages(pages_dir: Path) -> tuple[list[str], str]:
    files = sorted(pages_dir.glob("*.txt")) if pages_dir.is_dir() else []
    if files:
        return [f.read_text(encoding="utf-8") for f in files], f"{len(files)} dev corpus pages from {pages_dir}"
    pages = generated_pages()
    return pages, f"{len(pages)} generated pages ({pages_dir} not found)"


def measure(pages: list[str], seconds: float) -> tuple[float, float, int]:
    """Pages/s of the best and of the median round (one round = every page once)."""
    for text in pages:  # warm-up: regex caches, imports
        split_text(text, id="warm")
    rates, done, start = [], 0, time.process_time()
    while time.process_time() - start < seconds or len(rates) < 3:
        t0 = time.process_time()
        for text in pages:
            split_text(text, id="bench")
        rates.append(len(pages) / max(time.process_time() - t0, 1e-9))
        done += len(pages)
    return max(rates), statistics.median(rates), done


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=SHARED / "pages")
    ap.add_argument("--seconds", type=float, default=5.0, help="minimum CPU seconds to run")
    ap.add_argument("--report", type=Path, default=REPO / "reports" / "bench_split.md")
    args = ap.parse_args(argv)
    pages, what = load_pages(args.pages)
    best, median, done = measure(pages, args.seconds)
    chars = sum(map(len, pages)) / len(pages)
    verdict = "meets" if best >= BAR else "BELOW"
    load = f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"
    report = (
        "# Splitter throughput\n\n"
        f"Rerun: `python benchmarks/bench_split.py`. One process, one core, CPU time per round (one round "
        f"= every page once); {what}, {chars:,.0f} characters per page on average.\n\n"
        "| pages split | best round, pages/s | median round, pages/s | bar |\n|---|---|---|---|\n"
        f"| {done:,} | {best:,.0f} | {median:,.0f} | {BAR:,.0f} ({verdict}) |\n\n"
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {load} while measuring (a shared machine slows the median).\n"
    )
    write_text(args.report, report)
    print(report)


if __name__ == "__main__":
    main()
