"""A cleaning log: every step says rows in, rows out and why, so nothing disappears silently.

Beside the rows, the log keeps notes: plain sentences, computed from the data in hand, that a
cleaning page shows to its readers (an unlisted collector, events outside the study window).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class CleaningLog:
    """Ordered record of cleaning steps for one or more sources, and the notes for the page."""

    entries: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, source: str, step: str, rows_in: int, rows_out: int, detail: str = "") -> None:
        self.entries.append(
            {
                "source": source,
                "step": step,
                "rows_in": int(rows_in),
                "rows_out": int(rows_out),
                "change": int(rows_out) - int(rows_in),
                "detail": detail,
            }
        )

    def note(self, sentence: str) -> None:
        """A sentence the cleaning page shows as a note (each once, in order)."""
        if sentence not in self.notes:
            self.notes.append(sentence)

    def to_frame(self) -> pd.DataFrame:
        columns = ["source", "step", "rows_in", "rows_out", "change", "detail"]
        return pd.DataFrame(self.entries, columns=columns)


LOG_HEADERS = {
    "source": "Source",
    "step": "Step",
    "rows_in": "Rows before",
    "rows_out": "Rows after",
    "change": "Change",
    "detail": "What happened",
}
"""Reader-facing names of the log's columns (the CSV keeps the short names for reviewers' code)."""

SURVEY_NAMES = {"post_event": "post-event survey", "follow_up": "follow-up survey"}


def readable_log(log: pd.DataFrame) -> pd.DataFrame:
    """The cleaning log as a page shows it: plain column names, surveys named in words."""
    out = log.rename(columns=LOG_HEADERS)
    for code, name in SURVEY_NAMES.items():
        out["Source"] = out["Source"].str.replace(rf"^{code}\b", name, regex=True)
    return out
