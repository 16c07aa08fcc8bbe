"""Every file in the raw folder is accounted for: read as what it is, listed, or refused by name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import rawkit

from pdu_analysis.clean import build_attendance, build_surveys
from pdu_analysis.clean.inventory import take_stock
from pdu_analysis.errors import PDUInputError


def _kinds(raw: Path) -> dict[str, str]:
    return {f.name: f.kind for f in take_stock(raw).files}


def test_contract_names_are_read_by_name(mini_raw):
    kinds = _kinds(mini_raw)
    assert kinds == {
        "SYNTHETIC": "marker",
        "attendance_register.xlsx": "register",
        "events.csv": "events",
        "follow_up_2018-06.xlsx": "follow_up",
        "follow_up_2019-01.csv": "follow_up",
        "hub_registrations.csv": "hub",
        "post_event_survey.csv": "post_event",
    }


def test_a_round_under_another_name_is_known_by_its_questions(mini_raw):
    (mini_raw / "follow_up_2019-01.csv").rename(mini_raw / "PDU follow-up survey (1).csv")
    stock = take_stock(mini_raw)
    found = {f.name: f for f in stock.files}["PDU follow-up survey (1).csv"]
    assert found.kind == "follow_up" and "follow-up survey's" in found.how
    result = build_surveys(mini_raw)
    responses = result.tables["survey_responses"]
    assert responses.loc[responses["survey"] == "follow_up", "wave"].nunique() == 2
    assert any("PDU follow-up survey (1).csv" in note for note in result.log.notes)


def test_a_misnamed_round_in_capitals_is_read(mini_raw):
    (mini_raw / "follow_up_2019-01.csv").rename(mini_raw / "Follow_up_survey_Dec_2019.csv")
    responses = build_surveys(mini_raw).tables["survey_responses"]
    assert (responses["survey"] == "follow_up").sum() == 3 + 4


def test_register_hub_and_post_event_under_download_names(mini_raw):
    renames = {
        "attendance_register.xlsx": "Attendance register [Jan 2019].xlsx",
        "hub_registrations.csv": "hub export (2).csv",
        "post_event_survey.csv": "Post event feedback - All responses.csv",
        "events.csv": "Events list.csv",
    }
    before = build_attendance(mini_raw).tables
    for old, new in renames.items():
        (mini_raw / old).rename(mini_raw / new)
    kinds = _kinds(mini_raw)
    assert [kinds[new] for new in renames.values()] == ["register", "hub", "post_event", "events"]
    after = build_attendance(mini_raw)
    assert after.tables["attendances"].equals(before["attendances"])
    assert len(after.tables["hub_users"]) == len(before["hub_users"])
    assert len(build_surveys(mini_raw).tables["survey_responses"]) == 3 + 3 + 4


def test_harmless_files_are_listed_as_not_used(mini_raw):
    (mini_raw / "README.md").write_text("# exports\n")
    (mini_raw / "PROVENANCE.md").write_text("where they came from\n")
    (mini_raw / "Notes for the evaluator.txt").write_text("notes\n")
    (mini_raw / ".DS_Store").write_bytes(b"junk")
    result = build_attendance(mini_raw)
    log = result.log.to_frame()
    unused = log[(log["source"] == "raw folder") & (log["step"] == "not used")]["detail"].tolist()
    assert sorted(d.split(":")[0] for d in unused) == [
        "Notes for the evaluator.txt",
        "PROVENANCE.md",
        "README.md",
        "SYNTHETIC",
    ]
    note = next(n for n in result.log.notes if "not read" in n)
    assert "Notes for the evaluator.txt" in note and ".DS_Store" not in note
    read = log[(log["source"] == "raw folder") & (log["step"] == "read as")]
    assert len(read) == 6


@pytest.mark.parametrize(
    ("name", "write", "fragment"),
    [
        ("Budget 2019 (1).csv", lambda p: p.write_text("Item,Cost\npens,3\n"), "none of the inputs"),
        ("exports.zip", lambda p: zipfile.ZipFile(p, "w").writestr("a.csv", "x"), "unzip it"),
        ("old register.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), "save it as .xlsx"),
        (
            "Staff survey.csv",
            lambda p: rawkit.write_csv(
                p,
                [[*rawkit.META, "Do you like the canteen?"], [""] * 9 + ["Response"], ["1"] * 10],
            ),
            "not those of one survey",
        ),
        ("archive/follow_up_2017.csv", lambda p: p.write_text("x\n"), "sub-folder"),
    ],
)
def test_a_file_that_cannot_be_placed_stops_the_run_naming_it(mini_raw, name, write, fragment):
    target = mini_raw / name
    target.parent.mkdir(exist_ok=True)
    write(target)
    with pytest.raises(PDUInputError) as caught:
        build_attendance(mini_raw)
    message = str(caught.value)
    assert Path(name).name in message and fragment in message


def test_two_files_of_one_kind_stop_the_run_naming_both(mini_raw):
    rows = rawkit.post_event_rows()
    rawkit.write_csv(mini_raw / "Post event survey (1).csv", rows)
    with pytest.raises(PDUInputError) as caught:
        build_surveys(mini_raw)
    assert "post_event_survey.csv" in str(caught.value) and "Post event survey (1).csv" in str(caught.value)


def test_a_missing_input_says_what_was_expected(mini_raw):
    (mini_raw / "hub_registrations.csv").unlink()
    with pytest.raises(PDUInputError, match="file not found.*hub_registrations.csv"):
        build_attendance(mini_raw)
