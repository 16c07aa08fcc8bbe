"""Numbers as a reader sees them: the one home of a share's and a difference's wording.

One formatter per kind of number, so the same figure reads the same way on every page, table,
chart and alt text: a share is :func:`share_text` ("45% (90 of 200), 95% interval 38% to 52%"),
its interval alone :func:`interval_text`, a difference :func:`points_text`.
``proportion`` (statsmodels, scipy) is imported where it is used, so that a reader of finished
tables, such as the index page, does not pay for those imports.
"""

from __future__ import annotations

import math

from pdu_analysis.stats import conventions
from pdu_analysis.stats.formatting import round_half_up


def percent_text(value: float, decimals: int = 0) -> str:
    """A percent rounded half up, whole unless ``decimals`` says: ``percent_text(12.5) == "13%"``."""
    return f"{round_half_up(value, decimals):.{decimals}f}%"


def share_text(k: int, n: int, *, interval: bool = True) -> str:
    """The one reader's form of a share: "P% (k of n), 95% interval L% to H%".

    Below the words-only base it is "k of n" alone; below the indicative base "(indicative only)"
    follows. Without ``interval`` it is "P% (k of n)" (a table cell or a chart label: the
    table's note, :func:`compact_note`, says which percentages are indicative). Percent and
    interval ends are rounded half up to whole percents (:func:`result_text`,
    :func:`interval_text`), so a figure reads the same on every page, table and chart.

    Examples
    --------
    >>> share_text(4, 7), share_text(15, 40)
    ('4 of 7', '38% (15 of 40), 95% interval 24% to 53% (indicative only)')
    >>> share_text(90, 200), share_text(25, 49, interval=False)
    ('45% (90 of 200), 95% interval 38% to 52%', '51% (25 of 49)')
    """
    from pdu_analysis.stats.proportions import proportion

    if n == 0:
        return "no responses"
    p = proportion(k, n)
    text = result_text(k, n, p.percent)
    if not interval or p.flag == "words_only":
        return text
    text = f"{text}, 95% interval {interval_text(p.ci_low, p.ci_high)}"
    return text + (" (indicative only)" if p.flag == "indicative" else "")


def compact_note() -> str:
    """Footnote for tables of :func:`share_text` cells without an interval."""
    return (
        f"Percentages are shown only for bases of {conventions.WORDS_ONLY_BASE} or more, and are "
        f"indicative only below {conventions.INDICATIVE_BASE}."
    )


# ---- results read back from a table (floats, possibly missing) -----------------------------------
# The headline table on the index page holds count, base and percent as written to CSV: floats,
# and empty where a figure was not computed. These formatters take ``None`` for "not computed";
# percentages come from the table (already computed), not from k / n again.


def points_text(value: float, unit: str = "percentage point", *, signed: bool = False) -> str:
    """The one form of a difference: whole points, rounded half up, with ``unit`` ("" for a
    table cell) and, when ``signed``, its sign.

    Examples
    --------
    >>> points_text(1), points_text(11.5), points_text(-12.4, "point")
    ('1 percentage point', '12 percentage points', '-12 points')
    >>> points_text(4.5, "", signed=True), points_text(-0.4, "", signed=True)
    ('+5', '0')
    """
    whole = int(round_half_up(value))
    number = f"{whole:+d}" if signed and whole else str(whole)
    if not unit:
        return number
    return f"{number} {unit}{'' if abs(whole) == 1 else 's'}"


def k_of_n_text(count: float, base: float) -> str:
    """A count and its base, "122 of 468", as every share writes them."""
    return f"{whole_text(count)} of {whole_text(base)}"


def exact_share_text(count: int, base: int) -> str:
    """A share to one decimal, "26.1% (122 of 468)": for checking which way a published whole
    percent was rounded (the reproduction ledger), never for a reader's sentence."""
    return f"{percent_text(100 * count / base, 1)} ({k_of_n_text(count, base)})"


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

    The words of :func:`share_text`, for a row read back from a table: the percent is the
    table's own (so it agrees with the interval beside it) and any part may be missing.

    Examples
    --------
    >>> result_text(4, 7, 57.1), result_text(90, 200, 44.5), result_text(None, 7, None)
    ('4 of 7', '45% (90 of 200)', 'not available')
    """
    if count is None:
        return "not available"
    if base is None:
        return whole_text(count)
    k_of_n = k_of_n_text(count, base)
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
