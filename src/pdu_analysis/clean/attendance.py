"""Register, events list and hub registrations -> tidy attendances, people, events and hub users.

Names and e-mail addresses are used only to match sign-ins to people and never leave this module:
the tidy tables carry salted person ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import io, schemas
from ..calendar_words import day_text
from ..distinct import on_distinct
from ..errors import PDUInputError
from ..paths import REFERENCE_DIR, SECTOR_MAP_FILE
from ..reference import waves as reference_waves
from .dates import parse_series, refuse_month_first
from .inventory import take_stock
from .labels import canonical_focus, load_sector_map, map_sectors
from .log import CleaningLog
from .people import normalise_email, person_keys, placeholders, pseudonymise, resolve_salt
from .waves import assign_periods, period_table, study_window


@dataclass
class CleanResult:
    """Tidy tables by name, plus the log that explains how they were made."""

    tables: dict[str, pd.DataFrame]
    log: CleaningLog


def _blank_cells(column: pd.Series) -> pd.Series:
    """True where a cell is missing or only spaces."""
    cells = column.to_numpy(dtype=object)
    if all(type(v) is str or v is None for v in cells):  # what the readers give: text or None
        return pd.Series([v is None or not v.strip() for v in cells], index=column.index, dtype=bool)
    return on_distinct(column, lambda c: c.isna() | c.astype(str).str.strip().eq(""))


def _blank_rows(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """True for rows blank in every one of ``columns``.

    Column by column, looking only at the rows still blank so far: after the first column
    almost none are, so a long register costs one column's check, not one per column.
    """
    blank = np.ones(len(frame), dtype=bool)
    for column in columns:
        candidates = np.flatnonzero(blank)
        if not len(candidates):
            break
        blank[candidates] = _blank_cells(frame[column].iloc[candidates]).to_numpy(dtype=bool)
    return pd.Series(blank, index=frame.index)


def _iso(days: pd.Series) -> pd.Series:
    return on_distinct(days, lambda d: d.map(lambda day: day.isoformat()).astype(str))


def clean_events(raw: Path, waves: pd.DataFrame, log: CleaningLog) -> pd.DataFrame:
    """The events list, validated, with each event's period."""
    path = take_stock(raw).one("events")
    frame = io.read_events(path)
    frame = schemas.validate(frame, schemas.RAW_EVENTS, file=str(path))
    refuse_month_first(frame["date"], frame["source_row"], column="date", file=str(path))
    days = parse_series(frame["date"], dayfirst=True)
    events = pd.DataFrame(
        {
            "event_id": frame["event_id"].astype(str),
            "date": _iso(days),
            "title": frame["title"].astype(str).str.strip(),
            "work_stream": frame["work_stream"].astype("string").str.strip(),
            "kind": frame["kind"].astype(str),
            "status": frame["status"].astype(str),
            "headcount": pd.to_numeric(frame["headcount"]).astype("Int64"),
            "period": assign_periods(days, waves),
        }
    )
    duplicated = events["title"].str.casefold().duplicated()
    if duplicated.any():
        raise PDUInputError(
            f"column 'title': titles must be unique; repeated: {events.loc[duplicated, 'title'].tolist()}",
            file=str(path),
        )
    log.add(
        "events",
        "read events list",
        len(frame),
        len(events),
        f"{(events['kind'] == 'learning_event').sum()} learning events, "
        f"{(events['kind'] == 'community_of_practice').sum()} Community of Practice sessions",
    )
    _log_outside_window(events, waves, log)
    return schemas.validate(events, schemas.EVENTS, file=str(path))


