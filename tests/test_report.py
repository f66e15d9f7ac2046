"""`comments report` end to end: per-article reports, index, run record, determinism, failures, browser."""
from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_fakes import KeywordScorer
from test_export import wordpress_page

import comments.scoring
from comments.cli import main
from comments.pipeline import SPILL_NAME, process_page, run_report
from comments.policy import load_policy
from comments.report.render import highlight_html, md_escape, segments
from comments.resume import RESUME_DIR
from comments.types import Comment, Page

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCRIPT = "<script>alert(1)</script>"

THREAD = [  # calm first, then it turns: the report must say the thread degrades
    ("Alice Martin", "Great news for the neighbourhood."),
    ("Bob Kay", "I cycle there every day, this is great."),
    ("Carla Diaz", SCRIPT),
    ("Dan Ruiz", "Not sure about the cost, but fine."),
    ("Erin Fox", "Only an idiot would cycle there."),
    ("Bob Kay", "Wake up, they are hiding the real costs."),
    ("Erin Fox", "You moron, read the article."),
    ("Fay Ng", "Council scum, all of them."),
]


def write_pages(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lanes.txt").write_text(wordpress_page("Bike lanes approved", THREAD), encoding="utf-8")
    (folder / "library.txt").write_text(wordpress_page("Library hours extended", [
        ("Gus Lee", "Nice to see the library open longer."), ("Hana Ito", "Bad idea, it costs too much.")]),
        encoding="utf-8")
    (folder / "quiet.txt").write_text("Parks reopen\n\nThe city parks reopen on Monday after the storm.\n"
                                      "\nComments are closed.\n", encoding="utf-8")
    return folder


@pytest.fixture
def keyword_scorer(monkeypatch):
    """The CLI's scorer replaced by the keyword scorer, for outputs these tests can predict."""
    scorer = KeywordScorer()
    monkeypatch.setattr(comments.scoring, "default_scorer", lambda: scorer)
    return scorer


def run_keyword_report(tmp_path: Path, out: Path, **kwargs):
    pages = write_pages(tmp_path / "pages")
    return run_report([str(pages)], out, load_policy(), scorer=KeywordScorer(), progress=False, **kwargs)


def test_article_report_end_to_end(tmp_path):
    out = tmp_path / "out"
    run = run_keyword_report(tmp_path, out)
    assert (run.pages, run.comments, run.failures) == (3, 10, [])
    for stem in ("lanes", "library", "quiet"):
        for suffix in ("json", "md", "html"):
            assert (out / "articles" / f"{stem}.{suffix}").stat().st_size > 0
    report = json.loads((out / "articles" / "lanes.json").read_text("utf-8"))
    assert report["title"] == "Bike lanes approved" and report["comment_count"] == 8
    assert report["encoding"] == "utf-8" and "(utf-8)" in (out / "articles" / "lanes.md").read_text("utf-8")
    assert report["actions"] == {"approve": 4, "review": 3, "reject": 1}
    flagged = [report["comments"][i] for i in report["flagged"]]
    assert [c["author"] for c in flagged] == ["Fay Ng", "Bob Kay", "Erin Fox", "Erin Fox"]  # priority order
    assert all(c["reasons"] for c in flagged)
    assert report["shares"]["toxicity"] == {"threshold": 0.8, "count": 3, "share": 0.375}
    assert report["shares"]["conspiracy"] == {"threshold": 0.7, "count": 1, "share": 0.125}
    thread = report["thread"]
    assert thread["trend"] == "rising" and thread["second_half"] > thread["first_half"] and thread["slope"] > 0
    assert report["top_authors"][0] == {"author": "Erin Fox", "flagged": 2, "comments": 2}
    sentiment = report["sentiment"]
    assert sentiment["comments"]["distribution"] == {"negative": 3, "neutral": 3, "positive": 2}
    assert sentiment["gap"] == round(sentiment["comments"]["mean"] - sentiment["article"]["score"], 4)
    quiet = json.loads((out / "articles" / "quiet.json").read_text("utf-8"))
    assert quiet["comment_count"] == 0 and quiet["flagged"] == [] and quiet["thread"]["trend"] is None

    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["totals"] == {"pages": 3, "comments": 10, "flagged": 4, "review": 3, "reject": 1,
                                 "urgent": 0, "approve": 6, "flag_rate": 0.4, "queued": 4, "failed": 0}
    assert [a["report"] for a in summary["articles"]] == [f"articles/{s}.html" for s in ("lanes", "library", "quiet")]
    index = (out / "index.html").read_text("utf-8")
    for a in summary["articles"]:
        assert f'href="{a["report"]}"' in index
    assert 'class="sortable"' in index and 'data-sort="num"' in index
    # the page without comments has no shares and no sentiment gap: no sort value (sorted last), not 0 or -1
    quiet_row = index[index.index('href="articles/quiet.html"'):].split("</tr>", 1)[0]
    assert quiet_row.count('data-value=""') == 3 and 'data-value="-1"' not in index
    assert "[Bike lanes approved](articles/lanes.md)" in (out / "index.md").read_text("utf-8")
    record = json.loads((out / "run.json").read_text("utf-8"))
    assert (record["pages"], record["comments"], record["queued"], record["failures"]) == (3, 10, 4, [])
    assert record["policy"]["sha256"] == load_policy().sha256 and record["timings_seconds"]
    assert not list(out.rglob("*.tmp")) and not (out / SPILL_NAME).exists()



def test_right_to_left_comments_read_in_their_own_direction(tmp_path):
    """QA: Arabic and Hebrew comments sat in left-to-right boxes: the "!" and "?" at their end landed on the
    wrong side. Every element holding a reader's words lets the browser find its direction (dir="auto")."""
    thread = [("سارة", "هل قرأ أحد التقرير كاملاً؟ الميزانية غير منطقية!"), ("Ann", "You are an idiot.")]
    out = tmp_path / "out"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "rtl.txt").write_text(wordpress_page("Budget", thread), encoding="utf-8")
    run_report([str(pages)], out, load_policy(), scorer=KeywordScorer(), progress=False, all_comments=True)
    html = (out / "articles" / "rtl.html").read_text("utf-8")
    assert html.count('<td class="text" dir="auto">') == 2 and '<div class="text" dir="auto">' in html
    assert '<span dir="auto">سارة</span>' in html and '<h1 dir="auto">' in html
    assert "text-align: start" in html  # so an RTL cell starts on the right


