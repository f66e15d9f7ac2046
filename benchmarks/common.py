"""What the per-model benchmarks share: the comments they time, and how they time them."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def news_comments(limit: int) -> list[str]:
    """`limit` real news reader comments from ../shared/data (Kaggle insults test set and the Civil
    Comments toxic-spans train set, deduplicated, repeated to size), or generated ones without it."""
    try:
        from training.datasets import kaggle_insults, toxic_spans_semeval

        texts = list(dict.fromkeys(kaggle_insults("test")["text"].tolist()
                                   + toxic_spans_semeval("train")["text"].tolist()))
    except (SystemExit, FileNotFoundError):
        rng = random.Random(0)
        words = ("the council they want to raise taxes again and nobody explains why this plan is a scam "
                 "great article thanks wake up people the elites control the media you idiot").split()
        texts = [" ".join(rng.choices(words, k=rng.randint(5, 60))) for _ in range(5000)]
    return (texts * (limit // len(texts) + 1))[:limit]


def best_cpu_time(fn, repeat: int) -> float:
    """The least CPU time of this process over `repeat` calls of `fn` (robust on a busy machine)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best
