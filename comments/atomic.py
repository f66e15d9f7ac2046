"""Atomic file writes: a reader (or an interrupted run) never sees a half-written file."""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import IO, Iterator


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside `path`; rename it over `path` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = None
    try:
        fd, tmp = _new_temporary(path)
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise


def _new_temporary(path: Path) -> tuple[int, str]:
    """A new hidden file beside `path`, open for writing, with the mode `open()` gives (0o666 less the
    umask). Not `tempfile.mkstemp`: a Ctrl-C landing just after it creates the file, before it returns,
    left the file behind (the caller never learns its name)."""
    while True:
        tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
        except BaseException:  # interrupted: the file may exist already, and it can only be ours
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    with atomic_open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with atomic_open(path, "wb") as f:
        f.write(data)


MAX_STEM_BYTES = 150  # file systems allow 255 bytes a name; ".html" and a temporary suffix need room


def file_stem(page_id: str) -> str:
    """A page id (untrusted) as a file name that stays inside the output folder and needs no quoting
    in a link: no separators or control characters, no leading dot (hidden files, "." and ".."). A long
    one is cut to `MAX_STEM_BYTES` of UTF-8 and ends with a hash of the whole id, so that ids sharing
    a long start still get files of their own."""
    stem = re.sub(r"[^\w.-]+", "_", page_id).lstrip(".") or "_"
    if len(stem.encode("utf-8")) <= MAX_STEM_BYTES:
        return stem
    digest = hashlib.sha256(page_id.encode("utf-8")).hexdigest()[:10]
    head = stem.encode("utf-8")[:MAX_STEM_BYTES - 11].decode("utf-8", errors="ignore")
    return f"{head}_{digest}"


def id_clash(page_id: str, earlier_id: str, earlier_source: str) -> str:
    """Why a page cannot have its files: an earlier page has its id, or an id with the same file name."""
    if page_id == earlier_id:
        return f"duplicate page id {page_id!r} (already used by {earlier_source})"
    return (f"page id {page_id!r} makes the same file name {file_stem(page_id)!r} as page id {earlier_id!r} "
            f"(from {earlier_source})")
