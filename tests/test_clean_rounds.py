"""Rounds, collectors, late responses, loose answers and the study window on miniature raw folders.

Each test builds a raw folder with tests/rawkit.py and changes one thing; the expected values are
worked out by hand from the rows written here, not from the cleaning code.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import rawkit

from pdu_analysis.clean import build_attendance, build_surveys
from pdu_analysis.errors import PDUInputError
from pdu_analysis.paths import REFERENCE_DIR

FINAL = "231774550"
INTERIM = "214563201"
DATE = 2  # column of Start Date in a SurveyMonkey export


def _collectors(by_collector: dict[str, int], month: int, year: int, start_id: int) -> list[list[object]]:
    """One follow-up export holding several collectors (web link and e-mail in one round)."""
    rows: list[list[object]] = []
    for collector, n in by_collector.items():
        part = rawkit.follow_up_rows(collector, month, year, n, start_id)
        rows.extend(part if not rows else part[2:])
        start_id += n
    return rows


def _reference(tmp_path, waves_text: str):
    """A copy of data/reference with its own waves.csv."""
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    (folder / "waves.csv").write_text(waves_text, encoding="utf-8")
    return folder


def _follow(result) -> pd.Series:
    responses = result.tables["survey_responses"]
    return responses[responses["survey"] == "follow_up"].groupby("wave").size()


def test_a_late_post_event_response_keeps_its_events_period(mini_raw):
    rows = rawkit.post_event_rows()
    rows[3][DATE] = "02/05/2019 09:30:00 AM"  # answers Housing First (8 Mar 2018), sent Feb 2019
    rawkit.write_csv(mini_raw / "post_event_survey.csv", rows)
    result = build_surveys(mini_raw)
    post = result.tables["survey_responses"].query("survey == 'post_event'")
    # by hand: E01 (Oct 2017) and E02 (Mar 2018) are on or before 30 Jun 2018, E03 (Nov 2018) after
    assert post.groupby("wave").size().to_dict() == {"final": 1, "interim": 2}
    late = post[post["responded_on"] == "2019-02-05"]
    assert late["wave"].tolist() == ["interim"]
    answers = result.tables["survey_answers"].query("survey == 'post_event'")
    assert set(answers["wave"]) == {"interim", "final"}  # no period after the last cut-off
    detail = result.log.to_frame().query("step == 'period of each response'")["detail"].iloc[0]
    # the Trauma Informed Approaches response (Oct 2017 event) is sent in Oct 2018: late too
    assert "(2 of them submitted after that period ended)" in detail


def test_a_response_naming_no_event_takes_the_latest_event_before_it(mini_raw):
    rows = rawkit.post_event_rows()
    rows[4][9] = ""  # the Future Hostel response (Nov 2018 event) names no event...
    rows[4][DATE] = "04/02/2018 09:30:00 AM"  # ...and was sent in April 2018: after E02 (interim)
    rawkit.write_csv(mini_raw / "post_event_survey.csv", rows)
    post = build_surveys(mini_raw).tables["survey_responses"].query("survey == 'post_event'")
    assert post.set_index("responded_on").loc["2018-04-02", "wave"] == "interim"
    assert post["event_id"].isna().sum() == 1


def test_a_second_collector_in_a_round_stays_in_that_round(mini_raw):
    rawkit.write_csv(
        mini_raw / "follow_up_2019-01.csv", _collectors({FINAL: 4, "998877665": 2}, 1, 2019, 12000000101)
    )
    result = build_surveys(mini_raw)
    assert _follow(result).to_dict() == {"final": 6, "interim": 3}
    log = result.log.to_frame()
    rows = log[
        (log["source"] == "follow_up: follow_up_2019-01.csv") & (log["step"] == "collector in the export")
    ]
    assert rows["rows_in"].tolist() == [4, 2]
    assert "not listed" in rows["detail"].iloc[1] and "998877665" in rows["detail"].iloc[1]
    assert "not listed" not in rows["detail"].iloc[0]
    assert len(result.log.notes) == 1
    assert "998877665" in result.log.notes[0] and "'final'" in result.log.notes[0]


def test_a_listed_collector_names_the_round_of_an_unlisted_file(mini_raw, tmp_path):
    reference = _reference(
        tmp_path,
        "wave,label,file,collector_id,report,attendance_cutoff\n"
        f"interim,Interim,,{INTERIM},Interim report,2018-06-30\n"
        f"final,Final,,{FINAL},Final report,2019-01-31\n",
    )
    rawkit.write_csv(
        mini_raw / "follow_up_2019-01.csv", _collectors({"998877665": 1, FINAL: 3}, 1, 2019, 12000000101)
    )
    result = build_surveys(mini_raw, reference=reference)
    assert _follow(result).to_dict() == {"final": 4, "interim": 3}


def test_a_third_round_is_one_round_per_file_whatever_its_collectors(mini_raw):
    rawkit.write_csv(
        mini_raw / "follow_up_2019-07.csv", _collectors({"111": 2, "222": 3}, 7, 2019, 12000000501)
    )
    result = build_surveys(mini_raw)
    assert _follow(result).to_dict() == {"2019-07": 5, "final": 4, "interim": 3}
    log = result.log.to_frame()
    round_row = log[(log["step"] == "round of the export") & log["source"].str.contains("2019-07")]
    assert "named after its fieldwork month" in round_row["detail"].iloc[0]


def test_a_third_round_named_by_its_file_in_waves_csv(mini_raw, tmp_path):
    reference = _reference(
        tmp_path,
        (REFERENCE_DIR / "waves.csv").read_text(encoding="utf-8")
        + "summer,Summer (July 2019),follow_up_2019-07.csv,,Summer update,2019-07-31\n",
    )
    rawkit.write_csv(
        mini_raw / "follow_up_2019-07.csv", _collectors({"111": 2, "222": 1}, 7, 2019, 12000000501)
    )
    result = build_surveys(mini_raw, reference=reference)
    assert _follow(result).to_dict() == {"final": 4, "interim": 3, "summer": 3}


def test_two_exports_in_one_round_stop_the_run(mini_raw):
    rawkit.write_csv(
        mini_raw / "follow_up_2019-01b.csv", rawkit.follow_up_rows(FINAL, 1, 2019, 2, 12000000901)
    )
    with pytest.raises(PDUInputError, match="one export is one round"):
        build_surveys(mini_raw)


def test_a_file_and_a_collector_naming_different_rounds_stop_the_run(mini_raw):
    rawkit.write_csv(
        mini_raw / "follow_up_2019-01.csv", rawkit.follow_up_rows(INTERIM, 1, 2019, 4, 12000000101)
    )
    with pytest.raises(PDUInputError, match="follow_up_2019-01.csv.*collector 214563201"):
        build_surveys(mini_raw)


def test_answers_in_other_case_are_accepted_and_counted_per_column(mini_raw):
    rows = rawkit.follow_up_rows(FINAL, 1, 2019, 4, 12000000101)
    # columns: 9 word of mouth, 10 newsletter, 11 other, 12 made contact, 13 took action
    rows[2][12] = "YES"
    rows[4][12] = "yes"
    rows[2][9] = "word  of MOUTH"
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", rows)
    result = build_surveys(mini_raw)
    log = result.log.to_frame()
    loose = log[log["step"] == "answers matched ignoring case or spacing"]
    assert loose["source"].unique().tolist() == ["follow_up: follow_up_2019-01.csv"]
    details = loose["detail"].tolist()
    assert len(details) == 2
    assert details[0].startswith("column 10 (") and ": 1 answer(s)" in details[0]
    assert details[1].startswith("column 13 (") and ": 2 answer(s)" in details[1]
    answers = result.tables["survey_answers"]
    contact = answers[(answers["question_id"] == "made_contact") & (answers["wave"] == "final")]
    assert contact["answer"].value_counts().to_dict() == {"Yes": 2, "No": 2}
    assert "3 answer(s) in 2 column(s)" in result.log.notes[0]


def test_shipped_like_answers_log_no_loose_matches(mini_raw):
    log = build_surveys(mini_raw).log.to_frame()
    assert not (log["step"] == "answers matched ignoring case or spacing").any()


def test_events_outside_the_study_window_are_listed(mini_raw):
    events = [
        *rawkit.EVENTS,
        ["C02", "2019-03-05", "Care Act CoP session 2", "Care Act", "community_of_practice", "planned", "9"],
        ["C03", "2017-09-12", "Care Act CoP launch", "Care Act", "community_of_practice", "held", "5"],
    ]
    rawkit.write_raw(mini_raw, events=events)
    result = build_attendance(mini_raw)
    row = result.log.to_frame().query("step == 'events outside the study window'")
    assert row["detail"].str.startswith("2 event(s) dated outside 1 October 2017 to 31 January 2019").all()
    assert "C02" in row["detail"].iloc[0] and "C03" in row["detail"].iloc[0]
    assert result.log.notes and result.log.notes[0].startswith("2 of the 6 events in events.csv fall outside")
    periods = result.tables["events"].set_index("event_id")["period"]
    assert (periods["C02"], periods["C03"]) == ("after_final", "interim")


def test_no_event_outside_the_window_means_no_note(mini_raw):
    result = build_attendance(mini_raw)
    assert result.log.notes == []


def test_the_interim_cutoff_moves_attendances_and_responses(mini_raw):
    # by hand: attendances on 12 Oct 2017 (2), 8 Mar 2018 (2) and 15 Nov 2018 (2)
    default = build_attendance(mini_raw)
    early = build_attendance(mini_raw, interim_cutoff="2018-03-01")
    assert default.tables["attendances"].groupby("period").size().to_dict() == {"interim": 4, "final": 2}
    assert early.tables["attendances"].groupby("period").size().to_dict() == {"interim": 2, "final": 4}
    periods = early.tables["periods"].set_index("period")
    assert periods.loc["interim", "last_day"] == "2018-03-01"
    assert periods.loc["final", "first_day"] == "2018-03-02"
    assert periods.loc["after_final", "first_day"] == "2019-02-01"
    # post-event responses follow their events: Housing First (8 Mar 2018) moves to final
    post = build_surveys(mini_raw, interim_cutoff="2018-03-01").tables["survey_responses"]
    assert post.query("survey == 'post_event'").groupby("wave").size().to_dict() == {"final": 2, "interim": 1}


def test_waves_csv_without_file_column_and_with_a_repeated_file(mini_raw, tmp_path):
    old = _reference(
        tmp_path,
        "wave,label,collector_id,report,attendance_cutoff\n"
        f"interim,Interim,{INTERIM},Interim report,2018-06-30\nfinal,Final,{FINAL},Final report,2019-01-31\n",
    )
    assert _follow(build_surveys(mini_raw, reference=old)).to_dict() == {"final": 4, "interim": 3}
    (old / "waves.csv").write_text(
        "wave,label,file,collector_id,report,attendance_cutoff\n"
        "interim,Interim,follow_up_a.csv,,I,2018-06-30\nfinal,Final,FOLLOW_UP_A.csv,,F,2019-01-31\n",
        encoding="utf-8",
    )
    with pytest.raises(PDUInputError, match="column 'file': listed twice"):
        build_surveys(mini_raw, reference=old)
