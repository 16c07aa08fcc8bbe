"""What the other programme is: its events, Community of Practice groups, rounds and organisations.

A second, invented programme for tests only (never shipped in ``data/raw``): other titles, other
group names, 25 learning events and three follow-up rounds, so that tests can show the pipeline
runs on anyone's exports and not just on the shipped reconstruction. Plain data; the drawing is
done by :mod:`.people` and :mod:`.surveys`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..events import Event

LEARNING_TITLES = (
    ("Motivational Interviewing: the basics", "Engagement"),
    ("Working with Hoarding Behaviours", "Housing"),
    ("Benefits and Universal Credit Update", "Money and welfare"),
    ("Understanding Personality Disorder", "Mental health"),
    ("Safeguarding Adults who Self-Neglect", "Safeguarding"),
    ("Gambling Harms", "Addictions"),
    ("Modern Slavery and Exploitation", "Safeguarding"),
    ("Naloxone and Overdose Awareness", "Addictions"),
    ("Tenancy Sustainment in Practice", "Housing"),
    ("Brain Injury and Homelessness", "Health"),
    ("Co-Production: from words to action", "Engagement"),
    ("Domestic Abuse and Multiple Disadvantage", "Safeguarding"),
    ("Reflective Practice for Front Line Teams", "Workforce"),
    ("No Recourse to Public Funds", "Money and welfare"),
    ("Hospital Discharge for People Sleeping Rough", "Health"),
    ("Resilience and Burnout", "Workforce"),
    ("Peer Support Roles that Work", "Engagement"),
    ("Hate Crime Reporting", "Safeguarding"),
    ("Pathways out of Street Drinking", "Addictions"),
    ("Autism in Adult Services", "Health"),
    ("Mental Capacity Act Refresher", "Safeguarding"),
    ("Move-On Accommodation", "Housing"),
    ("Making Every Contact Count", "Health"),
    ("Digital Inclusion for Service Users", "Engagement"),
    ("Restorative Approaches in Hostels", "Housing"),
)
"""25 learning events, in date order."""

COP_GROUPS = (
    ("Peer Mentors Network", "Engagement", (11, 14, 9)),
    ("Hostel Managers Forum", "Housing", (7, 8)),
    ("Dual Diagnosis Practice Circle", "Health", (13,)),
)
"""Community of Practice groups and the headcount of each session (held)."""

FIRST_EVENT, EVENT_SPACING_DAYS = date(2017, 10, 4), 19


@dataclass(frozen=True)
class Round:
    """One follow-up round: one export file, whatever collectors it holds."""

    file: str
    wave: str
    label: str
    cutoff: date
    first_day: date
    last_day: date
    collectors: tuple[int, ...]
    responses: tuple[int, ...]  # answering responses per collector
    blank: int = 0  # opened and left blank
    encoding: str = "utf-8-sig"


ROUND_TABLE = """
export (after follow_up_)|wave|label|cut-off|first day|last day|collectors|responses|blank|encoding
2018-04.csv|spring_2018|Spring 2018|2018-03-31|2018-04-03|2018-04-27|301100201|11|0|utf-8-sig
2018-10.xlsx|autumn_2018|Autumn 2018|2018-09-30|2018-10-02|2018-10-26|302200302 302200417|9 8|0|utf-8-sig
2019-02.csv|winter_2019|Winter 2019|2019-01-31|2019-02-04|2019-02-22|303300503|21|1|cp1252
"""
"""The rounds, one a line (autumn 2018: a web link and an e-mail invitation, same round)."""


def _round(line: str) -> Round:
    file, wave, label, cutoff, first, last, collectors, responses, blank, encoding = (
        cell.strip() for cell in line.split("|")
    )
    cut, opened, closed = (date.fromisoformat(d) for d in (cutoff, first, last))
    ids, answering = (tuple(int(v) for v in cell.split()) for cell in (collectors, responses))
    return Round(
        f"follow_up_{file}",
        wave,
        label,
        cut,
        opened,
        closed,
        ids,
        answering,
        blank=int(blank),
        encoding=encoding,
    )


ROUNDS = tuple(_round(line) for line in ROUND_TABLE.strip().splitlines()[1:])

ORGANISATIONS = {
    "statutory": (
        ("Riverside Borough Council", ("Council", "Local Authority", "LA ", "council")),
        ("Lowfield NHS Trust", ("NHS", " nhs", "Statutory sector")),
        ("Regional Probation Office", ("Probation", "statutory")),
    ),
    "voluntary": (
        ("Harbour Housing Association", ("Voluntary", "voluntary sector", "VCS")),
        ("Lantern Women's Project", ("Charity", "Third Sector")),
        ("Bridgeway Recovery", ("VCSE", "Not for profit")),
        ("Open Arms Advice", ("Community and voluntary", "charity ")),
        ("Kestrel Youth Trust", ("Voluntary",)),
    ),
}
"""Invented organisations and the ways people type their sector (all in ``sector_map.csv``)."""

FOCUS = ("Housing", "Women's services", "Offending", "Mental health", "Substance misuse", "Other")


@dataclass
class Intended:
    """The figures the generator meant the files to carry, from its own bookkeeping."""

    attendances: int = 0
    people: int = 0
    statutory_up_to: dict[str, tuple[int, int]] = field(default_factory=dict)
    statutory_after: dict[str, tuple[int, int]] = field(default_factory=dict)
    post_event_responses: int = 0
    post_event_late: int = 0
    took_action: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Follow-up file name -> (Yes, answering)."""
    answer_variants: int = 0
    """Single-choice answers typed in another case or spacing than the codebook option."""


def events() -> tuple[tuple[Event, ...], tuple[Event, ...]]:
    """(learning events, Community of Practice sessions); ids follow the contract (E.., C..)."""
    from datetime import timedelta

    learning = tuple(
        Event(f"E{i + 1:02d}", FIRST_EVENT + timedelta(days=EVENT_SPACING_DAYS * i), title, stream)
        for i, (title, stream) in enumerate(LEARNING_TITLES)
    )
    cop, n = [], 0
    for g, (group, stream, heads) in enumerate(COP_GROUPS):
        for s, head in enumerate(heads):
            n += 1
            day = date(2018, 2 + 3 * s, 6 + 7 * g)
            title = f"{group}: meeting {s + 1}"
            cop.append(Event(f"C{n:02d}", day, title, stream, "community_of_practice", "held", head))
    return learning, tuple(cop)
