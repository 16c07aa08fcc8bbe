"""One rule that turns a p-value and the interval printed beside it into words.

Fisher's exact p and the Newcombe interval come from different methods, so at the edge they can
disagree: an interval of -49 to -2 points excludes no change while Fisher's p is 0.07. A sentence
must never contradict the interval beside it, so the verdict reads both (docs/assumptions.md,
section 5):

- ``"evidence"``: p < alpha **and** the interval excludes zero: "is evidence of change";
- ``"mixed"``: one says change, the other does not: "is suggestive but not conclusive", naming
  which is which;
- ``"none"``: p >= alpha and the interval includes zero: "is not evidence of change".

When the p-value and the interval come from one test (the cluster-robust Wald test of
attendances) they always agree and ``"mixed"`` cannot occur.
The detectable-difference and observed-change phrases that open every comparison sentence live
here too, so survey waves and attendance periods are worded alike.
"""

from __future__ import annotations

import math
from typing import Literal

from pdu_analysis.stats.conventions import ALPHA
from pdu_analysis.stats.formatting import format_p, round_half_up, whole

Verdict = Literal["evidence", "mixed", "none"]


EVIDENCE_WORDS = "evidence of change"
"""How every page and layer words the verdict "evidence" (readers' sentences, reviewers' clauses,
chart titles, the index): one wording, so a change never reads two ways."""


def verdict(p_value: float, ci_low: float, ci_high: float, *, alpha: float = ALPHA) -> Verdict:
    """Classify a comparison by its p-value and its 95% interval for the difference.

    Examples
    --------
    >>> verdict(0.01, 5, 33), verdict(0.07, -49, -2), verdict(0.5, -20, 30)
    ('evidence', 'mixed', 'none')
    """
    test_says = p_value < alpha
    interval_says = ci_low > 0 or ci_high < 0
    if test_says and interval_says:
        return "evidence"
    if test_says or interval_says:
        return "mixed"
    return "none"


def points(n: int) -> str:
    """``"1 point"``, ``"12 points"`` (:func:`pdu_analysis.wording.numbers.points_text`)."""
    from pdu_analysis.wording.numbers import points_text  # wording reads stats, not the reverse

    return points_text(n, "point")


def end(value: float) -> str:
    """An interval end in whole points, or to one decimal when it would otherwise read "0".

    An end of 0.3 must not print as 0 beside "excludes no change".

    Examples
    --------
    >>> end(-48.6), end(0.3), end(0.0)
    ('-49', '0.3', '0')
    """
    if value != 0 and whole(value) == 0:
        return f"{round_half_up(value, 1):.1f}"
    return str(whole(value))


def interval_text(ci_low: float, ci_high: float) -> str:
    """``"95% CI -49 to -2 points"``, rounded half up (see :func:`end`)."""
    return f"95% CI {end(ci_low)} to {end(ci_high)} points"


def observed_phrase(diff: float) -> str:
    """``"the observed rise of 10 points"``; a difference that rounds to 0 is "of 0 points".

    Examples
    --------
    >>> observed_phrase(-26.1), observed_phrase(0.2)
    ('the observed fall of 26 points', 'the observed difference of 0 points')
    """
    size = abs(whole(diff))
    if size == 0:
        return "the observed difference of 0 points"
    return f"the observed {'rise' if diff > 0 else 'fall'} of {points(size)}"


def detectable_phrase(mdd: float, direction: str) -> str:
    """What the bases could detect: a size, or that no change that way could be detected.

    Examples
    --------
    >>> detectable_phrase(51.2, "rise")
    'only a rise of about 51 points or more could be detected reliably (8 times in 10)'
    >>> detectable_phrase(float("nan"), "rise")
    'no rise could be detected reliably (not even one to 100% would be found 8 times in 10)'
    """
    if math.isnan(mdd):
        limit = "100%" if direction == "rise" else "0%"
        return (
            f"no {direction} could be detected reliably "
            f"(not even one to {limit} would be found 8 times in 10)"
        )
    return (
        f"only a {direction} of about {points(whole(mdd))} or more could be detected reliably (8 times in 10)"
    )


def verdict_clause(
    diff: float, p_value: float, ci_low: float, ci_high: float, *, test: str, alpha: float = ALPHA
) -> str:
    """``observed ... is [not] evidence of change (p; CI)``, following :func:`verdict`.

    Examples
    --------
    >>> print(verdict_clause(-26, 0.07, -49, -2, test="Fisher's exact"))  # doctest: +NORMALIZE_WHITESPACE
    the observed fall of 26 points is suggestive but not conclusive: its 95% CI, -49 to -2 points,
    excludes no change, but Fisher's exact p = 0.07 is not below 0.05
    """
    observed = observed_phrase(diff)
    p_text = f"{test} {format_p(p_value)}"
    kind = verdict(p_value, ci_low, ci_high, alpha=alpha)
    if kind == "evidence":
        return f"{observed} is {EVIDENCE_WORDS} ({p_text}; {interval_text(ci_low, ci_high)})"
    if kind == "none":
        return f"{observed} is not {EVIDENCE_WORDS} ({p_text}; {interval_text(ci_low, ci_high)})"
    ci = f"its 95% CI, {end(ci_low)} to {end(ci_high)} points,"
    if p_value < alpha:
        return (
            f"{observed} is suggestive but not conclusive: {p_text} is below {alpha:g}, "
            f"but {ci} includes no change"
        )
    return (
        f"{observed} is suggestive but not conclusive: {ci} excludes no change, "
        f"but {p_text} is not below {alpha:g}"
    )
