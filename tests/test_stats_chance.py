"""False positives expected by chance for Fisher's test, not alpha times the number of tests."""

import pytest
from scipy.stats import binom, fisher_exact

from pdu_analysis.stats import chance_sentence, expected_false_positives


def brute_size(n1: int, n2: int, share: float) -> float:
    return sum(
        binom.pmf(a, n1, share) * binom.pmf(b, n2, share)
        for a in range(n1 + 1)
        for b in range(n2 + 1)
        if fisher_exact([[a, n1 - a], [b, n2 - b]])[1] < 0.05
    )


def test_expected_is_the_sum_of_actual_sizes_at_the_pooled_share():
    rows = [(4, 7, 19, 29), (3, 7, 10, 29), (1, 7, 7, 29), (0, 7, 0, 29)]
    expected = sum(brute_size(n1, n2, (k1 + k2) / (n1 + n2)) for k1, n1, k2, n2 in rows)
    got = expected_false_positives(rows)
    assert got == pytest.approx(expected, abs=1e-12)
    assert got < 0.05 * len(rows) / 2  # Fisher is conservative at these bases


def test_sentence_carries_the_computed_number_not_alpha_times_m():
    text = chance_sentence([0.01, 0.3, 0.6], [0.03, 0.6, 0.6], 0.047)
    assert "give fewer than 0.1 such results" in text
    assert "give about 0.8 such results" in chance_sentence([0.5], [0.5], 0.78)
    assert "0.15" not in text
    assert text.startswith("3 comparisons: 1 has p below 0.05.")
    assert text.endswith("after Holm's adjustment for the number of comparisons, 1 still does.")


def test_no_comparisons_and_bad_counts():
    assert chance_sentence([], [], 0.0).startswith("No measure")
    with pytest.raises(ValueError, match="larger than its base"):
        expected_false_positives([(8, 7, 1, 29)])
