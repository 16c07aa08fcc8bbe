"""Power and minimum detectable difference (MDD) of the test a page reports.

"Not significant" with 7 and 29 responses says little unless the reader also learns how big a
change those bases could have shown. The MDD answers that for the test actually reported:

- Fisher's exact test (waves of a survey): its power is computed *exactly*, by enumerating every
  pair of counts (k1, k2) the two samples could give, marking those Fisher's test rejects, and
  summing their binomial probabilities. The rejection region depends only on the bases, so it is
  computed once per pair of bases (:func:`fisher_rejection_region`) and the power at any true
  shares is a dot product. A normal approximation (arcsine, or the z-test) overstates Fisher's
  power at small bases: with 7 and 29 responses it can claim a rise of about a third could be
  detected when no rise at all reaches 80% power (docs/assumptions.md).
- Above :data:`EXACT_MAX_TABLES` possible tables the enumeration is replaced by the
  continuity-corrected normal approximation of Casagrande, Pike and Smith (1978), which tracks
  Fisher's test closely at such sizes (``tests/test_stats_power.py`` checks the two agree there).
- The cluster-robust Wald test (attendances, people as clusters): normal power with the
  variance multiplied by the design effect, i.e. at the effective bases n / deff.

The MDD is the smallest change from ``baseline`` beyond which power stays at or above the target
(exact power is not monotone in the true share, so the *last* crossing is taken, not the first),
found on a grid of 1,000 steps and refined by root finding. It is NaN when no change in that
direction reaches the target, and the sentence then says so instead of inventing a figure.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Literal

import numpy as np
from scipy.optimize import brentq
from scipy.special import gammaln
from scipy.stats import binom, norm

from pdu_analysis.stats.conventions import ALPHA, POWER

Direction = Literal["rise", "fall"]
Test = Literal["fisher", "wald"]

EXACT_MAX_TABLES = 250_000
"""Enumerate Fisher's test when (n1 + 1) (n2 + 1) is at most this (e.g. bases up to about 500 each);
above it, use :func:`fisher_power_approx`."""

RELATIVE_TIE = 1 + 1e-7
"""Tables whose probability is within this factor of the observed one count as "as extreme",
the tolerance scipy.stats.fisher_exact uses."""

GRID_STEPS = 1000
"""Steps of the grid over the true share on which the last crossing of the target is found."""


def _check_bases(n1: float, n2: float) -> None:
    if n1 < 1 or n2 < 1:
        raise ValueError(f"both bases must be at least 1, got {n1} and {n2}")


@lru_cache(maxsize=256)
def fisher_rejection_region(n1: int, n2: int, alpha: float = ALPHA) -> np.ndarray:
    """Boolean (n1 + 1) x (n2 + 1) array: True where Fisher's two-sided p < alpha for k1 of n1, k2 of n2.

    For each total t = k1 + k2 the tables form a hypergeometric distribution; the two-sided p of
    a table is the sum of the probabilities no larger than its own (scipy's definition).

    Examples
    --------
    >>> region = fisher_rejection_region(4, 4)
    >>> [(int(a), int(b)) for a, b in np.argwhere(region)]  # only 0 of 4 against 4 of 4
    [(0, 4), (4, 0)]
    """
    _check_bases(n1, n2)
    total = n1 + n2
    k1 = np.arange(n1 + 1)[:, None]
    k2 = np.arange(n2 + 1)[None, :]
    log_c = gammaln(np.arange(total + 1) + 1.0)  # log k!

    def log_choose(n: int, k: np.ndarray) -> np.ndarray:
        return log_c[n] - log_c[k] - log_c[n - k]

    log_p = log_choose(n1, k1) + log_choose(n2, k2) - log_choose(total, k1 + k2)
    region = np.zeros((n1 + 1, n2 + 1), dtype=bool)
    for t in range(total + 1):
        rows = np.arange(max(0, t - n2), min(t, n1) + 1)
        probs = np.exp(log_p[rows, t - rows])
        ordered = np.sort(probs)
        cumulative = np.cumsum(ordered)
        upto = np.searchsorted(ordered, probs * RELATIVE_TIE, side="right")
        p_values = cumulative[upto - 1]
        region[rows, t - rows] = p_values < alpha
    return region


def fisher_power(p1: float, p2, n1: int, n2: int, *, alpha: float = ALPHA):
    """Exact power of Fisher's two-sided test at true shares p1 (base n1) and p2 (base n2).

    ``p2`` may be an array (power at each value). With p1 == p2 this is the test's actual size,
    which is below alpha: Fisher's test is conservative.

    Examples
    --------
    >>> round(float(fisher_power(0.5, 0.5, 20, 20)), 4)  # actual size, under 5%
    0.0204
    >>> round(float(fisher_power(0.0, 1.0, 4, 4)), 6)  # only 0 of 4 against 4 of 4 rejects
    1.0
    """
    region = fisher_rejection_region(int(n1), int(n2), alpha).astype(float)
    first = binom.pmf(np.arange(n1 + 1), n1, p1)
    second = binom.pmf(np.arange(n2 + 1)[None, :], n2, np.atleast_1d(np.asarray(p2, dtype=float))[:, None])
    out = (second @ region.T) @ first
    return float(out[0]) if np.ndim(p2) == 0 else out


def fisher_power_approx(p1: float, p2, n1: int, n2: int, *, alpha: float = ALPHA):
    """Continuity-corrected normal approximation to Fisher's power (Casagrande, Pike and Smith 1978).

    Power = Phi((|p2 - p1| - c - z sqrt(pbar qbar (1/n1 + 1/n2))) / sqrt(p1 q1 / n1 + p2 q2 / n2)),
    with c = (1/n1 + 1/n2) / 2 and pbar the base-weighted mean share; the opposite tail is
    negligible and left out. Used only above :data:`EXACT_MAX_TABLES`.

    Examples
    --------
    >>> round(float(fisher_power_approx(0.5, 0.6, 1000, 1000)), 2)
    0.99
    """
    p2 = np.asarray(p2, dtype=float)
    z = norm.ppf(1 - alpha / 2)
    inv = 1 / n1 + 1 / n2
    pbar = (n1 * p1 + n2 * p2) / (n1 + n2)
    spread = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    null_sd = np.sqrt(pbar * (1 - pbar) * inv)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = norm.cdf((np.abs(p2 - p1) - inv / 2 - z * null_sd) / spread)
    out = np.where(spread > 0, out, (np.abs(p2 - p1) - inv / 2 > z * null_sd).astype(float))
    return float(out) if out.ndim == 0 else out


def wald_power(p1: float, p2, n1: float, n2: float, *, design_effect: float = 1.0, alpha: float = ALPHA):
    """Power of a two-sided Wald z-test of p2 - p1 whose variance is inflated by ``design_effect``.

    This is the cluster-robust test of attendances: the variance p q / n of each share times the
    design effect, i.e. the bases n / deff (the effective numbers of independent attendances).

    Examples
    --------
    >>> round(float(wald_power(0.5, 0.5, 100, 100)), 3)  # no difference: power = alpha
    0.05
    """
    p2 = np.asarray(p2, dtype=float)
    z = norm.ppf(1 - alpha / 2)
    se = np.sqrt(design_effect * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.abs(p2 - p1) / se
    shift = np.where(se > 0, shift, np.where(p2 == p1, 0.0, np.inf))
    out = norm.cdf(shift - z) + norm.cdf(-shift - z)
    return float(out) if out.ndim == 0 else out


def power_for(
    p1: float,
    p2,
    n1: float,
    n2: float,
    *,
    alpha: float = ALPHA,
    test: Test = "fisher",
    design_effect: float = 1.0,
):
    """Power of the reported test: Fisher's (exact up to :data:`EXACT_MAX_TABLES`) or the clustered Wald.

    Examples
    --------
    >>> round(power_for(0.5, 0.5, 50, 50, test="wald"), 3)
    0.05
    """
    if test == "wald":
        return wald_power(p1, p2, n1, n2, design_effect=design_effect, alpha=alpha)
    if test != "fisher":
        raise ValueError(f"test must be 'fisher' or 'wald', got {test!r}")
    n1, n2 = int(n1), int(n2)
    _check_bases(n1, n2)
    if (n1 + 1) * (n2 + 1) <= EXACT_MAX_TABLES:
        return fisher_power(p1, p2, n1, n2, alpha=alpha)
    return fisher_power_approx(p1, p2, n1, n2, alpha=alpha)


def fisher_size(n1: int, n2: int, share: float, *, alpha: float = ALPHA) -> float:
    """Chance that Fisher's test gives p < alpha when both samples share one true proportion.

    Summed over comparisons this is the number of false positives expected if nothing changed
    (smaller than alpha times the number of comparisons, since the test is conservative).

    Examples
    --------
    >>> fisher_size(7, 29, 0.0)  # nothing can differ when every answer is "no"
    0.0
    """
    return float(power_for(share, share, n1, n2, alpha=alpha))


def minimum_detectable_difference(
    n1: float,
    n2: float,
    baseline: float,
    *,
    direction: Direction = "rise",
    power: float = POWER,
    alpha: float = ALPHA,
    test: Test = "fisher",
    design_effect: float = 1.0,
) -> float:
    """Smallest change from ``baseline`` beyond which the reported test has the given power, in points.

    Parameters
    ----------
    n1, n2 : int
        Bases of the first and second sample (both >= 1).
    baseline : float
        Share in both samples under "no change" (0-1): the first sample's true share.
    direction : {"rise", "fall"}
        Whether the second share is above or below the baseline.
    power, alpha : float
        Target power and two-sided significance level (80%, 0.05).
    test : {"fisher", "wald"}
        Fisher's exact test, or the cluster-robust Wald test with ``design_effect``.

    Returns
    -------
    float
        Percentage points (positive), or NaN when no change in that direction, not even to
        100% (rise) or 0% (fall), reaches the target power.

    Examples
    --------
    Two samples of 100 from 50%: about 20 points for Fisher's test (19.3 for a z-test).

    >>> round(minimum_detectable_difference(100, 100, 0.5), 1)
    20.2
    >>> minimum_detectable_difference(7, 29, 23 / 36)  # no rise from 64% reaches 80% power
    nan
    """
    _check_bases(n1, n2)
    if not 0.0 <= baseline <= 1.0:
        raise ValueError(f"baseline must be a proportion in 0-1, got {baseline}")
    if direction not in ("rise", "fall"):
        raise ValueError(f"direction must be 'rise' or 'fall', got {direction!r}")
    end = 1.0 if direction == "rise" else 0.0
    if baseline == end:
        return math.nan
    grid = np.linspace(baseline, end, GRID_STEPS + 1)

    def power_at(p2):
        return power_for(baseline, p2, n1, n2, alpha=alpha, test=test, design_effect=design_effect)

    below = np.flatnonzero(np.asarray(power_at(grid)) < power)
    if not len(below):  # only when the target power is at most the test's size
        return 0.0
    last = int(below[-1])
    if last == GRID_STEPS:
        return math.nan

    def gap(p2: float) -> float:
        return float(power_at(p2)) - power

    p2 = brentq(gap, grid[last], grid[last + 1], xtol=1e-12)
    return 100.0 * abs(p2 - baseline)
