"""Main points and the content helpers behind them: each sentence follows the data it is given.

Expected values are worked out here by hand (Wilson's formula, counting rows), not by the code
under test, and each test changes its data to show the sentence changes with it.
"""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from math import sqrt

import pandas as pd
import pytest

from pdu_analysis import tables, wording
from pdu_analysis.reference import waves_by_cutoff
from pdu_analysis.wording import chart_titles, findings
from pdu_analysis.wording.numbers import share_text

Z = 1.959963984540054


def whole(x: float) -> int:
    return int(Decimal(repr(x)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def wilson_by_hand(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return 100 * (centre - half), 100 * (centre + half)


@pytest.mark.parametrize("k, n", [(66, 300), (56, 168), (122, 468), (15, 40)])
def test_share_text_is_percent_count_and_wilson_interval_in_whole_percents(k, n):
    low, high = wilson_by_hand(k, n)
    expected = f"{whole(100 * k / n)}% ({k} of {n}), 95% interval {whole(low)}% to {whole(high)}%"
    if n < 50:
        expected += " (indicative only)"
    assert share_text(k, n) == expected


def test_share_text_on_a_base_under_30_is_a_count_only():
    assert share_text(19, 29) == "19 of 29"
    assert share_text(0, 0) == "no responses"


def _sector_test(p_value: float, low: float, high: float, diff: float = 11.0) -> pd.DataFrame:
    first, second = waves_by_cutoff()["wave"].iloc[:2]
    return pd.DataFrame(
        [
            {
                "first": first,
                "second": second,
                "k1": 40,
                "n1": 200,
                "k2": 45,
                "n2": 150,
                "p_value": p_value,
                "diff": diff,
                "diff_ci_low": low,
                "diff_ci_high": high,
            }
        ]
    )


def test_sector_point_states_a_change_only_when_the_clustered_verdict_is_evidence():
    first = waves_by_cutoff()["wave"].iloc[0]
    shown = findings.sector_change_point(_sector_test(0.01, 2.0, 19.0))
    assert shown.heading == "The statutory share of attendances changed"
    # Wilson by hand: 40 of 200, 15.0% to 26.1%; 45 of 150, 23.2% to 37.8%
    assert f"to the {first} cut-off, 20% (40 of 200), 95% interval 15% to 26%" in shown.text
    assert f"after the {first} cut-off, 30% (45 of 150), 95% interval 23% to 38%" in shown.text
    assert "a rise of 11 percentage points that is evidence of change" in shown.text
    assert shown.href.startswith("06_interim_vs_final.html#")

    unclear = findings.sector_change_point(_sector_test(0.3, -4.0, 25.0))
    assert unclear.heading == "No clear change in the statutory share of attendances"
    assert "could be chance" in unclear.text and "evidence of change" not in unclear.text
    assert chart_titles.sector_title(_sector_test(0.3, -4.0, 25.0)).endswith(
        "no clear change between periods"
    )
    assert chart_titles.sector_title(_sector_test(0.01, 2.0, 19.0)) == (
        f"The statutory share of attendances rose after the {first} cut-off"
    )
    assert findings.sector_change_point(pd.DataFrame()) is None


def _comparisons(p_values, mdd) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["Made contact", "Took action", "Much greater understanding"],
            "p_value": p_values,
            "diff_ci_low": [-44.0, -24.0, 3.0 if p_values[2] < 0.05 else -23.0],
            "diff_ci_high": [24.0, 44.0, 30.0],
            "mdd": mdd,
        }
    )


def _responses(first: int, second: int) -> pd.DataFrame:
    waves = list(waves_by_cutoff()["wave"].iloc[:2])
    rows = [(waves[0], "2018-06-10")] * first + [(waves[1], "2019-01-10")] * second
    return pd.DataFrame(
        {"survey": "follow_up", "wave": [w for w, _ in rows], "responded_on": [d for _, d in rows]}
    )


def test_survey_limits_point_counts_the_verdicts_and_gives_the_detectable_range():
    none = findings.survey_limits_point(
        _comparisons([0.69, 0.69, 1.0], [float("nan"), 41.4, 25.6]), _responses(5, 20)
    )
    assert none.text.startswith("None of the 3 survey comparisons between rounds or periods is evidence")
    assert "had 5 responses in the" in none.text and "and 20 in the" in none.text
    assert "about 26 to 41 percentage points or more" in none.text
    assert "attendance register" not in none.text  # not said without the register's count
    larger = findings.survey_limits_point(
        _comparisons([0.69, 0.69, 1.0], [float("nan"), 41.4, 25.6]), _responses(5, 20), attendances=80
    )
    assert larger.text.endswith(
        "The attendance register is much larger (80 attendances), so a smaller change in who attends "
        "can be shown."
    )
    close = findings.survey_limits_point(
        _comparisons([0.69, 0.69, 1.0], [float("nan"), 41.4, 25.6]), _responses(5, 20), attendances=79
    )
    assert "attendance register" not in close.text  # 79 is under four times the largest round (20)

    one = findings.survey_limits_point(
        _comparisons([0.69, 0.69, 0.01], [float("nan"), 41.4, 25.6]), _responses(6, 21)
    )
    assert one.text.startswith("1 of the 3 survey comparisons between rounds or periods is evidence")
    assert "(Much greater understanding)" in one.text and "had 6 responses" in one.text
    assert chart_titles.differences_title(_comparisons([0.69, 0.69, 0.01], [1, 2, 3])) == (
        "1 of these 3 differences between rounds or periods is evidence of change"
    )


def _attendance(repeat: bool):
    people = pd.DataFrame({"person_id": ["a", "b", "c"], "attendances": [2 if repeat else 1, 1, 1]})
    rows = [("a", "E1", "statutory"), ("b", "E1", "voluntary"), ("c", "E2", "voluntary")]
    if repeat:
        rows.append(("a", "E2", "statutory"))
    attendances = pd.DataFrame(rows, columns=["person_id", "event_id", "sector"])
    events = pd.DataFrame(
        {"event_id": ["E1", "E2", "C1"], "kind": ["learning_event"] * 2 + ["community_of_practice"]}
    ).assign(status="held")
    return attendances, people, events


def test_attendance_point_is_counted_from_the_tables_given():
    once = findings.attendance_point(*_attendance(False))
    assert once.text.startswith("3 people made 3 attendances at 2 learning events;")
    assert "of the people, 0 of 3, came to more than one event" in once.text
    assert "2 of 3, from the voluntary sector and 1 of 3, from the statutory sector" in once.text

    twice = findings.attendance_point(*_attendance(True))
    assert twice.text.startswith("3 people made 4 attendances at 2 learning events;")
    assert "of the people, 1 of 3, came" in twice.text
    assert "2 of 4, from the voluntary sector and 2 of 4, from the statutory sector" in twice.text


def test_practice_point_sets_intention_beside_the_latest_round_without_a_test():
    last = waves_by_cutoff()["wave"].iloc[-1]
    change = pd.DataFrame(
        {
            "measure": ["intention", "intention", "action", "action"],
            "wave": ["x", "all", "y", last],
            "count": [5, 25, 4, 19],
            "base": [10, 75, 7, 29],
        }
    )
    point = findings.practice_point(change)
    # Wilson by hand: 25 of 75, 23.7% to 44.6%
    assert "33% (25 of 75), 95% interval 24% to 45%" in point.text and "19 of 29" in point.text
    assert "not tested against each other" in point.text
    assert findings.practice_point(change[change["measure"] == "action"]) is None


def _by_event() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4", "E5"],
            "date": ["2018-01-10", "2018-02-10", "2018-03-10", "2018-08-10", "2018-09-10"],
            "statutory": [10, 2, 3, 12, 9],
            "voluntary": [20, 15, 14, 18, 21],
            "suppressed": [False, True, True, False, False],
        }
    ).assign(total=lambda t: t["statutory"] + t["voluntary"])


