"""Run the per-page job over many pages: in this process, on a pool of worker processes, or on a Dask
cluster.

Every engine yields the outcomes in input order, so a run's output never depends on the engine, the
number of workers or timing. Pages travel in batches (a batch is scored in one call when the job has a
`batch_fn`), and work in flight is bounded (a window of batches, each of at most BATCH_CHARS of page
text), so memory stays flat however many pages come. One page that raises, or even kills its worker
process, fails that page with a reason; the run goes on.

The per-page function (`pipeline.process_document`) must be a module-level function and the scorer
factory a picklable callable: both travel to the workers, which build the scorer once each.
"""
from __future__ import annotations

import abc
import contextlib
import functools
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, Sequence

from .types import Document, InputError

ENGINES = ("local", "dask")
SCHEDULER_TIMEOUT = "20s"  # to reach a running cluster's scheduler
BATCH_CHARS = 250_000  # of page text per batch: memory in flight stays bounded on pages of any size
# Pages per batch (BATCH_CHARS permitting): scoring a few hundred comments in one call costs about 15% less
# per comment than 160 (8 pages of 20) did, as the models' tables stay in the CPU caches between texts.
BATCH_PAGES = 32
DIED = ("worker process died while processing this page (killed by the system, out of memory, "
        "or a crash in native code)")


class EngineError(RuntimeError):
    """An engine that cannot start (dask missing, scheduler unreachable); the message is one line."""


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fixed_scorer(scorer) -> Callable[[], Any]:
    """A picklable factory for an already built scorer (a test's fake, a newsroom's own model)."""
    return functools.partial(_same, scorer)


def _same(value):
    return value


@dataclass(frozen=True)
class Job:
    """What every worker needs: the per-page function, how to build the scorer, and the policy.

    `batch_fn`, when given, does a whole batch of pages at once (one scoring call for all their
    comments: the models' fixed cost per call is paid once per batch) and must return exactly what
    `page_fn` would, page by page. If it raises, the batch is redone page by page with `page_fn`, so a
    failure is pinned to its page.
    """

    page_fn: Callable  # (Document, scorer, Policy) -> result; module-level, so it pickles by name
    scorer_factory: Callable[[], Any]
    policy: Any
    batch_fn: Callable | None = None  # (list[Document], scorer, Policy) -> list of results or InputErrors


def run_pages(items: Iterable[Any], job: Job, *, engine: str = "local", jobs: int | None = None,
              scheduler: str | None = None, batch_size: int | None = None) -> Iterator[tuple[Any, Any]]:
    """Yield `(item, outcome)` for every item, in input order.

    A `Document` is processed: its outcome is `job.page_fn`'s result, or an `InputError` naming the page
    and why it failed. Any other item (an `InputError` from ingest, a page resumed from disk) is passed
    through untouched with itself as the outcome, keeping its place in the order.
    """
    with start_engine(job, engine=engine, jobs=jobs, scheduler=scheduler) as runner:
        yield from runner.run(items, batch_size)


def start_engine(job: Job, *, engine: str = "local", jobs: int | None = None,
                 scheduler: str | None = None) -> _Runner:
    """The engine, started: its workers are up and have loaded the models (or EngineError says why not).

    Use it as a context manager around `runner.run(items)`, which yields as `run_pages` does. Start it
    before creating any output, so a run that cannot start (an unreachable scheduler) leaves nothing."""
    jobs = jobs or default_jobs()
    check_engine(engine, scheduler)
    if engine == "dask":
        return _DaskRunner(job, jobs, scheduler)
    return _SerialRunner(job) if jobs == 1 else _PoolRunner(job, jobs)


