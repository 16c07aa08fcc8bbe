"""Counts and bases from the tidy tables: the k and n behind every percentage.

A base is always the number of responses (or attendances) that could have the attribute: for a
question, the responses that answered it in that wave; for a multi-select question, the responses
that ticked at least one of its options. Nothing here rounds or formats: that is ``stats``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .store import read_processed

ALL = "all"
"""Wave label for a figure pooled over every wave (or period)."""


def load_tables() -> dict[str, pd.DataFrame]:
    """The tidy tables the analysis notebooks use."""
    names = ("attendances", "people", "events", "hub_users", "survey_responses", "survey_answers")
    return {name: read_processed(name) for name in names}


def waves_in_order(responses: pd.DataFrame, survey: str) -> list[str]:
    """Waves (or periods) of one survey in the order their responses began."""
    subset = responses[responses["survey"] == survey]
    return subset.groupby("wave")["responded_on"].min().sort_values(kind="stable").index.tolist()


def _subset(answers: pd.DataFrame, survey: str, question_id: str, wave: str | None) -> pd.DataFrame:
    rows = answers[(answers["survey"] == survey) & (answers["question_id"] == question_id)]
    if wave not in (None, ALL):
        rows = rows[rows["wave"] == wave]
    return rows


def answer_count(
    answers: pd.DataFrame,
    survey: str,
    question_id: str,
    answer: str,
    wave: str | None = None,
    *,
    item: str | None = None,
) -> tuple[int, int]:
    """(k, n): responses giving ``answer`` (or ticking ``item``) out of those answering."""
    rows = _subset(answers, survey, question_id, wave)
    base = rows["response_id"].nunique()
    if item is not None:
        hit = rows[rows["item"].fillna("") == item]
    else:
        hit = rows[rows["answer"] == answer]
    return int(hit["response_id"].nunique()), int(base)


def distribution(
    answers: pd.DataFrame,
    survey: str,
    question_id: str,
    options: Iterable[str],
    wave: str | None = None,
    *,
    by: str = "answer",
) -> pd.DataFrame:
    """Counts for every option (zeros kept), with the question's base, in the codebook's order."""
    rows = _subset(answers, survey, question_id, wave)
    base = rows["response_id"].nunique()
    column = rows[by].fillna("")
    counts = rows.groupby(column)["response_id"].nunique()
    options = list(options)
    return pd.DataFrame({"option": options, "count": [int(counts.get(o, 0)) for o in options], "base": base})


def by_wave(
    answers: pd.DataFrame,
    survey: str,
    question_id: str,
    answer: str | None,
    waves: Iterable[str],
    *,
    item: str | None = None,
) -> pd.DataFrame:
    """(k, n) for one answer in each wave where the question was asked (base > 0)."""
    records = []
    for wave in waves:
        k, n = answer_count(answers, survey, question_id, answer or "", wave, item=item)
        if n:
            records.append({"wave": wave, "count": k, "base": n})
    return pd.DataFrame(records, columns=["wave", "count", "base"])


def sector_count(
    attendances: pd.DataFrame, sector: str, periods: Iterable[str] | None = None
) -> tuple[int, int]:
    """(k, n): rows from ``sector`` among the rows in ``periods`` (every row when None: hub users).

    The one count behind a sector's share; with its intervals, the share is
    :func:`pdu_analysis.tables.attendance.sector_share_rows`.
    """
    rows = attendances if periods is None else attendances[attendances["period"].isin(list(periods))]
    return int((rows["sector"] == sector).sum()), int(len(rows))


def cumulative_periods(periods_in_order: list[str], upto: str) -> list[str]:
    """The periods a report dated at ``upto`` counted: every period up to and including it."""
    return periods_in_order[: periods_in_order.index(upto) + 1]


def periods_in_order(attendances: pd.DataFrame) -> list[str]:
    """Attendance periods in date order."""
    return attendances.groupby("period")["event_date"].min().sort_values(kind="stable").index.tolist()


def learning_events_held(events: pd.DataFrame) -> pd.DataFrame:
    """The learning events held: a planned event (``status`` planned) is never counted as held."""
    return events[(events["kind"] == "learning_event") & (events["status"] == "held")]
