"""The tables the build wrote, read back as rows of text for the index and the board pack.

One reader, without pandas (those pages start quickly): ``utf-8-sig`` reads a table with or without
a byte-order mark (a table saved again by Excel has one). A table not built yet reads as no rows,
and the page says so; a table that is there but unreadable, not UTF-8 CSV or without a column the
page needs is a :class:`~pdu_analysis.errors.PDUInputError` naming the file.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from .. import paths
from ..errors import PDUInputError


def shown(path: Path) -> str:
    """A path as a reader of the page would look for it: relative to the project when inside."""
    try:
        return str(Path(path).resolve().relative_to(paths.PROJECT_ROOT))
    except ValueError:
        return str(path)


def read_rows(path: Path, columns: Sequence[str] = ()) -> list[dict[str, str]]:
    """Rows of the CSV table at ``path`` as dicts of text; [] when there is no such file."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            fields = reader.fieldnames or []
            rows = list(reader)
    except FileNotFoundError:
        return []
    except OSError as err:
        raise PDUInputError(f"cannot be read ({err.strerror})", file=shown(path)) from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise PDUInputError(f"not a UTF-8 CSV file ({err})", file=shown(path)) from None
    missing = [c for c in columns if c not in fields]
    if missing:
        raise PDUInputError(
            f"missing column(s) {', '.join(missing)}; expected {','.join(columns)}", file=shown(path)
        )
    return rows
