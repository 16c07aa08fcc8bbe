"""Read each raw source faithfully, as the PDU holds it.

Readers return plain DataFrames of text (plus a ``source_row`` column giving the row number a person
would see in Excel), and raise ``PDUInputError`` naming the file and what was expected whenever a file
is missing, empty, unreadable or of the wrong shape. Interpretation (labels, people, waves) is left to
``clean``; writing outputs safely lives here too, so nothing half-written is ever left behind.
"""

from __future__ import annotations

import csv
import gc
import io as _io
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from . import layout
from .errors import PDUInputError

ENCODINGS = ("utf-8-sig", "cp1252")
"""Encodings tried in order: SurveyMonkey writes UTF-8 (often with BOM); Excel re-saves as cp1252."""

SURVEYMONKEY_METADATA = (
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
)

REGISTER_COLUMNS = {
    "Event": "event",
    "Date": "date",
    "Name": "name",
    "Email": "email",
    "Organisation": "organisation",
    "Sector": "sector_label",
    "Main focus of work": "focus",
}
EVENTS_COLUMNS = ("event_id", "date", "title", "work_stream", "kind", "status", "headcount")
HUB_COLUMNS = {
    "User ID": "user_id",
    "Registered": "registered",
    "Name": "name",
    "Email": "email",
    "Organisation": "organisation",
    "Sector": "sector_label",
}


def display_path(path: Path) -> str:
    """Path as a person would recognise it (relative to the working folder when possible)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _require_file(path: Path) -> None:
    if not path.exists():
        raise PDUInputError(
            "file not found (see data/raw/README.md for the inputs expected)", file=display_path(path)
        )
    if path.is_dir():
        raise PDUInputError("expected a file but found a folder", file=display_path(path))
    if path.stat().st_size == 0:
        raise PDUInputError("the file is empty (0 bytes)", file=display_path(path))


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise PDUInputError(
            "the file is UTF-16 encoded; expected UTF-8 or cp1252 text: save it again as 'CSV UTF-8'",
            file=display_path(path),
        )
    if b"\x00" in raw[:4096]:
        raise PDUInputError("this is not a text (CSV) file: it holds binary data", file=display_path(path))
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PDUInputError(f"cannot decode the text as any of {', '.join(ENCODINGS)}", file=display_path(path))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small lists.

    Reading a register of hundreds of thousands of rows allocates a list per row and per column;
    none of them can form a reference cycle, yet each batch of allocations makes the collector walk
    every live object again, which doubles the reading time at that scale.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_csv_rows(path: Path) -> list[list[str]]:
    """All rows of a CSV as lists of strings, after trying the known encodings."""
    _require_file(path)
    text = _decode(path)
    try:
        with _collector_paused():
            rows = list(csv.reader(_io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise PDUInputError(f"not a readable CSV file ({exc})", file=display_path(path)) from None
    return rows


def _excel_cell(value: object) -> object:
    """Excel cells to plain values: dates stay datetimes, numbers that are whole become ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _open_workbook(path: Path):
    """The workbook, read-only, or a PDUInputError saying why it is not one."""
    from openpyxl import load_workbook

    _require_file(path)
    if not zipfile.is_zipfile(path):
        raise PDUInputError(
            "this is not an Excel workbook (.xlsx): the file is not a valid workbook archive",
            file=display_path(path),
        )
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise PDUInputError(
            f"this Excel workbook cannot be opened ({type(exc).__name__}: {exc})", file=display_path(path)
        ) from None


def workbook_sheets(path: Path) -> list[str]:
    """The worksheet names of a workbook, in order (checked like :func:`read_xlsx_rows`)."""
    workbook = _open_workbook(path)
    names = list(workbook.sheetnames)
    workbook.close()
    return names


