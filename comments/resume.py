"""Resuming a run: a page already reported, from the same content under the same policy and models,
is read back from disk instead of being processed again.

After a page's report files are written, a small record is written (atomically) under
`DIR/.resume/`: what the page adds to the run-wide outputs (its index row, its queue rows, its
authors' tallies). Its name is the page's key, a sha256 of the page as read, the policy's hash, the
model versions, the package version, the queue mode and the report formats, so any change to one of them misses the
record and the page is processed afresh. A run interrupted at any point leaves records only for
pages whose files are complete, so `--resume` finishes it with outputs identical to an uninterrupted run.
A record also holds the sha256 of each report file it vouches for, and is trusted only while the files
on disk are those: a later run under other settings that rewrote them (even one interrupted before its
own record) makes the page be done again. A run that finishes deletes the records of pages it did not
have (changed pages, another policy).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .atomic import write_text
from .export import QUEUE_COLUMNS
from .types import Document

RESUME_DIR = ".resume"
# What a record holds and how the pipeline fills it: raised when that changes within a package version
# (2: urgent counts, the page url, comment ids without the time), so records an older build wrote are redone, never read half-filled.
RECORD_FORMAT = 2
@dataclass(frozen=True)
class PageRecord:
    """What one processed page contributes to the run-wide files (summary, index, queue)."""

    key: str
    source: str  # where the page was read from
    article_id: str
    stem: str  # the page's reports are articles/<stem>.json|.md|.html (those the run writes)
    summary: dict  # its row in summary.json and the index
    rows: list[dict]  # its queue rows (flagged ones, or every one with --all), in page order
    comments: int
    flagged: int
    authors: list[tuple[str | None, int, int]]  # (author, comments, flagged) on this page
    files: dict[str, str]  # the sha256 of each report file written, by format ("md": ...)


def page_key(doc: Document, *, policy_sha256: str, models: dict, version: str, all_comments: bool,
             formats: tuple[str, ...]) -> str:
    """The identity of a page's outputs: what was read, and everything that decides what is written."""
    # (a record holds queue rows: another set of queue columns redoes the page)
    material = {"document": asdict(doc), "policy": policy_sha256, "models": models, "version": version,
                "record": RECORD_FORMAT, "all_comments": all_comments, "formats": list(formats), "queue_columns": QUEUE_COLUMNS}
    return hashlib.sha256(json.dumps(material, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def record_path(out_dir: Path, key: str) -> Path:
    return Path(out_dir) / RESUME_DIR / key[:2] / f"{key}.json"


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save(out_dir: Path, record: PageRecord) -> None:
    """Record a page as done; call it only once the page's report files are written."""
    write_text(record_path(out_dir, record.key), json.dumps(asdict(record), ensure_ascii=False) + "\n")


def load(out_dir: Path, key: str, formats: tuple[str, ...]) -> PageRecord | None:
    """The record of a page done before with this key, if its report files (`formats`) are all still
    there as that run wrote them."""
    path = record_path(out_dir, key)
    try:
        data = json.loads(path.read_text("utf-8"))
        record = PageRecord(**{**data, "authors": [tuple(a) for a in data["authors"]]})
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # absent, or not a record we wrote: redo the page
        return None
    if record.key != key:
        return None
    if not isinstance(record.files, dict) or set(record.files) != set(formats):
        return None
    articles = Path(out_dir) / "articles"
    for suffix in formats:
        try:
            if file_hash((articles / f"{record.stem}.{suffix}").read_bytes()) != record.files[suffix]:
                return None  # rewritten since (by a run under other settings): redo the page
        except OSError:  # deleted, or not a file
            return None
    return record


def prune(out_dir: Path, keep: set[str]) -> int:
    """Delete the records whose key is not in `keep` (the pages of a run that just finished): records
    of pages since changed, or reported under another policy, would otherwise pile up. Returns how many."""
    removed = 0
    for path in sorted((Path(out_dir) / RESUME_DIR).glob("??/*.json")):
        if path.stem not in keep:
            path.unlink(missing_ok=True)
            removed += 1
            with contextlib.suppress(OSError):  # a folder another record still uses stays
                path.parent.rmdir()
    return removed
