"""Dates as the exports hold them: Excel dates, Excel serial numbers, ISO, UK and US text.

Parsing works on the distinct values only (a register has few distinct dates), so it stays fast at
hundreds of thousands of rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

from ..distinct import on_distinct

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
