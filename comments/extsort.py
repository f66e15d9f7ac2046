"""External merge sort: sort a stream of any length in bounded memory.

Items are held serialized (one line each) until their size reaches the budget; each full buffer is
sorted and spilled to a temporary file (a "run"), and the runs are merged lazily with `heapq.merge`.
The result is exactly `sorted(items, key=key)` (both steps are stable), yielded one item at a time.
"""
from __future__ import annotations

import contextlib
import heapq
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

DEFAULT_MEMORY = 64 << 20  # bytes of serialized items held before a run is spilled
MAX_OPEN_RUNS = 64  # merged in passes beyond this many, to stay within file-handle limits


def external_sort(items: Iterable[Any], key: Callable[[Any], Any], *, tmp_dir: str | os.PathLike,
                  memory: int = DEFAULT_MEMORY, dumps: Callable[[Any], str] = None,
                  loads: Callable[[str], Any] = json.loads, fan_in: int = MAX_OPEN_RUNS) -> Iterator[Any]:
    """Yield `items` sorted by `key`, holding about `memory` bytes of them at a time.

    `dumps`/`loads` turn an item into one line of text and back (JSON by default); spilled runs are
    hidden temporary files in `tmp_dir`, removed when the iteration ends, even on error or Ctrl-C.
    """
    dumps = dumps or _json_line
    runs: list[Path] = []
    created: list[Path] = []  # every run file, for the clean-up
    try:
        buffer: list[tuple[Any, str]] = []
        size = 0
        for item in items:
            line = dumps(item)
            buffer.append((key(item), line))
            size += len(line)
            if size >= memory:
                runs.append(_spill(buffer, tmp_dir))
                created.append(runs[-1])
                buffer, size = [], 0
        buffer.sort(key=_first)
        if not runs:  # it all fitted in memory
            for _, line in buffer:
                yield loads(line)
            return
        if buffer:
            runs.append(_spill(buffer, tmp_dir))
            created.append(runs[-1])
        del buffer
        while len(runs) > fan_in:  # merge passes, `fan_in` runs at a time, until one pass can open all
            merged = []
            for start in range(0, len(runs), fan_in):
                group = runs[start:start + fan_in]
                if len(group) == 1:
                    merged.append(group[0])
                    continue
                merged.append(_write_run(_merge(group, key, loads), tmp_dir, dumps))
                created.append(merged[-1])
                for path in group:
                    path.unlink()
            runs = merged
        yield from _merge(runs, key, loads)
    finally:
        for path in created:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _json_line(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False)


def _first(pair: tuple) -> Any:
    return pair[0]


def _spill(buffer: list[tuple[Any, str]], tmp_dir) -> Path:
    buffer.sort(key=_first)
    return _write_lines((line for _, line in buffer), tmp_dir)


def _write_run(items: Iterator[Any], tmp_dir, dumps) -> Path:
    return _write_lines(map(dumps, items), tmp_dir)


RUN_PREFIX, RUN_SUFFIX = ".sort-run-", ".tmp"  # a run's file name: a killed sort leaves it (`comments report` clears it)


def _write_lines(lines: Iterable[str], tmp_dir) -> Path:
    fd, name = tempfile.mkstemp(prefix=RUN_PREFIX, suffix=RUN_SUFFIX, dir=tmp_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for line in lines:
                f.write(line)
                f.write("\n")
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _merge(runs: list[Path], key, loads) -> Iterator[Any]:
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(path, encoding="utf-8", newline="\n")) for path in runs]
        yield from heapq.merge(*(_read_run(f, loads) for f in files), key=key)


def _read_run(f, loads) -> Iterator[Any]:
    for line in f:
        yield loads(line[:-1])
