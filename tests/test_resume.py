"""`--resume`: pages already reported (same content, policy and models) are read back, not redone, and
the run's outputs are identical to an uninterrupted run; an interrupted run leaves only complete files."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from report_fakes import KeywordScorer
from test_export import wordpress_page

from comments import engine
from comments.pipeline import run_report
from comments.policy import default_policy_text, load_policy
from comments.resume import RESUME_DIR

VOICES = [("Alice Martin", "Great plan, well done council."), ("Bob Kay", "Only an idiot would cycle there."),
          ("Carla Diaz", "=1+1 you moron"), ("Dan Ruiz", "Wake up, they are hiding the real costs."),
          ("Erin Fox", "You are scum, all of you."), ("Fay Ng", "Fine by me."), ("Bob Kay", "Bad idea, f*ck this"),
          ("Gus Lee", "Café owners will love it.")]


def corpus(folder: Path, pages: int = 8) -> Path:
    """Pages of varied length and tone, each a different slice of VOICES."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(pages):
        thread = [(author, f"{text} ({i}.{j})") for j, (author, text) in
                  enumerate(VOICES[i % 5:] + VOICES[:i % 3])]
        (folder / f"page{i:03d}.txt").write_text(wordpress_page(f"Story number {i}", thread), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01 not a page")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file's bytes; run.json without what differs between runs (times, engine)."""
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
             if p.is_file() and RESUME_DIR not in p.parts and p.name != "run.json"}
    record = json.loads((out / "run.json").read_text("utf-8"))
    for varying in ("started", "elapsed_seconds", "timings_seconds", "engine", "resumed_pages"):
        record.pop(varying)
    files["run.json"] = json.dumps(record, sort_keys=True).encode()
    return files


def assert_as_a_fresh_run(pages: Path, out: Path, tmp_path: Path, **kwargs) -> None:
    """`out` holds what a fresh run over `pages` writes: the same files, the same resume records."""
    fresh = tmp_path / "fresh"
    report(pages, fresh, **kwargs)
    assert outputs(out) == outputs(fresh) and records(out) == records(fresh)


def records(out: Path) -> list[str]:
    """The resume records' keys (file names), sorted."""
    return sorted(p.name for p in (out / RESUME_DIR).rglob("*.json"))


class CountingScorer(KeywordScorer):
    """Tells which pages it scored (every comment of `corpus` ends with "(page.comment)"), and can stop
    the run like Ctrl-C on its call number `interrupt_on` (pages are scored in batches of 8)."""

    def __init__(self, interrupt_on: int | None = None) -> None:
        super().__init__()
        self.interrupt_on = interrupt_on

    def score(self, texts):
        if self.interrupt_on is not None and len(self.calls) + 1 == self.interrupt_on:
            raise KeyboardInterrupt
        return super().score(texts)

    def pages(self) -> set[int]:
        return {int(m) for texts in self.calls for t in texts for m in re.findall(r"\((\d+)\.\d+\)$", t)}


def report(pages: Path, out: Path, scorer=None, policy=None, **kwargs):
    return run_report([str(pages)], out, policy or load_policy(), scorer=scorer or KeywordScorer(),
                      progress=False, **kwargs)


def test_resume_skips_pages_done_and_gives_identical_outputs(tmp_path):
    pages = corpus(tmp_path / "pages")
    out = tmp_path / "out"
    first = report(pages, out)
    before = outputs(out)
    scorer = CountingScorer()
    again = report(pages, out, scorer=scorer, resume=True)
    assert scorer.calls == []  # nothing recomputed
    assert (again.pages, again.comments, again.flagged, again.queued) == \
        (first.pages, first.comments, first.flagged, first.queued)
    assert json.loads((out / "run.json").read_text("utf-8"))["resumed_pages"] == 8
    assert outputs(out) == before
    assert [f.source for f in again.failures] == [str(pages / "broken.txt")]  # failures are retried, listed


def test_resume_redoes_pages_whose_content_policy_or_files_changed(tmp_path):
    pages = corpus(tmp_path / "pages")
    out = tmp_path / "out"
    report(pages, out)
    # a page edited since, and a page whose report was deleted: both are redone, the others not
    edited = pages / "page003.txt"
    edited.write_text(edited.read_text("utf-8").replace("Fine by me.", "Fine by me, idiot."), encoding="utf-8")
    (out / "articles" / "page007.md").unlink()
    scorer = CountingScorer()
    report(pages, out, scorer=scorer, resume=True)
    assert scorer.pages() == {3, 7}
    assert_as_a_fresh_run(pages, out, tmp_path)  # the edited page's old record gone too, not piled up

    stricter = tmp_path / "stricter.toml"
    stricter.write_text(default_policy_text().replace("conspiracy      = { review = 0.70 }",
                                                      "conspiracy      = { review = 0.95 }"), encoding="utf-8")
    assert stricter.read_text("utf-8") != default_policy_text()
    scorer = CountingScorer()
    report(pages, out, scorer=scorer, policy=load_policy(stricter), resume=True)
    assert scorer.pages() == set(range(8))  # another policy: every page redone
    assert len(records(out)) == 8  # and only its records kept
    assert "conspiracy 0.90 >= 0.70" not in (out / "queue.jsonl").read_text("utf-8")


