"""Retrain every shipped model from ../shared/data and rewrite the model cards.

    python -m training.train [--only sentiment,toxicity,conspiracy]

Deterministic (fixed seeds); a few minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import importlib
import json
import time

from .datasets import require_data

MODELS = ("sentiment", "toxicity", "conspiracy")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(MODELS), help="comma-separated models to retrain")
    args = parser.parse_args(argv)
    require_data()
    for name in args.only.split(","):
        if name not in MODELS:
            parser.error(f"unknown model {name!r}; choose from {', '.join(MODELS)}")
        started = time.perf_counter()
        metrics = importlib.import_module(f"training.{name}").train()
        print(f"{name}: trained in {time.perf_counter() - started:.0f}s")
        print(json.dumps(metrics, indent=2, default=str))


if __name__ == "__main__":
    main()
