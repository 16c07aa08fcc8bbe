"""Thresholds of the small-sample conventions (docs/assumptions.md, section 5), in one place.

Every function in :mod:`pdu_analysis.stats` reads its cut-offs from here, so a change of
policy (say, "indicative only" below 100 instead of 50) is one edit, not a hunt.
"""

from __future__ import annotations

INDICATIVE_BASE = 50
"""Below this base a percentage is shown but flagged "indicative only"."""

WORDS_ONLY_BASE = 30
"""Below this base no percentage is shown in text: "k of n" only."""

ALPHA = 0.05
"""Two-sided significance level for intervals and tests (95% intervals)."""

POWER = 0.80
"""Power used for the minimum detectable difference."""

MIN_EXPECTED = 5
"""A chi-square test is flagged when any expected cell count is below this."""

DISCLOSURE_LOW = 1
DISCLOSURE_HIGH = 4
"""Counts from DISCLOSURE_LOW to DISCLOSURE_HIGH (inclusive) are suppressed; zero is not."""
