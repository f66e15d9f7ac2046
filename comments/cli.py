"""The `comments` command: a thin layer over the library API.

Exit codes: 0 every input read; 1 some inputs failed (one line each on stderr and a summary);
2 usage error (click's own); 130 Ctrl-C; 141 the reader of stdout stopped early (`| head`).
"""
from __future__ import annotations

import codecs
import contextlib
import functools
import io
import json
import os
import sys
from collections import Counter, deque
from pathlib import Path

import click

from . import __version__
from .atomic import atomic_open, file_stem, id_clash, write_text
from .ingest import DEFAULT_MAX_BYTES, read_inputs, skip_kind
from .types import InputError


# 128 + SIGPIPE: what a shell reports for `cat` or `grep` cut short by a reader that stopped (`| head`)
CLOSED_PIPE_EXIT = 141


@contextlib.contextmanager
def _closed_pipe_ends_quietly():
    """A reader that stops early (`comments split DIR | head`) ends the command as it ends `cat`: no
    traceback, no message, exit status 141. Not 0: the inputs after the break were never read, and a
    script with `set -o pipefail` sees what it sees from any other tool."""
    try:
        try:
            yield
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # output still buffered fails here, not in a traceback at interpreter exit
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):  # Python's own last flush must not fail again
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(devnull, stream.fileno())
        os.close(devnull)
        sys.exit(CLOSED_PIPE_EXIT)


class _Commands(click.Group):
    def make_context(self, *args, **kwargs) -> click.Context:
        with _closed_pipe_ends_quietly():  # `comments --help | head -1` prints while parsing
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            with _closed_pipe_ends_quietly():
                return super().invoke(ctx)
        except KeyboardInterrupt:  # exit 130, as shells expect after Ctrl-C (click says "Aborted!", exit 1)
            said = {"report": "the files written are complete; run it again with --resume to finish",
                    "score": "nothing was written"}.get(ctx.invoked_subcommand, "the files written are complete")
            # (a fresh line on a terminal, where a progress bar may be half drawn)
            click.echo(("\n" if sys.stderr.isatty() else "") + f"interrupted: {said}", err=True)
            sys.exit(130)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="comments")
def main() -> None:
    """Offline reader-comment moderation and sentiment analysis for news pages.

    Pipeline: ingest -> split -> score -> moderate -> report/export.
    """


def model_options(command):
    """`--models DIR --trust-models`: score with a newsroom's own retrained models.

    Model files are pickles (loading one runs its code), so models that are not the shipped ones
    load only with the explicit opt-in. Set through the environment so worker processes inherit it.
    """
    @click.option("--models", "models_dir", metavar="DIR", type=click.Path(file_okay=False, exists=True),
                  help="Use the models in DIR (from `comments adapt --out DIR` or `python -m training.train "
                       "--models-dir DIR`) instead of the shipped ones; a model DIR lacks is the shipped one.")
    @click.option("--trust-models", is_flag=True,
                  help="Allow loading model files that are not the shipped ones (they are pickles: only "
                       "trust files you made).")
    @functools.wraps(command)
    def wrapper(*args, models_dir: str | None, trust_models: bool, **kwargs):
        if models_dir:
            if not (Path(models_dir) / "MANIFEST.json").is_file():
                raise click.BadParameter(f"{models_dir}: no MANIFEST.json, so no models of ours (write them with "
                                         "`comments adapt --out DIR` or `python -m training.train --models-dir DIR`)",
                                         param_hint="--models")
            os.environ["COMMENTS_MODELS_DIR"] = os.path.abspath(models_dir)
        if trust_models:
            os.environ["COMMENTS_TRUST_MODELS"] = "1"
        return command(*args, **kwargs)
    return wrapper


# --- split and score (ingest -> split; a table in -> score columns added) -------------------------


def _stdin_once(ctx, param, inputs: tuple[str, ...]) -> tuple[str, ...]:
    """INPUT...: standard input can be read only once, so a second - would be an empty page."""
    if inputs.count("-") > 1:
        raise _CommandLineError("- (standard input) is given more than once: it can be read only once")
    return inputs


def _folder_not_stdout(ctx, param, folder: Path | None) -> Path | None:
    """--out DIR: a folder; "-" would make a folder named "-" where standard output was meant."""
    if folder is not None and str(folder) == "-":
        raise _CommandLineError(f"{param.opts[0]} - : this command writes a folder of files, not standard output")
    return folder


