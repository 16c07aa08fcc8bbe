"""A DataFrame as the table template's header and rows (``fragments/table.html.j2``).

Cells read as pandas prints them (its own array formatter, which ``to_html`` uses), so a table on
a page shows the numbers a reviewer sees in the notebook; a missing value is a dash. Column
headers are never empty; when the first column names the rows (text, not numbers), each row's
first text cell is its row header (a row continuing the one above, its first cell blank, is named
by its next text cell), so a screen reader announces each number with its row and column; cells
of numeric columns are marked so that counts line up on the right.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype
from pandas.io.formats.format import format_array

MISSING = "\u2013"
"""What a table shows for a missing value."""
CLASSES = ("dataframe", "pdu-table")


def column_names(df: pd.DataFrame) -> list[str]:
    """Each column's header: its name (levels joined by a space), or "column N" when blank."""
    names = []
    for i, label in enumerate(df.columns):
        parts = label if isinstance(label, tuple) else (label,)
        text = " ".join(str(p) for p in parts if str(p).strip())
        names.append(text if text.strip() else f"column {i + 1}")
    return names


def cell_texts(column: pd.Series, float_format: Callable | None = None) -> list[str]:
    """The column's values as pandas prints them, a missing value as :data:`MISSING`."""
    with pd.option_context("display.max_colwidth", None):  # as to_html: never cut a cell short
        printed = format_array(
            column._values, None, float_format=float_format, na_rep=MISSING, leading_space=False
        )
    missing = column.isna().to_numpy()
    return [MISSING if gone else text.strip() for text, gone in zip(printed, missing, strict=True)]


def is_number(column: pd.Series) -> bool:
    """True for a column of numbers (booleans are not)."""
    return is_numeric_dtype(column) and not is_bool_dtype(column)


def table_rows(df: pd.DataFrame, float_format: Callable | None = None) -> list[list[dict[str, str]]]:
    """Every row as cells (``text``, ``kind``: "row", "num" or "") for the table template.

    A blank cell is never a row header: a row continuing the one above keeps its first cell
    plain and is named by its next text cell.
    """
    columns = [df.iloc[:, i] for i in range(df.shape[1])]
    numeric = [is_number(c) for c in columns]
    named_rows = len(numeric) > 1 and not numeric[0]
    texts = [cell_texts(c, float_format) for c in columns]
    rows = []
    for r in range(len(df)):
        cells = [{"text": t[r], "kind": "num" if n else ""} for t, n in zip(texts, numeric, strict=True)]
        names = (c for c in cells if not c["kind"] and c["text"].strip())
        first = next(names, None) if named_rows else None
        if first is not None:
            first["kind"] = "row"
        rows.append(cells)
    return rows
