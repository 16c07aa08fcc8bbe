"""Single proportions: Wilson intervals against published values, wording, edge cases."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pdu_analysis.stats import base_flag, proportion
from pdu_analysis.wording.numbers import share_text

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
    # statsmodels' default (normal, Wald) interval for 1 of 29 runs below zero (it is clipped to 0)
    # and has no width at 0 of 20; Wilson's lower end for 1 of 29 is Newcombe's (1998) 0.61%.
    from statsmodels.stats.proportion import proportion_confint

    assert proportion_confint(1, 29)[0] == 0.0
    assert proportion_confint(0, 20) == (0.0, 0.0)
    assert proportion(1, 29).ci_low == pytest.approx(0.61, abs=0.01)


@pytest.mark.parametrize(
    ("base", "flag"),
    [(1, "words_only"), (29, "words_only"), (30, "indicative"), (49, "indicative"), (50, "ok")],
)
def test_flag_thresholds(base, flag):
    assert proportion(0, base).flag == flag
    assert base_flag(base) == flag


def test_text_words_only_has_no_percentage():
    assert share_text(19, 29) == "19 of 29"


def test_text_indicative():
    # Wilson 15 of 40 by hand: 24.2% to 53.0%
    assert share_text(15, 40) == "38% (15 of 40), 95% interval 24% to 53% (indicative only)"


def test_text_full_uses_rounded_wilson_limits():
    # Wilson 122 of 468 by hand: 22.30% to 30.23%
    assert share_text(122, 468) == "26% (122 of 468), 95% interval 22% to 30%"
    assert share_text(122, 468, interval=False) == "26% (122 of 468)"


@pytest.mark.parametrize(("k", "n", "shown"), [(5, 40, "13%"), (25, 200, "13%"), (3, 40, "8%")])
def test_percent_rounds_half_up_for_display(k, n, shown):
    # 12.5% and 7.5%: Python's round() would give 12 and 8 (half to even); the report rounds up.
    assert share_text(k, n).startswith(shown + " ")


def test_raw_float_kept_in_fields():
    p = proportion(5, 40)
    assert p.percent == 12.5


def test_zero_of_n():
    p = proportion(0, 20)
    assert (p.percent, p.ci_low) == (0.0, 0.0)
    assert 0 < p.ci_high < 100
    assert share_text(0, 20) == "0 of 20"


def test_n_of_n():
    p = proportion(60, 60)
    assert (p.percent, p.ci_high) == (100.0, 100.0)
    assert 0 < p.ci_low < 100
    # Wilson 60 of 60 by hand: 93.98% to 100%
    assert share_text(60, 60) == "100% (60 of 60), 95% interval 94% to 100%"


@pytest.mark.parametrize("k", [0, 1])
def test_base_of_one(k):
    p = proportion(k, 1)
    low, high = wilson_closed_form(k, 1)
    assert p.ci_low == pytest.approx(100 * max(low, 0), abs=1e-9)
    assert p.ci_high == pytest.approx(100 * min(high, 1), abs=1e-9)
    assert share_text(k, 1) == f"{k} of 1"


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
