"""Waves and periods are data: ``data/reference/waves.csv`` names the follow-up rounds.

Each follow-up response belongs to the wave of its collector; a collector not listed becomes a new
wave named after its fieldwork month, so a third export appears in every report without code changes.
Each attendance belongs to the period of the first wave whose attendance cut-off it falls on or
before (the attendances that report was the first to count); later ones form an ``after_<wave>``
period.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import PDUInputError

WAVE_COLUMNS = ["wave", "label", "collector_id", "report", "attendance_cutoff"]


def load_waves(path: Path, *, interim_cutoff: str | date | None = None) -> pd.DataFrame:
    """The waves table, ordered by attendance cut-off; the first wave's cut-off can be overridden."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != WAVE_COLUMNS:
        raise PDUInputError(f"expected columns {','.join(WAVE_COLUMNS)}", file=str(path))
    table["attendance_cutoff"] = pd.to_datetime(
        table["attendance_cutoff"], format="%Y-%m-%d", errors="coerce"
    ).dt.date
    if table["attendance_cutoff"].isna().any():
        raise PDUInputError("attendance_cutoff must be a date YYYY-MM-DD", file=str(path))
    table = table.sort_values("attendance_cutoff", kind="stable").reset_index(drop=True)
    if interim_cutoff:
        cutoff = pd.Timestamp(interim_cutoff).date()
        table.loc[0, "attendance_cutoff"] = cutoff
        if len(table) > 1 and cutoff >= table.loc[1, "attendance_cutoff"]:
            raise PDUInputError(
                f"the interim cut-off {cutoff} is not before the next wave's "
                f"cut-off {table.loc[1, 'attendance_cutoff']}",
                file=str(path),
            )
    return table


def assign_periods(dates: pd.Series, waves: pd.DataFrame) -> pd.Series:
    """Period (a wave name, or after_<last wave>) for each attendance date."""
    cutoffs = list(waves["attendance_cutoff"])
    names = list(waves["wave"])
    last = f"after_{names[-1]}"

    def period(day: date) -> str:
        for cutoff, name in zip(cutoffs, names, strict=True):
            if day <= cutoff:
                return name
        return last

    distinct = {d: period(d) for d in pd.unique(dates)}
    return dates.map(distinct).astype(str)


def assign_waves(collector: pd.Series, responded: pd.Series, waves: pd.DataFrame) -> pd.Series:
    """Wave for each follow-up response: by collector id, else the fieldwork month 'YYYY-MM'."""
    known = dict(zip(waves["collector_id"].astype(str).str.strip(), waves["wave"], strict=True))
    by_collector = collector.astype("string").str.strip().map(known)
    first_day = pd.to_datetime(responded).groupby(collector.to_numpy()).transform("min")
    month = first_day.dt.strftime("%Y-%m")
    return by_collector.fillna(month).astype(str)