@main.command("split")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...", callback=_stdin_once)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              callback=_folder_not_stdout,
              help="Write one DIR/<id>.json per page (pretty, UTF-8) instead of JSON Lines on stdout.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest page read: a .txt/.html file, one JSON Lines record, or stdin.")
def split_command(inputs: tuple[str, ...], out_dir: Path | None, max_bytes: int) -> None:
    """Split news pages into article body and reader comments.

    INPUT is a .txt page dump, an .html/.htm page, a .jsonl file with one page per line
    ({"id", "text" or "html", optional "url", "title", "date"}), a folder (searched recursively; other
    file types in it are skipped and counted), or - for standard input.

    Prints one JSON object per page per line, with the keys id, title, date, article_body,
    comments (author, posted, text, parent), source and encoding; or, with --out, writes them to files.
    Page ids must be unique in a run: a second page with an id already used is reported and not
    written. A file given twice (or through a link) is read once. Each input that fails is one line on stderr; a summary line
    "N pages, M comments, K failed" ends the run. Exit code 0 when every input was read, 1 when some
    failed, 2 for a usage error.
    """
    from .split import split_document
    from .text import one_line

    pages = comments_total = failed = 0
    used: dict[str, tuple[str, str]] = {}  # output key -> (id, source) of the page that took it
    skipped: Counter[str] = Counter()

    def fail(message: str) -> None:
        nonlocal failed
        failed += 1
        click.echo(message, err=True)

    duplicates: list[dict] = []

    def on_skip(path: Path) -> None:
        kind = skip_kind(path)
        skipped[kind] += 1
        if kind == "broken link":
            click.echo(broken_link_note(path), err=True)

    for item in read_inputs(inputs, max_bytes=max_bytes, on_skip=on_skip, exclude=[out_dir] if out_dir else [],
                            on_duplicate=lambda path, first: duplicates.append({"source": path, "same_as": first})):
        if isinstance(item, InputError):
            fail(str(item))
            continue
        try:
            page = split_document(item)
        except Exception as e:  # one broken page must not stop the batch
            fail(f"{item.source}: split failed: {type(e).__name__}: {e}")
            continue
        # In --out mode ids clash when their file names do (also on case-insensitive file systems).
        key = page.id if out_dir is None else file_stem(page.id).casefold()
        if key in used:
            fail(f"{item.source}: {id_clash(page.id, *used[key])}; not written")
            continue
        record = page.to_dict()
        if out_dir is None:
            click.echo(one_line(json.dumps(record, ensure_ascii=False)))
        else:
            path = out_dir / f"{file_stem(page.id)}.json"
            try:
                write_text(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
            except OSError as e:
                fail(f"{item.source}: cannot write {path}: {e.strerror or e}")
                continue
        used[key] = (page.id, item.source)
        pages += 1
        comments_total += len(page.comments)

    if skipped:
        click.echo(skipped_note(skipped), err=True)
    if duplicates:
        click.echo(duplicates_note(duplicates), err=True)
    click.echo(f"{pages} pages, {comments_total} comments, {failed} failed", err=True)
    sys.exit(1 if failed else 0)


class _CommandLineError(click.ClickException):
    """A command line that does not fit its input (say, a missing column): one line, exit code 2."""

    exit_code = 2


SCORE_CHUNK_ROWS = 5000  # rows read, scored and written at a time: memory stays flat on any table


def skipped_note(skipped: Counter[str]) -> str:
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(skipped.items()))
    n = skipped.total()
    return f"note: skipped {n} {'path' if n == 1 else 'paths'} in folders (hidden, not a page type, or not read: {kinds})"


def broken_link_note(path: str | Path) -> str:
    try:
        target = f" (to {os.readlink(path)})"
    except OSError:
        target = ""
    return f"{path}: broken link{target}: skipped"


def duplicates_note(duplicates: list[dict]) -> str:
    """One line for the inputs met twice (read once): the first few of them."""
    shown = "; ".join(d["source"] + (" (given twice)" if d["source"] == d["same_as"] else f" (same file as {d['same_as']})")
                      for d in duplicates[:3])
    more = f"; and {len(duplicates) - 3} more" if len(duplicates) > 3 else ""
    n = len(duplicates)
    return f"note: skipped {n} {'input' if n == 1 else 'inputs'} already read under another path: {shown}{more}"


def _known_encoding(ctx, param, value: str) -> str:
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, hex, base64: not how text is stored
        raise click.BadParameter(f"{value!r} is not a text encoding")
    return value


