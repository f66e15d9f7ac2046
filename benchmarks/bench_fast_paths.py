"""The fast toxicity and conspiracy scoring paths against the plain sklearn paths they replace, side by
side in one run (the machine is shared: compare the ratios), on one core.

    python benchmarks/bench_fast_paths.py [--comments 10000] [--repeat 3]

"plain" is the code as it was before the fast paths (sklearn's `transform` and `predict_proba`, the old
spans and lexicon loops), kept in `tests/test_scoring_exact.py` as the reference the fast paths must
equal bit for bit; this script checks that equality on the benchmark comments too. Times are CPU time of
this process, best of `--repeat`, the two paths alternating. "cold" clears the toxicity scorer's cache of
unseen-word guesses before each run (a fresh process); "warm" keeps it (a long run). Also: where a fresh
process spends its start-up (imports, unpickling each model).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

STARTUP = """
import time
t0 = time.perf_counter(); c0 = time.process_time()
import comments.scoring
from comments.scoring import conspiracy, sentiment, toxicity
t1 = time.perf_counter()
toxicity.load(); t2 = time.perf_counter()
conspiracy.load(); t3 = time.perf_counter()
sentiment.load(); t4 = time.perf_counter()
comments.scoring.score(["ready"]); t5 = time.perf_counter()
print(f"{t1 - t0:.2f} {t2 - t1:.2f} {t3 - t2:.2f} {t4 - t3:.2f} {t5 - t4:.2f} {t5 - t0:.2f} {time.process_time() - c0:.2f}")
"""


def cpu_seconds(fn) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from common import news_comments
    from test_scoring_exact import assert_same_frame, reference_conspiracy, reference_toxicity

    from comments.scoring import conspiracy, sentiment, toxicity

    tox, consp, senti = toxicity.load(), conspiracy.load(), sentiment.load()
    texts = news_comments(args.comments)
    guesses = tox.model.word_toxicity.__dict__

    def cold_toxicity():
        guesses.pop("_known", None)
        return tox.score(texts)

    runs = {
        "toxicity plain": lambda: reference_toxicity(tox.model, texts),
        "toxicity fast, cold": cold_toxicity,
        "toxicity fast, warm": lambda: tox.score(texts),
        "conspiracy plain": lambda: reference_conspiracy(consp, texts),
        "conspiracy fast": lambda: consp.score(texts),
        "sentiment (unchanged)": lambda: senti.score(texts),
    }
    assert_same_frame(tox.score(texts), reference_toxicity(tox.model, texts))
    assert_same_frame(consp.score(texts), reference_conspiracy(consp, texts))
    print(f"{len(texts)} comments, mean {sum(map(len, texts)) / len(texts):.0f} chars; "
          "fast == plain, bit for bit, on all of them")
    best = {name: float("inf") for name in runs}
    for _ in range(args.repeat):
        for name, fn in runs.items():
            best[name] = min(best[name], cpu_seconds(fn))
    for name, seconds in best.items():
        print(f"  {name:22s} {seconds:6.3f} s CPU {len(texts) / seconds:9,.0f} comments/s")
    for model in ("toxicity", "conspiracy"):
        fast = best[f"{model} fast, cold"] if model == "toxicity" else best[f"{model} fast"]
        print(f"  {model}: {best[f'{model} plain'] / fast:.2f}x faster")
    plain = best["toxicity plain"] + best["conspiracy plain"] + best["sentiment (unchanged)"]
    fast = best["toxicity fast, cold"] + best["conspiracy fast"] + best["sentiment (unchanged)"]
    print(f"  the three models (sum of the above): plain {len(texts) / plain:,.0f} comments/s, "
          f"fast {len(texts) / fast:,.0f} comments/s")

    print("fresh process start-up, seconds (wall): imports, load toxicity, conspiracy, sentiment, "
          "first score, total (CPU total)")
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True,
                             cwd=ROOT).stdout
        print("  " + out.strip())


if __name__ == "__main__":
    main()
