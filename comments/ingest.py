"""Ingest: turn the inputs a scraper saved into `Document`s, one page at a time.

Inputs are `.txt` page dumps, `.html`/`.htm` pages, `.jsonl` files with one page per line, folders
(searched recursively, in sorted order) and `-` for standard input. Every input that cannot be read
becomes an `InputError` naming it and the reason, and the batch goes on with the others.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from .text import replace_lone_surrogates
from .types import Document, InputError

DEFAULT_MAX_BYTES = 5_000_000
PAGE_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIX = ".jsonl"
SUPPORTED_SUFFIXES = (*PAGE_SUFFIXES, JSONL_SUFFIX)

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_START = re.compile(
    r"\s*<(?:!doctype\s+html|html|head|body|meta|title|div|article|section|main|p|!--)[\s>/]", re.I)


def _undefined_as_latin1(err: UnicodeDecodeError) -> tuple[str, int]:
    # cp1252 leaves five bytes undefined; browsers (WHATWG windows-1252) map them to the C1 controls
    # of the same value, which keeps a legacy file whole instead of rejecting it for one stray byte.
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error("comments.cp1252", _undefined_as_latin1)


def _not_utf8_as_cp1252(err: UnicodeDecodeError) -> tuple[str, int]:
    # bytes that are not UTF-8 inside UTF-8 text (a legacy snippet pasted or joined in): read as cp1252
    return err.object[err.start:err.end].decode("cp1252", errors="comments.cp1252"), err.end


codecs.register_error("comments.utf-8-else-cp1252", _not_utf8_as_cp1252)


class _Unreadable(Exception):
    """Internal: an input that cannot be read; its message is the reason."""


def read_inputs(inputs: Iterable[str | os.PathLike] | str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
                on_skip: Callable[[Path], None] | None = None,
                exclude: Iterable[str | os.PathLike] = (),
                on_duplicate: Callable[[str, str], None] | None = None) -> Iterator[Document | InputError]:
    """Yield a `Document` per page, or an `InputError` per input (or JSON Lines record) that failed.

    A page is read only when its turn comes, so a batch of any size streams. `max_bytes` caps the size
    of one page: a `.txt`/`.html` file, one JSON Lines record, or standard input. Files inside a folder
    whose extension is not supported, and broken links, are passed to `on_skip` (e.g. gold `.json` files
    beside the pages); a file named explicitly must have a supported extension. Files and folders in
    `exclude` (the run's own outputs, when they sit inside an input folder) are not read, nor is an earlier
    run's report folder: a run must not take reports for pages. A file is read once: met again (given
    twice, inside a folder given too, or through a link), it is skipped and passed to
    `on_duplicate(path, path it was read as)`.
    """
    excluded = frozenset(os.path.realpath(p) for p in exclude)
    first_time = _ReadOnce(on_duplicate)
    for name in as_inputs(inputs):
        name = os.fspath(name)
        if name == "-":
            yield from _read_stdin(max_bytes)
        elif os.path.isdir(name):
            # a folder a report was written into: its pages are read, its reports are not
            report = is_report_folder(name)
            own = {os.path.realpath(os.path.join(name, o)) for o in REPORT_OUTPUTS} if report else set()
            yield from _read_folder(name, max_bytes, on_skip, excluded | own, report, first_time)
        elif first_time(name):
            yield from _read_file(name, max_bytes)


class _ReadOnce:
    """Tells whether a file is met for the first time in a run (the same file under any path: a link, a
    relative and an absolute path, a hard link), and says so to `on_duplicate` when it is not."""

    def __init__(self, on_duplicate: Callable[[str, str], None] | None) -> None:
        self.on_duplicate = on_duplicate
        self.read: dict[tuple[int, int] | str, str] = {}  # (device, inode) -> the path it was read as

    def __call__(self, path: str) -> bool:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return True  # not there (or a name the system refuses): reading it says why
        # (a file system without inode numbers gives 0: its files are told apart by their real path)
        file = (info.st_dev, info.st_ino) if info.st_ino else os.path.normcase(os.path.realpath(path))
        if file not in self.read:
            self.read[file] = path
            return True
        if self.on_duplicate is not None:
            self.on_duplicate(path, self.read[file])
        return False


def as_inputs(inputs: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterable[str | os.PathLike]:
    """One path is one input (iterating a string would give its characters)."""
    return [inputs] if isinstance(inputs, (str, bytes, os.PathLike)) else inputs


def _read_folder(folder: str, max_bytes: int, on_skip: Callable[[Path], None] | None,
                 excluded: frozenset[str] = frozenset(), report_folder: bool = False,
                 first_time: Callable[[str], bool] = lambda path: True) -> Iterator[Document | InputError]:
    found, skipped, errors = _walk(folder, excluded)
    for error in errors:
        yield InputError(error.filename or folder, _os_reason(error))
    for path in skipped:
        if on_skip is not None:
            on_skip(Path(path))
    if not found and not errors:
        yield InputError(folder, f"folder has no {_suffix_list()} files"
                                 + (" besides a report's own (a run writes its index and queue there, which are "
                                    "never read as pages)" if report_folder else "")
                                 + (f" ({len(skipped)} other files skipped)" if skipped else ""))
    for path in filter(first_time, found):
        # a page in a subfolder is named by its path ("2024-01-02/index"): mirrors repeat file names
        yield from _read_file(path, max_bytes, Path(os.path.splitext(os.path.relpath(path, folder))[0]).as_posix())


def _walk(folder: str, excluded: frozenset[str] = frozenset()) -> tuple[list[str], list[str], list[OSError]]:
    """All files under `folder` in sorted path order, split into supported and skipped ones,
    and the errors met listing its subfolders.

    Sorted by path components, so "a/b.txt" comes before "a-b.txt". `excluded` paths (the run's own
    outputs) are left out. Skipped, and listed: hidden files and folders (a leading dot: .git, editor and
    atomic-write temporaries), an earlier run's report folder, symlinked folders (not followed, so a link
    loop cannot recurse forever), broken links, and what is not a regular file (a named pipe would block
    the run forever).
    """
    found, skipped, errors = [], [], []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = [d for d in dirs if not (excluded and os.path.realpath(os.path.join(root, d)) in excluded)]
        parts = Path(root).relative_to(folder).parts
        for name in [d for d in dirs if d.startswith(".") or os.path.islink(os.path.join(root, d))
                     or is_report_folder(os.path.join(root, d))]:
            dirs.remove(name)
            skipped.append(((*parts, name), os.path.join(root, name)))
        for name in files:
            path = os.path.join(root, name)
            if excluded and os.path.realpath(path) in excluded:
                continue
            wanted = not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES \
                and os.path.isfile(path)
            (found if wanted else skipped).append(((*parts, name), path))
    return [p for _, p in sorted(found)], [p for _, p in sorted(skipped)], errors


# What `comments report` writes into its folder (pipeline.py; LOCK_NAME in atomic.py; the queue's temporary file
# is hidden and named per run).
REPORT_OUTPUTS = ("articles", ".resume", ".lock", "index.html", "index.md", "summary.json",
                  "queue.csv", "queue.jsonl", "run.json")


def is_report_folder(path: str | os.PathLike) -> bool:
    """A folder `comments report` wrote: its articles beside its resume records (`.resume`, there from
    the first finished page) or its run record (a run.json with our keys: a scraper may have its own)."""
    if not os.path.isdir(os.path.join(path, "articles")):
        return False
    if os.path.isdir(os.path.join(path, ".resume")):
        return True
    try:
        with open(os.path.join(path, "run.json"), "rb") as f:
            record = json.loads(f.read(1_000_000))
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and {"policy", "models", "pages"} <= record.keys()


def skip_kind(path: Path) -> str:
    """What a skipped path is, for the counts of skipped files: its extension, or the kind of folder."""
    if path.is_symlink() and not path.exists():
        return "broken link"
    if path.is_symlink() and path.is_dir():
        return "symlinked folder"
    if path.is_dir():
        return "hidden folder" if path.name.startswith(".") else "report folder"
    if path.exists() and not path.is_file():
        return "not a regular file (a named pipe, socket or device)"
    return path.suffix.lower() or "no extension"


def _read_file(path: str, max_bytes: int, page_id: str | None = None) -> Iterator[Document | InputError]:
    """The pages of one file, named `page_id` (default: the file name without its extension)."""
    stem, suffix = os.path.splitext(os.path.basename(path))
    stem, suffix = page_id or stem, suffix.lower()
    try:
        if suffix == JSONL_SUFFIX:
            with open(path, "rb") as f:
                yield from _read_jsonl(f, path, stem, max_bytes)
            return
        if suffix not in PAGE_SUFFIXES:
            if not os.path.exists(path):
                raise FileNotFoundError(path)
            raise _Unreadable(f"unsupported file type {suffix or '(no extension)'!r}: "
                              f"expected a {_suffix_list()} file, or a folder")
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise _Unreadable(_too_big(size, max_bytes))
            data = f.read(max_bytes + 1)  # the file may have grown since fstat
        text, encoding = _decode(data, max_bytes)
        kind = PAGE_SUFFIXES[suffix]
        if kind == "text" and _HTML_START.match(text):  # a page saved as .txt with its markup: as stdin is told
            kind = "html"
        yield _document(stem, path, encoding, text, kind)
    except _Unreadable as e:
        yield InputError(path, str(e))
    except UnicodeDecodeError as e:  # only a UTF-16 JSON Lines file decodes while it streams
        yield InputError(path, f"invalid UTF-16 ({e.reason})")
    except OSError as e:
        yield InputError(path, _os_reason(e))


def _read_stdin(max_bytes: int) -> Iterator[Document | InputError]:
    """Standard input, sniffed as JSON Lines ("{" first), HTML (a tag first) or a plain-text page.

    It is spooled (to disk past a few MB) so that a long JSON Lines stream is still read record by record.
    """
    with tempfile.SpooledTemporaryFile(max_size=4 << 20) as spool:
        try:
            shutil.copyfileobj(sys.stdin.buffer, spool)
        except OSError as e:
            yield InputError("-", _os_reason(e))
            return
        size = spool.tell()
        spool.seek(0)
        head = spool.read(4096)
        spool.seek(0)
        try:
            if _looks_like_jsonl(head):
                yield from _read_jsonl(spool, "-", "stdin", max_bytes)
                return
            if size > max_bytes:
                raise _Unreadable(_too_big(size, max_bytes))
            text, encoding = _decode(spool.read(), max_bytes)
            kind = "html" if _HTML_START.match(text) else "text"
            yield _document("stdin", "-", encoding, text, kind)
        except _Unreadable as e:
            yield InputError("-", str(e))
        except UnicodeDecodeError as e:
            yield InputError("-", f"invalid UTF-16 ({e.reason})")


def _looks_like_jsonl(head: bytes) -> bool:
    """JSON Lines when the first character that is not blank is "{": a page dump or an HTML page never
    starts so, and a record too long or too broken to parse still counts (and is reported as such)."""
    try:
        text, _ = _decode(head, len(head), allow_empty=True)
    except _Unreadable:
        return False
    return text.lstrip().startswith("{")


def _read_jsonl(f: IO[bytes], source: str, stem: str, max_bytes: int) -> Iterator[Document | InputError]:
    """One `Document` per JSON Lines record; a bad record is an InputError naming `source:LINE`."""
    start = f.read(8192)
    f.seek(0)
    if start.startswith(_UTF16_BOMS):
        lines: Iterator = _bounded_lines(io.TextIOWrapper(f, encoding="utf-16"), max_bytes, "\n")
        file_encoding = "utf-16"
    elif b"\0" in start:
        raise _Unreadable("binary file (contains NUL bytes; UTF-16 needs a byte-order mark)")
    else:
        lines = _bounded_lines(f, max_bytes, b"\n")
        file_encoding = "utf-8-sig" if start.startswith(codecs.BOM_UTF8) else None

    records = 0
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        try:
            if line is None:
                records += 1
                raise _Unreadable(f"record is over the size limit of {max_bytes:,} bytes (--max-bytes)")
            if isinstance(line, bytes):
                if number == 1 and file_encoding:
                    line = line[len(codecs.BOM_UTF8):]
                if not line.strip():
                    continue  # blank lines between records are harmless
                text, encoding = _decode(line, max_bytes, allow_empty=True)
                if file_encoding and encoding == "utf-8":
                    encoding = file_encoding
            else:
                if not line.strip():
                    continue
                text, encoding = line, file_encoding
            records += 1
            yield _record(text, where, f"{stem}:{number}", encoding)
        except _Unreadable as e:
            yield InputError(where, str(e))
    if not records:
        raise _Unreadable("empty file (no JSON Lines records)")


def _record(line: str, source: str, default_id: str, encoding: str) -> Document:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as e:
        raise _Unreadable(f"invalid JSON: {e}") from None
    if not isinstance(record, dict):
        raise _Unreadable(f"expected a JSON object, got {type(record).__name__}")
    page_id = record.get("id")
    if page_id is None:
        page_id = default_id
    elif isinstance(page_id, (str, int)) and not isinstance(page_id, bool) and str(page_id).strip():
        page_id = str(page_id)
    else:
        raise _Unreadable(f'"id" must be a non-empty string or an integer, got {page_id!r}')
    given = [key for key in ("text", "html") if record.get(key) is not None]
    if len(given) != 1:
        raise _Unreadable('needs exactly one of "text" or "html"' + (", not both" if given else ""))
    kind = given[0]
    content = record[kind]
    if not isinstance(content, str):
        raise _Unreadable(f'"{kind}" must be a string, got {type(content).__name__}')
    if not content.strip():
        raise _Unreadable(f'empty page ("{kind}" is blank)')
    meta = {}
    for key in ("url", "title", "date"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise _Unreadable(f'"{key}" must be a string, got {type(value).__name__}')
        meta[key] = value
    return _document(page_id, source, encoding, _newlines(content), kind, **meta)


def _bounded_lines(f: IO, limit: int, newline: str | bytes) -> Iterator[str | bytes | None]:
    """The lines of `f`, each read at most `limit` units at a time; None stands for an overlong line."""
    while line := f.readline(limit + 1):
        if len(line) > limit and not line.endswith(newline):
            while (rest := f.readline(limit)) and not rest.endswith(newline):
                pass  # drain the rest of the overlong line without holding it
            yield None
        else:
            yield line


def _stray_nuls(size: int) -> int:
    """How many NUL (or other control) bytes a text file may hold by accident: one per 10 KB; binary files
    hold far more."""
    return max(1, size // 10_000)


_TEXT_CONTROLS = frozenset(b"\t\n\f\r\x1b")


def _control_bytes(data: bytes) -> int:
    return sum(data.count(code) for code in range(32) if code not in _TEXT_CONTROLS)


def _decode(data: bytes, max_bytes: int, allow_empty: bool = False) -> tuple[str, str]:
    """Decode one page's bytes; return (text, encoding name) or raise _Unreadable."""
    if len(data) > max_bytes:
        raise _Unreadable(_too_big(len(data), max_bytes))
    if data.startswith(_UTF16_BOMS):  # before the NUL check: UTF-16 text is full of NUL bytes
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise _Unreadable(f"invalid UTF-16 despite its byte-order mark ({e.reason} at byte {e.start})") from None
        if "\0" in text:
            raise _Unreadable("binary file (contains NUL characters)")
    elif b"\0" in data and _control_bytes(data) > _stray_nuls(len(data)):
        # (a few stray NULs in a text dump are a scraper's slip: `_document` removes them)
        raise _Unreadable("binary file (contains NUL bytes; UTF-16 needs a byte-order mark)")
    elif data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise _Unreadable(f"invalid UTF-8 despite its byte-order mark ({e.reason} at byte {e.start})") from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:  # the charset the page declares, or a legacy Windows file
            text, encoding = _declared(data) or _legacy(data)
    if not allow_empty and not text.strip():
        raise _Unreadable("empty file" if not data else "empty file (whitespace only)")
    return _newlines(text), encoding


