"""Is the sector mix different between periods? Chi-square with Cramér's V.

The report notes "a slight increase in the percentage of attendances from statutory agencies
since the interim report (22% to 26%)". The 26% is cumulative, so the fair test compares the
disjoint periods (to the interim cut-off vs after it): build ``period_col`` that way.

Attendances by the same person are not independent; like any chi-square on attendances this
test treats them as if they were, so its p-value is optimistic when people came repeatedly.
See :func:`pdu_analysis.stats.clustered.sector_share_clustered` for the design effect.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency, fisher_exact
from scipy.stats.contingency import association

from pdu_analysis.stats.conventions import MIN_EXPECTED


@dataclass(frozen=True)
class ChiSquareResult:
    """Chi-square test of independence of two categorical columns.

    Attributes
    ----------
    chi2, dof, p : float
        Pearson chi-square (Yates-corrected when ``dof == 1`` and ``correction=True``), its
        degrees of freedom and p-value (scipy.stats.chi2_contingency).
    cramer_v : float
        Cramér's V from the *uncorrected* Pearson statistic, sqrt(chi2 / (n (min(r, c) - 1)))
        (scipy.stats.contingency.association). Yates' correction adjusts a p-value for
        discreteness; it is not part of the effect size, and a V from the corrected statistic
        understates it (0.33 instead of 0.42 for [[3, 9], [8, 4]]).
    n : int
        Rows used (rows with a missing value in either column are dropped).
    min_expected : float
        Smallest expected cell count.
    n_small_expected : int
        Number of cells with expected count below 5.
    expected_warning : str or None
        Plain-English warning when any expected count is below 5, else None.
    fisher_p : float or None
        Fisher's exact p for a 2 x 2 table (the fallback when counts are small), else None.
    observed, expected : DataFrame
        Observed (uncorrected) and expected counts.
    """

    chi2: float
    dof: int
    p: float
    cramer_v: float
    n: int
    min_expected: float
    n_small_expected: int
    expected_warning: str | None
    fisher_p: float | None
    observed: pd.DataFrame
    expected: pd.DataFrame

    def to_record(self) -> dict[str, object]:
        """Scalar fields only, for a results table."""
        return {
            "chi2": self.chi2,
            "dof": self.dof,
            "p": self.p,
            "cramer_v": self.cramer_v,
            "n": self.n,
            "min_expected": self.min_expected,
            "n_small_expected": self.n_small_expected,
            "expected_warning": self.expected_warning,
            "fisher_p": self.fisher_p,
        }


def sector_by_period_test(
    df: pd.DataFrame, sector_col: str, period_col: str, *, correction: bool = True
) -> ChiSquareResult:
    """Chi-square test of sector by period, with Cramér's V (scipy.stats.chi2_contingency).

    Parameters
    ----------
    df : DataFrame
        One row per attendance.
    sector_col, period_col : str
        The two categorical columns. Both are cast to ``category`` (unused levels dropped)
        before testing, so pandas 3 ``str`` columns work.
    correction : bool, default True
        Yates' continuity correction for a 2 x 2 table (scipy's default).

    Returns
    -------
    ChiSquareResult

    Raises
    ------
    ValueError
        If either column has fewer than two observed values.

    Examples
    --------
    >>> att = pd.DataFrame({
    ...     "sector": ["statutory"] * 20 + ["voluntary"] * 80 + ["statutory"] * 40
    ...               + ["voluntary"] * 60,
    ...     "period": ["to_interim"] * 100 + ["after_interim"] * 100,
    ... })
    >>> r = sector_by_period_test(att, "sector", "period")
    >>> r.dof, round(r.p, 4), r.expected_warning is None
    (1, 0.0034, True)
    """
    data = df[[sector_col, period_col]].dropna()
    for col in (sector_col, period_col):
        data[col] = data[col].astype("category").cat.remove_unused_categories()
        levels = len(data[col].cat.categories)
        if levels < 2:
            raise ValueError(
                f"{col!r} has {levels} observed value(s); a test of association needs two or more"
            )
    observed = pd.crosstab(data[sector_col], data[period_col])
    chi2, p_value, dof, exp_values = chi2_contingency(observed.to_numpy(), correction=correction)
    expected = pd.DataFrame(exp_values, index=observed.index, columns=observed.columns)
    small = int((exp_values < MIN_EXPECTED).sum())
    warning = None
    if small:
        warning = (
            f"{small} of {exp_values.size} expected counts are below {MIN_EXPECTED} "
            f"(smallest {exp_values.min():.1f}): the chi-square p-value is unreliable"
            + (
                "; use Fisher's exact test"
                if exp_values.shape == (2, 2)
                else "; combine small categories or use an exact test"
            )
        )
    fisher_p = None
    if observed.shape == (2, 2):
        fisher_p = float(fisher_exact(observed.to_numpy())[1])
    return ChiSquareResult(
        chi2=float(chi2),
        dof=int(dof),
        p=float(p_value),
        cramer_v=float(association(observed.to_numpy(), method="cramer", correction=False)),
        n=int(len(data)),
        min_expected=float(np.min(exp_values)),
        n_small_expected=small,
        expected_warning=warning,
        fisher_p=fisher_p,
        observed=observed,
        expected=expected,
    )
