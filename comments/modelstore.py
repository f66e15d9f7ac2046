"""Saving and loading the shipped models.

Model files are joblib pickles, and unpickling runs code, so we only load a file that is ours: a
shipped model whose sha256 matches `models/MANIFEST.json`, or any other file when the caller opts in
with `trust=True` (a newsroom's own retrained model).

A newsroom's own models (`python -m training.train --models-dir DIR`, or `comments adapt --out DIR`) are
used by setting `COMMENTS_MODELS_DIR=DIR`, and since they are not ours, `COMMENTS_TRUST_MODELS=1` as the
opt-in (the CLI's `--models DIR --trust-models` set both, so worker processes inherit them). A model that
DIR does not hold (`comments adapt` writes only toxicity) is the shipped one.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import joblib

from .atomic import atomic_open, write_text

MODELS_DIR = Path(__file__).parent / "models"
MANIFEST = MODELS_DIR / "MANIFEST.json"


class UntrustedModelError(RuntimeError):
    pass


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_manifest(folder: Path = MODELS_DIR) -> dict[str, dict]:
    path = folder / "MANIFEST.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def model_versions() -> dict[str, str]:
    """`{name: "version sha256[:12]"}` of the models in use, for run records and caches."""
    in_use = {**read_manifest(), **read_manifest(models_dir())}
    return {name: f"{m.get('version', '?')} {m['sha256'][:12]}" for name, m in sorted(in_use.items())}


def load_file(path: str | Path, trust: bool = False) -> Any:
    """Load a model file; refuse one that is not a shipped model unless `trust` is set."""
    path = Path(path)
    if not trust:
        known = {m["sha256"] for m in read_manifest().values()}
        if _sha256(path) not in known:
            raise UntrustedModelError(
                f"{path}: not a shipped model (sha256 not in {MANIFEST.name}); "
                "loading it would run code from the file: opt in with --trust-models "
                "(COMMENTS_TRUST_MODELS=1) if you made it")
    return joblib.load(path)


def models_dir() -> Path:
    """Where models are loaded from: the shipped ones, or COMMENTS_MODELS_DIR."""
    return Path(os.environ.get("COMMENTS_MODELS_DIR") or MODELS_DIR)


@cache
def load(name: str, shipped: bool = False) -> Any:
    """Load a model by name from `models_dir()` (or, with `shipped`, the one shipped in the package), once
    per process."""
    folder = MODELS_DIR if shipped else models_dir()
    entry = read_manifest(folder).get(name)
    if entry is None and name in read_manifest():  # not retrained there: the shipped one
        folder, entry = MODELS_DIR, read_manifest()[name]
    if entry is None:
        raise FileNotFoundError(f"{folder}: no model named {name!r} in its MANIFEST.json; "
                                "run `python -m training.train` to build it")
    path = folder / entry["file"]
    if _sha256(path) != entry["sha256"]:
        raise UntrustedModelError(f"{path}: sha256 does not match its MANIFEST.json; retrain or reinstall")
    if folder.resolve() != MODELS_DIR.resolve():
        return load_file(path, trust=os.environ.get("COMMENTS_TRUST_MODELS") == "1")
    return joblib.load(path)


def save(obj: Any, name: str, meta: dict, models_dir: Path = MODELS_DIR) -> Path:
    """Save a trained model and record its hash and metadata in the manifest (training only)."""
    folder = Path(models_dir)
    path = folder / f"{name}.joblib"
    with atomic_open(path, "wb") as f:
        joblib.dump(obj, f, compress=3)
    manifest = read_manifest(folder)
    manifest[name] = {"file": path.name, "sha256": _sha256(path), **meta}
    write_text(folder / "MANIFEST.json", json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    load.cache_clear()
    return path
