"""Disclosure audit: what a reader can work out about each hidden count from everything published.

A published set of tables is modelled as *cells* (the true counts of the finest breakdown, e.g.
field of work x sector x period) and *figures*: each published number is the sum of some cells (a
cell itself, a row total, a period total on another table...). Every figure has a status:

- ``shown``: printed, so the reader knows its value exactly;
- ``primary``: hidden as "<5", so the reader knows it is 1 to 4 (the rule says so);
- ``complementary``: hidden as "[c]" to protect others, so the reader knows it is *not* 1 to 4:
  it is 0 or at least 5 (a count of 1 to 4 would have been marked "<5");
- ``unpublished``: nowhere on the page; it constrains nothing.

The reader's knowledge is a small integer programme: non-negative whole cells such that every
shown figure has its value and every hidden one obeys its rule. For each hidden figure the audit
asks :func:`scipy.optimize.milp` which values remain possible. A primary figure is safe only when
*every* value from 1 to 4 remains possible (the strict reading: ruling out even one value leaks
something about a handful of people); a complementary figure is safe unless it is pinned to one
value. Anything else is a leak, named with the table, the figure and the shown totals that touch it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from pdu_analysis.errors import PDUInputError
from pdu_analysis.stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW

SHOWN, PRIMARY, COMPLEMENTARY, UNPUBLISHED = "shown", "primary", "complementary", "unpublished"
STATUSES = (SHOWN, PRIMARY, COMPLEMENTARY, UNPUBLISHED)
HIDDEN = (PRIMARY, COMPLEMENTARY)


class DisclosureError(PDUInputError):
    """A published table would let a reader work out a hidden count of 1 to 4."""


@dataclass(frozen=True)
class Figure:
    """One published (or withheld) number: the sum of ``cells`` (indices into the true counts)."""

    table: str
    label: str
    cells: tuple[int, ...]
    status: str = SHOWN

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {self.status!r}")
        if not self.cells:
            raise ValueError(f"{self.table}: figure {self.label!r} sums no cells")

    def name(self) -> str:
        """Table and label, as a reader would look it up."""
        return f"{self.table}: {self.label}"


@dataclass(frozen=True)
class Finding:
    """What a reader can work out about one hidden figure."""

    figure: Figure
    possible: tuple[int, ...]
    """Values still possible (primary figures: which of 1 to 4; complementary: lowest, highest)."""
    lower: int
    upper: int | None
    """Highest possible value, or None when no published total bounds it."""
    leak: bool
    totals: tuple[str, ...] = field(default=())
    """Shown totals that contain this figure's cells, e.g. "03_x: total of row 'Housing' = 35"."""
    rule: tuple[int, int] = (DISCLOSURE_LOW, DISCLOSURE_HIGH)
    position: int = -1
    """Index of the figure in the audited sequence."""

    def describe(self) -> str:
        """One sentence naming the table, the figure, what can be worked out and from what."""
        what = self.figure.name()
        if self.upper is not None and self.lower == self.upper:
            found = f"can be worked out exactly ({self.lower})"
        else:
            top = "no upper limit" if self.upper is None else str(self.upper)
            found = f"is narrowed to {self.lower} to {top}"
            if self.figure.status == PRIMARY:
                found = f"can only be {', '.join(map(str, self.possible))}"
        rule = (
            f"the rule allows {self.rule[0]} to {self.rule[1]}"
            if self.figure.status == PRIMARY
            else "it is hidden to protect another count"
        )
        source = "; ".join(self.totals) if self.totals else "the other published figures"
        return f"{what} {found} while {rule}, from {source}"


@dataclass(frozen=True)
class AuditResult:
    """Every hidden figure's finding; ``passed`` when none leaks."""

    findings: tuple[Finding, ...]

    @property
    def leaks(self) -> tuple[Finding, ...]:
        """Findings that give something away."""
        return tuple(f for f in self.findings if f.leak)

    @property
    def passed(self) -> bool:
        """True when no hidden figure can be worked out or narrowed."""
        return not self.leaks

    def report(self) -> str:
        """The leaks, one per line (empty when the audit passed)."""
        return "\n".join(f.describe() for f in self.leaks)

    def enforce(self) -> AuditResult:
        """Raise :class:`DisclosureError` naming every leak; return self when there is none."""
        if self.leaks:
            n = len(self.leaks)
            raise DisclosureError(
                f"{n} hidden {'count' if n == 1 else 'counts'} could be worked out from what is "
                "published:\n" + self.report()
            )
        return self


