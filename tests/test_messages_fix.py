"""Messages that lead to the fix: each names the file, where the problem is and what to do."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import rawkit
from openpyxl import Workbook

from pdu_analysis.clean import build_attendance, build_surveys
from pdu_analysis.errors import PDUInputError


def _refused(raw: Path, *fragments: str, surveys: bool = False) -> str:
    with pytest.raises(PDUInputError) as caught:
        (build_surveys if surveys else build_attendance)(raw)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in: {message}"
    assert "Traceback" not in message
    return message


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_condensed_export_says_export_it_expanded(mini_raw):
    rows = rawkit.follow_up_rows("231774550", 1, 2019, 3, 12000000101)
    for row in rows:  # the multi-select in one column, as a condensed export writes it
        del row[10:12]
    rows[1][9] = "Response"
    rows[2][9] = "Word of mouth, PDU newsletter"
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", rows)
    _refused(
        mini_raw,
        "follow_up_2019-01.csv",
        "column 10",
        "condensed export",
        "'All responses, expanded'",
        surveys=True,
    )


@pytest.mark.parametrize("banner_rows", [1, 2])
def test_header_below_a_title_banner_says_the_header_must_be_the_first_row(mini_raw, banner_rows):
    banner = [["PDU attendance register 2017-19"]] + [[None]] * (banner_rows - 1)
    path = mini_raw / "attendance_register.xlsx"
    rawkit.write_xlsx(path, [*banner, *rawkit.REGISTER], sheet="Register")
    _refused(
        mini_raw, "attendance_register.xlsx", "the header must be the first row", f"row {banner_rows + 1}"
    )


def test_survey_header_below_a_title_row(mini_raw):
    rows = rawkit.follow_up_rows("231774550", 1, 2019, 3, 12000000101)
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", [["Follow-up survey, January"], *rows])
    _refused(mini_raw, "follow_up_2019-01.csv", "the header must be the first row", "row 2", surveys=True)


def test_survey_workbook_with_a_summary_sheet_first_is_read(mini_raw):
    rows = rawkit.follow_up_rows("214563201", 6, 2018, 3, 12000000001)
    _workbook(mini_raw / "follow_up_2018-06.xlsx", {"Summary": [["Responses", 3]], "Data": rows})
    responses = build_surveys(mini_raw).tables["survey_responses"]
    assert (responses["survey"] == "follow_up").sum() == 3 + 4


def test_wrong_sheet_names_the_sheet_read_and_the_sheets_present(mini_raw):
    _workbook(mini_raw / "attendance_register.xlsx", {"Sheet1": [["Who", "When"], ["Ann", "today"]]})
    _refused(mini_raw, "attendance_register.xlsx", "sheet 'Sheet1' read", "the workbook holds: 'Sheet1'")


def test_reworded_question_names_the_nearest_question_and_the_row_to_add(mini_raw):
    rows = rawkit.follow_up_rows("231774550", 1, 2019, 3, 12000000101)
    rows[0][-1] = "Have you taken any action as a result of what you learnt at PDU events?"
    rawkit.write_csv(mini_raw / "follow_up_2019-01.csv", rows)
    message = _refused(
        mini_raw,
        "follow_up_2019-01.csv",
        "column 14",
        "nearest codebook question is 'Have you taken any action as a result of things you learnt",
        "follow_up,took_action,single,Have you taken any action as a result of what you learnt at PDU "
        "events?,Yes|No,",
        surveys=True,
    )
    assert "remove" not in message


def test_new_field_of_work_says_where_to_add_it(mini_raw):
    register = [*rawkit.REGISTER]
    register[1] = [*register[1][:6], "Youth work"]
    rawkit.write_xlsx(mini_raw / "attendance_register.xlsx", register, sheet="Register")
    _refused(mini_raw, "'Youth work' (row 2)", "data/reference/fields_of_work.csv", "Add a new field")


def _us(day: datetime) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def test_month_first_dates_are_refused_as_a_whole(mini_raw):
    register = [rawkit.REGISTER[0]] + [
        [r[0], _us(r[1]) if r[1] else None, *r[2:]] for r in rawkit.REGISTER[1:]
    ]
    (mini_raw / "attendance_register.xlsx").unlink()
    rawkit.write_csv(mini_raw / "attendance_register.csv", register)
    message = _refused(mini_raw, "attendance_register.csv", "column 'Date'", "'11/15/2018'", "month first")
    assert "2 date(s) are impossible" in message  # the two Future Hostel sign-ins; the rest read wrongly


def test_day_first_dates_with_small_days_are_still_read(mini_raw):
    register = [rawkit.REGISTER[0]] + [
        [r[0], r[1].strftime("%d/%m/%Y") if r[1] else None, *r[2:]] for r in rawkit.REGISTER[1:]
    ]
    (mini_raw / "attendance_register.xlsx").unlink()
    rawkit.write_csv(mini_raw / "attendance_register.csv", register)
    assert len(build_attendance(mini_raw).tables["attendances"]) == 6