def check_engine(engine: str, scheduler: str | None = None) -> None:
    """Raise EngineError if `engine` cannot run here (unknown, dask not installed, a scheduler address that
    is no address): checked before a run creates any output, so a run that cannot start leaves nothing."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "dask":
        _dask_classes()
        if scheduler:
            _check_address(scheduler)


def _ordered(items: Iterable[Any], runner: _Runner, batch_size: int, window: int) -> Iterator[tuple[Any, Any]]:
    """Cut the items into batches (of `batch_size` items, or fewer big pages: at most BATCH_CHARS of
    page text), keep at most `window` batches in flight, and yield in input order."""
    pending: deque[tuple[list, Any]] = deque()  # (the batch's items, the handle of its documents' work)

    def submit(batch: list) -> None:
        docs = [item for item in batch if isinstance(item, Document)]
        pending.append((batch, runner.submit(docs) if docs else None))

    def drain_one() -> Iterator[tuple[Any, Any]]:
        batch, handle = pending.popleft()
        docs = [item for item in batch if isinstance(item, Document)]
        outcomes = iter(runner.collect(docs, handle) if docs else ())
        for item in batch:
            yield item, next(outcomes) if isinstance(item, Document) else item

    batch: list = []
    chars = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Document):
            chars += len(item.text or item.html or "")
        if len(batch) >= batch_size or chars >= BATCH_CHARS:
            submit(batch)
            batch, chars = [], 0
            while len(pending) >= window:
                yield from drain_one()
    if batch:
        submit(batch)
    while pending:
        yield from drain_one()


def run_batch(docs: list[Document], job: Job, scorer) -> list:
    """A batch of pages: all at once with `job.batch_fn` if there is one, else (or if it fails) one by one."""
    if job.batch_fn is not None and len(docs) > 1:
        try:
            return job.batch_fn(docs, scorer, job.policy)
        except Exception:  # find the page at fault (and keep the others) by redoing them one at a time
            pass
    return [run_one(doc, job.page_fn, scorer, job.policy) for doc in docs]


def run_one(doc: Document, page_fn: Callable, scorer, policy) -> Any:
    """One page; an exception fails the page (with its reason), never the batch."""
    try:
        return page_fn(doc, scorer, policy)
    except Exception as e:
        return InputError(doc.source, f"could not process page: {type(e).__name__}: {e}")


# --- in this process ------------------------------------------------------------------------------

class _Runner(abc.ABC):
    """Runs batches of pages somewhere: `submit` starts one, `collect` waits for its results."""

    batch_size = 1
    window = 1

    @abc.abstractmethod
    def submit(self, docs: list[Document]) -> Any: ...

    @abc.abstractmethod
    def collect(self, docs: list[Document], handle: Any) -> list: ...

    def run(self, items: Iterable[Any], batch_size: int | None = None) -> Iterator[tuple[Any, Any]]:
        """Yield `(item, outcome)` for every item, in input order (see `run_pages`)."""
        return _ordered(items, self, batch_size or self.batch_size, self.window)

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *exc) -> None:
        pass


class _SerialRunner(_Runner):
    """`--jobs 1`: no pool, no pickling; a batch is done when it is collected."""

    batch_size = BATCH_PAGES

    def __init__(self, job: Job) -> None:
        self.job = job
        try:
            self.scorer = job.scorer_factory()
        except Exception as e:
            raise EngineError(_cannot_load(e)) from e

    def submit(self, docs: list[Document]) -> None:
        return None

    def collect(self, docs: list[Document], handle: None) -> list:
        return run_batch(docs, self.job, self.scorer)


# --- worker processes -----------------------------------------------------------------------------

_worker_job: Job | None = None
_worker_scorers: dict[Any, Any] = {}
_worker_error: str | None = None  # why this worker could not build its scorer


def _cannot_load(e: Exception) -> str:
    return f"cannot load the scoring models: {type(e).__name__}: {e}"


def _init_worker(job: Job) -> None:
    """Runs once in each new worker (`_start_worker`); the models load here, once."""
    global _worker_job, _worker_error
    _start_worker()
    _worker_job = job
    try:
        _scorer_for(job)
    except Exception as e:  # reported by `_ready`: a pool whose initializer raises is only "broken"
        _worker_error = _cannot_load(e)


def _ready(job: Job | None = None) -> dict[str, str] | None:
    """A first task: raises in the parent if the worker could not build its scorer. A Dask worker builds
    it here, and says which models it scores with (`_models_in_use`)."""
    if job is not None:
        try:
            _scorer_for(job)
        except Exception as e:
            raise EngineError(_cannot_load(e)) from None
    if _worker_error:
        raise EngineError(_worker_error)
    return None if job is None else _models_in_use(job)


def _scorer_for(job: Job):
    """The worker's scorer for this job, built on first use (a Dask worker serves many tasks)."""
    if job.scorer_factory not in _worker_scorers:
        _worker_scorers[job.scorer_factory] = job.scorer_factory()
    return _worker_scorers[job.scorer_factory]


def _pool_batch(docs: list[Document]) -> list:
    return run_batch(docs, _worker_job, _scorer_for(_worker_job))


