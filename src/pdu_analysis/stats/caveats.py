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


def farthest_end(base: int) -> float:
    """Largest distance, in points, from a share k/n to the far end of its 95% Wilson interval.

    The Wilson interval is not symmetric away from 50%: on a base of 7, 1 of 7 (14%) has an
    interval of 3% to 51%, whose far end is 37 points away although the widest half-width
    (:func:`widest_margin`) is 30. "Uncertain by up to" must use this figure.

    Examples
    --------
    >>> round(farthest_end(7), 1), round(farthest_end(29), 1)
    (37.0, 18.2)
    """
    _, n = check_count_base(0, base)
    return max(
        max(p.percent - p.ci_low, p.ci_high - p.percent) for p in (proportion(k, n) for k in range(n + 1))
    )


def small_base_caveat(base: int, *, what: str = "responses") -> str | None:
    """Caveat for a small base, or None when the base is 50 or more.

    The sentence names the base and how far a share on it can be from either end of its 95%
    interval (:func:`farthest_end`; the interval is not symmetric, so no "±" is used), so
    "small" is given a size.

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
    (the 95% interval of a share on this base can reach up to about 18 points above or below it).
    >>> print(small_base_caveat(40))  # doctest: +NORMALIZE_WHITESPACE
    Based on 40 responses: percentages are indicative only
    (the 95% interval can reach up to about 15 points above or below the share).
    >>> small_base_caveat(468) is None
    True
    """
    _, n = check_count_base(0, base)
    if n >= INDICATIVE_BASE:
        return None
    noun = what[:-1] if n == 1 and what.endswith("s") else what
    margin = whole(farthest_end(n))
    if n < WORDS_ONLY_BASE:
        return (
            f"Based on {n} {noun}: too few for percentages, so counts are given "
            f"(the 95% interval of a share on this base can reach up to about {margin} points "
            "above or below it)."
        )
    return (
        f"Based on {n} {noun}: percentages are indicative only "
        f"(the 95% interval can reach up to about {margin} points above or below the share)."
    )


def margins_phrase(count: int, base: int) -> str:
    """How far a share's 95% Wilson interval reaches below and above it, in words.

    Examples
    --------
    >>> margins_phrase(1, 7)
    'between 12 points below and 37 points above'
    >>> margins_phrase(50, 100)
    'within about 10 points either way'
    """
    p = proportion(count, base)
    below, above = whole(p.percent - p.ci_low), whole(p.ci_high - p.percent)
    if below == above:
        return f"within about {below} points either way"
    return f"between {below} points below and {above} points above"


def design_effect_phrase(base: int, design_effect: float, *, what: str = "attendances") -> str:
    """What a design effect means for this base, right whichever side of 1 it falls.

    Above 1 the attendances carry the information of fewer independent ones and intervals are
    about sqrt(deff) times as wide; at 1 nothing changes; below 1 (possible with few repeat
    attenders, or a person's attendances that differ more than strangers' do) the robust interval
    is *narrower*, and the sentence must not call it wider.

    Examples
    --------
    >>> print(design_effect_phrase(400, 4.0))  # doctest: +NORMALIZE_WHITESPACE
    the 400 attendances carry about as much information as 100 independent ones
    (design effect 4.00: intervals about 2.00 times as wide)
    >>> print(design_effect_phrase(40, 0.18))  # doctest: +NORMALIZE_WHITESPACE
    the design effect is 0.18, below 1: allowing for repeat attenders does not widen the interval
    here (intervals about 0.42 times as wide)
    """
    if not math.isfinite(design_effect) or design_effect <= 0:
        return "the design effect could not be estimated"
    ratio = math.sqrt(design_effect)
    shown = f"{design_effect:.2f}"
    if shown == "1.00":
        return f"repeat attendance makes no visible difference to the {base} {what} (design effect 1.00)"
    if design_effect < 1:
        return (
            f"the design effect is {shown}, below 1: allowing for repeat attenders does not widen the "
            f"interval here (intervals about {ratio:.2f} times as wide)"
        )
    return (
        f"the {base} {what} carry about as much information as {round(base / design_effect)} "
        f"independent ones (design effect {shown}: intervals about {ratio:.2f} times as wide)"
    )


def width_word(robust_low: float, robust_high: float, naive_low: float, naive_high: float) -> str:
    """ "wider than", "narrower than" or "as wide as": the robust interval against the naive one.

    Compared after rounding to whole percent, as the reader sees them.

    Examples
    --------
    >>> width_word(10, 40, 15, 35), width_word(20, 30, 15, 35), width_word(15.2, 34.8, 15, 35)
    ('wider than', 'narrower than', 'as wide as')
    """
    robust = whole(robust_high) - whole(robust_low)
    naive = whole(naive_high) - whole(naive_low)
    if robust > naive:
        return "wider than"
    if robust < naive:
        return "narrower than"
    return "as wide as"


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
    >>> print(cumulative_vs_disjoint_note(10, 60, 30, 100))  # doctest: +NORMALIZE_WHITESPACE
    The overall figure, 30% (30 of 100), 95% interval 22% to 40%, includes the 60 attendances
    counted by the interim report, 17% (10 of 60), 95% interval 9% to 28%; the 40 attendances
    since the interim report alone give 50% (20 of 40), 95% interval 35% to 65% (indicative only).
    Compare the two separate periods, not the overall figure with the interim one.
    """
    k2, n2 = split_cumulative(first_count, first_base, cumulative_count, cumulative_base)
    from pdu_analysis.wording.numbers import share_text  # wording reads stats, not the reverse

    overall = share_text(cumulative_count, cumulative_base)
    first = share_text(first_count, first_base)
    if n2 == 0:
        return (
            f"The overall figure, {overall}, is the same {what} as {first_label}: "
            f"there are no {what} {later_label}."
        )
    later = share_text(k2, n2)
    return (
        f"The overall figure, {overall}, includes the {first_base} {what} counted "
        f"{first_label}, {first}; the {n2} {what} {later_label} alone give {later}. "
        "Compare the two separate periods, not the overall figure with the interim one."
    )
