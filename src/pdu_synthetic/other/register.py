"""The other programme's attendees, sign-in register and hub list.

People sign in as they do anywhere (e-mail case and spaces, event titles typed loosely, sector typed
many ways, duplicate sign-ins, blank rows). The register workbook opens on a "Read me" sheet: the
contract names the sheet ``Register`` but not its position, so the reader must find it by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from .. import fakes, xlsx
from ..events import Event
from ..people import unique_names
from .plan import FOCUS, ORGANISATIONS

COLUMNS = ("Event", "Date", "Name", "Email", "Organisation", "Sector", "Main focus of work")
N_PEOPLE, DUPLICATES, BLANK_ROWS = 120, 4, 3
LAST_HUB_DAY = date(2019, 1, 31)


@dataclass
class Attendee:
    first: str
    last: str
    email: str
    organisation: str
    sector: str
    spellings: tuple[str, ...]
    focus: str
    events: tuple[Event, ...]

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def attendees(rng: np.random.Generator, learning: tuple[Event, ...]) -> list[Attendee]:
    """Everyone who signed in, each with one to four distinct events."""
    out = []
    for first, last in unique_names(rng, N_PEOPLE):
        sector = "statutory" if rng.random() < 0.3 else "voluntary"
        orgs = ORGANISATIONS[sector]
        org, spellings = orgs[int(rng.integers(len(orgs)))]
        k = int(rng.choice(4, p=[0.55, 0.25, 0.12, 0.08])) + 1
        picked = sorted(int(i) for i in rng.choice(len(learning), size=k, replace=False))
        focus = FOCUS[int(rng.integers(len(FOCUS)))]
        email = fakes.email_for(first, last, 0)
        out.append(
            Attendee(first, last, email, org, sector, spellings, focus, tuple(learning[i] for i in picked))
        )
    return out


def _typed(rng, text: str, rate: float) -> str:
    if rng.random() >= rate:
        return text
    return (text.upper(), f" {text}", f"{text}  ", text.lower())[int(rng.integers(4))]


def rows(rng: np.random.Generator, people: list[Attendee]) -> list[list]:
    """Register rows, header first, in event order, with duplicates and blank rows mixed in."""
    body: list[list] = []  # cells as the spreadsheet holds them: text, dates, blanks
    for p in people:
        for e in p.events:
            body.append(
                [
                    _typed(rng, e.title, 0.08),
                    datetime.combine(e.date, datetime.min.time()),
                    p.name,
                    _typed(rng, p.email, 0.12),
                    p.organisation,
                    p.spellings[int(rng.integers(len(p.spellings)))],
                    _typed(rng, p.focus, 0.06),
                ]
            )
    for i in rng.choice(len(body), size=DUPLICATES, replace=False):
        again = list(body[int(i)])
        again[3] = f" {again[3].strip().upper()} "
        body.append(again)
    order = rng.permutation(len(body))
    body = sorted((body[int(i)] for i in order), key=lambda r: r[1])
    for pos in sorted(rng.choice(np.arange(3, len(body) - 3), size=BLANK_ROWS, replace=False), reverse=True):
        body.insert(int(pos), [None] * len(COLUMNS))
    return [list(COLUMNS), *body]


def write(path: Path, table: list[list]) -> None:
    """The register workbook: a "Read me" sheet first, then ``Register`` with Excel dates."""
    wb = Workbook()
    notes = wb.active
    notes.title = "Read me"
    notes.append(["Sign-in register: one row per person per event."])
    notes.append(["Please type the event title as publicised."])
    ws = wb.create_sheet("Register")
    for row in table:
        ws.append(row)
    for cell in ws["B"][1:]:
        if cell.value is not None:
            cell.number_format = "dd/mm/yyyy"
    xlsx.save(wb, path)


def hub_rows(rng: np.random.Generator, people: list[Attendee]) -> list[list[str]]:
    """Hub registrations: a sample of attendees, registered on or after their first event."""
    picked = sorted(int(i) for i in rng.choice(len(people), size=len(people) // 3, replace=False))
    out = [["User ID", "Registered", "Name", "Email", "Organisation", "Sector"]]
    for n, i in enumerate(picked):
        p = people[i]
        day = min(p.events[0].date + timedelta(days=int(rng.integers(0, 60))), LAST_HUB_DAY)
        spelling = p.spellings[int(rng.integers(len(p.spellings)))]
        out.append([str(5001 + n), day.isoformat(), p.name, p.email, p.organisation, spelling])
    return out
