"""The moderation queue: one row per comment, written as `queue.csv` (safe for spreadsheets) and
`queue.jsonl` (its lossless twin).

Rows are made per page (`queue_rows`), spilled to disk as the run goes, and sorted once at the end
(`write_queue`), when the run-wide `author_flag_share` is known.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .atomic import atomic_open
from .extsort import external_sort
from .moderate import Decision, score_records
from .scoring import SCORE_COLUMNS
from .tables import CSV_ENCODING, neutralize
from .text import one_line
from .types import Page

QUEUE_COLUMNS = ("queue_rank", "action", "urgent", "priority", "reasons", "article_id", "article_title", "article_url",
                 "comment_id", "comment_index", "parent_comment_id", "author", "posted", "text", *SCORE_COLUMNS,
                 "author_flag_share")
LIST_COLUMNS = ("reasons", "toxic_spans", "conspiracy_cues")
# json.dumps(value, ensure_ascii=False) as one line, without building an encoder for every row
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _to_json(value) -> str:
    return one_line(_encode(value))


def comment_id(page_id: str, author: str | None, text: str, occurrence: int) -> str:
    """Stable across runs: the same comment on the same page always gets the same id, also when the page is
    crawled again later and its time reads "3 hours ago" instead of "2 hours ago" (the time is not part of it).

    `occurrence` counts earlier comments on the page by the same author with the same text, so repeated
    comments still get distinct ids.
    """
    key = "\x1f".join((page_id, author or "", text, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def queue_rows(page: Page, scores: pd.DataFrame | list[dict], decisions: list[Decision]) -> list[dict]:
    """One JSON-ready row per comment of `page`, in page order (`queue_rank` and
    `author_flag_share` are filled in by `write_queue`). `scores`: the page's score frame, or its
    records (`score_records`) when the caller has them already."""
    records = score_records(scores) if isinstance(scores, pd.DataFrame) else scores
    seen: Counter = Counter()
    rows: list[dict] = []
    for index, (comment, values, decision) in enumerate(zip(page.comments, records, decisions, strict=True)):
        key = (comment.author, comment.text)
        parent = comment.parent  # a reply's parent comes before it on the page
        row = {
            "queue_rank": None,
            "action": decision.action,
            "urgent": decision.urgent,
            "priority": decision.priority,
            "reasons": list(decision.reasons),
            "article_id": page.id,
            "article_title": page.title,
            "article_url": page.url,  # so that a tool reading the queue alone can link the story
            "comment_id": comment_id(page.id, *key, seen[key]),
            "comment_index": index,
            "parent_comment_id": rows[parent]["comment_id"] if parent is not None and 0 <= parent < index else None,
            "author": comment.author,
            "posted": comment.posted,
            "text": comment.text,
        }
        for column in SCORE_COLUMNS:  # (a loop, with `plain`'s quick way inline: this runs for every cell)
            value = values.get(column)
            row[column] = value if type(value) is float and value == value else plain(value)
        row["author_flag_share"] = None
        rows.append(row)
        seen[key] += 1
    return rows


def plain(value):
    """A score cell as plain JSON: numpy scalars and arrays become floats, ints and lists."""
    kind = type(value)
    if kind is float:  # most cells: the quick way
        return None if math.isnan(value) else value
    if kind is str or kind is int:
        return value
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):  # (a span's offsets and a cue's words: ints and str as they are)
        return [v if type(v) is int or type(v) is str else plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def queue_order(row: dict) -> tuple:
    """Highest priority first; ties by article and position, so the order never depends on timing."""
    return (-row["priority"], row["article_id"], row["comment_index"], row["comment_id"])


def write_queue(spill: Path, out_dir: Path, author_counts: dict[str | None, list[int]]) -> int:
    """Sort the spilled rows and write `queue.csv` and `queue.jsonl`; returns the number of rows.

    `author_counts` maps an author to [comments, flagged] over the whole run. The sort is an external
    merge sort (runs spilled beside the outputs), so memory stays flat however long the queue is.
    """
    # the sort holds each row as the line the spill wrote: no row is encoded again to be held
    rows = external_sort(_read_jsonl(spill), _order_of_pair, tmp_dir=out_dir, dumps=_line_of_pair,
                         loads=_pair_of_line)
    rank = 0
    # (queue.jsonl is the inner file, so it is complete and in place even when queue.csv cannot be: a
    # spreadsheet holding it open, say)
    with atomic_open(out_dir / "queue.csv", "w", encoding=CSV_ENCODING, newline="") as table, \
            atomic_open(out_dir / "queue.jsonl", "w", newline="\n") as jsonl:
        writer = csv.writer(table)
        writer.writerow(QUEUE_COLUMNS)
        for rank, (row, line) in enumerate(rows, 1):
            row["queue_rank"] = rank
            total, flagged = author_counts.get(row["author"], (0, 0))
            row["author_flag_share"] = round(flagged / total, 4) if row["author"] is not None and total else None
            jsonl.write(_ranked_line(row, line) + "\n")
            # (`csv_cell`'s quick way inline: this runs for every cell)
            writer.writerow([value if type(value) is float or type(value) is int else csv_cell(column, value)
                             for column, value in zip(QUEUE_COLUMNS, map(row.__getitem__, QUEUE_COLUMNS))])
    return rank


# A spilled row as `append_rows` encodes one from `queue_rows`: its first and last keys still empty.
_UNRANKED_HEAD, _UNRANKED_TAIL = '{"queue_rank": null, ', ', "author_flag_share": null}'


def _ranked_line(row: dict, line: str) -> str:
    """`_to_json(row)` for a row read back from its spilled `line` and given its rank and author share by
    `write_queue`: the line with the two put in, instead of the whole row encoded again (the rest of it
    is the same: JSON read and written again is the same text)."""
    if line.startswith(_UNRANKED_HEAD) and line.endswith(_UNRANKED_TAIL):
        return (f'{{"queue_rank": {_to_json(row["queue_rank"])}, {line[len(_UNRANKED_HEAD):-len(_UNRANKED_TAIL)]}'
                f', "author_flag_share": {_to_json(row["author_flag_share"])}}}')
    return _to_json(row)


def csv_cell(column: str, value):
    """A value as a CSV cell: lists joined (reasons) or as JSON, text neutralized against formulas."""
    if type(value) is float or type(value) is int:  # most cells: the quick way
        return value
    if value is None:
        return ""
    if column == "reasons":
        value = "; ".join(value)
    elif isinstance(value, (list, tuple, dict)):
        value = _to_json(value)
    return neutralize(value) if isinstance(value, str) else value


def _read_jsonl(path: Path) -> Iterator[tuple[dict, str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield _pair_of_line(line.rstrip("\n"))


def _pair_of_line(line: str) -> tuple[dict, str]:
    """A spilled row, and its line (without the newline)."""
    return json.loads(line), line


def _order_of_pair(pair: tuple[dict, str]) -> tuple:
    return queue_order(pair[0])


def _line_of_pair(pair: tuple[dict, str]) -> str:
    return pair[1]


def append_rows(f, rows: Iterable[dict]) -> None:
    """Spill rows to the open temporary file `f`, one JSON object per line."""
    for row in rows:
        f.write(_to_json(row) + "\n")
