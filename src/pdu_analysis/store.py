"""Where outputs are written and tidy tables read back.

The one atomic writer (pages, figures, executed notebooks), CSV tables written all-or-nothing, and
the tidy tables of ``data/processed`` read back with their types. A reader, or a half-finished
``make``, never sees a partly written file.

Every float a table holds is written at :data:`SIGNIFICANT_DIGITS` significant digits (never
finer than :data:`MAX_DECIMALS` decimal places), here and nowhere else; whole-number columns
(counts, bases) are integers and written exactly. The last bits of a float
depend on the machine (which BLAS kernel and SIMD path ran), so a table written to the last bit
differs between two correct machines. Six digits are far coarser than that noise (a relative
1e-12 changes a six-digit value only when it lies within 1e-12 of a rounding boundary: about one
value in a million) and finer than any page shows (at most three or four digits).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .atomic import write_atomic  # noqa: F401  (the one atomic writer, re-exported)
from .errors import PDUInputError
from .io import display_path

SIGNIFICANT_DIGITS = 6
"""Significant digits of every float written to a table (see the module's docstring)."""
MAX_DECIMALS = 12
"""Decimal places at most: a residue below 5e-13 (a difference that is zero but for rounding,
whose sign and size are machine noise) is written as 0."""


def round_floats(values: np.ndarray) -> np.ndarray:
    """``values`` rounded to :data:`SIGNIFICANT_DIGITS` significant digits and at most
    :data:`MAX_DECIMALS` decimals (NaN and infinities kept; a negative zero becomes zero, so its
    sign never reaches a file). Large values too: 1987969130.4 is written 1987970000.0."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values) & (values != 0)
    magnitude = np.floor(np.log10(np.abs(values, where=finite, out=np.ones_like(values))))
    decimals = np.minimum(SIGNIFICANT_DIGITS - 1 - magnitude, MAX_DECIMALS)
    up, down = 10.0 ** np.maximum(decimals, 0), 10.0 ** np.maximum(-decimals, 0)
    rounded = np.where(decimals >= 0, np.round(values * up) / up, np.round(values / down) * down)
    return np.where(finite, rounded, values) + 0.0


def at_precision(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose floats are rounded by :func:`round_floats` (other cells as they
    are; floats among other values in an object column too)."""
    out = table.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_float_dtype(series.dtype):
            mask = series.notna()
            values = series.to_numpy(dtype=float, na_value=np.nan)
            rounded = pd.Series(round_floats(values), index=series.index)
            out[column] = rounded.where(mask, series).astype(series.dtype)
        elif series.dtype == object:
            out[column] = series.map(_round_cell)
    return out


def _round_cell(value):
    if isinstance(value, float | np.floating):
        return float(round_floats(np.array([value]))[0])
    return value


def write_tables(tables: Mapping[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Write CSV tables all-or-nothing: into a temporary folder first, then moved into place.

    A failure while writing leaves the previous tables exactly as they were.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(dir=folder, prefix=".tmp-") as tmp:
        staged = []
        for name, table in tables.items():
            target = Path(tmp) / f"{name}.csv"
            at_precision(table).to_csv(target, index=False, lineterminator="\n")
            staged.append((target, folder / f"{name}.csv"))
        for source, destination in staged:
            os.replace(source, destination)
            written.append(destination)
    return written


def read_processed(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A tidy table from data/processed, with blanks kept as blanks (not turned into NaN text)."""
    from .paths import processed_dir

    path = (folder or processed_dir()) / f"{name}.csv"
    if not path.exists():
        raise PDUInputError(
            "tidy table not found: run the cleaning notebooks first (make reports)", file=display_path(path)
        )
    table = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for column in INTEGER_COLUMNS.intersection(table.columns):
        table[column] = pd.to_numeric(table[column]).astype("Int64")
    return table


INTEGER_COLUMNS = {
    "attendances",
    "headcount",
    "questions_answered",
    "rows_in",
    "rows_out",
    "change",
    "count",
    "base",
}
