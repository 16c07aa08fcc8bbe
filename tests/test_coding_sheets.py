"""Coding sheets: write, fill as a coder would (openpyxl), read back, add responses, re-write.

Also the theme codebook's validation and keyword suggestions. Expected values are typed by hand.
"""

from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest

from pdu_analysis.errors import PDUInputError
from pdu_analysis.paths import REFERENCE_DIR
from pdu_analysis.qual.codebook import keyword_pattern, load_codebook
from pdu_analysis.qual.sheets import (
    HEADERS,
    REDACTED,
    SECOND_FOLDER,
    SECOND_HEADERS,
    in_second_sample,
    read_sheets,
    write_sheets,
)

SHEET = "follow_up-action_detail-final"


def _texts(ids_and_texts, sheet=SHEET):
    return pd.DataFrame(
        {
            "sheet": sheet,
            "survey": "follow_up",
            "question_id": "action_detail",
            "round": "final",
            "unit_id": [i for i, _ in ids_and_texts],
            "item_id": [i for i, _ in ids_and_texts],
            "text": [t for _, t in ids_and_texts],
        }
    )


FIRST = [
    ("aaaaaaaaaaa1", "We have introduced the Pledge in our team."),
    ("aaaaaaaaaaa2", "Made referrals to two services I met."),
    ("aaaaaaaaaaa3", "Nothing really."),
]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def _fill(path, cells: dict[tuple[int, str], str], headers=HEADERS) -> None:
    """Type into the sheet as a coder would: by row number and column header."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Coding"]
    for (row, header), value in cells.items():
        sheet.cell(row=row, column=headers.index(header) + 1).value = value  # value=None would not clear
    workbook.save(path)


def _second(tmp_path):
    return tmp_path / SECOND_FOLDER / f"{SHEET}.xlsx"


def test_sheet_layout_and_suggestions(tmp_path, codebook):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    rows = list(openpyxl.load_workbook(tmp_path / f"{SHEET}.xlsx")["Coding"].iter_rows(values_only=True))
    assert list(rows[0]) == [*HEADERS, REDACTED]
    assert [r[0] for r in rows[1:]] == ["aaaaaaaaaaa1", "aaaaaaaaaaa2", "aaaaaaaaaaa3"]
    assert [r[2] for r in rows[1:]] == ["pledge; pledge_plan", "links", None]
    assert all(r[3] is None and r[4] is None for r in rows[1:])


def test_second_coder_sees_neither_suggestions_nor_first_codes(tmp_path, codebook):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    _fill(tmp_path / f"{SHEET}.xlsx", {(3, "coder 1"): "links"})
    write_sheets(_texts(FIRST), codebook, tmp_path)
    rows = list(openpyxl.load_workbook(_second(tmp_path))["Coding"].iter_rows(values_only=True))
    assert list(rows[0]) == SECOND_HEADERS == ["id", "text", "coder 2"]
    # the sample is fixed by each id: aaaaaaaaaaa2 and aaaaaaaaaaa3 are in it, aaaaaaaaaaa1 is not
    assert [r[0] for r in rows[1:]] == ["aaaaaaaaaaa2", "aaaaaaaaaaa3"]
    assert [r[2] for r in rows[1:]] == [None, None]  # coder 1's "links" is not there
    assert not in_second_sample("aaaaaaaaaaa1") and in_second_sample("aaaaaaaaaaa2")


def test_each_row_says_what_was_redacted_from_it(tmp_path, codebook):
    texts = [
        ("aaaaaaaaaaa1", "Met [name] and [name] of [organisation] ([phone])."),
        ("aaaaaaaaaaa2", "Wrote to [e-mail] at [postcode]."),
        ("aaaaaaaaaaa3", "Nothing really."),
    ]
    write_sheets(_texts(texts), codebook, tmp_path)
    rows = list(openpyxl.load_workbook(tmp_path / f"{SHEET}.xlsx")["Coding"].iter_rows(values_only=True))
    assert [r[len(HEADERS)] for r in rows[1:]] == ["name (2); organisation; phone", "e-mail; postcode", None]
    assert len(read_sheets(_texts(texts), codebook, tmp_path)) == 3  # the column is not read back


def test_round_trip_keeps_codes_when_responses_are_added(tmp_path, codebook):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    path = tmp_path / f"{SHEET}.xlsx"
    _fill(
        path,
        {
            (2, "coder 1"): "pledge; Involvement",
            (2, "approve quote"): "Yes",
            (3, "coder 1"): "links",
            (4, "coder 1"): "none",
        },
    )
    _fill(_second(tmp_path), {(2, "coder 2"): "Links; sharing"}, SECOND_HEADERS)
    coded = read_sheets(_texts(FIRST), codebook, tmp_path).set_index("item_id")
    assert coded.loc["aaaaaaaaaaa1", "coder_1"] == ["pledge", "involvement"]
    assert coded.loc["aaaaaaaaaaa2", "coder_2"] == ["links", "sharing"]
    assert coded.loc["aaaaaaaaaaa3", "coder_1"] == []
    assert coded.loc["aaaaaaaaaaa1", "coder_2"] is None  # not in the second coder's sample
    assert coded.loc["aaaaaaaaaaa3", "coder_2"] is None  # in it, not coded yet
    assert coded["approved"].tolist() == [True, False, False]

    more = [("aaaaaaaaaaa0", "Shared the slides at a team meeting."), *FIRST]
    report = write_sheets(_texts(more), codebook, tmp_path)
    assert report.to_dict("records") == [
        {"sheet": f"{SHEET}.xlsx", "rows_kept": 3, "rows_added": 1, "second_coder": 3}
    ]
    second = list(openpyxl.load_workbook(_second(tmp_path))["Coding"].iter_rows(values_only=True))
    assert [(r[0], r[2]) for r in second[1:]] == [
        ("aaaaaaaaaaa2", "links; sharing"),
        ("aaaaaaaaaaa3", None),
        ("aaaaaaaaaaa0", None),
    ]
    rows = list(openpyxl.load_workbook(path)["Coding"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["aaaaaaaaaaa1", "aaaaaaaaaaa2", "aaaaaaaaaaa3", "aaaaaaaaaaa0"]
    assert [r[3] for r in rows[1:]] == ["pledge; involvement", "links", "none", None]
    assert rows[1][4] == "yes" and rows[4][2] == "sharing"
    assert again_second(tmp_path, more, codebook) == ["links", "sharing"]
    again = read_sheets(_texts(more), codebook, tmp_path).set_index("item_id")
    assert again.loc["aaaaaaaaaaa0", "coder_1"] is None
    assert again.loc["aaaaaaaaaaa1", "coder_1"] == ["pledge", "involvement"]


def again_second(tmp_path, items, codebook):
    return read_sheets(_texts(items), codebook, tmp_path).set_index("item_id").loc["aaaaaaaaaaa2", "coder_2"]


def test_unchanged_sheet_is_rewritten_byte_for_byte(tmp_path, codebook):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    before = (tmp_path / f"{SHEET}.xlsx").read_bytes(), _second(tmp_path).read_bytes()
    write_sheets(_texts(FIRST), codebook, tmp_path)
    assert ((tmp_path / f"{SHEET}.xlsx").read_bytes(), _second(tmp_path).read_bytes()) == before


@pytest.mark.parametrize(
    "cells, message",
    [
        ({(3, "coder 1"): "links; pladge"}, "row 3, column D ('coder 1'): unknown theme(s) 'pladge'"),
        ({(2, "coder 1"): "none; pledge"}, "row 2, column D ('coder 1'): 'none' cannot be combined"),
        (
            {(2, "approve quote"): "maybe"},
            "row 2, column E ('approve quote'): 'maybe' is not yes, no or blank",
        ),
        ({(3, "id"): "ffffffffffff"}, "row 3, column A ('id'): id 'ffffffffffff' is not a response"),
        ({(3, "id"): "aaaaaaaaaaa1"}, "row 3, column A ('id'): id 'aaaaaaaaaaa1' is also on row 2"),
        ({(3, "id"): None, (3, "coder 1"): "links"}, "row 3, column A ('id'): codes on a row with no id"),
    ],
)
def test_bad_cells_name_sheet_row_and_column(tmp_path, codebook, cells, message):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    _fill(tmp_path / f"{SHEET}.xlsx", cells)
    with pytest.raises(PDUInputError) as error:
        read_sheets(_texts(FIRST), codebook, tmp_path)
    assert f"sheet {SHEET}.xlsx ('Coding'), {message}" in str(error.value)


def test_bad_second_coder_cell_names_their_sheet(tmp_path, codebook):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    _fill(_second(tmp_path), {(3, "coder 2"): "Trauma"}, SECOND_HEADERS)
    with pytest.raises(PDUInputError) as error:
        read_sheets(_texts(FIRST), codebook, tmp_path)
    assert (
        f"sheet {SECOND_FOLDER}/{SHEET}.xlsx ('Coding'), row 3, column C ('coder 2'): "
        "unknown theme(s) 'trauma'" in str(error.value)
    )


def test_rewriting_over_a_bad_sheet_stops_too(tmp_path, codebook):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    _fill(tmp_path / f"{SHEET}.xlsx", {(2, "coder 1"): "plege"})
    with pytest.raises(PDUInputError, match="row 2, column D"):
        write_sheets(_texts(FIRST), codebook, tmp_path)


def test_sheet_for_a_question_not_in_the_data(tmp_path, codebook):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    shutil.copy(tmp_path / f"{SHEET}.xlsx", tmp_path / "follow_up-action_detail-2019-07.xlsx")
    with pytest.raises(PDUInputError, match="no question and round called 'follow_up-action_detail-2019-07'"):
        read_sheets(_texts(FIRST), codebook, tmp_path)


def test_missing_column(tmp_path, codebook):
    write_sheets(_texts(FIRST), codebook, tmp_path)
    workbook = openpyxl.load_workbook(tmp_path / f"{SHEET}.xlsx")
    workbook["Coding"].cell(row=1, column=5, value="second coder")
    workbook.save(tmp_path / f"{SHEET}.xlsx")
    with pytest.raises(PDUInputError, match="row 1: missing column\\(s\\) 'approve quote'"):
        read_sheets(_texts(FIRST), codebook, tmp_path)


def test_texts_without_a_sheet_are_uncoded(tmp_path, codebook):
    coded = read_sheets(_texts(FIRST), codebook, tmp_path / "absent")
    assert len(coded) == 3 and coded["coder_1"].isna().all() and not coded["approved"].any()


# ---- the codebook ------------------------------------------------------------------------------
def test_shipped_codebook_is_valid_and_has_the_pledge(codebook):
    assert "pledge" in codebook.ids and len(codebook.ids) == len(set(codebook.ids))
    assert codebook.suggest("We adopted THE PLEDGE") == ["pledge", "pledge_plan"]


@pytest.mark.parametrize(
    "keywords, text, hit",
    [
        ("refer*", "Made referrals", True),
        ("refer*", "preferred", False),
        ("PIE", "a piece of work", False),
        ("PIE", "the PIE approach", True),
        ("more like a home", "more  like a\nhome", True),
        ("", "anything", None),
    ],
)
def test_keyword_patterns(keywords, text, hit):
    pattern = keyword_pattern(keywords)
    assert (None if pattern is None else bool(pattern.search(text))) == hit


def test_bad_codebook_names_file_and_rows(tmp_path):
    table = pd.read_csv(REFERENCE_DIR / "themes.csv", dtype=str, keep_default_na=False)
    table.loc[1, "theme_id"] = table.loc[0, "theme_id"]
    table.loc[2, "theme_id"] = "Bad Id"
    path = tmp_path / "themes.csv"
    table.to_csv(path, index=False)
    with pytest.raises(PDUInputError) as error:
        load_codebook(path)
    text = str(error.value)
    assert str(path) in text and "theme_id" in text and "Bad Id" in text
