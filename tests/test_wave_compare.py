"""Comparisons of rounds: the comparison table, its pairs of rounds, the sentences, what is never tested.

Expected values come from the fixtures' own counts and from scipy directly, never from the code
under test.
"""

from __future__ import annotations

import itertools
import math

import matplotlib
import pandas as pd
import pytest
from scipy.stats import binom, fisher_exact

matplotlib.use("Agg")

from pdu_analysis import compare, figures, reference, stats, tables, wording  # noqa: E402
from pdu_analysis.measures import ALL  # noqa: E402

_ids = itertools.count(1)

CODEBOOK = pd.DataFrame(
    {
        "survey": ["follow_up", "follow_up", "follow_up", "follow_up", "post_event", "follow_up"],
        "question_id": [
            "made_contact",
            "took_action",
            "heard_via",
            "effectiveness",
            "intend_change",
            "action_detail",
        ],
        "kind": ["single", "single", "multi", "single", "single", "open"],
        "question_text": ["Contact?", "Action?", "Heard how?", "Effective?", "Intend?", "Detail"],
        "options": ["Yes|No", "Yes|No", "Word of mouth|Newsletter", "Very|Quite|Not", "Yes|No|Not sure", ""],
        "matrix_rows": [""] * 6,
    }
)


def survey_frames(waves: dict[str, dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tidy responses and answers from ``{wave: {"survey", "date", "n", "answers"}}``.

    ``answers`` maps a question to a list of length n: a string (single choice), a list of ticked
    options (multi-select), or None (not answered).
    """
    responses, answers = [], []
    for wave, spec in waves.items():
        for i in range(spec["n"]):
            rid = f"{next(_ids):012x}"
            responses.append(
                {
                    "response_id": rid,
                    "survey": spec["survey"],
                    "wave": wave,
                    "responded_on": spec["date"],
                    "event_id": None,
                    "questions_answered": 1,
                }
            )
            for question, values in spec["answers"].items():
                value = values[i]
                if value is None:
                    continue
                if isinstance(value, list):
                    for option in value:
                        answers.append(
                            {
                                "response_id": rid,
                                "survey": spec["survey"],
                                "wave": wave,
                                "question_id": question,
                                "item": option,
                                "answer": "selected",
                            }
                        )
                else:
                    answers.append(
                        {
                            "response_id": rid,
                            "survey": spec["survey"],
                            "wave": wave,
                            "question_id": question,
                            "item": None,
                            "answer": value,
                        }
                    )
    return pd.DataFrame(responses), pd.DataFrame(answers)


def yes_no(k: int, n: int) -> list[str]:
    return ["Yes"] * k + ["No"] * (n - k)


def catalogue() -> pd.DataFrame:
    return compare.catalogue_from_codebook(CODEBOOK)


# ---------------------------------------------------------------- pairs of waves
def test_pairs_are_consecutive_and_first_vs_latest_only_from_three_waves():
    assert compare.comparison_pairs([]) == []
    assert compare.comparison_pairs(["x"]) == []
    assert compare.comparison_pairs(["b", "a"]) == [("b", "a", compare.CONSECUTIVE)]
    three = compare.comparison_pairs(["w1", "w2", "w3"])
    assert three == [
        ("w1", "w2", compare.CONSECUTIVE),
        ("w2", "w3", compare.CONSECUTIVE),
        ("w1", "w3", compare.FIRST_VS_LATEST),
    ]
    four = compare.comparison_pairs(list("abcd"))
    assert len(four) == 4 and four[-1] == ("a", "d", compare.FIRST_VS_LATEST)


def test_catalogue_one_measure_for_yes_no_all_options_otherwise_and_no_open_questions():
    cat = catalogue()
    per_question = cat.groupby("question_id")["option"].apply(list).to_dict()
    assert per_question["made_contact"] == ["Yes"]
    assert per_question["heard_via"] == ["Word of mouth", "Newsletter"]
    assert per_question["effectiveness"] == ["Very", "Quite", "Not"]
    assert per_question["intend_change"] == ["Yes", "No", "Not sure"]
    assert "action_detail" not in per_question
    assert cat["measure"].is_unique


# ---------------------------------------------------------------- the comparison table
@pytest.fixture
def two_waves():
    return survey_frames(
        {
            "interim": {
                "survey": "follow_up",
                "date": "2018-06-15",
                "n": 7,
                "answers": {
                    "made_contact": yes_no(3, 7),
                    "took_action": yes_no(4, 7),
                    "heard_via": [
                        ["Word of mouth"],
                        ["Word of mouth", "Newsletter"],
                        ["Newsletter"],
                        None,
                        ["Word of mouth"],
                        None,
                        ["Word of mouth"],
                    ],
                },
            },
            "final": {
                "survey": "follow_up",
                "date": "2019-01-20",
                "n": 29,
                "answers": {
                    "made_contact": yes_no(10, 29),
                    "took_action": yes_no(19, 27) + [None, None],
                    "heard_via": [["Word of mouth"]] * 13 + [["Newsletter"]] * 6 + [None] * 10,
                    "effectiveness": ["Very"] * 15 + ["Quite"] * 10 + ["Not"] * 4,
                },
            },
        }
    )


def test_two_waves_give_one_row_per_measure_asked_in_both(two_waves):
    responses, answers = two_waves
    table = compare.comparison_table(answers, responses, catalogue())
    # effectiveness (final only) and intend_change (never asked) have no row
    assert sorted(table["measure"]) == sorted(
        ["made_contact_yes", "took_action_yes", "heard_via_word_of_mouth", "heard_via_newsletter"]
    )
    assert set(zip(table["first"], table["second"], strict=True)) == {("interim", "final")}
    assert (table["pair"] == compare.CONSECUTIVE).all()
    assert not table["question_id"].eq("effectiveness").any()


def test_counts_bases_and_statistics_match_the_data(two_waves):
    responses, answers = two_waves
    table = compare.comparison_table(answers, responses, catalogue()).set_index("measure")
    expected = {  # (k1, n1, k2, n2) counted by hand from the fixture
        "made_contact_yes": (3, 7, 10, 29),
        "took_action_yes": (4, 7, 19, 27),  # two final responses skipped it
        "heard_via_word_of_mouth": (4, 5, 13, 19),  # base: ticked at least one option
        "heard_via_newsletter": (2, 5, 6, 19),
    }
    for measure, (k1, n1, k2, n2) in expected.items():
        row = table.loc[measure]
        assert (row["k1"], row["n1"], row["k2"], row["n2"]) == (k1, n1, k2, n2)
        assert row["diff"] == pytest.approx(100 * (k2 / n2 - k1 / n1))
        assert row["p_value"] == pytest.approx(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]])[1])
        assert row["ci1_low"] <= row["pct1"] <= row["ci1_high"]
        assert row["diff_ci_low"] <= row["diff"] <= row["diff_ci_high"]
        assert row["text1"] == f"{k1} of {n1}"  # bases under 30: counts only, no percentage
    assert (table["p_holm"] >= table["p_value"]).all()


def test_three_waves_ordered_by_date_give_consecutive_and_first_vs_latest_rows():
    responses, answers = survey_frames(
        {
            # named so that alphabetical order (2019-07, final, interim) is not time order
            "final": {
                "survey": "follow_up",
                "date": "2019-01-20",
                "n": 10,
                "answers": {"made_contact": yes_no(5, 10), "took_action": yes_no(6, 10)},
            },
            "2019-07": {
                "survey": "follow_up",
                "date": "2019-07-10",
                "n": 12,
                "answers": {"made_contact": yes_no(9, 12)},
            },
            "interim": {
                "survey": "follow_up",
                "date": "2018-06-15",
                "n": 7,
                "answers": {"made_contact": yes_no(2, 7), "took_action": yes_no(3, 7)},
            },
        }
    )
    table = compare.comparison_table(answers, responses, catalogue())
    contact = table[table["measure"] == "made_contact_yes"]
    assert list(zip(contact["first"], contact["second"], contact["pair"], strict=True)) == [
        ("interim", "final", compare.CONSECUTIVE),
        ("final", "2019-07", compare.CONSECUTIVE),
        ("interim", "2019-07", compare.FIRST_VS_LATEST),
    ]
    latest = contact[contact["pair"] == compare.FIRST_VS_LATEST].iloc[0]
    assert (latest["k1"], latest["n1"], latest["k2"], latest["n2"]) == (2, 7, 9, 12)
    # took_action was asked in two of the three waves: one comparison, no first-vs-latest
    action = table[table["measure"] == "took_action_yes"]
    assert list(zip(action["first"], action["second"], strict=True)) == [("interim", "final")]


def test_a_wave_that_skipped_the_question_is_jumped_over():
    responses, answers = survey_frames(
        {
            "w1": {
                "survey": "follow_up",
                "date": "2018-06-01",
                "n": 5,
                "answers": {"made_contact": yes_no(1, 5)},
            },
            "w2": {
                "survey": "follow_up",
                "date": "2019-01-01",
                "n": 5,
                "answers": {"took_action": yes_no(2, 5)},
            },
            "w3": {
                "survey": "follow_up",
                "date": "2019-07-01",
                "n": 5,
                "answers": {"made_contact": yes_no(4, 5)},
            },
        }
    )
    table = compare.comparison_table(answers, responses, catalogue())
    assert list(zip(table["measure"], table["first"], table["second"], strict=True)) == [
        ("made_contact_yes", "w1", "w3")
    ]


def test_one_wave_only_gives_an_empty_table_with_the_documented_columns():
    responses, answers = survey_frames(
        {
            "final": {
                "survey": "follow_up",
                "date": "2019-01-20",
                "n": 5,
                "answers": {"made_contact": yes_no(2, 5)},
            }
        }
    )
    table = compare.comparison_table(answers, responses, catalogue())
    assert table.empty and list(table.columns) == compare.COMPARISON_COLUMNS
    assert "nothing is compared" in wording.chance_note(table)


# ---------------------------------------------------------------- the sentences
def fisher_power(p1: float, p2: float, n1: int, n2: int) -> float:
    """Exact power of Fisher's two-sided test at 5%: every outcome, weighted by its binomial chance."""
    return sum(
        binom.pmf(a, n1, p1) * binom.pmf(b, n2, p2)
        for a in range(n1 + 1)
        for b in range(n2 + 1)
        if fisher_exact([[a, n1 - a], [b, n2 - b]])[1] < 0.05
    )


def test_sentence_names_both_bases_and_says_no_evidence_for_a_small_difference(two_waves):
    responses, answers = two_waves
    row = (
        compare.comparison_table(answers, responses, catalogue()).set_index("measure").loc["made_contact_yes"]
    )
    # 3 of 7 then 10 of 29: a fall of 8.4 points from a pooled 13 of 36. Even a fall to 0% would
    # be picked up by Fisher's test less than 8 times in 10, so no detectable difference exists.
    assert fisher_power(13 / 36, 0.0, 7, 29) < 0.80
    assert math.isnan(row["mdd"])
    assert "With 7 (interim) and 29 (final) responses" in row["sentence"]
    assert "no fall could be detected reliably" in row["sentence"]
    assert "the observed fall of 8 points is not evidence of change" in row["sentence"]
    assert f"p = {fisher_exact([[3, 4], [10, 19]])[1]:.2f}" in row["sentence"]


def test_sentence_says_evidence_for_a_large_difference():
    responses, answers = survey_frames(
        {
            "a": {
                "survey": "follow_up",
                "date": "2018-06-01",
                "n": 30,
                "answers": {"made_contact": yes_no(3, 30)},
            },
            "b": {
                "survey": "follow_up",
                "date": "2019-01-01",
                "n": 30,
                "answers": {"made_contact": yes_no(27, 30)},
            },
        }
    )
    row = compare.comparison_table(answers, responses, catalogue()).iloc[0]
    assert row["p_value"] < 0.05
    assert "is evidence of change" in row["sentence"] and "not evidence" not in row["sentence"]


def test_chance_note_counts_low_p_values_and_the_number_expected_by_fishers_size():
    table = pd.DataFrame(
        {
            "k1": [4, 3, 1, 0, 2],
            "n1": [7, 7, 7, 7, 7],
            "k2": [19, 10, 7, 0, 20],
            "n2": [29, 29, 29, 29, 29],
            "p_value": [0.001, 0.03, 0.2, 0.5, 0.9],
            "p_holm": [0.005, 0.12, 0.6, 1.0, 1.0],
        }
    )
    note = wording.chance_note(table)
    assert note.startswith("5 comparisons: 2 have p below 0.05")
    expected = sum(
        binom.pmf(a, n1, p) * binom.pmf(b, n2, p)
        for k1, n1, k2, n2 in zip(table["k1"], table["n1"], table["k2"], table["n2"], strict=True)
        for p in [(k1 + k2) / (n1 + n2)]
        for a in range(n1 + 1)
        for b in range(n2 + 1)
        if fisher_exact([[a, n1 - a], [b, n2 - b]])[1] < 0.05
    )
    assert expected < 5 * 0.05
    assert f"about {expected:.1f} such results" in note
    assert f"about {5 * 0.05:.1f}" not in note
    assert "1 still does" in note


# ---------------------------------------------------------------- intention vs action
@pytest.fixture
def intention_and_action():
    return survey_frames(
        {
            "interim_pe": {
                "survey": "post_event",
                "date": "2018-03-01",
                "n": 40,
                "answers": {"intend_change": ["Yes"] * 15 + ["No"] * 10 + ["Not sure"] * 15},
            },
            "final_pe": {
                "survey": "post_event",
                "date": "2018-10-01",
                "n": 20,
                "answers": {"intend_change": ["Yes"] * 5 + ["Not sure"] * 15},
            },
            "interim": {
                "survey": "follow_up",
                "date": "2018-06-15",
                "n": 7,
                "answers": {"took_action": yes_no(4, 7)},
            },
            "final": {
                "survey": "follow_up",
                "date": "2019-01-20",
                "n": 29,
                "answers": {"took_action": yes_no(19, 29)},
            },
        }
    )


def test_intention_and_action_are_never_tested_against_each_other(intention_and_action):
    responses, answers = intention_and_action
    table = compare.comparison_table(answers, responses, catalogue())
    # every row compares one question with itself, within one survey
    for row in table.itertuples():
        assert {row.first, row.second} <= set(responses.loc[responses["survey"] == row.survey, "wave"])
    intend = table[table["question_id"] == "intend_change"]
    act = table[table["question_id"] == "took_action"]
    assert set(intend["survey"]) == {"post_event"} and set(act["survey"]) == {"follow_up"}
    assert len(intend) == 3 and len(act) == 1  # three options x one pair; one option x one pair

    change = compare.practice_change(answers, responses)
    assert not {"p_value", "diff", "sentence", "mdd"} & set(change.columns)
    assert set(change["measure"]) == {"intention", "action"}
    pooled = change[(change["measure"] == "intention") & (change["wave"] == ALL)].iloc[0]
    assert (pooled["count"], pooled["base"]) == (20, 60)
    note = wording.practice_change_note(change, CODEBOOK)
    assert "not tested against each other" in note
    assert "(20 of 60)" in note  # intention over every post-event response
    assert "19 of 29" in note  # action from the latest follow-up wave


def test_intention_action_chart_uses_two_separate_panels(intention_and_action):
    responses, answers = intention_and_action
    fig = figures.intention_action_chart(compare.practice_change(answers, responses))
    try:
        assert len(fig.axes) == 2
        assert fig.axes[0].get_shared_x_axes().get_siblings(fig.axes[0]) == [fig.axes[0]]
    finally:
        matplotlib.pyplot.close(fig)


# ---------------------------------------------------------------- attendances
def attendances_frame() -> pd.DataFrame:
    rows = []
    people = itertools.count()
    # first period: 10 statutory of 40; later: 12 statutory of 30 and 2 private (a small count);
    # 4 people came in both periods
    spec = {
        "interim": ("2018-01-10", {"statutory": 10, "voluntary": 30, "private": 0}),
        "final": ("2018-10-10", {"statutory": 12, "voluntary": 16, "private": 2}),
    }
    for period, (day, counts) in spec.items():
        for sector, n in counts.items():
            for _ in range(n):
                rows.append(
                    {
                        "event_id": "E1",
                        "event_date": day,
                        "person_id": f"p{next(people)}",
                        "sector": sector,
                        "focus": "Housing",
                        "period": period,
                    }
                )
    frame = pd.DataFrame(rows)
    # four later voluntary attendances by people who came in the first period too
    later_vol = frame.index[(frame["period"] == "final") & (frame["sector"] == "voluntary")][:4]
    first_vol = (
        frame.loc[(frame["period"] == "interim") & (frame["sector"] == "voluntary"), "person_id"]
        .iloc[:4]
        .to_numpy()
    )
    frame.loc[later_vol, "person_id"] = first_vol
    return frame


def test_sector_comparison_uses_disjoint_periods_and_says_attendances():
    att = attendances_frame()
    table = compare.sector_comparisons(att, "statutory")
    row = table.iloc[0]
    assert (row["k1"], row["n1"], row["k2"], row["n2"]) == (10, 40, 12, 30)
    assert row["naive_p"] == pytest.approx(fisher_exact([[10, 30], [12, 18]])[1])
    assert row["people_in_both"] == 4
    assert "With 40 (interim) and 30 (final) attendances" in row["sentence"]
    # verdict, interval and detectable difference all come from the clustered test
    clustered = stats.compare_periods_clustered(att, first="interim", second="final")
    assert row["p_value"] == pytest.approx(clustered.p_value)
    assert (row["diff_ci_low"], row["diff_ci_high"]) == pytest.approx((clustered.ci_low, clustered.ci_high))
    assert row["mdd"] == pytest.approx(clustered.mdd, nan_ok=True)
    assert f"cluster-robust {stats.format_p(clustered.p_value)}" in row["sentence"]
    assert "for reference only" in row["sentence"]


def test_sector_shares_cumulative_rows_and_suppression_of_small_counts():
    att = attendances_frame()
    shares, note = tables.sector_shares(att)
    cumulative = shares[shares["kind"] == "cumulative"]
    assert set(cumulative["period"]) == {"final"}  # the first period's cumulative is not repeated
    first = shares[shares["period"] == "interim"].set_index("sector")
    assert (first.loc["statutory", "count"], first.loc["statutory", "base"]) == (10, 40)
    vol = cumulative[cumulative["sector"] == "voluntary"].iloc[0]
    assert (vol["count"], vol["base"]) == (46, 70)
    # the 2 private attendances are hidden; with the base shown, a second cell in the same
    # column must be hidden too, or base minus the others would give them back
    private_later = shares[
        (shares["sector"] == "private") & (shares["kind"] == "disjoint") & (shares["period"] == "final")
    ].iloc[0]
    assert bool(private_later["suppressed"]) and pd.isna(private_later["count"])
    for _, column in shares.groupby("label"):
        hidden = int(column["suppressed"].sum())
        assert hidden in (0, 2, 3), column
        assert column.loc[column["suppressed"], "percent"].isna().all()
    assert note is not None and "<5" in note
    # zero is never suppressed
    private_first = shares[(shares["sector"] == "private") & (shares["period"] == "interim")]
    assert not private_first["suppressed"].any()
    # the cumulative figures are shown but not tested
    assert not tables.cumulative_table(att)["tested"].any()
    assert "not tested" in wording.cumulative_note(att)


# ---------------------------------------------------------------- charts
def test_a_third_wave_gets_its_own_palette_colour():
    colours = figures.wave_colours(["interim", "final", "2019-07", ALL])
    assert colours["interim"] == figures.WAVE_COLOURS["interim"]
    assert colours["final"] == figures.WAVE_COLOURS["final"]
    assert colours["2019-07"] in figures.PALETTE
    assert len(set(colours.values())) == 4


def test_option_chart_labels_every_point_with_its_count(two_waves):
    responses, answers = two_waves
    kind, options = reference.codebook_options("follow_up", "heard_via", CODEBOOK)
    table = tables.option_table(answers, responses, "follow_up", "heard_via", options, kind=kind)
    fig = figures.options_by_wave(table, title="t")
    try:
        texts = {t.get_text() for t in fig.axes[0].texts}
        assert {"4 of 5", "13 of 19", "2 of 5", "6 of 19"} <= texts
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        assert legend == ["interim, n = 5", "final, n = 19"]
    finally:
        matplotlib.pyplot.close(fig)
