"""Disclosure control: hide counts of 1 to 4 that could point to a person.

A table of attendances by organisation or by a small field of work can identify someone when a
cell holds one to four people. Those cells are suppressed in published outputs (primary
suppression). Zero is not suppressed: it says nobody, and hides no one.

Hiding one cell is not enough when row totals are shown: total minus the other cells gives it
back. So when a row has exactly one suppressed cell, the smallest other non-zero cell in that
row is suppressed too (secondary suppression). Zeros are never chosen as the secondary cell: a
hidden zero beside a small cell still lets the reader recover the small one when the row's
remainder is small. If column totals are shown as well, pass ``protect_columns=True`` and the
same rule is applied down the columns, repeating until every row (and column) with a suppressed
cell has at least two.

This is a simple, transparent heuristic, not an optimal cell-suppression solver; a row whose
only other cells are zero cannot be protected this way, and is listed in ``unprotected`` so the
notebook can drop the total or merge categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pdu_analysis.stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW


@dataclass(frozen=True)
class Suppressed:
    """A table after disclosure control.

    Attributes
    ----------
    table : DataFrame
        For publication: count columns as text, suppressed cells replaced by ``marker``
        (primary) or ``secondary_marker`` (secondary); other columns unchanged.
    values : DataFrame
        Same table with count columns as nullable ``Int64`` and ``<NA>`` in suppressed cells,
        for plotting or further arithmetic.
    primary, secondary : DataFrame
        Boolean masks over the count columns.
    unprotected : list
        Index labels of rows (then names of count columns, with ``protect_columns``) left
        with a single suppressed cell: a total shown for them would give it away.
    marker, secondary_marker : str
        The markers used.
    """

    table: pd.DataFrame
    values: pd.DataFrame
    primary: pd.DataFrame
    secondary: pd.DataFrame
    unprotected: list
    marker: str = "<5"
    secondary_marker: str = "[c]"

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

        Examples
        --------
        >>> t = pd.DataFrame({"a": [3, 10], "b": [12, 20], "c": [9, 0]})
        >>> print(suppress_small(t, ["a", "b", "c"]).note())  # doctest: +NORMALIZE_WHITESPACE
        1 count between 1 and 4 is shown as "<5" to protect individuals; 1 further cell is
        hidden ([c]) so it cannot be worked out from the totals.
        """
        if self.n_suppressed == 0:
            return None
        n1, n2 = self.n_primary, self.n_secondary
        text = (
            f"{n1} {'count' if n1 == 1 else 'counts'} between {_LIMITS[0]} and {_LIMITS[1]} "
            f'{"is" if n1 == 1 else "are"} shown as "{self.marker}" to protect individuals'
        )
        if n2:
            text += (
                f"; {n2} further {'cell is' if n2 == 1 else 'cells are'} hidden "
                f"({self.secondary_marker}) so {'it' if n1 == 1 else 'they'} cannot be worked "
                "out from the totals"
            )
        if self.unprotected:
            text += (
                f"; {len(self.unprotected)} row(s) or column(s) could not be protected, so "
                "their totals should not be shown"
            )
        return text + "."


_LIMITS = (DISCLOSURE_LOW, DISCLOSURE_HIGH)


def _protect(counts: np.ndarray, hidden: np.ndarray, axis: int) -> np.ndarray:
    """Secondary cells needed along ``axis`` (1 = within rows, 0 = within columns)."""
    if axis == 0:
        return _protect(counts.T, hidden.T, 1).T
    added = np.zeros_like(hidden)
    for i in range(hidden.shape[0]):
        if hidden[i].sum() != 1:
            continue
        candidates = np.flatnonzero(~hidden[i] & (counts[i] > 0))
        if len(candidates):
            # Smallest non-zero visible cell; the first one on ties, for reproducibility.
            added[i, candidates[np.argmin(counts[i, candidates])]] = True
    return added


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
) -> Suppressed:
    """Suppress counts from ``low`` to ``high`` (1 to 4) and, optionally, protect them.

    Parameters
    ----------
    table : DataFrame
        Counts to publish, one row per category (e.g. organisation) and one column per count
        (e.g. period). Totals should *not* be among ``count_cols``: recompute them from the
        published cells or show them knowing that secondary suppression protects against
        subtraction.
    count_cols : sequence of str
        Columns holding whole-number counts.
    low, high : int
        Inclusive range to suppress. Zero is never suppressed.
    marker, secondary_marker : str
        Text shown in place of primary and secondary suppressed cells. They differ because a
        secondary cell may hold 5 or more and "<5" would then be untrue.
    secondary : bool, default True
        Apply secondary suppression within rows (set False when no totals are published).
    protect_columns : bool, default False
        Also apply it within columns, for tables that show column totals.

    Returns
    -------
    Suppressed
        ``table`` (for publication), ``values`` (``Int64`` with ``<NA>``), boolean masks
        ``primary`` and ``secondary``, counts ``n_primary``, ``n_secondary``,
        ``n_suppressed`` and ``note()``.

    Examples
    --------
    >>> t = pd.DataFrame({"org": ["A", "B"], "to_interim": [3, 10], "after": [12, 20]})
    >>> s = suppress_small(t, ["to_interim", "after"])
    >>> s.table["to_interim"].tolist(), s.table["after"].tolist(), s.n_suppressed
    (['<5', '10'], ['[c]', '20'], 2)
    """
    if low < 1:
        raise ValueError("low must be at least 1: zero is never suppressed")
    cols = list(count_cols)
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise KeyError(f"count columns not in the table: {missing}")
    numeric = table[cols].apply(pd.to_numeric, errors="coerce")
    raw = numeric.to_numpy(dtype="float64", na_value=np.nan)
    present = ~np.isnan(raw)
    if (table[cols].notna().to_numpy() & ~present).any():
        raise ValueError("count columns must hold numbers")
    if (raw[present] < 0).any() or not np.all(np.mod(raw[present], 1) == 0):
        raise ValueError("counts must be whole numbers, zero or more")
    counts = np.where(present, raw, 0.0)

    primary = present & (counts >= low) & (counts <= high)
    extra = np.zeros_like(primary)
    unprotected: list = []
    if secondary:
        axes = (1, 0) if protect_columns else (1,)
        changed = True
        while changed:  # each pass only adds cells, so this ends
            changed = False
            for axis in axes:
                added = _protect(counts, primary | extra, axis) & ~(primary | extra)
                if added.any():
                    extra |= added
                    changed = True
        hidden = primary | extra
        unprotected = list(table.index[hidden.sum(axis=1) == 1])
        if protect_columns:
            unprotected += [c for c, n in zip(cols, hidden.sum(axis=0), strict=True) if n == 1]

    hidden = primary | extra
    values = table.copy()
    for j, col in enumerate(cols):
        values[col] = numeric[col].astype("Int64").mask(hidden[:, j])
    published = table.copy()
    for j, col in enumerate(cols):
        cells = [
            secondary_marker
            if extra[i, j]
            else marker
            if primary[i, j]
            else (str(int(raw[i, j])) if present[i, j] else None)
            for i in range(len(table))
        ]
        published[col] = pd.Series(cells, index=table.index, dtype="str")
    masks = {
        name: pd.DataFrame(arr, index=table.index, columns=cols)
        for name, arr in (("primary", primary), ("secondary", extra))
    }
    return Suppressed(
        table=published,
        values=values,
        primary=masks["primary"],
        secondary=masks["secondary"],
        unprotected=unprotected,
        marker=marker,
        secondary_marker=secondary_marker,
    )
