"""The CLI contract: `comments split` JSON and exit codes, `comments score` table formats.

The splitter and the scorer are replaced by small fakes here so these tests check the command layer
alone; the last tests of each command run the real ones.
"""
import io
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import comments
from comments import scoring
from comments.cli import main
from comments.types import Comment, Page

PAGE_KEYS = ["id", "title", "date", "article_body", "comments", "source", "encoding"]
COMMENT_KEYS = ["author", "posted", "text", "parent"]


def fake_split_document(doc):
    """Lines starting with "> author: " are comments; a "boom" page makes the splitter crash."""
    content = doc.text if doc.text is not None else doc.html
    if "boom" in content:
        raise ValueError("cannot split this page")
    body, found = [], []
    for line in content.splitlines():
        if line.startswith("> "):
            author, _, text = line[2:].partition(": ")
            found.append(Comment(author=author, posted=None, text=text, parent=0 if found else None))
        else:
            body.append(line)
    return Page(id=doc.id, title=doc.title, date=doc.date, article_body="\n".join(body), comments=found,
                source=doc.source, encoding=doc.encoding)


@pytest.fixture
def fake_splitter(monkeypatch):
    module = types.ModuleType("comments.split")
    module.split_document = fake_split_document
    monkeypatch.setitem(sys.modules, "comments.split", module)


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, prog_name="comments")


def run_split(*args, **kwargs):
    return run("split", *args, **kwargs)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


# --- split ---------------------------------------------------------------------------------------


def test_split_prints_one_json_object_per_page_with_exact_keys(tmp_path, fake_splitter):
    a = write(tmp_path / "a.txt", "Body of a.\n> ann: First!\n> bob: Second, “quoted” é")
    b = write(tmp_path / "b.html", "<p>Body of b.</p>")
    result = run_split(a, b)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first, second = map(json.loads, lines)
    assert list(first) == PAGE_KEYS and list(second) == PAGE_KEYS
    assert [list(c) for c in first["comments"]] == [COMMENT_KEYS, COMMENT_KEYS]
    assert first == {"id": "a", "title": None, "date": None, "article_body": "Body of a.",
                     "comments": [{"author": "ann", "posted": None, "text": "First!", "parent": None},
                                  {"author": "bob", "posted": None, "text": "Second, “quoted” é", "parent": 0}],
                     "source": str(a), "encoding": "utf-8"}
    assert "“quoted” é" in lines[0]  # UTF-8 on the wire, not \\u escapes
    assert second["id"] == "b" and second["comments"] == []
    assert result.stderr.splitlines() == ["2 pages, 2 comments, 0 failed"]


# Line ends JSON keeps as they are in a string, where str.splitlines (and some editors) cut a line
RAW_LINE_ENDS = "a\u2028b\u2029c\x85d"


def test_split_and_score_json_lines_stay_one_line_each(tmp_path, fake_splitter, fake_scorer):
    # QA: a comment holding U+2028, U+2029 or U+0085 was written raw, so `text.splitlines()` cut its record
    pages = write(tmp_path / "pages.jsonl", json.dumps({"id": "p", "title": RAW_LINE_ENDS, "text": "Body."}) + "\n")
    split = run_split(pages)
    assert split.exit_code == 0, split.stderr
    assert [json.loads(line)["title"] for line in split.stdout.splitlines()] == [RAW_LINE_ENDS]
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": RAW_LINE_ENDS}) + "\n" + json.dumps({"text": "fine"}) + "\n", "utf-8")
    scored = run("score", "--input", src, "--out", tmp_path / "out.jsonl")
    assert scored.exit_code == 0, scored.stderr
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == [RAW_LINE_ENDS, "fine"]