def test_ctrl_c_leaves_complete_files_and_resume_finishes_identically(tmp_path, monkeypatch):
    monkeypatch.setattr(engine._SerialRunner, "batch_size", 8)  # batches of 8 inputs, as counted below
    pages = corpus(tmp_path / "pages", pages=12)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):  # while scoring the second batch of pages
        report(pages, out, scorer=CountingScorer(interrupt_on=2))
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    articles = [name for name in left if name.startswith("articles/")]
    records = [name for name in left if name.startswith(f"{RESUME_DIR}/")]
    # the first batch of 8 inputs (broken.txt, page000 to page006) done: 3 files per page, each recorded
    assert len(articles) == 21 and len(records) == 7
    assert len(left) == 28  # nothing else: no queue, index or run record, no temporary file
    for name in articles:
        if name.endswith(".json"):
            json.loads((out / name).read_text("utf-8"))  # complete

    scorer = CountingScorer()
    report(pages, out, scorer=scorer, resume=True)
    assert scorer.pages() == {7, 8, 9, 10, 11}  # only the pages not done
    assert_as_a_fresh_run(pages, out, tmp_path)


def test_resume_redoes_pages_reported_in_other_formats(tmp_path):
    pages = corpus(tmp_path / "pages")
    out = tmp_path / "out"
    report(pages, out, formats=("json",))
    scorer = CountingScorer()
    report(pages, out, scorer=scorer, resume=True, formats=("json",))
    assert scorer.calls == []  # same formats: nothing redone
    scorer = CountingScorer()
    report(pages, out, scorer=scorer, resume=True)  # every format now: every page redone, its files written
    assert scorer.pages() == set(range(8))
    assert_as_a_fresh_run(pages, out, tmp_path)


def test_a_finished_run_leaves_files_it_did_not_write_alone(tmp_path):
    pages = corpus(tmp_path / "pages")
    out = tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    own = {"articles/my-post.html": b"<p>mine</p>", "articles/data.json": b"{}", "notes.md": b"# notes"}
    for name, data in own.items():
        (out / name).write_bytes(data)
    report(pages, out, formats=("md",))
    assert all((out / name).read_bytes() == data for name, data in own.items())


def stricter_policy(tmp_path: Path):
    path = tmp_path / "stricter.toml"
    path.write_text(default_policy_text().replace("conspiracy      = { review = 0.70 }",
                                                  "conspiracy      = { review = 0.95 }"), encoding="utf-8")
    return load_policy(path)


def test_resume_does_not_trust_a_record_whose_files_a_run_under_other_settings_rewrote(tmp_path, monkeypatch):
    """A finished run, then a run under another policy into the same folder, interrupted: its first pages'
    files are rewritten, while the first run's records of them are still there (only a finished run
    prunes). Resuming the first run must redo those pages, not vouch for the other policy's files."""
    monkeypatch.setattr(engine._SerialRunner, "batch_size", 8)  # batches of 8 inputs, as counted below
    pages = corpus(tmp_path / "pages", pages=12)
    out = tmp_path / "out"
    report(pages, out)
    with pytest.raises(KeyboardInterrupt):  # the first batch (broken.txt, page000 to page006) rewritten
        report(pages, out, scorer=CountingScorer(interrupt_on=2), policy=stricter_policy(tmp_path))
    scorer = CountingScorer()
    report(pages, out, scorer=scorer, resume=True)
    assert scorer.pages() == set(range(7))  # the pages the other run rewrote, and only them
    assert_as_a_fresh_run(pages, out, tmp_path)


def test_resume_redoes_a_page_whose_report_was_edited_or_replaced(tmp_path):
    pages = corpus(tmp_path / "pages")
    out = tmp_path / "out"
    report(pages, out, formats=("md", "json"))
    (out / "articles" / "page002.md").write_text("edited by hand\n", encoding="utf-8")
    (out / "articles" / "page005.json").unlink()
    scorer = CountingScorer()
    report(pages, out, scorer=scorer, resume=True, formats=("md", "json"))
    assert scorer.pages() == {2, 5}
    assert_as_a_fresh_run(pages, out, tmp_path, formats=("md", "json"))


def test_a_run_removes_the_temporary_files_a_killed_run_left(tmp_path):
    """SIGKILL gives no chance to clean up: the next run (holding the folder's lock) removes the temporaries
    of its own files, and leaves anything else alone."""
    pages = corpus(tmp_path / "pages")
    out = tmp_path / "out"
    report(pages, out)
    [record_folder] = sorted((out / RESUME_DIR).iterdir())[:1]
    left = [out / ".queue.spill.jsonl.0a1b2c3d.tmp", out / ".queue.csv.deadbeef.tmp", out / ".sort-run-ab_cd123.tmp",
            out / "articles" / ".page001.html.01234567.tmp", record_folder / f".{'a' * 64}.json.89abcdef.tmp"]
    others = [out / ".notes.txt.deadbeef.tmp", out / "mine.tmp", out / "articles" / "draft.tmp"]
    for path in left + others:
        path.write_text("half written", "utf-8")
    report(pages, out, resume=True)
    assert [p for p in left if p.exists()] == []
    assert all(p.exists() for p in others)
    for path in others:
        path.unlink()
    assert_as_a_fresh_run(pages, out, tmp_path)
