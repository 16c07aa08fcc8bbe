"""Statistics that respect tiny samples (docs/assumptions.md, section 5).

One module per idea:

- :mod:`.proportions` -- k of n with a 95% Wilson interval and small-base wording.
- :mod:`.comparison` -- two waves: Newcombe interval, Fisher's exact p, detectable difference.
- :mod:`.power` -- exact power of Fisher's test, and of the clustered Wald test; detectable difference.
- :mod:`.verdict` -- one rule reading a p-value and its interval together, and the sentence parts.
- :mod:`.chance` -- false positives expected by chance for the test used.
- :mod:`.clustered` -- share of attendances, naive and person-clustered (GEE) intervals.
- :mod:`.clustered_compare` -- two periods of attendances compared by one cluster-robust test.
- :mod:`.robustness` -- a change under every clustering (person, event, both, each event left out).
- :mod:`.strength` -- strength of evidence in words, by one stated rule.
- :mod:`.association` -- chi-square of sector by period with Cramér's V (uncorrected).
- :mod:`.disclosure` -- suppression of counts of 1 to 4, with secondary suppression.
- :mod:`.caveats` -- caveat sentences computed from the numbers.
- :mod:`.formatting` -- half-up rounding and p-value wording; :mod:`.conventions` -- thresholds.
"""

from pdu_analysis.stats.association import ChiSquareResult, sector_by_period_test
from pdu_analysis.stats.caveats import (
    cumulative_vs_disjoint_note,
    design_effect_phrase,
    farthest_end,
    margins_phrase,
    small_base_caveat,
    split_cumulative,
    widest_margin,
    width_word,
)
from pdu_analysis.stats.chance import chance_sentence, expected_false_positives
from pdu_analysis.stats.clustered import sector_share_clustered
from pdu_analysis.stats.clustered_compare import ClusteredComparison, compare_periods_clustered
from pdu_analysis.stats.comparison import Comparison, compare_two
from pdu_analysis.stats.disclosure import Suppressed, suppress_small
from pdu_analysis.stats.formatting import format_p, round_half_up
from pdu_analysis.stats.power import fisher_power, fisher_size, minimum_detectable_difference
from pdu_analysis.stats.proportions import Proportion, base_flag, proportion
from pdu_analysis.stats.robustness import Robustness, change_robustness
from pdu_analysis.stats.verdict import verdict

__all__ = [
    "ChiSquareResult",
    "ClusteredComparison",
    "Comparison",
    "Proportion",
    "Suppressed",
    "base_flag",
    "chance_sentence",
    "compare_periods_clustered",
    "change_robustness",
    "Robustness",
    "compare_two",
    "cumulative_vs_disjoint_note",
    "design_effect_phrase",
    "expected_false_positives",
    "farthest_end",
    "fisher_power",
    "fisher_size",
    "format_p",
    "margins_phrase",
    "minimum_detectable_difference",
    "proportion",
    "round_half_up",
    "sector_by_period_test",
    "sector_share_clustered",
    "small_base_caveat",
    "split_cumulative",
    "suppress_small",
    "verdict",
    "widest_margin",
    "width_word",
]
