"""Two periods' shares of attendances compared with one cluster-robust test.

Attendances are clustered in people: someone who came six times is not six independent pieces
of evidence, and some people came in both periods. Fisher's exact test on attendances ignores
that and can claim p < 0.001 where the honest answer is p = 0.10. Here one analysis drives the
verdict, the interval *and* the detectable difference:

- the difference p2 - p1 and its variance from the independence GEE with identity link and
  person as cluster (closed form: the group means, with the sandwich variance summed person by
  person, ``tests/test_stats_clustered_compare.py`` checks it equals statsmodels' GEE);
- the Wald p and the 95% interval from that one variance, so they always agree;
- the design effect of the difference (robust / independent-binomial variance) and the detectable
  difference of this test at the effective bases n / deff (:func:`~pdu_analysis.stats.power.wald_power`).
  It is not the design effect of either share: a person who came in both periods adds to both
  shares alike, and that covariance *reduces* the variance of the difference (as pairing does), so the
  difference's design effect can be near 1 while each period's is well above it.

Fisher's p on the attendances is kept beside it as ``naive_p``, to be shown labelled as such.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact, norm

from pdu_analysis.stats.comparison import Difference
from pdu_analysis.stats.conventions import ALPHA
from pdu_analysis.stats.formatting import format_p
from pdu_analysis.stats.power import Direction, minimum_detectable_difference
from pdu_analysis.stats.verdict import Verdict, detectable_phrase, observed_phrase, verdict, verdict_clause

TEST_NAME = "cluster-robust"
"""How the sentence names the test ("cluster-robust p = 0.10")."""


def clustered_difference(
    y: np.ndarray, later: np.ndarray, clusters: np.ndarray
) -> tuple[float, float, float]:
    """(p1, p2, robust variance of p2 - p1) with people as clusters.

    Each person contributes the sum of their residuals in the later period over n2, minus those
    in the earlier period over n1; the variance is the sum of the squared contributions.

    Examples
    --------
    >>> y = np.array([1, 0, 1, 1]); later = np.array([0, 0, 1, 1])
    >>> p1, p2, var = clustered_difference(y, later, np.array([0, 1, 0, 1]))
    >>> p1, p2, round(var, 4)
    (0.5, 1.0, 0.125)
    """
    y = np.asarray(y, dtype=float)
    later = np.asarray(later, dtype=bool)
    n1, n2 = int((~later).sum()), int(later.sum())
    p1, p2 = float(y[~later].mean()), float(y[later].mean())
    contribution = np.where(later, (y - p2) / n2, -(y - p1) / n1)
    per_person = np.bincount(clusters, weights=contribution)
    return p1, p2, float(np.sum(per_person**2))


@dataclass(frozen=True)
class ClusteredComparison(Difference):
    """Second period minus first, in points, from the person-clustered analysis.

    ``diff``, ``ci_low``/``ci_high``, ``p_value`` (Wald, cluster-robust), ``design_effect`` (of the
    difference), ``n_eff1``/``n_eff2`` (n / deff) and ``mdd`` (80% power of that test, NaN when no
    change that way reaches it) all come from one variance; ``naive_p`` is Fisher's exact p
    treating every attendance as independent, for reference only.
    """

    design_effect: float
    n_eff1: float
    n_eff2: float
    mdd: float
    mdd_direction: str
    mdd_baseline: float
    people: int
    people_in_both: int
    naive_p: float

    @property
    def verdict(self) -> Verdict:
        """ "evidence" or "none" (interval and p come from one test, so never "mixed")."""
        return verdict(self.p_value, self.ci_low, self.ci_high)

    def sentence(self, what: str = "attendances") -> str:
        """Detectable difference, verdict and interval of the clustered test, then Fisher's p labelled."""
        a, b = self.labels
        opening = f"With {self.n1} ({a}) and {self.n2} ({b}) {what}"
        if not math.isfinite(self.p_value):
            return (
                f"{opening}, {observed_phrase(self.diff)} cannot be tested: allowing for people who came "
                "more than once leaves no variation to test (for example, every attendance has the same "
                "outcome, or the same people came in both periods with the same outcome)."
            )
        clause = verdict_clause(self.diff, self.p_value, self.ci_low, self.ci_high, test=TEST_NAME)
        if math.isfinite(self.design_effect):
            both = f", {self.people_in_both} of them in both periods" if self.people_in_both else ""
            shown = f"{self.design_effect:.2f}"
            meaning = (
                "so repeat attendance makes no visible difference to this comparison"
                if shown == "1.00"
                else f"as informative as about {round(self.n_eff1)} and {round(self.n_eff2)} "
                f"independent {what}"
            )
            weight = (
                f" (allowing for people who came more than once{both}: design effect {shown} for the "
                f"difference, {meaning})"
            )
        else:
            weight = ""
        naive = (
            f" Fisher's exact test, which treats every attendance as independent, gives "
            f"{format_p(self.naive_p)} (for reference only)."
        )
        if self.verdict == "evidence":
            scale = detectable_phrase(self.mdd, self.mdd_direction).removeprefix("only ")
            return f"{opening}{weight}, {clause}; for scale, {scale}.{naive}"
        return f"{opening}{weight} {detectable_phrase(self.mdd, self.mdd_direction)}; {clause}.{naive}"

    def to_record(self) -> dict[str, object]:
        """Flat dict for a comparisons table."""
        record = asdict(self)
        first, second = record.pop("labels")
        return {"first": first, "second": second, **record}


