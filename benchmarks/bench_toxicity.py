"""Throughput of the toxicity scorer alone, on one core: comments per second.

    python benchmarks/bench_toxicity.py [--comments 20000] [--repeat 3]

Comments are real news reader comments from ../shared/data (Kaggle insults test set and the Civil
Comments toxic-spans train set, so many are toxic and get spans), deduplicated. Times are CPU time of this
process, best of `--repeat`, for the whole `ToxicityScorer.score` and for its stages.
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

    from comments.scoring import toxicity

    started = time.process_time()
    scorer = toxicity.load()
    print(f"load: {time.process_time() - started:.2f} s")
    model = scorer.model
    texts = news_comments(args.comments)
    x_words, dense = model.features(texts)
    p = model.toxicity(x_words, dense)
    stages = {
        "whole score()": lambda: scorer.score(texts),
        "word TF-IDF": lambda: model.words.transform(texts),
        "lexicon features": lambda: model.lexicon.transform(texts),
        "alt-profanity-check": lambda: model.profanity.probability(texts),
        "heads": lambda: (model.toxicity(x_words, dense), model.attributes.decision(x_words)),
        f"spans ({(p >= model.span_gate).mean():.0%} of comments)": lambda: model.spans(texts, p),
    }
    print(f"{len(texts)} comments, mean {sum(map(len, texts)) / len(texts):.0f} chars")
    for name, fn in stages.items():
        seconds = best_cpu_time(fn, args.repeat)
        print(f"{name:32s} {seconds:7.2f} s  {len(texts) / seconds:9.0f} comments/s")


if __name__ == "__main__":
    main()
