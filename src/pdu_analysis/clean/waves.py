"""Rounds and periods are data: ``data/reference/waves.csv`` is their one source of truth.

A round (wave) is one follow-up export file. ``waves.csv`` names a round by its file (and, as extra
evidence, a collector id) with a label and an attendance cut-off; a file it does not list becomes a
round named after its fieldwork month, so a third export appears in every report without code
changes. Collector ids never create rounds: a SurveyMonkey round often has a web-link and an e-mail
collector in one export.

Each attendance (and each event) belongs to the period of the first wave whose attendance cut-off
it falls on or before; later ones form an ``after_<last wave>`` period. The interim cut-off can be
overridden for a whole build (``INTERIM_CUTOFF``); :func:`period_table` is what the cleaning
notebooks save so later pages read the cut-offs actually used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from ..errors import PDUInputError

WAVE_COLUMNS = ["wave", "label", "file", "collector_id", "report", "attendance_cutoff"]
REQUIRED_COLUMNS = ["wave", "label", "attendance_cutoff"]

STUDY_START = date(2017, 10, 1)
"""First day of the study window (data/raw/README.md); it ends at the last wave's cut-off."""


def load_waves(path: Path, *, interim_cutoff: str | date | None = None) -> pd.DataFrame:
    """The waves table, ordered by attendance cut-off; the first wave's cut-off can be overridden.

    ``file`` and ``collector_id`` may be blank (or absent): a wave may be named by either or both;
    ``report`` (the report that first counted the wave) may be blank or absent too.
    """
    from pdu_analysis.reference import text_table

    table = text_table(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    unknown = [c for c in table.columns if c not in WAVE_COLUMNS]
    if missing or unknown:
        raise PDUInputError(
            f"expected columns {','.join(WAVE_COLUMNS)} (file, collector_id and report may be "
            f"blank); "
            f"missing {missing or 'none'}, unknown {unknown or 'none'}",
            file=str(path),
        )
    for column in ("file", "collector_id", "report"):
        table[column] = table[column].str.strip() if column in table.columns else ""
    table = table[WAVE_COLUMNS]
    table["attendance_cutoff"] = pd.to_datetime(
        table["attendance_cutoff"], format="%Y-%m-%d", errors="coerce"
    ).dt.date
    if table["attendance_cutoff"].isna().any():
        raise PDUInputError("attendance_cutoff must be a date YYYY-MM-DD", file=str(path))
    if table.empty:
        raise PDUInputError("no waves listed: at least one row is needed", file=str(path))
    for column in ("wave", "file", "collector_id"):
        named = table.loc[table[column] != "", column]
        folded = named.str.casefold() if column == "file" else named
        if folded.duplicated().any():
            raise PDUInputError(
                f"column '{column}': listed twice: {sorted(set(named[folded.duplicated()]))}",
                file=str(path),
            )
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


def study_window(waves: pd.DataFrame) -> tuple[date, date]:
    """First and last day of the study: the contract's start to the last wave's cut-off."""
    return STUDY_START, max(waves["attendance_cutoff"])


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


def period_table(waves: pd.DataFrame) -> pd.DataFrame:
    """Every period in order with its first and last attendance day (the cut-offs in force).

    The last period (after the last wave) has no last day. Saved by the cleaning notebooks as
    ``periods.csv`` so that every later page labels periods with the cut-offs actually used.
    """
    cutoffs = list(waves["attendance_cutoff"])
    names = list(waves["wave"])
    starts = [STUDY_START, *(c + timedelta(days=1) for c in cutoffs)]
    rows = [
        {
            "period": name,
            "first_day": start.isoformat(),
            "last_day": cutoff.isoformat(),
            "report": report,
        }
        for name, start, cutoff, report in zip(names, starts[:-1], cutoffs, waves["report"], strict=True)
    ]
    rows.append(
        {"period": f"after_{names[-1]}", "first_day": starts[-1].isoformat(), "last_day": "", "report": ""}
    )
    return pd.DataFrame(rows, columns=["period", "first_day", "last_day", "report"])


@dataclass(frozen=True)
class Round:
    """The round one follow-up export belongs to, and how that was decided."""

    wave: str
    how: str  # "file", "collector" or "month"
    collectors: pd.DataFrame  # collector_id, responses, listed_as (wave name or "")


def _fieldwork_month(responded: pd.Series) -> str:
    return pd.to_datetime(pd.Series(list(responded))).min().strftime("%Y-%m")


def assign_round(file_name: str, collector: pd.Series, responded: pd.Series, waves: pd.DataFrame) -> Round:
    """The round of one export: its file listed in waves.csv, else its collector(s), else its month.

    ``collector`` and ``responded`` hold one value per kept response. Collectors are reported with
    their response counts and the wave waves.csv lists them under ("" when not listed).
    """
    ids = collector.astype("string").fillna("").str.strip()
    counts = ids.value_counts(sort=False).sort_index()
    by_collector = {c: w for c, w in zip(waves["collector_id"], waves["wave"], strict=True) if c}
    collectors = pd.DataFrame(
        {
            "collector_id": counts.index.astype(str),
            "responses": counts.to_numpy().astype("int64"),
            "listed_as": [by_collector.get(c, "") for c in counts.index],
        }
    )
    by_file = {f.casefold(): w for f, w in zip(waves["file"], waves["wave"], strict=True) if f}
    if file_name.casefold() in by_file:
        wave = by_file[file_name.casefold()]
        other = collectors[~collectors["listed_as"].isin(["", wave])]
        if len(other):
            raise PDUInputError(
                f"column 'Collector ID': data/reference/waves.csv names this file as wave '{wave}' "
                f"but lists collector {other['collector_id'].iloc[0]} under wave "
                f"'{other['listed_as'].iloc[0]}'; correct one of the two rows",
                file=file_name,
            )
        return Round(wave, "file", collectors)
    named = sorted(set(collectors.loc[collectors["listed_as"] != "", "listed_as"]))
    if len(named) > 1:
        raise PDUInputError(
            f"column 'Collector ID': the export holds collectors that data/reference/waves.csv lists "
            f"under different waves ({', '.join(named)}); one export is one round: split the file, "
            f"or name it in the 'file' column of waves.csv",
            file=file_name,
        )
    if named:
        return Round(named[0], "collector", collectors)
    return Round(_fieldwork_month(responded), "month", collectors)


def applied_cutoff(folder: Path | None = None) -> str:
    """The interim cut-off the cleaning notebooks applied, from ``periods.csv`` in data/processed.

    Pages after the cleaning read it here rather than take a parameter, so their labels and marks
    always match the periods their tables were split with (``INTERIM_CUTOFF`` or waves.csv).
    """
    from ..store import read_processed

    return str(read_processed("periods", folder)["last_day"].iloc[0])
