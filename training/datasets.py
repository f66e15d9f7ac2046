"""Loaders for the labelled sets in ../shared/data (see its INDEX.md for formats and quirks).

Every loader returns a pandas DataFrame with a `text` column plus its labels, cleaned the same way
at training and evaluation time. Sections below are grouped by the model that uses them.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMENTS_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"
REPORTS = REPO / "reports"


def require_data() -> Path:
    if not DATA.is_dir():
        raise SystemExit(f"{DATA}: labelled data not found (set COMMENTS_SHARED to the shared/ folder)")
    return DATA


def stable_fold(text: str, n: int = 5) -> int:
    """A deterministic fold in [0, n) from the text itself, for held-out splits we make ourselves."""
    return int(hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:8], 16) % n


# --- sentiment --------------------------------------------------------------------------------


# --- toxicity ---------------------------------------------------------------------------------


# --- conspiracy -------------------------------------------------------------------------------
