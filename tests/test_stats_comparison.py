"""Two-wave comparisons: Newcombe interval, Fisher's exact p, detectable difference, sentence."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq
from scipy.stats import binom, fisher_exact
from statsmodels.stats.proportion import confint_proportions_2indep

from pdu_analysis.stats import compare_two, minimum_detectable_difference
from pdu_analysis.stats.formatting import whole

# Newcombe RG (1998) Interval estimation for the difference between independent proportions:
# comparison of eleven methods. Stat Med 17:873-890, Table II, method 10 (score-based hybrid).
# Each row: (ka, na, kb, nb, lower, upper) for p_a - p_b.
NEWCOMBE_1998_METHOD_10 = [
    (56, 70, 48, 80, 0.0524, 0.3339),  # (a)
    (9, 10, 3, 10, 0.1705, 0.8090),  # (b)
    (5, 56, 0, 29, -0.0381, 0.1926),  # (d)
    (0, 10, 0, 20, -0.1611, 0.2775),  # (e)
    (0, 10, 0, 10, -0.2775, 0.2775),  # (f)
    (10, 10, 0, 20, 0.6791, 1.0000),  # (g)
    (10, 10, 0, 10, 0.6075, 1.0000),  # (h)
]


@pytest.mark.parametrize(("ka", "na", "kb", "nb", "low", "high"), NEWCOMBE_1998_METHOD_10)
def test_newcombe_1998_table_ii(ka, na, kb, nb, low, high):
    # compare_two reports second minus first, so a - b is compare_two(b, a).
    c = compare_two(kb, nb, ka, na)
    assert c.diff == pytest.approx(100 * (ka / na - kb / nb))
    assert c.ci_low == pytest.approx(100 * low, abs=0.006)
    assert c.ci_high == pytest.approx(100 * high, abs=0.006)


def test_sign_convention_second_minus_first():
    rise = compare_two(48, 80, 56, 70)
    fall = compare_two(56, 70, 48, 80)
    assert rise.diff == pytest.approx(20.0)
    assert fall.diff == pytest.approx(-20.0)
    assert (fall.ci_low, fall.ci_high) == pytest.approx((-rise.ci_high, -rise.ci_low))


def test_fisher_lady_tasting_tea():
    # Fisher (1935): 3 of 4 cups right in each arm of the 2 x 2 table, two-sided p = 34/70.
    c = compare_two(1, 4, 3, 4)
    assert c.p_value == pytest.approx(34 / 70)


def test_fisher_is_two_sided_and_symmetric():
    assert compare_two(2, 7, 20, 29).p_value == pytest.approx(compare_two(20, 29, 2, 7).p_value)


def brute_power(p1: float, p2: float, n1: int, n2: int) -> float:
    """Fisher's power by looping over every pair of counts with scipy's own test."""
    return sum(
        binom.pmf(a, n1, p1) * binom.pmf(b, n2, p2)
        for a in range(n1 + 1)
        for b in range(n2 + 1)
        if fisher_exact([[a, n1 - a], [b, n2 - b]])[1] < 0.05
    )


def test_mdd_is_exact_fisher_power_at_80_percent():
    c = compare_two(1, 7, 7, 29)
    assert c.mdd_baseline == pytest.approx(100 * 8 / 36)
    assert c.mdd_direction == "rise"
    p1 = 8 / 36
    assert brute_power(p1, p1 + c.mdd / 100, 7, 29) == pytest.approx(0.80, abs=1e-6)
    assert compare_two(7, 29, 1, 7).mdd_direction == "fall"


def test_mdd_textbook_two_groups_of_100_from_50_percent():
    # Two groups of 100 from 50%: 19.3 points for a z-test; Fisher's exact test needs more.
    assert 19.3 < minimum_detectable_difference(100, 100, 0.5) < 21.5


@pytest.mark.parametrize(("args", "direction"), [((4, 7, 19, 29), "rise"), ((3, 7, 10, 29), "fall")])
def test_no_change_reaches_80_percent_in_the_issue_cases(args, direction):
    # A z-test claims about 36 points; Fisher's exact test never reaches 80% power here.
    k1, n1, k2, n2 = args
    c = compare_two(*args)
    pooled = (k1 + k2) / (n1 + n2)
    assert c.mdd_direction == direction
    assert brute_power(pooled, 1.0 if direction == "rise" else 0.0, n1, n2) < 0.80
    assert math.isnan(c.mdd)
    assert f"no {direction} could be detected reliably" in c.sentence()
    assert "could be detected reliably (8 times" not in c.sentence()


def test_zero_of_seven_against_zero_of_twentynine_needs_51_points():
    # Baseline 0: the first wave is 0 of 7 for sure, so the test rejects when k2 >= c, where c is
    # the smallest count scipy's Fisher test finds significant against 0 of 7.
    c_min = next(b for b in range(30) if fisher_exact([[0, 7], [b, 29 - b]])[1] < 0.05)
    target = brentq(lambda p: binom.sf(c_min - 1, 29, p) - 0.80, 1e-9, 1 - 1e-9)
    c = compare_two(0, 7, 0, 29)
    assert c.mdd == pytest.approx(100 * target, abs=1e-6)
    assert whole(c.mdd) == 51
    assert "only a rise of about 51 points or more could be detected reliably" in c.sentence()


def test_sentence_not_significant():
    # Independent sources for the figures: brute_power above from the pooled 8/36 reaches 80%
    # at a rise of about 57 points; statsmodels confint_proportions_2indep(7, 29, 1, 7,
    # method="newcomb") gives -29.05 to 31.30 points; scipy fisher_exact gives p = 1.00.
    assert compare_two(1, 7, 7, 29).sentence() == (
        "With 7 (interim) and 29 (final) responses only a rise of about 57 points or more could be"
        " detected reliably (8 times in 10); the observed rise of 10 points is not evidence of"
        " change (Fisher's exact p = 1.00; 95% CI -29 to 31 points)."
    )


def test_sentence_significant_is_phrased_as_evidence():
    c = compare_two(48, 80, 56, 70, labels=("June 2018", "January 2019"))
    assert c.significant and c.verdict == "evidence"
    s = c.sentence()
    assert "not evidence" not in s and " only " not in s
    assert "the observed rise of 20 points is evidence of change" in s
    assert "95% CI 5 to 33 points" in s
    assert "With 80 (June 2018) and 70 (January 2019) responses" in s
    assert "Fisher's exact p = 0.01" in s


def test_sentence_fall_and_zero_and_singular():
    assert "the observed fall of 20 points is evidence" in compare_two(56, 70, 48, 80).sentence()
    assert "the observed difference of 0 points is not evidence" in compare_two(3, 10, 3, 10).sentence()
    assert "the observed rise of 1 point is not" in compare_two(50, 100, 51, 100).sentence()


def test_interval_excluding_zero_at_p_above_alpha_is_not_called_no_evidence():
    # 7 of 7 against 17 of 29: Newcombe about -59 to -3 points, Fisher p = 0.07.
    c = compare_two(7, 7, 17, 29)
    assert c.ci_high < 0 and c.p_value >= 0.05
    s = c.sentence()
    assert c.verdict == "mixed"
    assert "not evidence" not in s and "is evidence" not in s
    assert "is suggestive but not conclusive" in s
    assert f"{whole(c.ci_low)} to {whole(c.ci_high)} points, excludes no change" in s


small_waves = st.tuples(st.integers(1, 40), st.integers(1, 40), st.floats(0, 1), st.floats(0, 1))


def _verdict_agrees_with_interval_and_p(n1, n2, f1, f2):
    c = compare_two(round(f1 * n1), n1, round(f2 * n2), n2)
    s = c.sentence()
    excludes = c.ci_low > 0 or c.ci_high < 0
    assert ("is evidence of change" in s) == (c.p_value < 0.05 and excludes)
    assert ("is not evidence of change" in s) == (c.p_value >= 0.05 and not excludes)
    assert ("suggestive" in s) == ((c.p_value < 0.05) != excludes)


@settings(max_examples=40, deadline=None)
@given(small_waves)
def test_verdict_never_contradicts_interval_or_p(w):
    _verdict_agrees_with_interval_and_p(*w)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(small_waves)
def test_verdict_never_contradicts_interval_or_p_many_cases(w):
    _verdict_agrees_with_interval_and_p(*w)


@pytest.mark.parametrize(("k1", "n1", "k2", "n2"), [(0, 7, 0, 29), (7, 7, 29, 29)])
def test_all_or_nothing_in_both_waves(k1, n1, k2, n2):
    c = compare_two(k1, n1, k2, n2)
    assert c.diff == 0
    assert c.p_value == pytest.approx(1.0)
    assert c.ci_low < 0 < c.ci_high
    assert all(math.isfinite(x) for x in (c.ci_low, c.ci_high, c.mdd))
    assert "difference of 0 points is not evidence of change" in c.sentence()


def test_bases_of_one():
    c = compare_two(1, 1, 0, 1)
    assert c.diff == -100
    assert c.p_value == pytest.approx(1.0)
    assert -100 <= c.ci_low <= c.ci_high <= 100
    assert math.isnan(c.mdd)
    assert "no fall could be detected reliably" in c.sentence()


def test_zero_base_raises():
    with pytest.raises(ValueError, match="base is 0"):
        compare_two(0, 0, 3, 29)
    with pytest.raises(ValueError):
        minimum_detectable_difference(0, 10, 0.5)


def test_to_record_round_trip():
    c = compare_two(1, 7, 7, 29)
    rec = c.to_record()
    assert (rec["k1"], rec["n1"], rec["k2"], rec["n2"]) == (1, 7, 7, 29)
    assert rec["diff"] == pytest.approx(100 * (7 / 29 - 1 / 7))
    assert rec["p_value"] == pytest.approx(fisher_exact([[1, 6], [7, 22]])[1])
    low, high = confint_proportions_2indep(7, 29, 1, 7, method="newcomb")
    assert (rec["ci_low"], rec["ci_high"]) == pytest.approx((100 * low, 100 * high), abs=1e-6)
    assert rec["mdd_baseline"] == pytest.approx(100 * 8 / 36)
    assert rec["mdd"] == pytest.approx(57.09, abs=0.05)  # brute_power from 8/36 reaches 80% here
    assert rec["mdd_direction"] == "rise"


waves = st.tuples(st.integers(1, 200), st.integers(1, 200), st.floats(0, 1), st.floats(0, 1)).map(
    lambda t: (round(t[2] * t[0]), t[0], round(t[3] * t[1]), t[1])
)


def _interval_holds_difference(w):
    c = compare_two(*w)
    assert -100 <= c.ci_low <= c.diff <= c.ci_high <= 100
    assert 0 <= c.p_value <= 1


@settings(max_examples=20, deadline=None)
@given(waves)
def test_interval_contains_difference_and_stays_in_range(w):
    _interval_holds_difference(w)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(waves)
def test_interval_contains_difference_and_stays_in_range_many_cases(w):
    _interval_holds_difference(w)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 300),
    st.integers(2, 300),
    st.floats(0.02, 0.98),
    st.sampled_from(["rise", "fall"]),
    st.integers(2, 5),
)
def test_wald_mdd_shrinks_as_bases_grow(n1, n2, p, direction, m):
    small = minimum_detectable_difference(n1, n2, p, direction=direction, test="wald")
    assume(not math.isnan(small))
    larger_first = minimum_detectable_difference(n1 * m, n2, p, direction=direction, test="wald")
    larger_both = minimum_detectable_difference(n1 * m, n2 * m, p, direction=direction, test="wald")
    assert larger_first < small
    assert larger_both < larger_first


fisher_bases = st.tuples(
    st.integers(10, 120), st.integers(10, 120), st.floats(0.05, 0.95), st.sampled_from(["rise", "fall"])
)


def _tripled_bases_detect_less(n1, n2, p, direction):
    # Exact power saw-tooths with the bases, so only a large step in both is sure to help.
    small = minimum_detectable_difference(n1, n2, p, direction=direction)
    assume(not math.isnan(small))
    assert minimum_detectable_difference(3 * n1, 3 * n2, p, direction=direction) < small


@settings(max_examples=5, deadline=None)
@given(fisher_bases)
def test_fisher_mdd_shrinks_when_both_bases_triple(b):
    _tripled_bases_detect_less(*b)


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(fisher_bases)
def test_fisher_mdd_shrinks_when_both_bases_triple_many_cases(b):
    _tripled_bases_detect_less(*b)


def test_sentence_names_what_was_counted():
    sentence = compare_two(66, 300, 56, 168).sentence("attendances")
    assert sentence.startswith("With 300 (interim) and 168 (final) attendances,")
    assert "evidence of change" in sentence and "not evidence" not in sentence
