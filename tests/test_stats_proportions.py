"""Single proportions: Wilson intervals against published values, wording, edge cases."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pdu_analysis.stats import base_flag, proportion

Z = 1.959963984540054


def wilson_closed_form(k: int, n: int) -> tuple[float, float]:
    """Wilson (1927) score interval written out, independent of statsmodels (0-1 scale)."""
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


# Newcombe RG (1998) Two-sided confidence intervals for the single proportion: comparison of
# seven methods. Stat Med 17:857-872, Table I, method 3 (score method without continuity
# correction).
NEWCOMBE_1998_WILSON = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("k", "n", "low", "high"), NEWCOMBE_1998_WILSON)
def test_wilson_matches_newcombe_1998(k, n, low, high):
    p = proportion(k, n)
    assert p.ci_low == pytest.approx(100 * low, abs=0.006)
    assert p.ci_high == pytest.approx(100 * high, abs=0.006)
    assert p.percent == pytest.approx(100 * k / n)


def test_is_wilson_not_the_statsmodels_default():
    # The normal (Wald) interval for 1/29 runs below zero; Wilson's does not.
    p = proportion(1, 29)
    assert p.ci_low > 0
    wald_low = 100 * (1 / 29 - Z * math.sqrt((1 / 29) * (28 / 29) / 29))
    assert wald_low < 0


@pytest.mark.parametrize(
    ("base", "flag"),
    [(1, "words_only"), (29, "words_only"), (30, "indicative"), (49, "indicative"), (50, "ok")],
)
def test_flag_thresholds(base, flag):
    assert proportion(0, base).flag == flag
    assert base_flag(base) == flag


def test_text_words_only_has_no_percentage():
    text = proportion(19, 29).text()
    assert text == "19 of 29"
    assert "%" not in text


def test_text_indicative():
    assert proportion(15, 40).text() == "38% (15/40, indicative only: small base)"


def test_text_full_uses_rounded_wilson_limits():
    p = proportion(122, 468)
    low, high = wilson_closed_form(122, 468)
    expected = f"26% (122/468; 95% CI {math.floor(100 * low + 0.5)}\u2013{math.floor(100 * high + 0.5)}%)"
    assert p.text() == expected


@pytest.mark.parametrize(("k", "n", "shown"), [(5, 40, "13%"), (25, 200, "13%"), (3, 40, "8%")])
def test_percent_rounds_half_up_for_display(k, n, shown):
    # 12.5% and 7.5%: Python's round() would give 12 and 8 (half to even); the report rounds up.
    assert proportion(k, n).text().startswith(shown + " ")


def test_raw_float_kept_in_fields():
    p = proportion(5, 40)
    assert p.percent == 12.5


def test_zero_of_n():
    p = proportion(0, 20)
    assert (p.percent, p.ci_low) == (0.0, 0.0)
    assert 0 < p.ci_high < 100
    assert p.text() == "0 of 20"


def test_n_of_n():
    p = proportion(60, 60)
    assert (p.percent, p.ci_high) == (100.0, 100.0)
    assert 0 < p.ci_low < 100
    assert p.text().startswith("100% (60/60; 95% CI ")
    assert p.text().endswith("\u2013100%)")


@pytest.mark.parametrize("k", [0, 1])
def test_base_of_one(k):
    p = proportion(k, 1)
    low, high = wilson_closed_form(k, 1)
    assert p.ci_low == pytest.approx(100 * max(low, 0), abs=1e-9)
    assert p.ci_high == pytest.approx(100 * min(high, 1), abs=1e-9)
    assert p.text() == f"{k} of 1"


def test_base_zero_is_a_clear_error():
    with pytest.raises(ValueError, match="base is 0"):
        proportion(0, 0)


@pytest.mark.parametrize(
    ("k", "n", "match"),
    [
        (5, 4, "larger than its base"),
        (-1, 4, "negative"),
        (1.5, 4, "whole number"),
        (True, 4, "whole number"),
        ("3", 4, "whole number"),
        (float("nan"), 4, "whole number"),
    ],
)
def test_invalid_inputs(k, n, match):
    with pytest.raises(ValueError, match=match):
        proportion(k, n)


def test_integral_floats_and_numpy_ints_accepted():
    import numpy as np

    p = proportion(np.int64(7), 29.0)
    assert (p.count, p.base) == (7, 29)
    assert isinstance(p.count, int) and isinstance(p.base, int)


def test_frozen_assignment_refused_and_values_kept():
    p = proportion(3, 7, label="acted on learning")
    with pytest.raises(AttributeError):
        p.count = 4  # type: ignore[misc]
    assert (p.count, p.base) == (3, 7)
    assert p.percent == pytest.approx(100 * 3 / 7)


def test_to_record_matches_csv_columns():
    p = proportion(81, 263)
    rec = p.to_record()
    assert list(rec) == ["count", "base", "percent", "ci_low", "ci_high"]
    assert rec["count"] == 81 and rec["base"] == 263
    assert rec["percent"] == pytest.approx(100 * 81 / 263)
    low, high = wilson_closed_form(81, 263)
    assert rec["ci_low"] == pytest.approx(100 * low)
    assert rec["ci_high"] == pytest.approx(100 * high)


counts = st.integers(min_value=1, max_value=2000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@settings(max_examples=50, deadline=None)
@given(counts)
def test_interval_contains_estimate_and_stays_in_range(kn):
    k, n = kn
    p = proportion(k, n)
    assert 0.0 <= p.ci_low <= p.percent <= p.ci_high <= 100.0


@settings(max_examples=50, deadline=None)
@given(counts)
def test_agrees_with_closed_form_wilson(kn):
    k, n = kn
    p = proportion(k, n)
    low, high = wilson_closed_form(k, n)
    assert p.ci_low == pytest.approx(100 * max(low, 0.0), abs=1e-7)
    assert p.ci_high == pytest.approx(100 * min(high, 1.0), abs=1e-7)


@settings(max_examples=100, deadline=None)
@given(counts, st.integers(min_value=2, max_value=10))
def test_interval_narrows_with_larger_base(kn, m):
    k, n = kn
    small, large = proportion(k, n), proportion(k * m, n * m)
    assert large.ci_high - large.ci_low < small.ci_high - small.ci_low
