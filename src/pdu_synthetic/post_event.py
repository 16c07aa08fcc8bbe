"""Post-event survey responses (``post_event_survey.csv``): one export covering all 19 events.

75 responses answer the understanding question (36/27/11/1); 69 answer awareness (21/32/15/1, the
largest base that rounds to the published 30/46/22/1%); the dissemination question exists only on
surveys from E07 on, where 41 answer it (24 front line staff = 59%); intend_change Yes 25/75 (33%).
Two surveys were opened and abandoned. Some responses came through an e-mail invitation collector
and so carry the attendee's e-mail and name.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from . import targets, texts
from .assign import by_rank, ticks
from .events import LEARNING_EVENTS
from .people import Person
from .respondents import day_between, response, start_time
from .surveymonkey import OTHER, Response

WEB_COLLECTOR = 201733918
EMAIL_COLLECTOR = 201734402
EMAIL_INVITED = 16


def build(rng: np.random.Generator, people: list[Person]) -> list[Response]:
    """All post-event responses, sorted by respondent ID."""
    events = [
        e
        for e, n in zip(LEARNING_EVENTS, targets.POST_EVENT_RESPONSES_BY_EVENT, strict=True)
        for _ in range(n)
    ]
    n = len(events)
    latent = rng.normal(0.0, 1.0, size=n)
    latent += np.array([0.8 if e.event_id == "E04" else 0.0 for e in events])
    answers: list[dict] = [{"event": e.title} for e in events]

    for i, v in enumerate(_ranked(rng, latent, range(n), targets.UNDERSTANDING)):
        answers[i]["understanding"] = v
    skip = set(int(i) for i in rng.choice(n, size=n - sum(targets.AWARENESS.values()), replace=False))
    aware = [i for i in range(n) if i not in skip]
    for i, v in zip(aware, _ranked(rng, latent, aware, targets.AWARENESS), strict=True):
        answers[i]["awareness"] = v
    first_asked = targets.SHARE_PLAN_FIRST_EVENT
    later = [i for i, e in enumerate(events) if int(e.event_id[1:]) >= first_asked]
    sharers = sorted(int(i) for i in rng.choice(later, size=targets.SHARE_PLAN_ANSWERED, replace=False))
    other_text = iter(texts.SHARE_PLAN_OTHER)
    for i, chosen in zip(sharers, ticks(rng, len(sharers), targets.SHARE_PLAN), strict=True):
        answers[i]["share_plan"] = {o: (next(other_text) if o == OTHER else o) for o in chosen}
    for i, v in enumerate(_ranked(rng, latent, range(n), targets.INTEND_CHANGE)):
        answers[i]["intend_change"] = v
    _change_detail(rng, events, answers)

    out = []
    invited = set(int(i) for i in rng.choice(n, size=EMAIL_INVITED, replace=False))
    used: set[int] = set()
    for i, e in enumerate(events):
        start = start_time(rng, e.date + timedelta(days=int(rng.integers(1, 22))))
        meta: dict[str, str] = {}
        collector = WEB_COLLECTOR
        if i in invited:
            collector = EMAIL_COLLECTOR
            p = _attendee(rng, people, e.event_id, used)
            meta = {"email": p.email, "first_name": p.first, "last_name": p.last, "custom_1": e.event_id}
        r = response(rng, collector, start, i, meta=meta)
        r.answers = answers[i]
        out.append(r)
    for j in range(targets.POST_EVENT_BLANK_RESPONSES):
        day = day_between(rng, LEARNING_EVENTS[0].date, LEARNING_EVENTS[-1].date)
        out.append(response(rng, WEB_COLLECTOR, start_time(rng, day), n + j, blank=True))
    return sorted(out, key=lambda r: r.respondent_id)


def _ranked(rng, latent, idx, counts):
    idx = list(idx)
    return by_rank(rng, latent[idx], counts)


def _change_detail(rng, events, answers) -> None:
    """Open answers: three Getting Engaged respondents on the Pledge, the rest from a pool."""
    pledge = [
        i
        for i, e in enumerate(events)
        if e.event_id == "E04" and answers[i]["intend_change"] in ("Yes", "Not sure")
    ][: targets.PLEDGE_POST_EVENT]
    if len(pledge) < targets.PLEDGE_POST_EVENT:
        raise RuntimeError("too few Getting Engaged respondents to mention the Pledge")
    for i, text in zip(pledge, texts.PLEDGE_POST_EVENT, strict=True):
        answers[i]["change_detail"] = text
    need = targets.CHANGE_DETAIL_ANSWERED - len(pledge)
    yes = [i for i, a in enumerate(answers) if a["intend_change"] == "Yes" and i not in pledge]
    unsure = [i for i, a in enumerate(answers) if a["intend_change"] == "Not sure" and i not in pledge]
    extra = [unsure[int(k)] for k in rng.choice(len(unsure), size=need - len(yes), replace=False)]
    not_sure = next(t for t in texts.CHANGE_DETAIL if t.startswith("Not sure"))
    pool = [t for t in texts.CHANGE_DETAIL if t != not_sure]
    pool = [pool[int(k)] for k in rng.permutation(len(pool))]
    for i in sorted(yes + extra):
        if not_sure and answers[i]["intend_change"] == "Not sure":
            answers[i]["change_detail"], not_sure = not_sure, ""
        else:
            answers[i]["change_detail"] = pool.pop()


def _attendee(rng, people: list[Person], event_id: str, used: set[int]) -> Person:
    """An attendee of the event who gave an e-mail address and is not yet a respondent."""
    pool = [p for p in people if event_id in p.events and p.gives_email and p.pid not in used]
    p = pool[int(rng.integers(len(pool)))]
    used.add(p.pid)
    return p