class _Model:
    """The reader's integer programme: one variable per cell, one per published figure."""

    def __init__(
        self,
        counts: np.ndarray,
        figures: Sequence[Figure],
        statuses: Sequence[str],
        rule: tuple[int, int],
    ):
        self.n_cells = len(counts)
        self.big = int(2 * counts.sum() + 2 * rule[1] + 10)
        active = [k for k, s in enumerate(statuses) if s != UNPUBLISHED]
        self.column = {k: self.n_cells + i for i, k in enumerate(active)}
        n = self.n_cells + len(active)
        lb, ub = np.zeros(n), np.full(n, float(self.big))
        self.integrality = np.ones(n)
        rows = np.zeros((len(active), n))
        for i, k in enumerate(active):
            fig, col = figures[k], self.column[k]
            rows[i, list(fig.cells)] = 1.0
            rows[i, col] = -1.0
            if statuses[k] == SHOWN:
                lb[col] = ub[col] = float(counts[list(fig.cells)].sum())
            elif statuses[k] == PRIMARY:
                lb[col], ub[col] = rule
            else:  # complementary: 0, or above the rule's range (a semi-integer variable)
                lb[col] = rule[1] + 1
                self.integrality[col] = 3
        self.lb, self.ub = lb, ub
        self.constraint = LinearConstraint(rows, 0.0, 0.0) if len(active) else None

    def _solve(self, objective: np.ndarray, lb: np.ndarray, ub: np.ndarray):
        res = milp(
            objective,
            integrality=self.integrality,
            bounds=Bounds(lb, ub),
            constraints=self.constraint,
        )
        return res if res.status == 0 else None

    def value(self, k: int, x: np.ndarray) -> int:
        """Figure ``k``'s value in the solution ``x``."""
        return int(round(x[self.column[k]]))

    def solution_with(self, k: int, value: int) -> np.ndarray | None:
        """A solution in which figure ``k`` takes ``value``, or None when there is none."""
        col = self.column[k]
        if value != 0 and self.integrality[col] == 3 and value < self.lb[col]:
            return None
        lb, ub = self.lb.copy(), self.ub.copy()
        lb[col] = ub[col] = value
        res = self._solve(np.zeros(len(lb)), lb, ub)
        return None if res is None else res.x

    def extreme(self, k: int, sign: float) -> tuple[int, np.ndarray]:
        """Lowest (``sign`` 1) or highest (``sign`` -1) possible value of figure ``k``, and a
        solution that reaches it."""
        objective = np.zeros(len(self.lb))
        objective[self.column[k]] = sign
        res = self._solve(objective, self.lb, self.ub)
        if res is None:
            raise ValueError("the published figures contradict each other: the true counts should fit")
        return self.value(k, res.x), res.x

    def spread(self, columns: Sequence[int], sign: float) -> np.ndarray | None:
        """A solution pushing all of ``columns`` down (``sign`` 1) or up (-1) at once."""
        objective = np.zeros(len(self.lb))
        objective[list(columns)] = sign
        res = self._solve(objective, self.lb, self.ub)
        return None if res is None else res.x


def _totals(counts: np.ndarray, figures: Sequence[Figure], statuses: Sequence[str], k: int):
    cells = set(figures[k].cells)
    return tuple(
        f"{f.name()} = {int(counts[list(f.cells)].sum())}"
        for j, f in enumerate(figures)
        if j != k and statuses[j] == SHOWN and len(f.cells) > 1 and cells & set(f.cells)
    )


def _checked_counts(counts: Sequence[int] | np.ndarray, figures: Sequence[Figure]) -> np.ndarray:
    """The counts as a flat array of whole numbers that every figure's cells index."""
    counts = np.asarray(counts, dtype="int64")
    if counts.ndim != 1 or (counts < 0).any():
        raise ValueError("counts must be a flat sequence of whole numbers, zero or more")
    for f in figures:
        if max(f.cells) >= len(counts) or min(f.cells) < 0:
            raise ValueError(f"{f.name()}: a cell index is outside the counts")
    return counts