def _legacy(data: bytes) -> tuple[str, str]:
    """A file that is not all UTF-8 and declares no charset: a legacy Windows file (cp1252), or, when it
    holds UTF-8 text as well (pages saved in both, joined by a scraper), UTF-8 with the other bytes read
    as cp1252, so that neither part turns to mojibake."""
    legacy = data.decode("cp1252", errors="comments.cp1252")
    mixed = data.decode("utf-8", errors="comments.utf-8-else-cp1252")
    return (legacy, "cp1252") if mixed == legacy else (mixed, "utf-8 + cp1252")


# <meta charset="shift_jis">, <meta http-equiv="Content-Type" content="text/html; charset=gbk">, <?xml encoding="...">
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{2,40})|<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{2,40})""",
                               re.I)


# What browsers decode a declared label with (the WHATWG Encoding Standard): the Windows supersets of
# the ISO and national charsets, since legacy pages declare one and use the other.
_BROWSER_DECODER = {"ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
                    "tis-620": "cp874", "shift_jis": "cp932", "gb2312": "gb18030", "gbk": "gb18030",
                    "euc_kr": "cp949", "big5": "big5hkscs"}


def _declared(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) in the charset the page declares near its start, if it is an ASCII-compatible
    text encoding Python knows and every byte decodes; None otherwise (as browsers, which ignore a
    declared UTF-16 on bytes without a byte-order mark)."""
    match = _DECLARED_CHARSET.search(data, 0, 4096)
    if not match:
        return None
    try:
        info = codecs.lookup((match.group(1) or match.group(2)).decode("ascii"))
    except LookupError:
        return None
    codec = _BROWSER_DECODER.get(info.name, info.name)
    try:  # a text encoding that writes ASCII as ASCII, as the declaration itself is written
        if not getattr(info, "_is_text_encoding", True) or "<meta charset=".encode(codec) != b"<meta charset=":
            return None  # rot13, "undefined", UTF-16 without a byte-order mark, EBCDIC, UTF-7, ...
    except (UnicodeError, LookupError):
        return None
    try:
        return data.decode(codec, errors="comments.cp1252" if codec == "cp1252" else "strict"), codec
    except (UnicodeError, LookupError):
        return None


