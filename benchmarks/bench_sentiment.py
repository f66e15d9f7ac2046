"""Sentiment scorer throughput on one core (comments/s), VADER included, cold caches.

    python benchmarks/bench_sentiment.py [--repeat 3]

Text sets: the dev texts of the sentiment model (short: NYT snippets, tweets, SST sentences) and news
reader comments (Civil Comments + Globe and Mail UCC, longer and multi-sentence) from ../shared/data;
generated multi-sentence comments when ../shared is absent. Each set is deduplicated; VADER's caches
are emptied before every run, so no text is ever served from a cache. CPU time of this process, best
of --repeat runs; the stage split shows where the time goes.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from comments.scoring import sentiment, vader  # noqa: E402
from comments.scoring.sentiment import split_sentences  # noqa: E402
from training.datasets import DATA  # noqa: E402


def text_sets() -> dict[str, list[str]]:
    if not DATA.is_dir():
        rng = random.Random(0)
        words = "the council plan is good bad wonderful awful vote city residents will not pay tax".split()
        return {"generated comments": [". ".join(" ".join(rng.choices(words, k=12)) for _ in range(4)) + "."
                                       for _ in range(5000)]}
    from training.sentiment import dev_sets

    civil = pd.read_csv(DATA / "civil_comments_toxic_spans/data/comments.csv")["comment_text"]
    ucc = pd.read_csv(DATA / "ucc_unhealthy_comments/val.csv")["comment"]
    short = pd.concat([d["text"] for d in dev_sets().values()])
    return {"dev sentences/tweets": list(dict.fromkeys(short)),
            "news comments": list(dict.fromkeys(str(t) for t in pd.concat([civil, ucc]).dropna()))}


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        vader.clear_caches()
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scorer = sentiment.load()
    for name, texts in text_sets().items():
        sentences = [s for t in texts for s in split_sentences(t)]
        total = best_of(args.repeat, lambda: scorer.score(texts))
        vader_only = best_of(args.repeat, lambda: (vader.polarity_many(sentences), vader.polarity_many(texts)))
        model_only = best_of(args.repeat, lambda: scorer.model.predict_proba(sentences, vader.polarity_many(sentences)))
        model_only -= best_of(args.repeat, lambda: vader.polarity_many(sentences))
        chars = sum(map(len, texts)) / len(texts)
        print(f"{name}: {len(texts)} texts, {len(sentences) / len(texts):.2f} sentences and {chars:.0f} chars "
              f"per text: {len(texts) / total:,.0f} comments/s on one core "
              f"(VADER sentences + whole texts {vader_only:.2f}s, our model {model_only:.2f}s, total {total:.2f}s)")


if __name__ == "__main__":
    main()
