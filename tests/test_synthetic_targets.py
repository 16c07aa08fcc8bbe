"""The follow-up targets are one table of fields by round; each round reads its own column, in the
order the generator deals answers out (the committed raw files depend on that order)."""

from __future__ import annotations

from pdu_synthetic import fakes, targets, texts


def test_each_round_reads_its_own_column_most_common_answer_first():
    assert list(targets.INTERIM["heard_via"].items()) == [
        ("Word of mouth", 3),
        ("E-mail from the PDU co-ordinator", 3),
        ("PDU newsletter", 1),
        ("NCVS e-bulletin", 1),
    ]
    assert list(targets.FINAL["heard_via"].items()) == [
        ("Word of mouth", 13),
        ("PDU newsletter", 6),
        ("Online platform (hub)", 6),
        ("E-mail from the PDU co-ordinator", 5),
        ("NCVS e-bulletin", 3),
        ("Other (please specify)", 2),
    ]
    assert list(targets.INTERIM["shared_with"]) == [
        "Colleagues in my team",
        "Front line staff",
        "Managers",
        "Partner organisations",
        "I have not shared information",
    ]


def test_single_choice_answers_keep_their_scale_order_and_zero_counts():
    assert list(targets.INTERIM["took_action"].items()) == [("Yes", 4), ("No", 3)]
    assert list(targets.FINAL["made_contact"].items()) == [("Yes", 10), ("No", 19)]
    assert targets.FINAL["outcomes_if_no_action"] == {"Yes": 0, "Not sure": 3, "No": 7}


def test_a_round_has_only_the_fields_it_asked():
    assert set(targets.INTERIM) == {
        "responses",
        "heard_via",
        "heard_via_answered",
        "shared_with",
        "shared_with_answered",
        "made_contact",
        "took_action",
        "pledge_mentions",
    }
    assert "pledge_mentions" not in targets.FINAL
    assert (targets.INTERIM["responses"], targets.FINAL["responses"]) == (7, 29)
    assert targets.FINAL["usefulness"]["Table discussions"] == {
        "Very useful": 17,
        "Quite useful": 9,
        "Not useful": 2,
    }


def test_the_answers_table_gives_each_question_its_texts():
    counts = {
        "change_detail": 40,
        "interim_action_detail": 4,
        "final_action_detail": 16,
        "heard_via_other": 2,
    }
    assert {q: len(getattr(texts, q.upper())) for q in counts} == counts
    assert texts.SHARED_WITH_OTHER == ("Our trustees",)
    assert texts.TRUE_THEMES["Not sure yet, I need to discuss it with my team first."] == ("not_yet",)
    assert texts.TRUE_THEMES["Plan a team session on trauma informed practice."] == (
        "trauma_informed",
        "sharing",
    )
    for text in texts.FINAL_ACTION_DETAIL:
        text.encode("cp1252")  # the final round's file is cp1252


def test_organisations_are_grouped_by_cell_in_row_order():
    assert [name for name, _, _ in fakes.ORGANISATIONS[("statutory", "Offending")]] == [
        "National Probation Service",
        "Police Neighbourhood Team",
    ]
    assert len(fakes.ORGANISATIONS) == 12
    assert fakes.ORGANISATIONS[("voluntary", "Housing")][0][2] == 6
