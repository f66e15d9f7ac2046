"""Atomic file writes: a reader (or an interrupted run) never sees a half-written file."""
from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import IO, Iterator

try:
    import fcntl
except ImportError:  # Windows has none: there, runs into one folder are not kept apart
    fcntl = None


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside `path`; rename it over `path` only if the block succeeds."""
    path = Path(path)
    make_folder(path.parent)
    tmp = None
    try:
        fd, tmp = new_temporary(path)
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


def make_folder(folder: str | os.PathLike) -> None:
    """`mkdir -p folder`; a file where a folder should be is an error that names it ("a/b is not a
    folder"), not the bare "File exists" of mkdir."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        if blocker is None:
            raise
        raise NotADirectoryError(errno.ENOTDIR, f"{blocker} is not a folder", str(folder)) from None


_TEMPORARY = re.compile(r"\.(.+)\.[0-9a-f]{8}\.tmp")  # the names `new_temporary` gives


def temporary_of(name: str) -> str | None:
    """The file name a temporary file of `new_temporary` (".NAME.<8 hex digits>.tmp") was to become, or
    None when `name` is not one."""
    match = _TEMPORARY.fullmatch(name)
    return match.group(1) if match else None


def new_temporary(path: str | os.PathLike) -> tuple[int, str]:
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


class FolderInUse(OSError):
    """Another process holds the folder's lock (`folder_lock`)."""


LOCK_NAME = ".lock"
# The descriptors of the locks this process holds. A forked child (a --jobs worker) gets copies of them,
# and a flock lasts while any copy is open: a worker outliving a killed run would keep its folder locked.
# Each child closes its copies at once (the parent's lock stays: it is the parent's descriptor's).
_HELD_LOCKS: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


@contextlib.contextmanager
def folder_lock(folder: str | os.PathLike) -> Iterator[None]:
    """Hold `folder/.lock` (created, with the folder, if need be) for the block, or raise FolderInUse at
    once if another process holds it. The lock is the kernel's (flock), so a run that crashes or is
    killed releases it; the file is removed on the way out, and a folder the block created and left
    empty is removed too."""
    folder = Path(folder)
    created = not folder.exists()
    make_folder(folder)
    path = folder / LOCK_NAME
    fd = None
    try:
        while fcntl is not None:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                fd = None  # (the file is the other run's: left alone)
                raise FolderInUse(errno.EWOULDBLOCK, "another run is writing into this folder", str(folder)) from None
            try:  # locked; but it may be a file a finishing run unlinked just before: then lock the new one
                if os.stat(path).st_ino == os.fstat(fd).st_ino:
                    _HELD_LOCKS.add(fd)
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
            fd = None
        yield
    finally:
        if fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(path)  # before the lock is released (see the check above)
            _HELD_LOCKS.discard(fd)
            os.close(fd)
        if created:
            with contextlib.suppress(OSError):  # only if empty: a run that could not start leaves nothing
                folder.rmdir()


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
