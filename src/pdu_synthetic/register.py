"""The co-ordinator's sign-in register (``attendance_register.xlsx``), with realistic mess.

The 468 clean attendances come from :mod:`people`; this module types them the way people sign in
(nicknames, e-mail case and spaces, sector spelt many ways, blank e-mails) and adds rows the
cleaning must drop (blank rows, duplicate sign-ins). Every kind of mess is counted for
PROVENANCE.md.

The cleaner's matching rule this file is built for: a row's person is its e-mail (strip +
lowercase); a row without e-mail takes the person whose e-mailed rows carry the same normalised
name + organisation (strip, casefold, collapse internal spaces), else is a person of its own keyed
by name + organisation.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from . import fakes, targets, xlsx
from .events import BY_ID
from .people import Person

COLUMNS = ("Event", "Date", "Name", "Email", "Organisation", "Sector", "Main focus of work")


def _email_variant(rng, email: str) -> str:
    local, domain = email.split("@")
    kind = int(rng.integers(4))
    if kind == 0:
        return ".".join(p.capitalize() for p in local.split(".")) + "@" + domain
    if kind == 1:
        return email.upper()
    if kind == 2:
        return email + " "
    return " " + email.capitalize()


def _text_variant(rng, text: str) -> str:
    kind = int(rng.integers(3))
    if kind == 0:
        return text.lower()
    if kind == 1:
        return text + " "
    return text.upper() if len(text) < 20 else " ".join(text.split(" ", 1)).replace(" ", "  ", 1)


def _title_variant(rng, title: str) -> str:
    """Only case and surrounding spaces: the reader matches titles after trimming, ignoring case."""
    kind = int(rng.integers(3))
    return (title.lower(), title + " ", " " + title.upper())[kind]


def _pick(rng, candidates: list, k: int) -> list:
    idx = rng.choice(len(candidates), size=k, replace=False)
    return [candidates[int(i)] for i in sorted(idx)]


def build(rng: np.random.Generator, people: list[Person]) -> tuple[list[list], Counter]:
    """Register rows (header first) and a catalogue of the mess they contain."""
    mess = targets.MESS
    tally: Counter = Counter()
    repeaters = [p for p in people if len(p.events) >= 2]
    no_email = _pick(rng, [p for p in people if len(p.events) <= 2], mess["people_without_email"])
    for p in no_email:
        p.gives_email = False
    nick_pool = [p for p in repeaters if p.first in fakes.NICKNAMES and p.gives_email]
    nick = _pick(rng, nick_pool, mess["nickname_rows"])
    blank_pool = [p for p in repeaters if p.gives_email and p not in nick]
    blank = _pick(rng, blank_pool, mess["blank_email_rows_matched"])

    rows: list[dict] = []
    for p in people:
        special = {}
        if p in nick:
            special[p.events[int(rng.integers(len(p.events)))]] = "nickname"
        if p in blank:
            special[p.events[int(rng.integers(len(p.events)))]] = "blank_email"
        for ev in p.events:
            rows.append(_row(rng, p, ev, special.get(ev), tally))
    dup_pool = [i for i, r in enumerate(rows) if r["kind"] is None and r["email"].strip()]
    for i in _pick(rng, dup_pool, mess["duplicate_sign_ins"]):
        dup = dict(rows[i], kind="duplicate")
        dup["email"] = _email_variant(rng, rows[i]["person"].email)
        tally["duplicate_sign_ins"] += 1
        rows.append(dup)

    order = rng.permutation(len(rows))
    rows = [rows[int(i)] for i in order]
    rows.sort(key=lambda r: BY_ID[r["event_id"]].date)  # stable: random order within an event
    table: list[list] = [list(COLUMNS)]
    for r in rows:
        event = BY_ID[r["event_id"]]
        table.append(
            [
                r["event"],
                event.date,
                r["name"],
                r["email"] or None,
                r["organisation"],
                r["sector"],
                r["focus"],
            ]
        )
    for pos in sorted(
        rng.choice(np.arange(5, len(table) - 5), size=mess["blank_rows"], replace=False), reverse=True
    ):
        table.insert(int(pos), [None] * len(COLUMNS))
        tally["blank_rows"] += 1
    tally["people_without_email_rows"] = sum(len(p.events) for p in no_email)
    tally["people_without_email"] = len(no_email)
    tally["sector_spellings"] = len({r["sector"] for r in rows})
    tally["clean_attendances"] = sum(len(p.events) for p in people)
    tally["people"] = len(people)
    tally["rows_written"] = len(table) - 1
    return table, tally


def _row(rng, p: Person, event_id: str, kind: str | None, tally: Counter) -> dict:
    rate = targets.MESS
    ev = BY_ID[event_id]
    name, email, org = p.name, p.email, p.organisation
    if kind == "nickname":
        name = f"{fakes.NICKNAMES[p.first]} {p.last}"
        tally["nickname_rows"] += 1
    elif kind == "blank_email":
        email = ""
        tally["blank_email_rows_matched"] += 1
        if tally["blank_email_rows_matched"] <= 2:
            name = name.lower() if tally["blank_email_rows_matched"] == 1 else name.upper() + " "
            tally["blank_email_rows_name_typed_differently"] += 1
    if not p.gives_email:
        email = ""
    elif email and rng.random() < rate["email_variant_rate"]:
        email = _email_variant(rng, email)
        tally["email_case_or_space"] += 1
    if kind is None and email and rng.random() < rate["name_variant_rate"]:
        name = _text_variant(rng, name)
        tally["name_case_or_space"] += 1
    if rng.random() < rate["organisation_variant_rate"]:
        org = _text_variant(rng, org)
        tally["organisation_case_or_space"] += 1
    title = ev.title
    if rng.random() < rate["event_title_variant_rate"]:
        title = _title_variant(rng, title)
        tally["event_title_case_or_space"] += 1
    focus = p.focus
    if rng.random() < rate["focus_variant_rate"]:
        focus = focus.lower() if rng.random() < 0.7 else focus.upper()
        tally["focus_case"] += 1
    sector = p.sector_spellings[int(rng.integers(len(p.sector_spellings)))]
    if sector not in ("Voluntary", "Statutory"):
        tally["sector_typed_otherwise"] += 1
    return {
        "event_id": event_id,
        "event": title,
        "name": name,
        "email": email,
        "organisation": org,
        "sector": sector,
        "focus": focus,
        "kind": kind,
        "person": p,
    }


def write(path: Path, table: list[list]) -> None:
    """Save as sheet ``Register`` with Excel dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    for row in table:
        ws.append(row)
    for cell in ws["B"][1:]:
        if cell.value is not None:
            cell.number_format = "dd/mm/yyyy"
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["D"].width = 34
    ws.column_dimensions["E"].width = 34
    xlsx.save(wb, path)
