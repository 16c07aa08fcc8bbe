"""The catalogue of bad inputs: each gives one clear message naming the file and what was expected.

Every case starts from a valid miniature raw folder (tests/rawkit.py) and breaks one thing.
"""

from __future__ import annotations

import csv
from copy import deepcopy
from datetime import datetime
from io import StringIO

import pytest
import rawkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pdu_analysis import io
from pdu_analysis.clean import build_attendance, build_surveys
from pdu_analysis.clean.labels import load_sector_map, map_sectors, normalise
from pdu_analysis.errors import PDUInputError
from pdu_analysis.paths import REFERENCE_DIR


def _register(change):
    rows = deepcopy(rawkit.REGISTER)
    change(rows)
    return rows


def _clean_all(raw):
    result = build_attendance(raw)
    build_surveys(raw, result.tables["events"])


def _expect(raw, *fragments):
    with pytest.raises(PDUInputError) as caught:
        _clean_all(raw)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"'{fragment}' not in: {message}"
    return message


def test_missing_file(mini_raw):
    (mini_raw / "attendance_register.xlsx").unlink()
    _expect(mini_raw, "attendance_register", "file not found", "attendance_register.xlsx or")


def test_empty_file(mini_raw):
    (mini_raw / "events.csv").write_bytes(b"")
    _expect(mini_raw, "events.csv", "empty")


def test_garbage_bytes_in_xlsx(mini_raw):
    (mini_raw / "attendance_register.xlsx").write_bytes(b"\x00\x01not a workbook" * 50)
    _expect(mini_raw, "attendance_register.xlsx", "not an Excel workbook")


def test_truncated_xlsx(mini_raw):
    path = mini_raw / "follow_up_2018-06.xlsx"
    path.write_bytes(path.read_bytes()[:300])
    _expect(mini_raw, "follow_up_2018-06.xlsx", "workbook")


def test_renamed_column(mini_raw):
    def rename(rows):
        rows[0][5] = "Sectr"

    rawkit.write_xlsx(mini_raw / "attendance_register.xlsx", _register(rename), sheet="Register")
    _expect(
        mini_raw,
        "attendance_register.xlsx",
        "missing column(s) 'Sector'",
        "unknown column(s) 'Sectr'",
        "Expected exactly these columns",
    )


def test_unknown_extra_column(mini_raw):
    def add(rows):
        rows[0].append("Notes")
        for row in rows[1:]:
            row.append("x")

    rawkit.write_xlsx(mini_raw / "attendance_register.xlsx", _register(add), sheet="Register")
    _expect(mini_raw, "unknown column(s) 'Notes'")


def test_unmapped_sector_label(mini_raw):
    def relabel(rows):
        rows[2][5] = "Faith group"

    rawkit.write_xlsx(mini_raw / "attendance_register.xlsx", _register(relabel), sheet="Register")
    _expect(
        mini_raw, "attendance_register.xlsx", "column 'Sector'", "'faith group' (row 3)", "sector_map.csv"
    )


def test_unparseable_date(mini_raw):
    def bad_date(rows):
        rows[5][1] = "sometime in March"

    rawkit.write_xlsx(mini_raw / "attendance_register.xlsx", _register(bad_date), sheet="Register")
    _expect(mini_raw, "column 'Date'", "'sometime in March' (row 6)", "expected an Excel date")


def test_date_outside_study_window(mini_raw):
    def early(rows):
        rows[1][1] = datetime(2016, 1, 5)

    rawkit.write_xlsx(mini_raw / "attendance_register.xlsx", _register(early), sheet="Register")
    _expect(mini_raw, "column 'Date'", "outside the study window", "(row 2)")


def test_duplicate_respondent_ids(mini_raw):
    rows = rawkit.follow_up_rows("231774550", 1, 2019, 4, 12000000101)
    rows[3][0] = rows[2][0]
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", rows)
    _expect(mini_raw, "follow_up_2019-01.csv", "column 'Respondent ID'", "rows [3, 4]")


def test_wrong_encoding(mini_raw):
    path = mini_raw / "hub_registrations.csv"
    path.write_bytes(path.read_text().encode("utf-16"))
    _expect(mini_raw, "hub_registrations.csv", "UTF-16", "UTF-8")


def test_answer_not_among_options(mini_raw):
    rows = rawkit.post_event_rows()
    rows[3][10] = "Greatly improved"
    rawkit.write_csv(mini_raw / "post_event_survey.csv", rows)
    _expect(
        mini_raw,
        "post_event_survey.csv",
        "not among the question's options",
        "'Greatly improved' (row 4)",
        "Much greater understanding",
    )


def test_a_free_text_in_a_closed_column_is_quoted_short_and_redacted(mini_raw):
    rows = rawkit.post_event_rows()
    rows[3][10] = "Please ask Sarah Jenkins to ring me on 07700 900123 about the next event"
    rawkit.write_csv(mini_raw / "post_event_survey.csv", rows)
    message = _expect(mini_raw, "post_event_survey.csv", "'Please ask [name] to \u2026' (row 4)")
    for part in ("Sarah", "Jenkins", "07700", "900123", "next event"):
        assert part not in message