def _log_outside_window(events: pd.DataFrame, waves: pd.DataFrame, log: CleaningLog) -> None:
    """List the events dated outside the study window: kept, but never silently."""
    first, last = (d.isoformat() for d in study_window(waves))
    outside = events[(events["date"] < first) | (events["date"] > last)]
    listing = "; ".join(
        f"{row.event_id} '{row.title}' ({day_text(row.date)}, {row.status})"
        for row in outside.itertuples(index=False)
    )
    log.add(
        "events",
        "events outside the study window",
        len(events),
        len(events),
        f"{len(outside)} event(s) dated outside {day_text(first)} to {day_text(last)} (the study window: "
        f"its start in data/raw/README.md, its end the last cut-off in data/reference/waves.csv)"
        + (f": {listing}" if listing else ""),
    )
    if len(outside):
        log.note(
            f"{len(outside)} of the {len(events)} events in events.csv "
            f"{'falls' if len(outside) == 1 else 'fall'} outside the study "
            f"window ({day_text(first)} to {day_text(last)}): {listing}. They are kept, each in the "
            f"period its date falls in."
        )


def _match_events(frame: pd.DataFrame, days: pd.Series, events: pd.DataFrame, file: str) -> pd.Series:
    learning = events[events["kind"] == "learning_event"]
    by_title = dict(
        zip(learning["title"].str.casefold().str.split().str.join(" "), learning["event_id"], strict=True)
    )
    titles = on_distinct(frame["event"], lambda e: e.astype(str).str.split().str.join(" ").str.casefold())
    event_id = titles.map(by_title)
    _refuse(frame, event_id.isna(), "event", file, UNKNOWN_EVENT)
    event_dates = event_id.map(dict(zip(learning["event_id"], learning["date"], strict=True)))
    mismatch = _iso(days) != event_dates
    if mismatch.any():
        rows = frame.loc[mismatch, "source_row"].head(5).tolist()
        raise PDUInputError(
            f"column 'Date': {mismatch.sum()} row(s) give a date that is not the "
            f"date of their event in events.csv (rows {rows})",
            file=file,
        )
    return event_id.astype(str)


def _examples(frame: pd.DataFrame, mask: pd.Series, column: str) -> str:
    """Up to five offending values with the rows a person finds them on."""
    rows = frame.loc[mask, [column, "source_row"]].head(5)
    return "; ".join(f"'{value}' (row {row})" for value, row in rows.itertuples(index=False))


UNKNOWN_EVENT = "column 'Event': {n} row(s) name an event not in events.csv as a learning event: {listing}"
NOT_DATES = (
    "column 'Date': {n} value(s) are not dates; expected an Excel date, YYYY-MM-DD or DD/MM/YYYY: {listing}"
)
OUTSIDE_WINDOW = (
    "column 'Date': {n} date(s) fall outside the study window {first} to {last} (the learning events in "
    "events.csv): {listing}"
)


def _refuse(frame: pd.DataFrame, mask: pd.Series, column: str, file: str, message: str, **values) -> None:
    """Stop the run when ``mask`` holds anywhere: ``message`` with the count and the rows' examples."""
    if mask.any():
        listing = _examples(frame, mask, column)
        raise PDUInputError(message.format(n=int(mask.sum()), listing=listing, **values), file=file)


def _check_dates(frame: pd.DataFrame, days: pd.Series, events: pd.DataFrame, file: str) -> None:
    _refuse(frame, days.isna(), "date", file, NOT_DATES)
    held = events[(events["kind"] == "learning_event") & (events["status"] == "held")]
    first, last = min(held["date"]), max(held["date"])
    outside = (_iso(days) < first) | (_iso(days) > last)
    _refuse(frame, outside, "date", file, OUTSIDE_WINDOW, first=first, last=last)


