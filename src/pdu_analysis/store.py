"""Where outputs are written and tidy tables read back.

The one atomic writer (pages, figures, executed notebooks), CSV tables written all-or-nothing, and
the tidy tables of ``data/processed`` read back with their types. A reader, or a half-finished
``make``, never sees a partly written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .errors import PDUInputError
from .io import display_path


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The one atomic writer of the project: a reader (or a half-finished ``make``) never sees a
    partly written page, figure or notebook.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


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
            table.to_csv(target, index=False, lineterminator="\n")
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


INTEGER_COLUMNS = {"attendances", "headcount", "questions_answered", "rows_in", "rows_out", "change"}
