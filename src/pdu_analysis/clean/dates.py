"""Dates as the exports hold them: Excel dates, Excel serial numbers, ISO, UK and US text.

Parsing works on the distinct values only (a register has few distinct dates), so it stays fast at
hundreds of thousands of rows.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pandas as pd

from ..distinct import on_distinct
from ..errors import PDUInputError

EXCEL_EPOCH = date(1899, 12, 30)
TEXT_FORMATS_DAYFIRST = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
TEXT_FORMATS_MONTHFIRST = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)


def parse_one(value: object, *, dayfirst: bool) -> date | None:
    """One cell to a date, or None when it cannot be read as one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if text.replace(".", "", 1).isdigit():
        serial = float(text)
        if 20000 < serial < 80000:  # Excel serial date (1954 to 2119)
            return EXCEL_EPOCH + timedelta(days=int(serial))
        return None
    for fmt in TEXT_FORMATS_DAYFIRST if dayfirst else TEXT_FORMATS_MONTHFIRST:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_series(values: pd.Series, *, dayfirst: bool) -> pd.Series:
    """Dates for a column (None where unparseable), parsing each distinct value once."""
    return on_distinct(values, lambda cells: _parse_cells(cells, dayfirst=dayfirst))


def _parse_cells(values: pd.Series, *, dayfirst: bool) -> pd.Series:
    def key(value: object) -> str | None:
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d")
        if isinstance(value, date):
            return value.isoformat()
        if value is None or (isinstance(value, float) and value != value):
            return None
        return str(value).strip()

    keys = values.map(key).astype(object)
    distinct = {k: parse_one(k, dayfirst=dayfirst) for k in set(keys.dropna())}
    return keys.map(lambda k: None if k is None else distinct.get(k)).astype(object)


_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\b")


def refuse_month_first(values: pd.Series, rows: pd.Series, *, column: str, file: str) -> None:
    """Stop when a day-first column holds a text date that is impossible day-first ("03/25/2018").

    One such date shows the column was written month first (US style); reading the rest day-first
    would silently misread every date whose day is 12 or less, so the column is refused as a whole.
    """
    texts = values[values.map(lambda v: isinstance(v, str))]
    found = texts.str.extract(_SLASHED)
    impossible = found[1].notna() & (found[1].astype(float) > 12) & (found[0].astype(float) <= 12)
    if impossible.any():
        first = impossible.idxmax()
        raise PDUInputError(
            f"column '{column}': {int(impossible.sum())} date(s) are impossible read day first "
            f"(DD/MM/YYYY), e.g. '{texts[first].strip()}' (row {rows[first]}), so the column is "
            f"written month first (US style). It is refused as a whole: every date with a day of 12 "
            f"or less would be misread. Save the dates as YYYY-MM-DD (or DD/MM/YYYY) and run again",
            file=file,
        )
