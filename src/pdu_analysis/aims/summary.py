"""One row per aim (and per general section) of the aims page, for the board pack.

The aims page is the one home of each aim's rating and the evaluator's checked conclusion; this
table carries them, already rendered, to the printed evaluation report so the pack never words
them a second time.
"""

from __future__ import annotations

import pandas as pd

from .evidence import Indicator, aim_rating
from .prose import GENERAL, Conclusions

COLUMNS = ["part", "heading", "strength", "text"]
NOT_WRITTEN = (
    "The evaluator's conclusions have not been written for these data: the page shows the evidence only."
)


def summary_records(
    aim_rows: pd.DataFrame, found: dict[str, Indicator], written: Conclusions | None
) -> pd.DataFrame:
    """``part`` (an aim id, or a general section's name), ``heading``, ``strength`` and ``text`` (the
    conclusion as the page shows it, or empty when none is written).

    >>> rows = pd.DataFrame({"aim": ["a1"], "heading": ["Skills"], "order": [1]})
    >>> table = summary_records(rows, {}, None)
    >>> table["part"].tolist(), table.loc[0, "strength"], table.loc[0, "text"]
    (['a1', 'Issues arising', 'Next steps'], 'none', '')
    """
    sections = written.sections if written is not None else {}
    records = [
        {
            "part": row.aim,
            "heading": row.heading,
            "strength": aim_rating(row.aim, found),
            "text": sections.get(row.aim, ""),
        }
        for row in aim_rows.itertuples()
    ]
    records += [
        {"part": name, "heading": name, "strength": "", "text": sections.get(name, "")} for name in GENERAL
    ]
    return pd.DataFrame(records, columns=COLUMNS)
