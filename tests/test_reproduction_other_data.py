"""The reproduction ledger on exports unlike the shipped ones: absent subjects are not applicable.

A published figure about a Community of Practice, a round or a period that other exports do not
have must be listed as "not applicable to these data" with its reason, never crash the page.
"""

from __future__ import annotations

import pandas as pd
import pytest

from pdu_analysis import reproduction

PUBLISHED = pd.DataFrame(
    {
        "id": ["cop_groups", "cop_care_act_sessions", "took_action", "statutory_pct_interim"],
        "section": ["s"] * 4,
        "wording": ["w"] * 4,
        "value": [2, 2, 3, 50],
        "base": [None, None, 4, None],
        "kind": ["count", "count", "k_of_n", "percent"],
        "note": [None] * 4,
    }
)


def _tables(*, cop_titles: list[str], waves: list[str], periods: list[str]) -> dict[str, pd.DataFrame]:
    events = pd.DataFrame(
        {
            "event_id": [f"C{i}" for i in range(len(cop_titles))],
            "date": ["2018-01-10"] * len(cop_titles),
            "title": cop_titles,
            "kind": ["community_of_practice"] * len(cop_titles),
            "status": ["held"] * len(cop_titles),
            "headcount": [8] * len(cop_titles),
        }
    )
    responses = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(waves))],
            "survey": "follow_up",
            "wave": waves,
            "responded_on": [f"2018-{i + 1:02d}-01" for i in range(len(waves))],
        }
    )
    answers = pd.DataFrame(
        {
            "response_id": responses["response_id"],
            "survey": "follow_up",
            "wave": waves,
            "question_id": "took_action",
            "item": pd.NA,
            "answer": ["Yes"] * len(waves),
        }
    )
    attendances = pd.DataFrame(
        {
            "period": periods,
            "event_date": [f"2018-{i + 1:02d}-01" for i in range(len(periods))],
            "sector": ["statutory"] * len(periods),
            "person_id": range(len(periods)),
        }
    )
    return {
        "events": events,
        "survey_responses": responses,
        "survey_answers": answers,
        "attendances": attendances,
    }


def test_other_communities_rounds_and_periods_are_not_applicable_with_reasons():
    tables = _tables(
        cop_titles=[
            "Hoarding Community of Practice: session 1",
            "Hoarding CoP session 2",
            "Young people CoP",
        ],
        waves=["spring", "autumn"],
        periods=["first", "second"],
    )
    ledger = reproduction.reproduce(PUBLISHED, tables).set_index("id")
    # Two communities by the one naming rule: "Hoarding" (two sessions) and "Young people".
    assert ledger.loc["cop_groups", "computed"] == "2"
    assert ledger.loc["cop_groups", "status"] == reproduction.REPRODUCED
    for figure, subject in (
        ("cop_care_act_sessions", "'Care Act'"),
        ("took_action", "'final'"),
        ("statutory_pct_interim", "'interim'"),
    ):
        assert ledger.loc[figure, "status"] == reproduction.NOT_APPLICABLE
        assert subject in ledger.loc[figure, "reason"]
    sentence = reproduction.summary_sentence(ledger.reset_index(), synthetic=False)
    assert "**1 of 1** computable figures" in sentence
    assert "3 are about a round, period or Community of Practice" in sentence
    counts = reproduction.summary(ledger.reset_index()).set_index("status")["figures"]
    assert counts[reproduction.NOT_APPLICABLE] == 3


@pytest.mark.parametrize("waves", [["final", "final", "final", "interim"]])
def test_a_round_that_is_present_is_counted(waves):
    tables = _tables(cop_titles=["Care Act CoP session 1"], waves=waves, periods=["interim"])
    ledger = reproduction.reproduce(PUBLISHED, tables).set_index("id")
    # 3 "Yes" of 3 answering in the round called final; the published 3 of 4 has another base.
    assert ledger.loc["took_action", "computed"] == "3 of 3"
    assert ledger.loc["statutory_pct_interim", "computed"] == "100.0% (1 of 1)"
    # Without the summary row for not-applicable figures when there are none.
    assert reproduction.NOT_APPLICABLE not in set(reproduction.summary(ledger.reset_index())["status"])


def test_pages_show_the_reports_words_not_figure_ids():
    tables = _tables(cop_titles=["Care Act CoP session 1"], waves=["final"], periods=["interim"])
    ledger = reproduction.reproduce(PUBLISHED.assign(wording=["a", "b", "c", "d"]), tables)
    shown = reproduction.readable(ledger, ["wording", "published", "status"])
    assert list(shown.columns) == ["What the report says", "Published", "Status"]
    assert list(shown["What the report says"]) == ["a", "b", "c", "d"]
    assert "id" in ledger.columns  # the CSV for reviewers keeps the ids


def test_cleaning_log_reads_in_words():
    from pdu_analysis.clean.log import CleaningLog, readable_log

    log = CleaningLog()
    log.add("post_event: post_event_survey.csv", "drop responses with no answer", 77, 75, "2 opened")
    log.add("follow_up_other: x.csv", "keep", 3, 3)
    shown = readable_log(log.to_frame())
    assert list(shown.columns) == ["Source", "Step", "Rows before", "Rows after", "Change", "What happened"]
    assert shown.loc[0, "Source"] == "post-event survey: post_event_survey.csv"
    assert shown.loc[0, "Change"] == -2
    # only a whole word is renamed
    assert shown.loc[1, "Source"] == "follow_up_other: x.csv"
