"""Users registered on the PDU online platform (``hub_registrations.csv``).

192 users: 134 voluntary, 50 statutory, 8 private (70/26/4%). Some are attendees from the register
(same name and e-mail), the rest new names. Sector is typed as freely as in the register.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from . import fakes, targets
from .people import Person

COLUMNS = ("User ID", "Registered", "Name", "Email", "Organisation", "Sector")
FIRST_DAY, LAST_DAY = date(2017, 10, 2), date(2019, 1, 28)


def build(rng: np.random.Generator, people: list[Person]) -> list[list[str]]:
    """Hub rows, header first, in order of registration."""
    want = dict(targets.HUB_USERS)
    candidates = [p for p in people if p.gives_email]
    from_register = [
        candidates[int(i)]
        for i in sorted(rng.choice(len(candidates), size=targets.HUB_FROM_REGISTER, replace=False))
    ]
    users = []
    for p in from_register:
        want[p.sector] -= 1
        email = p.email if rng.random() < 0.8 else p.email.capitalize()
        users.append((p.name, email, p.organisation, _spelling(rng, p.sector_spellings)))
    taken = {p.name for p in people} | {p.email for p in people}
    for sector in ("voluntary", "statutory", "private"):
        for _ in range(want[sector]):
            first, last = _new_name(rng, taken)
            email = fakes.email_for(first, last, int(rng.integers(3)))
            if email in taken:
                email = fakes.email_for(first, last, 0)
            taken.add(email)
            org, spellings = _organisation(rng, sector)
            users.append((f"{first} {last}", email, org, _spelling(rng, spellings)))
    order = rng.permutation(len(users))
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(int(d) for d in rng.integers(0, span + 1, size=len(users)))
    rows, user_id = [list(COLUMNS)], 1000
    for k, i in enumerate(order):
        user_id += 1 + int(rng.random() < 0.08)  # the odd deleted account leaves a gap
        name, email, org, sector = users[int(i)]
        rows.append(
            [str(user_id), (FIRST_DAY + timedelta(days=days[k])).isoformat(), name, email, org, sector]
        )
    return rows


def _spelling(rng, spellings) -> str:
    return spellings[int(rng.integers(len(spellings)))]


def _new_name(rng, taken: set[str]) -> tuple[str, str]:
    while True:
        first = fakes.FIRST_NAMES[int(rng.integers(len(fakes.FIRST_NAMES)))]
        last = fakes.SURNAMES[int(rng.integers(len(fakes.SURNAMES)))]
        if f"{first} {last}" not in taken:
            taken.add(f"{first} {last}")
            return first, last


def _organisation(rng, sector: str) -> tuple[str, tuple[str, ...]]:
    if sector == "private":
        orgs = fakes.HUB_PRIVATE_ORGANISATIONS
        return orgs[int(rng.integers(len(orgs)))]
    orgs = sorted(
        {(o, sp) for (s, _), group in fakes.ORGANISATIONS.items() if s == sector for o, sp, _ in group}
    )
    org, spellings = orgs[int(rng.integers(len(orgs)))]
    return org, spellings + fakes.HUB_EXTRA_SECTOR_SPELLINGS[sector]