def test_a_thread_trend_never_contradicts_the_halves_shown_beside_it():
    """QA: "falling: 0.35 first half -> 0.67 second half": the word came from the fitted slope, the numbers
    from the halves. Rising or falling now needs both."""
    from comments.report.data import _thread

    zigzag = _thread([0.98, 0.03, 0.03, 0.98, 0.98, 0.03])  # slope -0.14, halves 0.35 -> 0.67
    assert zigzag["slope"] <= -0.1 and zigzag["second_half"] > zigzag["first_half"] and zigzag["trend"] == "steady"
    assert _thread([0.1, 0.1, 0.2, 0.6, 0.8, 0.9])["trend"] == "rising"
    assert _thread([0.9, 0.8, 0.6, 0.2, 0.1, 0.1])["trend"] == "falling"


def test_a_threat_heads_the_queue_and_the_reports_with_the_real_models(tmp_path):
    """QA: a death threat came after every reject in the queue. With the default policy (threat urgent) it
    comes first, marked urgent in the queue's reasons, the article report and the index."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "mayor.txt").write_text(wordpress_page("Mayor defends budget", [
        ("Ann Lowe", "You are an idiot, what a stupid fucking take."),
        ("Ben Orr", "Wake up, the elites planned this all along."),
        ("Cy Park", "I know where you live, Mayor. I will find you and kill you."),
        ("Di Moss", "Thanks for the clear reporting.")]), encoding="utf-8")
    out = tmp_path / "out"
    run_report([str(pages)], out, load_policy(), progress=False)
    queue = [json.loads(line) for line in (out / "queue.jsonl").read_text("utf-8").splitlines()]
    assert [row["author"] for row in queue] == ["Cy Park", "Ann Lowe", "Ben Orr"]
    assert queue[0]["action"] == "review" and queue[1]["action"] == "reject"
    assert [row["urgent"] for row in queue] == [True, False, False]  # a column to filter on, not only a band
    with open(out / "queue.csv", encoding="utf-8-sig", newline="") as f:
        assert [row["urgent"] for row in csv.DictReader(f)] == ["True", "False", "False"]
    assert re.match(r"threat 0\.\d\d >= 0\.50 \(urgent\): ", queue[0]["reasons"][0])
    report = json.loads((out / "articles" / "mayor.json").read_text("utf-8"))
    assert report["urgent_count"] == 1 and [report["comments"][i]["author"] for i in report["flagged"]][0] == "Cy Park"
    assert '<span class="badge urgent">urgent</span>' in (out / "articles" / "mayor.html").read_text("utf-8")
    assert "REVIEW · URGENT · #3" in (out / "articles" / "mayor.md").read_text("utf-8")
    assert json.loads((out / "summary.json").read_text("utf-8"))["totals"]["urgent"] == 1
    assert "1 urgent" in (out / "index.md").read_text("utf-8")
    assert "| 4 | 3 | 1 | 1 |" in (out / "index.md").read_text("utf-8")  # comments, flagged, urgent, reject

def test_html_is_self_contained_escaped_and_charted(tmp_path):
    out = tmp_path / "out"
    run_keyword_report(tmp_path, out)
    html = (out / "articles" / "lanes.html").read_text("utf-8")
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the table-sorting script, nothing from a comment
    assert html.count("<svg") == 2 and "<path" in html  # two real matplotlib plots, inline
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(\s*["']?https?:""", html)
    assert '<mark class="word" title="listed word">scum</mark>' in html
    assert '<mark class="cue" title="conspiracy cue">Wake up</mark>' in html
    assert "toxicity 0.99 &gt;= 0.97 (reject): &#34;scum&#34;" in html
    md = (out / "articles" / "lanes.md").read_text("utf-8")  # flagged comments only, escaped
    assert "> Council **scum**, all of them." in md and r'- toxicity 0.99 \>= 0.97 (reject): "scum"' in md


def test_highlights_are_escaped_piece_by_piece():
    comment = {"word_spans": [[0, 5]], "toxic_spans": [[3, 9]], "conspiracy_cues": ["they"]}
    text = "idiot<b>x they & <i>"
    assert segments(text, comment) == [("idiot", "word"), ("<b>x", "tox"), (" ", None), ("they", "cue"),
                                       (" & <i>", None)]
    assert str(highlight_html(text, comment)) == (
        '<mark class="word" title="listed word">idiot</mark><mark class="tox" title="toxic span">&lt;b&gt;x</mark>'
        ' <mark class="cue" title="conspiracy cue">they</mark> &amp; &lt;i&gt;')
    assert md_escape("*a* [b](c) <d> _e_ #f |") == r"\*a\* \[b\](c) \<d\> \_e\_ \#f \|"


