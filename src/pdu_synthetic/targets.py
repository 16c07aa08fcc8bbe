"""Calibration targets: every count the synthetic raw files are built to reproduce.

Kept as plain data, apart from the generator code, so a reader can check each number against the
report (and ``data/reference/published_figures.csv``) without reading any algorithm. Counts marked
"assumption" are not published; they are choices of the reconstruction, listed in PROVENANCE.md.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypedDict, cast

SEED = 20190228
"""Seed of the one random generator everything is drawn from (the report's publication month)."""

INTERIM_CUTOFF = date(2018, 6, 30)
"""Attendance cut-off of the interim report (``waves.csv``)."""

FOCUS = (
    "Housing",
    "Women's services",
    "Offending",
    "Mental health",
    "Substance misuse",
    "Other",
)

# ---------------------------------------------------------------- register
ATTENDANCE_FREQUENCY = {1: 174, 2: 72, 3: 30, 4: 15}
"""People by number of learning events attended: 291 people, 468 attendances (split assumed)."""

ATTENDANCES = {
    # (period, sector) -> attendances by main focus of work. Periods are disjoint:
    # "interim" = on or before INTERIM_CUTOFF, "later" = after it.
    ("interim", "statutory"): {
        "Housing": 24,
        "Women's services": 4,
        "Offending": 14,
        "Mental health": 6,
        "Substance misuse": 4,
        "Other": 14,
    },
    ("interim", "voluntary"): {
        "Housing": 111,
        "Women's services": 31,
        "Offending": 12,
        "Mental health": 8,
        "Substance misuse": 11,
        "Other": 61,
    },
    ("later", "statutory"): {
        "Housing": 20,
        "Women's services": 4,
        "Offending": 10,
        "Mental health": 5,
        "Substance misuse": 3,
        "Other": 14,
    },
    ("later", "voluntary"): {
        "Housing": 51,
        "Women's services": 17,
        "Offending": 6,
        "Mental health": 4,
        "Substance misuse": 5,
        "Other": 29,
    },
}
"""Interim 300 attendances (66 statutory = 22%); all 468 (122 statutory = 26%); focus
206/56/42/23/23/118 overall (44/12/9/5/5/25%) and 135/35/26/14/15/75 at the interim
(45/12/9/5/5/25%, "similar")."""

# ---------------------------------------------------------------- post-event survey
POST_EVENT_RESPONSES_BY_EVENT = (5, 6, 5, 6, 5, 4, 4, 3, 4, 3, 4, 3, 3, 4, 3, 4, 3, 3, 3)
"""Responses per learning event E01..E19 (75 in all; split is an assumption)."""

POST_EVENT_BLANK_RESPONSES = 2
"""Surveys opened and abandoned with no answer (dropped in cleaning)."""

SHARE_PLAN_FIRST_EVENT = 7
"""The dissemination question is on surveys from E07 on (assumption): 44 responses could answer."""

UNDERSTANDING = {
    "Much greater understanding": 36,
    "Some additional understanding": 27,
    "Confirmed my previous understanding": 11,
    "No greater understanding": 1,
}
AWARENESS = {
    "Much greater awareness": 21,
    "Some additional awareness": 32,
    "Confirmed my existing awareness": 15,
    "No additional awareness": 1,
}
"""Base unpublished: 69 is the largest base <= 75 whose rounded shares are 30/46/22/1 with one
person in the last category (see ``percent_solutions``)."""

SHARE_PLAN = {
    "Front line staff": 24,
    "Managers": 14,
    "Colleagues in my team": 17,
    "Partner organisations": 11,
    "Service users": 6,
    "Other (please specify)": 3,
}
SHARE_PLAN_ANSWERED = 41
INTEND_CHANGE = {"Yes": 25, "Not sure": 32, "No": 18}
"""Yes 25/75 = 33% published; the No / Not sure split is an assumption."""

CHANGE_DETAIL_ANSWERED = 40
PLEDGE_POST_EVENT = 3
"""Post-event answers (Getting Engaged) that plan to adopt the Pledge. The interim report's five
people who introduced it are 2 interim follow-up answers and 3 interim-round interviews
(``interview_notes``); the mapping is an assumption."""

# ---------------------------------------------------------------- follow-up survey
Counts = dict[str, int]
"""Answer -> respondents giving it."""


FOLLOW_UP_ROUNDS = ("interim", "final")
"""The follow-up rounds, in the order of each pair in ``FOLLOW_UP``."""

FOLLOW_UP: dict[str, Any] = {
    # field: (interim, final). A question's counts are a pair for each answer, or one pair of counts
    # when only one round asked it; None where a round has no such field or answer.
    "responses": (7, 29),
    "blank_responses": (None, 1),
    "heard_via": {
        "Word of mouth": (3, 13),
        "PDU newsletter": (1, 6),
        "Online platform (hub)": (None, 6),
        "E-mail from the PDU co-ordinator": (3, 5),
        "NCVS e-bulletin": (1, 3),
        "Other (please specify)": (None, 2),
    },
    "heard_via_answered": (7, 27),
    "hub_aware": (None, {"Yes": 11, "No": 18}),
    "hub_used": (None, {"Yes": 4, "No": 7}),
    "shared_with": {
        "Colleagues in my team": (5, 19),
        "Front line staff": (3, 12),
        "Managers": (2, 9),
        "Partner organisations": (1, 7),
        "Service users": (None, 4),
        "I have not shared information": (1, 2),
        "Other (please specify)": (None, 1),
    },
    "shared_with_answered": (7, 28),
    "made_contact": {"Yes": (3, 10), "No": (4, 19)},
    "took_action": {"Yes": (4, 19), "No": (3, 10)},
    "action_detail_answered": (None, 16),
    # outcomes by took_action: improvements are only claimed by people who acted (assumption)
    "outcomes_if_action": (None, {"Yes": 7, "Not sure": 9, "No": 3}),
    "outcomes_if_no_action": (None, {"Yes": 0, "Not sure": 3, "No": 7}),
    "effectiveness": (None, {"Very effective": 15, "Quite effective": 10, "Not effective at all": 4}),
    "usefulness_answered": (None, 28),
    "usefulness": (
        None,
        {
            "Presentations": {"Very useful": 13, "Quite useful": 13, "Not useful": 2},
            "Table discussions": {"Very useful": 17, "Quite useful": 9, "Not useful": 2},
            "Handouts and resources": {"Very useful": 12, "Quite useful": 13, "Not useful": 3},
        },
    ),
    "pledge_mentions": (2, None),
}
"""What each follow-up round is built to reproduce (the interim round asked five questions)."""

MULTI_SELECT = ("heard_via", "shared_with")
"""Questions ticked in any number: a round lists their answers most common first, the order in
which they are dealt out (ties in the order of ``FOLLOW_UP``)."""


class FollowUpRound(TypedDict, total=False):
    """One round's column of ``FOLLOW_UP`` (a round has only the fields it asked)."""

    responses: int
    blank_responses: int
    heard_via: Counts
    heard_via_answered: int
    hub_aware: Counts
    hub_used: Counts
    shared_with: Counts
    shared_with_answered: int
    made_contact: Counts
    took_action: Counts
    action_detail_answered: int
    outcomes_if_action: Counts
    outcomes_if_no_action: Counts
    effectiveness: Counts
    usefulness_answered: int
    usefulness: dict[str, Counts]
    pledge_mentions: int


def _in_round(cell: Any, column: int) -> Any:
    """A round's value of one cell of ``FOLLOW_UP``: its member of a pair, answer by answer."""
    if isinstance(cell, tuple):
        return cell[column]
    return {key: value for key, pair in cell.items() if (value := _in_round(pair, column)) is not None}


def follow_up_round(name: str) -> FollowUpRound:
    """The targets of one follow-up round (``interim`` or ``final``), read from ``FOLLOW_UP``."""
    column = FOLLOW_UP_ROUNDS.index(name)
    fields = {field: _in_round(cell, column) for field, cell in FOLLOW_UP.items()}
    kept = {field: value for field, value in fields.items() if value is not None}
    for field in MULTI_SELECT:
        kept[field] = dict(sorted(kept[field].items(), key=lambda answer: -answer[1]))
    return cast(FollowUpRound, kept)


INTERIM = follow_up_round("interim")
FINAL = follow_up_round("final")

# ---------------------------------------------------------------- hub
HUB_USERS = {"voluntary": 134, "statutory": 50, "private": 8}
HUB_FROM_REGISTER = 71
"""Hub users who also appear in the register (assumption); the rest are new names."""


# ---------------------------------------------------------------- register mess
class Mess(TypedDict):
    """How untidy the register export is made: counts of rows, rates of variant spellings."""

    blank_rows: int
    duplicate_sign_ins: int
    nickname_rows: int
    blank_email_rows_matched: int
    people_without_email: int
    email_variant_rate: float
    name_variant_rate: float
    organisation_variant_rate: float
    event_title_variant_rate: float
    focus_variant_rate: float


MESS: Mess = {
    "blank_rows": 4,
    "duplicate_sign_ins": 6,
    "nickname_rows": 8,
    "blank_email_rows_matched": 8,
    "people_without_email": 3,
    "email_variant_rate": 0.15,
    "name_variant_rate": 0.03,
    "organisation_variant_rate": 0.04,
    "event_title_variant_rate": 0.05,
    "focus_variant_rate": 0.05,
}


def pct(k: int, n: int) -> int:
    """Whole percent, rounded half up as the report does."""
    return int((Decimal(100 * k) / Decimal(n)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_solutions(percents: tuple[int, ...], last_count: int, bases: range):
    """All (n, counts) whose rounded shares equal ``percents`` with ``last_count`` in the last cell.

    >>> [n for n, _ in percent_solutions((30, 46, 22, 1), 1, range(60, 80))]
    [67, 69, 76]
    """
    found = []
    for n in bases:
        rest = n - last_count
        for a in range(rest + 1):
            for b in range(rest - a + 1):
                c = rest - a - b
                if tuple(pct(x, n) for x in (a, b, c, last_count)) == percents:
                    found.append((n, (a, b, c, last_count)))
    return found
