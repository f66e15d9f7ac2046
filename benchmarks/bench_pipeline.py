"""Throughput of the whole pipeline, side by side with its peers, in one run.

    python benchmarks/bench_pipeline.py [--comments 10000] [--per-page 20] [--jobs 2]
                                        [--report reports/benchmarks.md]
    python benchmarks/bench_pipeline.py --million [--comments 1000000] [--per-page 200] [--jobs 2]

Comments are real news reader comments from ../shared/data (Globe and Mail UCC, Kaggle insults, Civil
Comments toxic spans), deduplicated, wrapped into generated pages (a WordPress-style layout the splitter
knows, `--per-page` comments each); fully generated comments when ../shared is absent. Times:

- our full pipeline as the issue defines it (ingest, split, all scores, moderation, the sorted queue), one
  core, composed from the library's stages;
- `comments report` (`run_report`: that plus the per-article reports, index and run record) on one core
  (`--jobs 1`) and on `--jobs N` worker processes (the scaling);
- scoring alone (`comments.score` on the same comments, and each model in it);
- vaderSentiment alone and alt-profanity-check alone (`profanity_check.predict_prob`) on them;
- model loading (a fresh interpreter: import and load every shipped model);
- `comments score` on one short text (wall time of the command in a fresh process).

Single-process timings are CPU time of this process (a shared machine's other load does not count
against them) and wall time; the `--jobs` runs are wall time (with the machine's load average noted).
A cProfile of the single-core pipeline shows where the time goes. Results go to the terminal and to
`--report` (written atomically).

`--million` instead runs `comments report` as a command on a synthetic corpus (default 1,000,000
comments), and records its wall time, the peak RSS of its largest process and of the whole process tree
(sampled from /proc), and whether every page is accounted for in run.json.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from comments.atomic import write_text  # noqa: E402
from comments.engine import default_jobs  # noqa: E402
from training.datasets import DATA  # noqa: E402

COMMENTS_CLI = Path(sys.executable).with_name("comments")


# --- the corpus -----------------------------------------------------------------------------------

def shared_comments() -> list[str]:
    """Distinct real news comments from ../shared/data, one line each (the page layout is line-based)."""
    import pandas as pd

    from training.datasets import kaggle_insults, toxic_spans_semeval, ucc_val

    texts = pd.concat([ucc_val()["text"], kaggle_insults("train")["text"], toxic_spans_semeval("train")["text"]])
    seen, out = set(), []
    for text in texts:
        text = " ".join(str(text).split())
        if 2 <= len(text) <= 2000 and text not in seen:
            seen.add(text)
            out.append(text)
    random.Random(5).shuffle(out)
    return out


WORDS = ("the a of to and in is it that for on with as was this you they be are have at not but so very "
         "no never really just people government city council vote plan great good bad awful idiot love "
         "hate wrong right thanks stupid agree disagree money tax school police road bike").split()


def generated_comments(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 50))).capitalize() + rng.choice(".!?")
            for _ in range(n)]


def comment_pool(n: int) -> tuple[list[str], str]:
    if DATA.is_dir():
        return shared_comments(), "news reader comments from ../shared/data (UCC, Kaggle insults, Civil Comments)"
    return generated_comments(max(n, 1)), "generated comments (../shared/data absent)"


def comments_for(n: int, pool: list[str]) -> Iterator[str]:
    """n comments: the pool in order, then again with a numbered tail so no two texts are equal."""
    for i in range(n):
        yield pool[i] if i < len(pool) else f"{pool[i % len(pool)]} ({i // len(pool)})"


AUTHORS = [f"{first} {last}" for first in ("Ann", "Bob", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo")
           for last in ("Kay", "Lee", "Moss", "Ng", "Ortiz", "Park", "Quinn", "Ruiz", "Sato", "Tran")]
BODY = ("The city council voted on Tuesday to approve the plan after a long public debate. Supporters "
        "said it would cut traffic and save money; critics said the costs were understated and the "
        "consultation was rushed. Work is due to start in the spring and should take about a year.")


def page_text(number: int, comments: list[str]) -> str:
    """A WordPress-style page: title, body, "N thoughts on", then "author says:", time, text, Reply."""
    title = f"Council approves plan number {number}"
    lines = [title, "", BODY, "", f"{len(comments)} thoughts on “{title}”"]
    for i, text in enumerate(comments):
        lines += [f"{AUTHORS[(number * 7 + i) % len(AUTHORS)]} says:",
                  f"12 February 2024 at {10 + i % 12}:{i % 60:02d}", text, "Reply"]
    return "\n".join(lines) + "\n"


def write_pages(path: Path, texts, per_page: int) -> int:
    """Pages of `per_page` comments as JSON Lines, streamed; returns the number of pages."""
    pages = 0
    with open(path, "w", encoding="utf-8") as f:
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) == per_page:
                f.write(json.dumps({"id": f"page-{pages:07d}", "text": page_text(pages, batch)}) + "\n")
                pages, batch = pages + 1, []
        if batch:
            f.write(json.dumps({"id": f"page-{pages:07d}", "text": page_text(pages, batch)}) + "\n")
            pages += 1
    return pages


# --- timing ---------------------------------------------------------------------------------------

@dataclass
class Timing:
    name: str
    items: int
    cpu: float
    wall: float
    note: str = ""
    all_cpu: float = 0.0  # CPU of this process and of its (finished) worker processes

    @property
    def rate(self) -> float:  # comments per CPU second (single process) or per wall second (pools)
        return self.items / (self.cpu or self.wall)


@dataclass
class Results:
    timings: dict[str, Timing] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)  # what was profiled -> cProfile summary

    @contextmanager
    def measure(self, name: str, items: int, cpu: bool = True, note: str = ""):
        """Time the block; a failure is recorded (and printed) instead of ending the benchmark."""
        start_cpu, start_wall, start_all = time.process_time(), time.perf_counter(), _all_cpu()
        try:
            yield
        except Exception as e:
            self.failures[name] = f"{type(e).__name__}: {e}"
            print(f"  {name}: FAILED: {self.failures[name]}", flush=True)
            return
        wall = time.perf_counter() - start_wall
        self.timings[name] = Timing(name, items, time.process_time() - start_cpu if cpu else 0.0, wall, note,
                                    all_cpu=_all_cpu() - start_all)
        t = self.timings[name]
        print(f"  {name}: {items:,} in {t.cpu:.2f} s CPU / {t.wall:.2f} s wall = {t.rate:,.0f}/s", flush=True)


def _all_cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def fresh_process_seconds(code: str, repeat: int = 3) -> list[float]:
    """What `code` prints (a number of seconds), in fresh interpreters, `repeat` times."""
    return [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                                 cwd=REPO).stdout.strip().splitlines()[-1]) for _ in range(repeat)]


def cli_wall_seconds(args: list[str], repeat: int = 3, stdin: bytes | None = None) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, input=stdin)
        times.append(time.perf_counter() - start)
    return times


# --- the benchmark --------------------------------------------------------------------------------

def run_benchmark(args) -> Results:
    from comments.pipeline import run_report
    from comments.policy import load_policy

    res = Results()
    pool, source = comment_pool(args.comments)
    texts = list(comments_for(args.comments, pool))
    res.notes.append(f"{len(texts):,} comments: {source}; {len(set(texts)):,} distinct")
    work = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    try:
        pages_file = work / "pages.jsonl"
        pages = write_pages(pages_file, texts, args.per_page)
        res.notes.append(f"{pages:,} generated pages of {args.per_page} comments (JSON Lines)")

        print("model loading (fresh interpreter: import, load every shipped model, score one text) ...", flush=True)
        try:
            loads = fresh_process_seconds("import time; t = time.perf_counter(); import comments.scoring as s; "
                                          "s.default_scorer(); s.score(['ready']); print(time.perf_counter() - t)")
            res.timings["model loading"] = Timing("model loading", 1, 0.0, min(loads),
                                                  note=f"runs: {', '.join(f'{x:.3f}' for x in loads)} s")
            print(f"  {min(loads):.3f} s (best of {len(loads)})", flush=True)
        except subprocess.CalledProcessError as e:
            res.failures["model loading"] = e.stderr.strip().splitlines()[-1]

        print("`comments score` on one short text (fresh process, wall) ...", flush=True)
        one = work / "one.csv"
        one.write_text('text\n"What a great idea, thank you!"\n', encoding="utf-8")
        try:
            walls = cli_wall_seconds([str(COMMENTS_CLI), "score", "--input", str(one), "--out", str(work / "o.csv")])
            res.timings["comments score, one text"] = Timing("comments score, one text", 1, 0.0, min(walls),
                                                             note=f"runs: {', '.join(f'{x:.3f}' for x in walls)} s")
            print(f"  {min(walls):.3f} s (best of {len(walls)})", flush=True)
        except subprocess.CalledProcessError as e:
            res.failures["comments score, one text"] = e.stderr.decode(errors="replace").strip()[-300:]

        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        print("peers and scoring on the same comments (one core) ...", flush=True)
        analyzer = SentimentIntensityAnalyzer()
        with res.measure("vaderSentiment alone", len(texts)):
            for text in texts:
                analyzer.polarity_scores(text)
        from profanity_check import predict_prob
        predict_prob(["warm up"])
        with res.measure("alt-profanity-check alone", len(texts)):
            predict_prob(texts)

        import comments.scoring as scoring
        try:
            scorer = scoring.default_scorer()  # loaded before timing: loading is measured above
            scoring.score(["warm up"])  # and what a model loads on its first call
        except Exception as e:
            scorer = None
            res.failures["scoring alone"] = f"cannot load the models: {type(e).__name__}: {e}"
        if scorer is not None:
            cold_caches(scorer)
            with res.measure("scoring alone (comments.score)", len(texts)):
                scoring.score(texts)
            for model in scorer.models:
                name = f"  model {type(model).__module__.rsplit('.', 1)[-1]}.{type(model).__name__}"
                cold_caches(scorer)
                with res.measure(name, len(texts)):
                    model.score(texts)

        policy = load_policy()
        if scorer is not None:
            print("full pipeline: split + all scores + moderation + queue (one core) ...", flush=True)
            cold_caches(scorer)
            with res.measure("full pipeline (split, scores, moderation, queue)", len(texts)):
                queued = queue_pipeline(pages_file, work / "queue-only", scorer, policy)
            res.notes.append(f"full pipeline: {queued:,} rows in the sorted queue")

        print("`comments report` (the pipeline plus per-article reports and index) ...", flush=True)
        for jobs in sorted({1, args.jobs}):
            out, name = work / f"out-{jobs}", f"comments report, --jobs {jobs}"
            if scorer is not None:
                cold_caches(scorer)  # as the fresh worker processes of --jobs N
            with res.measure(name, len(texts), cpu=jobs == 1, note=f"load average {os.getloadavg()[0]:.2f} at start"):
                run = run_report([str(pages_file)], out, policy, progress=False, jobs=jobs)
                if run.comments != len(texts) or run.failures:
                    raise RuntimeError(f"{run.line()}: expected {len(texts)} comments, no failure")
            if jobs == 1 and name in res.timings:
                stages = json.loads((out / "run.json").read_text("utf-8"))["timings_seconds"]
                res.notes.append("`comments report --jobs 1` stage seconds (run.json): "
                                 + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
                if (work / "queue-only" / "queue.csv").exists():
                    same = all((work / "queue-only" / file).read_bytes() == (out / file).read_bytes()
                               for file in ("queue.csv", "queue.jsonl"))
                    res.notes.append(f"the full pipeline's queue is {'byte-identical to' if same else 'DIFFERENT from'}"
                                     " the queue of `comments report`")
            if jobs != 1 and {"comments report, --jobs 1", name} <= set(res.timings):
                same = all((work / "out-1" / file).read_bytes() == (out / file).read_bytes()
                           for file in ("queue.csv", "queue.jsonl", "summary.json", "index.html"))
                res.notes.append(f"--jobs {jobs} outputs (queue, summary, index) "
                                 f"{'byte-identical to' if same else 'DIFFER from'} --jobs 1")

        no_charts = "comments report, --jobs 1, --formats md,json"
        if scorer is not None:
            cold_caches(scorer)
        with res.measure(no_charts, len(texts), note="no HTML reports, so no charts"):
            run_report([str(pages_file)], work / "out-no-charts", policy, progress=False, jobs=1, formats=("md", "json"))
        if (work / "out-1" / "queue.csv").exists():
            same = all((work / "out-1" / name).read_bytes() == (work / "out-no-charts" / name).read_bytes()
                       for name in ("queue.csv", "queue.jsonl"))
            res.notes.append(f"`--formats md,json` queue {'byte-identical to' if same else 'DIFFERENT from'} "
                             "the default run's")

        subset = work / "profile.jsonl"
        quarter = texts[:max(args.per_page, len(texts) // 4)]
        write_pages(subset, quarter, args.per_page)
        if "full pipeline (split, scores, moderation, queue)" in res.timings:
            print("profile of the full pipeline ...", flush=True)
            profiler = cProfile.Profile()
            profiler.runcall(queue_pipeline, subset, work / "queue-profile", scorer, policy)
            res.profiles[f"the full pipeline (split, scores, moderation, queue), {len(quarter):,} comments"] = \
                profile_summary(profiler)
        if "comments report, --jobs 1" in res.timings:
            print("profile of `comments report --jobs 1` ...", flush=True)
            profiler = cProfile.Profile()
            profiler.runcall(run_report, [str(subset)], work / "out-profile", policy, progress=False, jobs=1)
            res.profiles[f"`comments report --jobs 1`, {len(quarter):,} comments"] = profile_summary(profiler)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return res


def queue_pipeline(pages_file: Path, out: Path, scorer, policy, batch: int | None = None) -> int:
    """The issue's "full pipeline" (no per-article reports), composed from the library's stages as
    `comments report` runs them: ingest; split; one scoring call per batch of `batch` pages (by default the
    engine's, BATCH_PAGES; their comments: the queue needs nothing from the article bodies); moderation and
    queue rows per page; the queue spilled, then sorted and written (queue.csv, queue.jsonl)."""
    from collections import defaultdict
    from itertools import islice

    from comments.engine import BATCH_PAGES
    from comments.export import append_rows, queue_rows, write_queue
    from comments.ingest import read_inputs
    from comments.moderate import moderate_frame, score_records
    from comments.split import split_document

    batch = batch or BATCH_PAGES
    out.mkdir(parents=True)
    author_counts: dict = defaultdict(lambda: [0, 0])
    spill = out / ".spill.jsonl"
    documents = read_inputs([str(pages_file)])
    with open(spill, "w", encoding="utf-8") as f:
        while docs := list(islice(documents, batch)):
            pages = [split_document(doc) for doc in docs]
            records = score_records(scorer.score([c.text for page in pages for c in page.comments]))
            start = 0
            for page in pages:
                texts = [c.text for c in page.comments]
                scores = records[start:start + len(texts)]
                start += len(texts)
                rows = queue_rows(page, scores, moderate_frame(scores, texts, policy))
                for row in rows:
                    author_counts[row["author"]][0] += 1
                    author_counts[row["author"]][1] += row["action"] != "approve"
                append_rows(f, (row for row in rows if row["action"] != "approve"))
    queued = write_queue(spill, out, author_counts)
    spill.unlink()
    return queued


AREAS = (("matplotlib/", "charts (matplotlib)"), ("comments/report/", "report rendering (comments/report)"),
         ("jinja2/", "report rendering (jinja2)"), ("comments/scoring/", "scoring (comments/scoring)"),
         ("sklearn/", "scoring (scikit-learn)"), ("scipy/", "scoring (scipy)"), ("profanity_check", "scoring (profanity_check)"),
         ("comments/split", "split"), ("comments/moderate", "moderation"), ("comments/policy", "moderation"),
         ("comments/export", "queue"), ("comments/extsort", "queue"), ("pandas/", "pandas"),
         ("numpy/", "numpy"), ("fsync", "file writes (fsync)"), ("comments/", "other comments code"))


def profile_summary(profiler: cProfile.Profile, top: int = 25) -> str:
    """Own time summed by area of the code, then the top functions."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    by_area: dict[str, float] = {}
    for (path, _, function), (_, _, own, _, _) in stats.stats.items():
        where = f"{path}:{function}"
        area = next((name for marker, name in AREAS if marker in where), "other (Python, C built-ins)")
        by_area[area] = by_area.get(area, 0.0) + own
    total = sum(by_area.values())
    lines = [f"{share:6.1%}  {seconds:7.2f} s  {area}" for area, seconds in
             sorted(by_area.items(), key=lambda kv: -kv[1]) for share in [seconds / total]]
    stats.sort_stats("tottime").print_stats(top)
    text = out.getvalue()
    text = text[text.index("   ncalls"):] if "   ncalls" in text else text
    text = text.replace(str(REPO) + "/", "").replace(str(Path(sys.prefix)) + "/lib/python3.11/site-packages/", "")
    return "Own time by area:\n" + "\n".join(lines) + "\n\nTop functions by own time:\n" + text


def cold_caches(scorer) -> None:
    """Forget what scoring these same comments before left behind (VADER's text and token caches, the
    toxicity model's guesses for unseen words), so that every timed run starts as a fresh process would."""
    from comments import text
    from comments.scoring import vader

    vader.clear_caches()
    text._may_be_disguised.cache_clear()  # fold's quick test, remembered for the last texts
    for model in scorer.models:
        word_toxicity = getattr(getattr(model, "model", None), "word_toxicity", None)
        if word_toxicity is not None:
            word_toxicity.forget_guesses()


# --- a million comments ----------------------------------------------------------------------------

def tree_memory_kb(root: int) -> tuple[int, int]:
    """(RSS, PSS) of `root` and all its descendants, from /proc (Linux), in kB. RSS counts the pages
    forked workers share with their parent once per process; PSS splits them, so its sum is the real use."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    children.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def _commit() -> str:
    """The git commit measured (with "+changes" when the code differs from it: reports/, which the benchmarks
    write, does not count), or "" outside a clone."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!reports"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return commit + ("+changes" if dirty else "")


def run_million(args) -> dict:
    pool, source = comment_pool(args.comments)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-million-"))
    work.mkdir(parents=True, exist_ok=True)
    pages_file, out = work / "pages.jsonl", work / "out"
    print(f"writing {args.comments:,} comments in pages of {args.per_page} ...", flush=True)
    pages = write_pages(pages_file, comments_for(args.comments, pool), args.per_page)
    command = [str(COMMENTS_CLI), "report", str(pages_file), "--out", str(out), "--quiet", "--jobs", str(args.jobs)]
    print(" ".join(command), flush=True)
    peak_tree, stop = [0, 0], threading.Event()  # RSS, PSS

    start = time.perf_counter()
    process = subprocess.Popen(command)

    samples: list[tuple[float, int]] = []  # (seconds, tree PSS in MB): flat, or growing with the input?

    def sample() -> None:
        while not stop.is_set():
            rss, pss = tree_memory_kb(process.pid)
            peak_tree[:] = max(peak_tree[0], rss), max(peak_tree[1], pss)
            samples.append((round(time.perf_counter() - start), round(pss / 1024)))
            stop.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    largest_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    record = json.loads((out / "run.json").read_text("utf-8")) if (out / "run.json").exists() else {}
    queue_lines = sum(1 for _ in open(out / "queue.jsonl", encoding="utf-8")) if (out / "queue.jsonl").exists() else None
    result = {
        "comments": args.comments, "pages": pages, "per_page": args.per_page, "jobs": args.jobs,
        "commit": _commit(), "source": source, "exit_code": code, "wall_seconds": round(wall, 1),
        "comments_per_second": round(args.comments / wall),
        "peak_rss_largest_process_mb": round(largest_kb / 1024),
        "peak_rss_process_tree_mb": round(peak_tree[0] / 1024),
        "peak_pss_process_tree_mb": round(peak_tree[1] / 1024),
        "run_json_pages": record.get("pages"), "run_json_failed": record.get("failed"),
        "run_json_comments": record.get("comments"), "queue_rows": queue_lines, "queued": record.get("queued"),
        "every_page_accounted": record.get("pages", -1) + record.get("failed", -1) == pages,
        "tree_pss_mb_over_time": samples[::max(1, len(samples) // 12)],
        "timings_seconds": record.get("timings_seconds"),
        "load_average_end": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result, indent=2), flush=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


# --- the report -----------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    return (f"{os.cpu_count()} cores ({default_jobs()} usable), {cpu}, {platform.machine()}, "
            f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f} at the end")


def render(res: Results, args, million: dict | None) -> str:
    t = res.timings
    lines = ["# Benchmarks: the pipeline and its peers", "",
             f"Command: `python benchmarks/bench_pipeline.py --comments {args.comments} --per-page {args.per_page} "
             f"--jobs {args.jobs}`. Machine: {machine()}.", ""]
    lines += [f"- {note}" for note in res.notes] + [""]
    lines += ["| what | comments | CPU s | CPU s, all processes | wall s | comments/s | note |",
              "|---|---:|---:|---:|---:|---:|---|"]
    for timing in t.values():
        rate = f"{timing.rate:,.0f}" if timing.items > 1 else "-"
        lines.append(f"| {timing.name.strip()} | {timing.items:,} | {timing.cpu:.2f} | {timing.all_cpu:.2f} "
                     f"| {timing.wall:.3f} | {rate} | {timing.note} |")
    for name, reason in res.failures.items():
        lines.append(f"| {name} | - | - | - | not measured | {reason} |")
    lines += ["", "CPU-timed rows are per CPU second of this one process; `--jobs` rows are per wall second.", "",
              "## Against the targets", ""]

    def ratio(a: str, b: str) -> str:
        return f"{t[a].rate / t[b].rate:.2f}x" if a in t and b in t else "not measured"

    vader, pipe1 = "vaderSentiment alone", "comments report, --jobs 1"
    no_charts = "comments report, --jobs 1, --formats md,json"
    pipe_n, full = f"comments report, --jobs {args.jobs}", "full pipeline (split, scores, moderation, queue)"
    rows = [
        ("full pipeline (1 core) at least as fast as vaderSentiment alone",
         f"pipeline {t[full].rate:,.0f}/s vs vaderSentiment {t[vader].rate:,.0f}/s = {ratio(full, vader)}"
         if full in t and vader in t else "not measured"),
        ("(with per-article reports: `comments report --jobs 1`)",
         f"{t[pipe1].rate:,.0f}/s = {ratio(pipe1, vader)} vaderSentiment" if pipe1 in t and vader in t
         else "not measured"),
        ("(with Markdown and JSON reports only, no charts: `--formats md,json`)",
         f"{t[no_charts].rate:,.0f}/s = {ratio(no_charts, vader)} vaderSentiment" if no_charts in t and vader in t
         else "not measured"),
        ("scoring alone >= 20,000 comments/s",
         f"{t['scoring alone (comments.score)'].rate:,.0f}/s" if "scoring alone (comments.score)" in t
         else "not measured"),
        ("scoring vs peers", f"vs vaderSentiment {ratio('scoring alone (comments.score)', vader)}, "
                             f"vs alt-profanity-check {ratio('scoring alone (comments.score)', 'alt-profanity-check alone')}"),
        ("model loading < 1 s", f"{t['model loading'].wall:.3f} s" if "model loading" in t else "not measured"),
        ("`comments score` on one short text < 1.5 s wall",
         f"{t['comments score, one text'].wall:.3f} s" if "comments score, one text" in t else "not measured"),
        (f"near-linear scaling with --jobs {args.jobs}",
         f"wall time {t[pipe1].wall:.1f} s -> {t[pipe_n].wall:.1f} s = {t[pipe1].wall / t[pipe_n].wall:.2f}x faster "
         f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: the speed-up is bounded by the idle "
         f"cores); CPU of all processes {t[pipe1].all_cpu:.1f} s -> {t[pipe_n].all_cpu:.1f} s "
         f"({t[pipe_n].all_cpu / t[pipe1].all_cpu:.2f}x: the cost of the workers)"
         if pipe_n in t and pipe1 in t and args.jobs != 1 else "not measured"),
    ]
    if million:
        rows.append(("peak RSS < 500 MB for 1M comments",
                     f"largest process {million['peak_rss_largest_process_mb']} MB; whole process tree "
                     f"{million['peak_rss_process_tree_mb']} MB RSS, {million.get('peak_pss_process_tree_mb')} MB "
                     f"PSS (shared pages counted once) ({million['comments']:,} comments, --jobs {million['jobs']})"))
    lines += ["| target | reached |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]
    if million:
        lines += ["", "## A million comments", "", "```json", json.dumps(million, indent=2), "```"]
    if res.profiles:
        lines += ["", "## Where the time goes", "",
                  "cProfile on a quarter of the comments (profiling overhead inflates the totals)."]
        for what, summary in res.profiles.items():
            lines += ["", f"### {what}", "", "```", summary.rstrip(), "```"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=None, help="comments (default 10,000; 1,000,000 with --million)")
    parser.add_argument("--per-page", type=int, default=None, help="comments per page (default 20; 200 with --million)")
    parser.add_argument("--jobs", type=int, default=min(2, default_jobs()) if default_jobs() > 1 else 2)
    parser.add_argument("--million", action="store_true", help="the synthetic 1,000,000-comment `comments report` run")
    parser.add_argument("--workdir", help="--million: where to write the pages and outputs (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="--million: keep the pages and outputs")
    parser.add_argument("--report", type=Path, default=REPO / "reports" / "benchmarks.md")
    args = parser.parse_args()
    args.comments = args.comments or (1_000_000 if args.million else 10_000)
    args.per_page = args.per_page or (200 if args.million else 20)
    if args.million:
        million = run_million(args)
        path = args.report.with_name("benchmarks-million.json")
        write_text(path, json.dumps(million, indent=2) + "\n")
        print(f"wrote {path}")
        return
    res = run_benchmark(args)
    million_file = args.report.with_name("benchmarks-million.json")
    million = json.loads(million_file.read_text("utf-8")) if million_file.exists() else None
    text = render(res, args, million)
    write_text(args.report, text)
    print(f"wrote {args.report}")


if __name__ == "__main__":
    main()