def test_outputs_are_byte_identical_across_runs(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    run_keyword_report(tmp_path, first)
    run_keyword_report(tmp_path, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and RESUME_DIR not in p.parts)
    assert len(files) == 15  # 3 articles x 3 formats, index.html/md, summary.json, queue.csv/jsonl, run.json
    assert files == sorted(p.relative_to(second) for p in second.rglob("*")
                           if p.is_file() and RESUME_DIR not in p.parts)
    for name in files:
        if name != Path("run.json"):
            assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_failed_inputs_are_listed_and_the_others_still_reported(tmp_path, keyword_scorer):
    pages = write_pages(tmp_path / "pages")
    (pages / "binary.txt").write_bytes(b"\x00\x01\x02 not a page")
    (pages / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(pages), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 3 and lines[-1] == "3 pages, 10 comments, 2 failed"
    assert lines[0].startswith(str(pages / "binary.txt")) and lines[1].startswith(str(pages / "empty.txt"))
    record = json.loads((out / "run.json").read_text("utf-8"))
    assert [f["source"] for f in record["failures"]] == [str(pages / "binary.txt"), str(pages / "empty.txt")]
    assert all(f["reason"] for f in record["failures"]) and record["failed"] == 2 and record["pages"] == 3
    assert json.loads((out / "summary.json").read_text("utf-8"))["totals"]["failed"] == 2
    assert "binary.txt" in (out / "index.html").read_text("utf-8")
    assert (out / "articles" / "lanes.html").exists()


def test_cli_clean_run_says_what_it_wrote_unless_quiet(tmp_path, keyword_scorer):
    pages = write_pages(tmp_path / "pages")
    runner = CliRunner()
    loud = runner.invoke(main, ["report", str(pages), "--out", str(tmp_path / "loud"), "--all"])
    assert loud.exit_code == 0
    assert loud.output.splitlines() == [
        "3 pages, 10 comments, 0 failed",
        f"4 flagged, 10 rows in {tmp_path / 'loud' / 'queue.csv'}; open {tmp_path / 'loud' / 'index.html'}"]
    quiet = runner.invoke(main, ["report", str(pages), "--out", str(tmp_path / "quiet"), "--quiet"])
    assert (quiet.exit_code, quiet.output) == (0, "")
    assert runner.invoke(main, ["report", str(pages)]).exit_code == 2  # --out is required


@pytest.mark.parametrize("formats, written, link", [("json", ["json"], "json"), ("md,json", ["md", "json"], "md"),
                                                     ("none", [], None), (" HTML , md", ["html", "md"], "html")])
def test_formats_choose_the_article_files_and_the_rest_is_the_same(tmp_path, keyword_scorer, formats, written, link):
    pages = write_pages(tmp_path / "pages")
    full, some = tmp_path / "full", tmp_path / "some"
    runner = CliRunner()
    assert runner.invoke(main, ["report", str(pages), "--out", str(full), "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["report", str(pages), "--out", str(some), "--quiet", "--formats", formats])
    assert result.exit_code == 0, result.output
    stems = sorted({p.stem for p in (full / "articles").iterdir()})
    assert sorted(p.name for p in (some / "articles").iterdir()) == sorted(f"{s}.{x}" for s in stems for x in written)
    for name in ("queue.csv", "queue.jsonl", *(f"articles/{s}.{x}" for s in stems for x in written)):
        assert (some / name).read_bytes() == (full / name).read_bytes(), name
    articles = json.loads((some / "summary.json").read_text("utf-8"))["articles"]
    assert [a["report"] for a in articles] == [f"articles/{a['id']}.{link}" if link else None for a in articles]
    index_html, index_md = (some / "index.html").read_text("utf-8"), (some / "index.md").read_text("utf-8")
    for a in articles:  # the index links what is there, the Markdown index its .md files when written
        assert (f'href="{a["report"]}"' in index_html) == bool(link)
        md_link = f"articles/{a['id']}.md" if "md" in written else a["report"]
        assert (f"]({md_link})" in index_md) == bool(md_link)
    assert json.loads((some / "run.json").read_text("utf-8"))["formats"] == written


@pytest.mark.parametrize("formats", ["pdf", "html,pdf", "", ","])
def test_unknown_formats_are_a_usage_error(tmp_path, keyword_scorer, formats):
    pages = write_pages(tmp_path / "pages")
    result = CliRunner().invoke(main, ["report", str(pages), "--out", str(tmp_path / "out"), "--formats", formats])
    assert result.exit_code == 2 and "--formats" in result.output and "html, md, json" in result.output
    assert not (tmp_path / "out").exists()


def test_a_page_that_breaks_is_a_failure_and_the_run_goes_on(tmp_path):
    class BreaksOnLibrary(KeywordScorer):
        def score(self, texts):
            texts = list(texts)
            if any("library" in t for t in texts):
                raise ValueError("model exploded")
            return super().score(texts)

    pages = write_pages(tmp_path / "pages")
    run = run_report([str(pages)], tmp_path / "out", load_policy(), scorer=BreaksOnLibrary(), progress=False)
    assert run.pages == 2 and run.exit_code == 1
    assert [(f.source, f.reason) for f in run.failures] == [
        (str(pages / "library.txt"), "could not process page: ValueError: model exploded")]


def test_an_interrupted_run_leaves_only_complete_files(tmp_path, monkeypatch):
    import comments.pipeline

    written = []

    def write_then_interrupt(*args):  # Ctrl-C as the second page's files are about to be written
        if written:
            raise KeyboardInterrupt
        written.append(write_article(*args))

    write_article = comments.pipeline.write_article
    monkeypatch.setattr(comments.pipeline, "write_article", write_then_interrupt)
    pages = write_pages(tmp_path / "pages")
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_report([str(pages)], out, load_policy(), scorer=KeywordScorer(), progress=False)
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and RESUME_DIR not in p.parts)
    assert left == ["articles/lanes.html", "articles/lanes.json", "articles/lanes.md"]
    assert len(list((out / RESUME_DIR).rglob("*.json"))) == 1  # the finished page is recorded for --resume
    assert json.loads((out / "articles" / "lanes.json").read_text("utf-8"))["comment_count"] == 8


def test_a_page_whose_id_is_taken_is_reported_under_a_new_one(tmp_path):
    pages = write_pages(tmp_path / "pages")
    (tmp_path / "again").mkdir()
    shutil.copy(pages / "quiet.txt", tmp_path / "again" / "quiet.txt")
    run = run_report([str(pages), str(tmp_path / "again")], tmp_path / "out", load_policy(),
                     scorer=KeywordScorer(), progress=False)
    assert run.pages == 4 and run.failures == [] and run.renamed == 1
    renamed = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))["renamed"]
    assert [(r["source"], r["id"]) for r in renamed] == [(str(tmp_path / "again" / "quiet.txt"), "quiet")]
    assert (tmp_path / "out" / "articles" / f"{renamed[0]['reported_as']}.html").is_file()


def test_process_page_result_is_picklable_and_pure():
    import pickle

    page = Page(id="p", title="T", date=None, article_body="Body.",
                comments=[Comment("a", None, "you idiot"), Comment("b", None, "great")])
    first = process_page(page, KeywordScorer(), load_policy())
    again = pickle.loads(pickle.dumps(first))
    assert again == first and again.files["html"] == process_page(page, KeywordScorer(), load_policy()).files["html"]


# --- with the real models -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_scorer():
    try:
        return comments.scoring.default_scorer()
    except Exception as e:  # the models are built by `python -m training.train`
        pytest.skip(f"shipped scoring models not available: {type(e).__name__}: {e}")


def test_seed_pages_end_to_end_with_the_real_models(tmp_path, shared_seeds, real_scorer):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(shared_seeds), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output == ""  # --quiet: nothing on a clean run
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    counts = {a["id"]: a["comments"] for a in summary["articles"]}
    assert sorted(counts.values()) == [0, 0, 0, 0, 9]  # only the Japan Today page has comments
    commented = max(counts, key=counts.get)
    with open(out / "queue.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == summary["totals"]["flagged"]
    assert all(r["action"] in ("review", "reject") and r["reasons"] for r in rows)
    record = json.loads((out / "run.json").read_text("utf-8"))
    assert record["models"] and record["pages"] == 5 and record["comments"] == 9
    report = json.loads((out / "articles" / f"{commented}.json").read_text("utf-8"))
    assert report["sentiment"]["article"]["label"] in ("negative", "neutral", "positive")
    assert len(report["sentiment"]["comments"]["scores"]) == 9


def test_examples_are_deterministic_with_the_real_models(tmp_path, real_scorer):
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        run = run_report([str(EXAMPLES)], out, load_policy(), scorer=real_scorer, progress=False)
        assert run.exit_code == 0 and run.pages == 5
        outs.append(out)
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*")
                   if p.is_file() and p.name != "run.json" and RESUME_DIR not in p.parts)
    assert len(files) == 20
    for name in files:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


# --- in a real browser ----------------------------------------------------------------------------

def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--enable-logging=stderr", "--v=0", "--hide-scrollbars"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path):
    out = tmp_path / "out"
    run_keyword_report(tmp_path, out)
    url = (out / "articles" / "lanes.html").as_uri()
    dom = chromium(["--dump-dom", url], tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    assert page.count('<article class="comment') == 4  # the flagged comments
    assert page.count("<svg") == 2 and "Great news for the neighbourhood." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and page.count("<script") == 1  # shown, never run
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == [], console
    shot = tmp_path / "report.png"
    taken = chromium([f"--screenshot={shot}", "--window-size=1200,1600", url], tmp_path / "profile")
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    index = chromium(["--dump-dom", (out / "index.html").as_uri()], tmp_path / "profile")
    assert index.stdout.count("<tr>") >= 4 and "Bike lanes approved" in index.stdout
    assert not [line for line in index.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


PHONE_WIDTH = 360  # CSS pixels, a small phone held upright
# (in the report, it tells the page holding it how wide the report is against its viewport)
_MEASURE = ('<script>parent.postMessage(document.documentElement.scrollWidth + " "'
            ' + document.documentElement.clientWidth, "*")</script></body>')


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)")
def test_report_fits_a_phone_screen(tmp_path):
    # QA: on a 360 px screen the charts (a 420 px column at least), the tables and a long URL in a title
    # made every article report wider than the screen, so the whole page scrolled sideways
    title = "Bike lanes approved: https://www.example-news.com/local/2024/02/12/bike-lanes-approved-after-debate"
    thread = [*THREAD, ("TheRealTruthSeekerWhoKnowsWhatIsGoingOnInThisTown", "Only an idiot " + "A" * 300),
              ("Ahmad", "هذا المقال رائع جدا وشكرا للكاتب")]
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "lanes.txt").write_text(wordpress_page(title, thread), encoding="utf-8")
    out = tmp_path / "out"
    run_report([str(tmp_path / "pages")], out, load_policy(), scorer=KeywordScorer(), progress=False)
    for report in (out / "articles" / "lanes.html", out / "index.html"):
        measured = report.with_name("measured.html")
        measured.write_text(report.read_text("utf-8").replace("</body>", _MEASURE), encoding="utf-8")
        phone = report.with_name("phone.html")  # a frame as wide as the phone: the browser's window cannot be
        phone.write_text('<body><script>addEventListener("message", e => document.body.dataset.width = e.data)'
                         f'</script><iframe src="{measured.name}" width="{PHONE_WIDTH}" height="800"></iframe>')
        dom = chromium(["--virtual-time-budget=5000", "--dump-dom", phone.as_uri()], tmp_path / "profile")
        assert dom.returncode == 0, dom.stderr[-2000:]
        page_width, screen_width = map(int, re.search(r'data-width="(\d+) (\d+)"', dom.stdout).groups())
        assert screen_width == PHONE_WIDTH and page_width <= screen_width, report.name


_READ_BY_ALL = """<script>
var th = document.querySelector("table.sortable th[data-sort]");
th.focus();
th.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
document.body.dataset.qa = JSON.stringify({
  focused: document.activeElement === th, sorted: th.getAttribute("aria-sort"),
  marks: ["word", "tox", "cue"].map(function (kind) {
    var style = getComputedStyle(document.querySelector(".legend mark." + kind));
    return style.textDecorationLine + " " + style.textDecorationStyle; }),
  badges: Array.prototype.map.call(document.querySelectorAll(".badge"), function (badge) {
    var style = getComputedStyle(badge); return [badge.textContent, style.color, style.backgroundColor]; })});
</script></body>"""


def _contrast(color: str, background: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""
    def luminance(rgb: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(color), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)")
def test_report_reads_without_telling_colours_apart_and_sorts_by_keyboard(tmp_path):
    # QA: the three highlight kinds differed by colour alone, the review and approve badges' white text
    # had a contrast of 3.3 and 4.25 (WCAG AA asks 4.5), and a sortable column sorted only by mouse
    out = tmp_path / "out"
    run_keyword_report(tmp_path, out)
    report = out / "articles" / "lanes.html"
    report.write_text(report.read_text("utf-8").replace("</body>", _READ_BY_ALL), encoding="utf-8")
    dom = chromium(["--dump-dom", report.as_uri()], tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr[-2000:]
    seen = json.loads(html.unescape(re.search(r'data-qa="([^"]*)"', dom.stdout).group(1)))
    assert seen["focused"] and seen["sorted"] == "ascending"
    assert len(set(seen["marks"])) == 3, seen["marks"]
    assert {text for text, _, _ in seen["badges"]} >= {"review", "reject", "approve"}
    assert min(_contrast(color, background) for _, color, background in seen["badges"]) >= 4.5, seen["badges"]


def _chart_cases() -> list[tuple[dict, list[dict], dict]]:
    """Sentiment and thread data unlike each other in every way a chart can differ: counts (none, one
    bin, many), lines present or not, flagged comments of each kind or none, thread lengths, thresholds."""
    import random

    rng = random.Random(7)
    cases = []
    for i in range(14):
        n = (3, 4, 20, 7, 60, 3, 25)[i % 7]
        scores = ([] if i % 5 == 0 else [0.3] * n if i % 5 == 1 else
                  [round(rng.uniform(-1, 1), 4) for _ in range(n)])
        sentiment = {"article": {"score": None if i % 3 == 0 else round(rng.uniform(-1, 1), 4)},
                     "comments": {"mean": round(sum(scores) / len(scores), 4) if scores and i % 4 else None,
                                  "scores": scores}}
        actions = (["approve"], ["approve", "review"], ["approve", "reject", "review"])[i % 3]
        comments = [{"index": j, "toxicity": None if j == 1 else round(rng.random(), 4),
                     "conspiracy": round(rng.random() ** 2, 4), "action": rng.choice(actions),
                     "sentiment_score": scores[j] if scores else None,
                     "sentiment_label": rng.choice(["negative", "neutral", "positive"]) if scores else None}
                    for j in range(n)]
        thresholds = ({"toxicity": 0.8, "conspiracy": 0.7}, {"toxicity": 0.5}, {})[i % 3 if i < 9 else 0]
        cases.append((sentiment, comments, thresholds))
    return cases


def test_charts_reusing_one_figure_draw_what_a_fresh_figure_draws():
    # Each process draws every chart on one figure, swapping the data: no state may leak from one
    # report's chart into the next, so the SVG (and the key) must equal a figure built for that chart alone.
    from comments.report.charts import sentiment_chart, thread_chart

    for sentiment, thread, thresholds in _chart_cases():
        assert sentiment_chart(sentiment, thread) == sentiment_chart(sentiment, thread, fresh=True)
        chart = thread_chart(thread, thresholds)
        assert chart == thread_chart(thread, thresholds, fresh=True)
        assert chart.svg.startswith("<svg") and 'id="thread-' in chart.svg


def test_chart_keys_and_titles_say_what_the_plot_shows():
    from comments.report.charts import COLORS, sentiment_chart, thread_chart

    sentiment = {"article": {"score": 0.5}, "comments": {"mean": -0.25, "scores": [-0.9, -0.5, 0.1, 0.7]}}
    labelled = [{"sentiment_score": score, "sentiment_label": label}
                for score, label in [(-0.9, "negative"), (-0.5, "negative"), (0.1, "neutral"), (0.7, "positive")]]
    chart = sentiment_chart(sentiment, labelled)
    assert [k.label for k in chart.key] == ["negative", "neutral", "positive", "article body +0.50",
                                            "comments mean -0.25"]
    assert chart.svg.startswith('<svg xmlns:xlink') and ' role="img" aria-labelledby="sentiment-title">' in chart.svg
    assert ('<title id="sentiment-title">Sentiment of 4 comments: 2 negative, 1 neutral, 1 positive; '
            "article body +0.50; comments mean -0.25</title>") in chart.svg
    sentiment["article"]["score"] = None  # no body score: no dashed line, in the key or on the plot
    assert [k.label for k in sentiment_chart(sentiment, labelled).key][3:] == ["comments mean -0.25"]

    thread = [{"index": i, "toxicity": tox, "conspiracy": 0.1, "action": action}
              for i, (tox, action) in enumerate([(0.1, "approve"), (0.95, "reject"), (None, "approve")])]
    chart = thread_chart(thread, {"toxicity": 0.8})
    assert [(k.label, k.mark) for k in chart.key] == [("toxicity", "dot-line"), ("conspiracy", "dot-line"),
                                                      ("toxicity ≥ 0.80", "dotted"), ("reject", "ring")]
    # QA: two dotted lines, one per score in its colour, had one grey key entry, "review threshold"
    chart = thread_chart(thread, {"conspiracy": 0.6, "toxicity": 0.7, "threat": 0.4})
    assert [(k.label, k.color) for k in chart.key if k.mark == "dotted"] == [
        ("toxicity ≥ 0.70", COLORS["toxicity"]), ("conspiracy ≥ 0.60", COLORS["conspiracy"])]
    assert ("Toxicity and conspiracy scores of 3 comments in thread order; 1 to reject, 0 to review; "
            "highest toxicity 0.95 at comment #2</title>") in chart.svg
    assert "<g id=\"thread-legend" not in chart.svg  # the key is HTML, not drawn in the plot


def test_the_sentiment_chart_draws_and_counts_each_comment_by_its_label():
    """QA: the chart coloured and counted comments by fixed bins of their score, not by their label: a comment
    the model calls positive at +0.39 was a grey bar and counted neutral ([0.2, 0.4) was a neutral bin, its
    edge being 0.19999...), so the chart said "0 positive" where the report beside it said "1 positive". On
    the dev pages 647 of 3,787 comments were drawn in another label's colour. A bin may hold every label."""
    from comments.report.charts import COLORS, sentiment_chart

    comments = [{"sentiment_score": score, "sentiment_label": label} for score, label in
                [(0.39, "positive"), (0.3, "neutral"), (-0.3, "neutral"), (-0.1, "negative"), (None, None)]]
    chart = sentiment_chart({"article": {"score": None}, "comments": {"mean": None}}, comments)
    assert "Sentiment of 4 comments: 1 negative, 2 neutral, 1 positive</title>" in chart.svg
    bars = {kind: chart.svg.count(f"fill: {COLORS[kind]}") for kind in ("negative", "neutral", "positive")}
    assert bars == {"negative": 1, "neutral": 2, "positive": 1}  # one bar per label and bin, none empty


def test_a_report_folder_inside_the_input_folder_is_not_read_as_pages(tmp_path):
    pages = write_pages(tmp_path / "pages")
    for _ in range(2):  # the second run must not read the first run's reports
        run = run_report([str(pages)], pages / "out", load_policy(), scorer=KeywordScorer(), progress=False)
        assert (run.pages, run.comments, run.failures) == (3, 10, [])
    # nor a run into another folder: an earlier report folder is skipped, and said so
    (pages / "notes.md").write_text("# notes", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(pages), "--out", str(pages / "out2")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "note: skipped 2 paths in folders (hidden, not a page type, or not read: .md 1, report folder 1); "
        f"listed in {pages / 'out2' / 'run.json'}", "3 pages, 10 comments, 0 failed"]
    record = json.loads((pages / "out2" / "run.json").read_text("utf-8"))
    assert record["skipped_files"] == {".md": 1, "report folder": 1}
    assert record["skipped_paths"] == [str(pages / "notes.md"), str(pages / "out")]


def test_a_report_written_into_the_pages_folder_is_not_read_back(tmp_path):
    pages = write_pages(tmp_path / "pages")
    for out in (pages, pages, tmp_path / "elsewhere"):  # the folder holds the pages and a report of them
        run = run_report([str(pages)], out, load_policy(), scorer=KeywordScorer(), progress=False)
        assert (run.pages, run.comments, run.failures, run.skipped.total()) == (3, 10, [], 0)
    # ingest knows what a run writes by name: every name the run wrote must be on its list
    from comments.ingest import REPORT_OUTPUTS

    assert {p.name for p in (tmp_path / "elsewhere").iterdir()} <= set(REPORT_OUTPUTS)


def test_a_scrapers_own_run_json_does_not_make_a_report_folder(tmp_path):
    crawl = write_pages(tmp_path / "pages" / "crawl" / "articles").parent
    (crawl / "run.json").write_text('{"crawler": "v2"}', encoding="utf-8")
    run = run_report([str(tmp_path / "pages")], tmp_path / "out", load_policy(), scorer=KeywordScorer(), progress=False)
    assert (run.pages, run.failures) == (3, [])


def test_symlinked_folders_are_skipped_and_named(tmp_path):
    pages = write_pages(tmp_path / "pages")
    write_pages(tmp_path / "elsewhere")
    (pages / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    out = tmp_path / "out"
    run = run_report([str(pages)], out, load_policy(), scorer=KeywordScorer(), progress=False)
    assert run.pages == 3 and run.skipped == {"symlinked folder": 1}
    assert json.loads((out / "run.json").read_text("utf-8"))["skipped_paths"] == [str(pages / "linked")]


def test_ctrl_c_exits_130_and_says_how_to_finish(tmp_path, keyword_scorer, monkeypatch):
    import comments.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(comments.pipeline, "run_report", interrupted)
    result = CliRunner().invoke(main, ["report", str(write_pages(tmp_path / "pages")), "--out", str(tmp_path / "o")])
    assert result.exit_code == 130
    assert result.output.strip() == "interrupted: the files written are complete; run it again with --resume to finish"


def test_long_page_ids_get_files_of_their_own(tmp_path, keyword_scorer):
    ids = ["記" * 100, "x" * 200 + "a", "x" * 200 + "b"]  # too long for a file name, or alike for 200 characters
    pages = tmp_path / "long.jsonl"
    pages.write_text("".join(json.dumps({"id": i, "text": f"Story {n}\n\nbody text"}) + "\n" for n, i in enumerate(ids)),
                     encoding="utf-8")
    run = run_report([str(pages)], tmp_path / "out", load_policy(), scorer=KeywordScorer(), progress=False)
    assert (run.pages, run.failures) == (3, [])
    names = sorted(p.name for p in (tmp_path / "out" / "articles").glob("*.json"))
    assert len(names) == 3 and all(len(n.encode("utf-8")) <= 160 for n in names)


def test_segments_equal_a_character_by_character_reference():
    """The edge sweep of `segments` against the plain definition: each character takes the strongest kind
    of the highlights covering it, and equal neighbours merge."""
    import random

    from comments.report.render import HIGHLIGHTS, segments

    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice("ab cd") for _ in range(rng.randint(0, 30)))
        comment = {"word_spans": [], "toxic_spans": []}
        for key in ("word_spans", "toxic_spans"):
            for _ in range(rng.randint(0, 4)):
                start = rng.randint(-2, len(text) + 2)
                comment[key].append([start, start + rng.randint(0, 8)])
        kinds = [None] * len(text)
        for key, kind in (("toxic_spans", "tox"), ("word_spans", "word")):
            for start, end in comment[key]:
                for k in range(max(0, start), min(end, len(text))):
                    if kinds[k] is None or HIGHLIGHTS.index(kind) < HIGHLIGHTS.index(kinds[k]):
                        kinds[k] = kind
        expected: list = []
        for char, kind in zip(text, kinds):
            if expected and expected[-1][1] == kind:
                expected[-1] = (expected[-1][0] + char, kind)
            else:
                expected.append((char, kind))
        assert segments(text, comment) == expected, (text, comment)


def test_a_run_wide_file_that_cannot_be_written_fails_alone(tmp_path):
    """QA: a folder where queue.csv goes (or a spreadsheet holding it open) ended the run in a traceback, and
    queue.jsonl, the index, summary.json and run.json were never written."""
    out = tmp_path / "out"
    (out / "queue.csv").mkdir(parents=True)
    run = run_keyword_report(tmp_path, out)
    assert run.exit_code == 1
    assert [f.source for f in run.failures] == [str(out / "queue.csv")]
    assert "cannot write" in run.failures[0].reason
    for name in ("queue.jsonl", "index.html", "index.md", "summary.json", "run.json"):
        assert (out / name).is_file(), name
    assert json.loads((out / "run.json").read_text())["failures"][0]["source"] == str(out / "queue.csv")


def test_run_report_takes_one_path_and_the_default_policy(tmp_path):
    """QA: run_report("examples", out, policy) read the string character by character ('e', 'x', ...)."""
    pages = write_pages(tmp_path / "pages")
    run = run_report(pages, tmp_path / "a", scorer=KeywordScorer(), progress=False)
    same = run_report(str(pages), tmp_path / "b", None, scorer=KeywordScorer(), progress=False)
    assert (run.pages, run.failures) == (3, []) and (same.pages, same.failures) == (3, [])
    assert (tmp_path / "a" / "queue.csv").read_bytes() == (tmp_path / "b" / "queue.csv").read_bytes()


def test_a_line_break_in_a_title_does_not_break_the_markdown(tmp_path):
    from comments.report.render import md_line

    assert md_line("Bike lanes\napproved | now") == "Bike lanes approved \\| now"
    assert md_line(None) == ""


def test_comment_text_in_markdown_is_not_read_as_lists_or_entities():
    from comments.report.render import highlight_md

    md = highlight_md("1. first\n- second\n+ third\n&lt;b&gt; & co\n===", {})
    assert md == "1\\. first\n\\- second\n\\+ third\n\\&lt;b\\&gt; \\& co\n\\==="


def test_the_last_line_does_not_count_rows_into_a_queue_that_failed(tmp_path):
    (tmp_path / "out" / "queue.csv").mkdir(parents=True)
    done = CliRunner().invoke(main, ["report", str(EXAMPLES), "--out", str(tmp_path / "out"), "--formats", "none"])
    assert done.exit_code == 1
    assert "the queue could not be written (queue.csv: see above)" in done.output


def test_a_page_whose_report_cannot_be_written_keeps_its_queue_rows(tmp_path):
    """A page scored and moderated is in the queue even when its report files cannot be written, and
    run.json says why its report is missing."""
    clean = tmp_path / "clean"
    run_keyword_report(tmp_path, clean)
    out = tmp_path / "out"
    (out / "articles" / "lanes.md").mkdir(parents=True)  # a folder where the page's Markdown report goes
    run = run_keyword_report(tmp_path, out)
    pages = tmp_path / "pages"
    assert run.exit_code == 1 and [f.source for f in run.failures] == [str(pages / "lanes.txt")]
    assert run.failures[0].reason.startswith("cannot write its reports")
    assert (out / "queue.jsonl").read_bytes() == (clean / "queue.jsonl").read_bytes()
    assert (out / "queue.csv").read_bytes() == (clean / "queue.csv").read_bytes()
    assert any(json.loads(line)["article_id"] == "lanes" for line in (out / "queue.jsonl").open(encoding="utf-8"))
    record = json.loads((out / "run.json").read_text("utf-8"))
    assert (record["pages"], record["comments"], record["queued"]) == (run.pages, run.comments, run.queued) == \
        (3, 10, json.loads((clean / "run.json").read_text("utf-8"))["queued"])
    assert record["failures"] == [{"source": str(pages / "lanes.txt"), "reason": run.failures[0].reason}]
    lanes = next(a for a in json.loads((out / "summary.json").read_text("utf-8"))["articles"] if a["id"] == "lanes")
    assert lanes["report"] is None  # the index links no report that is not there
    assert "[Bike lanes approved]" not in (out / "index.md").read_text("utf-8")
    shutil.rmtree(out / "articles" / "lanes.md")  # fixed: --resume redoes that page (it has no record)
    again = run_keyword_report(tmp_path, out, resume=True)
    assert again.failures == [] and (out / "articles" / "lanes.md").is_file()
    assert json.loads((out / "run.json").read_text("utf-8"))["resumed_pages"] == 2


def test_strikethrough_in_comment_text_is_escaped_in_markdown():
    from comments.report.render import highlight_md, md_line

    assert md_escape("~~gone~~ and ~one~") == "\\~\\~gone\\~\\~ and \\~one\\~"
    assert highlight_md("so ~~not~~ true", {}) == "so \\~\\~not\\~\\~ true"
    assert md_line("~~title~~") == "\\~\\~title\\~\\~"


def test_touching_marks_are_one_bold_run_in_markdown():
    """QA 6: a listed word inside a toxic span gave "**Send the ****word**** back**" (asterisks shown)."""
    from comments.report.render import highlight_md

    text = "Send the fucking lot back, now"
    comment = {"toxic_spans": [[0, 25]], "word_spans": [[9, 16]]}
    assert highlight_md(text, comment) == "**Send the fucking lot back**, now"
    assert highlight_md("you idiot ok", {"toxic_spans": [[3, 10]]}) == "you **idiot** ok"  # the space outside


@pytest.mark.skipif(not hasattr(__import__("os"), "symlink"), reason="needs symbolic links")
def test_a_page_given_twice_is_reported_once_and_the_repeat_said(tmp_path, keyword_scorer):
    import os

    pages = write_pages(tmp_path / "pages")
    os.symlink(pages / "quiet.txt", tmp_path / "link.txt")
    os.symlink(tmp_path / "gone.txt", pages / "dangling.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(pages), str(pages / "lanes.txt"), str(tmp_path / "link.txt"),
                                       "--out", str(out), "--formats", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "run.json").read_text("utf-8"))
    assert (record["pages"], record["renamed"], record["duplicate_inputs"]) == (3, [], 2)
    assert record["duplicates"] == [{"source": str(pages / "lanes.txt"), "same_as": str(pages / "lanes.txt")},
                                    {"source": str(tmp_path / "link.txt"), "same_as": str(pages / "quiet.txt")}]
    assert record["skipped_files"] == {"broken link": 1}
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["lanes.json", "library.json", "quiet.json"]
    queue = (out / "queue.jsonl").read_text("utf-8").splitlines()
    assert len(queue) == len({json.loads(row)["comment_id"] for row in queue}) == 4  # no row twice
    lines = result.output.splitlines()
    assert f"{pages / 'dangling.txt'}: broken link (to {tmp_path / 'gone.txt'}): skipped" in lines
    assert (f"note: skipped 2 inputs already read under another path: {pages / 'lanes.txt'} (given twice); "
            f"{tmp_path / 'link.txt'} (same file as {pages / 'quiet.txt'}) (listed in {out / 'run.json'})") in lines


def test_the_pages_url_is_shown_and_linked_only_when_it_is_a_web_address(tmp_path):
    text = (EXAMPLES / "002_d3e46c96aeacef40.txt").read_text("utf-8")
    given = {"web": 'https://news.example/a b?x=1&y=(2)"><script>alert(1)</script>',
             "script": "javascript:alert(1)", "none": None}
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps({"id": page, "text": text, "url": url}) + "\n"
                              for page, url in given.items()), "utf-8")
    out = tmp_path / "out"
    run = run_report([str(source)], out, load_policy(), scorer=KeywordScorer(), progress=False)
    assert run.pages == 3 and run.failures == []
    read = lambda name: (out / "articles" / name).read_text("utf-8")  # noqa: E731
    assert [json.loads(read(f"{page}.json"))["url"] for page in given] == list(given.values())
    href = "https://news.example/a%20b?x=1&amp;y=%282%29%22%3E%3Cscript%3Ealert%281%29%3C/script%3E"
    assert f'<a href="{href}" rel="noopener noreferrer">https://news.example/a b?x=1&amp;y=(2)&#34;&gt;&lt;script&gt;' \
        in read("web.html")
    assert "<script>alert" not in read("web.html")
    assert '<p class="meta">javascript:alert(1)</p>' in read("script.html") and "href=\"javascript" not in read("script.html")
    assert "](https://news.example/a%20b?x=1&y=%282%29%22%3E%3Cscript%3Ealert%281%29%3C/script%3E)" in read("web.md")
    assert "javascript:alert(1)" in read("script.md") and "](javascript" not in read("script.md")
    assert "news.example" not in read("none.html") + read("none.md")
    queue = (out / "queue.csv").read_text("utf-8-sig").splitlines()[0]
    assert "url" not in queue.split(",")  # the queue's columns are a contract
