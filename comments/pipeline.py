"""The main job: pages in; per-article reports, the moderation queue and a run record out.

`process_document` is pure and per page (split -> score -> moderate -> report), and its result is a
small picklable record, so an engine (`engine.start_engine`) maps it over worker processes or a Dask
cluster, in input order. `run_report` streams: each page's report files are written as soon as the page
is done, then its resume record (see `resume`), and its queue rows are spilled to disk; only the queue
sort (an external merge sort) and the index wait for the end of the run. A run holds the output
folder's lock (`DIR/.lock`) from start to end: a second run into the same folder is refused at once.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
from tqdm import tqdm

from . import __version__
from . import resume as resume_records
from .atomic import LOCK_NAME, FolderInUse, file_stem, folder_lock, make_folder, new_temporary, temporary_of, write_text
from .engine import Job, fixed_scorer, start_engine
from .extsort import RUN_PREFIX, RUN_SUFFIX
from .export import append_rows, queue_rows, write_queue
from .ingest import DEFAULT_MAX_BYTES, REPORT_OUTPUTS, as_inputs, read_inputs, skip_kind
from .modelstore import model_versions
from .moderate import moderate_frame, score_records
from .policy import Policy, load_policy
from .report import FORMATS, build_article_report, render_article, render_index, report_link
from .scoring import SCORE_COLUMNS, default_scorer
from .split import split_document
from .types import Document, InputError, Page

SPILL_NAME = "queue.spill.jsonl"  # the queue rows as pages finish: a hidden temporary file of this name
MAX_LISTED_SKIPS = 1000  # skipped files (and renamed pages) named in run.json (a mirror may hold many images)


class OutputError(Exception):
    """The output folder cannot be written (a file where a folder should be, no permission, another run
    writing into it); the message is one line naming the folder and the reason."""


@dataclass(frozen=True)
class ArticleResult:
    """Everything one page contributes to a run."""

    article_id: str
    summary: dict  # the article's row in index.html and summary.json
    rows: list[dict]  # one queue row per comment, in page order
    files: dict[str, str]  # the rendered report by format: "json", "md", "html" (those asked for)
    timings: dict[str, float] = field(default_factory=dict, compare=False)  # seconds per stage


@dataclass
class RunSummary:
    out_dir: Path
    pages: int = 0
    comments: int = 0
    flagged: int = 0
    queued: int = 0  # rows in queue.csv
    failures: list[InputError] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # files in folders not read, by kind
    broken_links: list[str] = field(default_factory=list)  # in folders (counted in `skipped` too)
    duplicates: list[dict] = field(default_factory=list)  # {"source", "same_as"}: a file met again, not read twice
    renamed: int = 0  # pages reported under a new id, because an earlier page had theirs (`PageNames`)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def line(self) -> str:
        return f"{self.pages} pages, {self.comments} comments, {len(self.failures)} failed"


def process_document(doc: Document, scorer, policy: Policy, formats: tuple[str, ...] = FORMATS) -> ArticleResult:
    """Split one page and report on it; see `process_page`."""
    start = time.perf_counter()
    page = split_document(doc)
    result = process_page(page, scorer, policy, formats)
    result.timings["split"] = time.perf_counter() - start - sum(result.timings.values())
    return result


def process_documents(docs: list[Document], scorer, policy: Policy,
                      formats: tuple[str, ...] = FORMATS) -> list[ArticleResult | InputError]:
    """`process_document` for a batch of pages: one scoring call for all their comments, one sentiment
    call for all their article bodies.

    The results are the same as page by page (every score depends on its own text only); the models'
    fixed cost per call (input checks, frame building) is paid once per batch instead of once per page.
    A page that fails to split is an InputError in its place; an error while scoring is raised (the
    engine then redoes the batch page by page to find the page at fault).
    """
    clock = _Clock()
    pages: list[Page | InputError] = []
    for doc in docs:
        try:
            pages.append(split_document(doc))
        except Exception as e:
            pages.append(InputError(doc.source, f"could not process page: {type(e).__name__}: {e}"))
    clock.lap("split")
    split = [page for page in pages if isinstance(page, Page)]
    texts = [c.text for page in split for c in page.comments]
    comment_scores = scorer.score(texts) if texts else _no_scores()
    body_sentiment = scorer.score_sentiment([page.article_body or "" for page in split]) if split else None
    clock.lap("score")
    total = len(texts) + len(split) or 1
    # rows as dicts once for the whole batch: slicing a frame per page costs more than scoring its comments
    records = score_records(comment_scores)
    bodies = score_records(body_sentiment) if split else []
    results: list[ArticleResult | InputError] = []
    start = body = 0  # the page's first comment row, and its body row
    for page in pages:
        if isinstance(page, InputError):
            results.append(page)
            continue
        size = len(page.comments)
        result = report_scored_page(page, records[start:start + size], bodies[body], policy, formats)
        start += size
        body += 1
        for stage, seconds in clock.laps.items():  # the batch's split and scoring, shared by text count
            result.timings[stage] = result.timings.get(stage, 0.0) + seconds * (size + 1) / total
        results.append(result)
    return results


def _no_scores() -> pd.DataFrame:
    return pd.DataFrame(columns=list(SCORE_COLUMNS))


def process_page(page: Page, scorer, policy: Policy, formats: tuple[str, ...] = FORMATS) -> ArticleResult:
    """Score, moderate and report on one split page. `scorer.score(texts)` returns the score frame;
    `formats` are the report files rendered ("html", "md", "json")."""
    clock = _Clock()
    texts = [c.text for c in page.comments]
    records = score_records(scorer.score(texts) if texts else _no_scores())
    # the report shows only the article body's sentiment: the other models would cost as much again
    body_scores = scorer.score_sentiment([page.article_body or ""]).iloc[0].to_dict()
    clock.lap("score")
    result = report_scored_page(page, records, body_scores, policy, formats)
    result.timings["score"] = clock.laps["score"]
    return result


def report_scored_page(page: Page, records: list[dict], body_scores: dict, policy: Policy,
                       formats: tuple[str, ...] = FORMATS) -> ArticleResult:
    """Moderate and report on one split page, given its comments' score rows and its body's sentiment."""
    clock = _Clock()
    texts = [c.text for c in page.comments]
    decisions = moderate_frame(records, texts, policy)
    rows = queue_rows(page, records, decisions)
    clock.lap("moderate")
    report = build_article_report(page, body_scores, rows, decisions, policy)
    files = render_article(report, formats)
    clock.lap("report")
    return ArticleResult(article_id=page.id, summary=_summary_row(report), rows=rows, files=files,
                         timings=clock.laps)


def run_report(inputs: Iterable[str] | str | Path, out_dir: str | Path, policy: Policy | str | Path | None = None, *,
               all_comments: bool = False,
               progress: bool = True, scorer=None, max_bytes: int | None = None,
               on_failure: Callable[[InputError], None] | None = None, jobs: int | None = 1, engine: str = "local",
               scheduler: str | None = None, resume: bool = False, formats: tuple[str, ...] = FORMATS) -> RunSummary:
    """Run the main job over `inputs` and write everything under `out_dir`; see the module docstring.

    `formats`: the per-article report files written (any of "html", "md", "json"; none for only the
    queue and the index). HTML draws two charts per article, most of a run's time.

    `jobs` worker processes (`engine="local"`), or a Dask cluster (`engine="dask"`, at `scheduler` or a
    local one), do the pages; the outputs are the same whatever does them. With `resume`, a page already
    reported in `out_dir` from the same content, policy and models is read back instead of redone.
    `inputs`: files, folders or "-", or one of them; `policy`: a Policy, a policy file's path, or None for
    the default policy. `jobs`: a number of workers (at least 1), or None for all cores; `max_bytes`: the
    largest page read (at least 1), or None for the default.

    Pages keep their ids, except that a page whose id (or the file name it makes, regardless of case) an
    earlier page of the run already has is reported as `<id>_<8 hex digits of its source's sha256>`
    (see `PageNames`): no page is left out for its name.
    Raises OutputError when `out_dir` cannot be written or another run is writing into it.
    """
    started, clock = datetime.now(timezone.utc), _Clock()
    inputs = [str(i) for i in as_inputs(inputs)]
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    _check_count("jobs", jobs, "a number of worker processes (1 or more), or None for all cores")
    _check_count("max_bytes", max_bytes, "a size in bytes (1 or more), or None for the default")
    if isinstance(formats, str):
        raise TypeError(f"formats is a tuple such as ('md', 'json'), not the string {formats!r}")
    if unknown := set(formats) - set(FORMATS):
        raise ValueError(f"unknown report formats {sorted(unknown)}: choose from {', '.join(FORMATS)}")
    formats = tuple(f for f in FORMATS if f in formats)  # one order: the resume key must not depend on it
    out = Path(out_dir)
    # the shipped models are loaded by each worker itself; any other scorer travels with the job
    shipped = scorer is None or (default_scorer.cache_info().currsize and scorer is default_scorer())
    scorer_factory = default_scorer if shipped else fixed_scorer(scorer)
    versions = model_versions()

    def key_of(doc: Document) -> str:
        return resume_records.page_key(doc, policy_sha256=policy.sha256, models=versions, version=__version__,
                                       all_comments=all_comments, formats=formats)

    names = PageNames()

    def prepare(item):
        """A page with an id of its own in this run; with --resume, the record of the page reported before
        from the same content, policy and models, when its files are still those that run wrote."""
        if not isinstance(item, Document):
            return item
        item = names.claim(item)
        return (resume and resume_records.load(out, key_of(item), formats)) or item

    clock.lap("load")
    skipped: Counter[str] = Counter()  # files in folders not read, by kind
    listed_skips: list[str] = []  # the first of them, by name

    broken_links: list[str] = []
    duplicates: list[dict] = []  # files given twice (or through a link): read once, the first time

    def note_skip(path: Path) -> None:
        kind = skip_kind(path)
        skipped[kind] += 1
        if len(listed_skips) < MAX_LISTED_SKIPS:
            listed_skips.append(str(path))
        if kind == "broken link" and len(broken_links) < MAX_LISTED_SKIPS:
            broken_links.append(str(path))

    def note_duplicate(path: str, first: str) -> None:
        duplicates.append({"source": path, "same_as": first})

    job = Job(page_fn=partial(process_document, formats=formats), scorer_factory=scorer_factory,
              policy=policy, batch_fn=partial(process_documents, formats=formats))
    with _output_lock(out):
        remove_stale_temporaries(out)
        run, spill = _process_pages(job, out, inputs, prepare=prepare, on_skip=note_skip,
                                    on_duplicate=note_duplicate, key_of=key_of,
                                    all_comments=all_comments, on_failure=on_failure, formats=formats,
                                    progress=progress, max_bytes=max_bytes, engine=engine, jobs=jobs,
                                    scheduler=scheduler)
        clock.lap("pages")
        try:
            with _output_failures(run, out / "queue.csv"):
                run.summary.queued = write_queue(spill, out, run.author_counts)
        finally:
            spill.unlink(missing_ok=True)
        summary = run.summary
        summary.skipped = skipped
        summary.broken_links, summary.duplicates = broken_links, duplicates
        summary.renamed = len(names.renamed)
        for name, text in render_index(_run_index(summary, run.articles, policy, formats)).items():
            with _output_failures(run, out / name):
                write_text(out / name, text)
        clock.lap("finish")
        record = {
            "started": started.isoformat(timespec="seconds"),
            "elapsed_seconds": round(sum(clock.laps.values()), 3),
            "timings_seconds": {k: round(v, 3) for k, v in {**clock.laps, **run.timings}.items()},
            "inputs": inputs,
            "pages": summary.pages,
            "resumed_pages": run.resumed,
            "comments": summary.comments,
            "flagged": summary.flagged,
            "queued": summary.queued,
            "all_comments": all_comments,
            "formats": list(formats),
            "failed": len(summary.failures),
            "failures": [{"source": f.source, "reason": f.reason} for f in summary.failures],
            "skipped_files": dict(sorted(summary.skipped.items())),  # in folders: hidden, not a page type, a report
            "skipped_paths": listed_skips,
            "duplicate_inputs": len(duplicates),  # the same file met again (given twice, or a link): read once
            "duplicates": duplicates[:MAX_LISTED_SKIPS],
            "renamed_pages": summary.renamed,  # reported under a new id: an earlier page had theirs
            "renamed": names.renamed[:MAX_LISTED_SKIPS],
            "policy": {"source": policy.source, "sha256": policy.sha256},
            "models": versions,
            "version": __version__,
            "engine": {"engine": engine, "jobs": jobs, "scheduler": scheduler},
        }
        with _output_failures(run, out / "run.json"):
            write_text(out / "run.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        with _output_failures(run, out / resume_records.RESUME_DIR):
            resume_records.prune(out, keep=run.keys)  # the run is complete: other pages' records are stale
    return summary


def _check_count(name: str, value, meaning: str) -> None:
    """A count given to the API (`jobs`, `max_bytes`): None, or a whole number of at least 1."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValueError(f"{name} must be {meaning}; got {value!r}")


