"""`comments report` on every engine: byte-identical outputs, and a worker crash costs only its page."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from report_fakes import KeywordScorer
from test_resume import corpus, outputs, report

import comments.scoring
from comments.cli import main
from comments.engine import DIED
from comments.pipeline import run_report
from comments.policy import load_policy


class DyingScorer(KeywordScorer):
    """Kills its worker process outright on one comment, as a segfault in native code would."""

    def score(self, texts):
        if any("(6.2)" in t for t in texts):
            os._exit(11)
        return super().score(texts)


def test_jobs_and_dask_give_byte_identical_outputs(tmp_path):
    pages = corpus(tmp_path / "pages")
    report(pages, tmp_path / "serial", jobs=1)
    report(pages, tmp_path / "pool", jobs=2)
    want = outputs(tmp_path / "serial")
    assert len(want) == 8 * 3 + 6
    assert outputs(tmp_path / "pool") == want
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed "
                                      "(pip install -e '.[dask]'): the dask engine cannot be tested")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        report(pages, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert outputs(tmp_path / "dask") == want
    assert json.loads((tmp_path / "dask" / "run.json").read_text("utf-8"))["engine"]["engine"] == "dask"


def test_a_worker_that_dies_on_one_page_fails_that_page_and_the_run_goes_on(tmp_path):
    pages = corpus(tmp_path / "pages")
    run = report(pages, tmp_path / "out", scorer=DyingScorer(), jobs=2)
    assert run.pages == 7  # 8 pages, one killed its worker
    assert sorted((f.source, f.reason) for f in run.failures) == sorted(
        [(str(pages / "page006.txt"), DIED), (str(pages / "broken.txt"), run.failures[0].reason)])
    record = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))
    assert record["pages"] + record["failed"] == 9 and {"source": str(pages / "page006.txt"), "reason": DIED} \
        in record["failures"]
    assert not (tmp_path / "out" / "articles" / "page006.html").exists()


def test_cli_report_takes_jobs_engine_and_resume(tmp_path, monkeypatch):
    scorer = KeywordScorer()
    monkeypatch.setattr(comments.scoring, "default_scorer", lambda: scorer)
    pages = corpus(tmp_path / "pages", pages=4)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(pages), "--out", str(out), "--quiet", "--jobs", "2"])
    assert result.exit_code == 1, result.output  # broken.txt
    first = outputs(out)
    result = CliRunner().invoke(main, ["report", str(pages), "--out", str(out), "--quiet", "--resume"])
    assert result.exit_code == 1, result.output
    assert json.loads((out / "run.json").read_text("utf-8"))["resumed_pages"] == 4
    assert outputs(out) == first
    result = CliRunner().invoke(main, ["report", str(pages), "--out", str(out), "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output


def test_a_dask_run_that_cannot_start_creates_no_output(tmp_path, monkeypatch):
    import builtins

    scorer = KeywordScorer()
    monkeypatch.setattr(comments.scoring, "default_scorer", lambda: scorer)
    pages = corpus(tmp_path / "pages", pages=2)
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith(("dask", "distributed")):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(builtins, "__import__", no_dask)
        result = CliRunner().invoke(main, ["report", str(pages), "--out", str(tmp_path / "out"), "--engine", "dask"])
    assert result.exit_code == 1 and 'pip install -e ".[dask]"' in result.output
    assert not (tmp_path / "out").exists()
    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    (tmp_path / "used").mkdir()  # a folder of an earlier run gets no new (empty) articles/ either
    result = CliRunner().invoke(main, ["report", str(pages), "--out", str(tmp_path / "used"), "--engine", "dask",
                                       "--scheduler", "notanaddress"])
    assert result.exit_code == 1 and "missing port number" in result.output
    assert list((tmp_path / "used").iterdir()) == []


def test_cli_score_with_jobs_gives_the_same_table(tmp_path, monkeypatch):
    from test_cli import fake_score

    monkeypatch.setattr(comments.scoring, "score", fake_score)
    texts = [f"comment {i}" + (" you idiot" if i % 7 == 0 else "") for i in range(11_000)]  # 3 chunks
    (tmp_path / "in.csv").write_text("text\n" + "\n".join(texts) + "\n", encoding="utf-8")
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        result = CliRunner().invoke(main, ["score", "--input", str(tmp_path / "in.csv"), "--out", str(out),
                                           "--jobs", jobs])
        assert result.exit_code == 0, result.output
        outs[jobs] = out.read_bytes()
    assert outs["1"] == outs["2"] and outs["1"].count(b"\n") == 11_000


RUNNER = """
import sys, time
sys.path.insert(0, sys.argv[3])
from report_fakes import KeywordScorer
from comments.pipeline import run_report
from comments.policy import load_policy

