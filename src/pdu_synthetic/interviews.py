"""Invented telephone-interview notes, one text file per interview (``interviews/*.txt``).

The report drew on 16 interviews with repeat attenders and 10 with steering group members and
facilitators; none is public. These five notes are written in the voice of the report's interview
quotes, about the same themes (trauma-informed practice, psychologically informed environments,
the Pledge, service user involvement, links made at events). Interviewees are pseudonymous codes;
the notes name third parties (people from the synthetic register, their organisations, a phone
number in Ofcom's range reserved for drama and an ``example.org`` address), as real notes do, so
that redaction is exercised on every build.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .people import Person

FOLDER = "interviews"
PHONE = "0115 496 0{:03d}"
"""Ofcom reserves 0115 496 0000-0999 for drama: never a real line."""

NOTES = {
    "R01": (
        "repeat attender",
        "2019-01-14",
        (
            "Has been to four events. Said the trauma informed practice event changed how she runs first "
            "appointments: 'The trauma informed practice taught me to put the person before the paperwork. "
            "Now at induction I do not worry about getting through all the pages.'",
            "Met {name_a} from {org_a} at the Housing First event and they have made referrals both ways "
            "since. {first_a} gave her a direct line ({phone}) so she no longer goes through reception.",
            "Shared the slides at a team meeting and the team now talk about trauma in supervision.",
        ),
    ),
    "R02": (
        "repeat attender",
        "2019-01-16",
        (
            "Works in a hostel. After the psychologically informed environments session they took down most "
            "of the notices in the communal areas: 'mainly rules and what you cannot do'. Residents noticed.",
            "Would like more people from statutory services and more managers at the events, because "
            "front line staff cannot change procedures on their own.",
            "Keeps in touch with {name_b} ({email_b}) about joint working on tenancy support.",
        ),
    ),
    "R03": (
        "repeat attender",
        "2019-01-21",
        (
            "Their service adopted the Pledge last summer and is now reviewing it with the service user "
            "group: 'People need to walk the walk, not just talk the talk.'",
            "Found the events useful but said there was too much to take in at once; would value "
            "follow-up sessions to help put it into practice.",
        ),
    ),
    "S01": (
        "steering group member",
        "2019-01-22",
        (
            "Thinks the events are changing how people think about working with people with multiple "
            "needs, in the spirit of Making Every Adult Matter: fitting services to people, not people "
            "to services.",
            "Wants Expert Citizens on the steering group and more say for service users in choosing topics.",
            "Worried about engaging the statutory sector and about what happens when the funding ends.",
        ),
    ),
    "F01": (
        "facilitator",
        "2019-01-24",
        (
            "Facilitated the women's services event with {name_c} of {org_c}. Said hearing women with lived "
            "experience speak was what people remembered most.",
            "Has heard that one hostel moved to single sex after the event, which the women welcomed.",
        ),
    ),
}


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
    for code, (group, day, passages) in NOTES.items():
        header = f"Interview: {code}\nGroup: {group}\nDate: {day}\nRound: final\n"
        body = "\n\n".join(p.format(**fill) for p in passages)
        notes[f"{FOLDER}/{code}.txt"] = f"{header}\n{body}\n"
    return notes


def write(out_dir: Path, notes: dict[str, str]) -> None:
    (out_dir / FOLDER).mkdir(parents=True, exist_ok=True)
    for name, text in notes.items():
        (out_dir / name).write_bytes(text.encode("utf-8"))