def _newlines(text: str) -> str:
    """Universal newlines, as Python's text mode reads: Windows and old Mac line ends become \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# C0 control characters but tab, newline and CR: a scraper's slip (or a JSON escape, "\u0000"), never part
# of a comment, and invalid in the HTML reports
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _document(page_id: str, source: str, encoding: str, content: str, kind: str, **meta: str | None) -> Document:
    """The page, its text and metadata without control characters and with a lone UTF-16 surrogate (from a
    JSON escape) as U+FFFD: every page is cleaned here, once, and its encoding name says what changed."""
    page_id, broken = replace_lone_surrogates(page_id)
    content, removed = _CONTROLS.subn("", content)
    content, count = replace_lone_surrogates(content)
    broken += count
    for key, value in meta.items():
        if value is not None:
            value, count = replace_lone_surrogates(value)
            broken += count
            meta[key], count = _CONTROLS.subn("", value)
            removed += count
    if removed:
        if not content.strip():
            raise _Unreadable("empty page (only control characters)")
        encoding += f" ({removed} control character{'s' * (removed > 1)} removed)"
    if broken:
        encoding += f" ({broken} broken character{'s' * (broken > 1)} (half an emoji) replaced by U+FFFD)"
    if kind == "html":
        return Document(id=page_id, source=source, encoding=encoding, html=content, **meta)
    return Document(id=page_id, source=source, encoding=encoding, text=content, **meta)


def _too_big(size: int, max_bytes: int) -> str:
    return f"page is {size:,} bytes, over the size limit of {max_bytes:,} bytes (--max-bytes)"


def _os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    if isinstance(e, PermissionError):
        return "permission denied"
    return e.strerror or str(e)


def _suffix_list() -> str:
    return ", ".join(SUPPORTED_SUFFIXES[:-1]) + " or " + SUPPORTED_SUFFIXES[-1]
