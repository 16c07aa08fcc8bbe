"""Half-up rounding, p-value wording and input checks shared by the text outputs."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pdu_analysis.stats import format_p, round_half_up
from pdu_analysis.stats.formatting import check_count_base, whole


@pytest.mark.parametrize(
    ("value", "ndigits", "expected"),
    [
        (0.5, 0, 1.0),
        (1.5, 0, 2.0),
        (2.5, 0, 3.0),
        (12.5, 0, 13.0),
        (-2.5, 0, -3.0),
        (0.125, 2, 0.13),
        (0.675, 2, 0.68),
        (14.499999999999998, 0, 14.0),
        (2.4999, 0, 2.0),
    ],
)
def test_round_half_up(value, ndigits, expected):
    assert round_half_up(value, ndigits) == expected


def test_round_half_up_exact_fraction():
    # 100 * 29 / 200 = 14.5 exactly, but 14.499999999999998 in binary floating point.
    assert round_half_up(Fraction(100 * 29, 200)) == 15.0
    assert whole(Fraction(1, 2)) == 1


def test_round_half_up_nan_passes_through():
    assert round_half_up(float("nan")) != round_half_up(float("nan"))


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_halves_always_go_away_from_zero(i):
    assert whole(Fraction(2 * i + 1, 2)) == (i + 1 if i >= 0 else i)


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.6812, "p = 0.68"),
        (1.0, "p = 1.00"),
        (0.051, "p = 0.05"),
        (0.0462, "p = 0.046"),
        (0.0499, "p = 0.0499"),
        (0.012, "p = 0.01"),
        (0.0041, "p = 0.004"),
        (0.0009, "p < 0.001"),
    ],
)
def test_format_p(p, text):
    assert format_p(p) == text


def test_format_p_never_rounds_across_alpha_to_look_significant_or_not():
    for p in (0.045, 0.046, 0.0475, 0.049, 0.0499, 0.04999, 0.0499999):
        shown = float(format_p(p).split("= ")[1])
        assert shown < 0.05


def test_check_count_base():
    assert check_count_base(7.0, 29) == (7, 29)
    with pytest.raises(ValueError, match="base is 0"):
        check_count_base(0, 0)