def _process_pages(job: Job, out: Path, inputs: list[str], *, prepare, on_skip, on_duplicate, key_of, all_comments,
                   on_failure, formats, progress, max_bytes, engine, jobs, scheduler) -> tuple[RunCollector, Path]:
    """Every page through the engine: its report files and resume record written, its queue rows spilled
    to a temporary file (returned; the caller removes it)."""
    spill = None
    try:
        # the engine starts before any output: a run that cannot start (no scheduler there) leaves nothing
        with start_engine(job, engine=engine, jobs=jobs, scheduler=scheduler) as runner:
            try:
                make_folder(out / "articles")
                make_folder(out / resume_records.RESUME_DIR)
                fd, name = new_temporary(out / SPILL_NAME)  # a name of this run's own
            except OSError as e:
                raise _output_error(out, e) from None
            spill = Path(name)
            with os.fdopen(fd, "w", encoding="utf-8") as spill_file:
                run = RunCollector(out, spill_file, all_comments=all_comments, on_failure=on_failure,
                                   key_of=key_of, formats=formats)
                documents = read_inputs(inputs, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
                                        exclude=[*own_outputs(out), spill], on_skip=on_skip,
                                        on_duplicate=on_duplicate)
                # on Ctrl-C or an error, the engine's exit stops the workers at once
                for item, outcome in tqdm(runner.run(map(prepare, documents)), unit=" pages",
                                          file=sys.stderr, delay=1.0, disable=not progress or not sys.stderr.isatty()):
                    if isinstance(outcome, InputError):  # unreadable, or failed (or died) in its worker
                        run.fail(outcome)
                    elif isinstance(outcome, resume_records.PageRecord):
                        run.add_record(outcome)
                    else:
                        run.add(outcome, item)
    except BaseException:
        if spill is not None:
            spill.unlink(missing_ok=True)
        raise
    return run, spill