def test_split_out_writes_one_file_per_page(tmp_path, fake_splitter):
    pages = write(tmp_path / "in" / "batch.jsonl",
                  '{"id": "p1", "text": "One\\n> ann: hi", "title": "T", "date": "2024-01-02"}\n'
                  '{"id": "p2", "html": "<p>Two</p>"}\n')
    out = tmp_path / "out"
    result = run_split(pages, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["p1.json", "p2.json"]  # no temporary files left
    p1 = json.loads((out / "p1.json").read_text("utf-8"))
    assert list(p1) == PAGE_KEYS
    assert (p1["title"], p1["date"], p1["source"], len(p1["comments"])) == ("T", "2024-01-02", f"{pages}:1", 1)
    assert (out / "p1.json").read_text("utf-8").startswith('{\n  "id": "p1",')  # indent 2
    assert result.stderr.splitlines() == ["2 pages, 1 comments, 0 failed"]


def test_split_failures_exit_1_with_one_line_each_and_a_summary(tmp_path, fake_splitter):
    good = write(tmp_path / "good.txt", "Body\n> ann: hi")
    empty = write(tmp_path / "empty.txt", "")
    crash = write(tmp_path / "crash.txt", "boom")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    result = run_split(good, empty, tmp_path / "missing.txt", crash, tmp_path / "binary.txt", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good"]
    errors = result.stderr.splitlines()
    assert errors == [
        f"{empty}: empty file",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
        f"{crash}: split failed: ValueError: cannot split this page",
        f"{tmp_path / 'binary.txt'}: binary file (contains NUL bytes; UTF-16 needs a byte-order mark)",
        f"{tmp_path / 'x.pdf'}: no such file or folder",
        "1 pages, 1 comments, 5 failed",
    ]


def test_split_bad_jsonl_line_fails_alone(tmp_path, fake_splitter):
    pages = write(tmp_path / "p.jsonl", '{"id": "ok", "text": "fine"}\n{"id": "bad", \n')
    result = run_split(pages)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]
    assert result.stderr.splitlines()[0].startswith(f"{pages}:2: invalid JSON")
    assert result.stderr.splitlines()[-1] == "1 pages, 0 comments, 1 failed"


def test_split_folder_notes_skipped_files(tmp_path, fake_splitter):
    write(tmp_path / "d001.txt", "Body one")
    write(tmp_path / "sub" / "d002.txt", "Body two")
    write(tmp_path / "d001.json", "{}")
    write(tmp_path / "README.md", "# readme")
    result = run_split(tmp_path)
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["d001", "sub/d002"]
    assert result.stderr.splitlines() == [
        "note: skipped 2 paths in folders (hidden, not a page type, or not read: .json 1, .md 1)",
        "2 pages, 0 comments, 0 failed"]


def test_split_pages_of_the_same_name_in_subfolders_are_told_apart(tmp_path, fake_splitter):
    for day in ("2024-01-01", "2024-01-02"):  # a site mirror: every page is an index.html
        write(tmp_path / "site" / day / "index.html", f"<html><body><p>Story of {day}</p></body></html>")
    result = run_split(tmp_path / "site", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2024-01-01_index.json", "2024-01-02_index.json"]
    assert json.loads((tmp_path / "out" / "2024-01-02_index.json").read_text("utf-8"))["id"] == "2024-01-02/index"


@pytest.mark.parametrize("out", [False, True])
def test_split_duplicate_ids_are_reported_not_overwritten(tmp_path, fake_splitter, out):
    first = write(tmp_path / "a" / "page.txt", "First page")
    second = write(tmp_path / "b" / "page.txt", "Second page")
    args = [first, second] + (["--out", tmp_path / "out"] if out else [])
    result = run_split(*args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{second}: duplicate page id 'page' (already used by {first}); not written",
        "1 pages, 0 comments, 1 failed"]
    if out:
        assert json.loads((tmp_path / "out" / "page.json").read_text("utf-8"))["article_body"] == "First page"
    else:
        assert [json.loads(line)["article_body"] for line in result.stdout.splitlines()] == ["First page"]


def test_split_out_ids_that_differ_only_in_case_clash(tmp_path, fake_splitter):
    pages = write(tmp_path / "p.jsonl", '{"id": "Page", "text": "one"}\n{"id": "page", "text": "two"}\n')
    assert run_split(pages).exit_code == 0  # on stdout both are fine
    result = run_split(pages, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"p.jsonl:2: page id 'page' makes the same file name 'page' as page id 'Page' (from {pages}:1)" in result.stderr


def test_split_out_file_names_stay_inside_the_folder(tmp_path, fake_splitter):
    pages = write(tmp_path / "p.jsonl", '{"id": "../../escape", "text": "x"}\n{"id": "..", "text": "y"}\n')
    out = tmp_path / "deep" / "out"
    result = run_split(pages, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["_.._escape.json", "_.json"]
    assert json.loads((out / "_.._escape.json").read_text("utf-8"))["id"] == "../../escape"
    assert not (tmp_path / "escape.json").exists()


def test_split_stdin(fake_splitter):
    result = run_split("-", input="Body from a pipe\n> ann: hello\n")
    assert result.exit_code == 0, result.stderr
    page = json.loads(result.stdout)
    assert (page["id"], page["source"], page["comments"][0]["text"]) == ("stdin", "-", "hello")


@pytest.mark.parametrize("command", ["split", "report"])
def test_stdin_given_twice_is_a_usage_error(tmp_path, command):
    """QA: `comments report - -` read stdin once and reported the second - as an empty file."""
    result = run(command, "-", "-", *(["--out", tmp_path / "out"] if command == "report" else []), input="A page\n")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "Error: - (standard input) is given more than once: it can be read only once\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["split", "report"])
def test_out_dash_is_a_usage_error_not_a_folder_named_dash(tmp_path, monkeypatch, command):
    """QA 6: `comments report PAGES --out -` wrote its reports into a folder named "-"."""
    monkeypatch.chdir(tmp_path)
    page = write(tmp_path / "page.txt", "A page\n")
    result = run(command, page, "--out", "-")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "Error: --out - : this command writes a folder of files, not standard output\n"
    assert not (tmp_path / "-").exists()


def test_split_max_bytes(tmp_path, fake_splitter):
    page = write(tmp_path / "p.txt", "x" * 200)
    assert run_split(page, "--max-bytes", 300).exit_code == 0
    result = run_split(page, "--max-bytes", 100)
    assert result.exit_code == 1 and "size limit of 100 bytes" in result.stderr


@pytest.mark.parametrize("args", [[], ["--max-bytes", "0", "x.txt"], ["--max-bytes", "lots", "x.txt"],
                                  ["--no-such-option", "x.txt"]])
def test_split_usage_errors_exit_2(args, fake_splitter):
    result = run_split(*args)
    assert result.exit_code == 2 and "Usage: comments split" in result.stderr and "Error:" in result.stderr


def test_split_out_must_be_a_folder(tmp_path, fake_splitter):
    page = write(tmp_path / "p.txt", "x")
    assert run_split(page, "--out", page).exit_code == 2


def test_split_with_the_real_splitter_on_the_examples(tmp_path):
    pytest.importorskip("comments.split", reason="comments/split.py is not written yet")
    examples = Path(__file__).resolve().parent.parent / "examples"
    result = run_split(examples, "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    files = sorted(tmp_path.glob("*.json"))
    assert [f.stem for f in files] == sorted(p.stem for p in examples.glob("*.txt"))
    for f in files:
        page = json.loads(f.read_text("utf-8"))
        assert list(page) == PAGE_KEYS
        assert page["encoding"] == "utf-8" and page["source"].startswith(str(examples))
        assert page["article_body"].strip()
        assert all(list(c) == COMMENT_KEYS for c in page["comments"])


# --- help and version ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["split", "--help"], ["score", "--help"], ["-h"]])
def test_help_explains_itself(args):
    result = run(*args)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # as read, not as wrapped
    assert text.startswith("Usage: comments")
    if "split" in args:
        assert "N pages, M comments, K failed" in text and "--out DIR" in text
    if "score" in args:
        assert "--text-column" in text and "JSON strings in CSV" in text


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"comments, version {comments.__version__}"


def test_installed_console_script():
    script = shutil.which("comments", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the `comments` console script is not installed beside this Python")
    done = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("comments, version ")
    done = subprocess.run([script, "split"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Missing argument" in done.stderr


@pytest.mark.parametrize("args", [["split", "examples"], ["policy", "--show"], ["--help"], ["split", "--help"]],
                         ids=" ".join)
def test_a_closed_pipe_on_stdout_ends_quietly_with_141(args):
    """`comments split DIR | head`: the reader is gone; exit as `cat` does (128 + SIGPIPE), nothing said."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # no reader at all: the first write fails, whatever the timing
    try:
        done = subprocess.run([sys.executable, "-m", "comments", *args], stdout=write_end, stderr=subprocess.PIPE,
                              text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent)
    finally:
        os.close(write_end)
    assert done.returncode == 141, done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr and "Errno" not in done.stderr


# --- score ---------------------------------------------------------------------------------------


def fake_score(texts):
    """Deterministic stand-in for the shipped models, with the contract's columns and list columns."""
    texts = list(texts)
    rows = []
    for t in texts:
        bad = t.find("idiot")
        row = {c: 0.0 for c in scoring.SCORE_COLUMNS}
        row.update(sentiment_label="negative" if bad >= 0 else "neutral", toxicity=0.9 if bad >= 0 else 0.1,
                   toxic_spans=[[bad, bad + 5]] if bad >= 0 else [],
                   conspiracy_cues=["wake up"] if "wake up" in t else [], conspiracy=len(t) / 100)
        rows.append(row)
    return pd.DataFrame(rows, columns=list(scoring.SCORE_COLUMNS))


@pytest.fixture
def fake_scorer(monkeypatch):
    monkeypatch.setattr(scoring, "score", fake_score)


ROWS = pd.DataFrame({
    "comment_id": ["007", "008", "NA"],
    "text": ["You idiot, wake up!", "Nice article, thanks.", ""],
    "votes": ["3", "", "-1"],
    "note": ["=SUM(A1)", "line one\nline two", "comma, \"quote\""],
})


def write_table(path: Path, df: pd.DataFrame) -> Path:
    suffix = path.suffix
    if suffix == ".csv":
        df.to_csv(path, index=False)
    elif suffix == ".jsonl":
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        df.to_parquet(path, index=False)
    return path


def test_score_csv_keeps_other_columns_exactly_and_writes_lists_as_json(tmp_path, fake_scorer):
    src = write_table(tmp_path / "in.csv", ROWS)
    out = tmp_path / "scored.csv"
    result = run("score", "--input", src, "--out", out)
    assert result.exit_code == 0, result.stderr
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(got.columns) == list(ROWS.columns) + list(scoring.SCORE_COLUMNS)
    # "007", "NA" and the number "-1" unchanged; the formula shown, not run
    pd.testing.assert_frame_equal(got[list(ROWS.columns)], ROWS.replace({"=SUM(A1)": "'=SUM(A1)"}))
    assert got["toxic_spans"].tolist() == ["[[4, 9]]", "[]", "[]"]
    result = run("score", "--input", src, "--out", out, "--keep-formulas")
    assert result.exit_code == 0, result.stderr
    pd.testing.assert_frame_equal(pd.read_csv(out, dtype=str, keep_default_na=False)[list(ROWS.columns)], ROWS)
    assert json.loads(got["conspiracy_cues"][0]) == ["wake up"]
    assert got["toxicity"].astype(float).tolist() == [0.9, 0.1, 0.1]
    assert result.stderr.strip() == f"scored 3 rows -> {out}"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_score_csv_starts_with_a_bom_as_queue_csv(tmp_path, fake_scorer, monkeypatch):
    """A spreadsheet reads a CSV as UTF-8 only when it starts with a byte-order mark."""
    import codecs

    import comments.cli

    monkeypatch.setattr(comments.cli, "SCORE_CHUNK_ROWS", 2)  # three chunks: one mark, at the start
    texts = pd.DataFrame({"text": ["Café idiot", "Thé", "Crème"], "n": ["1", "2", "3"]})
    src = write_table(tmp_path / "in.csv", texts)
    out = tmp_path / "out.csv"
    result = run("score", "--input", src, "--out", out)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and data.count(codecs.BOM_UTF8) == 1
    got = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
    assert got["text"].tolist() == ["Café idiot", "Thé", "Crème"] and got.columns[0] == "text"
    # on stdout, for the next program in a pipe: plain UTF-8
    result = run("score", "--input", src, "--out", "-", "--format", "csv")
    assert result.exit_code == 0 and result.stdout_bytes == data[len(codecs.BOM_UTF8):]


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_score_jsonl_and_parquet_keep_native_lists(tmp_path, fake_scorer, suffix):
    src = write_table(tmp_path / f"in{suffix}", ROWS)
    out = tmp_path / f"out{suffix}"
    result = run("score", "--input", src, "--out", out)
    assert result.exit_code == 0, result.stderr
    got = pd.read_json(out, lines=True, dtype=False) if suffix == ".jsonl" else pd.read_parquet(out)
    assert list(got.columns) == list(ROWS.columns) + list(scoring.SCORE_COLUMNS)
    assert got["comment_id"].tolist() == ["007", "008", "NA"] and got["note"].tolist() == ROWS["note"].tolist()
    spans = [[list(span) for span in row] for row in got["toxic_spans"]]
    assert spans == [[[4, 9]], [], []]
    assert [list(c) for c in got["conspiracy_cues"]] == [["wake up"], [], []]


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_score_gives_a_missing_text_missing_scores(tmp_path, suffix):
    """A null text (JSON Lines, Parquet) is no comment: its scores are null, not an empty comment's."""
    src = write_table(tmp_path / f"in{suffix}", pd.DataFrame({"text": ["You idiot.", None, ""]}))
    out = tmp_path / f"out{suffix}"
    result = run("score", "--input", src, "--out", out)
    assert result.exit_code == 0, result.stderr
    got = pd.read_json(out, lines=True, dtype=False) if suffix == ".jsonl" else pd.read_parquet(out)
    assert got["toxicity"][0] > 0.5 and got["toxicity"][2] < 0.5  # the empty text is scored
    assert got.loc[1, ["toxicity", "sentiment_score", "conspiracy", "sentiment_label"]].isna().all()
    assert list(got["toxic_spans"][1]) == [] and list(got["conspiracy_cues"][1]) == []


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_score_writes_a_lone_surrogate_escape_as_the_replacement_character(tmp_path, fake_scorer, suffix):
    """Half an emoji ("\\ud800") in a JSON Lines input cannot be written as UTF-8: it becomes U+FFFD."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "bad \\ud800 idiot", "note": ["\\udc00"]}\n', "utf-8")
    out = tmp_path / f"out{suffix}"
    result = run("score", "--input", src, "--out", out)
    assert result.exit_code == 0, result.stderr
    got = {".csv": pd.read_csv, ".parquet": pd.read_parquet}.get(suffix, lambda p: pd.read_json(p, lines=True))(out)
    assert got["text"].tolist() == ["bad \ufffd idiot"]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_score_reads_a_csv_separated_by_semicolons_or_tabs(tmp_path, fake_scorer, sep):
    """A spreadsheet where the comma is the decimal mark saves "id;text": the header line tells."""
    src = tmp_path / "in.csv"
    src.write_text(f'id{sep}text\n1{sep}"you idiot, really"\n2{sep}fine\n', "utf-8")
    result = run("score", "--input", src, "--out", tmp_path / "out.csv")
    assert result.exit_code == 0, result.stderr
    got = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert got["id"].tolist() == ["1", "2"] and got["text"].tolist() == ["you idiot, really", "fine"]


def test_score_converts_between_formats(tmp_path, fake_scorer):
    src = write_table(tmp_path / "in.jsonl", ROWS)
    assert run("score", "--input", src, "--out", tmp_path / "out.parquet").exit_code == 0
    assert run("score", "--input", tmp_path / "out.parquet", "--out", tmp_path / "again.csv").exit_code == 0
    again = pd.read_csv(tmp_path / "again.csv", dtype=str, keep_default_na=False)
    # re-scoring a scored table replaces the old score columns instead of duplicating them
    assert list(again.columns) == list(ROWS.columns) + list(scoring.SCORE_COLUMNS)
    assert again["toxic_spans"].tolist() == ["[[4, 9]]", "[]", "[]"]


def test_score_reads_our_csv_text_without_its_formula_guard(tmp_path, fake_scorer):
    """A scored CSV or queue.csv puts a ' before text a spreadsheet would run; scored again, the comment is
    the text without it (spans count from it), and only that quote is taken off."""
    written = ["=cmd you idiot", "+1 idiot", "-2", "'quoted idiot"]
    first = tmp_path / "first.csv"
    assert run("score", "--input", write_table(tmp_path / "in.csv", pd.DataFrame({"text": written})),
               "--out", first).exit_code == 0
    assert pd.read_csv(first, dtype=str)["text"].tolist() == ["'=cmd you idiot", "'+1 idiot", "-2", "'quoted idiot"]
    again = tmp_path / "again.jsonl"
    result = run("score", "--input", first, "--out", again)
    assert result.exit_code == 0, result.stderr
    got = pd.read_json(again, lines=True, dtype=False)
    assert got["text"].tolist() == written
    assert got["toxic_spans"].tolist() == [[[9, 14]], [[3, 8]], [], [[8, 13]]]
    assert run("score", "--input", first, "--out", tmp_path / "again.csv").exit_code == 0
    assert (tmp_path / "again.csv").read_bytes() == first.read_bytes()  # scoring a scored CSV changes nothing


def test_score_jsonl_values_keep_their_types(tmp_path, fake_scorer):
    src = write(tmp_path / "in.jsonl", '{"id": 1, "text": "a", "meta": {"k": [1, 2]}}\n{"id": 2, "text": "b"}\n')
    out = tmp_path / "out.jsonl"
    assert run("score", "--input", src, "--out", out).exit_code == 0
    first, second = (json.loads(line) for line in out.read_text("utf-8").splitlines())
    assert (first["id"], first["meta"], second["id"], second["meta"]) == (1, {"k": [1, 2]}, 2, None)


def test_score_text_column_option_and_stdin_stdout(tmp_path, fake_scorer):
    csv_text = "body,n\nyou idiot,1\n"
    result = run("score", "--input", "-", "--out", "-", "--format", "csv", "--text-column", "body", input=csv_text)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("body,n,sentiment_compound") and '"[[4, 9]]"' in lines[1]


def test_score_parquet_through_pipes(tmp_path, fake_scorer):
    data = write_table(tmp_path / "in.parquet", ROWS).read_bytes()
    result = run("score", "--input", "-", "--out", "-", "--format", "parquet", input=data)
    assert result.exit_code == 0, result.stderr
    piped = pd.read_parquet(io.BytesIO(result.stdout_bytes))
    assert piped["comment_id"].tolist() == ["007", "008", "NA"] and list(piped["toxic_spans"][0][0]) == [4, 9]
    result = run("score", "--input", "-", "--out", tmp_path / "out.jsonl", "--format", "parquet", input=data)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [r["comment_id"] for r in rows] == ["007", "008", "NA"] and rows[0]["toxic_spans"] == [[4, 9]]


@pytest.mark.parametrize("args, message", [
    (["--text-column", "comment"], "no column 'comment' (columns: comment_id, text, votes, note); "
                                   "name yours with --text-column"),
    (["--out", "out.xlsx"], "unknown table type '.xlsx'"),
    (["--out", "-"], "give the table format with --format"),
    (["--format", "csv"], "--format is only for -"),
])
def test_score_command_line_errors_exit_2_with_one_line(tmp_path, fake_scorer, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    write_table(tmp_path / "in.csv", ROWS)
    base = {"--input": "in.csv", "--out": "out.csv"}
    for flag, value in zip(args[::2], args[1::2]):
        base[flag] = value
    result = run("score", *[x for kv in base.items() for x in kv])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_score_reads_a_legacy_encoding_when_told(tmp_path, fake_scorer, suffix):
    src = write_table(tmp_path / f"in{suffix}", ROWS.assign(text=["Café crème, you idiot", "naïve", "€5"]))
    legacy = tmp_path / f"legacy{suffix}"
    legacy.write_bytes(src.read_text("utf-8").encode("cp1252"))
    for name, args in (("utf8", [src]), ("legacy", [legacy, "--encoding", "cp1252"])):
        result = run("score", "--input", *args[:1], "--out", tmp_path / f"{name}.jsonl", *args[1:])
        assert result.exit_code == 0, result.stderr
    assert (tmp_path / "utf8.jsonl").read_bytes() == (tmp_path / "legacy.jsonl").read_bytes()
    result = run("score", "--input", legacy, "--out", tmp_path / "x.jsonl", "--encoding", "klingon")
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr


def test_score_reads_utf16_json_lines_when_told(tmp_path, fake_scorer):
    src = tmp_path / "in.jsonl"
    src.write_bytes("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in ("café idiot", "naïve"))
                    .encode("utf-16"))
    result = run("score", "--input", src, "--out", tmp_path / "out.jsonl", "--encoding", "utf-16")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["text"] for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()] == [
        "café idiot", "naïve"]


def test_score_csv_quotes_a_cell_with_a_lone_carriage_return(tmp_path, fake_scorer):
    src = tmp_path / "in.csv"
    src.write_bytes(b'id,text\n1,"first line\rsecond line"\n2,ok\n')
    assert run("score", "--input", src, "--out", tmp_path / "out.csv").exit_code == 0
    got = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert got["text"].tolist() == ["first line\rsecond line", "ok"] and got["id"].tolist() == ["1", "2"]


@pytest.mark.parametrize("lines, message", [
    ([{"text": "a", "d": {}}, {"text": "b", "d": {}}], "column 'd' holds only empty objects"),
])
def test_score_parquet_errors_name_the_column(tmp_path, fake_scorer, lines, message):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run("score", "--input", src, "--out", tmp_path / "out.parquet")
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1


def test_score_missing_input_is_a_usage_error(tmp_path, fake_scorer):
    result = run("score", "--input", tmp_path / "nope.csv", "--out", tmp_path / "o.csv")
    assert result.exit_code == 2 and "does not exist" in result.stderr


@pytest.mark.parametrize("name, content, message", [
    ("bad.jsonl", b'{"text": "a"}\n{"text": \n', "line 2: invalid JSON"),
    ("bad.parquet", b"not parquet at all", "not a readable Parquet file"),
    ("empty.csv", b"", "empty file"),
    ("latin.csv", "text\ncaf\u00e9\n".encode("cp1252"), "not utf-8 text (invalid continuation byte at byte 8); "
                                                         "give its encoding with --encoding (e.g. cp1252)"),
    ("latin.jsonl", '{"text": "caf\u00e9"}\n'.encode("cp1252"), "line 1: not utf-8 text"),
    # QA: a spreadsheet's "Unicode text" export was told to try cp1252
    ("unicode.csv", "text\tlabel\ncaf\u00e9\tyes\n".encode("utf-16"), "not utf-8 text (invalid start byte at byte 0); "
     "it starts with a UTF-16 byte-order mark (a spreadsheet's Unicode text): --encoding utf-16"),
    ("ragged.csv", b"id,text\n1,hi,extra\n2,ok\n", "malformed CSV: line 2 has more fields than the header"),
    ("ragged-later.csv", b"id,text\n1,hi\n2,ok\n3,a,b\n", "Expected 2 fields in line 4, saw 3"),
])
def test_score_unreadable_input_exits_1_with_one_line(tmp_path, fake_scorer, name, content, message):
    (tmp_path / name).write_bytes(content)
    result = run("score", "--input", tmp_path / name, "--out", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / name}: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()


def test_score_failure_of_the_models_exits_1_and_writes_nothing(tmp_path, monkeypatch):
    def broken(texts):
        raise FileNotFoundError("no shipped model named 'toxicity'")

    monkeypatch.setattr(scoring, "score", broken)
    src = write_table(tmp_path / "in.csv", ROWS)
    result = run("score", "--input", src, "--out", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: scoring failed: FileNotFoundError: no shipped model named 'toxicity'"
    assert not (tmp_path / "out.csv").exists()


def test_score_empty_table(tmp_path, fake_scorer):
    src = write(tmp_path / "in.csv", "id,text\n")
    out = tmp_path / "out.csv"
    result = run("score", "--input", src, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == ("\ufeff" + ",".join(["id", "text", *scoring.SCORE_COLUMNS]) + "\r\n").encode("utf-8")


def test_score_with_the_shipped_models(tmp_path):
    from comments.modelstore import MANIFEST, read_manifest

    if not read_manifest():
        pytest.skip(f"the shipped models are not present ({MANIFEST} lists none): run the training first")
    src = write_table(tmp_path / "in.csv", ROWS)
    out = tmp_path / "out.jsonl"
    result = run("score", "--input", src, "--out", out)
    assert result.exit_code == 0, result.stderr
    got = pd.read_json(out, lines=True, dtype=False)
    assert list(got.columns) == list(ROWS.columns) + list(scoring.SCORE_COLUMNS)
    assert got["comment_id"].tolist() == ["007", "008", "NA"]
    for text, spans in zip(ROWS["text"], got["toxic_spans"]):
        assert all(0 <= start < end <= len(text) for start, end in spans)
    assert got["toxicity"].between(0, 1).all()


def test_any_page_id_becomes_a_file_name_inside_the_output_folder(tmp_path):
    """`file_stem` names the files of `comments split --out` and of `comments report`."""
    from comments.atomic import file_stem

    for page_id in ("Prime Minister: 'No' (video)", "../../x", "über/straße", ".hidden", ""):
        stem = file_stem(page_id)
        assert stem and "/" not in stem and "\\" not in stem and not stem.startswith(".")
        assert (tmp_path / f"{stem}.json").resolve().parent == tmp_path.resolve()


@pytest.mark.parametrize("in_suffix", [".csv", ".jsonl", ".parquet"])
@pytest.mark.parametrize("out_suffix", [".csv", ".jsonl", ".parquet"])
def test_score_in_chunks_writes_what_one_chunk_writes(tmp_path, fake_scorer, monkeypatch, in_suffix, out_suffix):
    """Tables are read, scored and written a chunk at a time (memory stays flat): the same bytes."""
    import comments.cli

    rows = pd.concat([ROWS] * 7, ignore_index=True)  # 21 rows: chunks of 4 leave a short last one
    src = write_table(tmp_path / f"in{in_suffix}", rows)
    outputs = []
    for chunk_rows in (4, 10_000):
        monkeypatch.setattr(comments.cli, "SCORE_CHUNK_ROWS", chunk_rows)
        out = tmp_path / f"out-{chunk_rows}{out_suffix}"
        result = run("score", "--input", src, "--out", out, "--jobs", "1")
        assert result.exit_code == 0, result.stderr
        assert result.stderr.strip() == f"scored 21 rows -> {out}"
        outputs.append(out)
    if out_suffix == ".parquet":  # the files hold row groups of different sizes: compare the tables
        pd.testing.assert_frame_equal(pd.read_parquet(outputs[0]), pd.read_parquet(outputs[1]))
    else:
        assert outputs[0].read_bytes() == outputs[1].read_bytes()


def test_score_jsonl_in_chunks_keeps_keys_that_appear_late(tmp_path, fake_scorer, monkeypatch):
    import comments.cli

    lines = [{"text": f"comment {i}"} for i in range(5)] + [{"text": "late", "extra": 1}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    monkeypatch.setattr(comments.cli, "SCORE_CHUNK_ROWS", 2)
    result = run("score", "--input", src, "--out", tmp_path / "out.csv", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    got = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert list(got.columns[:2]) == ["text", "extra"] and got["extra"].tolist() == [""] * 5 + ["1"]


def test_score_parquet_takes_columns_typed_only_after_the_first_chunk(tmp_path, fake_scorer, monkeypatch):
    """A column empty in the first rows (a reply's parent), whole numbers then fractions: one schema fits all."""
    import pyarrow.parquet as pq

    import comments.cli

    lines = [{"text": f"comment {i}", "parent": None if i < 5 else i - 1, "likes": 2 if i < 3 else 2.5}
             for i in range(8)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    monkeypatch.setattr(comments.cli, "SCORE_CHUNK_ROWS", 2)
    result = run("score", "--input", src, "--out", tmp_path / "out.parquet", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    schema = pq.read_schema(tmp_path / "out.parquet")
    assert str(schema.field("parent").type) == "int64" and str(schema.field("likes").type) == "double"
    got = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["parent"] for r in got] == [None] * 5 + [4, 5, 6] and [r["likes"] for r in got] == [2, 2, 2] + [2.5] * 5


@pytest.mark.parametrize("chunk_rows", [2, 5000])
def test_score_parquet_stores_a_column_of_numbers_and_text_as_text(tmp_path, fake_scorer, monkeypatch, chunk_rows):
    """JSON Lines ids 1 and "x2": within one chunk, or numbers in the first chunks and text later (the
    chunks written before are cast), the column is text in every row, and missing values stay missing."""
    import pyarrow.parquet as pq

    import comments.cli

    values = [1, 2, None, 4.5, "x5", True, 7]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"text": "a", "id": v}) + "\n" for v in values), encoding="utf-8")
    monkeypatch.setattr(comments.cli, "SCORE_CHUNK_ROWS", chunk_rows)
    result = run("score", "--input", src, "--out", tmp_path / "out.parquet", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert str(pq.read_schema(tmp_path / "out.parquet").field("id").type) == "string"
    assert pq.read_table(tmp_path / "out.parquet").column("id").to_pylist() == \
        ["1", "2", None, "4.5", "x5", "true", "7"]


def test_score_parquet_with_a_column_of_mixed_types_says_which_rows(tmp_path, fake_scorer, monkeypatch):
    import comments.cli

    src = tmp_path / "in.jsonl"  # lists, then text: no one type holds both
    src.write_text("".join(json.dumps({"text": "a", "v": [1] if i < 4 else "x"}) + "\n" for i in range(6)),
                   encoding="utf-8")
    monkeypatch.setattr(comments.cli, "SCORE_CHUNK_ROWS", 2)
    result = run("score", "--input", src, "--out", tmp_path / "out.parquet", "--jobs", "1")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'out.parquet'}: cannot store as Parquet (rows 5 to 6): "
                                    "column types differ from the rows before")
    assert not list(tmp_path.glob("*out.parquet*"))


def test_score_a_bad_line_late_in_the_input_writes_nothing(tmp_path, fake_scorer, monkeypatch):
    import comments.cli

    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "a"}\n' * 5 + "{not json\n", encoding="utf-8")
    monkeypatch.setattr(comments.cli, "SCORE_CHUNK_ROWS", 2)
    result = run("score", "--input", src, "--out", tmp_path / "out.csv", "--jobs", "1")
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {src}: line 6: invalid JSON")
    assert not (tmp_path / "out.csv").exists() and not list(tmp_path.glob(".out.csv*"))


def test_score_in_chunks_over_worker_processes_writes_what_one_process_writes(tmp_path, fake_scorer, monkeypatch):
    import comments.cli

    src = write_table(tmp_path / "in.csv", pd.concat([ROWS] * 7, ignore_index=True))
    monkeypatch.setattr(comments.cli, "SCORE_CHUNK_ROWS", 4)  # 6 chunks over 2 workers (forked: fake scorer)
    for jobs in ("1", "2"):
        result = run("score", "--input", src, "--out", tmp_path / f"out-{jobs}.csv", "--jobs", jobs)
        assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out-1.csv").read_bytes() == (tmp_path / "out-2.csv").read_bytes()


# --- output folders that cannot be written: one line naming the path and the reason, no traceback ----


@pytest.mark.parametrize("blocker", ["articles", ".resume"])
def test_report_into_a_folder_with_a_file_in_the_way_is_one_line(tmp_path, monkeypatch, blocker):
    from report_fakes import KeywordScorer
    from test_resume import corpus

    monkeypatch.setattr(scoring, "default_scorer", KeywordScorer)
    pages = corpus(tmp_path / "pages", pages=2)
    out = tmp_path / "out"
    out.mkdir()
    (out / blocker).write_text("not a folder")
    result = run("report", str(pages), "--out", str(out), "--jobs", "1", "--quiet")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert result.stderr == f"Error: {out}: cannot write: {out / blocker} is not a folder\n"
    assert (out / blocker).read_text() == "not a folder" and not (out / ".lock").exists()


def test_score_into_a_path_under_a_file_says_which_is_not_a_folder(tmp_path, fake_scorer):
    source = write_table(tmp_path / "in.csv", ROWS)
    (tmp_path / "afile").write_text("x")
    result = run("score", "--input", str(source), "--out", str(tmp_path / "afile" / "x.csv"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'afile' / 'x.csv'}: cannot write: {tmp_path / 'afile'} is not a folder\n"


def test_score_refuses_a_csv_that_names_a_column_twice(tmp_path, fake_scorer):
    """pandas would read `text,text` as "text" and "text.1": which text was scored would be a guess."""
    src = tmp_path / "in.csv"
    src.write_text("id,text,text,,\n1,first,second,,\n", encoding="utf-8")
    result = run("score", "--input", src, "--out", tmp_path / "out.csv")
    assert result.exit_code == 1 and not (tmp_path / "out.csv").exists()
    assert result.stderr == f"Error: {src}: column 'text' appears twice in the header: rename one, so that it " \
                            "is clear which is meant\n"
    src.write_text("id;text;;\n1;first;;\n", encoding="utf-8")  # unnamed columns are not names given twice
    assert run("score", "--input", src, "--out", tmp_path / "out.csv").exit_code == 0


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_split_reads_a_page_given_twice_once_and_says_so(tmp_path, fake_splitter):
    write(tmp_path / "d" / "a.txt", "Body one")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "d" / "dangling.txt")
    result = run_split(tmp_path / "d", tmp_path / "d" / "a.txt")
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'd' / 'dangling.txt'}: broken link (to {tmp_path / 'nowhere.txt'}): skipped",
        "note: skipped 1 path in folders (hidden, not a page type, or not read: broken link 1)",
        f"note: skipped 1 input already read under another path: {tmp_path / 'd' / 'a.txt'} (given twice)",
        "1 pages, 0 comments, 0 failed"]
