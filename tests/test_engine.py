"""The engines: input order kept, equal outcomes whatever the engine, one bad page (even one that kills
its worker) failing alone, and a clean stop on Ctrl-C."""
from __future__ import annotations

import os
import re
import time

import pytest

from comments import engine
from comments.engine import DIED, EngineError, Job, fixed_scorer, run_pages, score_chunks
from comments.types import Document, InputError


class Shout:
    """A stand-in scorer: cheap, picklable, and it counts how often it was built."""

    built = 0

    def __init__(self) -> None:
        type(self).built += 1

    def score(self, texts):
        import pandas as pd

        return pd.DataFrame({"text": [t.upper() for t in texts], "n": [len(t) for t in texts]})


def echo_page(doc: Document, scorer, policy):
    """A per-page job whose finishing order is scrambled, with pages that raise or kill the worker."""
    if "raise" in doc.text:
        raise ValueError("this page is cursed")
    if "die" in doc.text:
        os._exit(3)  # the worker process dies on the spot, as on a segfault
    time.sleep((hash(doc.id) % 5) / 2000)
    return (doc.id, scorer.score([doc.text])["text"][0], policy)


def docs(n: int, special: dict[int, str] | None = None) -> list:
    items: list = [Document(id=f"p{i}", source=f"p{i}.txt", encoding="utf-8", text=f"page {i}") for i in range(n)]
    for index, text in (special or {}).items():
        items[index] = Document(id=f"p{index}", source=f"p{index}.txt", encoding="utf-8", text=text)
    return items


def expected(items, policy="pol"):
    return [(item, (item.id, item.text.upper(), policy)) for item in items]


JOB = Job(page_fn=echo_page, scorer_factory=Shout, policy="pol")


def test_serial_and_pool_keep_input_order_and_pass_other_items_through():
    items = docs(40)
    items.insert(7, InputError("broken.txt", "not UTF-8"))
    items.insert(30, "a page resumed from disk")
    want = [(i, i) if not isinstance(i, Document) else (i, (i.id, i.text.upper(), "pol")) for i in items]
    assert list(run_pages(items, JOB, jobs=1)) == want
    assert list(run_pages(iter(items), JOB, jobs=2, batch_size=3)) == want


def test_a_page_that_raises_fails_alone_with_its_reason():
    items = docs(12, {5: "raise please"})
    for jobs in (1, 2):
        got = list(run_pages(items, JOB, jobs=jobs, batch_size=4))
        assert [item for item, _ in got] == items
        failure = got[5][1]
        assert failure == InputError("p5.txt", "could not process page: ValueError: this page is cursed")
        assert [outcome for _, outcome in got[:5] + got[6:]] == [o for _, o in expected(items[:5] + items[6:])]


def test_a_page_that_kills_its_worker_fails_alone_and_the_run_goes_on():
    items = docs(30, {9: "die now", 22: "die again"})
    got = list(run_pages(items, JOB, jobs=2, batch_size=4))
    assert [item for item, _ in got] == items
    assert got[9][1] == InputError("p9.txt", DIED)
    assert got[22][1] == InputError("p22.txt", DIED)
    good = [i for i in range(30) if i not in (9, 22)]
    assert [got[i] for i in good] == expected([items[i] for i in good])


def test_workers_build_the_scorer_once_each_and_serial_once():
    Shout.built = 0
    list(run_pages(docs(5), JOB, jobs=1))
    assert Shout.built == 1  # the serial engine builds it in this process, once
    given = Shout()
    assert [o for _, o in run_pages(docs(3), Job(echo_page, fixed_scorer(given), "pol"), jobs=2)] == \
        [o for _, o in expected(docs(3))]


def test_stopping_mid_run_shuts_the_pool_down():
    """Ctrl-C in the parent: the generator is closed with the exception; no worker is left behind."""
    import multiprocessing

    outcomes = run_pages(docs(200), JOB, jobs=2, batch_size=2)
    next(outcomes)
    with pytest.raises(KeyboardInterrupt):
        outcomes.throw(KeyboardInterrupt())
    deadline = time.time() + 10
    while multiprocessing.active_children() and time.time() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []


def shout_score(texts):
    return Shout().score(texts)


def test_score_chunks_over_processes_equals_one_call():
    import pandas as pd

    texts = [f"comment number {i}" for i in range(1003)]
    one = shout_score(texts)
    chunks = [texts[i:i + 100] for i in range(0, len(texts), 100)]
    for jobs in (2, 1):
        assert pd.concat(score_chunks(chunks, shout_score, jobs=jobs), ignore_index=True).equals(one)
    assert [len(f) for f in score_chunks([texts], shout_score, jobs=2)] == [1003]  # one chunk: no pool


def test_unknown_engine_and_missing_dask_are_clear_errors(monkeypatch):
    with pytest.raises(EngineError, match="unknown engine 'spark'"):
        list(run_pages(docs(1), JOB, engine="spark"))
    import builtins

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith(("dask", "distributed")):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(EngineError, match=r"pip install -e \"\.\[dask\]\""):
        list(run_pages(docs(1), JOB, engine="dask"))


def test_a_scheduler_address_that_is_no_address_is_one_line():
    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler notanaddress: missing port number"):
        list(run_pages(docs(1), JOB, engine="dask", scheduler="notanaddress"))


