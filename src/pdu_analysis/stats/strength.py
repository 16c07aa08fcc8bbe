"""Strength of evidence in words (strong / moderate / weak / none), by one stated rule.

A steering group acts on how sure the evaluation is, so every indicator of the aims table gets a
word, and the weakest of its criteria sets it (docs/assumptions.md, "Strength of evidence"):

- **base** (people or attendances counted): at least ``INDICATIVE_BASE`` (50) strong, at least
  ``WORDS_ONLY_BASE`` (30) moderate, at least ``MIN_BASE`` (10) weak, fewer none;
- **interval width** (95% Wilson, in points): at most 20 strong, at most 30 moderate, wider weak;
- **agreement** of survey and interview evidence, where the aims table pairs them: the
  interviews raise the theme (at least one interviewee) strong; pairing given but no interview
  raises it moderate at most; no interviews in the data: not a criterion;
- **robustness** of a change to how attendances cluster (:mod:`pdu_analysis.stats.robustness`).

>>> rate_share(19, 29)
'weak'
>>> rate_share(36, 75), rate_share(3, 7)
('moderate', 'none')
>>> weakest(["strong", "moderate"])
'moderate'
"""

from __future__ import annotations

from collections.abc import Iterable

from pdu_analysis.stats.conventions import INDICATIVE_BASE, WORDS_ONLY_BASE
from pdu_analysis.stats.proportions import proportion
from pdu_analysis.stats.robustness import RATINGS, SUGGESTIVE

MIN_BASE = 10
"""Below this base an indicator is too small to rate: "none"."""

NARROW = 20.0
MODERATE_WIDTH = 30.0
"""Interval widths (points) for strong and moderate evidence."""


def weakest(words: Iterable[str]) -> str:
    """The weakest of some strength words (``none`` when there are none)."""
    words = list(words)
    return min(words, key=RATINGS.index) if words else "none"


def strongest(words: Iterable[str]) -> str:
    """The strongest of some strength words (``none`` when there are none)."""
    words = list(words)
    return max(words, key=RATINGS.index) if words else "none"


def base_rating(base: int) -> str:
    if base >= INDICATIVE_BASE:
        return "strong"
    if base >= WORDS_ONLY_BASE:
        return "moderate"
    return "weak" if base >= MIN_BASE else "none"


def width_rating(width: float) -> str:
    if width <= NARROW:
        return "strong"
    return "moderate" if width <= MODERATE_WIDTH else "weak"


def agreement_rating(interview_count: int | None) -> str | None:
    """``None`` when the data hold no interviews (not a criterion), else strong or moderate."""
    if interview_count is None:
        return None
    return "strong" if interview_count > 0 else "moderate"


def rate_share(count: int, base: int, *, interview_count: int | None = None) -> str:
    """The strength of one k of n, by base, interval width and (optionally) agreement."""
    if base < MIN_BASE:
        return "none"
    share = proportion(count, base)
    words = [base_rating(base), width_rating(share.ci_high - share.ci_low)]
    agreement = agreement_rating(interview_count)
    if agreement is not None:
        words.append(agreement)
    return weakest(words)


def rule_lines() -> list[str]:
    """The rule in plain words, for the reviewers' part of a page (docs/assumptions.md states it too)."""
    return [
        f"Base: at least {INDICATIVE_BASE} strong, at least {WORDS_ONLY_BASE} moderate, "
        f"at least {MIN_BASE} weak, fewer none.",
        f"Width of the 95% interval: at most {NARROW:.0f} points strong, at most {MODERATE_WIDTH:.0f} "
        "moderate, wider weak.",
        "Survey and interviews, where the aims table pairs them: the interviews raise the theme, strong; "
        "no interviewee raises it, moderate at most.",
        "An interview theme on its own: weak when raised, none when not (interviews illustrate, they do "
        "not measure).",
        "A change in a share of attendances: strong when it holds in every clustering check (by person, "
        "by event, by both, and with each event left out in turn); moderate when the person-clustered test "
        f"holds and every other check is at least suggestive (p below {SUGGESTIVE:.2f}, same direction); "
        "weak when any "
        "check is not; none when the person-clustered test does not hold.",
        "An indicator takes the weakest of its criteria. An aim takes the strength that at least two of its "
        "indicators reach (its only indicator's, when it has one).",
    ]