def test_survey_with_only_header_rows(mini_raw):
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", rawkit.follow_up_rows("231774550", 1, 2019, 0, 1))
    _expect(mini_raw, "follow_up_2019-01.csv", "no responses")


def test_survey_missing_metadata_is_not_a_surveymonkey_export(mini_raw):
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", [["a", "b"], ["1", "2"], ["3", "4"]])
    _expect(mini_raw, "follow_up_2019-01.csv", "not a SurveyMonkey export", "Respondent ID")


def test_unknown_question(mini_raw):
    rows = rawkit.follow_up_rows("231774550", 1, 2019, 2, 12000000101)
    rows[0][-1] = "Would you recommend us?"
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", rows)
    _expect(mini_raw, "follow_up_2019-01.csv", "not in the codebook", "Would you recommend us?")


def test_event_not_in_events_list(mini_raw):
    def other_event(rows):
        rows[7][0] = "A Workshop Nobody Ran"

    rawkit.write_xlsx(mini_raw / "attendance_register.xlsx", _register(other_event), sheet="Register")
    _expect(mini_raw, "column 'Event'", "A Workshop Nobody Ran", "(row 8)")


def test_blank_required_value_names_column_and_row(mini_raw):
    def no_name(rows):
        rows[2][2] = None

    rawkit.write_xlsx(mini_raw / "attendance_register.xlsx", _register(no_name), sheet="Register")
    _expect(mini_raw, "column 'Name'", "must not be blank", "(row 3)")


# -- property-based: any input gives a table or the clear error, never anything else ------------


# Random bytes are never, in practice, a valid hub table or register: a valid hub file starts with
# its 49-character header exactly, and a valid register is a whole zip archive of workbook XML with
# the register's header row; so reading must fail, and with the file named.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_as_hub_csv_give_the_clear_error(tmp_path, data):
    path = tmp_path / "hub_registrations.csv"
    path.write_bytes(data)
    with pytest.raises(PDUInputError, match="hub_registrations.csv"):
        io.read_hub(path)


PRINTABLE = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(PRINTABLE, min_size=6, max_size=6), max_size=15))
def test_valid_hub_csv_reads_every_row_and_cell(tmp_path, rows):
    header = list(io.HUB_COLUMNS)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    path = tmp_path / "hub_registrations.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    frame = io.read_hub(path)
    assert len(frame) == len(rows)
    for j, name in enumerate(header):
        got = [(cell or "").strip() for cell in frame[io.HUB_COLUMNS[name]]]
        assert got == [row[j].strip() for row in rows]


def _rows_after_headers(data: bytes) -> int:
    """Body rows of a CSV counted with the csv module: after two header rows, trailing blanks dropped."""
    for encoding in io.ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    rows = list(csv.reader(StringIO(text, newline="")))
    while rows and all(not cell.strip() for cell in rows[-1]):
        rows.pop()
    return len(rows) - 2


SURVEY_HEADERS = (
    ",".join(io.SURVEYMONKEY_METADATA) + ",Q1\n" + "," * len(io.SURVEYMONKEY_METADATA) + "Response\n"
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400), st.binary(max_size=200).map(lambda b: SURVEY_HEADERS.encode() + b)))
def test_any_bytes_as_surveymonkey_give_export_or_clear_error(tmp_path, data):
    # Half the cases start with the two real header rows, so reading can succeed.
    path = tmp_path / "follow_up_x.csv"
    path.write_bytes(data)
    try:
        export = io.read_surveymonkey(path)
    except PDUInputError as error:
        assert "follow_up_x.csv" in str(error)
        return
    questions = {question for question, _ in export.columns}
    assert set(io.SURVEYMONKEY_METADATA) <= questions
    assert len(export.body) == _rows_after_headers(data)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_as_xlsx_give_the_clear_error(tmp_path, data):
    path = tmp_path / "attendance_register.xlsx"
    path.write_bytes(b"PK\x03\x04" + data)
    with pytest.raises(PDUInputError, match="attendance_register.xlsx"):
        io.read_register(path)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_sector_labels_map_or_stop_with_the_list(labels):
    import pandas as pd

    sector_map = load_sector_map(REFERENCE_DIR / "sector_map.csv")
    series = pd.Series(labels, dtype=object)
    rows = pd.Series(range(2, 2 + len(labels)))
    try:
        mapped = map_sectors(series, rows, sector_map, file="f.csv", map_path=REFERENCE_DIR)
        assert set(mapped) <= {"statutory", "voluntary", "private"}
        assert len(mapped) == len(labels)
    except PDUInputError as error:
        assert "not in the sector mapping" in str(error)


@given(st.text(max_size=40))
def test_normalise_is_idempotent_and_trimmed(text):
    import pandas as pd

    once = normalise(pd.Series([text]))[0]
    assert normalise(pd.Series([once]))[0] == once
    assert once == once.strip()