class Slow(KeywordScorer):
    def score(self, texts):
        time.sleep(0.3)  # time for the signal to land mid-run
        return super().score(texts)

run_report([sys.argv[1]], sys.argv[2], load_policy(), scorer=Slow(), progress=False, jobs=2)
"""


def test_a_real_ctrl_c_on_a_pool_stops_at_once_and_resume_finishes(tmp_path):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    pages = corpus(tmp_path / "pages", pages=64)  # 8 batches of 8: most still to run at the signal
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-c", RUNNER, str(pages), str(out), str(Path(__file__).parent)],
                               start_new_session=True, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while not list(out.glob(".resume/*/*.json")) and time.time() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # a terminal's Ctrl-C goes to the whole process group
    _, stderr = process.communicate(timeout=30)
    assert process.returncode != 0 and b"KeyboardInterrupt" in stderr
    left = [p for p in out.rglob("*") if p.is_file()]
    assert not [p for p in left if p.name.endswith(".tmp") or p.name.startswith(".queue")]
    assert not (out / "queue.csv").exists() and not (out / "run.json").exists()
    records = [json.loads(p.read_text("utf-8")) for p in out.glob(".resume/*/*.json")]
    done = len(records)
    assert 0 < done < 64
    for record in records:  # a recorded page has all its files (a page cut short may have some: redone)
        assert all((out / "articles" / f"{record['stem']}.{kind}").is_file() for kind in ("json", "md", "html"))
    for path in out.glob("articles/*.json"):
        json.loads(path.read_text("utf-8"))  # complete

    run = report(pages, out, jobs=2, resume=True)  # (identical outputs after a resume: see test_resume.py)
    assert run.pages == 64 and json.loads((out / "run.json").read_text("utf-8"))["resumed_pages"] == done


def test_an_unreachable_scheduler_creates_no_output(tmp_path, monkeypatch):
    import socket

    from comments import engine
    from comments.engine import EngineError

    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    monkeypatch.setattr(engine, "SCHEDULER_TIMEOUT", "1s")
    with socket.socket() as probe:  # a local port nothing listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    pages = corpus(tmp_path / "pages", pages=2)
    with pytest.raises(EngineError, match=f"cannot reach the Dask scheduler {address}"):
        report(pages, tmp_path / "out", scorer=KeywordScorer(), engine="dask", scheduler=address)
    assert not (tmp_path / "out").exists()


# --- one run at a time into a folder; every page reported whatever its id; the API's arguments ---------


def test_a_second_run_into_a_folder_in_use_is_refused_at_once(tmp_path, monkeypatch):
    from comments.atomic import folder_lock
    from comments.pipeline import OutputError

    pages = corpus(tmp_path / "pages", pages=2)
    out = tmp_path / "out"
    with folder_lock(out):  # as a run in another process holds it (flock: per open file, so here too)
        with pytest.raises(OutputError, match=f"^{out}: another run is writing into this folder"):
            report(pages, out)
        assert [p.name for p in out.iterdir()] == [".lock"]  # nothing written, the other run's lock kept
        scorer = KeywordScorer()
        monkeypatch.setattr(comments.scoring, "default_scorer", lambda: scorer)
        result = CliRunner().invoke(main, ["report", str(pages), "--out", str(out), "--jobs", "1"])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
        assert result.stderr.startswith(f"Error: {out}: another run is writing into this folder")
    run = report(pages, out)  # released: the next run goes ahead, and leaves no lock or spill behind
    assert run.pages == 2 and not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".resume"]


def pages_with_clashing_ids(root):
    """Two sites' index.txt, a/b.txt beside a_b.txt (the same file name), ids differing only in case,
    and a JSON Lines file repeating an id."""
    from test_export import wordpress_page

    def page(path, title):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wordpress_page(title, [("Ann", f"{title}: you idiot"), ("Bob", "Fine.")]), encoding="utf-8")

    page(root / "siteA" / "index.txt", "Site A")
    page(root / "siteB" / "index.txt", "Site B")
    page(root / "coll" / "a" / "b.txt", "Nested")
    page(root / "coll" / "a_b.txt", "Flat")
    page(root / "coll" / "Index.txt", "Capital")
    text = wordpress_page("Repeated", [("Cy", "Wake up, they are hiding it")])
    (root / "feed.jsonl").write_text("".join(json.dumps({"id": "a_b", "text": text}) + "\n" for _ in range(2)),
                                     encoding="utf-8")
    return [str(root / name) for name in ("siteA", "siteB", "coll", "feed.jsonl")]


def test_pages_whose_ids_clash_are_all_reported_under_ids_that_do_not_depend_on_the_engine(tmp_path):
    inputs = pages_with_clashing_ids(tmp_path / "in")
    runs = {jobs: run_report(inputs, tmp_path / f"jobs{jobs}", load_policy(), scorer=KeywordScorer(),
                             progress=False, jobs=jobs) for jobs in (1, 2)}
    assert runs[1].failures == [] and runs[1].pages == 7 and runs[1].renamed == 5
    assert outputs(tmp_path / "jobs1") == outputs(tmp_path / "jobs2")
    record = json.loads((tmp_path / "jobs1" / "run.json").read_text("utf-8"))
    renamed = {r["source"]: r["reported_as"] for r in record["renamed"]}
    assert sorted(renamed) == sorted([str(tmp_path / "in" / "siteB" / "index.txt"),
                                      str(tmp_path / "in" / "coll" / "Index.txt"),  # index, but for the case
                                      str(tmp_path / "in" / "coll" / "a_b.txt"),
                                      str(tmp_path / "in" / "feed.jsonl") + ":1", str(tmp_path / "in" / "feed.jsonl") + ":2"])
    queue = [json.loads(line) for line in (tmp_path / "jobs1" / "queue.jsonl").read_text("utf-8").splitlines()]
    assert len(queue) == 7 and len({row["article_id"] for row in queue}) == 7  # every page's flagged comment
    assert len(list((tmp_path / "jobs1" / "articles").glob("*.json"))) == 7
    again = run_report(inputs, tmp_path / "jobs1", load_policy(), scorer=KeywordScorer(), progress=False, resume=True)
    assert again.pages == 7 and json.loads((tmp_path / "jobs1" / "run.json").read_text("utf-8"))["renamed"] \
        == record["renamed"] and json.loads((tmp_path / "jobs1" / "run.json").read_text("utf-8"))["resumed_pages"] == 7


def test_run_report_takes_a_policy_path_and_refuses_meaningless_numbers(tmp_path):
    from comments.policy import default_policy_text

    pages = corpus(tmp_path / "pages", pages=2)
    (tmp_path / "p.toml").write_text(default_policy_text(), encoding="utf-8")
    for policy in (str(tmp_path / "p.toml"), tmp_path / "p.toml"):
        run = run_report([str(pages)], tmp_path / "out", policy, scorer=KeywordScorer(), progress=False)
        assert run.pages == 2
        assert json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))["policy"]["source"] == str(policy)
    for bad in ({"jobs": -1}, {"jobs": 0}, {"jobs": 1.5}, {"max_bytes": 0}, {"max_bytes": -5}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            report(pages, tmp_path / "bad", **bad)
    assert not (tmp_path / "bad").exists()


DASK_RUNNER = """
import sys, time
sys.path.insert(0, sys.argv[3])
from report_fakes import KeywordScorer
from comments.pipeline import run_report
from comments.policy import load_policy

