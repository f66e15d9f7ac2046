"""Evaluate the shipped models on every dev set in ../shared/data and write reports/evaluation.md.

    python -m training.evaluate

Each model's section puts our numbers next to the peers' (plain VADER, alt-profanity-check) on the
same rows.
"""
from __future__ import annotations

import importlib
import platform
import time

import comments
from comments.atomic import write_text
from comments.modelstore import model_versions

from . import no_options
from .datasets import REPORTS, require_data
from .train import MODELS


def main() -> None:
    require_data()
    started = time.perf_counter()
    sections = [importlib.import_module(f"training.{name}").evaluate() for name in MODELS]
    versions = "\n".join(f"- `{name}`: {v}" for name, v in model_versions().items())
    header = (
        "# Evaluation of the shipped models on the dev sets\n\n"
        "Written by `python -m training.evaluate`; every number below comes from that command. "
        "Dev sets are the ones in `../shared/data` (see each model card for the splits we made); "
        "the product is also measured on held-out sets we do not have.\n\n"
        f"comments {comments.__version__}, Python {platform.python_version()}; models:\n{versions}\n"
    )
    write_text(REPORTS / "evaluation.md", "\n\n".join([header, *sections]).rstrip() + "\n")
    print(f"wrote {REPORTS / 'evaluation.md'} in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    no_options(__doc__)
    main()
