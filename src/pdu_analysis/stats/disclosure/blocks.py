"""Suppression of a table whose rows fall in blocks whose column totals are published elsewhere.

The sector mix of each learning event is one row per event, but the page also prints each
sector's attendances in each period: within a period, the events' cells add up to those totals.
Suppressing the event table on its own (row totals only) leaves the period totals to give a
hidden cell back: the period total minus the visible events. So each block (period) is protected
with every figure a reader has about it: each cell, each row's total, the block's column totals
(with the status the page gives them) and the block's total. No total is withheld: they are
printed elsewhere (the chart prints each event's). Then, block by block:

1. a row that cannot hide its small cells beside its own total (:func:`protectable`: a total of
   1 to 4, or [3, 3] whose cells are each 2 to 4) is pooled with the others of its block, the
   next smallest rows joining while the pool itself cannot;
2. the cells to hide as well ("[c]") are chosen by the audit across the rows of the block
   (:func:`.suppress.complement`: a visible cell sharing a total with a leak);
3. a block the audit still cannot protect is printed as one row: its cells are then the block's
   own column totals, printed as the page prints them, and add nothing a reader did not have.

Totals over every block are sums of the blocks' totals; the page's audit
(:mod:`pdu_analysis.tables.event_layout`) checks the whole table with everything else printed.
The result is deterministic (ties go to the earlier row) and carries the audit that proves it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from pdu_analysis.stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW
from pdu_analysis.stats.disclosure.audit import (
    HIDDEN,
    PRIMARY,
    SHOWN,
    AuditResult,
    Figure,
    Finding,
)
from pdu_analysis.stats.disclosure.suppress import complement

B = TypeVar("B", bound=Hashable)
"""What names a block (a period, for the per-event table)."""

SINGLE, SMALL, WHOLE = "single", "small", "whole"
"""Kinds of printed row: one source row, the pooled small rows of a block, a whole block."""


@dataclass(frozen=True)
class BlockRow:
    """One printed row: the source rows it adds up (positions), its block and its kind."""

    block: Hashable
    rows: tuple[int, ...]
    kind: str


@dataclass(frozen=True)
class BlockSuppression:
    """Printed rows, the status of each printed cell (``shown``, ``primary``, ``complementary``)
    and the audit of the table with the block totals it is published beside."""

    rows: tuple[BlockRow, ...]
    statuses: np.ndarray
    totals: tuple[str, ...]
    """Status of each printed row's total."""
    audit: AuditResult

    @property
    def pooled_blocks(self) -> list[Hashable]:
        """Blocks printed as one row because no choice of hidden cells protected them."""
        return [r.block for r in self.rows if r.kind == WHOLE and len(r.rows) > 1]

    def hidden_rows_mask(self, n: int) -> list[bool]:
        """For each of ``n`` source rows, whether its mix is not printed."""
        hidden = self.hidden_rows()
        return [i in hidden for i in range(n)]

    def hidden_rows(self) -> set[int]:
        """Source rows whose mix is not printed: a hidden cell, or pooled with other rows."""
        out: set[int] = set()
        for r, st in zip(self.rows, self.statuses, strict=True):
            if len(r.rows) > 1 or any(s in HIDDEN for s in st):
                out |= set(r.rows)
        return out


def _small(value: int, low: int, high: int) -> bool:
    return low <= value <= high


def protectable(
    row: Sequence[int] | np.ndarray, low: int = DISCLOSURE_LOW, high: int = DISCLOSURE_HIGH
) -> bool:
    """Whether a row printed beside its total can hide its small cells on its own terms.

    With its cells of ``low`` to ``high`` hidden ("<5") and, if need be, its other non-zero cells
    too ("[c]": 0 or more than ``high``), can each small cell still take every value the rule
    allows given the row's total alone? [3, 3] (total 6) cannot: each is 2 to 4; nor can [2, 5]
    (total 7): the other cell is at least 5, so the 2 is at most 2. Such a row is pooled.

    >>> protectable([2, 11]), protectable([2, 5]), protectable([3, 3]), protectable([0, 12])
    (True, False, False, True)
    """
    values = [int(v) for v in row]
    total = sum(values)
    k = sum(low <= v <= high for v in values)
    m = sum(v > high for v in values)
    if k == 0:
        return not low <= total <= high
    rests = range((k - 1) * low, (k - 1) * high + 1)
    return all(
        any(total - v - r == 0 or (m and total - v - r > high) for r in rests) for v in range(low, high + 1)
    )


def _needs_pool(row: np.ndarray, low: int, high: int) -> bool:
    return _small(int(row.sum()), low, high) or not protectable(row, low, high)


def _rows(counts: np.ndarray, members: list[int], whole: bool, low: int, high: int) -> list[tuple[int, ...]]:
    """One block's printed rows (source positions), rows that cannot be printed alone pooled."""
    if whole:
        return [tuple(members)]
    pool = [i for i in members if _needs_pool(counts[i], low, high)]
    rest = [i for i in members if i not in pool]
    while pool and _needs_pool(counts[pool].sum(axis=0), low, high) and rest:
        nxt = min(rest, key=lambda i: (int(counts[i].sum()), i))
        pool.append(nxt)
        rest.remove(nxt)
    out: list[tuple[int, ...]] = [(i,) for i in rest]
    if pool:
        out.append(tuple(sorted(pool)))
    return sorted(out)


