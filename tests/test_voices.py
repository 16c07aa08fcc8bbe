"""Voices: approved quotes by report section, attributed to a kind of speaker, dissent included."""

from __future__ import annotations

import pandas as pd
import pytest

from pdu_analysis import paths, store
from pdu_analysis.clean import build_surveys
from pdu_analysis.qual import coding_dir, collect_texts, load_codebook, voices
from pdu_analysis.qual.sheets import read_sheets

RAW = paths.DEFAULT_RAW_DIR


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def _coded(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "sheet",
            "survey",
            "question_id",
            "round",
            "unit_id",
            "item_id",
            "text",
            "coder_1",
            "approved",
        ],
    ).assign(coder_2=None)


CODED = _coded(
    [
        (
            "interviews-notes-final",
            "interviews",
            "notes",
            "final",
            "S01",
            "S01-01",
            "Too much at once.",
            ["reservations", "improve"],
            True,
        ),
        (
            "interviews-notes-final",
            "interviews",
            "notes",
            "final",
            "S01",
            "S01-02",
            "Not approved.",
            ["reservations"],
            False,
        ),
        (
            "interviews-notes-final",
            "interviews",
            "notes",
            "final",
            "E01",
            "E01-01",
            "Shorter days.",
            ["improve"],
            True,
        ),
        (
            "interviews-notes-final",
            "interviews",
            "notes",
            "final",
            "F01",
            "F01-01",
            "Met [name].",
            ["links", "improve"],
            True,
        ),
        ("f-a-final", "follow_up", "action_detail", "final", "x1", "x1", "Referred people.", ["links"], True),
        ("p-c-final", "post_event", "change_detail", "final", "y1", "y1", "Uncoded.", None, True),
    ]
)
GROUPS = {"S01": "steering group member", "E01": "Expert Citizens' review", "F01": "facilitator"}


def test_kinds_of_speaker_take_their_article():
    assert voices.with_article("steering group member") == "a steering group member"
    assert voices.with_article("Expert Citizens' review") == "an Expert Citizens' review"
    assert voices.with_article("the  co-ordinator") == "the co-ordinator"


def test_one_row_per_approved_quote_and_section(codebook):
    table = voices.voices_table(CODED, codebook, GROUPS)
    assert "Not approved." not in set(table["quote"]) and "Uncoded." not in set(table["quote"])
    model = table[table["section"] == "model"]
    assert model["quote"].tolist() == ["Too much at once.", "Shorter days.", "Met [name]."]
    first = model.iloc[0]
    assert (first["speaker"], first["theme"], first["dissent"]) == (
        "a steering group member",
        "Reservations about the model",
        True,
    )
    links = table[table["section"] == "links"].set_index("quote")["speaker"].to_dict()
    assert links == {"Met [name].": "a facilitator", "Referred people.": voices.SURVEY_SPEAKERS["follow_up"]}


def test_choice_takes_speakers_in_turn_and_keeps_the_dissent(codebook):
    table = voices.voices_table(CODED, codebook, GROUPS)
    two = voices.choose(table, "model", limit=2)
    assert list(two.columns) == ["quote", "speaker", "theme"]
    assert two["speaker"].tolist() == ["a steering group member", "an Expert Citizens' review"]
    # the dissenting quote is kept even when the speakers' turn would leave it out
    later = table[table["section"] == "model"].iloc[::-1]
    one = voices.choose(later, "model", limit=1)
    assert one["quote"].tolist() == ["Too much at once."]
    assert voices.choose(table, "knowledge").empty


def test_a_quote_already_on_the_page_is_not_chosen_again(codebook):
    table = voices.voices_table(CODED, codebook, GROUPS)
    # "Met [name]." informs both model and links; once shown under links it is left out of model
    shown = voices.choose(table, "links", limit=3)
    assert "Met [name]." in set(shown["quote"])
    model = voices.choose(table, "model", limit=3, exclude=set(shown["quote"]))
    assert model["quote"].tolist() == ["Too much at once.", "Shorter days."]


@pytest.fixture(scope="module")
def shipped(codebook):
    responses = build_surveys(RAW).tables["survey_responses"]
    texts, _ = collect_texts(RAW, responses)
    coded = read_sheets(texts, codebook, coding_dir(RAW))
    return responses, voices.voices_table(coded, codebook, voices.interview_groups(RAW))


def test_shipped_data_hold_quotes_for_most_sections(shipped):
    _, table = shipped
    assert table["quote"].nunique() >= 25 and table["section"].nunique() >= 7
    groups = set(voices.interview_groups(RAW).values())
    kinds = {voices.with_article(g) for g in groups} | set(voices.SURVEY_SPEAKERS.values())
    assert set(table["speaker"]) <= kinds and len(groups) >= 5
    assert table.groupby("section")["dissent"].any()[["model", "involvement"]].all()


def test_section_quotes_reads_what_the_open_text_notebook_wrote(shipped, tmp_path, monkeypatch):
    responses, table = shipped
    store.write_tables({"survey_responses": responses}, tmp_path)
    monkeypatch.setattr(paths, "processed_dir", lambda: tmp_path)
    # before notebook 07 has written its tables, the quotes come from the raw folder and its sheets
    found = voices.section_quotes("model", limit=3, raw=RAW)
    assert list(found.columns) == ["quote", "speaker", "theme"] and len(found) == 3
    assert found.equals(voices.choose(table, "model", 3))
    # once it has, they are read from data/processed: a quote it left out is not shown
    kept = table[table["quote"] != found["quote"].iloc[0]].assign(
        dissent=lambda t: t["dissent"].map({True: "yes", False: "no"})
    )
    store.write_tables({"section_quotes": kept}, tmp_path)
    again = voices.section_quotes("model", limit=3, raw=RAW)
    assert found["quote"].iloc[0] not in set(again["quote"]) and len(again) == 3
    assert voices.section_quotes("no_such_section").empty