class _PoolRunner(_Runner):
    """`--jobs N`: N worker processes, each loading the models once (pool initializer).

    A worker that dies (segfault, out-of-memory kill, os._exit) breaks the whole pool and every batch
    in it. The pool is then recreated, and each page of a broken batch is run again on its own in a
    separate one-worker pool, so the page that kills a worker is failed with a reason and every other
    page still gets done.
    """

    def __init__(self, job: Job, jobs: int) -> None:
        self.job, self.jobs = job, jobs
        self.batch_size = BATCH_PAGES
        self.window = 2 * jobs  # enough to keep every worker busy while the oldest batch is collected
        self.generation = 0
        self.pool = self._new_pool(jobs)
        self.isolation: ProcessPoolExecutor | None = None  # one worker, for pages of broken batches
        try:
            self.pool.submit(_ready).result()  # fail fast, with the reason, when the models do not load
        except BaseException:
            self.pool.shutdown(wait=True, cancel_futures=True)
            raise

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(self.job,))

    def submit(self, docs: list[Document]) -> tuple[int, Future]:
        try:
            return self.generation, self.pool.submit(_pool_batch, docs)
        except BrokenProcessPool:  # broken by a batch not collected yet
            self._restart(self.generation)
            return self.generation, self.pool.submit(_pool_batch, docs)

    def collect(self, docs: list[Document], handle: tuple[int, Future]) -> list:
        generation, future = handle
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart(generation)
        except Exception:  # the batch could not travel (a result that does not pickle): find which page
            pass
        return [self._alone(doc) for doc in docs]

    def _alone(self, doc: Document):
        """A page of a failed batch, with nothing else in its pool, so a death is surely its own."""
        if self.isolation is None:
            self.isolation = self._new_pool(1)
        try:
            return self.isolation.submit(_pool_batch, [doc]).result()[0]
        except BrokenProcessPool:
            self.isolation.shutdown(wait=True)
            self.isolation = None
            return InputError(doc.source, DIED)
        except Exception as e:
            return InputError(doc.source, f"could not process page: {type(e).__name__}: {e}")

    def _restart(self, broken_generation: int) -> None:
        if broken_generation == self.generation:  # batches of a pool already replaced need no new one
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.generation += 1
            self.pool = self._new_pool(self.jobs)

    def __exit__(self, exc_type=None, *exc) -> None:
        # Ctrl-C or an error: no batch starts any more, and the few the workers hold already are let finish
        # (their results dropped: the pages are redone on --resume). Not killed: a worker killed while it
        # sends a result leaves the pool reading the rest of it forever, a hang. A second Ctrl-C kills them.
        pools = [pool for pool in (self.pool, self.isolation) if pool is not None]
        try:
            for pool in pools:
                pool.shutdown(wait=True, cancel_futures=True)
        except KeyboardInterrupt:
            for pool in pools:
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
            raise


# --- a Dask cluster -------------------------------------------------------------------------------

def _dask_batch(docs: list[Document], job: Job) -> list:
    return run_batch(docs, job, _scorer_for(job))


def _models_in_use(job: Job) -> dict[str, str] | None:
    """The model versions a worker scores with (the shipped ones, or those of its COMMENTS_MODELS_DIR);
    None when the job brings its own scorer."""
    from .modelstore import model_versions
    from .scoring import default_scorer

    return model_versions() if job.scorer_factory is default_scorer else None


def _same_models(job: Job, workers: dict[str, str] | None) -> None:
    """A cluster's workers must score with the models this machine would: `--models DIR` reaches a local
    cluster's workers through the environment, but not a remote cluster's, which would score with their
    own models while run.json names these."""
    ours = _models_in_use(job)
    if workers is not None and ours is not None and workers != ours:
        differ = ", ".join(f"{name}: {workers.get(name, 'none')} on the workers, {ours.get(name, 'none')} here"
                           for name in sorted(set(workers) | set(ours)) if workers.get(name) != ours.get(name))
        raise EngineError(f"the Dask workers would score with other models ({differ}): start them with the same "
                          "models (COMMENTS_MODELS_DIR and COMMENTS_TRUST_MODELS set on each worker) or run without --models")