def clean_register(
    raw: Path,
    events: pd.DataFrame,
    waves: pd.DataFrame,
    salt: str,
    sector_map: dict[str, str],
    log: CleaningLog,
) -> pd.DataFrame:
    """Register rows -> one row per person per learning event attended."""
    path = take_stock(raw).one("register")
    file = str(path)
    frame = io.read_register(path)
    rows_read = len(frame)
    if rows_read == 0:
        raise PDUInputError("the register has a header but no rows", file=file)
    blank = _blank_rows(frame, list(io.REGISTER_COLUMNS.values()))
    frame = frame[~blank].reset_index(drop=True)
    log.add("attendance", "drop wholly blank rows", rows_read, len(frame), f"{int(blank.sum())} blank row(s)")
    frame = schemas.validate(
        frame, schemas.RAW_REGISTER, file=file, headers={v: k for k, v in io.REGISTER_COLUMNS.items()}
    )

    refuse_month_first(frame["date"], frame["source_row"], column="Date", file=file)
    days = parse_series(frame["date"], dayfirst=True)
    _check_dates(frame, days, events, file)
    event_id = _match_events(frame, days, events, file)
    sector = map_sectors(
        frame["sector_label"],
        frame["source_row"],
        sector_map,
        file=file,
        map_path=REFERENCE_DIR / SECTOR_MAP_FILE,
    )
    keys = person_keys(frame["email"], frame["name"], frame["organisation"])
    tidy = pd.DataFrame(
        {
            "event_id": event_id,
            "event_date": _iso(days),
            "person_id": pseudonymise(keys, salt),
            "sector": sector,
            "focus": canonical_focus(frame["focus"], frame["source_row"], file=file).astype(str),
            "period": assign_periods(days, waves),
        }
    )
    own_mail = normalise_email(frame["email"]).ne("")
    by_mail = int(own_mail.sum())
    not_addresses = placeholders(frame["email"])
    log.add(
        "attendance",
        "e-mail placeholders as blank",
        len(frame),
        len(frame),
        f"{not_addresses} e-mail cell(s) held no address (no '@': a placeholder such as 'n/a', "
        f"'none', '-' or 'no email'); each is treated as blank, and the sign-in is matched by "
        f"name and organisation",
    )
    if not_addresses:
        log.note(
            f"{not_addresses} sign-in(s) give a placeholder instead of an e-mail address (such as "
            f"'n/a' or 'none'). A placeholder is not a person: these sign-ins are matched by name "
            f"and organisation, as for a blank e-mail."
        )
    borrowed = int((~own_mail & keys.str.startswith("e:")).sum())
    log.add(
        "attendance",
        "match sign-ins to people",
        len(tidy),
        len(tidy),
        f"{tidy['person_id'].nunique()} people: {by_mail} sign-ins keyed by e-mail, "
        f"{borrowed} without e-mail matched by name and organisation, "
        f"{len(keys) - by_mail - borrowed} keyed by name and organisation alone",
    )

    duplicated = tidy.duplicated(["event_id", "person_id"], keep="first")
    tidy = tidy[~duplicated]
    log.add(
        "attendance",
        "merge duplicate sign-ins",
        len(duplicated),
        len(tidy),
        f"{int(duplicated.sum())} repeat sign-in(s) of one person at one event",
    )
    tidy = _one_value_per_person(tidy, log)
    tidy = tidy.sort_values(["event_date", "event_id", "person_id"], kind="stable")
    return schemas.validate(tidy.reset_index(drop=True), schemas.ATTENDANCES, file=file)


def _one_value_per_person(tidy: pd.DataFrame, log: CleaningLog) -> pd.DataFrame:
    """A person's sector and focus are their most frequent answer (ties: the first given)."""
    changed = 0
    tidy = tidy.copy()
    for column in ("sector", "focus"):
        modal = (
            tidy.groupby(["person_id", column], sort=False)
            .size()
            .rename("n")
            .reset_index()
            .sort_values("n", ascending=False, kind="stable")
            .drop_duplicates("person_id")
            .set_index("person_id")[column]
        )
        resolved = tidy["person_id"].map(modal)
        changed += int((resolved != tidy[column]).sum())
        tidy[column] = resolved.astype(str)
    log.add(
        "attendance",
        "one sector and focus per person",
        len(tidy),
        len(tidy),
        f"{changed} value(s) harmonised to the person's most frequent answer",
    )
    return tidy


_PERSON = {"sector": ("sector", "first"), "focus": ("focus", "first"), "attendances": ("event_id", "size")}
"""What a person's row takes from their attendances, besides the first and last dates."""