def _event_periods() -> pd.DataFrame:
    first, second = waves_by_cutoff()["wave"].iloc[:2]
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4", "E5"],
            "period": [first, first, first, second, second],
            "event_date": _by_event()["date"],
        }
    )


def test_hidden_events_are_pooled_per_period_and_their_lean_is_said():
    by_event, periods = _by_event(), _event_periods()
    pooled = tables.hidden_events_pooled(by_event, periods)
    assert pooled[["event_ids", "events", "statutory", "voluntary", "total"]].values.tolist() == [
        ["E2+E3", 2, 5, 29, 34]
    ]
    assert bool(pooled["small"].iloc[0]) is False
    names = {p: p for p in periods["period"]}
    # Hidden: 5 of 34 statutory (15%) against the shown E1's 10 of 30 (33%): lower.
    assert "had, together, a lower statutory share" in tables.hidden_lean_sentence(by_event, periods, names)
    by_event.loc[1, "statutory"] = 40
    by_event["total"] = by_event["statutory"] + by_event["voluntary"]
    assert "a higher statutory share" in tables.hidden_lean_sentence(by_event, periods, names)
    assert tables.hidden_lean_sentence(by_event.assign(suppressed=False), periods, names) is None


def test_a_pool_with_a_small_sector_count_is_flagged():
    by_event = _by_event()
    by_event.loc[[1, 2], "statutory"] = [1, 2]
    assert bool(tables.hidden_events_pooled(by_event, _event_periods())["small"].iloc[0]) is True


