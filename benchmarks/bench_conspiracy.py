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
import time

from common import best_cpu_time, news_comments


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
    features, model = scorer.features, scorer.model
    analyzer = features.analyzer
    probs = scorer.probability(texts)
    flagged = [t for t, p in zip(texts, probs) if p >= scorer.threshold]
    matrix = features.transform(texts)

    stages = {
        "features (analyzer)": best_cpu_time(lambda: [analyzer(t) for t in texts], args.repeat),
        "TF-IDF transform (incl. features)": best_cpu_time(lambda: features.transform(texts), args.repeat),
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
