"""Ingest: every supported input kind and encoding, and every bad input as a one-line InputError."""
import codecs
import io
import json
import os
import sys

import pytest

from comments.ingest import read_inputs, skip_kind
from comments.types import Document, InputError

PAGE = "Bombers fly “joint patrol” – café\nSecond paragraph ü €\n"


def read(*inputs, **kwargs):
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def only(items):
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", PAGE.encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + PAGE.encode("utf-8")),
    ("utf-16", codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le")),
    ("utf-16", codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be")),
    ("cp1252", PAGE.encode("cp1252")),
])
def test_text_page_in_every_encoding(tmp_path, encoding, data):
    path = tmp_path / "page-1.txt"
    path.write_bytes(data)
    doc = only(read(path))
    assert doc == Document(id="page-1", source=str(path), encoding=encoding, text=PAGE)


def test_cp1252_keeps_bytes_it_does_not_define(tmp_path):
    # 0x81 is undefined in cp1252; like a browser we keep it (as U+0081) instead of failing the page
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"caf\xe9 \x81 \x93quoted\x94")
    doc = only(read(path))
    assert (doc.encoding, doc.text) == ("cp1252", "café \x81 “quoted”")


def test_a_file_mixing_utf8_and_cp1252_keeps_both_readable(tmp_path):
    """QA: one cp1252 byte made the whole file cp1252, so its UTF-8 text turned to mojibake ("CafÃ©"), and the
    splitter then cut the article at the "©" that made."""
    path = tmp_path / "joined.txt"
    path.write_bytes("Café crème “quoted” – €5\n".encode("utf-8") + "Naïve café “legacy” – €5\n".encode("cp1252"))
    doc = only(read(path))
    assert (doc.encoding, doc.text) == ("utf-8 + cp1252", "Café crème “quoted” – €5\nNaïve café “legacy” – €5\n")


def test_windows_and_old_mac_line_ends_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    assert only(read(path)).text == "one\ntwo\nthree\n"


def test_leading_whitespace_is_kept(tmp_path):
    # the seeds start with " date 2020-12-22 ...": the splitter needs the text exactly as saved
    path = tmp_path / "seed.txt"
    path.write_text(" date 2020-12-22 Body.\n", "utf-8")
    assert only(read(path)).text == " date 2020-12-22 Body.\n"


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML"])
def test_html_pages_set_html_not_text(tmp_path, name):
    path = tmp_path / name
    path.write_text("<html><body><p>Hello</p></body></html>", "utf-8")
    doc = only(read(path))
    assert doc.html == "<html><body><p>Hello</p></body></html>"
    assert doc.text is None
    assert doc.id == path.stem


