"""Words a reader sees: labels, numbers, sentences and readable tables (one vocabulary)."""

from pdu_analysis.wording.numbers import (  # noqa: F401
    compact_note,
    interval_text,
    percent_text,
    share_text,
)
from pdu_analysis.wording.readable import (  # noqa: F401
    display_comparisons,
    display_cumulative,
    display_shares,
    matrix_display,
    readable_counts,
    share_table_display,
)
from pdu_analysis.wording.sentences import (  # noqa: F401
    base_caveat,
    base_note,
    bases_text,
    chance_note,
    chi_square_sentence,
    comparison_sentence,
    cop_sentence,
    cumulative_note,
    describe,
    design_effect_sentence,
    distribution_sentence,
    page_base_caveat,
    practice_change_note,
    sentences_markdown,
    shares_sentence,
    suppression_note,
)
