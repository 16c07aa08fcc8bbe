"""Statistics that respect tiny samples (docs/assumptions.md, section 5).

One module per idea:

- :mod:`.proportions` -- k of n with a 95% Wilson interval and small-base wording.
- :mod:`.comparison` -- two waves: Newcombe interval, Fisher's exact p, detectable difference.
- :mod:`.power` -- minimum detectable difference between two proportions.
- :mod:`.clustered` -- share of attendances, naive and person-clustered (GEE) intervals.
- :mod:`.association` -- chi-square of sector by period with Cramér's V.
- :mod:`.disclosure` -- suppression of counts of 1 to 4, with secondary suppression.
- :mod:`.caveats` -- caveat sentences computed from the numbers.
- :mod:`.formatting` -- half-up rounding and p-value wording; :mod:`.conventions` -- thresholds.
"""

from pdu_analysis.stats.association import ChiSquareResult, sector_by_period_test
from pdu_analysis.stats.caveats import (
    cumulative_vs_disjoint_note,
    small_base_caveat,
    split_cumulative,
    widest_margin,
)
from pdu_analysis.stats.clustered import period_difference_p, sector_share_clustered
from pdu_analysis.stats.comparison import Comparison, compare_two
from pdu_analysis.stats.disclosure import Suppressed, suppress_small
from pdu_analysis.stats.formatting import format_p, round_half_up
from pdu_analysis.stats.power import minimum_detectable_difference
from pdu_analysis.stats.proportions import Proportion, base_flag, proportion

__all__ = [
    "ChiSquareResult",
    "Comparison",
    "Proportion",
    "Suppressed",
    "base_flag",
    "compare_two",
    "cumulative_vs_disjoint_note",
    "format_p",
    "minimum_detectable_difference",
    "period_difference_p",
    "proportion",
    "round_half_up",
    "sector_by_period_test",
    "sector_share_clustered",
    "small_base_caveat",
    "split_cumulative",
    "suppress_small",
    "widest_margin",
]
