"""Free text and interview notes from the shipped raw files: ids, redaction, the sheets, the Pledge.

Names and e-mail addresses are read straight from the raw files with openpyxl and csv (not with the
code under test), and every text, sheet and code is checked against them.
"""

from __future__ import annotations

import csv
import hashlib
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from pdu_analysis import paths, reproduction
from pdu_analysis.clean import build_surveys
from pdu_analysis.clean.interviews import parse_notes, read_interviews
from pdu_analysis.errors import PDUInputError
from pdu_analysis.qual import analyse, coding_dir, collect_texts, load_codebook
from pdu_analysis.qual.shares import codes_long
from pdu_analysis.qual.sheets import read_sheets

RAW = paths.DEFAULT_RAW_DIR
CODING = paths.PROJECT_ROOT / "data" / "coding"


@pytest.fixture(scope="module")
def responses():
    return build_surveys(RAW).tables["survey_responses"]


@pytest.fixture(scope="module")
def texts(responses):
    return collect_texts(RAW, responses)


@pytest.fixture(scope="module")
def coded_shipped(texts):
    return read_sheets(texts[0], load_codebook(), CODING)


@pytest.fixture(scope="module")
def personal():
    """Full names and e-mail addresses from the register and the hub, read independently."""
    book = openpyxl.load_workbook(RAW / "attendance_register.xlsx", read_only=True)
    rows = list(book["Register"].iter_rows(values_only=True))
    book.close()
    header = list(rows[0])
    values = {
        str(r[header.index(c)]).strip() for r in rows[1:] for c in ("Name", "Email") if r[header.index(c)]
    }
    with open(RAW / "hub_registrations.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            values.update(v.strip() for v in (row["Name"], row["Email"]) if v.strip())
    return {v.casefold() for v in values if len(v) >= 5}


def test_texts_join_the_tidy_responses(texts, responses):
    table, counts = texts
    survey = table[table["survey"] != "interviews"]
    assert set(survey["item_id"]) <= set(responses["response_id"])
    waves = dict(zip(responses["response_id"], responses["wave"], strict=True))
    assert (survey["item_id"].map(waves) == survey["round"]).all()
    assert counts["survey_texts_dropped"] == 0
    other = survey[survey["question_id"].str.endswith("_other")]
    assert set(other["question_id"]) == {"heard_via_other", "shared_with_other", "share_plan_other"}


def test_interviews_are_split_into_passages(texts):
    table, counts = texts
    notes = sorted((RAW / "interviews").glob("*.txt"))
    expected = sum(len([p for p in re.split(r"\n\s*\n", n.read_text())[1:] if p.strip()]) for n in notes)
    assert counts["interviews"] == len(notes) >= 4 and counts["passages"] == expected
    assert table[table["survey"] == "interviews"]["item_id"].str.match(r"^[A-Z]\d\d-\d\d$").all()


def test_no_name_or_email_survives_in_any_text(texts, personal):
    table, _ = texts
    raw_notes = " ".join(p.read_text() for p in (RAW / "interviews").glob("*.txt")).casefold()
    assert any(v in raw_notes for v in personal), "the notes should name someone, or this test proves nothing"
    joined = " ".join(table["text"]).casefold()
    assert not [v for v in personal if v in joined]
    assert "[name]" in joined and "[e-mail]" in joined and "[phone]" in joined and "[organisation]" in joined


def test_shipped_sheets_hold_no_name_or_email(personal):
    sheets = sorted(CODING.glob("*.xlsx"))
    assert sheets
    for path in sheets:
        with zipfile.ZipFile(path) as archive:
            text = " ".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist()).casefold()
        assert not [v for v in personal if v in text], path.name


def test_shipped_sheets_reproduce_the_pledge_figure(responses):
    result = analyse(RAW, responses)
    assert coding_dir(RAW) == CODING.resolve()
    published = pd.read_csv(paths.REFERENCE_DIR / "published_figures.csv", dtype={"id": str})
    pledge = published[published["id"] == "pledge_interim"]
    codes = result["codes"].astype({"coder": str})
    row = reproduction.reproduce(pledge, {"theme_codes": codes}).iloc[0]
    assert (row["computed"], row["status"]) == ("5", reproduction.REPRODUCED)
    assert len(result["quotes"]) >= 3
    assert result["kappa"]["double_coded"].iloc[0] > 0


