"""The shipped raw files reproduce every figure the final report publishes.

Deliberately independent of the project's readers and cleaning code: the files are read with csv and
openpyxl, the register is de-duplicated with the simple matching rule written out below, and
each figure is compared with ``data/reference/published_figures.csv`` after the report's rounding
(half up to a whole percent). If the generator or a raw file drifts, these fail.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

import openpyxl
import pytest

from pdu_analysis.paths import DEFAULT_RAW_DIR, REFERENCE_DIR

RAW = DEFAULT_RAW_DIR
METADATA = 9  # Respondent ID .. Custom Data 1


# ------------------------------------------------------------------ small helpers
def norm(value) -> str:
    """Strip, casefold, collapse internal whitespace."""
    return re.sub(r"\s+", " ", str(value if value is not None else "")).strip().casefold()


def pct(k: int, n: int) -> int:
    return int((Decimal(100 * k) / Decimal(n)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def read_csv_rows(name: str) -> list[list[str]]:
    data = (RAW / name).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    return list(csv.reader(text.splitlines()))


def read_dicts(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def xlsx_rows(name: str) -> list[tuple]:
    wb = openpyxl.load_workbook(RAW / name, read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return rows


def cell(v) -> str:
    return "" if v is None else str(v).strip()


def parse_export(rows, survey: str) -> list[dict]:
    """SurveyMonkey two-header layout -> responses with at least one answer.

    Each response: ``meta`` (metadata by column name) and ``answers`` (question_id -> text for
    single and open questions, option/row -> text for multi and matrix questions).
    """
    questions = {
        q["question_text"]: q for q in read_dicts(REFERENCE_DIR / "questions.csv") if q["survey"] == survey
    }
    head1, head2, *body = rows
    cols, current = [], None
    for i in range(METADATA, len(head1)):
        if cell(head1[i]):
            current = questions[cell(head1[i])]
        cols.append((i, current, cell(head2[i])))
    out = []
    for r in body:
        answers: dict = {}
        for i, q, sub in cols:
            v = cell(r[i]) if i < len(r) else ""
            if not v:
                continue
            if q["kind"] in ("single", "open"):
                answers[q["question_id"]] = v
            else:
                answers.setdefault(q["question_id"], {})[sub] = v
        meta = {cell(h): r[i] for i, h in enumerate(head1[:METADATA])}
        out.append({"meta": meta, "answers": answers})
    return out


def answered(responses) -> list[dict]:
    return [r for r in responses if r["answers"]]


def tally(responses, qid: str) -> Counter:
    return Counter(r["answers"][qid] for r in responses if qid in r["answers"])


def ticked(responses, qid: str, option: str) -> int:
    return sum(1 for r in responses if option in r["answers"].get(qid, {}))


# ------------------------------------------------------------------ the raw files, read once
class Raw:
    @cached_property
    def events(self) -> list[dict]:
        return read_dicts(RAW / "events.csv")

    @cached_property
    def cutoff(self) -> date:
        waves = {w["wave"]: w for w in read_dicts(REFERENCE_DIR / "waves.csv")}
        return date.fromisoformat(waves["interim"]["attendance_cutoff"])

    @cached_property
    def sector_map(self) -> dict[str, str]:
        return {norm(r["label"]): r["sector"] for r in read_dicts(REFERENCE_DIR / "sector_map.csv")}

    @cached_property
    def register_rows(self) -> list[dict]:
        head, *rows = xlsx_rows("attendance_register.xlsx")
        return [dict(zip(head, r, strict=True)) for r in rows if any(cell(v) for v in r)]

    @cached_property
    def attendances(self) -> list[dict]:
        """One row per (person, event): e-mail first, then name + organisation."""
        rows = self.register_rows
        email_of: dict[tuple, set] = {}
        for r in rows:
            if norm(r["Email"]):
                email_of.setdefault((norm(r["Name"]), norm(r["Organisation"])), set()).add(norm(r["Email"]))
        assert all(len(v) == 1 for v in email_of.values()), "name + organisation collision"
        title_date = {norm(e["title"]): date.fromisoformat(e["date"]) for e in self.events}
        seen, out = set(), []
        for r in rows:
            key = norm(r["Email"])
            if not key:
                name_org = (norm(r["Name"]), norm(r["Organisation"]))
                key = next(iter(email_of.get(name_org, {"|".join(name_org)})))
            pair = (key, norm(r["Event"]))
            if pair in seen:
                continue
            seen.add(pair)
            out.append(
                {
                    "person": key,
                    "date": title_date[norm(r["Event"])],
                    "sector": self.sector_map[norm(r["Sector"])],
                    "focus": norm(r["Main focus of work"]),
                }
            )
        return out

    @cached_property
    def hub(self) -> list[dict]:
        return read_dicts(RAW / "hub_registrations.csv")

    @cached_property
    def post(self) -> list[dict]:
        return answered(parse_export(read_csv_rows("post_event_survey.csv"), "post_event"))

    @cached_property
    def interim(self) -> list[dict]:
        return answered(parse_export(xlsx_rows("follow_up_2018-06.xlsx"), "follow_up"))

    @cached_property
    def final(self) -> list[dict]:
        return answered(parse_export(read_csv_rows("follow_up_2019-01.csv"), "follow_up"))


@pytest.fixture(scope="module")
def raw() -> Raw:
    return Raw()


PUBLISHED = {r["id"]: r for r in read_dicts(REFERENCE_DIR / "published_figures.csv")}


# ------------------------------------------------------------------ figure -> (value, base)
def _share(rows, test, base_rows=None):
    base = rows if base_rows is None else base_rows
    return pct(sum(1 for r in rows if test(r)), len(base)), len(base)


def _cop(raw, prefix: str, status: str = "held"):
    return [
        e
        for e in raw.events
        if e["kind"] == "community_of_practice" and e["title"].startswith(prefix) and e["status"] == status
    ]


def _per_person(raw) -> Counter:
    return Counter(a["person"] for a in raw.attendances)


def _pledge(raw) -> int:
    """People who said, by the interim round, that they had introduced the Pledge.

    Post-event answers say what people will do (plans), so they are not counted; the interim
    follow-up's action answers and the interim round's interview notes say what was done.
    """
    follow = [r for r in raw.interim if "pledge" in r["answers"].get("action_detail", "").lower()]
    notes = [
        path
        for path in sorted((RAW / "interviews").glob("*.txt"))
        if "\nRound: interim\n" in (text := path.read_text(encoding="utf-8"))
        and "pledge" in text.split("\n\n", 1)[1].lower()
    ]
    return len(follow) + len(notes)


def _interim_attendances(raw):
    return [a for a in raw.attendances if a["date"] <= raw.cutoff]


_SUI, _HF, _CA = ("Service User Involvement Community", "Housing First Community", "Care Act Community")
_FOCUS = {
    "housing": "housing",
    "womens_services": "women's services",
    "offending": "offending",
    "mental_health": "mental health",
    "substance_misuse": "substance misuse",
    "other": "other",
}

COMPUTED = {
    "follow_up_responses": lambda raw: (len(raw.interim) + len(raw.final), None),
    "follow_up_responses_interim": lambda raw: (len(raw.interim), None),
    "follow_up_responses_final": lambda raw: (len(raw.final), None),
    "learning_events": lambda raw: (sum(e["kind"] == "learning_event" for e in raw.events), None),
    "individuals": lambda raw: (len(_per_person(raw)), None),
    "attendances": lambda raw: (len(raw.attendances), None),
    "repeat_attender_events_min": lambda raw: (min(n for n in _per_person(raw).values() if n > 1), None),
    "repeat_attender_events_max": lambda raw: (max(_per_person(raw).values()), None),
    "attendances_voluntary_pct": lambda raw: _share(raw.attendances, lambda a: a["sector"] == "voluntary"),
    "attendances_statutory_pct": lambda raw: _share(raw.attendances, lambda a: a["sector"] == "statutory"),
    "statutory_pct_final": lambda raw: _share(raw.attendances, lambda a: a["sector"] == "statutory"),
    "statutory_pct_interim": lambda raw: _share(
        _interim_attendances(raw), lambda a: a["sector"] == "statutory"
    ),
    **{
        f"focus_{k}_pct": (lambda raw, f=f: _share(raw.attendances, lambda a: a["focus"] == f))
        for k, f in _FOCUS.items()
    },
    "cop_groups": lambda raw: (
        len({e["title"].split(":")[0] for e in raw.events if e["kind"] == "community_of_practice"}),
        None,
    ),
    "cop_sui_sessions": lambda raw: (len(_cop(raw, _SUI)), None),
    "cop_sui_attendees_min": lambda raw: (min(int(e["headcount"]) for e in _cop(raw, _SUI)), None),
    "cop_sui_attendees_max": lambda raw: (max(int(e["headcount"]) for e in _cop(raw, _SUI)), None),
    "cop_housing_first_sessions": lambda raw: (len(_cop(raw, _HF)), None),
    "cop_housing_first_attendees": lambda raw: (int(_cop(raw, _HF)[0]["headcount"]), None),
    "cop_housing_first_booked": lambda raw: (int(_cop(raw, _HF, "planned")[0]["headcount"]), None),
    "cop_care_act_sessions": lambda raw: (len(_cop(raw, _CA)), None),
    "cop_care_act_attendees": lambda raw: (int(next(iter({e["headcount"] for e in _cop(raw, _CA)}))), None),
    "heard_word_of_mouth": lambda raw: (
        ticked(raw.final, "heard_via", "Word of mouth"),
        len(tally_multi(raw.final, "heard_via")),
    ),
    "heard_newsletter": lambda raw: (ticked(raw.final, "heard_via", "PDU newsletter"), len(raw.final)),
    "heard_online_platform": lambda raw: (
        ticked(raw.final, "heard_via", "Online platform (hub)"),
        len(raw.final),
    ),
    "hub_registered_users": lambda raw: (len(raw.hub), None),
    **{
        f"hub_{s}_pct": (lambda raw, s=s: _share(raw.hub, lambda u: raw.sector_map[norm(u["Sector"])] == s))
        for s in ("voluntary", "statutory", "private")
    },
    "hub_aware_pct": lambda raw: (pct(tally(raw.final, "hub_aware")["Yes"], len(raw.final)), len(raw.final)),
    "hub_aware": lambda raw: (tally(raw.final, "hub_aware")["Yes"], len(raw.final)),
    "hub_used": lambda raw: (tally(raw.final, "hub_used")["Yes"], tally(raw.final, "hub_aware")["Yes"]),
    "understanding_base": lambda raw: (sum(tally(raw.post, "understanding").values()), None),
    **{
        f"understanding_{k}_pct": (lambda raw, o=o: _option_pct(raw.post, "understanding", o))
        for k, o in (
            ("much_greater", "Much greater understanding"),
            ("some", "Some additional understanding"),
            ("confirmed", "Confirmed my previous understanding"),
            ("none", "No greater understanding"),
        )
    },
    "understanding_none": lambda raw: (
        tally(raw.post, "understanding")["No greater understanding"],
        sum(tally(raw.post, "understanding").values()),
    ),
    **{
        f"awareness_{k}_pct": (lambda raw, o=o: _option_pct(raw.post, "awareness", o))
        for k, o in (
            ("much_greater", "Much greater awareness"),
            ("some", "Some additional awareness"),
            ("confirmed", "Confirmed my existing awareness"),
            ("none", "No additional awareness"),
        )
    },
    "awareness_none": lambda raw: (tally(raw.post, "awareness")["No additional awareness"], None),
    "share_plan_base": lambda raw: (len(tally_multi(raw.post, "share_plan")), None),
    "share_front_line_pct": lambda raw: (
        pct(ticked(raw.post, "share_plan", "Front line staff"), len(tally_multi(raw.post, "share_plan"))),
        len(tally_multi(raw.post, "share_plan")),
    ),
    "made_contact": lambda raw: (
        tally(raw.interim + raw.final, "made_contact")["Yes"],
        sum(tally(raw.interim + raw.final, "made_contact").values()),
    ),
    "intend_change_pct": lambda raw: _option_pct(raw.post, "intend_change", "Yes"),
    "took_action_pct": lambda raw: _option_pct(raw.final, "took_action", "Yes"),
    "took_action": lambda raw: (
        tally(raw.final, "took_action")["Yes"],
        sum(tally(raw.final, "took_action").values()),
    ),
    "pledge_interim": lambda raw: (_pledge(raw), None),
    **{
        f"outcomes_improved_{k}": (
            lambda raw, o=o: (tally(raw.final, "outcomes_improved")[o], len(raw.final))
        )
        for k, o in (("yes", "Yes"), ("not_sure", "Not sure"), ("no", "No"))
    },
    **{
        f"effectiveness_{k}": (lambda raw, o=o: (tally(raw.final, "effectiveness")[o], len(raw.final)))
        for k, o in (
            ("very", "Very effective"),
            ("quite", "Quite effective"),
            ("not", "Not effective at all"),
        )
    },
}

NOT_FROM_RAW = {
    "post_event_surveys_reviewed": "58 disagrees with n=75; the files carry 75 (PROVENANCE)",
    "telephone_interviews": "interviews",
    "steering_group_interviews": "interviews",
    "steering_group_beneficiary_ambassadors": "interviews",
    "steering_group_facilitators": "interviews",
    "further_facilitators_interviewed": "interviews",
    "evaluator_events_attended": "evaluator's own visits",
    "expert_citizens_june_2018": "meetings",
    "expert_citizens_feb_2019": "meetings",
}


def tally_multi(responses, qid: str) -> list[dict]:
    """Responses that ticked at least one option of a multi-select question."""
    return [r for r in responses if r["answers"].get(qid)]


def _option_pct(responses, qid: str, option: str):
    counts = tally(responses, qid)
    n = sum(counts.values())
    return pct(counts[option], n), n


# ------------------------------------------------------------------ tests
def test_every_published_figure_is_checked_or_explained():
    assert set(COMPUTED) | set(NOT_FROM_RAW) == set(PUBLISHED)
    assert not set(COMPUTED) & set(NOT_FROM_RAW)
    assert len(PUBLISHED) >= 40


@pytest.mark.parametrize("figure_id", sorted(COMPUTED))
def test_figure_reproduced(raw, figure_id):
    published = PUBLISHED[figure_id]
    value, base = COMPUTED[figure_id](raw)
    assert value == int(published["value"]), published["wording"]
    if published["base"]:
        assert base == int(float(published["base"])), f"base of {figure_id}"


def test_awareness_base_is_the_documented_search_result(raw):
    counts = tally(raw.post, "awareness")
    assert sum(counts.values()) == 69
    assert counts["No additional awareness"] == 1


def test_interim_fields_of_work_are_similar(raw):
    interim, final = _interim_attendances(raw), raw.attendances
    for focus in _FOCUS.values():
        a = 100 * sum(x["focus"] == focus for x in interim) / len(interim)
        b = 100 * sum(x["focus"] == focus for x in final) / len(final)
        assert abs(a - b) <= 2, focus


def test_register_sectors(raw):
    sectors = Counter(a["sector"] for a in raw.attendances)
    assert sectors["private"] == 0
    later = [a for a in raw.attendances if a["date"] > raw.cutoff]
    assert sum(a["sector"] == "statutory" for a in later) / len(later) > sum(
        a["sector"] == "statutory" for a in _interim_attendances(raw)
    ) / len(_interim_attendances(raw))
    assert len(Counter(r["Sector"] for r in raw.register_rows)) >= 10  # typed many ways


def test_register_mess_is_there_and_cleans_away(raw):
    head, *rows = xlsx_rows("attendance_register.xlsx")
    assert sum(1 for r in rows if not any(cell(v) for v in r)) >= 3
    assert len(raw.register_rows) > len(raw.attendances)  # duplicate sign-ins dropped
    assert any(not cell(r["Email"]) for r in raw.register_rows)
    assert any(r["Email"] and r["Email"] != r["Email"].strip().lower() for r in raw.register_rows)
    per_person = Counter(a["person"] for a in raw.attendances)
    assert set(per_person.values()) == {1, 2, 3, 4}


def test_events_timeline(raw):
    learning = [date.fromisoformat(e["date"]) for e in raw.events if e["kind"] == "learning_event"]
    assert min(learning) >= date(2017, 10, 1) and max(learning) <= date(2019, 1, 31)
    before = sum(d <= raw.cutoff for d in learning)
    assert (before, len(learning) - before) == (12, 7)
    titles = {norm(e["title"]) for e in raw.events}
    assert {norm(r["Event"]) for r in raw.register_rows} <= titles
    assert {r["answers"]["event"] for r in raw.post} <= {e["title"] for e in raw.events}


def test_survey_answers_are_codebook_options(raw):
    codebook = {q["question_id"]: q for q in read_dicts(REFERENCE_DIR / "questions.csv")}
    for responses in (raw.post, raw.interim, raw.final):
        for r in responses:
            for qid, value in r["answers"].items():
                q = codebook[qid]
                if q["kind"] == "single" and q["options"]:
                    assert value in q["options"].split("|"), (qid, value)
                if q["kind"] == "matrix":
                    assert set(value.values()) <= set(q["options"].split("|"))


def test_follow_up_rounds(raw):
    waves = {w["wave"]: int(w["collector_id"]) for w in read_dicts(REFERENCE_DIR / "waves.csv")}
    assert {int(r["meta"]["Collector ID"]) for r in raw.interim} == {waves["interim"]}
    assert {int(r["meta"]["Collector ID"]) for r in raw.final} == {waves["final"]}
    assert tally(raw.interim, "made_contact")["Yes"] == 3
    assert not any("hub_aware" in r["answers"] for r in raw.interim)
    assert all("hub_used" not in r["answers"] for r in raw.final if r["answers"].get("hub_aware") != "Yes")
    hub_heard = [r for r in raw.final if "Online platform (hub)" in r["answers"].get("heard_via", {})]
    assert all(r["answers"]["hub_aware"] == "Yes" for r in hub_heard)
    body = read_csv_rows("follow_up_2019-01.csv")[2:]
    assert len(body) == len(raw.final) + 1  # one response opened and left blank


def test_final_round_is_cp1252():
    data = (RAW / "follow_up_2019-01.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "\u2019" in data.decode("cp1252")
    assert (RAW / "post_event_survey.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_respondent_ids_unique_eleven_digits(raw):
    ids = [int(r["meta"]["Respondent ID"]) for r in raw.post + raw.interim + raw.final]
    assert len(ids) == len(set(ids))
    assert all(len(str(i)) == 11 for i in ids)


def test_contact_details_are_reserved_fakes(raw):
    emails = [norm(r["Email"]) for r in raw.register_rows if norm(r["Email"])]
    emails += [norm(u["Email"]) for u in raw.hub]
    emails += [norm(r["meta"]["Email Address"]) for r in raw.post if r["meta"]["Email Address"]]
    assert emails and all(e.endswith(("@example.org", "@example.net")) for e in emails)
    ips = [cell(r["meta"]["IP Address"]) for r in raw.post + raw.interim + raw.final]
    assert all(ip.startswith(("192.0.2.", "198.51.100.", "203.0.113.")) for ip in ips)


def test_synthetic_marker_and_provenance():
    assert "SYNTHETIC" in (RAW / "SYNTHETIC").read_text(encoding="utf-8")
    assert "SYNTHETIC" in (RAW / "PROVENANCE.md").read_text(encoding="utf-8")[:200]


def test_independent_module_agrees_with_this_path(raw):
    """tests/independent.py (used on other programmes) gives the same figures on the shipped files."""
    import independent

    fig = independent.figures(RAW, REFERENCE_DIR / "waves.csv", REFERENCE_DIR)
    assert (fig.attendances, fig.people) == (len(raw.attendances), len(_per_person(raw)))
    assert fig.attendances == int(PUBLISHED["attendances"]["value"])
    interim = _interim_attendances(raw)
    assert fig.statutory_up_to["interim"] == (sum(a["sector"] == "statutory" for a in interim), len(interim))
    assert pct(*fig.statutory_up_to["interim"]) == int(PUBLISHED["statutory_pct_interim"]["value"])
    assert fig.statutory_after["interim"][1] == len(raw.attendances) - len(interim)
    assert fig.post_event_responses == len(raw.post)
    files = {w.name: w.file for w in independent.waves(REFERENCE_DIR / "waves.csv", RAW)}
    for wave, responses in (("interim", raw.interim), ("final", raw.final)):
        took = tally(responses, "took_action")
        assert fig.took_action[files[wave]] == (took["Yes"], sum(took.values()))
