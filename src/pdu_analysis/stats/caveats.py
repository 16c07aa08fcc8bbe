"""Caveat sentences computed from the numbers, so the words can never disagree with them.

A notebook writes ``small_base_caveat(n)`` under a chart instead of typing "small sample" by
hand: the sentence appears exactly when the base calls for it and names the base.
"""

from __future__ import annotations

import math

from scipy.stats import norm

from pdu_analysis.stats.conventions import ALPHA, INDICATIVE_BASE, WORDS_ONLY_BASE
from pdu_analysis.stats.formatting import check_count_base, whole
from pdu_analysis.stats.proportions import proportion


def widest_margin(base: int) -> float:
    """Largest half-width of a 95% Wilson interval on this base, in points (at 50%).

    At p = 1/2 the Wilson interval is centred on 50% with half-width z / (2 sqrt(n + z^2)).

    Examples
    --------
    >>> round(widest_margin(29), 1), round(widest_margin(100), 1)
    (17.1, 9.6)
    """
    z = float(norm.ppf(1 - ALPHA / 2))
    return 100.0 * z / (2.0 * math.sqrt(base + z * z))


def small_base_caveat(base: int, *, what: str = "responses") -> str | None:
    """Caveat for a small base, or None when the base is 50 or more.

    The sentence names the base and the widest margin of error a share on it can have
    (:func:`widest_margin`), so "small" is given a size.

    Parameters
    ----------
    base : int
        Number of responses (or attendances) behind a figure.
    what : str
        Noun for the base, plural ("responses"); the final "s" is dropped for a base of 1.

    Returns
    -------
    str or None

    Examples
    --------
    >>> print(small_base_caveat(29))  # doctest: +NORMALIZE_WHITESPACE
    Based on 29 responses: too few for percentages, so counts are given
    (a share on this base is uncertain by up to about ±17 points).
    >>> print(small_base_caveat(40))
    Based on 40 responses: percentages are indicative only (uncertain by up to about ±15 points).
    >>> small_base_caveat(468) is None
    True
    """
    _, n = check_count_base(0, base)
    if n >= INDICATIVE_BASE:
        return None
    noun = what[:-1] if n == 1 and what.endswith("s") else what
    margin = whole(widest_margin(n))
    if n < WORDS_ONLY_BASE:
        return (
            f"Based on {n} {noun}: too few for percentages, so counts are given "
            f"(a share on this base is uncertain by up to about \u00b1{margin} points)."
        )
    return (
        f"Based on {n} {noun}: percentages are indicative only "
        f"(uncertain by up to about \u00b1{margin} points)."
    )


def split_cumulative(
    first_count: int, first_base: int, cumulative_count: int, cumulative_base: int
) -> tuple[int, int]:
    """Counts for the later period alone, from a first-period and a cumulative figure.

    The January report's figures include the interim attendances; subtracting gives the
    disjoint "after the interim" figure that can fairly be set against the interim one.

    Examples
    --------
    >>> split_cumulative(66, 300, 122, 468)
    (56, 168)
    """
    k1, n1 = check_count_base(first_count, first_base, what="first count")
    kc, nc = check_count_base(cumulative_count, cumulative_base, what="cumulative count")
    k2, n2 = kc - k1, nc - n1
    if n2 < 0 or k2 < 0 or k2 > n2:
        raise ValueError(
            f"cumulative {kc}/{nc} cannot contain first period {k1}/{n1}: "
            "are these really cumulative figures?"
        )
    return k2, n2


def cumulative_vs_disjoint_note(
    first_count: int,
    first_base: int,
    cumulative_count: int,
    cumulative_base: int,
    *,
    what: str = "attendances",
    first_label: str = "by the interim report",
    later_label: str = "since the interim report",
) -> str:
    """Explain a cumulative figure beside the disjoint ones it is made of.

    Parameters
    ----------
    first_count, first_base : int
        The earlier (interim) figure.
    cumulative_count, cumulative_base : int
        The later figure, which includes the earlier one.
    what : str
        Plural noun for the base.
    first_label, later_label : str
        How to name the two disjoint periods.

    Returns
    -------
    str

    Examples
    --------
    >>> print(cumulative_vs_disjoint_note(66, 300, 122, 468))  # doctest: +NORMALIZE_WHITESPACE
    The overall figure, 26% (122/468; 95% CI 22–30%), includes the 300 attendances counted
    by the interim report, 22% (66/300; 95% CI 18–27%); the 168 attendances since the interim
    report alone give 33% (56/168; 95% CI 27–41%). Compare the two separate periods, not the
    overall figure with the interim one.
    """
    k2, n2 = split_cumulative(first_count, first_base, cumulative_count, cumulative_base)
    overall = proportion(cumulative_count, cumulative_base).text()
    first = proportion(first_count, first_base).text()
    if n2 == 0:
        return (
            f"The overall figure, {overall}, is the same {what} as {first_label}: "
            f"there are no {what} {later_label}."
        )
    later = proportion(k2, n2).text()
    return (
        f"The overall figure, {overall}, includes the {first_base} {what} counted "
        f"{first_label}, {first}; the {n2} {what} {later_label} alone give {later}. "
        "Compare the two separate periods, not the overall figure with the interim one."
    )
