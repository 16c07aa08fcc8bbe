"""A theme's k of n over every round together: the one count a sentence about a theme gives.

The theme shares (:func:`pdu_analysis.qual.shares.theme_shares`) are per round; a sentence that
names a theme once ("people spoke of sharing the learning, 5 of 19 interviewees") counts it over
all rounds, so the report's sections and the aims page give the same k of n, and a sentence never
mixes one round's count for one theme with another round's for the next.
"""

from __future__ import annotations

import pandas as pd

KEYS = ["survey", "question_id", "theme", "label"]


def pooled_theme_counts(shares: pd.DataFrame) -> pd.DataFrame:
    """One row per survey, question and theme: ``count`` and ``base`` summed over the rounds.

    >>> shares = pd.DataFrame({
    ...     "survey": ["interviews"] * 2, "question_id": ["notes"] * 2, "theme": ["links"] * 2,
    ...     "label": ["Links"] * 2, "round": ["interim", "final"], "count": [1, 4], "base": [4, 15],
    ... })
    >>> pooled_theme_counts(shares)[["theme", "count", "base"]].to_dict("records")
    [{'theme': 'links', 'count': 5, 'base': 19}]
    """
    if shares.empty:
        return shares.reindex(columns=[*KEYS, "count", "base"])
    summed = shares.groupby(KEYS, sort=False, as_index=False)[["count", "base"]].sum()
    return summed.astype({"count": int, "base": int})
