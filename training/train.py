"""Retrain every shipped model from ../shared/data and rewrite the model cards.

    python -m training.train [--only sentiment,toxicity,conspiracy] [--models-dir DIR]

With --models-dir the models go to DIR (a newsroom's own retrain; the shipped cards are left alone):
use them with `comments report --models DIR --trust-models`.

Deterministic (fixed seeds); a few minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import importlib
import json
import time
from pathlib import Path

from comments.modelstore import MODELS_DIR

from .datasets import require_data

MODELS = ("sentiment", "toxicity", "conspiracy")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(MODELS), help="comma-separated models to retrain")
    parser.add_argument("--models-dir", type=Path, default=MODELS_DIR, help="where to write the models")
    args = parser.parse_args(argv)
    shipped = args.models_dir.resolve() == MODELS_DIR.resolve()
    require_data()
    for name in args.only.split(","):
        if name not in MODELS:
            parser.error(f"unknown model {name!r}; choose from {', '.join(MODELS)}")
        started = time.perf_counter()
        module = importlib.import_module(f"training.{name}")
        metrics = module.train(models_dir=args.models_dir, write_card=shipped)
        print(f"{name}: trained in {time.perf_counter() - started:.0f}s")
        print(json.dumps(metrics, indent=2, default=str))


if __name__ == "__main__":
    main()
