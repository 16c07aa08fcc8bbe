"""Two waves of the same question: difference, interval, exact test and what was detectable.

The follow-up survey had 7 responses in June 2018 and 29 in January 2019. A difference between
such waves needs three things said together: how big it was (with a Newcombe interval), whether
it could be chance (Fisher's exact test, valid at any size), and how big a difference the bases
could have detected at all (the minimum detectable difference, MDD). :meth:`Comparison.sentence`
says them in one line.

Only use this for the *same question asked of comparable groups*; a share intending change
(post-event) against a share acting (follow-up) are different questions and must not be tested
against each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy.stats import fisher_exact
from statsmodels.stats.proportion import confint_proportions_2indep

from pdu_analysis.stats.conventions import ALPHA
from pdu_analysis.stats.formatting import check_count_base
from pdu_analysis.stats.power import Direction, minimum_detectable_difference
from pdu_analysis.stats.verdict import Verdict, detectable_phrase, verdict, verdict_clause


@dataclass(frozen=True)
class Difference:
    """Second minus first: the counts, percentages, difference, interval and p every comparison has.

    Shared by :class:`Comparison` and the clustered comparison, so their tables keep one column order.
    """

    k1: int
    n1: int
    k2: int
    n2: int
    labels: tuple[str, str]
    p1: float
    p2: float
    diff: float
    ci_low: float
    ci_high: float
    p_value: float


@dataclass(frozen=True)
class Comparison(Difference):
    """Second wave minus first wave, in percentage points.

    Attributes
    ----------
    k1, n1, k2, n2 : int
        Counts and bases of the first and second wave.
    labels : tuple of str
        Names of the two waves, first then second.
    p1, p2 : float
        Percentages (0-100).
    diff : float
        ``p2 - p1`` in points (positive = rise).
    ci_low, ci_high : float
        95% Newcombe hybrid-score interval for ``p2 - p1``, in points.
    p_value : float
        Fisher's exact test, two-sided.
    mdd : float
        Minimum detectable difference in points of Fisher's exact test (exact power 80%,
        two-sided alpha 0.05; :func:`~pdu_analysis.stats.power.minimum_detectable_difference`) in the
        direction ``mdd_direction`` from ``mdd_baseline``; NaN when no change that way could
        reach 80% power.
    mdd_direction : {"rise", "fall"}
        The observed direction (for no change: towards 50%, where there is more room).
    mdd_baseline : float
        Baseline percent for the MDD: the pooled percentage of both waves.
    """

    mdd: float
    mdd_direction: str
    mdd_baseline: float

    @property
    def significant(self) -> bool:
        """Fisher's exact p below 0.05."""
        return self.p_value < ALPHA

    @property
    def verdict(self) -> Verdict:
        """ "evidence", "mixed" or "none": p-value and interval read together (:func:`verdict`)."""
        return verdict(self.p_value, self.ci_low, self.ci_high)

    def sentence(self, what: str = "responses") -> str:
        """The comparison in one plain-English sentence; ``what`` names the units counted.

        The verdict follows :func:`pdu_analysis.stats.verdict.verdict`, so it never contradicts the
        interval it prints; the detectable difference is that of Fisher's exact test.

        Examples
        --------
        >>> print(compare_two(1, 7, 7, 29).sentence())  # doctest: +NORMALIZE_WHITESPACE
        With 7 (interim) and 29 (final) responses only a rise of about 57 points or more could be
        detected reliably (8 times in 10); the observed rise of 10 points is not evidence of
        change (Fisher's exact p = 1.00; 95% CI -29 to 31 points).
        """
        a, b = self.labels
        opening = f"With {self.n1} ({a}) and {self.n2} ({b}) {what}"
        clause = verdict_clause(self.diff, self.p_value, self.ci_low, self.ci_high, test="Fisher's exact")
        if self.verdict == "evidence":
            scale = detectable_phrase(self.mdd, self.mdd_direction).removeprefix("only ")
            return f"{opening}, {clause}; for scale, {scale}."
        return f"{opening} {detectable_phrase(self.mdd, self.mdd_direction)}; {clause}."

    def to_record(self) -> dict[str, object]:
        """Flat dict for a comparisons table."""
        return {
            "first": self.labels[0],
            "second": self.labels[1],
            "k1": self.k1,
            "n1": self.n1,
            "k2": self.k2,
            "n2": self.n2,
            "p1": self.p1,
            "p2": self.p2,
            "diff": self.diff,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_value": self.p_value,
            "mdd": self.mdd,
            "mdd_direction": self.mdd_direction,
            "mdd_baseline": self.mdd_baseline,
        }


def compare_two(
    k1: int,
    n1: int,
    k2: int,
    n2: int,
    *,
    labels: tuple[str, str] = ("interim", "final"),
) -> Comparison:
    """Compare k2/n2 (second wave) with k1/n1 (first wave).

    Parameters
    ----------
    k1, n1 : int
        Count and base of the first wave.
    k2, n2 : int
        Count and base of the second wave.
    labels : tuple of str
        Names of the waves, used in the sentence.

    Returns
    -------
    Comparison
        Difference ``p2 - p1`` with its 95% Newcombe interval (method 10 of Newcombe 1998,
        statsmodels ``method="newcomb"``), Fisher's exact two-sided p and the MDD.

    Notes
    -----
    *Sign.* statsmodels' ``confint_proportions_2indep`` gives an interval for its first
    sample minus its second, so the second wave is passed first.

    *MDD baseline.* The pooled percentage ``(k1 + k2) / (n1 + n2)`` is used, not the first
    wave's. Under "no change" both waves share one proportion and pooling is its best
    estimate; the first wave alone (7 responses at interim) is so noisy that 0 of 7 or 7 of 7
    would set the baseline at an extreme. The direction is that of the observed difference,
    so the sentence compares like with like.

    The samples must be independent (different people, or people who cannot be matched).
    Waves in which the same people answer twice call for a paired method instead.

    Examples
    --------
    Newcombe's (1998) example (a): 56/70 against 48/80.

    >>> c = compare_two(48, 80, 56, 70)
    >>> round(c.diff, 1), round(c.ci_low, 2), round(c.ci_high, 2)
    (20.0, 5.24, 33.39)
    """
    k1, n1 = check_count_base(k1, n1, what="first count")
    k2, n2 = check_count_base(k2, n2, what="second count")
    # statsmodels: interval for (sample 1) - (sample 2); we want second wave - first wave.
    low, high = confint_proportions_2indep(k2, n2, k1, n1, method="newcomb", alpha=ALPHA)
    p1, p2 = k1 / n1, k2 / n2
    _, p_value = fisher_exact([[k1, n1 - k1], [k2, n2 - k2]], alternative="two-sided")
    pooled = (k1 + k2) / (n1 + n2)
    direction: Direction
    if p2 > p1:
        direction = "rise"
    elif p2 < p1:
        direction = "fall"
    else:
        direction = "rise" if pooled <= 0.5 else "fall"
    mdd = minimum_detectable_difference(n1, n2, pooled, direction=direction)
    return Comparison(
        k1=k1,
        n1=n1,
        k2=k2,
        n2=n2,
        labels=(str(labels[0]), str(labels[1])),
        p1=100.0 * p1,
        p2=100.0 * p2,
        diff=100.0 * (p2 - p1),
        ci_low=max(-100.0, 100.0 * float(low)),  # clip float noise at the ends
        ci_high=min(100.0, 100.0 * float(high)),
        p_value=min(float(p_value), 1.0),
        mdd=mdd,
        mdd_direction=direction,
        mdd_baseline=100.0 * pooled,
    )
