"""Everything a page publishes, as figures over one shared set of cells, ready for the audit.

Tables on one page overlap: the field-of-work shares by period, the field-of-work by sector
table and the sector-by-period counts are all sums of the same attendances. A reader who has
all of them can subtract across tables, so the audit must see them together. A
:class:`Publication` holds one or more *populations* (attendances, hub users...), each broken
down into cells over independent dimensions (event x sector x field of work), and each published
number as the sum of the cells matching a filter (``{"sector": "statutory", "period": "interim"}``).
A number added as shown must equal that sum: a mismatch means the model of the table is wrong,
and is an error rather than a silent pass.

>>> recs = pd.DataFrame({"sector": ["s", "s", "v"], "focus": ["a", "b", "a"]})
>>> pub = Publication()
>>> pub.add_population("att", recs, {"sector": ["s", "v"], "focus": ["a", "b"]})
>>> pub.add("t", "s, a", "att", {"sector": "s", "focus": "a"}, "<5")
>>> pub.add("t", "s, b", "att", {"sector": "s", "focus": "b"}, "<5")
>>> pub.add("t", "s total", "att", {"sector": "s"}, 2)
>>> pub.audit().passed  # 1 + 1 = 2 and neither can be 2 to 4
False
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from itertools import product
from typing import TypeVar

import numpy as np
import pandas as pd

from pdu_analysis.stats.disclosure.audit import (
    COMPLEMENTARY,
    PRIMARY,
    SHOWN,
    UNPUBLISHED,
    AuditResult,
    Figure,
    audit_figures,
)

MARKERS = {"<5": PRIMARY, "[c]": COMPLEMENTARY}

Label = TypeVar("Label", bound=Hashable)
"""A printed table's index label (a row of a grid)."""


def status_of(value: object) -> str:
    """Status of one printed value: a marker, a number (shown) or blank (not published)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return UNPUBLISHED
    text = str(value).strip()
    if text in MARKERS:
        return MARKERS[text]
    if text == "":
        return UNPUBLISHED
    return SHOWN


class Publication:
    """Cells of each population and every figure published from them (see the module doc)."""

    def __init__(self) -> None:
        self._cells: list[pd.DataFrame] = []
        self._offset: dict[str, int] = {}
        self._frames: dict[str, pd.DataFrame] = {}
        self.figures: list[Figure] = []

    def add_population(
        self,
        name: str,
        records: pd.DataFrame,
        dims: Mapping[str, Sequence],
        *,
        attributes: Mapping[str, str] | None = None,
    ) -> None:
        """Register records broken down into every combination of ``dims`` (zeros included).

        ``attributes`` maps a column fixed by a dimension (``{"period": "event_id"}``: each event
        lies in one period) so figures can filter on it too.
        """
        if name in self._offset:
            raise ValueError(f"population {name!r} is already registered")
        names = list(dims)
        grid = pd.DataFrame(list(product(*[list(v) for v in dims.values()])), columns=names)
        for col in names:
            unknown = set(records[col].dropna().astype(str)) - {str(v) for v in dims[col]}
            if unknown:
                raise ValueError(f"{name}: {col} values outside the breakdown: {sorted(unknown)}")
        sizes = records.groupby(names, dropna=True).size().rename("count").reset_index()
        grid = grid.merge(sizes, on=names, how="left")
        grid["count"] = grid["count"].fillna(0).astype("int64")
        for attr, by in (attributes or {}).items():
            lookup = records.drop_duplicates(by).set_index(by)[attr]
            grid[attr] = grid[by].map(lookup)
        self._offset[name] = sum(len(c) for c in self._cells)
        self._cells.append(grid)
        self._frames[name] = grid

    def copy(self) -> Publication:
        """Same cells and figures, so a candidate table can be tried without changing this one."""
        other = Publication()
        other._cells, other._offset, other._frames = list(self._cells), dict(self._offset), dict(self._frames)
        other.figures = list(self.figures)
        return other

    @property
    def counts(self) -> np.ndarray:
        """True count of every cell, populations one after another."""
        if not self._cells:
            return np.zeros(0, dtype="int64")
        return np.concatenate([c["count"].to_numpy() for c in self._cells])

    def cells(self, population: str, where: Mapping[str, object]) -> tuple[int, ...]:
        """Indices of the cells of ``population`` matching ``where`` (a value or a list per column)."""
        grid = self._frames[population]
        mask = np.ones(len(grid), dtype=bool)
        for col, value in where.items():
            values = value if isinstance(value, list | tuple | set) else [value]
            mask &= grid[col].isin(list(values)).to_numpy()
        return tuple(int(i) + self._offset[population] for i in np.flatnonzero(mask))

    def status_of_cells(self, cells: Sequence[int]) -> str | None:
        """How the figures added so far print the sum of exactly ``cells``: shown if any prints
        it, else its hidden status, else None (not printed)."""
        found = [f.status for f in self.figures if set(f.cells) == set(cells)]
        for status in (SHOWN, PRIMARY, COMPLEMENTARY):
            if status in found:
                return status
        return None

    def add(
        self, table: str, label: str, population: str, where: Mapping[str, object], value: object
    ) -> None:
        """Add one printed number (or marker) of ``table``; a shown number must match its cells."""
        status = status_of(value)
        if status == UNPUBLISHED:
            return
        cells = self.cells(population, where)
        if not cells:
            if status == SHOWN and float(str(value)) == 0:
                return  # a printed zero over categories that do not exist says nothing
            raise ValueError(f"{table}: {label} matches no cell of {population}")
        if status == SHOWN:
            true = int(self.counts[list(cells)].sum())
            if float(str(value)) != true:
                raise ValueError(f"{table}: {label} is printed as {value} but its cells sum to {true}")
        self.figures.append(Figure(table, label, cells, status))

    def add_grid(
        self,
        table: str,
        printed: pd.DataFrame,
        population: str,
        rows: Mapping[Label, Mapping[str, object]],
        columns: Mapping[str, Mapping[str, object]],
    ) -> None:
        """Add every printed cell of a table: ``rows`` maps an index label, ``columns`` a column
        name, to the filter it stands for; the cell's filter is the two merged."""
        for idx, row_where in rows.items():
            for col, col_where in columns.items():
                label = f"row {idx!r}, column {col!r}"
                self.add(table, label, population, {**row_where, **col_where}, printed.loc[idx, col])

    def audit(self) -> AuditResult:
        """What a reader of everything added could work out about each hidden figure.

        Complementary figures are checked for being pinned, not for their exact range. The
        result is remembered, so auditing the same publication again (the layout choice tried
        it; the build enforces it) costs nothing.
        """
        counts = self.counts
        key = (counts.tobytes(), tuple(self.figures))
        if key not in _AUDITS:
            if len(_AUDITS) >= 8:
                _AUDITS.pop(next(iter(_AUDITS)))
            _AUDITS[key] = audit_figures(counts, self.figures, exact=False)
        return _AUDITS[key]


_AUDITS: dict[tuple, AuditResult] = {}
