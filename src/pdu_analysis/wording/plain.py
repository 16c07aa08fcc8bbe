"""The reader's sentence about a comparison: what a difference means, without the test behind it.

The reviewer's sentence (:meth:`pdu_analysis.stats.Comparison.sentence` and the clustered one)
names the test, the p-value and the interval; it goes in the closed reviewers' detail. The reader's
sentence says the same verdict in plain words: a difference "is evidence of change", "points
to a change but is not conclusive", or "could be chance", and, when it could be chance, how large a
change these numbers could have shown. The verdict is the one rule (:func:`stats.verdict`), so the
two layers never disagree.

Examples
--------
>>> print(plain_verdict(10.4, 0.6, -20.0, 35.0, 57.0, "rise"))  # doctest: +NORMALIZE_WHITESPACE
the rise of 10 points could be chance: with these numbers only a rise of about 57 points or
more would show reliably
>>> plain_verdict(11.0, 0.009, 3.0, 20.0, 13.0, "rise")
'the rise of 11 points is evidence of change'
"""

from __future__ import annotations

import math

from pdu_analysis import stats
from pdu_analysis.stats.formatting import round_half_up
from pdu_analysis.stats.verdict import EVIDENCE_WORDS
from pdu_analysis.wording.numbers import points_text

NO_DIFFERENCE = "the difference of 0 points"


def _observed(diff: float) -> str:
    size = abs(round_half_up(diff))
    if size == 0:
        return NO_DIFFERENCE
    return f"the {'rise' if diff > 0 else 'fall'} of {size:.0f} point{'s' if size != 1 else ''}"


def plain_verdict(
    diff: float, p_value: float, ci_low: float, ci_high: float, mdd: float, direction: str
) -> str:
    """The verdict on one difference in plain words (no test name, p-value or interval)."""
    observed = _observed(diff)
    if observed == NO_DIFFERENCE:
        return "there was no difference to the nearest point"
    if not math.isfinite(p_value):
        return f"{observed} cannot be tested with these numbers"
    kind = stats.verdict(p_value, ci_low, ci_high)
    if kind == "evidence":
        return f"{observed} is {EVIDENCE_WORDS}"
    if kind == "mixed":
        return f"{observed} points to a change but is not conclusive"
    if mdd is None or not math.isfinite(float(mdd)):
        return f"{observed} could be chance: these numbers are too few to show any {direction} reliably"
    return (
        f"{observed} could be chance: with these numbers only a {direction} of about "
        f"{points_text(float(mdd), 'point')} or more would show reliably"
    )


def plain_comparison(found) -> str:
    """A :class:`stats.Comparison` (or clustered comparison) as the reader's sentence."""
    a, b = found.labels
    text = plain_verdict(
        found.diff, found.p_value, found.ci_low, found.ci_high, found.mdd, found.mdd_direction
    )
    return f"Between “{a}” and “{b}”, {text}."


def plain_row(row) -> str:
    """A row of :func:`pdu_analysis.compare.comparison_table` as the reader's sentence."""
    direction = getattr(row, "mdd_direction", "rise" if row.diff >= 0 else "fall")
    text = plain_verdict(row.diff, row.p_value, row.diff_ci_low, row.diff_ci_high, row.mdd, direction)
    return text[0].upper() + text[1:] + "."


def plain_comparison_sentence(row, what: str) -> str:
    """One comparison record (a row of a comparisons table) about ``what``, as the reader's sentence."""
    direction = row["mdd_direction"] if "mdd_direction" in row else ("rise" if row["diff"] >= 0 else "fall")
    text = plain_verdict(
        row["diff"], row["p_value"], row["diff_ci_low"], row["diff_ci_high"], row["mdd"], direction
    )
    firm = row["robustness_sentence"] if "robustness_sentence" in row else None
    # how firm a change of attendances is under every clustering (stats.robustness), where tested
    return f"For the {what}, {text}." + (f" {firm}" if isinstance(firm, str) and firm else "")


def plain_markdown(table, names=None) -> str:
    """A markdown list of :func:`pdu_analysis.compare.comparison_table` rows: each measure's two
    figures and the reader's sentence (the reviewer's list is
    :func:`pdu_analysis.wording.sentences.sentences_markdown`)."""
    from pdu_analysis.wording.sentences import sentences_markdown

    return sentences_markdown(table, names, plain_row)
