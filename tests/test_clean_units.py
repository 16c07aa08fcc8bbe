"""Readers and cleaners on small fixtures, including the messy cases the real register has."""

import pandas as pd
import pytest
import rawkit

from pdu_analysis import store
from pdu_analysis.clean import build_attendance, build_surveys
from pdu_analysis.clean.dates import parse_one
from pdu_analysis.clean.labels import normalise
from pdu_analysis.clean.people import person_keys, pseudonymise
from pdu_analysis.errors import PDUInputError


def test_labels_normalise_case_and_spaces():
    got = normalise(pd.Series(["  Voluntary   Sector ", "VCS", None]))
    assert got.tolist() == ["voluntary sector", "vcs", ""]


@pytest.mark.parametrize(
    "value, dayfirst, expected",
    [
        ("2018-06-30", True, "2018-06-30"),
        ("30/06/2018", True, "2018-06-30"),
        ("06/30/2018 09:15:00 AM", False, "2018-06-30"),
        ("43281", True, "2018-06-30"),  # Excel serial date
        ("not a date", True, None),
    ],
)
def test_dates_in_every_export_format(value, dayfirst, expected):
    got = parse_one(value, dayfirst=dayfirst)
    assert (got.isoformat() if got else None) == expected


def test_people_matched_by_email_then_name_and_organisation():
    email = pd.Series(["Ann@Example.org", " ann@example.org", "", "cat@example.org", ""])
    name = pd.Series(["Ann Example", "Annie Example", "Cat Person", "Cat Person", "Dan"])
    org = pd.Series(["Trust", "Trust", "Aid", "Aid", "Probation"])
    keys = person_keys(email, name, org)
    assert keys[0] == keys[1]  # e-mail case and spaces, nickname
    assert keys[2] == keys[3]  # no e-mail: borrowed through name + organisation
    assert keys[4] == "n:dan|probation"
    assert keys.nunique() == 3


def test_pseudonyms_depend_on_the_salt_and_hide_the_key():
    keys = pd.Series(["e:ann@example.org"])
    one, two = pseudonymise(keys, "salt-1")[0], pseudonymise(keys, "salt-2")[0]
    assert one != two and len(one) == 12 and "ann" not in one


def test_register_cleaning_on_the_mini_study(mini_raw):
    result = build_attendance(mini_raw)
    attendances = result.tables["attendances"]
    assert len(attendances) == 6  # 8 rows: 1 blank, 1 duplicate sign-in
    assert attendances["person_id"].nunique() == 4
    assert attendances.groupby("sector").size().to_dict() == {"statutory": 2, "voluntary": 4}
    assert set(attendances["period"]) == {"interim", "final"}
    log = result.log.to_frame().set_index("step")
    assert log.loc["drop wholly blank rows", "change"].tolist()[0] == -1
    assert log.loc["merge duplicate sign-ins", "change"] == -1


def test_register_reads_csv_with_uk_dates(mini_raw):
    rows = [list(r) for r in rawkit.REGISTER]
    for row in rows[1:]:
        if row[1] is not None:
            row[1] = row[1].strftime("%d/%m/%Y")
    (mini_raw / "attendance_register.xlsx").unlink()
    rawkit.write_csv(mini_raw / "attendance_register.csv", rows)
    assert len(build_attendance(mini_raw).tables["attendances"]) == 6


def test_interim_cutoff_is_a_parameter(mini_raw):
    late = build_attendance(mini_raw, interim_cutoff="2018-12-31").tables["attendances"]
    assert set(late["period"]) == {"interim"}


def test_multi_select_becomes_one_row_per_option_ticked(mini_raw):
    answers = build_surveys(mini_raw).tables["survey_answers"]
    share = answers[answers["question_id"] == "share_plan"]
    assert len(share) == 4  # 1 + 3 options ticked (Other counted, its text dropped)
    assert set(share["item"]) == {"Front line staff", "Managers", "Other (please specify)"}
    assert "my board" not in answers.to_string()


def test_follow_up_waves_come_from_export_files(mini_raw):
    responses = build_surveys(mini_raw).tables["survey_responses"]
    follow = responses[responses["survey"] == "follow_up"]
    assert follow.groupby("wave").size().to_dict() == {"final": 4, "interim": 3}


def test_unknown_collector_becomes_a_wave_named_by_month(mini_raw):
    rawkit.write_csv(
        mini_raw / "follow_up_2019-07.csv", rawkit.follow_up_rows("999000111", 7, 2019, 2, 12000000501)
    )
    responses = build_surveys(mini_raw).tables["survey_responses"]
    assert (responses["wave"] == "2019-07").sum() == 2


def test_surveys_read_cp1252_and_bom(mini_raw):
    rows = rawkit.follow_up_rows("231774550", 1, 2019, 4, 12000000101)
    rows[2][9] = ""
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", rows, encoding="cp1252")
    responses = build_surveys(mini_raw).tables["survey_responses"]
    follow = responses[responses["survey"] == "follow_up"]
    assert (follow["wave"] == "final").sum() == 4


def test_unanswered_response_is_dropped_and_logged(mini_raw):
    rows = rawkit.follow_up_rows("231774550", 1, 2019, 4, 12000000101)
    rows[3][9:] = [""] * (len(rows[3]) - 9)
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", rows)
    result = build_surveys(mini_raw)
    responses = result.tables["survey_responses"]
    assert ((responses["survey"] == "follow_up") & (responses["wave"] == "final")).sum() == 3
    log = result.log.to_frame()
    assert "1 response(s) opened but not answered" in log["detail"].tolist()


def test_write_tables_is_all_or_nothing(tmp_path, monkeypatch):
    good = pd.DataFrame({"a": [1]})
    store.write_tables({"t": good}, tmp_path)
    before = (tmp_path / "t.csv").read_bytes()
    write = pd.DataFrame.to_csv

    def disk_full_on_the_second_table(self, *args, **kwargs):
        if (self["a"] == 3).any():
            raise OSError("disk full")
        return write(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", disk_full_on_the_second_table)
    with pytest.raises(OSError):
        store.write_tables({"t": pd.DataFrame({"a": [2]}), "u": pd.DataFrame({"a": [3]})}, tmp_path)
    assert (tmp_path / "t.csv").read_bytes() == before
    assert not (tmp_path / "u.csv").exists()


def test_real_exports_without_salt_stop(mini_raw, monkeypatch):
    (mini_raw / "SYNTHETIC").unlink()
    monkeypatch.delenv("PDU_SALT", raising=False)
    monkeypatch.setattr("pdu_analysis.clean.people.SALT_FILE", mini_raw / "no-salt")
    with pytest.raises(PDUInputError, match="PDU_SALT"):
        build_attendance(mini_raw)
    monkeypatch.setenv("PDU_SALT", "a-secret")
    assert len(build_attendance(mini_raw).tables["attendances"]) == 6


def test_synthetic_data_always_use_the_public_salt(mini_raw, monkeypatch):
    """An evaluator's real salt must not change the synthetic outputs (make verify would fail)."""
    monkeypatch.delenv("PDU_SALT", raising=False)
    plain = build_attendance(mini_raw).tables["attendances"]["person_id"].tolist()
    monkeypatch.setenv("PDU_SALT", "a-secret-for-real-exports")
    assert build_attendance(mini_raw).tables["attendances"]["person_id"].tolist() == plain


def test_relative_raw_dir_resolves_from_the_notebooks_folder(monkeypatch):
    from pdu_analysis import paths

    monkeypatch.chdir(paths.NOTEBOOKS_DIR)
    assert paths.raw_dir("data/raw") == paths.DEFAULT_RAW_DIR
