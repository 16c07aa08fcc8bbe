"""Where each survey response is counted, and the cleaning-log rows and page notes that say so.

A follow-up export is one round: every collector id in it is logged with its response count, and a
collector ``data/reference/waves.csv`` does not list is logged and noted on the page, never made a
round of its own. A post-event response belongs to the period of the event it answers, whenever it
was submitted. Answers accepted only after normalising case or spacing are counted per column.
"""

from __future__ import annotations

import pandas as pd

from .. import paths
from .log import CleaningLog
from .waves import Round, assign_periods

WAVES_FILE = f"data/reference/{paths.WAVES_FILE}"

_HOW = {
    "file": f"named by its file in {WAVES_FILE}",
    "collector": f"named by its collector id in {WAVES_FILE} (the file is not listed there)",
    "month": f"not listed in {WAVES_FILE}: named after its fieldwork month",
}


def log_round(log: CleaningLog, source: str, found: Round) -> None:
    """One log row for the export's round and one per collector id in it."""
    total = int(found.collectors["responses"].sum())
    log.add(source, "round of the export", total, total, f"round '{found.wave}', {_HOW[found.how]}")
    for row in found.collectors.itertuples(index=False):
        shown = row.collector_id or "(blank)"
        if row.listed_as:
            detail = f"collector {shown}: {row.responses} response(s); listed as '{row.listed_as}'"
        else:
            detail = (
                f"collector {shown}: {row.responses} response(s); not listed in {WAVES_FILE}, "
                f"counted in the export's round '{found.wave}'"
            )
        log.add(source, "collector in the export", row.responses, row.responses, detail)
    unlisted = found.collectors[found.collectors["listed_as"] == ""]
    if len(unlisted):
        ids = ", ".join(unlisted["collector_id"].replace("", "(blank)"))
        log.note(
            f"{source.split(': ', 1)[-1]} holds {len(unlisted)} collector id(s) that {WAVES_FILE} "
            f"does not list ({ids}; {int(unlisted['responses'].sum())} response(s)). They are "
            f"counted in that export's round, '{found.wave}': one export is one round. Add the id "
            f"to {WAVES_FILE} to record it."
        )


def log_loose_answers(log: CleaningLog, source: str, loose: list[dict]) -> None:
    """A log row per column whose answers matched an option only after normalising them."""
    for entry in loose:
        log.add(
            source,
            "answers matched ignoring case or spacing",
            entry["answers"],
            entry["answers"],
            f"column {entry['column']} ({entry['label']}): {entry['loose']} answer(s) matched an "
            f"option only after normalising case, spacing or quotes, e.g. {entry['example']}",
        )
    if loose:
        count = sum(entry["loose"] for entry in loose)
        log.note(
            f"{source.split(': ', 1)[-1]}: {count} answer(s) in {len(loose)} column(s) differ from "
            f"the codebook's options only in case, spacing or quotes; they are counted as that "
            f"option (the cleaning log lists each column)."
        )


def post_event_periods(
    event_id: pd.Series,
    submitted: pd.Series,
    events: pd.DataFrame,
    waves: pd.DataFrame,
    log: CleaningLog,
    source: str,
) -> pd.Series:
    """Period of each post-event response: that of the event it answers.

    A response naming no event takes the period of the latest event held on or before the day it
    was submitted (the event it can have answered), or its submission day's period when none was.
    """
    period_of = dict(zip(events["event_id"], events["period"], strict=True))
    periods = event_id.map(period_of).astype(object)
    submitted_period = assign_periods(submitted, waves)
    named = event_id.notna()
    late = named & (periods != submitted_period)
    missing = ~named
    if missing.any():
        held = events.sort_values("date", kind="stable")
        days = held["date"].to_numpy(dtype=str)
        iso = submitted[missing].map(lambda d: d.isoformat())
        place = pd.Series(days.searchsorted(iso.to_numpy(dtype=str), side="right"), index=iso.index)
        latest = place.map(lambda i: held["period"].iloc[i - 1] if i > 0 else None)
        periods[missing] = latest.fillna(submitted_period[missing])
    total = len(periods)
    log.add(
        source,
        "period of each response",
        total,
        total,
        f"{int(named.sum())} response(s) take the period of the event they answer "
        f"({int(late.sum())} of them submitted after that period ended); "
        f"{int(missing.sum())} naming no event take the period of the latest event before they "
        f"were submitted",
    )
    return periods.astype(str)
