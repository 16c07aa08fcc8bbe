"""Refuse to write a register that the documented matching rule would mis-count.

Applies the rule the cleaner uses (e-mail first, then name + organisation) to the generated rows and
checks it finds exactly the intended people and attendances, with no two people colliding.
"""

from __future__ import annotations

import re


def norm(value) -> str:
    """Strip, casefold, collapse internal whitespace."""
    return re.sub(r"\s+", " ", str(value or "")).strip().casefold()


def match(table: list[list]) -> dict[tuple[str, str], str]:
    """(person key, event title) -> first row's event, for the non-blank rows of the register."""
    head, *rows = table
    col = {c: i for i, c in enumerate(head)}
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    by_name: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        email = norm(r[col["Email"]])
        if email:
            name_org = (norm(r[col["Name"]]), norm(r[col["Organisation"]]))
            by_name.setdefault(name_org, set()).add(email)
    clashes = {k: v for k, v in by_name.items() if len(v) > 1}
    if clashes:
        raise RuntimeError(f"name + organisation shared by several e-mails: {sorted(clashes)}")
    seen: dict[tuple[str, str], str] = {}
    for r in rows:
        key = norm(r[col["Email"]])
        if not key:
            name_org = (norm(r[col["Name"]]), norm(r[col["Organisation"]]))
            emails = by_name.get(name_org, set())
            key = next(iter(emails)) if emails else "|".join(name_org)
        seen.setdefault((key, norm(r[col["Event"]])), r[col["Event"]])
    return seen


def check_register(table: list[list], people: int, attendances: int) -> None:
    pairs = match(table)
    found_people = len({k for k, _ in pairs})
    if (found_people, len(pairs)) != (people, attendances):
        raise RuntimeError(
            f"register matches {found_people} people / {len(pairs)} attendances, "
            f"expected {people} / {attendances}"
        )
