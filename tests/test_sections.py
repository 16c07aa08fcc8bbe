"""The report's sections in plain words follow the data they are given, mark what the report never
published, and say so in one sentence when a section has nothing in the data."""

import pandas as pd
import pytest

from pdu_analysis import reference
from pdu_analysis.wording import sections
from pdu_analysis.wording.assumed import MARK, Published


def _tidy(contact_yes: int, contact_n: int, outcomes: dict[str, int]) -> dict[str, pd.DataFrame]:
    answers, responses = [], []
    for i in range(contact_n):
        rid = f"r{i}"
        responses.append(
            {"survey": "follow_up", "wave": "final", "response_id": rid, "responded_on": "2019-01-10"}
        )
        answers.append(
            {
                "survey": "follow_up",
                "question_id": "made_contact",
                "wave": "final",
                "response_id": rid,
                "answer": "Yes" if i < contact_yes else "No",
                "item": None,
            }
        )
    i = 0
    for option, k in outcomes.items():
        for _ in range(k):
            answers.append(
                {
                    "survey": "follow_up",
                    "question_id": "outcomes_improved",
                    "wave": "final",
                    "response_id": f"r{i}",
                    "answer": option,
                    "item": None,
                }
            )
            i += 1
    empty = pd.DataFrame(columns=["sector", "period"])
    return {
        "attendances": empty,
        "people": pd.DataFrame(columns=["attendances"]),
        "events": pd.DataFrame(columns=["kind", "status"]),
        "hub_users": pd.DataFrame(),
        "survey_responses": pd.DataFrame(responses),
        "survey_answers": pd.DataFrame(answers),
    }


def test_sections_csv_lists_the_agreed_ids_in_order():
    table = reference.report_sections()
    assert table["section"].tolist() == [
        "who_attends",
        "understanding",
        "knowledge",
        "sharing",
        "diversity",
        "links",
        "involvement",
        "practice_change",
        "outcomes",
        "model",
    ]
    assert set(sections.SECTION_PAGES) == set(table["section"])


@pytest.mark.parametrize("yes,n", [(4, 9), (6, 11)])
def test_links_and_outcomes_are_worded_from_the_answers_and_marked_unless_published(yes, n):
    tidy = _tidy(yes, n, {"Yes": 2, "Not sure": 3, "No": n - 5})
    ctx = sections.Context(tidy, Published({"Links and collaboration": {(4, 9)}}, synthetic=True))
    links = sections.section_findings(ctx, "links")
    assert links[0].startswith(f"{yes} of {n}{'' if (yes, n) == (4, 9) else MARK} follow-up respondents")
    outcomes = " ".join(sections.section_findings(ctx, "outcomes"))
    assert f"2 of {n}{MARK} “yes”" in outcomes and f"{n - 5} of {n}{MARK} “no”" in outcomes
    real = sections.Context(tidy, Published({}, synthetic=False))
    assert MARK not in " ".join(sections.section_findings(real, "outcomes"))


def test_a_section_with_nothing_in_the_data_says_so_in_one_sentence():
    ctx = sections.Context(_tidy(1, 3, {"Yes": 1}), Published({}, synthetic=True))
    for section in ("knowledge", "diversity", "involvement", "sharing", "who_attends"):
        found = sections.section_findings(ctx, section)
        assert found == [sections.no_text_sentence(ctx.heading(section))], section
    assert not sections.has_findings(ctx, "knowledge") and sections.has_findings(ctx, "links")


def test_a_themes_base_is_worded_as_interviewees_or_as_responses_to_the_question_asked():
    from pdu_analysis.qual.wording import counted_as

    book = reference.load_codebook()
    row = book[book["survey"] == "post_event"].iloc[0]
    assert counted_as("interviews", "notes") == "interviewees"
    assert counted_as("post_event", row["question_id"]) == f"responses to “{row['question_text']}”"


def test_the_not_sure_note_follows_the_answers():
    """The note on outcomes is said only when "not sure" was at least as common as "yes"."""
    from pdu_analysis.wording import sections

    class Ctx:
        def __init__(self, counts):
            self.counts = counts

        def options(self, survey, question):
            return list(self.counts)

        def answer(self, survey, question, option, wave=None):
            return self.counts[option], sum(self.counts.values())

    more = sections._unsure_note(Ctx({"Yes": 7, "Not sure": 12, "No": 10}), "outcomes_improved", "final")
    assert more == [
        "More respondents said “not sure” than “yes”: outcomes for service users are often hard to see "
        "from a practitioner's seat."
    ]
    same = sections._unsure_note(Ctx({"Yes": 5, "Not sure": 5, "No": 1}), "outcomes_improved", "final")
    assert same[0].startswith("As many respondents said “not sure” as “yes”")
    fewer = Ctx({"Yes": 12, "Not sure": 7, "No": 10})
    assert sections._unsure_note(fewer, "outcomes_improved", "final") == []
    assert sections._unsure_note(Ctx({"Yes": 3, "No": 10}), "outcomes_improved", "final") == []
