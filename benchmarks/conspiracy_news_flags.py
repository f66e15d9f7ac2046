"""How often the shipped conspiracy model flags ordinary news comments: an estimate of its false-alarm rate
on the streams it is for, and the data the policy's conspiracy review threshold is set from.

    python benchmarks/conspiracy_news_flags.py   # prints a Markdown table

Sets (../shared/data, presumed nearly all non-conspiratorial; evaluation only): Kaggle insults test
comments labelled not-insult, the Globe and Mail UCC validation comments labelled healthy, and the Civil
Comments toxic-spans posts (all rated toxic upstream: angry news comments, a hard case for "framing").
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from comments.policy import load_policy  # noqa: E402
from comments.scoring import conspiracy  # noqa: E402
from training.datasets import kaggle_insults, toxic_spans_raw, ucc_val  # noqa: E402


GRID = np.round(np.arange(0.5, 0.91, 0.05), 2)


def news_sets() -> dict[str, list[str]]:
    kaggle = kaggle_insults("test")
    ucc = ucc_val()
    return {"Kaggle insults test, not insult": kaggle.loc[kaggle.insult == 0, "text"].tolist(),
            "UCC val, healthy": ucc.loc[ucc.healthy == 1, "text"].tolist(),
            "Civil Comments toxic-spans posts": toxic_spans_raw()["text"].tolist()}


def main() -> None:
    scorer = conspiracy.load()
    review = load_policy().review["conspiracy"]
    print(f"| set | n | flagged >= {scorer.threshold} (model) | >= {review} (policy review) | p95 | p99 |")
    print("|---|---:|---:|---:|---:|---:|")
    probs = {name: scorer.probability(texts) for name, texts in news_sets().items()}
    for name, p in probs.items():
        print(f"| {name} | {len(p)} | {np.mean(p >= scorer.threshold):.2%} | {np.mean(p >= review):.2%} "
              f"| {np.quantile(p, 0.95):.3f} | {np.quantile(p, 0.99):.3f} |")
    print("\nShare flagged at each review threshold:\n")
    print("| threshold | " + " | ".join(probs) + " |\n|---:|" + "---:|" * len(probs))
    for threshold in GRID:
        print(f"| {threshold:.2f} | " + " | ".join(f"{np.mean(p >= threshold):.2%}" for p in probs.values()) + " |")


if __name__ == "__main__":
    main()
