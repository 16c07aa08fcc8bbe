"""Labels as typed -> controlled values, through reviewable tables in ``data/reference``.

Nothing is lumped into "other" silently: a label missing from the mapping stops the run with the
list of unmapped labels and where to add them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..distinct import on_distinct
from ..errors import PDUInputError
from ..reference import text_table
from ..schemas import FOCUS_OF_WORK, SECTORS
from ..vocabulary import FIELDS_OF_WORK_FILE


def normalise(values: pd.Series) -> pd.Series:
    """Trim, collapse inner whitespace and case-fold, so 'Voluntary  Sector ' == 'voluntary sector'."""

    def one_by_one(labels: pd.Series) -> pd.Series:
        text = labels.astype("string").fillna("")
        # One pass per label: split() and join() do what replacing each run of whitespace (\s+)
        # with one space and stripping the ends do (both use Unicode's whitespace).
        return text.map(lambda label: " ".join(label.split()).casefold()).astype("string")

    return on_distinct(values, one_by_one)


def load_sector_map(path: Path) -> dict[str, str]:
    """The sector mapping table (label as typed, normalised -> statutory/voluntary/private)."""
    table = text_table(path)
    if list(table.columns) != ["label", "sector"]:
        raise PDUInputError("expected columns label,sector", file=str(path))
    bad = table.loc[~table["sector"].isin(SECTORS), "sector"].unique().tolist()
    if bad:
        raise PDUInputError(f"sector must be one of {', '.join(SECTORS)}; found {bad}", file=str(path))
    keys = normalise(table["label"])
    duplicated = keys[keys.duplicated()].unique().tolist()
    if duplicated:
        raise PDUInputError(f"label(s) listed twice: {duplicated}", file=str(path))
    return dict(zip(keys, table["sector"], strict=True))


def _rows_by_label(rows: pd.Series, labels) -> list[str]:
    """Each label with up to five of the rows it is on: "'Counsil' (row 4, 9 and 2 more)"."""
    listing = []
    for label, group in rows.groupby(labels, sort=True):
        shown = ", ".join(str(r) for r in group.head(5))
        extra = f" and {len(group) - 5} more" if len(group) > 5 else ""
        listing.append(f"'{label}' (row {shown}{extra})")
    return listing


def map_sectors(
    labels: pd.Series, rows: pd.Series, sector_map: dict[str, str], *, file: str, map_path: Path
) -> pd.Series:
    """Map typed sector labels; unmapped labels stop the run, listed with the rows they are on."""
    keys = normalise(labels)
    mapped = keys.map(sector_map)
    unmapped = keys[mapped.isna()]
    if len(unmapped):
        listing = _rows_by_label(rows[mapped.isna()], unmapped.to_numpy())
        raise PDUInputError(
            f"column 'Sector': {len(listing)} label(s) not in the sector mapping: "
            f"{'; '.join(listing)}. Add each to {map_path} with its sector "
            f"({', '.join(SECTORS)}), then run again.",
            file=file,
        )
    return mapped.astype(str)


def canonical_focus(values: pd.Series, rows: pd.Series | None = None, *, file: str = "") -> pd.Series:
    """Main focus of work to its canonical spelling (case and spaces ignored).

    A field not in ``data/reference/fields_of_work.csv`` stops the run, listed with its rows and
    where to add it (with ``rows``; without, it maps to missing).
    """
    lookup = {" ".join(f.split()).casefold(): f for f in FOCUS_OF_WORK}
    mapped = normalise(values).map(lookup)
    if rows is not None and mapped.isna().any():
        listing = _rows_by_label(rows[mapped.isna()], values[mapped.isna()].astype(str).str.strip())
        raise PDUInputError(
            f"column 'Main focus of work': {len(listing)} field(s) of work not in "
            f"{FIELDS_OF_WORK_FILE}: {'; '.join(listing)}. The fields known are "
            f"{', '.join(FOCUS_OF_WORK)}. Add a new field as a row of that file (pages list the "
            f"fields in its order), or correct the register, then run again.",
            file=file,
        )
    return mapped
