"""One rule for p-value and interval together, and the sentence parts built on it."""

import math

import pytest

from pdu_analysis.stats.verdict import detectable_phrase, end, observed_phrase, verdict, verdict_clause


@pytest.mark.parametrize(
    ("p", "low", "high", "expected"),
    [
        (0.01, 5, 33, "evidence"),
        (0.01, -33, -5, "evidence"),
        (0.07, -49, -2, "mixed"),  # interval excludes 0, p does not reach 0.05
        (0.04, -1, 30, "mixed"),  # p below 0.05, interval includes 0
        (0.5, -20, 30, "none"),
        (0.05, -20, 30, "none"),  # p = alpha is not below alpha
    ],
)
def test_verdict_table(p, low, high, expected):
    assert verdict(p, low, high) == expected


def test_mixed_clause_names_which_says_what():
    text = verdict_clause(-26, 0.07, -49, -2, test="Fisher's exact")
    assert "not evidence" not in text and "is evidence" not in text
    assert "-49 to -2 points, excludes no change" in text
    assert "Fisher's exact p = 0.07 is not below 0.05" in text
    other = verdict_clause(15, 0.04, -1, 30, test="Fisher's exact")
    assert "Fisher's exact p = 0.04 is below 0.05" in other and "includes no change" in other


def test_interval_end_near_zero_is_not_printed_as_zero():
    assert end(0.3) == "0.3" and end(-0.4) == "-0.4" and end(0.0) == "0" and end(-1.5) == "-2"
    text = verdict_clause(10, 0.2, 0.3, 20, test="Fisher's exact")
    assert "0.3 to 20 points" in text


def test_phrases():
    assert observed_phrase(-1.2) == "the observed fall of 1 point"
    assert observed_phrase(0.4) == "the observed difference of 0 points"
    assert detectable_phrase(math.nan, "fall").startswith("no fall could be detected reliably")
    assert "to 0%" in detectable_phrase(math.nan, "fall")
    assert detectable_phrase(20.5, "rise").startswith("only a rise of about 21 points or more")
