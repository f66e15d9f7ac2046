"""Throughput of the conspiracy-framing scorer alone, on one core: comments per second.

    python benchmarks/bench_conspiracy.py [--comments 20000] [--repeat 3]

Comments are real news reader comments from ../shared/data (Kaggle insults test set and the Civil
Comments toxic-spans train set), deduplicated, else generated ones. Times are CPU time of this process
(other load on a shared machine does not count), best of `--repeat`, split into the stages of
`ConspiracyScorer.score`: features (tokenise + lexicon + n-grams), TF-IDF, the linear model, the cues
(run only for comments at or above the threshold).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def news_comments(limit: int) -> list[str]:
    try:
        from training.datasets import kaggle_insults, toxic_spans_semeval

        texts = list(dict.fromkeys(kaggle_insults("test")["text"].tolist() + toxic_spans_semeval("train")["text"].tolist()))
    except (SystemExit, FileNotFoundError):
        rng = random.Random(0)
        words = ("the council they want to raise taxes again and nobody explains why this plan is a scam "
                 "great article thanks wake up people the elites control the media").split()
        texts = [" ".join(rng.choices(words, k=rng.randint(5, 60))) for _ in range(5000)]
    return (texts * (limit // len(texts) + 1))[:limit]


def best_cpu_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from comments.scoring import conspiracy

    started = time.process_time()
    scorer = conspiracy.load()
    load_seconds = time.process_time() - started
    texts = news_comments(args.comments)
    vectorizer = scorer.pipeline.named_steps["features"]
    model = scorer.pipeline.named_steps["model"]
    analyzer = vectorizer.analyzer
    probs = scorer.pipeline.predict_proba(texts)[:, 1]
    flagged = [t for t, p in zip(texts, probs) if p >= scorer.threshold]
    matrix = vectorizer.transform(texts)

    stages = {
        "features (analyzer)": best_cpu_time(lambda: [analyzer(t) for t in texts], args.repeat),
        "TF-IDF transform (incl. features)": best_cpu_time(lambda: vectorizer.transform(texts), args.repeat),
        "linear model": best_cpu_time(lambda: model.predict_proba(matrix), args.repeat),
        f"cues ({len(flagged)} flagged comments)": best_cpu_time(lambda: [scorer.cues(t) for t in flagged], args.repeat),
        "score() end to end": best_cpu_time(lambda: scorer.score(texts), args.repeat),
    }
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} news comments (mean {chars:.0f} chars), threshold {scorer.threshold}, "
          f"{len(flagged) / len(texts):.1%} flagged; model load {load_seconds * 1000:.0f} ms CPU")
    for stage, seconds in stages.items():
        print(f"  {stage:40s} {seconds:7.3f} s CPU  {len(texts) / seconds:10,.0f} comments/s")


if __name__ == "__main__":
    main()
