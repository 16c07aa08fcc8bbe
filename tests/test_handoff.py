"""The open-text notebook's hand-off: theme counts and quotes by section, read by the other pages."""

from __future__ import annotations

import pandas as pd
import pytest

from pdu_analysis import paths, schemas, store
from pdu_analysis.qual import handoff

SHARES = pd.DataFrame(
    {
        "sheet": ["interviews-notes-final"] * 2,
        "survey": ["interviews"] * 2,
        "question_id": ["notes"] * 2,
        "round": ["final"] * 2,
        "theme": ["meam", "links"],
        "label": ["Making Every Adult Matter", "Links between services"],
        "count": [2, 5],
        "base": [19, 19],
        "percent": [10.5, 26.3],
        "ci_low": [2.9, 11.8],
        "ci_high": [31.4, 48.8],
    }
)
VOICES = pd.DataFrame(
    {
        "section": ["model", "links"],
        "quote": ["Too much at once.", "Met [name]."],
        "speaker": ["a repeat attender", "a steering group member"],
        "theme": ["Reservations about the model", "Links between services"],
        "dissent": [True, False],
        "sheet": ["interviews-notes-final"] * 2,
        "item_id": ["a1", "b2"],
    }
)


@pytest.fixture
def processed(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "processed_dir", lambda: tmp_path)
    return tmp_path


def test_the_tables_meet_their_schemas_and_carry_no_percentages():
    written = handoff.tables({"shares": SHARES, "voices": VOICES})
    assert set(written) == {"theme_counts", "section_quotes"}
    assert list(written["theme_counts"].columns) == list(schemas.THEME_COUNTS.columns)
    assert written["section_quotes"]["dissent"].tolist() == ["yes", "no"]
    schemas.validate(written["theme_counts"], schemas.THEME_COUNTS, file="theme_counts.csv")
    schemas.validate(written["section_quotes"], schemas.SECTION_QUOTES, file="section_quotes.csv")


def test_what_was_written_is_read_back_typed(processed):
    store.write_tables(handoff.tables({"shares": SHARES, "voices": VOICES}), processed)
    counts = handoff.theme_counts()
    assert counts["count"].tolist() == [2, 5] and counts["count"].dtype == int
    quotes = handoff.section_quotes()
    assert quotes["dissent"].tolist() == [True, False]  # not the text "no", which would read as true


def test_counts_before_the_open_text_notebook_ran_are_computed_as_it_would(processed, monkeypatch):
    calls = []

    def computed(raw):
        calls.append(raw)
        return handoff.tables({"shares": SHARES, "voices": VOICES})

    monkeypatch.setattr(handoff, "_computed", computed)
    assert handoff.theme_counts("some/raw")["count"].tolist() == [2, 5] and len(calls) == 1
    store.write_tables(handoff.tables({"shares": SHARES.assign(count=[2, 7]), "voices": VOICES}), processed)
    assert handoff.theme_counts("some/raw")["count"].tolist() == [2, 7] and len(calls) == 1


def test_the_tidy_tables_include_the_hand_off():
    assert {"theme_counts", "section_quotes"} <= set(schemas.TIDY)