def test_jsonl_text_and_html_records_with_metadata(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a1", "text": "Article one.", "url": "https://x.test/1", "title": "One", "date": "2024-07-25"},
        {"id": 7, "html": "<p>Article two.</p>"},
        {"text": "No id here."},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
    docs = read(path)
    assert docs == [
        Document(id="a1", source=f"{path}:1", encoding="utf-8", text="Article one.", url="https://x.test/1",
                 title="One", date="2024-07-25"),
        Document(id="7", source=f"{path}:2", encoding="utf-8", html="<p>Article two.</p>"),
        Document(id="batch:3", source=f"{path}:3", encoding="utf-8", text="No id here."),
    ]


def test_control_characters_in_a_page_are_removed_and_said(tmp_path):
    """QA: a NUL or BEL escaped in a JSON Lines page reached queue.csv and the HTML report (invalid HTML)."""
    path = tmp_path / "batch.jsonl"
    records = [{"id": "a", "text": "Some\u0000 text\u0007.\n\tIndented\r\nline", "title": "T\u0001itle"},
               {"id": "b", "html": "<p>Clean</p>"}]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")
    [doc, clean] = read(path)
    assert (doc.text, doc.title) == ("Some text.\n\tIndented\nline", "Title")  # tab and line ends stay
    assert doc.encoding == "utf-8 (3 control characters removed)" and clean.encoding == "utf-8"
    page = tmp_path / "page.txt"
    page.write_bytes(b"Headline\n\nA bell\x07 and an escape\x1b[0m in a dump.\n")
    doc = only(read(page))
    assert doc.text == "Headline\n\nA bell and an escape[0m in a dump.\n"
    assert doc.encoding == "utf-8 (2 control characters removed)"


def test_jsonl_bad_lines_fail_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        '{"id": "ok1", "text": "fine"}',
        '{"id": "broken", "text": ',
        '["not", "an", "object"]',
        '{"id": "none"}',
        '{"id": "both", "text": "a", "html": "<p>a</p>"}',
        '{"id": "blank", "text": "   "}',
        '{"id": ["x"], "text": "bad id"}',
        '{"id": "t", "text": 5}',
        '',  # blank lines are harmless
        '{"id": "ok2", "text": "fine too"}',
    ]) + "\n", "utf-8")
    items = read(path)
    assert [d.id for d in items if isinstance(d, Document)] == ["ok1", "ok2"]
    errors = [e for e in items if isinstance(e, InputError)]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 7, 8)]
    reasons = [e.reason for e in errors]
    assert reasons[0].startswith("invalid JSON")
    assert "expected a JSON object" in reasons[1]
    assert 'exactly one of "text" or "html"' in reasons[2]
    assert "not both" in reasons[3]
    assert "empty page" in reasons[4]
    assert '"id" must be' in reasons[5]
    assert '"text" must be a string' in reasons[6]
    assert all("\n" not in str(e) for e in errors)