def remove_stale_temporaries(out: Path) -> list[Path]:
    """Remove (and return) the temporary files a killed run left in its output folder (SIGKILL or a power
    cut give no chance to clean up): those of our atomic writes (".NAME.<hex>.tmp", see `new_temporary`)
    of the run's own files, the queue's spill and the queue sort's runs. Only while holding the folder's
    lock: no other run of ours is writing there."""
    ours = {*REPORT_OUTPUTS, SPILL_NAME}

    def stale(path: Path, anywhere: bool) -> bool:
        target = temporary_of(path.name)
        return path.is_file() and ((target is not None and (anywhere or target in ours))
                                   or (path.name.startswith(RUN_PREFIX) and path.name.endswith(RUN_SUFFIX)))

    found = [p for p in _listing(out) if stale(p, anywhere=False)]
    for folder in (out / "articles", out / resume_records.RESUME_DIR, *_listing(out / resume_records.RESUME_DIR)):
        found += [p for p in _listing(folder) if stale(p, anywhere=True)]
    for path in found:
        with contextlib.suppress(OSError):
            path.unlink()
    return found


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir()) if folder.is_dir() and not folder.is_symlink() else []
    except OSError:
        return []


@contextlib.contextmanager
def _output_lock(out: Path) -> Iterator[None]:
    """The output folder's lock for the run (OutputError when another run holds it, or `out` cannot be
    made): two runs into one folder would overwrite each other's files."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(folder_lock(out))
        except FolderInUse:
            raise OutputError(f"{out}: another run is writing into this folder (it holds {out / LOCK_NAME}): "
                              "wait for it to finish, or use another --out") from None
        except OSError as e:
            raise _output_error(out, e) from None
        yield


def _output_error(out: Path, e: OSError) -> OutputError:
    reason = e.strerror or str(e)
    if e.filename and str(e.filename) not in reason:
        reason = f"{reason}: {e.filename}"
    return OutputError(f"{out}: cannot write: {reason}")


@contextlib.contextmanager
def _output_failures(run: RunCollector, path: Path) -> Iterator[None]:
    """A run-wide file that cannot be written (a folder in its place, a spreadsheet holding it open, a full
    disk) fails the run in one line naming it, and the other files are still written."""
    try:
        yield
    except OSError as e:
        # (os.replace of the temporary file names the file it could not become second)
        run.fail(InputError(str(e.filename2 or path), f"cannot write: {e.strerror or e}"))


def own_outputs(out: Path) -> list[Path]:
    """What a run writes into `out`: not to be read as pages when `out` is, or is inside, an input folder."""
    return [out, *(out / name for name in REPORT_OUTPUTS)]


class RunCollector:
    """What a run keeps as its pages finish: each page's report files are written at once, its queue
    rows spilled to `spill_file`; the index rows and per-author counts stay for the end of the run.
    Feed it results in input order (any engine) and the outputs do not depend on how they were made."""

    def __init__(self, out: Path, spill_file, *, all_comments: bool = False,
                 on_failure: Callable[[InputError], None] | None = None,
                 key_of: Callable[[Document], str] | None = None, formats: tuple[str, ...] = FORMATS) -> None:
        self.out, self.spill_file, self.all_comments, self.on_failure = out, spill_file, all_comments, on_failure
        self.formats = formats  # the report files each page has
        self.key_of = key_of  # a page's resume key; None: no resume records are written
        self.resumed = 0  # pages read back from their resume records
        self.keys: set[str] = set()  # the resume records of this run's pages
        self.summary = RunSummary(out_dir=out)
        self.articles: list[dict] = []  # index rows, in input order
        self.author_counts: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])  # [comments, flagged]
        self.timings: dict[str, float] = defaultdict(float)

    def fail(self, error: InputError) -> None:
        self.summary.failures.append(error)
        if self.on_failure:
            self.on_failure(error)

    def add(self, result: ArticleResult, doc: Document | str) -> None:
        """A page just processed (`doc` is the page read, or only its source); its files are written."""
        source = doc if isinstance(doc, str) else doc.source
        stem = file_stem(result.article_id)  # unique in the run: see `PageNames`
        try:
            write_article(self.out, stem, result)
        except OSError as e:  # this page's files only (a full disk stops the run at the queue anyway)
            # The page was scored and moderated: its rows still go to the queue, its index row links no
            # report, and it gets no resume record, so --resume writes its reports again.
            self.fail(InputError(source, f"cannot write its reports: {e.strerror or e} (its comments are in the queue)"))
            self._count(_record("", source, stem, result, self.all_comments), reported=False)
            return
        key = self.key_of(doc) if self.key_of and not isinstance(doc, str) else ""
        record = _record(key, source, stem, result, self.all_comments)
        if key:
            try:
                resume_records.save(self.out, record)  # after the files: a record means the page is done
                self.keys.add(key)
            except OSError as e:  # only --resume misses it: it redoes the page
                self.fail(InputError(source, f"cannot write its resume record: {e.strerror or e} "
                                             "(its reports and queue rows are written)"))
        self._count(record)
        for stage, seconds in result.timings.items():
            self.timings[stage] += seconds

    def add_record(self, record: resume_records.PageRecord) -> None:
        """A page done by an earlier run, read back from its resume record (its files are there)."""
        self.resumed += 1
        self.keys.add(record.key)
        self._count(record)

    def _count(self, record: resume_records.PageRecord, reported: bool = True) -> None:
        link = report_link(record.stem, self.formats) if reported else None
        self.articles.append({**record.summary, "report": link})
        for author, comments, flagged in record.authors:
            counts = self.author_counts[author]
            counts[0] += comments
            counts[1] += flagged
        append_rows(self.spill_file, record.rows)
        self.summary.pages += 1
        self.summary.comments += record.comments
        self.summary.flagged += record.flagged


def _record(key: str, source: str, stem: str, result: ArticleResult,
            all_comments: bool) -> resume_records.PageRecord:
    """What a page adds to the run-wide files, in the form kept on disk for a resumed run."""
    authors: dict[str | None, list[int]] = {}
    for row in result.rows:
        counts = authors.setdefault(row["author"], [0, 0])
        counts[0] += 1
        counts[1] += row["action"] != "approve"
    return resume_records.PageRecord(
        key=key, source=source, article_id=result.article_id, stem=stem, summary=result.summary,
        rows=[r for r in result.rows if all_comments or r["action"] != "approve"], comments=len(result.rows),
        flagged=sum(r["action"] != "approve" for r in result.rows),
        authors=[(author, *counts) for author, counts in authors.items()],
        # (as `write_text` writes them: UTF-8, newlines untouched)
        files={suffix: resume_records.file_hash(text.encode("utf-8")) for suffix, text in result.files.items()})


class PageNames:
    """Gives each page of a run an id whose report files no other page's have, in input order (in the
    main process, so whatever engine does the pages). A page whose id an earlier page has, or whose id
    makes the same file name regardless of case (`a/b` and `a_b`, `Index` and `index`), is renamed
    `<id>_<8 hex digits of the sha256 of its source>`: two sites' `index.txt`, or a JSON Lines file that
    repeats an id, all get reported, under the same ids in every run over the same inputs. (One file given
    twice is read once: see `read_inputs`.)"""

    def __init__(self) -> None:
        self.taken: set[str] = set()  # casefolded file stems
        self.renamed: list[dict] = []  # {"source", "id", "reported_as"}

    def claim(self, doc: Document) -> Document:
        page_id, attempt = doc.id, 0
        while file_stem(page_id).casefold() in self.taken:
            attempt += 1  # (a second attempt only if an id already ends in that hash: one file given twice)
            salt = _place(doc.source) if attempt == 1 else f"{_place(doc.source)}\x1f{attempt}"
            page_id = f"{doc.id}_{hashlib.sha256(salt.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        self.taken.add(file_stem(page_id).casefold())
        if page_id == doc.id:
            return doc
        self.renamed.append({"source": doc.source, "id": doc.id, "reported_as": page_id})
        return dataclasses.replace(doc, id=page_id)


def _place(source: str) -> str:
    """A page's source as one place however its path was typed (relative, absolute, through a link), so
    that a renamed page keeps its name from one run to the next: "dir/a.txt", or "dir/p.jsonl:3"."""
    path, colon, line = source.rpartition(":")
    if colon and line.isdigit() and os.path.isfile(path):
        return f"{os.path.realpath(path)}:{line}"
    return os.path.realpath(source) if os.path.isfile(source) else source


def write_article(out: Path, stem: str, result: ArticleResult) -> None:
    for suffix, text in result.files.items():
        write_text(out / "articles" / f"{stem}.{suffix}", text)


def _summary_row(report: dict) -> dict:
    shares, sentiment = report["shares"], report["sentiment"]
    return {
        "id": report["id"],
        "title": report["title"],
        "date": report["date"],
        "source": report["source"],
        "comments": report["comment_count"],
        "flagged": report["flagged_count"],
        "review": report["actions"]["review"],
        "reject": report["actions"]["reject"],
        "urgent": report["urgent_count"],
        "toxicity_share": shares.get("toxicity", {}).get("share"),
        "conspiracy_share": shares.get("conspiracy", {}).get("share"),
        "sentiment_article": sentiment["article"]["score"],
        "sentiment_comments": sentiment["comments"]["mean"],
        "sentiment_gap": sentiment["gap"],
        "trend": report["thread"]["trend"],
    }


def _run_index(run: RunSummary, articles: list[dict], policy: Policy, formats: tuple[str, ...] = FORMATS) -> dict:
    """summary.json: deterministic (no times), so two runs over the same pages compare equal."""
    review = sum(a["review"] for a in articles)
    reject = sum(a["reject"] for a in articles)
    urgent = sum(a["urgent"] for a in articles)
    return {
        "totals": {"pages": run.pages, "comments": run.comments, "flagged": run.flagged, "review": review,
                   "reject": reject, "urgent": urgent, "approve": run.comments - run.flagged,
                   "flag_rate": round(run.flagged / run.comments, 4) if run.comments else None,
                   "queued": run.queued, "failed": len(run.failures)},
        "policy": {"source": policy.source, "sha256": policy.sha256},
        "formats": list(formats),  # the article report files there are
        "failures": [{"source": f.source, "reason": f.reason} for f in run.failures],
        "articles": articles,
    }


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now