def test_matrix_table_counts_every_item_and_answer_by_round():
    waves = list(waves_by_cutoff()["wave"].iloc[:2])
    given = [
        ("r1", waves[1], "Presentations", "Very useful"),
        ("r1", waves[1], "Table discussions", "Not useful"),
        ("r2", waves[1], "Presentations", "Quite useful"),
        ("r3", waves[1], "Presentations", "Very useful"),
        ("r3", waves[1], "Handouts and resources", "Very useful"),
        ("r4", waves[0], "Presentations", "Not useful"),
    ]
    answers = pd.DataFrame(given, columns=["response_id", "wave", "item", "answer"]).assign(
        survey="follow_up", question_id="usefulness"
    )
    responses = pd.DataFrame(
        {
            "response_id": ["r1", "r2", "r3", "r4"],
            "survey": "follow_up",
            "wave": [waves[1]] * 3 + [waves[0]],
            "responded_on": ["2019-01-10"] * 3 + ["2018-06-10"],
        }
    )
    table = tables.matrix_table(answers, responses, "follow_up", "usefulness")
    counted = Counter((w, i, a) for _, w, i, a in given)
    bases = Counter((w, i) for _, w, i, _ in given)
    for r in table.itertuples():
        assert (r.count, r.base) == (counted[(r.wave, r.item, r.option)], bases[(r.wave, r.item)])
    # Every rated (round, item) appears with all three answers; an item never rated has no row.
    assert len(table) == 3 * len(bases)
    assert table["wave"].iloc[0] == waves[0]
    title = chart_titles.usefulness_title(table, {waves[1]: "Second (2019)"})
    assert title == "Most often rated very useful: Handouts and resources (1 of 1, second round)"


def test_one_caveat_lists_every_small_base_on_the_page():
    a = pd.DataFrame({"group": ["All", "Early", "Late"], "base": [75, 47, 23]})
    b = pd.DataFrame({"group": ["All"], "base": [60]})
    text = wording.page_base_caveat({"Understanding": a, "Awareness": b})
    assert "Understanding: Early 47, Late 23" in text and "Awareness" not in text
    assert "For the smallest, based on 23 responses" in text
    assert wording.page_base_caveat({"Awareness": b}) is None


def test_no_difference_is_said_as_none_not_as_chance():
    from pdu_analysis.wording.plain import plain_verdict

    none = plain_verdict(0.2, 1.0, -20.0, 20.0, 40.0, "rise")
    assert none == "there was no difference to the nearest point"
    some = plain_verdict(3.0, 0.8, -20.0, 26.0, 40.0, "rise")
    assert some.startswith("the rise of 3 points could be chance")


def test_the_sector_heading_leads_with_the_reports_own_counts_only():
    from pdu_analysis.wording.assumed import Published

    where = "Who has attended PDU events?"
    both = Published({where: {(66, 300), (122, 468)}}, synthetic=True)
    assert findings._as_counted_heading("statutory", [(66, 300), (122, 468)], both, where) == (
        "The statutory share of attendances rose from 22% to 26%, counted as the reports did"
    )
    one = Published({where: {(66, 300)}}, synthetic=True)
    assert findings._as_counted_heading("statutory", [(66, 300), (122, 468)], one, where) == (
        "The statutory share of attendances as the reports counted it, and period by period"
    )
