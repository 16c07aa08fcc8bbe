"""Invented interview notes, one text file per interview (``interviews/*.txt``).

The notes themselves (who, when, what was said) are in ``interview_notes``. Interviewees are
pseudonymous codes; the notes name third parties (people from the synthetic register, their
organisations, a phone number in Ofcom's range reserved for drama and an ``example.org`` address),
as real notes do, so that redaction is exercised on every build.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .interview_notes import NOTES
from .people import Person

__all__ = ["FOLDER", "NOTES", "build", "write"]

FOLDER = "interviews"
PHONE = "0115 496 0{:03d}"
"""Ofcom reserves 0115 496 0000-0999 for drama: never a real line."""


def _people(rng: np.random.Generator, people: list[Person], k: int) -> list[Person]:
    pool = [p for p in people if p.organisation and p.gives_email]
    return [pool[int(i)] for i in rng.choice(len(pool), size=k, replace=False)]


def build(rng: np.random.Generator, people: list[Person]) -> dict[str, str]:
    """File name -> text of every interview note, names filled from the synthetic register."""
    a, b, c = _people(rng, people, 3)
    fill = {
        "name_a": a.name,
        "first_a": a.first,
        "org_a": a.organisation,
        "phone": PHONE.format(int(rng.integers(0, 1000))),
        "name_b": b.name,
        "email_b": b.email,
        "name_c": c.name,
        "org_c": c.organisation,
    }
    notes = {}
    for code, (group, day, round_, passages) in NOTES.items():
        header = f"Interview: {code}\nGroup: {group}\nDate: {day}\nRound: {round_}\n"
        body = "\n\n".join(text.format(**fill) for text, _, _ in passages)
        notes[f"{FOLDER}/{code}.txt"] = f"{header}\n{body}\n"
    return notes


def write(out_dir: Path, notes: dict[str, str]) -> None:
    (out_dir / FOLDER).mkdir(parents=True, exist_ok=True)
    for name, text in notes.items():
        (out_dir / name).write_bytes(text.encode("utf-8"))
