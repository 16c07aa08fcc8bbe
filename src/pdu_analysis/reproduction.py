"""Set every figure the report publishes beside the figure the pipeline computes.

``data/reference/published_figures.csv`` is the ledger of the report's numbers. Each id has a
recipe here that computes it from the tidy tables; ids with no recipe, or whose source never
reaches the tidy tables (interviews not typed up, meetings), are reported as not computable, with
the reason. Figures from free text are computed from the coded sheets (``theme_codes``), when the
tables include them.

Status, per row:
- ``reproduced``: the same count, or the same whole percent after rounding half up;
- ``reproduced within the report's rounding``: the published percent is the computed one rounded
  the other way (down instead of up, or up instead of down), which hand rounding sometimes does;
- ``differs``: with the reason (a different base is one of the report's own inconsistencies);
- ``not computable from the data``: with the reason;
- ``not applicable to these data``: the figure's subject (a round, a period, a Community of
  Practice) is absent from the exports in hand, with the reason. Exports other than the ones the
  report was written from are expected to have such figures; they are listed, never an error.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from numbers import Real

import pandas as pd

from . import measures
from .stats import round_half_up
from .tables.attendance import cop_sessions_table
from .wording.numbers import exact_share_text, k_of_n_text

REPRODUCED = "reproduced"
WITHIN_ROUNDING = "reproduced within the report's rounding"
DIFFERS = "differs"
NOT_COMPUTABLE = "not computable from the data"
NOT_APPLICABLE = "not applicable to these data"


@dataclass(frozen=True)
class Computed:
    """A count (and its base, for a share) computed from the tidy tables."""

    count: int
    base: int | None = None
    note: str = ""
    """How the figure was counted, when a reader needs to know (shown as the ledger's reason)."""


@dataclass(frozen=True)
class NotComputable:
    reason: str


@dataclass(frozen=True)
class NotApplicable:
    """The figure's subject is absent from these exports (a round, a period, a community)."""

    reason: str


Recipe = Callable[[dict[str, pd.DataFrame]], Computed | NotComputable | NotApplicable]

INTERVIEWS = NotComputable("interviews and meetings: no record-level data in this project")
FINAL = "final"
INTERIM = "interim"


def _answer(
    question: str, answer: str, wave: str | None, *, item: str | None = None, survey: str = "follow_up"
) -> Recipe:
    def recipe(t):
        missing = _missing_round(t, survey, wave)
        if missing:
            return missing
        return Computed(
            *measures.answer_count(t["survey_answers"], survey, question, answer, wave, item=item)
        )

    return recipe


def _post_event(question: str, answer: str = "", *, item: str | None = None) -> Recipe:
    """A post-event figure: every response, all periods pooled, as the report gives them."""
    return _answer(question, answer, None, item=item, survey="post_event")


def _missing_round(t: dict[str, pd.DataFrame], survey: str, wave: str | None) -> NotApplicable | None:
    """Why a figure about ``wave`` of ``survey`` does not apply, or None when the round is there."""
    if wave is None or wave in set(measures.waves_in_order(t["survey_responses"], survey)):
        return None
    return NotApplicable(f"these data have no {survey.replace('_', '-')} round called {wave!r}")


def _responses(survey: str, wave: str | None = None) -> Recipe:
    def recipe(t):
        missing = _missing_round(t, survey, wave)
        if missing:
            return missing
        rows = t["survey_responses"]
        rows = rows[rows["survey"] == survey]
        if wave:
            rows = rows[rows["wave"] == wave]
        return Computed(len(rows))

    return recipe


def _sector(sector: str, upto: str | None = None, table: str = "attendances") -> Recipe:
    def recipe(t):
        frame = t[table]
        if table == "attendances":
            periods = measures.periods_in_order(frame)
            if upto is not None and upto not in periods:
                return NotApplicable(f"these data have no attendance period called {upto!r}")
            counted = measures.cumulative_periods(periods, upto or periods[-1])
            return Computed(*measures.sector_count(frame, sector, counted))
        return Computed(*measures.sector_count(frame, sector))

    return recipe


def _focus(focus: str) -> Recipe:
    return lambda t: Computed(int((t["attendances"]["focus"] == focus).sum()), len(t["attendances"]))


def _cop(stream: str | None, what: str) -> Recipe:
    def recipe(t):
        cop = cop_sessions_table(t["events"])
        if what == "groups":
            return Computed(cop["community"].nunique())
        rows = cop[cop["community"] == stream]
        if rows.empty:
            return NotApplicable(f"these data have no Community of Practice called {stream!r}")
        held, planned = rows[rows["status"] == "held"], rows[rows["status"] == "planned"]
        sizes = held["headcount"].dropna().astype(int)
        values = {
            "sessions": len(held),
            "min": sizes.min(),
            "max": sizes.max(),
            "booked": planned["headcount"].dropna().astype(int).sum(),
        }
        return Computed(int(values[what]))

    return recipe


def _coded_theme(theme: str, round_: str) -> Recipe:
    """Respondents and interviewees of a round whose free text the first coder gave ``theme``.

    Reads ``theme_codes`` (``data/processed/theme_codes.csv``, written by the open-text notebook
    from the coding sheets); without it, or with no text coded at all, the figure is not computable.
    """

    def recipe(t):
        codes = t.get("theme_codes")
        if codes is None or codes.empty or not (codes["coder"].astype(str) == "1").any():
            return NotComputable(
                "comes from free text and interviews, and none is coded yet: fill the coding sheets "
                "(make coding-sheets) and rebuild"
            )
        first = codes[codes["coder"].astype(str) == "1"]
        if round_ not in set(first["round"]):
            return NotApplicable(f"no coded free text from a round called {round_!r}")
        hits = first[(first["theme"] == theme) & (first["round"] == round_)]
        return Computed(
            int(hits[["survey", "unit_id"]].drop_duplicates().shape[0]),
            note=f"counted per respondent and interviewee of the {round_} round from the first coder's "
            f"'{theme}' codes in the coding sheets",
        )

    return recipe


def _people(what: str) -> Recipe:
    def recipe(t):
        visits = t["people"]["attendances"].astype(int)
        repeat = visits[visits >= 2]
        return Computed(int(repeat.min() if what == "min" else visits.max()))

    return recipe


def _count(result: Computed | NotComputable | NotApplicable) -> Computed | NotComputable | NotApplicable:
    """The count of a share as a figure of its own (passed on when the share is not computed)."""
    return Computed(result.count) if isinstance(result, Computed) else result


def _base(result: Computed | NotComputable | NotApplicable) -> Computed | NotComputable | NotApplicable:
    """The base of a share as a figure of its own (passed on when the share is not computed)."""
    if not isinstance(result, Computed):
        return result
    if result.base is None:
        return NotComputable("the figure has no base")
    return Computed(result.base)


RECIPES: dict[str, Recipe] = {
    "post_event_surveys_reviewed": _responses("post_event"),
    "follow_up_responses": _responses("follow_up"),
    "follow_up_responses_interim": _responses("follow_up", INTERIM),
    "follow_up_responses_final": _responses("follow_up", FINAL),
    "learning_events": lambda t: Computed(len(measures.learning_events_held(t["events"]))),
    "individuals": lambda t: Computed(len(t["people"])),
    "attendances": lambda t: Computed(len(t["attendances"])),
    "repeat_attender_events_min": _people("min"),
    "repeat_attender_events_max": _people("max"),
    "attendances_voluntary_pct": _sector("voluntary"),
    "attendances_statutory_pct": _sector("statutory"),
    "focus_housing_pct": _focus("Housing"),
    "focus_womens_services_pct": _focus("Women's services"),
    "focus_offending_pct": _focus("Offending"),
    "focus_mental_health_pct": _focus("Mental health"),
    "focus_substance_misuse_pct": _focus("Substance misuse"),
    "focus_other_pct": _focus("Other"),
    "statutory_pct_interim": _sector("statutory", INTERIM),
    "statutory_pct_final": _sector("statutory", FINAL),
    "cop_groups": _cop(None, "groups"),
    "cop_sui_sessions": _cop("Service User Involvement", "sessions"),
    "cop_sui_attendees_min": _cop("Service User Involvement", "min"),
    "cop_sui_attendees_max": _cop("Service User Involvement", "max"),
    "cop_housing_first_sessions": _cop("Housing First", "sessions"),
    "cop_housing_first_attendees": _cop("Housing First", "max"),
    "cop_housing_first_booked": _cop("Housing First", "booked"),
    "cop_care_act_sessions": _cop("Care Act", "sessions"),
    "cop_care_act_attendees": _cop("Care Act", "max"),
    "heard_word_of_mouth": _answer("heard_via", "", FINAL, item="Word of mouth"),
    "heard_newsletter": _answer("heard_via", "", FINAL, item="PDU newsletter"),
    "heard_online_platform": _answer("heard_via", "", FINAL, item="Online platform (hub)"),
    "hub_registered_users": lambda t: Computed(len(t["hub_users"])),
    "hub_voluntary_pct": _sector("voluntary", table="hub_users"),
    "hub_statutory_pct": _sector("statutory", table="hub_users"),
    "hub_private_pct": _sector("private", table="hub_users"),
    "hub_aware_pct": _answer("hub_aware", "Yes", FINAL),
    "hub_aware": _answer("hub_aware", "Yes", FINAL),
    "hub_used": _answer("hub_used", "Yes", FINAL),
    "understanding_base": lambda t: _base(_post_event("understanding", "")(t)),
    "understanding_much_greater_pct": _post_event("understanding", "Much greater understanding"),
    "understanding_some_pct": _post_event("understanding", "Some additional understanding"),
    "understanding_confirmed_pct": _post_event("understanding", "Confirmed my previous understanding"),
    "understanding_none_pct": _post_event("understanding", "No greater understanding"),
    "understanding_none": _post_event("understanding", "No greater understanding"),
    "awareness_much_greater_pct": _post_event("awareness", "Much greater awareness"),
    "awareness_some_pct": _post_event("awareness", "Some additional awareness"),
    "awareness_confirmed_pct": _post_event("awareness", "Confirmed my existing awareness"),
    "awareness_none_pct": _post_event("awareness", "No additional awareness"),
    "awareness_none": lambda t: _count(_post_event("awareness", "No additional awareness")(t)),
    "share_plan_base": lambda t: _base(_post_event("share_plan", "", item="Front line staff")(t)),
    "share_front_line_pct": _post_event("share_plan", "", item="Front line staff"),
    "made_contact": _answer("made_contact", "Yes", None),
    "intend_change_pct": _post_event("intend_change", "Yes"),
    "took_action_pct": _answer("took_action", "Yes", FINAL),
    "took_action": _answer("took_action", "Yes", FINAL),
    "pledge_interim": _coded_theme("pledge", INTERIM),
    "outcomes_improved_yes": _answer("outcomes_improved", "Yes", FINAL),
    "outcomes_improved_not_sure": _answer("outcomes_improved", "Not sure", FINAL),
    "outcomes_improved_no": _answer("outcomes_improved", "No", FINAL),
    "effectiveness_very": _answer("effectiveness", "Very effective", FINAL),
    "effectiveness_quite": _answer("effectiveness", "Quite effective", FINAL),
    "effectiveness_not": _answer("effectiveness", "Not effective at all", FINAL),
}
for _id in (
    "telephone_interviews",
    "steering_group_interviews",
    "steering_group_beneficiary_ambassadors",
    "steering_group_facilitators",
    "further_facilitators_interviewed",
    "evaluator_events_attended",
    "expert_citizens_june_2018",
    "expert_citizens_feb_2019",
):
    RECIPES[_id] = lambda t: INTERVIEWS


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    if not isinstance(value, (Real, str)):
        raise TypeError(f"not a number: {value!r}")
    return float(value)


def judge(kind: str, value: float, base: float | None, got: Computed) -> tuple[str, str, str]:
    """(computed figure as text, status, reason) for one published figure."""
    if kind == "percent":
        if not got.base:
            return "", NOT_COMPUTABLE, "no base in the data"
        exact = Fraction(100 * got.count, got.base)
        shown = exact_share_text(got.count, got.base)
        if base is not None and int(base) != got.base:
            return shown, DIFFERS, f"base differs: the report uses {int(base)}, the data give {got.base}"
        if round_half_up(float(exact)) == value:
            return shown, REPRODUCED, ""
        if math.floor(exact) == value or math.ceil(exact) == value:
            return shown, WITHIN_ROUNDING, "the report rounded the other way"
        return shown, DIFFERS, f"the data give {round_half_up(float(exact))}%"
    if kind == "k_of_n":
        shown = k_of_n_text(got.count, got.base) if got.base is not None else str(got.count)
        if got.count != value:
            return shown, DIFFERS, f"count differs: {got.count} in the data"
        if base is not None and got.base != int(base):
            return (
                shown,
                DIFFERS,
                (
                    f"base differs: the report uses {int(base)}, "
                    f"{got.base} answered the question (report inconsistency)"
                ),
            )
        return shown, REPRODUCED, ""
    shown = str(got.count)
    if got.count == value:
        return shown, REPRODUCED, ""
    return shown, DIFFERS, f"the data give {got.count}"


BY_CONSTRUCTION = (
    "on the synthetic reconstruction this is reproduced by construction: the generator wrote texts "
    "that say so and simulated coders coded them, so it checks the pipeline, not the PDU"
)


def reproduce(
    published: pd.DataFrame, tables: dict[str, pd.DataFrame], *, synthetic: bool = False
) -> pd.DataFrame:
    """One row per published figure: what the report says, what the data give, and the status.

    A figure counted from coded text carries how it was counted; with ``synthetic`` data, also
    that it is reproduced by construction.
    """
    rows = []
    for figure in published.itertuples(index=False):
        recipe = RECIPES.get(figure.id)
        note = "" if pd.isna(figure.note) else str(figure.note)
        inconsistent = "inconsisten" in note.casefold()
        if recipe is None:
            result: Computed | NotComputable | NotApplicable = NotComputable("no recipe for this figure yet")
        else:
            result = recipe(tables)
        if isinstance(result, NotComputable):
            computed, status, reason = "", NOT_COMPUTABLE, result.reason
        elif isinstance(result, NotApplicable):
            computed, status, reason = "", NOT_APPLICABLE, result.reason
        else:
            computed, status, reason = judge(figure.kind, float(figure.value), _number(figure.base), result)
            if status == DIFFERS and inconsistent and "inconsisten" not in reason:
                reason = f"{reason}; the report is inconsistent here: {note}"
            if result.note:
                extra = f"{result.note}; {BY_CONSTRUCTION}" if synthetic else result.note
                reason = f"{reason}; {extra}" if reason else extra[:1].upper() + extra[1:]
        rows.append(
            {
                "id": figure.id,
                "section": figure.section,
                "wording": figure.wording,
                "kind": figure.kind,
                "published": _published_text(figure),
                "computed": computed,
                "status": status,
                "reason": reason,
                "report_inconsistency": inconsistent,
            }
        )
    return pd.DataFrame(rows)


def _published_text(figure) -> str:
    value = f"{float(figure.value):g}"
    base = _number(figure.base)
    if figure.kind == "percent":
        return f"{value}%" + (f" (n={int(base)})" if base else "")
    if figure.kind == "k_of_n":
        return k_of_n_text(float(figure.value), base) if base else value
    return value


LEDGER_HEADERS = {
    "section": "Section of the report",
    "wording": "What the report says",
    "published": "Published",
    "computed": "Computed from the data",
    "status": "Status",
    "reason": "Reason",
}
"""Reader-facing names of the ledger's columns; the CSV keeps ``id`` and the short names."""


def readable(ledger: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Some of the ledger's columns as a page shows them: the report's words, not figure ids."""
    return ledger[columns].rename(columns=LEDGER_HEADERS)


def summary(ledger: pd.DataFrame) -> pd.DataFrame:
    """How many figures have each status."""
    order = [REPRODUCED, WITHIN_ROUNDING, DIFFERS, NOT_COMPUTABLE]
    if (ledger["status"] == NOT_APPLICABLE).any():
        order.append(NOT_APPLICABLE)
    counts = ledger["status"].value_counts().reindex(order, fill_value=0)
    return counts.rename_axis("status").reset_index(name="figures")


def summary_sentence(ledger: pd.DataFrame, *, synthetic: bool) -> str:
    """How many figures were reproduced, in words, with what that means for these data."""
    computable = ledger[~ledger["status"].isin([NOT_COMPUTABLE, NOT_APPLICABLE])]
    matched = int(computable["status"].isin([REPRODUCED, WITHIN_ROUNDING]).sum())
    not_computable = int((ledger["status"] == NOT_COMPUTABLE).sum())
    not_applicable = int((ledger["status"] == NOT_APPLICABLE).sum())
    text = (
        f"**{matched} of {len(computable)}** computable figures are reproduced; "
        f"{not_computable} come from interviews or free text and cannot be "
        "computed from survey and register data."
    )
    if not_applicable:
        text += (
            f" {not_applicable} are about a round, period or Community of Practice that these "
            "data do not have, so they are marked not applicable."
        )
    if synthetic:
        text += (
            " With the synthetic reconstruction this is expected by construction (the data "
            "were calibrated to these figures): what it checks is the pipeline, not the "
            "PDU's results. Run on the real exports, it checks the report."
        )
    return text
