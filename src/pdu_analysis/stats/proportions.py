"""One proportion with its 95% Wilson interval and the wording the report may use.

Wilson, not the statsmodels default (Wald): with bases of 7 or 29 the Wald interval can run
below 0%, collapses to zero width at 0 of n, and under-covers. Wilson stays in 0-100% and
keeps close to its nominal 95%.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from statsmodels.stats.proportion import proportion_confint

from pdu_analysis.stats.conventions import ALPHA, INDICATIVE_BASE, WORDS_ONLY_BASE
from pdu_analysis.stats.formatting import check_count_base, whole

Flag = Literal["ok", "indicative", "words_only"]


def base_flag(base: int) -> Flag:
    """How far a percentage on this base may be trusted in text.

    Examples
    --------
    >>> base_flag(29), base_flag(30), base_flag(50)
    ('words_only', 'indicative', 'ok')
    """
    if base < WORDS_ONLY_BASE:
        return "words_only"
    if base < INDICATIVE_BASE:
        return "indicative"
    return "ok"


@dataclass(frozen=True)
class Proportion:
    """A count out of a base, with its 95% Wilson interval (all on the 0-100 scale).

    Build it with :func:`proportion`, which validates the inputs.

    Attributes
    ----------
    count, base : int
        k and n.
    percent : float
        100 k / n, unrounded.
    ci_low, ci_high : float
        95% Wilson interval in percent, unrounded.
    flag : {"ok", "indicative", "words_only"}
        ``"words_only"`` for n < 30, ``"indicative"`` for 30 <= n < 50.
    label : str or None
        What is being counted, for tables.
    """

    count: int
    base: int
    percent: float
    ci_low: float
    ci_high: float
    flag: Flag
    label: str | None = None

    @property
    def display_percent(self) -> int:
        """Percent rounded half up, computed from the exact fraction (12.5 -> 13)."""
        return whole(Fraction(100 * self.count, self.base))

    def to_record(self) -> dict[str, float | int]:
        """Row for the proportions CSV (the caller adds ``measure`` and ``wave``).

        Examples
        --------
        >>> sorted(proportion(1, 2).to_record())
        ['base', 'ci_high', 'ci_low', 'count', 'percent']
        """
        return {
            "count": self.count,
            "base": self.base,
            "percent": self.percent,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
        }


def proportion(count: int, base: int, *, label: str | None = None) -> Proportion:
    """k of n as a :class:`Proportion` with a 95% Wilson interval.

    Parameters
    ----------
    count : int
        Number with the attribute (k). Integral floats such as ``7.0`` are accepted.
    base : int
        Number asked or counted (n); must be at least 1.
    label : str, optional
        What is being counted.

    Returns
    -------
    Proportion

    Raises
    ------
    ValueError
        If the base is 0, a value is negative or fractional, or ``count > base``.

    Examples
    --------
    Newcombe's (1998) example, 81 of 263:

    >>> p = proportion(81, 263)
    >>> round(p.percent, 1), round(p.ci_low, 2), round(p.ci_high, 2)
    (30.8, 25.53, 36.62)
    >>> p.flag
    'ok'
    """
    k, n = check_count_base(count, base)
    low, high = proportion_confint(k, n, alpha=ALPHA, method="wilson")
    # Wilson's limits are exactly 0 and 1 at k = 0 and k = n; clip float noise only.
    low = min(max(float(low), 0.0), k / n)
    high = max(min(float(high), 1.0), k / n)
    return Proportion(
        count=k,
        base=n,
        percent=100.0 * k / n,
        ci_low=100.0 * low,
        ci_high=100.0 * high,
        flag=base_flag(n),
        label=label,
    )
