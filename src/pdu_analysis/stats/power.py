"""Minimum detectable difference (MDD) between two independent proportions.

"Not significant" with 7 and 29 responses says little unless the reader also learns how big a
change those bases could have shown. The MDD answers that: the smallest change from a baseline
that a two-sided test at ``alpha`` would pick up with probability ``power``.

It uses statsmodels' :class:`~statsmodels.stats.power.NormalIndPower` on Cohen's arcsine effect
size :func:`~statsmodels.stats.proportion.proportion_effectsize`, and solves for the second
proportion (not the effect size) so that the answer is in percentage points and respects the
0-100% bounds: a rise of 60 points from 70% is impossible, and the function says so (NaN)
instead of inventing one.
"""

from __future__ import annotations

import math
from typing import Literal

from scipy.optimize import brentq
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

from pdu_analysis.stats.conventions import ALPHA, POWER

Direction = Literal["rise", "fall"]


def power_for(p1: float, p2: float, n1: int, n2: int, *, alpha: float = ALPHA) -> float:
    """Power of a two-sided test of p1 (base n1) against p2 (base n2), arcsine scale.

    Examples
    --------
    >>> round(power_for(0.5, 0.5, 50, 50), 3)  # no difference: power = alpha
    0.05
    """
    h = proportion_effectsize(p2, p1)
    return float(
        NormalIndPower().power(effect_size=h, nobs1=n1, alpha=alpha, ratio=n2 / n1, alternative="two-sided")
    )


def minimum_detectable_difference(
    n1: int,
    n2: int,
    baseline: float,
    *,
    direction: Direction = "rise",
    power: float = POWER,
    alpha: float = ALPHA,
) -> float:
    """Smallest change from ``baseline`` detectable with the given power, in points.

    Parameters
    ----------
    n1, n2 : int
        Bases of the first and second sample (both >= 1).
    baseline : float
        First proportion, on the 0-1 scale.
    direction : {"rise", "fall"}
        Whether the second proportion is above or below the baseline.
    power, alpha : float
        Target power and two-sided significance level (80%, 0.05).

    Returns
    -------
    float
        Percentage points (positive), or NaN when even a change to 100% (rise) or 0% (fall)
        would not reach the target power.

    Examples
    --------
    Two samples of 100 from 50%: a change of about 20 points.

    >>> round(minimum_detectable_difference(100, 100, 0.5), 1)
    19.3
    >>> minimum_detectable_difference(7, 29, 0.9)  # no rise from 90% is big enough
    nan
    """
    if n1 < 1 or n2 < 1:
        raise ValueError(f"both bases must be at least 1, got {n1} and {n2}")
    if not 0.0 <= baseline <= 1.0:
        raise ValueError(f"baseline must be a proportion in 0-1, got {baseline}")
    if direction not in ("rise", "fall"):
        raise ValueError(f"direction must be 'rise' or 'fall', got {direction!r}")
    end = 1.0 if direction == "rise" else 0.0
    if baseline == end:
        return math.nan

    def gap(p2: float) -> float:
        return power_for(baseline, p2, n1, n2, alpha=alpha) - power

    if gap(end) < 0:
        return math.nan
    p2 = brentq(gap, baseline, end, xtol=1e-10)
    return 100.0 * abs(p2 - baseline)
