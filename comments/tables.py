"""Read and write data tables as CSV, JSON Lines or Parquet, chosen by file extension.

Values go through unchanged: CSV cells are read as strings (so "007" and "NA" stay as written), JSON
Lines values keep their JSON types, and list or dict values become JSON strings in CSV only. Written
CSV is safe to open in a spreadsheet: text that would run as a formula gets a leading quote.
"""
from __future__ import annotations

import codecs
import io
import json
import math
import re
import warnings
from pathlib import Path
from typing import IO, Any, Iterator

import numpy as np
import pandas as pd

from .text import one_line, replace_lone_surrogates

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}
# A CSV file we write starts with a byte-order mark: a spreadsheet reads it as UTF-8 only then.
CSV_ENCODING = "utf-8-sig"
# What a spreadsheet runs as a formula when a cell starts with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


class TableError(ValueError):
    """A table that cannot be read or written; the message names the reason."""


def format_for(path: str | Path) -> str | None:
    """The format name for a file path by its extension, or None when it is not one we know."""
    return FORMATS.get(Path(path).suffix.lower())


def read_chunks(source: str | Path | IO[bytes], fmt: str, rows: int, encoding: str = "utf-8") -> Iterator[pd.DataFrame]:
    """The table `rows` rows at a time (a table without rows is one empty chunk, so its columns are
    known). `encoding`: of CSV and JSON Lines text (a UTF-8 byte-order mark is skipped). CSV cells are strings as written, JSON Lines values keep their JSON types (dtype object). `source` must be seekable for JSON Lines: a first pass
    finds every key, so that each chunk has all the columns the whole table has."""
    if fmt == "csv":
        header = _header_line(source, encoding)
        sep = _delimiter(header)
        if twice := _repeated_column(header, sep):  # pandas would rename the second "text.1"
            raise TableError(f"column {twice!r} appears twice in the header: rename one, so that it is "
                             "clear which is meant")
        try:
            with warnings.catch_warnings():
                # a first row longer than the header: pandas would take its first cell for the row's index
                # (index_col=False) and drop the rest (the warning), shifting or losing data
                warnings.simplefilter("error", pd.errors.ParserWarning)
                # (a header without rows is one empty chunk)
                yield from pd.read_csv(source, dtype=str, keep_default_na=False, encoding=_with_bom(encoding),
                                       chunksize=rows, index_col=False, sep=sep)
        except pd.errors.EmptyDataError:
            raise TableError("empty file (no header row)") from None
        except UnicodeDecodeError as e:
            raise TableError(_not_text(encoding, e)) from None
        except pd.errors.ParserWarning:
            raise TableError(f"malformed CSV: {_long_row(source, encoding)} has more fields than the header") from None
        except pd.errors.ParserError as e:
            raise TableError(f"malformed CSV: {e}".strip()) from None
    elif fmt == "jsonl":
        columns = list(dict.fromkeys(key for record in _jsonl_records(source, encoding) for key in record))
        if hasattr(source, "seek"):
            source.seek(0)
        records: list[dict] = []
        for record in _jsonl_records(source, encoding):
            records.append(record)
            if len(records) == rows:
                yield pd.DataFrame(records, columns=columns, dtype=object)
                records = []
        if records or not columns:
            yield pd.DataFrame(records, columns=columns, dtype=object)
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(source)
            batches = parquet.iter_batches(batch_size=rows)
            empty = True
            for batch in batches:
                empty = False
                yield pa.Table.from_batches([batch], parquet.schema_arrow).to_pandas()
            if empty:
                yield parquet.schema_arrow.empty_table().to_pandas()
        except (pa.ArrowException, OSError) as e:
            raise TableError(f"not a readable Parquet file: {e}") from None
    else:
        raise ValueError(f"unknown table format {fmt!r}")


def _header_line(source: str | Path | IO[bytes], encoding: str) -> str | None:
    """The CSV's first line, read without taking it from the stream, or None for a stream that cannot be
    read twice (or a file that cannot be read here: pandas then says why)."""
    try:
        if isinstance(source, (str, Path)):
            with open(source, "rb") as f:
                head = f.readline(1_000_000)
        elif source.seekable():
            at = source.tell()
            head = source.readline(1_000_000)
            source.seek(at)
        else:
            return None
        return head.decode(_with_bom(encoding), errors="replace")
    except (OSError, LookupError):
        return None