def test_pledge_not_computable_without_codes():
    published = pd.read_csv(paths.REFERENCE_DIR / "published_figures.csv", dtype={"id": str})
    pledge = published[published["id"] == "pledge_interim"]
    empty = codes_long(
        pd.DataFrame(columns=["sheet", "survey", "question_id", "round", "unit_id", "item_id"])
    )
    for tables in ({}, {"theme_codes": empty}):
        row = reproduction.reproduce(pledge, tables).iloc[0]
        assert row["status"] == reproduction.NOT_COMPUTABLE and "coding sheets" in row["reason"]


def test_synthetic_coding_is_reproducible(tmp_path):
    from pdu_synthetic.coding import fill

    written = fill(RAW, tmp_path)
    committed = sorted(p.relative_to(CODING) for p in CODING.rglob("*.xlsx"))
    assert sorted(p.relative_to(tmp_path) for p in written) == committed
    for path in written:
        assert (
            hashlib.sha256(path.read_bytes()).digest()
            == hashlib.sha256((CODING / path.relative_to(tmp_path)).read_bytes()).digest()
        )


@pytest.mark.parametrize(
    "content, message",
    [
        ("Interview: R09\nGroup: x\n\nnotes\n", "header: missing Round (lines 1 to 3)"),
        ("Interview: R09\nGroup: x\nRound: summer\n\nnotes\n", "header 'Round': 'summer' is not a round"),
        ("Interview: Ann Smith\nGroup: x\nRound: final\n\nnotes\n", "'[name]' is not a pseudonymous code"),
        ("Interviewee Ann\n\nnotes\n", "line 1: expected a header line"),
        ("Interview: R09\nGroup: x\nRound: final\n\n\n", "no notes after the header"),
    ],
)
def test_bad_interview_notes_name_the_file_and_line(tmp_path, content, message):
    path = tmp_path / "R09.txt"
    path.write_text(content)
    with pytest.raises(PDUInputError) as error:
        parse_notes(path, ["interim", "final"])
    assert message in str(error.value) and "R09.txt" in str(error.value)


def test_two_files_for_one_interview(tmp_path):
    (tmp_path / "interviews").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "interviews" / name).write_text(
            "Interview: R01\nGroup: x\nRound: final\n\nOne.\n\nTwo.\n"
        )
    with pytest.raises(PDUInputError, match="interview 'R01' is also in a.txt"):
        read_interviews(tmp_path, ["final"], str)


def test_cp1252_notes_and_crlf(tmp_path):
    (tmp_path / "interviews").mkdir()
    text = (
        "Interview: R01\r\nGroup: x\r\nRound: final\r\n\r\n"
        "It isn\u2019t easy.\r\n\r\nSecond  passage\r\nwraps.\r\n"
    )
    (tmp_path / "interviews" / "R01.txt").write_bytes(text.encode("cp1252"))
    table = read_interviews(tmp_path, ["final"], str)
    assert table["text"].tolist() == ["It isn\u2019t easy.", "Second passage wraps."]
    assert table["item_id"].tolist() == ["R01-01", "R01-02"]


def test_simulated_coders_never_read_the_keywords():
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (paths.PROJECT_ROOT / "src/pdu_synthetic").rglob("*.py")
    )
    for used in (".suggest(", "keyword_pattern", '"keywords"', "patterns"):
        assert used not in source


def test_shipped_coding_is_independent_and_agreement_varies(coded_shipped):
    from pdu_analysis.qual import agreement

    codebook = load_codebook()
    both = coded_shipped[coded_shipped["coder_2"].notna()]
    same = sum(
        sorted(c) == sorted(codebook.suggest(t)) for c, t in zip(both["coder_2"], both["text"], strict=True)
    )
    assert len(both) >= 30 and same / len(both) < 0.8  # the second coder never saw the suggestions
    kappa = agreement.kappa_table(coded_shipped, codebook)
    given = kappa["kappa"].dropna()
    assert len(given) >= 4 and given.max() - given.min() > 0.2
    assert (given < agreement.FLAG_BELOW).any() and (given >= agreement.FLAG_BELOW).any()
    second = sorted((CODING / "second_coder").glob("*.xlsx"))
    assert second
    for path in second:
        header = next(openpyxl.load_workbook(path, read_only=True)["Coding"].iter_rows(values_only=True))
        assert list(header) == ["id", "text", "coder 2"]