def test_a_scheduler_without_workers_is_one_line(monkeypatch):
    """QA: a reachable scheduler with no worker yet gave a 68-line traceback ("No valid workers found"). The run
    waits for a worker to join, then says which scheduler has none and how to start one."""
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    monkeypatch.setattr(engine, "SCHEDULER_TIMEOUT", "1s")
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        with pytest.raises(EngineError, match=rf"^the Dask scheduler {re.escape(address)} has no workers \(none "
                                              rf"joined within 1s\); start some with `dask worker {re.escape(address)}`$"):
            list(run_pages(docs(1), JOB, engine="dask", scheduler=address))


def test_dask_engine_gives_the_same_outcomes_in_order():
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed "
                                      "(pip install -e '.[dask]'): the dask engine cannot be tested")
    items = docs(25, {4: "raise here"})
    items.insert(10, InputError("x.txt", "unreadable"))
    want = list(run_pages(items, JOB, jobs=1))
    engine._worker_scorers.clear()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        got = list(run_pages(items, JOB, engine="dask", scheduler=cluster.scheduler_address, batch_size=3))
    assert got == want
    # the two in-process workers share this module's cache: the scorer was built once for the job
    assert list(engine._worker_scorers) == [Shout]


def no_models():
    raise FileNotFoundError("no shipped model named 'toxicity'")


@pytest.mark.parametrize("jobs", [1, 2])
def test_models_that_do_not_load_stop_the_run_with_the_reason(jobs):
    with pytest.raises(EngineError, match="cannot load the scoring models: FileNotFoundError: no shipped model"):
        list(run_pages(docs(3), Job(echo_page, no_models, "pol"), jobs=jobs))


def echo_batch(docs, scorer, policy):
    """A batch function: all pages in one go, marked so the test sees which path made them."""
    if any("raise" in doc.text for doc in docs):
        raise ValueError("one page of the batch is cursed")
    return [(*echo_page(doc, scorer, policy), "batched") for doc in docs]


def test_batches_go_through_batch_fn_and_a_failing_batch_is_redone_page_by_page():
    job = Job(page_fn=echo_page, scorer_factory=Shout, policy="pol", batch_fn=echo_batch)
    items = docs(12, {9: "raise now"})
    got = [outcome for _, outcome in run_pages(items, job, jobs=2, batch_size=4)]
    assert got[:8] == [(d.id, d.text.upper(), "pol", "batched") for d in items[:8]]
    assert got[8:] == [(items[8].id, "PAGE 8", "pol"),
                       InputError("p9.txt", "could not process page: ValueError: this page is cursed"),
                       (items[10].id, "PAGE 10", "pol"), (items[11].id, "PAGE 11", "pol")]
    assert [o for _, o in run_pages(items[:3], job, jobs=1)] == [(*o, "batched") for _, o in expected(items[:3])]


def test_big_pages_make_smaller_batches(monkeypatch):
    monkeypatch.setattr(engine, "BATCH_CHARS", 20)
    sizes = []
    batch_fn = lambda docs, scorer, policy: sizes.append(len(docs)) or [echo_page(d, scorer, policy) for d in docs]  # noqa: E731
    items = docs(10)  # "page N": 6 characters each, so a batch closes at its 4th page (24 >= 20)
    got = list(run_pages(items, Job(echo_page, Shout, "pol", batch_fn=batch_fn), jobs=1, batch_size=8))
    assert got == expected(items) and sizes == [4, 4, 2]


def test_dask_workers_that_would_score_with_other_models_are_refused():
    """QA: on a remote cluster `--models DIR` never reached the workers (it travels in the environment), so
    they scored with the shipped models while run.json named the adapted one."""
    from comments.modelstore import model_versions
    from comments.scoring import default_scorer

    job = Job(page_fn=JOB.page_fn, scorer_factory=default_scorer, policy=JOB.policy)
    ours = model_versions()
    engine._same_models(job, dict(ours))  # the same models: fine
    theirs = {**ours, "toxicity": "2026-01-01 0123456789ab"}
    with pytest.raises(EngineError, match="toxicity: 2026-01-01 0123456789ab on the workers"):
        engine._same_models(job, theirs)
    engine._same_models(JOB, None)  # a job that brings its own scorer: nothing to compare


def test_ctrl_c_lets_the_workers_end_their_batch_rather_than_killing_them():
    """A worker killed while it sends its result would leave the pool reading the rest of it forever (a
    hang seen after a real Ctrl-C): the batches the workers hold are let finish, no new one starts."""
    runner = engine.start_engine(JOB, jobs=2)
    processes = list(runner.pool._processes.values())
    with pytest.raises(KeyboardInterrupt):
        with runner:
            for _ in runner.run(docs(400), batch_size=2):
                raise KeyboardInterrupt
    assert len(processes) == 2 and [p.exitcode for p in processes] == [0, 0]  # ended, not killed (-15)



@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads process states from /proc (Linux)")
def test_workers_end_when_their_run_is_killed():
    """A killed run cannot collect results: its workers must not live on (holding memory, blocked)."""
    import subprocess
    import sys

    script = ("import os, signal, time\nfrom concurrent.futures import ProcessPoolExecutor\n"
              "from comments.engine import _start_worker\n"
              "pool = ProcessPoolExecutor(2, initializer=_start_worker)\n"
              "print(*sorted({pool.submit(os.getpid).result() for _ in range(4)}), flush=True)\n"
              "pool.submit(time.sleep, 60)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in run.stdout.readline().split()]
    run.wait()
    assert workers
    deadline = time.monotonic() + 10
    while any(map(_running, workers)):
        assert time.monotonic() < deadline, f"workers {workers} outlived their killed run"
        time.sleep(0.2)


def _running(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie (an ended child nobody has waited for)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False
