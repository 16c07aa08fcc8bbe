"""The PDU's learning events and Community of Practice sessions (``events.csv``).

Titles are invented from the topics the report names; dates are plausible (19 learning events
between Oct 2017 and Jan 2019, 12 of them on or before the interim cut-off). Community of Practice
headcounts are the report's: Service User Involvement 4 sessions of 6-9, Housing First 18 (and 10
booked for February 2019), Care Act 2 sessions of 12.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .targets import INTERIM_CUTOFF


@dataclass(frozen=True)
class Event:
    event_id: str
    date: date
    title: str
    work_stream: str
    kind: str = "learning_event"
    status: str = "held"
    headcount: int | None = None


TRAUMA = "Trauma informed and psychologically informed approaches"
HOUSING = "Housing and homelessness"
WOMEN = "Women and complex needs"
INVOLVE = "Service user involvement"
HEALTH = "Mental health and substance use"
PRACTICE = "Strengths-based practice"
LAW = "Care Act and legal literacy"
JUSTICE = "Offending and criminal justice"

LEARNING_EVENTS = (
    Event("E01", date(2017, 10, 17), "Trauma Informed Approaches: an introduction", TRAUMA),
    Event("E02", date(2017, 11, 14), "Psychologically Informed Environments (PIE)", TRAUMA),
    Event("E03", date(2017, 12, 5), "Housing First: what it could mean for Nottingham", HOUSING),
    Event("E04", date(2018, 1, 23), "Getting Engaged: the Pledge", INVOLVE),
    Event("E05", date(2018, 2, 13), "Women and Complex Needs", WOMEN),
    Event("E06", date(2018, 3, 6), "Journey through the Mental Health System", HEALTH),
    Event("E07", date(2018, 3, 27), "Strengths-Based Approaches", PRACTICE),
    Event("E08", date(2018, 4, 17), "The Care Act and Multiple Needs", LAW),
    Event("E09", date(2018, 5, 8), "Substance Use: how people present", HEALTH),
    Event("E10", date(2018, 5, 22), "Future Hostel", HOUSING),
    Event("E11", date(2018, 6, 12), "Trauma Informed Approaches: into practice", TRAUMA),
    Event("E12", date(2018, 6, 26), "Service User Involvement: beyond consultation", INVOLVE),
    Event("E13", date(2018, 7, 17), "PIE in Practice: environments that help", TRAUMA),
    Event("E14", date(2018, 9, 11), "Women Who Use Drugs: services in Nottingham", WOMEN),
    Event("E15", date(2018, 10, 2), "Housing First: one year on", HOUSING),
    Event("E16", date(2018, 10, 23), "Dual Diagnosis: mental health and substance use", HEALTH),
    Event("E17", date(2018, 11, 13), "Offending and Complex Needs", JUSTICE),
    Event("E18", date(2018, 12, 4), "Evaluating with Service Users", INVOLVE),
    Event("E19", date(2019, 1, 15), "Strengths-Based Approaches: the how-to", PRACTICE),
)

_SUI = "Service User Involvement Community of Practice"
_HF = "Housing First Community of Practice"
_CA = "Care Act Community of Practice"
_COP = "community_of_practice"
COP_SESSIONS = (
    Event("C01", date(2018, 2, 27), f"{_SUI}: session 1", INVOLVE, _COP, "held", 9),
    Event("C02", date(2018, 4, 24), f"{_SUI}: session 2", INVOLVE, _COP, "held", 7),
    Event("C03", date(2018, 7, 3), f"{_SUI}: session 3", INVOLVE, _COP, "held", 6),
    Event("C04", date(2018, 10, 9), f"{_SUI}: session 4", INVOLVE, _COP, "held", 8),
    Event("C05", date(2018, 11, 27), f"{_HF}: session 1", HOUSING, _COP, "held", 18),
    Event("C06", date(2019, 2, 19), f"{_HF}: session 2", HOUSING, _COP, "planned", 10),
    Event("C07", date(2018, 5, 15), f"{_CA}: session 1", LAW, _COP, "held", 12),
    Event("C08", date(2018, 9, 25), f"{_CA}: session 2", LAW, _COP, "held", 12),
)

FOCUS_AFFINITY = {
    "Housing": (HOUSING, TRAUMA),
    "Women's services": (WOMEN,),
    "Offending": (JUSTICE, TRAUMA),
    "Mental health": (HEALTH,),
    "Substance misuse": (HEALTH, WOMEN),
    "Other": (INVOLVE, LAW, PRACTICE),
}
"""Work streams that draw people of each main focus of work (they are more likely to attend)."""

BASE_WEIGHT = {"E01": 1.4, "E02": 1.3, "E03": 1.3, "E11": 1.2, "E13": 1.2, "E15": 1.3}
"""Events that drew bigger audiences (others weigh 1)."""

COLUMNS = ("event_id", "date", "title", "work_stream", "kind", "status", "headcount")


def rows() -> list[list[str]]:
    """``events.csv`` rows (header first), all learning events then the CoP sessions."""
    out = [list(COLUMNS)]
    for e in (*LEARNING_EVENTS, *COP_SESSIONS):
        headcount = "" if e.headcount is None else str(e.headcount)
        out.append([e.event_id, e.date.isoformat(), e.title, e.work_stream, e.kind, e.status, headcount])
    return out


INTERIM_CUTOFF_EVENTS = tuple(e for e in LEARNING_EVENTS if e.date <= INTERIM_CUTOFF)
LATER_EVENTS = tuple(e for e in LEARNING_EVENTS if e.date > INTERIM_CUTOFF)
BY_ID = {e.event_id: e for e in (*LEARNING_EVENTS, *COP_SESSIONS)}