class _Seen:
    """Values each hidden figure is known to be able to take: the true counts are one solution,
    and every solution found on the way witnesses a value for every figure at once, so most
    questions are answered without a solve of their own."""

    def __init__(self, model: _Model, counts: np.ndarray, figures: Sequence[Figure], targets: list[int]):
        self.model, self.targets = model, targets
        self.values = {k: {int(counts[list(figures[k].cells)].sum())} for k in targets}

    def witness(self, x: np.ndarray | None) -> None:
        if x is not None:
            for j in self.targets:
                self.values[j].add(self.model.value(j, x))


def _primary_range(
    model: _Model, seen: _Seen, k: int, name: str, low: int, high: int
) -> tuple[tuple[int, ...], int, int, bool]:
    """A figure hidden as 1 to 4: the values of the rule it can take (possible, lower, upper,
    leak: fewer than all of them)."""
    rule = range(low, high + 1)
    for v in rule:
        if v not in seen.values[k]:
            seen.witness(model.solution_with(k, v))
    possible = tuple(v for v in rule if v in seen.values[k])
    if not possible:
        raise ValueError(f"{name} is hidden as 1 to 4 but holds another value")
    return possible, min(possible), max(possible), possible != tuple(rule)


def _complementary_range(
    model: _Model, seen: _Seen, k: int, exact: bool
) -> tuple[tuple[int, ...], int, int | None, bool]:
    """A complementary figure: its lowest and highest value (possible, lower, upper or None when
    unbounded, leak: pinned to one value); ``exact`` False stops once two values are known."""
    values = seen.values[k]
    if exact or len(values) == 1:
        lower, x = model.extreme(k, 1.0)
        seen.witness(x)
    if exact or len(values) == 1:
        upper, x = model.extreme(k, -1.0)
        seen.witness(x)
    if not exact:
        lower, upper = min(values), max(values)
    possible = (lower, upper)
    leak = lower == upper
    return possible, lower, (None if upper >= model.big - 1 else upper), leak


def audit_figures(
    counts: Sequence[int] | np.ndarray,
    figures: Sequence[Figure],
    *,
    statuses: Sequence[str] | None = None,
    only: Sequence[int] | None = None,
    low: int = DISCLOSURE_LOW,
    high: int = DISCLOSURE_HIGH,
    exact: bool = True,
) -> AuditResult:
    """What a reader can work out about each hidden figure from all the others.

    Parameters
    ----------
    counts : sequence of int
        True count of each cell (the finest breakdown the figures are built from).
    figures : sequence of Figure
        Everything published together, each as a sum of cells with its status.
    statuses : sequence of str, optional
        Statuses to use instead of the figures' own (for trying out a suppression pattern).
    only : sequence of int, optional
        Audit just these figures (indices); the others still constrain them.
    low, high : int
        The rule: primary figures hold ``low`` to ``high``; complementary ones do not.
    exact : bool, default True
        Find the exact lowest and highest value of each complementary figure. With False the
        audit only proves whether it is pinned, and ``lower``/``upper`` are two values shown
        possible (fewer solves: what suppression and the build need).

    Examples
    --------
    Row [4, 4, 20] with its total shown: hiding the two 4s as "<5" gives both away.

    >>> figs = [Figure("t", f"cell {j}", (j,), s) for j, s in enumerate(["primary"] * 2 + ["shown"])]
    >>> figs.append(Figure("t", "row total", (0, 1, 2)))
    >>> [f.possible for f in audit_figures([4, 4, 20], figs).leaks]
    [(4,), (4,)]
    """
    counts = _checked_counts(counts, figures)
    statuses = list(statuses) if statuses is not None else [f.status for f in figures]
    model = _Model(counts, figures, statuses, (low, high))
    targets = [k for k in (only if only is not None else range(len(figures))) if statuses[k] in HIDDEN]
    seen = _Seen(model, counts, figures, targets)
    if len(targets) > 1:
        cols = [model.column[k] for k in targets]
        seen.witness(model.spread(cols, 1.0))
        seen.witness(model.spread(cols, -1.0))
    findings = []
    upper: int | None
    for k in targets:
        if statuses[k] == PRIMARY:
            possible, lower, upper, leak = _primary_range(model, seen, k, figures[k].name(), low, high)
        else:
            possible, lower, upper, leak = _complementary_range(model, seen, k, exact)
        findings.append(
            Finding(
                figure=Figure(figures[k].table, figures[k].label, figures[k].cells, statuses[k]),
                possible=possible,
                lower=lower,
                upper=upper,
                leak=leak,
                totals=_totals(counts, figures, statuses, k),
                rule=(low, high),
                position=k,
            )
        )
    return AuditResult(tuple(findings))
