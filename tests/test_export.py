"""The moderation queue files: order, stable ids, spreadsheet safety, the lossless JSONL twin."""
from __future__ import annotations

import csv
import json

import pytest
from report_fakes import KeywordScorer

from comments.export import QUEUE_COLUMNS, comment_id, neutralize, queue_order
from comments.pipeline import process_page, run_report
from comments.policy import load_policy
from comments.tables import without_formula_guard
from comments.scoring import SCORE_COLUMNS
from comments.types import Comment, Page


def page(page_id: str, *comments: tuple[str, str]) -> Page:
    return Page(id=page_id, title=f"Title of {page_id}", date="2024-02-12", article_body="A plain article.",
                comments=[Comment(author=a, posted="1h", text=t) for a, t in comments], source=page_id)


@pytest.mark.parametrize("cell, expected", [
    ("=1+2", "'=1+2"), ("+33 6 12", "'+33 6 12"), ("-2", "-2"), ("-2+cmd", "'-2+cmd"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("plain text", "plain text"), ("a=b", "a=b"), ("", ""), ("'quoted", "'quoted"),
])
def test_neutralize(cell, expected):
    assert neutralize(cell) == expected


@pytest.mark.parametrize("text", ["=1+2", "+33 6 12", "-2", "'-2", "@SUM(A1)", "\tx", "'quoted", "''", "", "a"])
def test_the_formula_guard_comes_off_exactly(text):
    # (only a text written as "'=x" reads back as "=x": a spreadsheet takes that quote for its guard too)
    assert without_formula_guard(neutralize(text)) == text


def test_comment_id_is_stable_and_tells_duplicates_apart():
    first = comment_id("p1", "ann", "same text", 0)
    assert first == comment_id("p1", "ann", "same text", 0)
    assert len({first, comment_id("p1", "ann", "same text", 1), comment_id("p2", "ann", "same text", 0),
                comment_id("p1", "bob", "same text", 0), comment_id("p1", None, "same text", 0)}) == 5


def test_comment_ids_survive_a_recrawl_whose_relative_times_moved_on():
    """QA: the same page crawled an hour later ("2 hours ago" -> "3 hours ago") gave every comment a new id,
    so a desk tracking decisions by id had to moderate them all again."""
    def crawl(age: str):
        thread = page("p", ("ann", "you idiot"), ("bo", "fine"), ("ann", "you idiot"))
        for comment in thread.comments:
            comment.posted = age
        return [r["comment_id"] for r in process_page(thread, KeywordScorer(), load_policy()).rows]

    first, later = crawl("2 hours ago"), crawl("3 hours ago")
    assert first == later and len(set(first)) == 3


def test_rows_carry_every_column_and_duplicate_comments_get_distinct_ids():
    result = process_page(page("p", ("ann", "you idiot"), ("ann", "you idiot"), ("bo", "fine")),
                          KeywordScorer(), load_policy())
    assert [set(r) for r in result.rows] == [set(QUEUE_COLUMNS)] * 3
    assert len({r["comment_id"] for r in result.rows}) == 3
    assert [r["comment_index"] for r in result.rows] == [0, 1, 2]
    assert [r["action"] for r in result.rows] == ["review", "review", "approve"]


def test_rows_link_their_story_when_the_input_gave_its_url():
    with_url = page("p", ("ann", "you idiot"))
    with_url.url = "https://news.example/story?id=7"
    rows = process_page(with_url, KeywordScorer(), load_policy()).rows + \
        process_page(page("q", ("bo", "you idiot")), KeywordScorer(), load_policy()).rows
    assert [r["article_url"] for r in rows] == ["https://news.example/story?id=7", None]


def test_a_reply_names_the_comment_it_answers():
    thread = page("p", ("ann", "you idiot"), ("bo", "fine"), ("cy", "you are the idiot"))
    thread.comments[2].parent = 0
    result = process_page(thread, KeywordScorer(), load_policy())
    assert [r["parent_comment_id"] for r in result.rows] == [None, None, result.rows[0]["comment_id"]]
    # the article reports say it too
    assert [c["reply_to"] for c in json.loads(result.files["json"])["comments"]] == [None, None, 0]
    assert "(reply to #1)" in result.files["md"] and "reply to #1" in result.files["html"]


def test_queue_order_is_priority_then_article_then_position():
    rows = [{"priority": 0.5, "article_id": "b", "comment_index": 0, "comment_id": "x"},
            {"priority": 0.9, "article_id": "z", "comment_index": 3, "comment_id": "y"},
            {"priority": 0.5, "article_id": "a", "comment_index": 2, "comment_id": "z"},
            {"priority": 0.5, "article_id": "a", "comment_index": 1, "comment_id": "w"}]
    assert [r["comment_id"] for r in sorted(rows, key=queue_order)] == ["y", "w", "z", "x"]


def _run(tmp_path, pages, **kwargs):
    """run_report over pages written as .txt files: the real ingest and splitter, keyword scores."""
    folder = tmp_path / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    return run_report([str(folder)], out, load_policy(), scorer=KeywordScorer(), progress=False, **kwargs), out


def wordpress_page(title: str, comments: list[tuple[str, str]]) -> str:
    """A page in the common WordPress layout the splitter knows ("N thoughts on", "X says:", "Reply")."""
    lines = [title, "", f"{title}. The council met on Tuesday and voted on the plan after a long debate.", "",
             "Work starts in the spring and should take about a year, officials said.", "",
             f"{len(comments)} thoughts on “{title}”"]
    for i, (author, text) in enumerate(comments):
        lines += [f"{author} says:", f"12 February 2024 at {10 + i}:15", text, "Reply"]
    return "\n".join(lines) + "\n"


def _read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "queue.csv must start with a UTF-8 BOM for Excel"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_queue_files_end_to_end(tmp_path):
    pages = {
        "a.txt": wordpress_page("Bike lanes approved", [
            ("Alice Martin", "Great plan, well done council."),
            ("Bob Kay", "Only an idiot would cycle there."),
            ("Carla Diaz", "=HYPERLINK(\"http://evil.example\") you moron"),
            ("Dan Ruiz", "Wake up, they are hiding the real costs."),
            ("Bob Kay", "Café owners will love it, idiot."),
        ]),
        "b.txt": wordpress_page("Library hours extended", [
            ("Bob Kay", "Nice to see the library open longer."),
            ("Erin Fox", "You are scum, all of you."),
            ("Fay Ng", "-1 for the waste of money, f*ck this"),
        ]),
    }
    run, out = _run(tmp_path, pages)
    assert (run.pages, run.comments, run.failures) == (2, 8, [])
    rows = _read_csv(out / "queue.csv")
    jsonl = [json.loads(line) for line in (out / "queue.jsonl").read_text("utf-8").splitlines()]
    assert list(rows[0]) == list(QUEUE_COLUMNS)
    assert len(rows) == len(jsonl) == run.queued == 6  # every review or reject, no approved comment

    # Highest priority first: the banned word and the near-certain "scum" are rejects, above every review.
    assert [r["action"] for r in jsonl] == ["reject", "reject", "review", "review", "review", "review"]
    priorities = [r["priority"] for r in jsonl]
    assert priorities == sorted(priorities, reverse=True)
    assert [r["queue_rank"] for r in jsonl] == list(range(1, 7))
    by_text = {r["text"]: r for r in jsonl}
    assert by_text["You are scum, all of you."]["reasons"] == [
        'toxicity 0.99 >= 0.97 (reject): "scum"', "insult 0.89 >= 0.80", 'suspect word "scum"']
    assert 'banned word "fuck" (written "f*ck")' in by_text["-1 for the waste of money, f*ck this"]["reasons"]
    assert by_text["Wake up, they are hiding the real costs."]["reasons"] == [
        'conspiracy 0.90 >= 0.70: "they are hiding", "wake up"']
    assert by_text["Wake up, they are hiding the real costs."]["conspiracy_cues"] == ["they are hiding", "wake up"]

    # The lossless twin keeps the text as written; the CSV neutralizes formulas in every text cell.
    formula = "=HYPERLINK(\"http://evil.example\") you moron"
    assert formula in by_text
    csv_by_id = {r["comment_id"]: r for r in rows}
    assert csv_by_id[by_text[formula]["comment_id"]]["text"] == "'" + formula
    assert csv_by_id[by_text["-1 for the waste of money, f*ck this"]["comment_id"]]["text"].startswith("'-1")
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (column, cell)
    cafe = csv_by_id[by_text["Café owners will love it, idiot."]["comment_id"]]
    assert cafe["text"] == "Café owners will love it, idiot."  # accents survive
    assert json.loads(cafe["toxic_spans"]) == by_text["Café owners will love it, idiot."]["toxic_spans"] == [[26, 31]]
    assert cafe["reasons"] == 'toxicity 0.90 >= 0.80: "idiot"; insult 0.81 >= 0.80; suspect word "idiot"'
    for column in SCORE_COLUMNS:
        assert column in cafe

    # Bob Kay wrote 3 comments in the run (2 flagged on page a, 1 approved on page b).
    assert {r["author_flag_share"] for r in jsonl if r["author"] == "Bob Kay"} == {0.6667}
    assert {r["author_flag_share"] for r in jsonl if r["author"] == "Erin Fox"} == {1.0}


def test_control_characters_in_a_comment_reach_no_output(tmp_path):
    """Ingest removes them (and says so in the report): HTML has no place for a NUL or a BEL."""
    import re

    page = wordpress_page("Bike lanes", [("Ann", "You idiot\u0000, wake up\u0007"), ("Bob", "Fine plan.")])
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.jsonl").write_text(json.dumps({"id": "p", "text": page}) + "\n", "utf-8")
    out = tmp_path / "out"
    run = run_report([str(tmp_path / "pages")], out, load_policy(), scorer=KeywordScorer(), progress=False)
    assert (run.pages, run.comments) == (1, 2)
    assert [row["text"] for row in _read_csv(out / "queue.csv")] == ["You idiot, wake up"]
    for path in (out / "queue.csv", out / "queue.jsonl", out / "articles" / "p.html", out / "articles" / "p.md"):
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|\\u000[07]", path.read_text("utf-8")), path
    assert "(2 control characters removed)" in (out / "articles" / "p.html").read_text("utf-8")


def test_queue_jsonl_keeps_one_record_per_line_for_every_line_splitter(tmp_path):
    """QA: U+2028, U+2029 and U+0085 in a comment were written raw (JSON allows them in a string), so a
    consumer reading queue.jsonl with str.splitlines got pieces of records."""
    text = "Line one\u2028line two\u2029three\x85four, idiot"
    _, out = _run(tmp_path, {"a.txt": wordpress_page("Bike lanes", [("Ann", text), ("Bob", "Fine plan.")])},
                  all_comments=True)
    lines = (out / "queue.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == [text, "Fine plan."]
    assert [row["text"] for row in _read_csv(out / "queue.csv")] == [text, "Fine plan."]


def test_all_exports_every_comment_and_ids_are_stable_across_runs(tmp_path):
    pages = {"a.txt": wordpress_page("Bike lanes approved", [("Alice Martin", "Great plan."),
                                                             ("Bob Kay", "Only an idiot would cycle there."),
                                                             ("Alice Martin", "Great plan.")])}
    run, out = _run(tmp_path / "one", pages, all_comments=True)
    first = [json.loads(line) for line in (out / "queue.jsonl").read_text("utf-8").splitlines()]
    assert run.queued == len(first) == 3
    assert [r["action"] for r in first] == ["review", "approve", "approve"]
    _, out2 = _run(tmp_path / "two", pages, all_comments=True)
    second = [json.loads(line) for line in (out2 / "queue.jsonl").read_text("utf-8").splitlines()]
    assert [r["comment_id"] for r in first] == [r["comment_id"] for r in second]
    assert len({r["comment_id"] for r in first}) == 3  # the repeated "Great plan." gets its own id


def test_a_queue_too_big_for_memory_is_written_the_same(tmp_path, monkeypatch):
    """The sort holds the spilled lines themselves: through spilled runs and merge passes, the same files."""
    import functools
    import random

    from comments import export
    from comments.extsort import external_sort

    rng = random.Random(5)
    rows = [{"queue_rank": None, "action": rng.choice(["review", "reject"]), "urgent": rng.random() < 0.1,
             "priority": rng.choice([0.5, 0.4, 0.7]),
             "reasons": ["toxicity 0.90 >= 0.80"], "article_id": f"a{rng.randint(0, 3)}", "article_title": "T",
             "article_url": None,
             "comment_id": f"{i:016x}", "comment_index": rng.randint(0, 30), "parent_comment_id": None,
             "author": rng.choice(["ann", "bob", None]), "posted": None, "text": "=1+2 “é”\u2028" * rng.randint(1, 3),
             **{column: rng.random() for column in SCORE_COLUMNS}, "author_flag_share": None} for i in range(500)]
    files = []
    for memory, fan_in in ((64 << 20, 64), (2_000, 3)):  # all in memory; runs of ~2 rows merged 3 at a time
        out = tmp_path / f"m{memory}"
        out.mkdir()
        with open(out / "spill.jsonl", "w", encoding="utf-8") as f:
            export.append_rows(f, rows)
        monkeypatch.setattr(export, "external_sort", functools.partial(external_sort, memory=memory, fan_in=fan_in))
        assert export.write_queue(out / "spill.jsonl", out, {"ann": [4, 1], "bob": [2, 2]}) == len(rows)
        files.append([(out / name).read_bytes() for name in ("queue.csv", "queue.jsonl")])
        assert sorted(p.name for p in out.iterdir()) == ["queue.csv", "queue.jsonl", "spill.jsonl"]  # runs removed
    assert files[0] == files[1]
    ranked = [json.loads(line) for line in files[0][1].decode("utf-8").split("\n")[:-1]]  # (not at "\u2028")
    assert [r["comment_id"] for r in ranked] == [r["comment_id"] for r in sorted(rows, key=queue_order)]
    assert [r["queue_rank"] for r in ranked] == list(range(1, len(rows) + 1))
