"""Where in a file its table sits, for messages that lead to the fix.

A register saved below a title banner, or a workbook whose first sheet is a summary, fails the
readers' checks; these helpers say why in the reader's terms: the row the header was found on,
and the sheet read beside the sheets present.
"""

from __future__ import annotations

import pandas as pd

from .errors import PDUInputError

HEADER_SEARCH = 10
"""Rows searched for a header that is not in the first row (a title banner above it)."""


def _filled(value: object) -> bool:
    return (
        value is not None and not (isinstance(value, float) and pd.isna(value)) and bool(str(value).strip())
    )


def header_below(cells: pd.DataFrame, file: str, expected: set[str]) -> None:
    """Stop naming the row when the expected header is found below the first row."""
    for number in range(2, min(len(cells), HEADER_SEARCH) + 1):
        found = {str(v).strip() for v in cells.iloc[number - 1] if _filled(v)}
        if expected <= found:
            raise PDUInputError(
                f"the header must be the first row: the expected columns are on row {number}, "
                f"below {number - 1} row(s) of title or notes; delete the row(s) above the header "
                f"and save the file again{sheet_read(cells)}",
                file=file,
            )


def sheet_read(cells: pd.DataFrame) -> str:
    """' (sheet X read; the workbook holds: ...)' for a worksheet, '' for a CSV."""
    sheet, sheets = cells.attrs.get("sheet"), cells.attrs.get("sheets")
    if not sheet:
        return ""
    return f" (sheet '{sheet}' read; the workbook holds: {', '.join(repr(s) for s in sheets)})"
