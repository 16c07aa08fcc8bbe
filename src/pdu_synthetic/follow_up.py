"""Follow-up survey responses, one export per collection round.

Interim round (June 2018, XLSX, 7 responses) asked only heard_via, shared_with, made_contact,
took_action and action_detail; its figures are unpublished except as part of 13/36 contacts, so
its answers are assumptions. Final round (January 2019, CSV re-saved by Excel in cp1252, 29
responses plus one opened and left blank) reproduces every figure the report gives for it.
"""

from __future__ import annotations

import csv
from datetime import date

import numpy as np

from pdu_analysis.paths import REFERENCE_DIR

from . import targets, texts
from .assign import by_rank, ticks
from .respondents import day_between, response, start_time
from .surveymonkey import OTHER, Response

INTERIM_QUESTIONS = ("heard_via", "shared_with", "made_contact", "took_action", "action_detail")


def collector_ids() -> dict[str, int]:
    """Wave name -> collector id, from ``data/reference/waves.csv``."""
    with open(REFERENCE_DIR / "waves.csv", encoding="utf-8", newline="") as fh:
        return {r["wave"]: int(r["collector_id"]) for r in csv.DictReader(fh)}


def _shells(rng, n: int, collector: int, first: date, last: date, serial0: int) -> list[Response]:
    return [
        response(rng, collector, start_time(rng, day_between(rng, first, last)), serial0 + i)
        for i in range(n)
    ]


def _multi(rng, resp, qid, counts, answered, other_texts, eligible=None, exclusive=None):
    """Tick ``counts`` among ``answered`` respondents (indices into ``resp``)."""
    elig = {o: [answered.index(i) for i in idx if i in answered] for o, idx in (eligible or {}).items()}
    other = iter(other_texts)
    for i, chosen in zip(answered, ticks(rng, len(answered), counts, elig, exclusive), strict=True):
        resp[i].answers[qid] = {o: (next(other) if o == OTHER else o) for o in chosen}


def _answering(rng, n: int, k: int) -> list[int]:
    return sorted(int(i) for i in rng.choice(n, size=k, replace=False))


def _shared_with(rng: np.random.Generator, resp: list[Response], t: targets.FollowUpRound, others) -> None:
    """Who each response shared with (none of them besides "I have not shared information")."""
    answering = _answering(rng, len(resp), t["shared_with_answered"])
    _multi(
        rng,
        resp,
        "shared_with",
        t["shared_with"],
        answering,
        others,
        exclusive="I have not shared information",
    )


def interim(rng: np.random.Generator) -> list[Response]:
    t = targets.INTERIM
    resp = _shells(rng, t["responses"], collector_ids()["interim"], date(2018, 6, 11), date(2018, 6, 29), 100)
    n = len(resp)
    latent = rng.normal(size=n)
    _multi(rng, resp, "heard_via", t["heard_via"], _answering(rng, n, t["heard_via_answered"]), ())
    _shared_with(rng, resp, t, ())
    for qid in ("made_contact", "took_action"):
        for r, v in zip(resp, by_rank(rng, latent, t[qid]), strict=True):
            r.answers[qid] = v
    details = iter(texts.INTERIM_ACTION_DETAIL)
    for r in resp:
        if r.answers["took_action"] == "Yes":
            r.answers["action_detail"] = next(details)
    return sorted(resp, key=lambda r: r.respondent_id)


def final(rng: np.random.Generator) -> list[Response]:
    t = targets.FINAL
    collector = collector_ids()["final"]
    resp = _shells(rng, t["responses"], collector, date(2019, 1, 7), date(2019, 1, 31), 200)
    n = len(resp)
    latent = rng.normal(size=n)
    for r, v in zip(resp, by_rank(rng, latent, t["hub_aware"], noise=2.0), strict=True):
        r.answers["hub_aware"] = v
    aware = [i for i, r in enumerate(resp) if r.answers["hub_aware"] == "Yes"]
    for i, v in zip(aware, by_rank(rng, latent[aware], t["hub_used"]), strict=True):
        resp[i].answers["hub_used"] = v
    _multi(
        rng,
        resp,
        "heard_via",
        t["heard_via"],
        _answering(rng, n, t["heard_via_answered"]),
        texts.HEARD_VIA_OTHER,
        eligible={"Online platform (hub)": aware},
    )
    _shared_with(rng, resp, t, texts.SHARED_WITH_OTHER)
    for qid in ("made_contact", "took_action", "effectiveness"):
        for r, v in zip(resp, by_rank(rng, latent, t[qid]), strict=True):
            r.answers[qid] = v
    acted = [i for i, r in enumerate(resp) if r.answers["took_action"] == "Yes"]
    idle = [i for i in range(n) if i not in acted]
    for group, counts in ((acted, t["outcomes_if_action"]), (idle, t["outcomes_if_no_action"])):
        for i, v in zip(group, by_rank(rng, latent[group], counts), strict=True):
            resp[i].answers["outcomes_improved"] = v
    details = iter(texts.FINAL_ACTION_DETAIL)
    for i in sorted(int(k) for k in rng.choice(acted, size=t["action_detail_answered"], replace=False)):
        resp[i].answers["action_detail"] = next(details)
    rated = _answering(rng, n, t["usefulness_answered"])
    for row, counts in t["usefulness"].items():
        for i, v in zip(rated, by_rank(rng, latent[rated], counts, noise=1.5), strict=True):
            resp[i].answers.setdefault("usefulness", {})[row] = v
    for j in range(t["blank_responses"]):
        day = day_between(rng, date(2019, 1, 7), date(2019, 1, 31))
        resp.append(response(rng, collector, start_time(rng, day), 290 + j, blank=True))
    return sorted(resp, key=lambda r: r.respondent_id)
