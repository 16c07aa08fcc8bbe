"""How many "significant" comparisons chance alone would give, for the test actually used.

With m comparisons at alpha = 0.05 the usual remark is "about 0.05 m would be expected by chance".
That holds for a test whose size is exactly alpha. Fisher's exact test is conservative: at bases
of 7 and 29 its chance of p < 0.05 when nothing changed is often well under 5%, and 0 when every
answer is the same. The expected number of false positives is therefore computed as the sum,
over comparisons, of the test's actual size at that pair of bases and the pooled proportion
(:func:`pdu_analysis.stats.power.fisher_size`), the best estimate of the common share under no
change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pdu_analysis.stats.conventions import ALPHA
from pdu_analysis.stats.formatting import check_count_base
from pdu_analysis.stats.power import fisher_size


def expected_false_positives(rows: Iterable[tuple[int, int, int, int]], *, alpha: float = ALPHA) -> float:
    """Expected number of Fisher p-values below alpha if nothing had changed.

    Parameters
    ----------
    rows : iterable of (k1, n1, k2, n2)
        The counts and bases of each comparison.

    Examples
    --------
    >>> expected_false_positives([(0, 7, 0, 29), (7, 7, 29, 29)])  # all or nothing: no chance
    0.0
    >>> round(expected_false_positives([(10, 20, 10, 20)]), 4)  # Fisher's size at 20 v 20, p = 0.5
    0.0204
    """
    total = 0.0
    for k1, n1, k2, n2 in rows:
        k1, n1 = check_count_base(k1, n1, what="first count")
        k2, n2 = check_count_base(k2, n2, what="second count")
        total += fisher_size(n1, n2, (k1 + k2) / (n1 + n2), alpha=alpha)
    return total


def chance_sentence(
    p_values: Sequence[float], p_holm: Sequence[float], expected: float, *, alpha: float = ALPHA
) -> str:
    """How many comparisons reached p < alpha, beside how many chance alone would give.

    ``expected`` is :func:`expected_false_positives` of the same comparisons.

    Examples
    --------
    >>> print(chance_sentence([0.01, 0.5, 0.9, 0.2], [0.04, 1, 1, 0.6], 0.12))
    4 comparisons: 1 has p below 0.05. If nothing had changed, Fisher's exact test would be expected
    to give about 0.1 such results by chance alone (it is conservative at small bases, so fewer than
    0.05 per comparison); after Holm's adjustment for the number of comparisons, 1 still does.
    """
    m = len(p_values)
    if m == 0:
        return "No measure was asked in two or more waves, so nothing is compared."
    low = sum(1 for p in p_values if p < alpha)
    held = sum(1 for p in p_holm if p < alpha)
    has = "has" if low == 1 else "have"
    after = "none does" if held == 0 else f"{held} still {'does' if held == 1 else 'do'}"
    amount = f"about {expected:.1f}" if expected >= 0.05 else "fewer than 0.1"
    return (
        f"{m} comparison{'s' if m != 1 else ''}: {low} {has} p below {alpha:g}. "
        f"If nothing had changed, Fisher's exact test would be expected to give {amount} "
        "such results by chance alone (it is conservative at small bases, so fewer than "
        f"{alpha:g} per comparison); after Holm's adjustment for the number of comparisons, {after}."
    )