@main.command("score")
@click.option("--input", "input_path", required=True,
              type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Table to score: .csv, .jsonl or .parquet (or - for stdin, with --format).")
@click.option("--text-column", default="text", show_default=True, help="Column holding the comment text.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Where to write the scored table: .csv, .jsonl or .parquet (or - for stdout, with --format).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              help="Table format of - (stdin/stdout); files are told by their extension.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (the table is read, scored and "
              "written in chunks of 5,000 rows); default: all cores. The scores are the same whatever the number.")
@click.option("--encoding", default="utf-8", show_default=True, callback=_known_encoding,
              help="Text encoding of a CSV or JSON Lines input (e.g. cp1252 for a legacy export); output is UTF-8.")
@click.option("--keep-formulas", is_flag=True, help="CSV output: keep text that starts with = + - @ as it is "
              "(by default it gets a leading ' so that a spreadsheet shows it instead of running it).")
@model_options
def score_command(input_path: str, text_column: str, out_path: str, fmt: str | None, jobs: int | None,
                  encoding: str, keep_formulas: bool) -> None:
    """Add sentiment, toxicity and conspiracy scores to a table of comments.

    Every comment gets sentiment, toxicity with its spans, and conspiracy framing with its cues.

    Keeps every input column and adds the score columns (sentiment_*, toxicity, severe_toxicity,
    insult, obscene, threat, identity_attack, toxic_spans, conspiracy, conspiracy_cues). The list columns
    toxic_spans and conspiracy_cues are JSON strings in CSV and native lists in JSON Lines and
    Parquet. Other values pass through unchanged, except that CSV text a spreadsheet would run as a
    formula (=, +, -, @ at the start; not plain numbers) gets a leading ' (see --keep-formulas), which the
    text column of a CSV input loses again before scoring. A CSV file starts with a UTF-8 byte-order mark,
    for spreadsheets (on stdout, it does not). The output is written atomically. Exit code 1 when the
    input cannot be read or scoring fails, 2 for a command-line error (unknown extension, missing text column).
    """
    from . import scoring
    from .engine import default_jobs, score_chunks
    from .tables import TableError, TableWriter, format_for, read_chunks, without_formula_guard

    def table_format(path: str, role: str) -> str:
        if path == "-":
            if fmt is None:
                raise _CommandLineError(f"--{role} -: give the table format with --format")
            return fmt
        found = format_for(path)
        if found is None:
            raise _CommandLineError(f"{path}: unknown table type {Path(path).suffix or '(no extension)'!r}; "
                                    "use .csv, .jsonl or .parquet")
        return found

    if fmt is not None and "-" not in (input_path, out_path):
        raise _CommandLineError("--format is only for - (stdin/stdout); files are told by their extension")
    in_fmt, out_fmt = table_format(input_path, "input"), table_format(out_path, "out")

    # Parquet needs random access and JSON Lines two passes, which a pipe does not give
    source = io.BytesIO(sys.stdin.buffer.read()) if input_path == "-" else input_path
    waiting: deque = deque()  # chunks read and not yet written: scoring reads a few ahead
    replaced: dict[str, None] = {}  # score columns the input had already

    def texts_of_chunks():
        try:
            for table in read_chunks(source, in_fmt, SCORE_CHUNK_ROWS, encoding):
                _require_column(input_path, table, text_column)
                if in_fmt == "csv":  # our CSVs guard text a spreadsheet would run ("'=cmd"): the comment is without it
                    table[text_column] = table[text_column].map(without_formula_guard)
                replaced.update(dict.fromkeys(c for c in scoring.SCORE_COLUMNS if c in table.columns))
                waiting.append(table)
                yield [None if _is_missing(v) else str(v) for v in table[text_column]]  # missing: no scores
        except TableError as e:
            raise click.ClickException(f"{input_path}: {e}") from None
        except OSError as e:
            raise click.ClickException(f"{input_path}: {e.strerror or e}") from None

    list_types = None
    if out_fmt == "parquet":  # pyarrow only when needed: it adds a tenth of a second to every start
        import pyarrow as pa

        list_types = {"toxic_spans": pa.list_(pa.list_(pa.int64())), "conspiracy_cues": pa.list_(pa.string())}
    buffer = io.BytesIO()  # for stdout: nothing is written unless every row is scored
    try:
        with contextlib.nullcontext(buffer) if out_path == "-" else atomic_open(out_path, "wb") as f:
            writer = TableWriter(f, out_fmt, list_types, keep_formulas=keep_formulas, bom=out_path != "-")
            for scores in _scoring_failures(score_chunks(texts_of_chunks(), scoring.score, jobs=jobs or default_jobs())):
                table = waiting.popleft()
                if len(scores) != len(table) or list(scores.columns) != list(scoring.SCORE_COLUMNS):
                    raise click.ClickException("scoring failed: the scorer did not return one row of "
                                               "SCORE_COLUMNS per text")
                writer.write(_with_scores(table.drop(columns=list(replaced)), scores))
            writer.close()
    except TableError as e:
        raise click.ClickException(f"{out_path}: {e}") from None
    except OSError as e:
        raise click.ClickException(f"{out_path}: cannot write: {e.strerror or e}") from None
    if out_path == "-":
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.buffer.flush()
    if replaced:
        click.echo(f"note: replaced the input's columns {', '.join(replaced)} with new scores", err=True)
    click.echo(f"scored {writer.rows} rows -> {out_path}", err=True)


@main.command("adapt")
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Your labelled comments: .csv, .jsonl or .parquet.")
@click.option("--label-column", required=True,
              help="Column with your moderators' label: 1/0, true/false, yes/no, toxic/not toxic or "
                   "reject/approve; empty = unlabelled (skipped).")
@click.option("--text-column", default="text", show_default=True, help="Column holding the comment text.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              metavar="DIR", help="Folder for the adapted model (use it with --models DIR --trust-models).")
@click.option("--encoding", default="utf-8", show_default=True, callback=_known_encoding,
              help="Text encoding of a CSV or JSON Lines input.")
def adapt_command(input_path: str, label_column: str, text_column: str, out_dir: Path, encoding: str) -> None:
    """Adapt the toxicity model to your moderators' labels.

    Learns a new toxicity head on top of the shipped model from your labelled comments, holds out a
    fifth of them to measure the shipped and the adapted model side by side, and writes the adapted
    model, its card (DIR/toxicity-adapted.md) and the policy for it (DIR/policy.toml: the default with
    toxicity thresholds for the adapted model's scale) to DIR. Score with it through `--models DIR
    --trust-models` on `comments score`, and `--models DIR --trust-models --policy DIR/policy.toml` on
    `comments report`; sentiment and conspiracy stay the shipped models. Needs at least 20 toxic and
    20 other labelled comments in the four fifths it trains on: label 30 of each at the least.
    """
    import pandas as pd

    from . import adapt
    from .tables import TableError, format_for, read_chunks, without_formula_guard

    try:
        adapt.check_out_dir(out_dir)  # before the training, not after
    except ValueError as e:
        raise _CommandLineError(f"--out {e}") from None
    fmt = format_for(input_path)
    if fmt is None:
        raise _CommandLineError(f"{input_path}: unknown table type {Path(input_path).suffix or '(no extension)'!r}; "
                                "use .csv, .jsonl or .parquet")
    try:
        table = pd.concat(list(read_chunks(input_path, fmt, SCORE_CHUNK_ROWS, encoding)), ignore_index=True)
    except TableError as e:
        raise click.ClickException(f"{input_path}: {e}") from None
    except OSError as e:
        raise click.ClickException(f"{input_path}: {e.strerror or e}") from None
    for column, option in ((text_column, "--text-column"), (label_column, "--label-column")):
        _require_column(input_path, table, column, option)
    texts = ["" if _is_missing(v) else str(v) for v in table[text_column]]
    if fmt == "csv":  # our queue.csv guards text a spreadsheet would run ("'=cmd"): the comment is without it
        texts = [without_formula_guard(t) for t in texts]
    try:
        adapted = adapt.adapt_toxicity(texts, table[label_column].tolist())
    except adapt.LabelError as e:
        raise click.ClickException(f"{input_path}: {e}") from None
    try:
        path = adapt.save(adapted, out_dir, source=str(input_path))
    except OSError as e:
        raise click.ClickException(f"{out_dir}: cannot write: {e.strerror or e}") from None
    except ValueError as e:  # the policy for it (the default policy has no toxicity rule)
        raise click.ClickException(f"{out_dir}: {e}") from None
    click.echo(adapt.summary(adapted), err=True)
    policy = out_dir / adapt.POLICY_NAME
    click.echo(f"adapted model -> {path}; card -> {out_dir / 'toxicity-adapted.md'}; policy for it -> {policy}\n"
               f"use it: comments report PAGES --out OUT --models {out_dir} --trust-models --policy {policy}", err=True)


def _require_column(input_path: str, table, column: str, option: str = "--text-column") -> None:
    if column not in table.columns:
        shown = ", ".join(map(str, table.columns[:20])) or "none"
        raise _CommandLineError(f"{input_path}: no column {column!r} (columns: {shown}); name yours with {option}")


def _scoring_failures(scored):
    """The score frames, with a failure of the models (missing, broken) as one line that says which."""
    try:
        yield from scored
    except click.ClickException:  # the input's, already said
        raise
    except Exception as e:
        raise click.ClickException(f"scoring failed: {type(e).__name__}: {e}") from None


def _with_scores(table, scores):
    """The input's columns, then the score columns, row by row (the scores come without an index)."""
    import pandas as pd

    return pd.concat([table.reset_index(drop=True), scores.reset_index(drop=True)], axis=1)


def _is_missing(value) -> bool:
    import pandas as pd

    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


# --- report and policy (the main job: pages in; reports, moderation queue and run record out) -----
def _report_formats(ctx, param, value: str) -> tuple[str, ...]:
    from .report import FORMATS

    asked = [part.strip().lower() for part in value.split(",") if part.strip()]
    if asked == ["none"]:
        return ()
    if not asked or set(asked) - set(FORMATS):
        raise click.BadParameter(f"{value!r}: give any of {', '.join(FORMATS)} (comma-separated), or none")
    return tuple(f for f in FORMATS if f in asked)


@main.command("report")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...", callback=_stdin_once)
@click.option("--out", "report_dir", required=True, metavar="DIR", callback=_folder_not_stdout,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write the reports into.")
@click.option("--policy", "policy_path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="Moderation policy (TOML); default: the shipped one (see `comments policy --show`).")
@click.option("--all", "all_comments", is_flag=True,
              help="Put every comment in the queue files, approved ones included.")
@click.option("--quiet", is_flag=True, help="No progress bar and no closing lines (failures still print).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest page read: a .txt/.html file, one JSON Lines record, or stdin.")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (or local Dask workers); default: all cores. Outputs do not depend on it.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's cores; dask: a Dask cluster (pip install -e '.[dask]' in this project's clone).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler of a running cluster (e.g. tcp://10.0.0.5:8786); "
                   "default: start a local cluster.")
@click.option("--resume", is_flag=True, help="Skip pages already reported in DIR from the same page, policy "
              "and models (after an interrupted run); the outputs are as if the run had not stopped.")
@click.option("--formats", default="html,md,json", show_default=True, metavar="LIST", callback=_report_formats,
              help="Per-article report files: any of html, md, json (comma-separated), or none for only the "
                   "queue and the index. HTML reports draw charts, most of a run's time.")
@model_options
def report_command(inputs: tuple[str, ...], report_dir: Path, policy_path: Path | None, all_comments: bool,
                   quiet: bool, max_bytes: int, jobs: int | None, engine: str, scheduler: str | None,
                   resume: bool, formats: tuple[str, ...]) -> None:
    """Moderate and report on news pages' comment sections.

    INPUT is read as by `comments split` (page dumps, HTML, JSON Lines, folders, - for stdin). Every
    comment is scored and moderated under the policy (approve, review or reject, with its reasons).
    DIR gets: articles/<id>.html|.md|.json (one report per article, in --formats), index.html, index.md and
    summary.json (every article in one table), queue.csv and queue.jsonl (the moderation queue:
    comments to review or reject, highest priority first) and run.json (what ran, failures, timings).
    DIR/.resume/ keeps a small record per page reported, so --resume can finish an interrupted run.
    A page whose id an earlier page has (two sites' index.txt, a repeated JSON Lines id) is reported as
    ID_HASH (a hash of its source); a file given twice (or through a link) is read once. One run at a
    time writes into DIR: a second one is refused.

    Each input that fails is one line on stderr, and a summary line "N pages, M comments, K failed"
    ends the run. Exit code 0 when every input was read, 1 when some failed, 2 for a usage error
    (a bad policy file included).
    """
    from tqdm import tqdm

    from .engine import EngineError, default_jobs
    from .pipeline import MAX_LISTED_SKIPS, OutputError, run_report
    from .policy import PolicyError, load_policy
    from .scoring import default_scorer

    try:
        policy = load_policy(policy_path)
    except PolicyError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(2)
    if policy_path and (note := policy_note(policy, policy_path)):
        click.echo(note, err=True)
    try:
        scorer = default_scorer()
    except Exception as e:  # a missing or broken model: say which, in one line
        raise click.ClickException(f"cannot load the scoring models: {type(e).__name__}: {e}") from None
    if policy_path is None and (note := adapted_model_note()):
        click.echo(note, err=True)
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")
    try:
        run = run_report(inputs, report_dir, policy, all_comments=all_comments, progress=not quiet, scorer=scorer,
                         max_bytes=max_bytes, on_failure=lambda error: tqdm.write(str(error), file=sys.stderr),
                         jobs=jobs or default_jobs(), engine=engine, scheduler=scheduler, resume=resume,
                         formats=formats)
    except (EngineError, OutputError) as e:
        raise click.ClickException(str(e)) from None
    if run.renamed and not quiet:
        click.echo(f"note: {run.renamed} {'page has' if run.renamed == 1 else 'pages have'} the id (or file name) of "
                   "an earlier page: reported as ID_ and a hash of the source, listed under \"renamed\" in "
                   f"{report_dir / 'run.json'}", err=True)
    if run.skipped and not quiet:
        for path in run.broken_links:
            click.echo(broken_link_note(path), err=True)
        listed = "listed" if run.skipped.total() <= MAX_LISTED_SKIPS else f"the first {MAX_LISTED_SKIPS:,} listed"
        click.echo(skipped_note(run.skipped) + f"; {listed} in {report_dir / 'run.json'}", err=True)
    if run.duplicates and not quiet:
        click.echo(duplicates_note(run.duplicates) + f" (listed in {report_dir / 'run.json'})", err=True)
    if not quiet or run.failures:
        click.echo(run.line(), err=True)
    if not quiet:
        unwritten = {Path(f.source).name for f in run.failures} & {"queue.csv", "queue.jsonl"}
        queue = (f"the queue could not be written ({', '.join(sorted(unwritten))}: see above)" if unwritten
                 else f"{run.queued} rows in {report_dir / 'queue.csv'}")
        click.echo(f"{run.flagged} flagged, {queue}; open {report_dir / 'index.html'}", err=True)
    sys.exit(run.exit_code)


@main.command("policy")
@click.option("--show", is_flag=True, help="Print the default policy, with its documentation.")
@click.option("--check", "check_path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="Check a policy file; exit code 2 and the line at fault when it is refused.")
def policy_command(show: bool, check_path: Path | None) -> None:
    """Print the default moderation policy, or check a policy file.

    Start a policy of your own with `comments policy --show > policy.toml`, edit it, and use it with
    `comments report --policy policy.toml`.
    """
    from .policy import PolicyError, default_policy_text, load_policy

    if show == (check_path is not None):
        raise click.UsageError("give exactly one of --show or --check FILE")
    if show:
        click.echo(default_policy_text(), nl=False)
        return
    try:
        policy = load_policy(check_path)
    except PolicyError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(2)
    urgent = f" ({', '.join(policy.urgent)} urgent)" if policy.urgent else ""
    click.echo(f"{check_path}: ok ({len(policy.review)} review and {len(policy.reject)} reject thresholds{urgent}, "
               f"{len(policy.banned)} banned and {len(policy.suspect)} suspect words, "
               f"{len(policy.allowed)} allowed phrases)")
    if note := policy_note(policy, check_path):
        click.echo(note, err=True)


def adapted_model_note() -> str | None:
    """A note when `--models DIR` holds a toxicity model from `comments adapt` and no policy was given: the
    default's toxicity thresholds are set for the shipped model's scale, not the adapted one's; or None."""
    from . import modelstore
    from .adapt import POLICY_NAME

    models = modelstore.models_dir()
    if "adapted_from" not in modelstore.read_manifest(models).get("toxicity", {}):
        return None
    return (f"note: the toxicity model in {models} is adapted to your labels, a scale of its own, and the default "
            f"policy's toxicity thresholds are set for the shipped model: use --policy {models / POLICY_NAME}")


def policy_note(policy, path: Path) -> str | None:
    """A note on a policy file that flags far less than its writer may think (a file replaces the default
    whole: a desk that writes only its own words has no score thresholds left), or None."""
    if not (policy.review or policy.reject or policy.banned or policy.suspect):
        return (f"note: {path} has no thresholds and no words, so it approves every comment "
                "(`comments policy --show` gives the documented default)")
    if not (policy.review or policy.reject):
        return (f"note: {path} has no score thresholds, so only its words flag comments: a policy file replaces "
                "the default as a whole (`comments policy --show` gives it, thresholds and all)")
    return None