def summarise_people(attendances: pd.DataFrame) -> pd.DataFrame:
    """One row per person: sector, focus and how often they attended."""
    # Grouped by the person's rank among the sorted ids, and first and last dates as the smallest
    # and largest rank among the sorted dates: the same as grouping by the id and taking min and
    # max of the ISO text, without pandas' per-group Python fallback for text min and max.
    if attendances[["person_id", "event_date"]].isna().any(axis=None):
        people = (
            attendances.groupby("person_id", sort=True)
            .agg(**_PERSON, first_attended=("event_date", "min"), last_attended=("event_date", "max"))
            .reset_index()
        )
    else:
        person, ids = pd.factorize(attendances["person_id"], sort=True)
        day, days = pd.factorize(attendances["event_date"], sort=True)
        people = (
            attendances.assign(person=person, day=day)
            .groupby("person", sort=True)
            .agg(**_PERSON, first_day=("day", "min"), last_day=("day", "max"))
        )
        people.index = pd.Index(ids.take(people.index.to_numpy()), name="person_id")
        people["first_attended"] = days.take(people.pop("first_day").to_numpy())
        people["last_attended"] = days.take(people.pop("last_day").to_numpy())
        people = people.reset_index()
    people["attendances"] = people["attendances"].astype("int64")
    return schemas.validate(people, schemas.PEOPLE, file="people")


def clean_hub(raw: Path, salt: str, sector_map: dict[str, str], log: CleaningLog) -> pd.DataFrame:
    """Hub registrations -> one row per user with sector (no names, no e-mails)."""
    path = take_stock(raw).one("hub")
    frame = io.read_hub(path)
    rows_read = len(frame)
    blank = _blank_rows(frame, list(io.HUB_COLUMNS.values()))
    frame = frame[~blank].reset_index(drop=True)
    log.add("hub", "drop wholly blank rows", rows_read, len(frame), f"{int(blank.sum())} blank")
    frame = schemas.validate(
        frame, schemas.RAW_HUB, file=str(path), headers={v: k for k, v in io.HUB_COLUMNS.items()}
    )
    refuse_month_first(frame["registered"], frame["source_row"], column="Registered", file=str(path))
    registered = parse_series(frame["registered"], dayfirst=True)
    hub = pd.DataFrame(
        {
            "user_ref": pseudonymise("hub:" + frame["user_id"].astype(str).str.strip(), salt),
            "registered": on_distinct(
                registered, lambda r: r.map(lambda d: d.isoformat() if d else None).astype("string")
            ),
            "sector": map_sectors(
                frame["sector_label"],
                frame["source_row"],
                sector_map,
                file=str(path),
                map_path=REFERENCE_DIR / SECTOR_MAP_FILE,
            ),
        }
    )
    log.add(
        "hub", "map sectors, drop names and e-mails", len(frame), len(hub), f"{len(hub)} registered users"
    )
    return schemas.validate(
        hub.sort_values("user_ref").reset_index(drop=True), schemas.HUB_USERS, file=str(path)
    )


def build(raw: Path, *, reference: Path = REFERENCE_DIR, interim_cutoff: str | None = None) -> CleanResult:
    """All attendance-side tidy tables and their cleaning log."""
    log = CleaningLog()
    if not raw.is_dir():
        raise PDUInputError("raw data folder not found", file=str(raw))
    waves = reference_waves(reference, interim_cutoff=interim_cutoff)
    take_stock(raw, reference).log_to(log)
    sector_map = load_sector_map(reference / SECTOR_MAP_FILE)
    salt = resolve_salt(raw)
    events = clean_events(raw, waves, log)
    attendances = clean_register(raw, events, waves, salt, sector_map, log)
    people = summarise_people(attendances)
    hub = clean_hub(raw, salt, sector_map, log)
    return CleanResult(
        tables={
            "attendances": attendances,
            "people": people,
            "events": events,
            "hub_users": hub,
            "periods": schemas.validate(period_table(waves), schemas.PERIODS, file="periods"),
        },
        log=log,
    )
