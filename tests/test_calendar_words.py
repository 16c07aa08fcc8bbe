"""Every day and month is written one way (pdu_analysis.calendar_words), whatever the machine's locale."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from pdu_analysis import calendar_words as cw
from pdu_analysis.labels import period_labels
from pdu_analysis.report.provenance import build_date

SRC = Path(__file__).resolve().parents[1] / "src" / "pdu_analysis"


@pytest.mark.parametrize(
    "value, day, month, tick",
    [
        (dt.date(2018, 6, 30), "30 June 2018", "June 2018", "Jun 18"),
        ("2019-01-05", "5 January 2019", "January 2019", "Jan 19"),
        (pd.Timestamp("2017-10-12 09:30"), "12 October 2017", "October 2017", "Oct 17"),
        (dt.datetime(2009, 9, 1, tzinfo=dt.UTC), "1 September 2009", "September 2009", "Sep 09"),
    ],
)
def test_one_style_for_every_kind_of_date(value, day, month, tick):
    assert (cw.day_text(value), cw.month_text(value), cw.tick_text(value)) == (day, month, tick)


def test_a_span_names_one_month_once():
    assert cw.month_span("2017-10-12", "2018-06-01") == "October 2017–June 2018"
    assert cw.month_span("2018-06-01", "2018-06-30") == "June 2018"


def test_labels_sentences_and_footers_agree():
    assert period_labels(["interim"], "2018-06-30") == {"interim": "To 30 June 2018"}
    # 1 543 622 400 s after 1970 is 1 December 2018, 00:00 UTC
    assert build_date({"SOURCE_DATE_EPOCH": "1543622400"}) == "1 December 2018"


def test_no_other_module_formats_a_month_itself():
    """strftime's %b and %B (the locale's month names), or a list of month names, appear in
    calendar_words alone (the redaction's date recogniser reads dates, it writes none)."""
    pattern = re.compile(r"%[bB]|\bJanuary\b.*\bFebruary\b")
    allowed = {"calendar_words.py", "recognisers.py"}
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name not in allowed and pattern.search(path.read_text())
    ]
    assert offenders == []
