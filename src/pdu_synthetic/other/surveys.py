"""The other programme's SurveyMonkey exports: one post-event survey and three follow-up rounds.

What makes them harder than the shipped files: some post-event responses arrive in the month after
the event they answer; the middle follow-up round holds two collectors (web link and e-mail
invitation) in one export file; some single-choice answers are typed in another case or spacing
than the codebook option (the contract matches answers after trimming and ignoring case).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import numpy as np

from ..respondents import response, start_time
from ..surveymonkey import Response, codebook
from .plan import Round

POST_QUESTIONS = ("event", "understanding", "awareness", "intend_change", "change_detail")
FOLLOW_QUESTIONS = ("heard_via", "made_contact", "took_action", "action_detail", "effectiveness")
LATE_SHARE, VARIANT_RATE = 0.25, 0.12

OPEN_TEXTS = (
    "Use what I learnt in team meetings.",
    "Talk to my manager about changing our referral form.",
    "Spend more time on the first conversation.",
    "Link up with the organisations I met today.",
)


def _options(survey: str, qid: str) -> list[str]:
    return codebook(survey)[qid]["options"].split("|")


def _typed(rng, option: str, tally: list[int]) -> str:
    """The option as a person might have it exported: mostly exact, sometimes re-cased or padded."""
    if rng.random() >= VARIANT_RATE:
        return option
    typed = (option.lower(), option.upper(), f" {option} ", option.replace(" ", "  "))[int(rng.integers(4))]
    tally[0] += typed != option
    return typed


def _answer_day(rng, held: date, late: bool) -> date:
    """On-time: the event's own month; late: the month after."""
    month_end = date(held.year, held.month, calendar.monthrange(held.year, held.month)[1])
    if not late:
        return held + timedelta(days=int(rng.integers((month_end - held).days + 1)))
    return month_end + timedelta(days=int(rng.integers(1, 15)))


def post_event(rng: np.random.Generator, learning, tally: list[int]) -> tuple[list[Response], int]:
    """Responses to every learning event (2-5 each, one left blank); returns them and how many were late."""
    understanding, awareness = _options("post_event", "understanding"), _options("post_event", "awareness")
    intend = _options("post_event", "intend_change")
    out, late_n, serial = [], 0, 0
    for e in learning:
        for _ in range(int(rng.integers(2, 6))):
            late = bool(rng.random() < LATE_SHARE)
            late_n += late
            r = response(rng, 401000001, start_time(rng, _answer_day(rng, e.date, late)), serial)
            serial += 1
            r.answers = {
                "event": e.title,
                "understanding": _typed(rng, understanding[min(int(rng.integers(4)), 3)], tally),
                "intend_change": _typed(rng, intend[int(rng.integers(3))], tally),
            }
            if rng.random() < 0.8:
                r.answers["awareness"] = _typed(rng, awareness[int(rng.integers(4))], tally)
            if rng.random() < 0.5:
                r.answers["change_detail"] = OPEN_TEXTS[int(rng.integers(len(OPEN_TEXTS)))]
            out.append(r)
    blank_day = learning[len(learning) // 2].date + timedelta(days=2)
    out.append(response(rng, 401000001, start_time(rng, blank_day), serial, blank=True))
    return sorted(out, key=lambda r: r.respondent_id), late_n


def follow_up(rng: np.random.Generator, rnd: Round, serial0: int, tally: list[int]):
    """One round's responses; returns them and (took action Yes, answering took_action)."""
    heard, yes_no = _options("follow_up", "heard_via"), _options("follow_up", "took_action")
    effective = _options("follow_up", "effectiveness")
    span = (rnd.last_day - rnd.first_day).days + 1
    out, yes, answering, serial = [], 0, 0, serial0
    for collector, n in zip(rnd.collectors, rnd.responses, strict=True):
        invited = collector != rnd.collectors[0]  # the e-mail invitation collector
        for i in range(n):
            day = rnd.first_day + timedelta(days=int(rng.integers(span)))
            meta: dict[str, str] = {}
            if invited:
                meta = {
                    "email": f"invitee{serial}@example.org",
                    "first_name": "Invited",
                    "last_name": f"R{i}",
                }
            r = response(rng, collector, start_time(rng, day), serial, meta=meta)
            serial += 1
            ticked = [o for o in heard if o != "Other (please specify)" and rng.random() < 0.35] or [heard[0]]
            r.answers = {"heard_via": {o: o for o in ticked}}
            r.answers["made_contact"] = _typed(rng, yes_no[int(rng.integers(2))], tally)
            if i != 1:  # one respondent per collector skips the action question
                acted = yes_no[int(rng.integers(2))]
                yes += acted == "Yes"
                answering += 1
                r.answers["took_action"] = _typed(rng, acted, tally)
                if acted == "Yes" and rng.random() < 0.6:
                    r.answers["action_detail"] = OPEN_TEXTS[int(rng.integers(len(OPEN_TEXTS)))]
            r.answers["effectiveness"] = _typed(rng, effective[int(rng.integers(3))], tally)
            out.append(r)
    for j in range(rnd.blank):
        day = rnd.first_day + timedelta(days=j)
        out.append(response(rng, rnd.collectors[0], start_time(rng, day), serial + j, blank=True))
    return sorted(out, key=lambda r: r.respondent_id), (yes, answering)


def questions(survey: str, ids: tuple[str, ...]) -> dict[str, dict]:
    """The codebook questions this programme asked, in codebook order."""
    return {q: row for q, row in codebook(survey).items() if q in ids}