class Slow(KeywordScorer):
    def score(self, texts):
        time.sleep(0.5)  # time for the signal to land mid-run
        return super().score(texts)

try:
    run_report([sys.argv[1]], sys.argv[2], load_policy(), scorer=Slow(), progress=False, jobs=1, engine="dask")
except KeyboardInterrupt:
    print("interrupted", file=sys.stderr)
"""


def test_a_ctrl_c_on_a_local_dask_cluster_is_quiet(tmp_path):
    """A terminal's Ctrl-C reaches every process of the group: the workers ignore it, and the cluster's
    complaints about work cut short (cancelled tasks, lost data) are not printed."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    pages = corpus(tmp_path / "pages", pages=48)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-c", DASK_RUNNER, str(pages), str(out), str(Path(__file__).parent)],
                               start_new_session=True, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 120
    while not list(out.glob(".resume/*/*.json")) and time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert stderr == "interrupted\n"


def test_a_renamed_page_keeps_its_name_however_its_path_was_typed(tmp_path, monkeypatch):
    """Two sites' index.txt: the second is renamed by a hash of where it is, the same for a relative and an
    absolute path (else --resume from another folder would report it again under a new name)."""
    from comments.pipeline import PageNames
    from comments.types import Document

    for site in ("a", "b"):
        (tmp_path / site).mkdir()
        (tmp_path / site / "index.txt").write_text("x", "utf-8")
    monkeypatch.chdir(tmp_path)

    def second_name(prefix: str) -> str:
        names = PageNames()
        docs = [Document(id="index", source=f"{prefix}{site}/index.txt", encoding="utf-8", text="x")
                for site in ("a", "b")]
        return [names.claim(d).id for d in docs][1]

    assert second_name("") == second_name(f"{tmp_path}/") == second_name("./") != "index"
