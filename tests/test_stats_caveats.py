"""Caveat sentences are computed from the numbers they describe."""

import math

import pytest
from statsmodels.stats.proportion import proportion_confint

from pdu_analysis.stats import (
    cumulative_vs_disjoint_note,
    design_effect_phrase,
    farthest_end,
    margins_phrase,
    proportion,
    small_base_caveat,
    split_cumulative,
    widest_margin,
    width_word,
)


@pytest.mark.parametrize("base", [50, 51, 468])
def test_no_caveat_from_50(base):
    assert small_base_caveat(base) is None


@pytest.mark.parametrize("base", [30, 49])
def test_indicative_caveat(base):
    text = small_base_caveat(base)
    assert text.startswith(f"Based on {base} responses: percentages are indicative only")


@pytest.mark.parametrize("base", [2, 8, 28])
def test_words_only_caveat_gives_the_farthest_interval_end(base):
    text = small_base_caveat(base, what="attendances")
    assert text.startswith(f"Based on {base} attendances: too few for percentages")
    far = max(
        max(k / base - lo, hi - k / base)
        for k in range(base + 1)
        for lo, hi in [proportion_confint(k, base, method="wilson")]
    )
    assert farthest_end(base) == pytest.approx(100 * far)
    assert f"up to about {int(100 * far + 0.5)} points above or below" in text
    assert "\u00b1" not in text


def test_one_of_seven_reaches_37_points_though_half_width_is_30():
    # 1 of 7 = 14%, Wilson 2.6% to 51.3%: the far end is 37 points away, not the 30 of "±30".
    lo, hi = proportion_confint(1, 7, method="wilson")
    assert round(100 * (hi - 1 / 7)) == 37
    assert round(widest_margin(7)) == 30
    assert "up to about 37 points" in small_base_caveat(7)
    assert margins_phrase(1, 7) == f"between {round(100 * (1 / 7 - lo))} points below and 37 points above"


def test_widest_margin_is_wilson_half_width_at_half():
    half = proportion(14, 28)
    assert widest_margin(28) == pytest.approx((half.ci_high - half.ci_low) / 2)


def test_design_effect_wording_on_each_side_of_one():
    above = design_effect_phrase(468, 2.04)
    assert "as much information as 229 independent ones" in above  # 468 / 2.04 = 229.4
    assert f"about {math.sqrt(2.04):.2f} times as wide" in above and "1.43" in above
    below = design_effect_phrase(40, 0.18)
    assert "below 1" in below and "does not widen" in below
    assert "220" not in below and "information as" not in below
    assert "no visible difference" in design_effect_phrase(100, 1.001)
    assert "could not be estimated" in design_effect_phrase(100, math.nan)


def test_width_word_reads_the_rounded_intervals():
    assert width_word(12, 40, 15, 35) == "wider than"
    assert width_word(20, 30, 15, 35) == "narrower than"
    assert width_word(15.4, 34.6, 15, 35) == "as wide as"


def test_singular_and_zero():
    assert small_base_caveat(1).startswith("Based on 1 response:")
    with pytest.raises(ValueError, match="base is 0"):
        small_base_caveat(0)


def test_split_cumulative():
    assert split_cumulative(66, 300, 122, 468) == (56, 168)
    with pytest.raises(ValueError, match="cumulative"):
        split_cumulative(66, 300, 60, 468)
    with pytest.raises(ValueError, match="cumulative"):
        split_cumulative(66, 300, 122, 290)


def test_cumulative_note_shows_all_three_figures():
    # Wilson intervals from statsmodels proportion_confint(k, n, method="wilson"): 122/468
    # 22.3-30.2%, 66/300 17.7-27.0%, 56/168 26.6-40.8%.
    text = cumulative_vs_disjoint_note(66, 300, 122, 468)
    for part in (
        "26% (122 of 468), 95% interval 22% to 30%",
        "22% (66 of 300), 95% interval 18% to 27%",
        "33% (56 of 168), 95% interval 27% to 41%",
    ):
        assert part in text
    assert "the 168 attendances since the interim report alone" in text


def test_cumulative_note_with_nothing_after():
    text = cumulative_vs_disjoint_note(5, 20, 5, 20)
    assert "no attendances since the interim report" in text