def _dask_classes():
    """dask.distributed's Client and LocalCluster, or an EngineError saying how to install them."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs dask.distributed: pip install -e \".[dask]\" in this project's clone") from None
    return Client, LocalCluster


def _check_address(scheduler: str) -> None:
    """A scheduler address that is no address ("notanaddress": no port) is refused before a client starts
    its event loop for it."""
    from distributed.comm import get_address_host_port, parse_address

    try:
        if parse_address(scheduler)[0] != "inproc":  # an in-process cluster's address has no host or port
            get_address_host_port(scheduler)
    except ValueError as e:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {e}") from None


class _DaskRunner(_Runner):
    """`--engine dask`: batches of pages as tasks on a Dask cluster (`--scheduler ADDRESS`), or on a
    local cluster of `jobs` single-threaded worker processes. Each worker builds the scorer once."""

    def __init__(self, job: Job, jobs: int, scheduler: str | None) -> None:
        Client, LocalCluster = _dask_classes()  # (the address is checked by `check_engine`)
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
            else:
                with _ctrl_c_ignored():  # inherited by the workers: Ctrl-C is this process's to handle
                    self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError, ValueError) as e:  # ValueError: not an address ("missing port number")
            raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local cluster)'}: {e}") from None
        workers = len(self.client.scheduler_info().get("workers", {}))
        if not workers:  # a cluster may still be starting its workers
            try:
                self.client.wait_for_workers(1, timeout=SCHEDULER_TIMEOUT)
            except TimeoutError:
                self.__exit__(*sys.exc_info())
                raise EngineError(f"the Dask scheduler {scheduler} has no workers (none joined within "
                                  f"{SCHEDULER_TIMEOUT}); start some with `dask worker {scheduler}`") from None
            workers = len(self.client.scheduler_info().get("workers", {}))
        workers = max(1, workers or jobs)
        self.batch_size = 16
        self.window = 2 * workers
        try:
            [self.job] = self.client.scatter([job], broadcast=True)  # sent to each worker once, not per task
            # fail fast when the models do not load, or are not the ones this machine would use
            _same_models(job, self.client.submit(_ready, self.job, pure=False).result())
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise

    def submit(self, docs: list[Document]):
        return self.client.submit(_dask_batch, docs, self.job, pure=False)

    def collect(self, docs: list[Document], future) -> list:
        try:
            return future.result()
        except Exception:  # a worker died on this batch (KilledWorker): find the page by running each alone
            return [self._alone(doc) for doc in docs]

    def _alone(self, doc: Document):
        try:
            return self.client.submit(_dask_batch, [doc], self.job, pure=False).result()[0]
        except Exception as e:
            return InputError(doc.source, f"{DIED}: {type(e).__name__}: {e}")

    def __exit__(self, exc_type=None, *exc) -> None:
        # Ctrl-C or an error: work is cut short, and the cluster's complaints about it (tasks cancelled,
        # scattered data lost, heartbeats unanswered) are noise, not news
        with _quiet_logs() if exc_type is not None else contextlib.nullcontext():
            if exc_type is not None and self.cluster is not None:  # our own workers: quiet them too
                with contextlib.suppress(Exception):
                    self.client.run(_silence_logs)
            self.client.close()
            if self.cluster is not None:
                self.cluster.close()


def _silence_logs() -> None:
    logging.disable(logging.CRITICAL)


@contextlib.contextmanager
def _quiet_logs():
    """No log records in this process for the block (the local cluster's scheduler runs here)."""
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(previous)


# --- scoring a table (`comments score --jobs N`) ----------------------------------------------------

def _start_worker() -> None:
    """In each new worker process: Ctrl-C is the parent's to handle, and the worker ends when its parent is
    gone (a killed run cannot collect results: a worker blocked sending one would otherwise live on)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch_parent, name="watch-parent", daemon=True).start()


@contextlib.contextmanager
def _ctrl_c_ignored():
    """Ctrl-C ignored in the block, so that processes started in it ignore it for good (a terminal sends
    it to every process of the foreground group; Python leaves an ignored SIGINT ignored). A Ctrl-C in
    the block itself (the seconds a local cluster takes to start) is lost: press it again."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread sets handlers
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def score_chunks(chunks: Iterable[Sequence[str]], score_fn: Callable[[Sequence[str]], Any], *,
                 jobs: int = 1) -> Iterator[Any]:
    """`score_fn(chunk)` for each chunk, in order, over `jobs` worker processes that each load the models
    once; at most two chunks per worker are read ahead, so a table of any length streams."""
    chunks = iter(chunks)
    head = list(islice(chunks, 2))
    if jobs <= 1 or len(head) < 2:  # one chunk: no worker processes to start, each loading the models
        yield from map(score_fn, chain(head, chunks))
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker) as pool:
        pending: deque[Future] = deque()
        for chunk in chain(head, chunks):
            pending.append(pool.submit(score_fn, chunk))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()