@pytest.mark.parametrize("encoding, expected", [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")])
def test_jsonl_with_byte_order_mark(tmp_path, encoding, expected):
    path = tmp_path / "bom.jsonl"
    path.write_bytes('{"id": "é", "text": "ü"}\n{"id": "b", "text": "z"}\n'.encode(encoding))
    docs = read(path)
    assert [(d.id, d.text, d.encoding, d.source) for d in docs] == [
        ("é", "ü", expected, f"{path}:1"), ("b", "z", expected, f"{path}:2")]


def test_jsonl_record_over_the_size_limit_fails_alone(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x" * 500}) + "\n" + '{"id": "small", "text": "y"}\n')
    big, small = read(path, max_bytes=100)
    assert isinstance(big, InputError) and big.source == f"{path}:1" and "size limit" in big.reason
    assert small.id == "small"


def test_bad_inputs_are_one_line_errors_and_the_batch_goes_on(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_text("  \n\t\n", "utf-8")
    (tmp_path / "bom-only.txt").write_bytes(codecs.BOM_UTF8)
    (tmp_path / "huge.txt").write_text("x" * 101, "utf-8")
    (tmp_path / "good.txt").write_text("A page.", "utf-8")
    (tmp_path / "gold.json").write_text("{}", "utf-8")
    (tmp_path / "binary.jsonl").write_bytes(b'{"id": 1}\x00\x00')
    (tmp_path / "empty.jsonl").write_bytes(b"\n  \n")
    names = ["binary.txt", "empty.txt", "blank.html", "bom-only.txt", "huge.txt", "missing.txt",
             "missing-no-extension", "gold.json", "binary.jsonl", "empty.jsonl", "good.txt"]
    items = read(*(tmp_path / n for n in names), max_bytes=100)
    errors = {e.source.rsplit("/", 1)[-1]: e.reason for e in items if isinstance(e, InputError)}
    assert [d.id for d in items if isinstance(d, Document)] == ["good"]
    assert "NUL" in errors["binary.txt"] and "binary" in errors["binary.txt"]
    assert errors["empty.txt"] == "empty file"
    assert errors["blank.html"].startswith("empty file")
    assert errors["bom-only.txt"].startswith("empty file")
    assert "101 bytes" in errors["huge.txt"] and "size limit of 100" in errors["huge.txt"]
    assert errors["missing.txt"] == "no such file or folder"
    assert errors["missing-no-extension"] == "no such file or folder"
    assert "unsupported file type '.json'" in errors["gold.json"]
    assert "binary" in errors["binary.jsonl"]
    assert errors["empty.jsonl"] == "empty file (no JSON Lines records)"
    assert len(errors) == 10
    assert all("\n" not in str(e) for e in items if isinstance(e, InputError))


def test_utf16_without_bom_is_reported_as_binary(tmp_path):
    path = tmp_path / "nobom.txt"
    path.write_bytes("hello".encode("utf-16-le"))
    err = only(read(path))
    assert isinstance(err, InputError) and "byte-order mark" in err.reason


def test_unreadable_file(tmp_path, monkeypatch):
    from comments import ingest

    path = tmp_path / "secret.txt"
    path.write_text("x", "utf-8")

    def denied(*args, **kwargs):  # chmod 0 does not stop root, so refuse the open itself
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ingest, "open", denied, raising=False)
    assert read(path, tmp_path / "other.jsonl") == [
        InputError(str(path), "permission denied"), InputError(str(tmp_path / "other.jsonl"), "permission denied")]


def test_path_through_a_file_is_an_error(tmp_path):
    (tmp_path / "page.txt").write_text("x", "utf-8")
    err = only(read(tmp_path / "page.txt" / "inner.txt"))
    assert err == InputError(str(tmp_path / "page.txt" / "inner.txt"), "Not a directory")


def test_folder_is_recursive_sorted_and_skips_other_types(tmp_path):
    for rel in ["b.txt", "a/z.html", "a/b/c.txt", "a-b.txt", "A.txt", "gold.json", "README.md",
                ".hidden.txt", ".git/x.txt", "d/p.jsonl"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"id": "j", "text": "t"}' if rel.endswith(".jsonl") else "text", "utf-8")
    skipped = []
    docs = read(tmp_path, on_skip=skipped.append)
    assert [d.source[len(str(tmp_path)) + 1:] for d in docs] == [
        "A.txt", "a/b/c.txt", "a/z.html", "a-b.txt", "b.txt", "d/p.jsonl:1"]
    assert sorted(p.name for p in skipped) == [".git", ".hidden.txt", "README.md", "gold.json"]
    assert sorted(map(skip_kind, skipped)) == [".json", ".md", ".txt", "hidden folder"]
    assert read(tmp_path) == docs  # stable from run to run


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_in_a_folder_is_skipped_not_read(tmp_path):
    """Opening a named pipe blocks until something writes to it: a folder holding one would hang the run."""
    (tmp_path / "page.txt").write_text("text", "utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    skipped = []
    assert [d.id for d in read(tmp_path, on_skip=skipped.append)] == ["page"]
    assert [skip_kind(p) for p in skipped] == ["not a regular file (a named pipe, socket or device)"]


def test_a_lone_surrogate_escape_becomes_the_replacement_character(tmp_path):
    """A scraper that cut an emoji in half writes "\\ud83d": such a string cannot be written as UTF-8."""
    path = tmp_path / "cut.jsonl"
    path.write_text('{"id": "a\\ud83d", "title": "Cut \\ud83d", "text": "Body \\udc00 text."}\n', "utf-8")
    doc = only(read(path))
    assert (doc.id, doc.title, doc.text) == ("a\ufffd", "Cut \ufffd", "Body \ufffd text.")
    assert "3 broken characters" in doc.encoding
    (doc.id + doc.title + doc.text).encode("utf-8")  # writable


def test_folder_without_pages_is_an_error(tmp_path):
    (tmp_path / "gold.json").write_text("{}", "utf-8")
    err = only(read(tmp_path))
    assert isinstance(err, InputError) and err.source == str(tmp_path)
    assert "no .txt" in err.reason and "1 other files skipped" in err.reason


def test_inputs_are_read_lazily(tmp_path):
    (tmp_path / "one.txt").write_text("one", "utf-8")
    items = read_inputs([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")])
    assert next(items).id == "one"
    (tmp_path / "two.txt").write_text("two", "utf-8")  # created after the first page was handed out
    assert next(items).id == "two"


def feed_stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize("data, kind", [
    (b"Plain page text\n<< Back to news\n", "text"),
    (b"<< Back to news\nPlain page text\n", "text"),
    (b"  <!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b"<div class='article'><p>x</p></div>", "html"),
])
def test_stdin_text_or_html(monkeypatch, data, kind):
    feed_stdin(monkeypatch, data)
    doc = only(read("-"))
    assert (doc.id, doc.source, doc.encoding) == ("stdin", "-", "utf-8")
    assert getattr(doc, kind) == data.decode()
    assert getattr(doc, "html" if kind == "text" else "text") is None


@pytest.mark.parametrize("data, kind", [
    (b"Plain page text\n<< Back to news\n", "text"),
    (b"  <!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b"<html lang='en'><head><title>t</title></head><body><p>x</p></body></html>", "html"),
])
def test_a_txt_file_holding_html_is_read_as_html(tmp_path, data, kind):
    """QA: a scraper that saved pages as .txt got the raw markup as the article body and no comments."""
    path = tmp_path / "saved.txt"
    path.write_bytes(data)
    doc = only(read(path))
    assert getattr(doc, kind) == data.decode()
    assert getattr(doc, "html" if kind == "text" else "text") is None


def test_stdin_jsonl(monkeypatch):
    feed_stdin(monkeypatch, b'{"id": "s1", "text": "one"}\n{"html": "<p>two</p>"}\nnope\n')
    first, second, bad = read("-")
    assert (first.id, first.source, first.text) == ("s1", "-:1", "one")
    assert (second.id, second.source, second.html) == ("stdin:2", "-:2", "<p>two</p>")
    assert isinstance(bad, InputError) and bad.source == "-:3"


def test_stdin_legacy_encoding_and_bad_input(monkeypatch):
    feed_stdin(monkeypatch, "caf\u00e9".encode("cp1252"))
    doc = only(read("-"))
    assert (doc.text, doc.encoding) == ("café", "cp1252")
    feed_stdin(monkeypatch, b"")
    assert only(read("-")) == InputError("-", "empty file")
    feed_stdin(monkeypatch, b"x" * 50)
    err = only(read("-", max_bytes=10))
    assert isinstance(err, InputError) and "50 bytes" in err.reason


def test_stdin_jsonl_with_a_long_or_broken_first_record(monkeypatch):
    long_record = json.dumps({"id": "long", "html": "<p>" + "x" * 100_000 + "</p>"})
    feed_stdin(monkeypatch, b'{"id": "broken", \n' + long_record.encode() + b"\n")
    bad, long_doc = read("-")
    assert isinstance(bad, InputError) and bad.source == "-:1"
    assert long_doc.id == "long" and len(long_doc.html) == 100_007


def test_excluded_folders_are_not_read(tmp_path):
    (tmp_path / "page.txt").write_text("An article.\n", encoding="utf-8")
    (tmp_path / "out" / "articles").mkdir(parents=True)
    (tmp_path / "out" / "articles" / "page.html").write_text("<p>a report</p>", encoding="utf-8")
    assert [d.source for d in read(tmp_path)] == [str(tmp_path / "out" / "articles" / "page.html"),
                                                  str(tmp_path / "page.txt")]
    assert [d.source for d in read(tmp_path, exclude=[tmp_path / "out"])] == [str(tmp_path / "page.txt")]


def test_an_error_is_one_line_whatever_the_exception_said():
    error = InputError("page.html", "could not process page: ImportError: a module\nis now a separate project")
    assert str(error) == "page.html: could not process page: ImportError: a module is now a separate project"


@pytest.mark.parametrize("declaration, codec, body", [
    (b'<meta charset="Shift_JIS">', "cp932", "記事の本文です。①"),  # decoded as browsers do: cp932 has ①
    (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030", "文章正文。碁"),
    (b"<?xml version='1.0' encoding='EUC-KR'?>", "cp949", "기사 본문입니다."),
    (b'<meta charset="koi8-r">', "koi8-r", "Новости дня."),
    (b'<meta charset="iso-8859-1">', "cp1252", "The \u201cminister\u201d said \u20ac5."),  # latin-1 label, cp1252 bytes
])
def test_a_page_in_the_charset_it_declares(tmp_path, declaration, codec, body):
    path = tmp_path / "page.html"
    path.write_bytes(declaration + b"<html><body><p>" + body.encode(codec) + b"</p></body></html>")
    (doc,) = read_inputs([path])
    assert body in doc.html and doc.encoding == codec


@pytest.mark.parametrize("declaration", [b'<meta charset="no-such-charset">', b'<meta charset="utf-8">',
                                         b'<meta charset="undefined">', b'<meta charset="rot13">',
                                         b'<meta charset="utf-16">', b'<meta charset="cp037">', b'<meta charset="utf-7">'])
def test_a_declared_charset_that_is_unknown_wrong_or_not_ascii_based_falls_back_to_cp1252(tmp_path, declaration):
    path = tmp_path / "page.html"
    path.write_bytes(declaration + "<p>Café crème</p>".encode("cp1252"))
    (doc,) = read_inputs([path])
    assert "Café crème" in doc.html and doc.encoding == "cp1252"


def test_a_stray_nul_in_a_text_page_is_dropped_and_said(tmp_path):
    """QA: one NUL byte in a 10 KB text dump refused the whole page as binary."""
    from comments.ingest import read_inputs

    page = tmp_path / "page.txt"
    page.write_bytes(b"Headline\n\n" + b"Some article text. " * 500 + b"\x00" + b"More text.\n")
    [doc] = list(read_inputs([str(page)]))
    assert "\0" not in doc.text and doc.text.rstrip().endswith("More text.")
    assert doc.encoding == "utf-8 (1 control character removed)"
    page.write_bytes(b"GIF89a\x00\x01\x02" + b"x" * 100)
    [error] = list(read_inputs([str(page)]))
    assert "binary file" in error.reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_file_met_again_is_read_once_the_first_time(tmp_path):
    """Given twice, inside a folder given too, through a link or a hard link: one page, and each repeat said."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "b.txt").write_text("page b", "utf-8")
    (folder / "c.txt").write_text("page c", "utf-8")
    os.symlink("c.txt", folder / "a.txt")  # sorts first: the link is where c.txt is read
    os.link(folder / "b.txt", tmp_path / "hard.txt")
    repeats = []
    docs = read(folder, folder / "b.txt", tmp_path / "hard.txt", folder / "b.txt",
                on_duplicate=lambda path, first: repeats.append((path, first)))
    assert [(d.id, d.text) for d in docs] == [("a", "page c"), ("b", "page b")]
    f = str(folder)
    assert repeats == [(f"{f}/c.txt", f"{f}/a.txt"), (f"{f}/b.txt", f"{f}/b.txt"),
                       (str(tmp_path / "hard.txt"), f"{f}/b.txt"), (f"{f}/b.txt", f"{f}/b.txt")]
    assert [d.id for d in read(folder / "c.txt", folder)] == ["c", "b"]  # the first path wins
    assert len(read(folder / "missing.txt", folder / "missing.txt")) == 2  # not there: each says so


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_broken_link_in_a_folder_is_skipped_as_a_broken_link(tmp_path):
    (tmp_path / "page.txt").write_text("text", "utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "gone", tmp_path / "dangling-folder")
    skipped = []
    assert [d.id for d in read(tmp_path, on_skip=skipped.append)] == ["page"]
    assert sorted((p.name, skip_kind(p)) for p in skipped) == [("dangling-folder", "broken link"),
                                                               ("dangling.txt", "broken link")]