def _delimiter(header: str | None) -> str:
    """The CSV's field separator, from its header line: a comma, or where the header has none, a semicolon
    (what a spreadsheet writes where the comma is the decimal mark) or a tab. Without a header line (a
    stream that cannot be read twice) it is taken to be comma-separated."""
    return next((sep for sep in (",", ";", "\t") if sep in header), ",") if header else ","


def _repeated_column(header: str | None, sep: str) -> str | None:
    """The first column name the CSV header line has twice, or None."""
    import csv

    try:
        names = next(csv.reader([header], delimiter=sep), []) if header else []
    except csv.Error:
        return None
    seen: set[str] = set()  # (unnamed columns, as a spreadsheet's trailing empty ones, are pandas' to name)
    return next((name for name in names if name and (name in seen or seen.add(name))), None)


def _with_bom(encoding: str) -> str:
    """The codec that also skips a byte-order mark, for UTF-8."""
    return "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding


def _not_text(encoding: str, error: UnicodeDecodeError) -> str:
    hint = "; give its encoding with --encoding (e.g. cp1252)" if codecs.lookup(encoding).name == "utf-8" else ""
    if hint and error.start == 0 and error.object[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        hint = "; it starts with a UTF-16 byte-order mark (a spreadsheet's Unicode text): --encoding utf-16"
    return f"not {encoding} text ({error.reason} at byte {error.start}){hint}"


def _long_row(source: str | Path | IO[bytes], encoding: str = "utf-8") -> str:
    """Where the first row longer than the header is ("line 3"), if the source can be read again."""
    import csv

    try:
        if isinstance(source, (str, Path)):
            with open(source, encoding=_with_bom(encoding), newline="") as text:
                return _first_long_row(csv.reader(text))
        source.seek(0)
        text = io.TextIOWrapper(source, encoding=_with_bom(encoding), newline="")
        try:
            return _first_long_row(csv.reader(text))
        finally:
            text.detach()  # the caller's stream stays open
    except (OSError, ValueError, StopIteration, csv.Error):
        return "a row"


def _first_long_row(reader) -> str:
    width = len(next(reader))
    return next(f"line {reader.line_num}" for row in reader if len(row) > width)


class TableWriter:
    """Writes a table chunk by chunk: one CSV header; one Parquet schema that fits every chunk (a column
    empty in the first rows and typed later, or whole numbers then fractions), so Parquet chunks wait
    in a temporary file (Arrow IPC) until `close` writes them. `list_types` fixes the Parquet type of
    list columns, which pyarrow cannot infer when every list is empty. A CSV file starts with a byte-order
    mark, as queue.csv (`bom=False` for a pipe: the next program wants plain UTF-8)."""

    def __init__(self, target: IO[bytes], fmt: str, list_types: dict[str, Any] | None = None,
                 keep_formulas: bool = False, bom: bool = True) -> None:
        self.target, self.fmt, self.list_types, self.keep_formulas = target, fmt, list_types, keep_formulas
        self.bom = bom
        self.rows = 0
        self._spool: IO[bytes] | None = None
        self._chunks: list[tuple[int, int, int]] = []  # Parquet: (first row, spool offset, bytes) per chunk
        self._schema = None  # Parquet: the schema every chunk so far fits

    def write(self, df: pd.DataFrame) -> None:
        if self.fmt == "parquet":
            self._spool_parquet(df)
        else:
            _write_rows(df, self.target, self.fmt, header=not self.rows, keep_formulas=self.keep_formulas,
                        bom=self.bom and not self.rows)
        self.rows += len(df)

    def close(self) -> None:
        """Finish the file (Parquet: the chunks are written now)."""
        if self._spool is None:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = self._schema  # fits every chunk: each one is cast to it
        with self._spool, pq.ParquetWriter(self.target, schema) as writer:
            for first, offset, size in self._chunks:
                self._spool.seek(offset)
                table = pa.ipc.open_stream(pa.py_buffer(self._spool.read(size))).read_all()
                try:
                    writer.write_table(table.cast(schema))
                except pa.ArrowException as e:
                    raise TableError(f"cannot store as Parquet (rows from {first + 1} on: column types differ "
                                     f"from the other rows): {e}") from None
        self._spool = None

    def _spool_parquet(self, df: pd.DataFrame) -> None:
        import tempfile

        import pyarrow as pa

        rows = f"rows {self.rows + 1} to {self.rows + len(df)}"
        try:
            table = pa.Table.from_pandas(df, schema=_parquet_schema(df, self.list_types), preserve_index=False)
        except pa.ArrowException:
            df = _mixed_as_text(df)  # ids that are numbers on some rows and text on others
            try:
                table = pa.Table.from_pandas(df, schema=_parquet_schema(df, self.list_types), preserve_index=False)
            except pa.ArrowException as e:
                raise TableError(f"cannot store as Parquet ({rows}{_failing_column(df)}): {e}") from None
        empty = [f.name for f in table.schema if pa.types.is_struct(f.type) and f.type.num_fields == 0]
        if empty:  # pyarrow makes the column, and only the Parquet writer refuses it, at the end
            raise TableError(f"cannot store as Parquet ({rows}): column {empty[0]!r} holds only empty objects "
                             "({}), which have no Parquet type")
        try:
            self._schema = table.schema if self._schema is None else _unified(self._schema, table.schema)
        except pa.ArrowException as e:
            raise TableError(f"cannot store as Parquet ({rows}): column types differ from the rows before ({e})") from None
        if self._spool is None:
            self._spool = tempfile.TemporaryFile()
        offset = self._spool.tell()
        with pa.ipc.new_stream(self._spool, table.schema,
                               options=pa.ipc.IpcWriteOptions(compression="lz4")) as stream:
            stream.write_table(table)
        self._chunks.append((self.rows, offset, self._spool.tell() - offset))


def _mixed_as_text(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with each object column pyarrow cannot store as one type (numbers and text, say) as text: a
    string stays, any other value becomes its JSON text (1, 2.5, true, [1, 2]), as Arrow casts a number."""
    df = df.copy()
    for name in [n for n in _unstorable(df) if df[n].dtype == object]:
        df[name] = pd.Series([v if isinstance(v, str) or _json_value(v) is None
                              else json.dumps(_json_value(v), ensure_ascii=False) for v in df[name]],
                             index=df.index, dtype=object)
    return df


def _unified(before, now):
    """One schema for the chunks so far and this one: pyarrow's promotion (nulls, int to float), and text
    where one chunk has numbers or true/false and another text in the column (the chunks are cast to it)."""
    import pyarrow as pa

    def is_text(t) -> bool:
        return pa.types.is_string(t) or pa.types.is_large_string(t)

    def is_scalar(t) -> bool:
        return pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t) or is_text(t)

    fields = {f.name: f for f in before}
    for field in now:
        was = fields.get(field.name)
        if was is not None and was.type != field.type and (is_text(was.type) or is_text(field.type)) \
                and is_scalar(was.type) and is_scalar(field.type):
            before = before.set(before.get_field_index(field.name), pa.field(field.name, pa.string()))
            now = now.set(now.get_field_index(field.name), pa.field(field.name, pa.string()))
    return pa.unify_schemas([before, now], promote_options="permissive")


def _failing_column(df: pd.DataFrame) -> str:
    """", column 'x'": the first column pyarrow cannot convert, to name it in the error."""
    name = next(_unstorable(df), None)
    return "" if name is None else f", column {name!r}"


def _unstorable(df: pd.DataFrame) -> Iterator[str]:
    """The columns of `df` pyarrow cannot convert to one Arrow type, in order."""
    import pyarrow as pa

    for name in df.columns:
        try:
            pa.array(df[name], from_pandas=True)
        except pa.ArrowException:
            yield name


def _parquet_schema(df: pd.DataFrame, list_types: dict[str, Any] | None):
    import pyarrow as pa

    schema = pa.Schema.from_pandas(df, preserve_index=False)
    for name, type_ in (list_types or {}).items():
        if name in df.columns:
            schema = schema.set(schema.get_field_index(name), pa.field(name, type_))
    return schema


def neutralize(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula (the quote shows, nothing runs); a
    plain number such as "-2" is left as it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text) else text


def without_formula_guard(text: str) -> str:
    """The text as it was written, without the quote `neutralize` put before it (a CSV of ours read back:
    queue.csv, a scored table); other text is returned as it is. (A text its writer began with "'=" reads
    back without the quote, as in a spreadsheet, which takes that quote for the same guard.)"""
    return text[1:] if text[:1] == "'" and neutralize(text[1:]) == text else text


def _csv_value(value: Any, keep_formulas: bool) -> Any:
    """A cell for a CSV file: nested values as JSON, text neutralized against formulas."""
    value = _json_if_nested(value)
    return neutralize(value) if isinstance(value, str) and not keep_formulas else value


def _write_rows(df: pd.DataFrame, target: IO[bytes], fmt: str, header: bool, keep_formulas: bool,
                bom: bool = False) -> None:
    """Write `df` (no index) as CSV or JSON Lines to a binary file object. CSV text that a spreadsheet
    would run as a formula gets a leading quote, unless `keep_formulas`; `bom`: start with a byte-order mark."""
    if fmt == "csv":
        text = io.TextIOWrapper(target, encoding=CSV_ENCODING if bom else "utf-8", newline="", write_through=True)
        flat = df.copy()
        for name in flat.columns:
            if flat[name].dtype == object or pd.api.types.is_string_dtype(flat[name]):
                column = flat[name]  # a list, not .map(), which would turn ints with gaps into floats
                flat[name] = pd.Series([_csv_value(v, keep_formulas) for v in column], index=column.index,
                                       dtype=object)
        # RFC 4180 line ends, as queue.csv: the csv module then quotes a cell holding a lone CR too
        names = [_csv_value(str(name), keep_formulas) for name in flat.columns] if header else False
        flat.to_csv(text, index=False, header=names, lineterminator="\r\n")
        text.detach()  # leave `target` open for the caller
    elif fmt == "jsonl":
        for row in df.to_dict(orient="records"):
            clean = {str(key): _json_value(value) for key, value in row.items()}
            try:
                line = one_line(json.dumps(clean, ensure_ascii=False, allow_nan=False))
            except ValueError as e:  # an infinite float has no JSON form
                raise TableError(f"cannot store as JSON Lines: {e}") from None
            target.write(line.encode("utf-8") + b"\n")
    else:
        raise ValueError(f"unknown table format {fmt!r}")


def _jsonl_records(source: str | Path | IO[bytes], encoding: str = "utf-8") -> Iterator[dict]:
    stream = open(source, "rb") if isinstance(source, (str, Path)) else source
    try:
        for number, raw in enumerate(_lines(stream, encoding), start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode(_with_bom(encoding) if number == 1 else encoding)
                                    if isinstance(raw, bytes) else raw)
            except UnicodeDecodeError as e:
                raise TableError(f"line {number}: {_not_text(encoding, e)}") from None
            except (ValueError, RecursionError) as e:
                raise TableError(f"line {number}: invalid JSON ({e})") from None
            if not isinstance(record, dict):
                raise TableError(f"line {number}: expected a JSON object, got {type(record).__name__}")
            yield _without_lone_surrogates(record)
    finally:
        if stream is not source:
            stream.close()


def _without_lone_surrogates(value: Any) -> Any:
    """A JSON value whose strings hold no half of a UTF-16 pair (U+FFFD instead): they cannot be written out."""
    if isinstance(value, str):
        return replace_lone_surrogates(value)[0]
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value


def _lines(stream: IO[bytes], encoding: str) -> Iterator[bytes | str]:
    """The stream's lines: as bytes where the encoding writes a newline as the byte 10 (each line decodes
    alone, so an error names its line), else (UTF-16, UTF-32) decoded as they are read."""
    if "\n".encode(encoding) == b"\n":
        yield from stream
        return
    text = io.TextIOWrapper(stream, encoding=encoding, newline="\n")
    try:
        yield from text
    except UnicodeDecodeError as e:
        raise TableError(_not_text(encoding, e)) from None
    finally:
        text.detach()  # the caller closes the stream


def _json_value(value: Any) -> Any:
    """A value as plain JSON: numpy scalars and arrays to Python, missing values (NaN, NA) to null."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (pd.Timestamp, pd.Timedelta)):
        return value.isoformat()
    return value


def _json_if_nested(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict, np.ndarray)):
        return json.dumps(_json_value(value), ensure_ascii=False)
    return value
