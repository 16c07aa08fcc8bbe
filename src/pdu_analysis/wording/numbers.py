"""Numbers as a reader sees them: percentages, "k of n" and compact shares.

One formatter per kind of number, so the same figure reads the same way on every page.
"""

from __future__ import annotations

from pdu_analysis import stats
from pdu_analysis.stats import proportion
from pdu_analysis.stats.conventions import (
    INDICATIVE_BASE,
    WORDS_ONLY_BASE,
)


def count_text(k: int, n: int) -> str:
    """ "k/n (P%)", or "k of n" alone on a base under 30 (the small-base rule)."""
    if n == 0:
        return "no responses"
    if n < WORDS_ONLY_BASE:
        return f"{k} of {n}"
    return f"{k}/{n} ({proportion(k, n).display_percent}%)"


def percent_text(value: float) -> str:
    return f"{stats.round_half_up(value):.0f}%"


def compact_share(k: int, n: int) -> str:
    """A table cell for k of n: "k of n" below 30, "k of n (P%)" from 30 (the text form is longer).

    Examples
    --------
    >>> compact_share(4, 7), compact_share(25, 49)
    ('4 of 7', '25 of 49 (51%)')
    """
    p = stats.proportion(k, n)
    return f"{k} of {n}" if p.flag == "words_only" else f"{k} of {n} ({p.display_percent}%)"


def compact_note() -> str:
    """Footnote for tables of :func:`compact_share` cells."""
    return (
        f"Percentages are shown only for bases of {WORDS_ONLY_BASE} or more, and are "
        f"indicative only below {INDICATIVE_BASE}."
    )


def plots_percent(value: float) -> str:
    """Whole percent, rounded half up, for a chart label."""
    from pdu_analysis.stats import round_half_up

    return f"{round_half_up(value):.0f}%"
