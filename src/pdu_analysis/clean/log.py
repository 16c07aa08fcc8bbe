"""A cleaning log: every step says rows in, rows out and why, so nothing disappears silently."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class CleaningLog:
    """Ordered record of cleaning steps for one or more sources."""

    entries: list[dict] = field(default_factory=list)

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

    def to_frame(self) -> pd.DataFrame:
        columns = ["source", "step", "rows_in", "rows_out", "change", "detail"]
        return pd.DataFrame(self.entries, columns=columns)