def read_xlsx_rows(path: Path, sheet: str | None = None) -> list[list[object]]:
    """All rows of one worksheet (the named one, else the first) as lists of cell values."""
    workbook = _open_workbook(path)
    try:
        if sheet is not None and sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        elif sheet is not None and len(workbook.sheetnames) > 1:
            raise PDUInputError(
                f"no worksheet named '{sheet}' (found: {', '.join(workbook.sheetnames)})",
                file=display_path(path),
            )
        else:
            worksheet = workbook[workbook.sheetnames[0]]
        with _collector_paused():
            rows = [[_excel_cell(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return rows


def read_rows(path: Path, sheet: str | None = None) -> Sequence[Sequence[object]]:
    """Rows of a spreadsheet-like file, by its extension (.csv or .xlsx)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv_rows(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx_rows(path, sheet)
    raise PDUInputError(f"unsupported file type '{suffix}': expected .csv or .xlsx", file=display_path(path))


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and pd.isna(value))
    )


def _as_text(value: object) -> object:
    """Cell to text, keeping dates as dates (they are parsed later) and blanks as None."""
    if _blank(value):
        return None
    if isinstance(value, (datetime, date)):
        return value
    return str(value)


def _texts(column: pd.Series, *, all_text: bool = False) -> pd.Series:
    """``_as_text`` of every cell of a column; plain text (the usual case) is handled in bulk.

    ``all_text`` (cells straight from the CSV parser, every one a string) takes the fastest path:
    empty cells become None and the rest stay as typed; a cell of spaces alone is left for the
    cleaning, which strips every value before using it.
    """
    values = column.to_numpy(dtype=object)
    if all_text:
        text = pd.Series(values, dtype=object)
        text[values == ""] = None
        return text
    if all(type(value) is str for value in values):
        text = pd.Series(values, dtype=object)
        return text.where(text.str.strip().ne(""), None)
    return pd.Series([_as_text(value) for value in values], dtype=object)


def _padded_frame(rows: Sequence[Sequence[object]]) -> pd.DataFrame:
    """Rows of unequal length (ragged CSV lines, short worksheet rows) padded with None."""
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame([list(row) + [None] * (width - len(row)) for row in rows], dtype=object)


def read_cells(path: Path, sheet: str | None = None) -> pd.DataFrame:
    """Every cell of a CSV or worksheet as read (header row included), columns numbered from 0.

    CSV goes through pandas' C parser (a register of half a million rows in well under a
    second); a file it cannot parse, such as one with ragged rows, falls back to the csv module.
    """
    if path.suffix.lower() != ".csv":
        cells = _padded_frame(read_rows(path, sheet))
        sheets = workbook_sheets(path)
        cells.attrs["sheets"] = sheets
        cells.attrs["sheet"] = sheet if sheet in sheets else sheets[0]
        return cells
    _require_file(path)
    text = _decode(path)
    try:
        cells = pd.read_csv(
            _io.StringIO(text, newline=""),
            header=None,
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return _padded_frame(read_csv_rows(path))
    no_gaps = not cells.isna().any(axis=None)  # blank lines, if any, are NaN rows
    cells.attrs["all_text"] = all(dtype.kind == "O" for dtype in cells.dtypes) and no_gaps
    return cells


def rows_to_frame(cells: pd.DataFrame, path: Path, columns: Mapping[str, str]) -> pd.DataFrame:
    """A header-row table to a DataFrame with renamed columns and a 1-based ``source_row``.

    Missing or unknown columns are errors that list what was expected.
    """
    first = cells.iloc[0].tolist() if len(cells) else []
    if not first or all(_blank(v) for v in first):
        raise PDUInputError("no header row: the first row is empty", file=display_path(path))
    header = [str(v).strip() if not _blank(v) else "" for v in first]
    while header and header[-1] == "":
        header.pop()
    expected = list(columns)
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in columns]
    if missing:
        layout.header_below(cells, display_path(path), set(expected))
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(repr(c) for c in missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(repr(c) or '(blank)' for c in unknown)}")
        raise PDUInputError(
            f"{'; '.join(parts)}. Expected exactly these columns: {', '.join(expected)}"
            f"{layout.sheet_read(cells)}",
            file=display_path(path),
        )
    body = cells.iloc[1:]
    all_text = cells.attrs.get("all_text", False)
    data = {columns[c]: _texts(body.iloc[:, header.index(c)], all_text=all_text) for c in expected}
    frame = pd.DataFrame(data, columns=[columns[c] for c in expected])
    frame["source_row"] = pd.Series(range(2, 2 + len(body)), dtype="int64")
    return frame


def find_one(raw: Path, stem: str) -> Path:
    """The single raw file called ``stem`` with a .xlsx or .csv extension."""
    found = sorted(p for p in raw.glob(f"{stem}.*") if p.suffix.lower() in (".csv", ".xlsx"))
    if not found:
        raise PDUInputError(
            f"file not found: expected {stem}.xlsx or {stem}.csv (see data/raw/README.md)",
            file=display_path(raw),
        )
    if len(found) > 1:
        raise PDUInputError(
            f"found both {', '.join(p.name for p in found)}: keep one", file=display_path(raw)
        )
    return found[0]


def read_register(path: Path) -> pd.DataFrame:
    """The attendance register, one row per sign-in, as typed."""
    return rows_to_frame(read_cells(path, sheet="Register"), path, REGISTER_COLUMNS)


def read_events(path: Path) -> pd.DataFrame:
    """The events list (learning events and Community of Practice sessions)."""
    return rows_to_frame(read_cells(path), path, {c: c for c in EVENTS_COLUMNS})


def read_hub(path: Path) -> pd.DataFrame:
    """Hub (online platform) registrations."""
    return rows_to_frame(read_cells(path), path, HUB_COLUMNS)


def _has_metadata(cells: pd.DataFrame) -> bool:
    first = {str(v).strip() for v in cells.iloc[0]} if len(cells) else set()
    return "Respondent ID" in first


@dataclass(frozen=True)
class SurveyExport:
    """A SurveyMonkey export split into its two header rows and its body.

    ``columns`` holds one ``(question, option)`` pair per column, the question text carried across
    the option columns of a multi-select or matrix question. ``body`` keeps the cells as read, with
    the metadata columns under their own names and a ``source_row`` (the row a person sees in Excel).
    """

    path: Path
    columns: list[tuple[str, str]]
    body: pd.DataFrame

    @property
    def name(self) -> str:
        return display_path(self.path)


def read_surveymonkey(path: Path) -> SurveyExport:
    """Read a SurveyMonkey export (CSV or XLSX) with its two header rows.

    In a workbook, the sheet read is the first whose first row holds the metadata columns (an
    export re-saved with a "Summary" sheet in front is still read); the first sheet when none does.
    """
    cells = read_cells(path)
    if path.suffix.lower() != ".csv" and len(cells.attrs["sheets"]) > 1 and not _has_metadata(cells):
        for sheet in cells.attrs["sheets"][1:]:
            other = read_cells(path, sheet)
            if _has_metadata(other):
                cells = other
                break
    while len(cells) and all(_blank(v) for v in cells.iloc[-1]):
        cells = cells.iloc[:-1]
    if len(cells) < 2:
        raise PDUInputError(
            "not a SurveyMonkey export: expected two header rows (question text, answer option)",
            file=display_path(path),
        )
    width = cells.shape[1]
    questions = [_as_text(v) for v in cells.iloc[0]]
    options = [_as_text(v) for v in cells.iloc[1]]
    missing = [m for m in SURVEYMONKEY_METADATA if m not in questions]
    if missing:
        layout.header_below(cells, display_path(path), set(SURVEYMONKEY_METADATA))
        raise PDUInputError(
            f"not a SurveyMonkey export: missing metadata column(s) "
            f"{', '.join(missing)} in the first header row{layout.sheet_read(cells)}",
            file=display_path(path),
        )
    columns: list[tuple[str, str]] = []
    current = None
    for question, option in zip(questions, options, strict=True):
        if question is not None:
            current = str(question).strip()
        if current is None:
            raise PDUInputError("the first header row starts with a blank cell", file=display_path(path))
        columns.append((current, "" if option is None else str(option).strip()))
    records = cells.iloc[2:]
    all_text = cells.attrs.get("all_text", False)
    data = {j: _texts(records.iloc[:, j], all_text=all_text) for j in range(width)}
    body = pd.DataFrame(data, columns=range(width), dtype=object)
    body["source_row"] = range(3, 3 + len(records))  # header rows are rows 1 and 2
    return SurveyExport(path=path, columns=columns, body=body)
