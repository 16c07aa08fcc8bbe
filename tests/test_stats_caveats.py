"""Caveat sentences are computed from the numbers they describe."""

import pytest

from pdu_analysis.stats import (
    cumulative_vs_disjoint_note,
    proportion,
    small_base_caveat,
    split_cumulative,
    widest_margin,
)


@pytest.mark.parametrize("base", [50, 51, 468])
def test_no_caveat_from_50(base):
    assert small_base_caveat(base) is None


@pytest.mark.parametrize("base", [30, 49])
def test_indicative_caveat(base):
    text = small_base_caveat(base)
    assert text.startswith(f"Based on {base} responses: percentages are indicative only")


@pytest.mark.parametrize("base", [2, 8, 28])
def test_words_only_caveat_and_margin_is_wilson_at_half(base):
    text = small_base_caveat(base, what="attendances")
    assert text.startswith(f"Based on {base} attendances: too few for percentages")
    half = proportion(base // 2, base)  # even bases: exactly 50%
    margin = (half.ci_high - half.ci_low) / 2
    assert widest_margin(base) == pytest.approx(margin)
    assert f"\u00b1{int(margin + 0.5)} points" in text


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
    text = cumulative_vs_disjoint_note(66, 300, 122, 468)
    for part in (proportion(122, 468), proportion(66, 300), proportion(56, 168)):
        assert part.text() in text
    assert "the 168 attendances since the interim report alone" in text


def test_cumulative_note_with_nothing_after():
    text = cumulative_vs_disjoint_note(5, 20, 5, 20)
    assert "no attendances since the interim report" in text
