"""Suppression of a counts table: hide 1 to 4, then hide more until the audit proves it safe.

A table of attendances by organisation or by a small field of work can identify someone when a
cell holds one to four people. Those cells are shown as "<5" (primary suppression). Zero is shown:
it says nobody, and hides no one.

Hiding one cell is not enough when totals are published: total minus the other cells gives it
back, and so can two small cells in one row ([4, 4, 20] with total 28) or a hidden cell whose
rule gives it a floor ("[c]" means 0 or at least 5). So the cells to hide as well ("[c]",
complementary suppression) are chosen by :mod:`.audit`: while some hidden count can be worked out
or narrowed from the published totals, hide the smallest visible cell that shares a total with
it and restores its full range (zeros last: a hidden zero protects little); when no cell does,
withhold a total instead (``withheld_totals``: the caller must not publish it). The result carries
the audit, so the note under the table says "cannot be worked out" only when that is proved, and
a build can stop on any leak left (``result.audit.enforce()``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pdu_analysis.stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW
from pdu_analysis.stats.disclosure.audit import (
    COMPLEMENTARY,
    HIDDEN,
    PRIMARY,
    SHOWN,
    UNPUBLISHED,
    AuditResult,
    Figure,
    Finding,
    audit_figures,
)


@dataclass(frozen=True)
class Suppressed:
    """A table after disclosure control.

    Attributes
    ----------
    table : DataFrame
        For publication: count columns as text, hidden cells replaced by ``marker`` (1 to 4) or
        ``secondary_marker`` (hidden to protect them); other columns unchanged.
    values : DataFrame
        Same table with count columns as nullable ``Int64`` and ``<NA>`` in hidden cells.
    primary, secondary : DataFrame
        Boolean masks over the count columns.
    audit : AuditResult
        What a reader could work out about each hidden count, given the totals published.
    withheld_totals : dict of str to str
        Totals that must not be published, with their marker: ``marker`` for a total of 1 to 4,
        ``secondary_marker`` for one withheld because no choice of cells protected the others.
    totals_published : bool
        Whether any total was assumed published (otherwise nothing can be subtracted).
    """

    table: pd.DataFrame
    values: pd.DataFrame
    primary: pd.DataFrame
    secondary: pd.DataFrame
    audit: AuditResult
    withheld_totals: Mapping[str, str] = field(default_factory=dict)
    totals_published: bool = True
    marker: str = "<5"
    secondary_marker: str = "[c]"

    @property
    def unprotected(self) -> list[str]:
        """Hidden counts the audit could still work out or narrow (empty when it passed)."""
        return [f.figure.name() for f in self.audit.leaks]

    @property
    def n_primary(self) -> int:
        """Cells suppressed because they held 1 to 4."""
        return int(self.primary.to_numpy().sum())

    @property
    def n_secondary(self) -> int:
        """Cells suppressed only to protect a primary cell."""
        return int(self.secondary.to_numpy().sum())

    @property
    def n_suppressed(self) -> int:
        """All suppressed cells."""
        return self.n_primary + self.n_secondary

    def note(self) -> str | None:
        """Sentence for under the table, or None when nothing was suppressed.

        The claim that hidden counts cannot be worked out is made only when the audit proved it.

        Examples
        --------
        >>> t = pd.DataFrame({"a": [3, 10], "b": [12, 20], "c": [9, 0]})
        >>> print(suppress_small(t, ["a", "b", "c"]).note())  # doctest: +NORMALIZE_WHITESPACE
        1 count between 1 and 4 is shown as "<5" to protect individuals; 1 further cell is
        hidden ([c]); a check of every value the totals allow shows that the hidden counts
        cannot be worked out from them.
        """
        if self.n_suppressed == 0:
            return None
        n1, n2 = self.n_primary, self.n_secondary
        low, high = self.audit.findings[0].rule if self.audit.findings else _LIMITS
        text = (
            f"{n1} {'count' if n1 == 1 else 'counts'} between {low} and {high} "
            f'{"is" if n1 == 1 else "are"} shown as "{self.marker}" to protect individuals'
        )
        if n2:
            text += f"; {n2} further {'cell is' if n2 == 1 else 'cells are'} hidden ({self.secondary_marker})"
        if not self.totals_published:
            return text + "."
        if self.withheld_totals:
            n = len(self.withheld_totals)
            text += f"; {n} {'total is' if n == 1 else 'totals are'} not published either"
        if self.audit.passed:
            return text + (
                "; a check of every value the totals allow shows that the hidden counts cannot "
                "be worked out from them."
            )
        n = len(self.audit.leaks)
        return text + (
            f"; {n} hidden {'count' if n == 1 else 'counts'} could still be worked out or "
            "narrowed from the totals, so those totals should not be published."
        )


_LIMITS = (DISCLOSURE_LOW, DISCLOSURE_HIGH)


def _cell_figures(
    labels: list,
    cols: list[str],
    present: np.ndarray,
    counts: np.ndarray,
    table_name: str,
    low: int,
    high: int,
) -> list[Figure]:
    """Each cell of the grid: unpublished where absent, primary when it holds 1 to 4."""
    n_rows, n_cols = counts.shape
    figures = []
    for i in range(n_rows):
        for j in range(n_cols):
            value = counts[i, j]
            status = UNPUBLISHED if not present[i, j] else PRIMARY if low <= value <= high else SHOWN
            figures.append(
                Figure(table_name, f"row {labels[i]!r}, column {cols[j]!r}", (i * n_cols + j,), status)
            )
    return figures


def _total_figures(
    labels: list,
    cols: list[str],
    shape: tuple[int, int],
    table_name: str,
    *,
    rows: bool,
    columns: bool,
    groups: Mapping[str, Sequence[str]],
) -> list[Figure]:
    """The totals assumed published: of each row (over all columns and each group of columns),
    of each column, over each group and the grand total."""
    n_rows, n_cols = shape

    def index(i: int, j: int) -> int:
        return i * n_cols + j

    figures = []
    spans: list[tuple[str, list[int]]] = []
    if rows:
        spans.append(("all columns", list(range(n_cols))))
    for name, members in groups.items():
        spans.append((str(name), [cols.index(c) for c in members]))
    for what, js in spans:
        for i in range(n_rows):
            label = f"total of row {labels[i]!r}" + ("" if what == "all columns" else f" over {what}")
            figures.append(Figure(table_name, label, tuple(index(i, j) for j in js)))
    if columns:
        for j in range(n_cols):
            figures.append(
                Figure(table_name, f"total of column {cols[j]!r}", tuple(index(i, j) for i in range(n_rows)))
            )
        for what, js in spans[1 if rows else 0 :]:
            cells = tuple(index(i, j) for i in range(n_rows) for j in js)
            figures.append(Figure(table_name, f"total over {what}", cells))
        figures.append(Figure(table_name, "grand total", tuple(range(n_rows * n_cols))))
    return figures


def _figures(
    labels: list,
    cols: list[str],
    present: np.ndarray,
    counts: np.ndarray,
    table_name: str,
    *,
    rows: bool,
    columns: bool,
    groups: Mapping[str, Sequence[str]],
    low: int,
    high: int,
) -> tuple[list[Figure], int]:
    """Cells, then the totals assumed published; returns the figures and how many are cells."""
    figures = _cell_figures(labels, cols, present, counts, table_name, low, high)
    n_cells = len(figures)
    figures += _total_figures(
        labels, cols, counts.shape, table_name, rows=rows, columns=columns, groups=groups
    )
    # A total of 1 to 4 is itself a small count: hidden wherever it is published.
    flat = counts.ravel()
    for k in range(n_cells, len(figures)):
        f = figures[k]
        if low <= flat[list(f.cells)].sum() <= high:
            figures[k] = Figure(f.table, f.label, f.cells, PRIMARY)
    return figures, n_cells


def complement(
    flat: np.ndarray,
    figures: list[Figure],
    n_cells: int,
    low: int,
    high: int,
    fixed: frozenset[int] = frozenset(),
) -> tuple[list[str], AuditResult]:
    """Hide visible cells (then, if need be, totals) until the audit passes.

    Hiding a figure only widens what a reader can deduce, so a figure that passed stays passed
    and each round re-audits only the leaks and the newly hidden figure. Figures in ``fixed``
    (positions) are printed as they are, never hidden to protect another.
    """
    statuses = [f.status for f in figures]
    settled: dict[int, Finding] = {}
    todo = [k for k, s in enumerate(statuses) if s in HIDDEN]
    while True:
        result = audit_figures(flat, figures, statuses=statuses, only=todo, low=low, high=high, exact=False)
        settled |= {f.position: f for f in result.findings if not f.leak}
        leaks = result.leaks
        if not leaks:
            return statuses, AuditResult(tuple(settled[k] for k in sorted(settled)))
        leak = leaks[0]
        near = set()
        for f, s in zip(figures[n_cells:], statuses[n_cells:], strict=True):
            if s == SHOWN and set(f.cells) & set(leak.figure.cells):
                near |= set(f.cells)
        cells = [k for k in range(n_cells) if statuses[k] == SHOWN and k in near and k not in fixed]
        totals = [
            k
            for k in range(n_cells, len(figures))
            if statuses[k] == SHOWN and set(figures[k].cells) & set(leak.figure.cells) and k not in fixed
        ]
        if not cells and not totals:
            return statuses, AuditResult(tuple(settled[k] for k in sorted(settled)) + leaks)
        cells.sort(key=lambda k: (flat[k] == 0, flat[k], k))
        totals.sort(key=lambda k: (len(figures[k].cells), k))
        chosen = _partner(cells, figures, statuses, n_cells, leak.figure.cells) or (cells or totals)[0]
        for k in cells + totals:
            trial = statuses.copy()
            trial[k] = COMPLEMENTARY
            check = audit_figures(
                flat, figures, statuses=trial, only=[leak.position], low=low, high=high, exact=False
            )
            if check.passed:
                chosen = k
                break
        statuses[chosen] = COMPLEMENTARY
        todo = [f.position for f in leaks] + [chosen]


def _partner(
    cells: list[int], figures: list[Figure], statuses: list[str], n_cells: int, leak: tuple[int, ...]
) -> int | None:
    """When no single cell restores a leak: the smallest candidate cell of the smallest shown
    total holding the leak (its row before its column), so that the hidden cells build up the
    usual rectangle rather than scatter over the table."""
    holding = sorted(
        (
            k
            for k in range(n_cells, len(figures))
            if statuses[k] == SHOWN and set(leak) <= set(figures[k].cells)
        ),
        key=lambda k: (len(figures[k].cells), k),
    )
    for k in holding:
        inside = [c for c in cells if c in set(figures[k].cells)]
        if inside:
            return inside[0]
    return None


def suppress_small(
    table: pd.DataFrame,
    count_cols: Sequence[str],
    *,
    low: int = DISCLOSURE_LOW,
    high: int = DISCLOSURE_HIGH,
    marker: str = "<5",
    secondary: bool = True,
    secondary_marker: str = "[c]",
    protect_columns: bool = False,
    row_groups: Mapping[str, Sequence[str]] | None = None,
    name: str = "table",
) -> Suppressed:
    """Suppress counts from ``low`` to ``high`` (1 to 4) and protect them against subtraction.

    Parameters
    ----------
    table : DataFrame
        Counts to publish, one row per category and one column per count. Totals are not among
        ``count_cols``; say which are published with ``secondary``, ``protect_columns`` and
        ``row_groups``.
    count_cols : sequence of str
        Columns holding whole-number counts.
    low, high : int
        Inclusive range to suppress. Zero is never suppressed as small.
    marker, secondary_marker : str
        Text shown in place of primary and complementary cells. They differ because a
        complementary cell may hold 0 or 5 or more and "<5" would then be untrue.
    secondary : bool, default True
        Row totals are published (set False when no totals are published anywhere).
    protect_columns : bool, default False
        Column totals and the grand total are published too.
    row_groups : mapping of str to column names, optional
        Further published totals: for each row, the sum over each group of columns (e.g. each
        period over sectors when the columns are sector x period), with their column totals.
    name : str
        The table's name in the audit's messages (e.g. the CSV's stem).

    Returns
    -------
    Suppressed
        ``table`` (for publication), ``values`` (``Int64`` with ``<NA>``), masks ``primary`` and
        ``secondary``, the ``audit`` and ``note()``.

    Examples
    --------
    >>> t = pd.DataFrame({"org": ["A", "B"], "to_interim": [3, 10], "after": [12, 20]})
    >>> s = suppress_small(t, ["to_interim", "after"])
    >>> s.table["to_interim"].tolist(), s.table["after"].tolist(), s.audit.passed
    (['<5', '10'], ['[c]', '20'], True)
    """
    if low < 1:
        raise ValueError("low must be at least 1: zero is never suppressed")
    cols = list(count_cols)
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise KeyError(f"count columns not in the table: {missing}")
    groups = dict(row_groups or {})
    unknown = [c for members in groups.values() for c in members if c not in cols]
    if unknown:
        raise KeyError(f"row_groups name columns that are not count columns: {unknown}")
    numeric = table[cols].apply(pd.to_numeric, errors="coerce")
    raw = numeric.to_numpy(dtype="float64", na_value=np.nan)
    present = ~np.isnan(raw)
    if (table[cols].notna().to_numpy() & ~present).any():
        raise ValueError("count columns must hold numbers")
    if (raw[present] < 0).any() or not np.all(np.mod(raw[present], 1) == 0):
        raise ValueError("counts must be whole numbers, zero or more")
    counts = np.where(present, raw, 0.0).astype("int64")

    published = secondary or protect_columns or bool(groups)
    figures, n_cells = _figures(
        list(table.index),
        cols,
        present,
        counts,
        name,
        rows=secondary,
        columns=protect_columns,
        groups=groups,
        low=low,
        high=high,
    )
    flat = counts.ravel()
    statuses, result = complement(flat, figures, n_cells, low, high)
    shape = counts.shape
    primary = np.array([s == PRIMARY for s in statuses[:n_cells]]).reshape(shape)
    extra = np.array([s == COMPLEMENTARY for s in statuses[:n_cells]]).reshape(shape)
    hidden = primary | extra

    values = table.copy()
    for j, col in enumerate(cols):
        values[col] = numeric[col].astype("Int64").mask(hidden[:, j])
    shown = table.copy()
    for j, col in enumerate(cols):
        cells = [
            secondary_marker
            if extra[i, j]
            else marker
            if primary[i, j]
            else (str(int(raw[i, j])) if present[i, j] else None)
            for i in range(len(table))
        ]
        shown[col] = pd.Series(cells, index=table.index, dtype="str")
    masks = {
        key: pd.DataFrame(arr, index=table.index, columns=cols)
        for key, arr in (("primary", primary), ("secondary", extra))
    }
    withheld = {
        f.label: marker if s == PRIMARY else secondary_marker
        for f, s in zip(figures[n_cells:], statuses[n_cells:], strict=True)
        if s in HIDDEN
    }
    return Suppressed(
        table=shown,
        values=values,
        primary=masks["primary"],
        secondary=masks["secondary"],
        audit=result,
        withheld_totals=withheld,
        totals_published=published,
        marker=marker,
        secondary_marker=secondary_marker,
    )