def compare_periods_clustered(
    df: pd.DataFrame,
    *,
    first: str,
    second: str,
    outcome_col: str = "sector",
    success: object = "statutory",
    period_col: str = "period",
    cluster_col: str = "person_id",
    alpha: float = ALPHA,
) -> ClusteredComparison:
    """Share of attendances with ``outcome_col == success`` in ``second`` minus ``first``, clustered.

    Parameters
    ----------
    df : DataFrame
        One row per attendance, with the outcome, period and person columns.
    first, second : str
        The two (disjoint) periods, earlier first.
    outcome_col, success : str, object
        The attendance counts when ``df[outcome_col] == success``.
    period_col, cluster_col : str
        Period and person id columns.

    Returns
    -------
    ClusteredComparison

    Examples
    --------
    >>> att = pd.DataFrame({"period": ["a"] * 6 + ["b"] * 6,
    ...                     "person_id": list("pqrstu") + list("pqvwxy"),
    ...                     "sector": ["statutory", "voluntary"] * 3 + ["statutory"] * 4
    ...                               + ["voluntary"] * 2})
    >>> c = compare_periods_clustered(att, first="a", second="b")
    >>> round(c.diff, 1), c.people_in_both, c.verdict
    (16.7, 2, 'none')
    """
    missing = [c for c in (outcome_col, period_col, cluster_col) if c not in df.columns]
    if missing:
        raise KeyError(f"columns not in the data: {missing}")
    if first == second:
        raise ValueError(f"first and second period are both {first!r}: compare two different periods")
    subset = df[df[period_col].isin([first, second])]
    later = (subset[period_col] == second).to_numpy()
    n1, n2 = int((~later).sum()), int(later.sum())
    if n1 == 0 or n2 == 0:
        empty = first if n1 == 0 else second
        raise ValueError(f"period {empty!r} has no rows in {period_col!r}: nothing to compare")
    if subset[cluster_col].isna().any():
        raise ValueError(f"{cluster_col!r} has missing person ids; give them ids first")
    y = (subset[outcome_col] == success).to_numpy(dtype=float)
    clusters = subset[cluster_col].astype("category").cat.codes.to_numpy()
    p1, p2, var = clustered_difference(y, later, clusters)
    diff = p2 - p1
    naive_var = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2
    z = float(norm.ppf(1 - alpha / 2))
    if var > 0:
        se = math.sqrt(var)
        p_value = float(2 * norm.sf(abs(diff) / se))
        low, high = max(-1.0, diff - z * se), min(1.0, diff + z * se)
    else:
        p_value, low, high = math.nan, math.nan, math.nan
    deff = var / naive_var if naive_var > 0 and var > 0 else math.nan
    k1, k2 = int(y[~later].sum()), int(y[later].sum())
    pooled = (k1 + k2) / (n1 + n2)
    direction: Direction = "rise" if diff > 0 or (diff == 0 and pooled <= 0.5) else "fall"
    mdd = (
        minimum_detectable_difference(n1, n2, pooled, direction=direction, test="wald", design_effect=deff)
        if math.isfinite(deff)
        else math.nan
    )
    people_first = set(subset.loc[~later, cluster_col])
    people_second = set(subset.loc[later, cluster_col])
    return ClusteredComparison(
        k1=k1,
        n1=n1,
        k2=k2,
        n2=n2,
        labels=(str(first), str(second)),
        p1=100.0 * p1,
        p2=100.0 * p2,
        diff=100.0 * diff,
        ci_low=100.0 * low,
        ci_high=100.0 * high,
        p_value=p_value,
        design_effect=deff,
        n_eff1=n1 / deff if math.isfinite(deff) else math.nan,
        n_eff2=n2 / deff if math.isfinite(deff) else math.nan,
        mdd=mdd,
        mdd_direction=direction,
        mdd_baseline=100.0 * pooled,
        people=len(people_first | people_second),
        people_in_both=len(people_first & people_second),
        naive_p=float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]])[1]),
    )
