"""Invent the 291 attendees and which learning events each attended.

Attendances are allocated to hit the targets exactly: how many people attended 1-4 events, and the
attendances in each (period, sector, main focus of work) cell. Each person has one sector, one focus
and one organisation; which events they went to is random, weighted towards events in work streams
that match their focus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import fakes, targets
from .events import BASE_WEIGHT, FOCUS_AFFINITY, INTERIM_CUTOFF_EVENTS, LATER_EVENTS


@dataclass
class Person:
    pid: int
    first: str
    last: str
    email: str
    organisation: str
    sector: str
    sector_spellings: tuple[str, ...]
    focus: str
    events: tuple[str, ...] = ()
    gives_email: bool = True

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def unique_names(rng: np.random.Generator, n: int) -> list[tuple[str, str]]:
    """``n`` distinct (first, surname) pairs, so name + organisation is never ambiguous."""
    pairs = [(f, s) for f in fakes.FIRST_NAMES for s in fakes.SURNAMES]
    picks = rng.choice(len(pairs), size=n, replace=False)
    return [pairs[i] for i in picks]


def _split_frequencies(rng, cells: dict[tuple[str, str], int]) -> dict[tuple[str, str], list[int]]:
    """Share the people (as attendance counts 1-4) among cells so each cell's sum is exact."""
    pool = [k for k, n in sorted(targets.ATTENDANCE_FREQUENCY.items()) for _ in range(n)]
    pool = [pool[i] for i in rng.permutation(len(pool))]
    order = sorted(cells, key=lambda c: cells[c])  # the biggest cell takes the remainder
    out: dict[tuple[str, str], list[int]] = {}
    for cell in order[:-1]:
        total = cells[cell]
        taken: list[int] = []
        rest: list[int] = []
        for k in pool:
            if sum(taken) + k <= total and sum(taken) < total:
                taken.append(k)
            else:
                rest.append(k)
        if sum(taken) != total:
            raise RuntimeError(f"cannot fill cell {cell}")
        out[cell], pool = taken, rest
    out[order[-1]] = pool
    if sum(pool) != cells[order[-1]]:
        raise RuntimeError("attendance totals do not add up")
    return out


def _pick_events(rng, pool: tuple, k: int, focus: str) -> list[str]:
    if k == 0:
        return []
    weights = np.array(
        [
            BASE_WEIGHT.get(e.event_id, 1.0) * (2.5 if e.work_stream in FOCUS_AFFINITY[focus] else 1.0)
            for e in pool
        ]
    )
    idx = rng.choice(len(pool), size=k, replace=False, p=weights / weights.sum())
    return [pool[i].event_id for i in sorted(idx)]


def make_people(rng: np.random.Generator) -> list[Person]:
    """All register attendees with their events, in a stable order."""
    cells: dict[tuple[str, str], int] = {}
    for (_, sector), by_focus in targets.ATTENDANCES.items():
        for focus, n in by_focus.items():
            cells[(sector, focus)] = cells.get((sector, focus), 0) + n
    freq = _split_frequencies(rng, cells)
    n_people = sum(len(v) for v in freq.values())
    names = unique_names(rng, n_people)
    people: list[Person] = []
    emails: set[str] = set()
    for cell in sorted(freq):
        sector, focus = cell
        ks = freq[cell]
        interim_n = targets.ATTENDANCES[("interim", sector)][focus]
        slots = [i for i, k in enumerate(ks) for _ in range(k)]
        chosen = rng.permutation(len(slots))[:interim_n]
        k_interim = [0] * len(ks)
        for s in chosen:
            k_interim[slots[s]] += 1
        orgs = fakes.ORGANISATIONS[cell]
        org_w = np.array([w for _, _, w in orgs], dtype=float)
        for i, k in enumerate(ks):
            first, last = names[len(people)]
            org, spellings, _ = orgs[rng.choice(len(orgs), p=org_w / org_w.sum())]
            email = _own_email(rng, first, last, emails)
            events = _pick_events(rng, INTERIM_CUTOFF_EVENTS, k_interim[i], focus) + _pick_events(
                rng, LATER_EVENTS, k - k_interim[i], focus
            )
            people.append(
                Person(len(people) + 1, first, last, email, org, sector, spellings, focus, tuple(events))
            )
    return people


def _own_email(rng, first: str, last: str, taken: set[str]) -> str:
    style = int(rng.choice(3, p=[0.6, 0.25, 0.15]))
    for s in (style, 0, 1, 2):
        email = fakes.email_for(first, last, s)
        if email not in taken:
            taken.add(email)
            return email
    raise RuntimeError(f"no free e-mail address for {first} {last}")
