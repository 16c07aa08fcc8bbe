"""The headline table: every headline measure by round, the one source of the index page's
figures and of ``reports/tables/headline_figures.csv``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pdu_analysis import measures
from pdu_analysis.measures import ALL
from pdu_analysis.stats import proportion

HEADLINE_COLUMNS = ["measure", "wave", "count", "base", "percent", "ci_low", "ci_high"]


POOLED = {"made_contact"}
"""Follow-up measures also given over all rounds together, as the report does (13/36 made contact).
Other measures stay per round: each round is a snapshot and people may answer more than one."""


FOLLOW_UP_MEASURES = {
    # measure: (question_id, answer)
    "took_action": ("took_action", "Yes"),
    "made_contact": ("made_contact", "Yes"),
    "outcomes_improved": ("outcomes_improved", "Yes"),
    "effective_very": ("effectiveness", "Very effective"),
    "hub_aware": ("hub_aware", "Yes"),
}


POST_EVENT_MEASURES = {
    "understanding_much_greater": ("understanding", "Much greater understanding"),
    "awareness_much_greater": ("awareness", "Much greater awareness"),
    "intend_change": ("intend_change", "Yes"),
}


def _headline_row(measure: str, wave: str, count: int, base: int | None = None) -> dict:
    if base is None:
        return {
            "measure": measure,
            "wave": wave,
            "count": count,
            "base": pd.NA,
            "percent": pd.NA,
            "ci_low": pd.NA,
            "ci_high": pd.NA,
        }
    return {"measure": measure, "wave": wave, **proportion(count, base).to_record()}


def _sector_rows(attendances: pd.DataFrame) -> list[dict]:
    periods = measures.periods_in_order(attendances)
    rows = []
    for period in periods:
        counted = measures.cumulative_periods(periods, period)
        rows.append(
            _headline_row(
                "statutory_share", period, *measures.sector_count(attendances, "statutory", counted)
            )
        )
    rows.append(
        _headline_row(
            "statutory_share", "after_cutoff", *measures.sector_count(attendances, "statutory", periods[1:])
        )
    )
    rows.append(
        _headline_row(
            "voluntary_share", periods[-1], *measures.sector_count(attendances, "voluntary", periods)
        )
    )
    return rows


def _survey_rows(
    tables: dict[str, pd.DataFrame], survey: str, catalogue: dict, pooled_only: bool
) -> list[dict]:
    """``catalogue``'s measures ({measure: (question_id, answer)}) by wave, or pooled only."""
    answers, responses = tables["survey_answers"], tables["survey_responses"]
    rows = []
    waves = measures.waves_in_order(responses, survey)
    for measure, (question, answer) in catalogue.items():
        per_wave = measures.by_wave(answers, survey, question, answer, waves)
        if per_wave.empty:
            continue
        if not pooled_only:
            rows += [_headline_row(measure, r.wave, r.count, r.base) for r in per_wave.itertuples()]
        if pooled_only or (measure in POOLED and len(per_wave) > 1):
            rows.append(
                _headline_row(measure, ALL, *measures.answer_count(answers, survey, question, answer, ALL))
            )
    return rows


def build_headline(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """All headline rows from the tidy tables."""
    attendances, people, events = tables["attendances"], tables["people"], tables["events"]
    last_period = measures.periods_in_order(attendances)[-1]
    rows = [
        _headline_row("attendances", last_period, len(attendances)),
        _headline_row("individuals", last_period, len(people)),
        _headline_row("learning_events", last_period, len(measures.learning_events_held(events))),
        *_sector_rows(attendances),
        *_survey_rows(tables, "follow_up", FOLLOW_UP_MEASURES, pooled_only=False),
        *_survey_rows(tables, "post_event", POST_EVENT_MEASURES, pooled_only=True),
    ]
    hub = tables["hub_users"]
    rows.append(_headline_row("hub_users", ALL, len(hub)))
    rows.append(_headline_row("hub_voluntary_share", ALL, *measures.sector_count(hub, "voluntary")))
    table = pd.DataFrame(rows, columns=HEADLINE_COLUMNS)
    for column in ("count", "base"):
        table[column] = table[column].astype("Int64")
    for column in ("percent", "ci_low", "ci_high"):
        table[column] = pd.to_numeric(table[column]).astype(float)
    return table


def save_headline(table: pd.DataFrame, path) -> None:
    """Write through the one table writer (its stated float precision, all-or-nothing)."""
    from ..store import write_tables

    path = Path(path)
    write_tables({path.stem: table}, path.parent)
