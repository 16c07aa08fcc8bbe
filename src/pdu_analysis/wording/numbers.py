"""Numbers as a reader sees them: percentages, "k of n" and compact shares.

One formatter per kind of number, so the same figure reads the same way on every page.
``proportion`` (statsmodels, scipy) is imported where it is used, so that a reader of finished
tables, such as the index page, does not pay for those imports.
"""

from __future__ import annotations

import math

from pdu_analysis.stats import conventions
from pdu_analysis.stats.formatting import round_half_up


def count_text(k: int, n: int) -> str:
    """ "k/n (P%)", or "k of n" alone on a base under 30 (the small-base rule)."""
    from pdu_analysis.stats.proportions import proportion

    if n == 0:
        return "no responses"
    if n < conventions.WORDS_ONLY_BASE:
        return f"{k} of {n}"
    return f"{k}/{n} ({proportion(k, n).display_percent}%)"


def percent_text(value: float) -> str:
    return f"{round_half_up(value):.0f}%"


def compact_share(k: int, n: int) -> str:
    """A table cell for k of n: "k of n" below 30, "k of n (P%)" from 30 (the text form is longer).

    Examples
    --------
    >>> compact_share(4, 7), compact_share(25, 49)
    ('4 of 7', '25 of 49 (51%)')
    """
    from pdu_analysis.stats.proportions import proportion

    p = proportion(k, n)
    return f"{k} of {n}" if p.flag == "words_only" else f"{k} of {n} ({p.display_percent}%)"


def share_text(k: int, n: int) -> str:
    """The one sentence form of a share: "P% (k of n), 95% interval L% to H%".

    Below the words-only base it is "k of n" alone; below the indicative base "(indicative only)"
    follows. Percent and interval ends are rounded half up to whole percents, as the index page's
    table rounds them (:func:`result_text`, :func:`interval_text`), so a figure reads the same on
    every page.

    Examples
    --------
    >>> share_text(4, 7), share_text(15, 40)
    ('4 of 7', '38% (15 of 40), 95% interval 24% to 53% (indicative only)')
    """
    from pdu_analysis.stats.proportions import proportion

    if n == 0:
        return "no responses"
    p = proportion(k, n)
    if p.flag == "words_only":
        return f"{k} of {n}"
    text = f"{result_text(k, n, p.percent)}, 95% interval {interval_text(p.ci_low, p.ci_high)}"
    return text + (" (indicative only)" if p.flag == "indicative" else "")


def compact_note() -> str:
    """Footnote for tables of :func:`compact_share` cells."""
    return (
        f"Percentages are shown only for bases of {conventions.WORDS_ONLY_BASE} or more, and are "
        f"indicative only below {conventions.INDICATIVE_BASE}."
    )


def plots_percent(value: float) -> str:
    """Whole percent, rounded half up, for a chart label."""
    from pdu_analysis.stats import round_half_up

    return f"{round_half_up(value):.0f}%"


# ---- results read back from a table (floats, possibly missing) -----------------------------------
# The headline table on the index page holds count, base and percent as written to CSV: floats,
# and empty where a figure was not computed. These formatters take ``None`` for "not computed";
# percentages come from the table (already computed), not from k / n again.


def points_text(value: float) -> str:
    """A whole number of percentage points: ``"1 percentage point"``, ``"12 percentage points"``."""
    whole = round_half_up(value)
    return f"{whole:.0f} percentage point{'' if abs(whole) == 1 else 's'}"


def whole_text(value: float) -> str:
    """A number rounded half up to a whole one, as text: ``whole_text(44.5) == "45"``."""
    return f"{round_half_up(value):.0f}"


def finite_or_none(text: str | None) -> float | None:
    """A table cell as a number, or ``None`` when it is empty, not a number, NaN or infinite.

    Examples
    --------
    >>> finite_or_none(" 29 "), finite_or_none(""), finite_or_none("nan"), finite_or_none("n/a")
    (29.0, None, None, None)
    """
    try:
        value = float((text or "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def result_text(count: float | None, base: float | None, percent: float | None) -> str:
    """A result as "P% (k of n)", or "k of n" alone on a base under the words-only threshold.

    Unlike :func:`compact_share`, the percent is the table's own (so it agrees with the
    interval beside it) and any part may be missing.

    Examples
    --------
    >>> result_text(4, 7, 57.1), result_text(90, 200, 44.5), result_text(None, 7, None)
    ('4 of 7', '45% (90 of 200)', 'not available')
    """
    if count is None:
        return "not available"
    if base is None:
        return whole_text(count)
    k_of_n = f"{whole_text(count)} of {whole_text(base)}"
    if base < conventions.WORDS_ONLY_BASE or percent is None:
        return k_of_n
    return f"{percent_text(percent)} ({k_of_n})"


def interval_text(low: float | None, high: float | None) -> str:
    """A 95% interval as "41% to 50%", or an en dash when it was not computed."""
    if low is None or high is None:
        return "\u2013"
    return f"{percent_text(low)} to {percent_text(high)}"


def indicative_note(base: float | None) -> str:
    """The note for a result on a small base ("Indicative only: base under 50; shown as a count"),
    or '' when the base is large enough or unknown."""
    if base is None or base >= conventions.INDICATIVE_BASE:
        return ""
    extra = "; shown as a count" if base < conventions.WORDS_ONLY_BASE else ""
    return f"Indicative only: base under {conventions.INDICATIVE_BASE}{extra}"
