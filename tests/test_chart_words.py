"""Chart titles and alt text are worded from the data: small tables built by hand, the expected
words written out by hand; and on every reader page of the scratch build, each chart's alt text
opens with its title and holds at most 300 characters."""

from __future__ import annotations

import pandas as pd
import pytest

from pdu_analysis.wording import chart_titles as ct
from pdu_analysis.wording.assumed import Published


def test_how_many_words_each_side_of_half():
    assert ct.how_many(7, 7, "people") == "All people"
    assert ct.how_many(4, 7, "people") == "Most people"
    assert ct.how_many(4, 8, "people") == "Half of the people"
    assert ct.how_many(3, 8, "people") == "Fewer than half of the people"
    assert ct.how_many(0, 8, "people") == "None of the people"


def test_alt_text_opens_with_the_finding_and_keeps_whole_numbers_under_300():
    assert (
        ct.alt_text("Most said yes.", ["Yes 5 of 7", "No 2 of 7."]) == "Most said yes. Yes 5 of 7; No 2 of 7."
    )
    many = [f"Option number {i}: {i} of 29" for i in range(40)]  # 40 items of 24 to 26 characters
    text = ct.alt_text("Word of mouth came first", many)
    assert len(text) <= 300
    assert text.startswith("Word of mouth came first. Option number 0: 0 of 29; Option number 1: 1 of 29;")
    assert text.endswith("Every figure is in the linked table.")
    # 300 - 25 (the finding and its full stop) - 3 (two spaces, the list's full stop) - 36 (the closing
    # sentence) leaves 236 characters: items 0 to 8 take 9 * 24 + 8 * 2 = 232; a tenth would make 258
    assert "Option number 8: 8 of 29." in text and "Option number 9" not in text


def test_top_title_names_the_commonest_row_of_the_first_group():
    table = pd.DataFrame(
        {
            "group": ["All responses"] * 3 + ["To 30 Jun 2018"] * 3,
            "label": ["housing", "offending", "women's services"] * 2,
            "count": [5, 12, 3, 9, 1, 1],
            "base": [20] * 3 + [11] * 3,
        }
    )
    got = ct.top_title(table, "{Label} was the commonest main field of work: {share}")
    assert got == "Offending was the commonest main field of work: 12 of 20"
    big = table.assign(base=40)
    assert ct.top_title(big, "{Label}: {share}") == "Offending: 30% (12 of 40)"
    # a figure the report never published is left out of the title: no title leads with one
    assert ct.top_title(table, "{Label}: {share}", Published({}, synthetic=True)) == "Offending"


def test_answer_title_counts_one_answer_of_all_responses():
    table = pd.DataFrame(
        {"group": ["All responses"] * 2, "option": ["Yes", "No"], "count": [25, 50], "base": [75, 75]}
    )
    assert (
        ct.answer_title(table, "Yes", "responses", "said yes") == "Fewer than half of the responses said yes"
    )
    assert ct.answer_title(table, "No", "responses", "said no") == "Most responses said no"


def _rounds() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "option": ["Word of mouth", "E-mail", "Word of mouth", "E-mail", "Word of mouth", "E-mail"],
            "wave": ["interim", "interim", "final", "final", "all", "all"],
            "count": [3, 1, 6, 9, 9, 10],
            "base": [7, 7, 29, 29, 36, 36],
        }
    )


def test_round_titles_use_the_latest_round_and_mark_assumed_figures():
    names = {"interim": "Interim (June 2018)", "final": "Final (January 2019)"}
    template = "{Label} was how people most often heard in {round}: {share}"
    published = Published({"Links": {(9, 29)}}, synthetic=True)
    got = ct.round_top_title(_rounds(), template, names=names, published=published, fallback="f")
    assert got == "E-mail was how people most often heard in the final round: 9 of 29"
    unpublished = Published({"Links": {(3, 7)}}, synthetic=True)
    got = ct.round_top_title(_rounds(), template, names=names, published=unpublished, fallback="f")
    assert got == "E-mail was how people most often heard in the final round"  # assumed: no figure
    real = Published({}, synthetic=False)  # real exports: nothing is marked
    assert ct.round_top_title(_rounds(), template, names=names, published=real, fallback="f").endswith(
        "9 of 29"
    )
    first = ct.round_first_title(_rounds(), "heard by word of mouth", pooled=True, fallback="f")
    assert first == "25% (9 of 36) in all rounds together heard by word of mouth"
    tie = _rounds().assign(count=[3, 1, 6, 6, 9, 10])
    assert ct.round_top_title(tie, template, names=names, fallback="How people heard") == "How people heard"