def _one_block(
    counts: np.ndarray,
    rows: list[tuple[int, ...]],
    status: Mapping[int, str],
    whole: bool,
    labels: Sequence[str],
    cols: Sequence[str],
    name: str,
    low: int,
    high: int,
) -> tuple[list[str], AuditResult]:
    """Statuses of one block's printed cells then row totals, chosen by the audit with the
    block's column totals and total (printed elsewhere) in view."""
    n_cols = counts.shape[1]
    printed = np.array([counts[list(r)].sum(axis=0) for r in rows], dtype="int64").reshape(-1, n_cols)
    flat = printed.ravel()

    def by_value(v: int) -> str:
        return PRIMARY if _small(int(v), low, high) else SHOWN

    figures = []
    for i, r in enumerate(rows):
        row = "+".join(labels[k] for k in r)
        for j in range(n_cols):
            own = status.get(j, by_value(printed[i, j])) if whole else by_value(printed[i, j])
            figures.append(Figure(name, f"{row}, {cols[j]}", (i * n_cols + j,), own))
    n_cells = len(figures)
    for i, r in enumerate(rows):
        cells = tuple(range(i * n_cols, (i + 1) * n_cols))
        figures.append(
            Figure(name, f"{'+'.join(labels[k] for k in r)}, total", cells, by_value(flat[list(cells)].sum()))
        )
    for j in range(n_cols):
        cells = tuple(range(j, flat.size, n_cols))
        own = status.get(j, by_value(flat[list(cells)].sum()))
        figures.append(Figure(name, f"period total, {cols[j]} (published elsewhere)", cells, own))
    figures.append(
        Figure(name, "period total (published elsewhere)", tuple(range(flat.size)), by_value(flat.sum()))
    )
    # Totals are printed elsewhere (the chart prints each event's), so none is withheld; a whole
    # block's row repeats the block's own totals, printed as the page prints those.
    fixed = frozenset(range(n_cells, len(figures))) | (frozenset(range(n_cells)) if whole else frozenset())
    statuses, result = complement(flat, figures, n_cells, low, high, fixed)
    return statuses[: n_cells + len(rows)], result


def protect_blocks(
    counts: np.ndarray | Sequence[Sequence[int]],
    blocks: Sequence[B],
    *,
    block_status: Mapping[tuple[B, int], str] | None = None,
    pooled: Sequence[B] = (),
    labels: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    name: str = "table",
    low: int = DISCLOSURE_LOW,
    high: int = DISCLOSURE_HIGH,
) -> BlockSuppression:
    """Hide and pool the rows of ``counts`` until no hidden cell can be worked out.

    Blocks are protected one at a time: what links them (totals over every block) is the sum of
    the blocks' own totals, printed elsewhere; the page's audit checks the whole.

    Parameters
    ----------
    counts : 2-D array of int
        One row per source row (event), one column per category (sector).
    blocks : sequence
        The block (period) of each row.
    block_status : mapping of (block, column position) to status, optional
        How the page prints each block's column total (default: shown, or "<5" when 1 to 4).
    pooled : sequence
        Blocks to print as one row from the start.
    labels, columns : sequence of str, optional
        Names of source rows and columns, for the audit's messages.

    Examples
    --------
    Three events in one period, whose statutory total (20) is printed elsewhere. Hiding the 3
    and the 10 beside it is not enough (20 - 8 - 9 = 3): the smallest other statutory count and
    its partner are hidden as well, a rectangle.

    >>> s = protect_blocks([[3, 10], [8, 12], [9, 6]], ["p", "p", "p"])
    >>> [list(r) for r in s.statuses], s.audit.passed
    ([['primary', 'complementary'], ['complementary', 'complementary'], ['shown', 'shown']], True)
    """
    counts = np.asarray(counts, dtype="int64")
    if counts.ndim != 2 or len(blocks) != len(counts):
        raise ValueError("counts must be a table with one block per row")
    if (counts < 0).any():
        raise ValueError("counts must be whole numbers, zero or more")
    status = dict(block_status or {})
    source = list(labels) if labels is not None else [str(i) for i in range(len(counts))]
    cols = list(columns) if columns is not None else [str(j) for j in range(counts.shape[1])]
    n_cols = counts.shape[1]
    placed: list[tuple[BlockRow, list[str], str]] = []
    findings: list[Finding] = []
    for b in dict.fromkeys(blocks):
        members = [i for i, x in enumerate(blocks) if x == b]
        own = {j: st for (bb, j), st in status.items() if bb == b}
        whole = b in set(pooled)
        while True:
            rows = _rows(counts, members, whole, low, high)
            whole = whole or len(rows) == 1 and len(members) > 1
            statuses, result = _one_block(counts, rows, own, whole, source, cols, name, low, high)
            if result.passed or whole:
                break
            whole = True
        kind = WHOLE if whole else None
        for i, r in enumerate(rows):
            cell = statuses[i * n_cols : (i + 1) * n_cols]
            placed.append(
                (
                    BlockRow(b, r, kind or (SINGLE if len(r) == 1 else SMALL)),
                    cell,
                    statuses[len(rows) * n_cols + i],
                )
            )
        findings.extend(result.findings)
    placed.sort(key=lambda t: t[0].rows[0])
    grid = np.array([c for _, c, _ in placed], dtype=object).reshape(len(placed), n_cols)
    return BlockSuppression(
        tuple(r for r, _, _ in placed), grid, tuple(t for _, _, t in placed), AuditResult(tuple(findings))
    )


def _label(row: BlockRow, source: Sequence[str]) -> str:
    return "+".join(source[i] for i in row.rows)
