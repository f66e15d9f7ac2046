"""The main job: pages in; per-article reports, the moderation queue and a run record out.

`process_document` is pure and per page (split -> score -> moderate -> report), and its result is a
small picklable record, so an engine (`engine.start_engine`) maps it over worker processes or a Dask
cluster, in input order. `run_report` streams: each page's report files are written as soon as the page
is done, then its resume record (see `resume`), and its queue rows are spilled to disk; only the queue
sort (an external merge sort) and the index wait for the end of the run.
"""
from __future__ import annotations

import contextlib
import json
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
from .atomic import file_stem, id_clash, write_text
from .engine import Job, fixed_scorer, start_engine
from .export import append_rows, queue_rows, write_queue
from .ingest import DEFAULT_MAX_BYTES, REPORT_OUTPUTS, as_inputs, read_inputs, skip_kind
from .modelstore import model_versions
from .moderate import moderate_frame
from .policy import Policy, load_policy
from .report import FORMATS, build_article_report, render_article, render_index, report_link
from .scoring import SCORE_COLUMNS, default_scorer
from .split import split_document
from .types import Document, InputError, Page

SPILL_NAME = ".queue.spill.jsonl"
MAX_LISTED_SKIPS = 1000  # skipped files named in run.json (a mirror may hold many images)


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
    records = comment_scores.to_dict("records")
    bodies = body_sentiment.to_dict("records") if split else []
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
    records = (scorer.score(texts) if texts else _no_scores()).to_dict("records")
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


def run_report(inputs: Iterable[str] | str | Path, out_dir: str | Path, policy: Policy | None = None, *,
               all_comments: bool = False,
               progress: bool = True, scorer=None, max_bytes: int | None = None,
               on_failure: Callable[[InputError], None] | None = None, jobs: int = 1, engine: str = "local",
               scheduler: str | None = None, resume: bool = False, formats: tuple[str, ...] = FORMATS) -> RunSummary:
    """Run the main job over `inputs` and write everything under `out_dir`; see the module docstring.

    `formats`: the per-article report files written (any of "html", "md", "json"; none for only the
    queue and the index). HTML draws two charts per article, most of a run's time.

    `jobs` worker processes (`engine="local"`), or a Dask cluster (`engine="dask"`, at `scheduler` or a
    local one), do the pages; the outputs are the same whatever does them. With `resume`, a page already
    reported in `out_dir` from the same content, policy and models is read back instead of redone.
    `inputs`: files, folders or "-", or one of them; `policy`: the default policy when None.
    """
    started, clock = datetime.now(timezone.utc), _Clock()
    inputs = [str(i) for i in as_inputs(inputs)]
    policy = load_policy() if policy is None else policy
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

    def done_before(item):
        """With --resume, the record of a page reported before from the same content, policy and models."""
        if resume and isinstance(item, Document):
            return resume_records.load(out, key_of(item), formats) or item
        return item

    clock.lap("load")
    skipped: Counter[str] = Counter()  # files in folders not read, by kind
    listed_skips: list[str] = []  # the first of them, by name

    def note_skip(path: Path) -> None:
        skipped[skip_kind(path)] += 1
        if len(listed_skips) < MAX_LISTED_SKIPS:
            listed_skips.append(str(path))

    spill = out / SPILL_NAME
    job = Job(page_fn=partial(process_document, formats=formats), scorer_factory=scorer_factory,
              policy=policy, batch_fn=partial(process_documents, formats=formats))
    try:
        # the engine starts before any output: a run that cannot start (no scheduler there) leaves nothing
        with start_engine(job, engine=engine, jobs=jobs, scheduler=scheduler) as runner:
            (out / "articles").mkdir(parents=True, exist_ok=True)
            with open(spill, "w", encoding="utf-8") as spill_file:
                run = RunCollector(out, spill_file, all_comments=all_comments, on_failure=on_failure,
                                   key_of=key_of, formats=formats)
                documents = read_inputs(inputs, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                                        exclude=own_outputs(out), on_skip=note_skip)
                # on Ctrl-C or an error, the engine's exit stops the workers at once
                for item, outcome in tqdm(runner.run(map(done_before, documents)), unit=" pages",
                                          file=sys.stderr, delay=1.0, disable=not progress or not sys.stderr.isatty()):
                    if isinstance(outcome, InputError):  # unreadable, or failed (or died) in its worker
                        run.fail(outcome)
                    elif isinstance(outcome, resume_records.PageRecord):
                        run.add_record(outcome)
                    else:
                        run.add(outcome, item)
        clock.lap("pages")
        with _output_failures(run, out / "queue.csv"):
            run.summary.queued = write_queue(spill, out, run.author_counts)
    finally:
        spill.unlink(missing_ok=True)
    summary = run.summary
    summary.skipped = skipped
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
        "policy": {"source": policy.source, "sha256": policy.sha256},
        "models": versions,
        "version": __version__,
        "engine": {"engine": engine, "jobs": jobs, "scheduler": scheduler},
    }
    with _output_failures(run, out / "run.json"):
        write_text(out / "run.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    resume_records.prune(out, keep=run.keys)  # the run is complete: other pages' records are stale
    return summary


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
        self._stems: dict[str, tuple[str, str]] = {}  # casefolded file stem -> (id, source) of the page that took it

    def fail(self, error: InputError) -> None:
        self.summary.failures.append(error)
        if self.on_failure:
            self.on_failure(error)

    def add(self, result: ArticleResult, doc: Document | str) -> None:
        """A page just processed (`doc` is the page read, or only its source); its files are written."""
        source = doc if isinstance(doc, str) else doc.source
        stem = self._claim(result.article_id, source)
        if stem is None:
            return
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
            resume_records.save(self.out, record)  # after the files: a record means the page is done
            self.keys.add(key)
        self._count(record)
        for stage, seconds in result.timings.items():
            self.timings[stage] += seconds

    def add_record(self, record: resume_records.PageRecord) -> None:
        """A page done by an earlier run, read back from its resume record (its files are there)."""
        if self._claim(record.article_id, record.source) is not None:
            self.resumed += 1
            self.keys.add(record.key)
            self._count(record)

    def _claim(self, article_id: str, source: str) -> str | None:
        """The file stem of the page's reports, or None (and a failure) when another page has it."""
        stem = file_stem(article_id)
        if stem.casefold() in self._stems:  # as `comments split` does: ids name files, so they must differ
            self.fail(InputError(source, id_clash(article_id, *self._stems[stem.casefold()]) + "; not reported"))
            return None
        self._stems[stem.casefold()] = (article_id, source)
        return stem

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
        authors=[(author, *counts) for author, counts in authors.items()])


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
    return {
        "totals": {"pages": run.pages, "comments": run.comments, "flagged": run.flagged, "review": review,
                   "reject": reject, "approve": run.comments - run.flagged,
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