def test_attendance_titles():
    per_person = pd.DataFrame({"events": ["1", "2", "3 or more"], "people": [174, 72, 45]})
    assert ct.events_per_person_title(per_person) == "Most people came to one learning event only"
    assert ct.events_per_person_title(per_person.assign(people=[100, 72, 45])) == (
        "Fewer than half of the people came to one learning event only"
    )
    by_event = pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4"],
            "statutory": [10, 30, 5, 2],
            "voluntary": [20, 10, 15, 1],
            "suppressed": [False, False, False, True],
        }
    )
    assert ct.sector_mix_title(by_event, ["statutory", "voluntary"]) == (
        "The voluntary sector was the largest at 2 of the 3 learning events whose mix is shown"
    )
    cop = pd.DataFrame({"status": ["held", "held", "planned"], "headcount": [9, 7, 12]})
    assert ct.cop_title(cop) == "2 Community of Practice sessions were held, with 16 attendances in all"


def test_practice_title_gives_both_measures_over_all_their_rounds():
    change = pd.DataFrame(
        {
            "measure": ["intention", "intention", "action", "action"],
            "wave": ["interim", "all", "final", "all"],
            "count": [19, 25, 19, 23],
            "base": [52, 75, 29, 36],
        }
    )
    assert ct.practice_title(change) == (
        "33% (25 of 75) post-event responses intended to change practice; "
        "64% (23 of 36) follow-up respondents had taken action"
    )


@pytest.mark.slow
def test_alt_text_on_every_reader_page_opens_with_the_title_and_fits_300(built_project):
    from bs4 import BeautifulSoup

    checked, problems = 0, []
    for page in sorted((built_project / "reports/html").glob("0*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for figure in soup.select("figure.pdu-figure"):
            title = figure.select_one(".chart-title")
            alt = figure.img["alt"]
            checked += 1
            if title is None or not alt.startswith(title.get_text().rstrip(".")):
                problems.append(f"{page.name} {figure['id']}: alt does not open with the title")
            if len(alt) > 300:
                problems.append(f"{page.name} {figure['id']}: {len(alt)} characters")
    assert checked >= 20 and not problems, problems


def test_alt_text_splits_a_long_sentence_at_its_clauses():
    sentence = (
        "Final (January 2019): Yes 7 of 29, Not sure 12 of 29. Interim (June 2018): Yes 2 of 7; No 5 of 7."
    )
    # the finding is 28 characters; the clauses 53, 31 and 9, joined by "; " and closed by "."
    whole = ct.alt_text("Few knew of better outcomes", [sentence], limit=130)  # 28 + 1 + 97 + 1 = 127
    assert whole == (
        "Few knew of better outcomes. Final (January 2019): Yes 7 of 29, Not sure 12 of 29; "
        "Interim (June 2018): Yes 2 of 7; No 5 of 7."
    )
    # at 120: the first clause and the closing sentence (28 + 1 + 53 + 1 + 1 + 36 = 120) fit, two do not
    cut = ct.alt_text("Few knew of better outcomes", [sentence], limit=120)
    assert cut == (
        "Few knew of better outcomes. Final (January 2019): Yes 7 of 29, Not sure 12 of 29. "
        "Every figure is in the linked table."
    )


def test_labels_inside_a_title_keep_the_capitals_of_names():
    assert ct.lower_first("Front line staff") == "front line staff"
    assert ct.lower_first("NCVS e-bulletin") == "NCVS e-bulletin"
    assert ct.lower_first("E-mail from the PDU co-ordinator") == "E-mail from the PDU co-ordinator"


def test_a_question_nobody_answered_gets_the_fallback_title_not_an_error():
    """Data without a question's answers (another programme's exports) give an empty table."""
    from pdu_analysis.wording import chart_titles

    empty = pd.DataFrame(columns=["label", "count", "base", "group"])
    assert chart_titles.top_title(empty, "{Label} came first: {share}") == "Answers given"
    assert chart_titles.answer_title(empty, "Yes", "follow-up respondents", "had taken action") == (
        "Follow-up respondents had taken action"
    )
