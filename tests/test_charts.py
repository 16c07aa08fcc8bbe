"""Chart functions for notebooks 03 and 04: the right bars, the base in the text, small counts.

Each chart is checked on what a reader relies on: one bar (or segment) per count, the base (n)
written on the figure, labels that follow the small-base rule, zero counts drawn without error,
and cells of 1 to 4 people kept off the page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from scipy.stats import chi2_contingency  # noqa: E402
from statsmodels.stats.proportion import proportion_confint  # noqa: E402

from pdu_analysis import compare, figures, labels, reference, stats, tables, wording  # noqa: E402

UNDERSTANDING = [
    "Much greater understanding",
    "Some additional understanding",
    "Confirmed my previous understanding",
    "No greater understanding",
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def texts(fig: Figure) -> list[str]:
    """Every piece of text drawn on the figure (titles, labels, annotations, legend)."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def all_text(fig: Figure) -> str:
    return "\n".join(texts(fig))


def bars(ax) -> list[Rectangle]:
    """Bar patches (not the axes background or legend handles)."""
    return [p for c in ax.containers if hasattr(c, "patches") for p in c.patches]


def data_axes(fig: Figure):
    axes = [ax for ax in fig.axes if ax.axison]
    assert len(axes) == 1
    return axes[0]


# ------------------------------------------------------------------ tidy inputs, built by hand
def make_attendances() -> pd.DataFrame:
    """12 people, 20 attendances at 4 events; two periods; sector fixed per person."""
    rows = []
    plan = {  # person: (sector, focus, events)
        "p01": ("statutory", "Housing", ["E1", "E2", "E3", "E4"]),
        "p02": ("statutory", "Offending", ["E1", "E3"]),
        "p03": ("voluntary", "Housing", ["E1", "E2", "E3"]),
        "p04": ("voluntary", "Housing", ["E1", "E4"]),
        "p05": ("voluntary", "Other", ["E2"]),
        "p06": ("voluntary", "Other", ["E2", "E4"]),
        "p07": ("voluntary", "Housing", ["E3"]),
        "p08": ("voluntary", "Women's services", ["E1"]),
        "p09": ("statutory", "Housing", ["E4"]),
        "p10": ("voluntary", "Housing", ["E2"]),
        "p11": ("voluntary", "Other", ["E3"]),
        "p12": ("voluntary", "Housing", ["E4"]),
    }
    dates = {"E1": "2018-01-10", "E2": "2018-05-10", "E3": "2018-09-10", "E4": "2018-12-10"}
    for person, (sector, focus, events) in plan.items():
        for event in events:
            rows.append(
                {
                    "event_id": event,
                    "event_date": dates[event],
                    "person_id": person,
                    "sector": sector,
                    "focus": focus,
                    "period": "interim" if dates[event] <= "2018-06-30" else "final",
                }
            )
    return pd.DataFrame(rows)


def make_events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4", "C1", "C2", "C3"],
            "date": [
                "2018-01-10",
                "2018-05-10",
                "2018-09-10",
                "2018-12-10",
                "2018-03-01",
                "2018-10-01",
                "2019-02-19",
            ],
            "title": [
                "One",
                "Two",
                "Three",
                "Four",
                "Care Act Community of Practice: session 1",
                "Care Act Community of Practice: session 2",
                "Housing First Community of Practice: session 1",
            ],
            "kind": ["learning_event"] * 4 + ["community_of_practice"] * 3,
            "status": ["held"] * 6 + ["planned"],
            "headcount": pd.array([None, None, None, None, 12, 9, 10], dtype="Int64"),
        }
    )


def make_answers() -> pd.DataFrame:
    """Post-event answers: understanding (interim 6, final 4) and a multi-select (base 5)."""
    rows = []
    understanding = {
        "interim": ["Much greater understanding"] * 3
        + ["Some additional understanding"] * 2
        + ["No greater understanding"],
        "final": [
            "Much greater understanding",
            "Some additional understanding",
            "Some additional understanding",
            "Confirmed my previous understanding",
        ],
    }
    n = 0
    for wave, answers in understanding.items():
        for answer in answers:
            n += 1
            rows.append(
                {
                    "response_id": f"r{n:02d}",
                    "survey": "post_event",
                    "wave": wave,
                    "question_id": "understanding",
                    "item": None,
                    "answer": answer,
                }
            )
    ticks = {
        "r01": ["Front line staff", "Managers"],
        "r02": ["Front line staff"],
        "r03": ["Service users"],
        "r07": ["Front line staff"],
        "r08": ["Managers"],
    }
    for rid, items in ticks.items():
        wave = "interim" if rid <= "r06" else "final"
        for item in items:
            rows.append(
                {
                    "response_id": rid,
                    "survey": "post_event",
                    "wave": wave,
                    "question_id": "share_plan",
                    "item": item,
                    "answer": "selected",
                }
            )
    return pd.DataFrame(rows)


GROUPS = {"All responses": None, "Early": "interim", "Late": "final"}


# ------------------------------------------------------------------ proportion bars
def test_proportion_bars_one_bar_per_category_with_base_and_counts():
    table = pd.DataFrame({"label": ["Yes", "No", "Not sure"], "count": [25, 0, 50], "base": [75, 75, 75]})
    fig = figures.proportion_bars_with_ci(table, title="Intend to change")
    assert isinstance(fig, Figure)
    ax = data_axes(fig)
    widths = [round(p.get_width(), 6) for p in bars(ax)]
    assert widths == [round(100 * 25 / 75, 6), 0.0, round(100 * 50 / 75, 6)]
    text = all_text(fig)
    assert "Base: 75 responses" in text
    assert "33% (25 of 75)" in text
    assert "0% (0 of 75)" in text  # a zero count is drawn and labelled, not dropped
    assert figures.chart_title(fig) == "Intend to change" and "Intend to change" not in text  # page text


def test_proportion_bars_small_base_gives_counts_without_percent():
    table = pd.DataFrame({"label": ["Yes", "No"], "count": [7, 19], "base": [26, 26]})
    text = all_text(figures.proportion_bars_with_ci(table, title="t"))
    assert "7 of 26" in text and "19 of 26" in text
    assert "7/26" not in text and "27%" not in text


def test_proportion_bars_grouped_shows_every_group_base():
    table = pd.DataFrame(
        {
            "group": ["Early"] * 3 + ["Late"] * 3,
            "option": ["Yes", "No", "Not sure"] * 2,
            "count": [18, 12, 19, 7, 6, 13],
            "base": [49] * 3 + [26] * 3,
        }
    )
    fig = figures.proportion_bars_with_ci(table, title="t", group_colours={"Early": "#56B4E9"})
    ax = data_axes(fig)
    assert len(bars(ax)) == 3  # a base of 26 draws no bar: its counts instead
    text = all_text(fig)
    assert "Early (n=49)" in text and "Late (n=26)" in text
    assert "7 of 26" in text and "6 of 26" in text and "13 of 26" in text
    assert bars(ax)[0].get_facecolor()[:3] == pytest.approx(matplotlib.colors.to_rgb("#56B4E9"))


def test_proportion_bars_suppressed_rows_have_no_bar_and_say_so():
    table = tables.shares_table(
        {"Users": pd.Series(["voluntary"] * 20 + ["statutory"] * 9 + ["private"] * 2)},
        tables.SECTOR_ORDER,
        suppress=True,
    )
    fig = figures.proportion_bars_with_ci(table, title="Hub users", what="users")
    ax = data_axes(fig)
    # private (primary) and statutory (secondary) draw no bar: voluntary's 20 of 31 is the only one
    assert [p.get_width() for p in bars(ax)] == [pytest.approx(100 * 20 / 31)]
    text = all_text(fig)
    assert "not shown (<5)" in text and "not shown ([c])" in text
    assert "2/31" not in text and "9/31" not in text
    assert "Base: 31 users" in text


def test_proportion_bars_with_no_responses_is_a_figure_not_an_error():
    empty = pd.DataFrame(columns=["group", "option", "count", "base"])
    fig = figures.proportion_bars_with_ci(empty, title="Not asked")
    assert "No responses in these data." in all_text(fig)


def test_multi_select_bars_base_is_those_answering_and_bars_exceed_100():
    table = tables.option_counts_table(
        make_answers(), "post_event", "share_plan", {"All responses": None}, multi=True
    )
    assert table["base"].unique().tolist() == [5]
    fig = figures.multi_select_bars(table, title="Share with")
    ax = data_axes(fig)
    assert bars(ax) == []  # a base of 5: counts, no bars
    text = all_text(fig)
    assert "the 5 responses that answered" in text and "over 100%" in text
    assert "3 of 5" in text and "2 of 5" in text and "1 of 5" in text  # front line, managers, users
    assert text.count(" of 5") == len(reference.question_options("post_event", "share_plan"))


# ------------------------------------------------------------------ diverging bars
def test_diverging_bars_segments_sides_counts_and_bases():
    table = tables.wide_counts(
        tables.option_counts_table(make_answers(), "post_event", "understanding", GROUPS)
    )
    assert table["base"].tolist() == [10, 6, 4]
    # bases of 30 or more draw bars; a base under 30 gives each answer's count instead
    table = pd.DataFrame(
        {
            "group": ["All responses", "Early", "Late"],
            "base": [60, 36, 24],
            UNDERSTANDING[0]: [30, 20, 10],
            UNDERSTANDING[1]: [18, 10, 8],
            UNDERSTANDING[2]: [8, 4, 4],
            UNDERSTANDING[3]: [4, 2, 2],
        }
    )
    fig = figures.diverging_stacked_bars(
        table,
        negative=UNDERSTANDING[2:],
        positive=[UNDERSTANDING[1], UNDERSTANDING[0]],
        title="Understanding",
    )
    ax = data_axes(fig)
    segments = bars(ax)
    assert len(segments) == 3 * 4  # rows x options, zero-width segments included
    left = [p for p in segments if p.get_x() < 0]
    right = [p for p in segments if p.get_x() >= 0 and p.get_width() > 0]
    assert sum(p.get_width() for p in left) == pytest.approx(100 * 12 / 60 + 100 * 6 / 36)
    assert sum(p.get_width() for p in right) == pytest.approx(100 * 48 / 60 + 100 * 30 / 36)
    assert [p.get_width() for p in segments if p.get_y() > 1.5] == [0.0] * 4  # Late: no bar
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["All responses\n(n=60)", "Early\n(n=36)", "Late\n(n=24)"]
    assert "Bases: All responses 60; Early 36; Late 24 responses" in all_text(fig)
    late = sorted(t.get_text() for t in ax.texts if t.get_position()[1] == 2)
    assert late == ["10", "2", "4", "8"]  # Late's counts, beside squares of the answers' colours
    assert "0" not in [t.get_text() for t in ax.texts]  # zero segments carry no label


def test_diverging_bars_extreme_sliver_is_labelled_outside():
    table = pd.DataFrame(
        {"group": ["All"], "base": [75], "Much": [36], "Some": [27], "Confirmed": [11], "None": [1]}
    )
    fig = figures.diverging_stacked_bars(
        table, negative=["Confirmed", "None"], positive=["Some", "Much"], title="t"
    )
    ax = data_axes(fig)
    one = [t for t in ax.texts if t.get_text() == "1"]
    assert len(one) == 1 and one[0].get_position()[0] < -100 * 12 / 75


def test_diverging_bars_without_rows():
    fig = figures.diverging_stacked_bars(
        pd.DataFrame(columns=["group", "base"]), negative=["a"], positive=["b"], title="Awareness"
    )
    assert "No responses to this question in these data." in all_text(fig)


# ------------------------------------------------------------------ attendance charts
def test_events_per_person_pools_small_top_categories():
    people = pd.DataFrame({"attendances": [1] * 10 + [2] * 6 + [3] * 2 + [4]})
    table = tables.events_per_person_table(people)
    assert table["events"].tolist() == ["1", "2 or more"]
    assert table["people"].tolist() == [10, 9]
    assert table["attendances"].sum() == 10 + 12 + 6 + 4
    assert not table["people"].between(1, 4).any()


def test_events_per_person_histogram_bars_and_totals():
    people = pd.DataFrame({"attendances": [1] * 174 + [2] * 72 + [3] * 30 + [4] * 15})
    table = tables.events_per_person_table(people)
    assert table["events"].tolist() == ["1", "2", "3", "4"]
    fig = figures.events_per_person_histogram(table)
    ax = data_axes(fig)
    assert [p.get_height() for p in bars(ax)] == [174, 72, 30, 15]
    assert "Base: 291 people who made 468 attendances" in all_text(fig)


def test_sector_share_table_cumulative_and_disjoint_rows_add_up():
    att = make_attendances()
    table = tables.sector_share_table(att, "statutory", interim_cutoff="2018-06-30")
    assert table["basis"].tolist() == ["cumulative", "cumulative", "disjoint", "disjoint"]
    cumulative, disjoint = table.iloc[:2], table.iloc[2:]
    assert cumulative["base"].iloc[-1] == len(att) == disjoint["base"].sum()
    assert cumulative["count"].iloc[-1] == disjoint["count"].sum()
    assert (cumulative.iloc[0][["count", "base"]] == disjoint.iloc[0][["count", "base"]]).all()
    assert "Interim report (July 2018)" in table["figure"].iloc[0]
    assert table["figure"].iloc[3].startswith("After 30 June 2018")


def test_naive_vs_robust_chart_draws_two_intervals_per_row():
    table = tables.sector_share_table(make_attendances(), "statutory", interim_cutoff="2018-06-30")
    fig = figures.naive_vs_robust_intervals(table, title="Statutory share")
    ax = data_axes(fig)
    assert len(ax.containers) == 2  # naive and robust error bars
    for container in ax.containers:
        assert len(container.lines[0].get_xdata()) == len(table)
    text = all_text(fig)
    assert f"Base: {len(make_attendances())} attendances" in text
    words = " ".join(text.split())  # legend entries wrap to fit a phone
    assert "allowing for people who came more than once" in words and "counted separately" in words
    assert "naive" not in text.lower() and "GEE" not in text
    assert "12 people" in text


def test_sector_mix_by_event_suppresses_small_sector_counts_and_marks_cutoff():
    att, events = make_attendances(), make_events()
    table = tables.sector_by_event_table(att, events)
    assert table["event_id"].tolist() == ["E1", "E2", "E3", "E4"]
    assert table["suppressed"].all()  # every event has 1 to 4 statutory attendances
    unsuppressed = tables.sector_by_event_table(att, events, suppress=False)
    assert not unsuppressed["suppressed"].any()
    fig = figures.sector_mix_by_event(unsuppressed, interim_cutoff="2018-06-30")
    ax = data_axes(fig)
    assert len(bars(ax)) == 2 * 4  # two sectors x four events, no grey bars
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert len(dashed) == 1 and dashed[0].get_ydata()[0] == pytest.approx(1.5)  # events run down
    assert "interim cut-off, 30 June 2018" in all_text(fig)
    assert "Base: 20 attendances at 4 learning events" in all_text(fig)
    hidden = figures.sector_mix_by_event(table, interim_cutoff="2018-06-30")
    widths = [p.get_width() for p in bars(data_axes(hidden))]
    assert widths[:8] == [0.0] * 8 and widths[8:] == [100.0] * 4  # mix not drawn
    assert "Mix not shown: a sector had 1 to 4" in all_text(hidden)


def test_cop_community_names_without_session_numbers():
    events = make_events().assign(
        title=[
            "One",
            "Two",
            "Three",
            "Four",
            "Care Act CoP session 1",
            "Care Act Community of Practice: session 2",
            "Housing First CoP - session 1",
        ]
    )
    assert tables.cop_sessions_table(events)["community"].tolist() == [
        "Care Act",
        "Care Act",
        "Housing First",
    ]


def test_cop_sessions_table_and_chart():
    table = tables.cop_sessions_table(make_events())
    assert table["community"].tolist() == ["Care Act", "Care Act", "Housing First"]
    assert table["session"].tolist() == [1, 2, 1]
    fig = figures.cop_sessions_chart(table)
    ax = data_axes(fig)
    assert [p.get_width() for p in bars(ax)] == [12, 9, 10]
    assert bars(ax)[2].get_hatch() == "///"
    text = all_text(fig)
    assert "Base: 2 sessions held (21 attendances in all) and 1 planned" in text
    assert "10 booked (planned)" in text
    assert wording.cop_sentence(table) == (
        "Care Act: 2 sessions held with 9 to 12 people each. "
        "Housing First: 0 sessions held; a further session "
        "planned for February 2019, 10 booked."
    )


# ------------------------------------------------------------------ tables and words
def test_shares_table_suppression_cannot_be_undone_by_subtraction():
    att = make_attendances()
    groups = {"All": None, "Early": "interim", "Late": "final"}
    table = tables.shares_table(
        tables.values_by_group(att, "focus", groups),
        ["Housing", "Women's services", "Offending", "Other"],
        suppress=True,
    )
    for _, rows in table.groupby("group"):
        hidden = rows[rows["suppressed"] != ""]
        assert len(hidden) != 1  # one hidden cell would be base minus the others
        assert hidden["count"].isna().all() and hidden["percent"].isna().all()
        shown = rows[rows["suppressed"] == ""]
        assert not shown["count"].between(1, 4).any()
    note = wording.suppression_note(table)
    assert note is not None and '"<5"' in note


def test_shares_table_rejects_unknown_categories():
    with pytest.raises(ValueError, match="not in the expected categories"):
        tables.shares_table({"x": pd.Series(["statutory", "council"])}, tables.SECTOR_ORDER)


def test_option_counts_table_keeps_zeros_and_drops_empty_groups():
    answers = make_answers()
    table = tables.option_counts_table(
        answers, "post_event", "understanding", {**GROUPS, "Never": "after_final"}
    )
    assert set(table["group"]) == set(GROUPS)
    late = table[table["group"] == "Late"].set_index("option")["count"]
    assert late["No greater understanding"] == 0
    assert table.groupby("group")["count"].sum().to_dict() == {"All responses": 10, "Early": 6, "Late": 4}


def test_sentences_follow_the_small_base_rule():
    table = tables.option_counts_table(make_answers(), "post_event", "understanding", GROUPS)
    sentence = wording.distribution_sentence(table, "All responses")
    assert sentence.startswith("Much greater understanding, 4 of 10")
    assert "%" not in sentence
    assert wording.distribution_sentence(table, "Missing") == "no responses to this question"
    caveat = wording.base_caveat(table)
    assert caveat.count("Based on") == 3 and "Early: Based on 6 responses" in caveat
    assert "Early" in wording.comparison_sentence(table, UNDERSTANDING[0], "Early", "Late")
    assert "no responses" in wording.comparison_sentence(table, UNDERSTANDING[0], "Early", "None")
    assert "Only one period" in wording.comparison_sentence(table, UNDERSTANDING[0], "Late", "Late")
    assert compare.period_comparison(table, UNDERSTANDING[0], None, "Late") is None


def test_chi_square_record_and_sentence_match_scipy():
    """4 of 20 statutory, then 12 of 20: statistic, p and Cramér's V worked by hand and by scipy."""
    att = pd.DataFrame(
        {
            "sector": ["statutory"] * 4 + ["voluntary"] * 16 + ["statutory"] * 12 + ["voluntary"] * 8,
            "period": ["interim"] * 20 + ["final"] * 20,
        }
    )
    observed = [[4, 16], [12, 8]]
    # by hand: expected 8 and 12 per cell, |O - E| = 4, Yates 3.5: 3.5**2 * (2/8 + 2/12) = 5.104
    chi2, p, dof, _ = chi2_contingency(observed, correction=True)
    assert chi2 == pytest.approx(3.5**2 * (2 / 8 + 2 / 12)) and p == pytest.approx(0.0239, abs=1e-4)
    record = compare.adjusted_chi_square(stats.sector_by_period_test(att, "sector", "period"), 0.2)
    assert record["chi2"] == pytest.approx(chi2) and record["p"] == pytest.approx(p)
    assert (record["dof"], record["n"]) == (dof, 40) == (1, 40)
    # Cramér's V from the uncorrected statistic: 4**2 * (2/8 + 2/12) = 6.667, sqrt(6.667 / 40) = 0.41
    assert record["cramer_v"] == pytest.approx(np.sqrt(4**2 * (2 / 8 + 2 / 12) / 40))
    assert record["p_adjusted"] == 0.2
    sentence = wording.chi_square_sentence(record)
    assert sentence.startswith(
        "Chi-square test of sector by period: χ²(1) = 5.10, p = 0.02, Cramér's V = 0.41 (n = 40 attendances)."
    )
    assert "as a group" in sentence and "p = 0.20" in sentence and "could be chance" in sentence
    clear = wording.chi_square_sentence({**record, "p_adjusted": 0.001})
    assert "unlikely to be chance" in clear and "could be chance" not in clear
    unadjusted = wording.chi_square_sentence({**record, "p_adjusted": float("nan")})
    assert "as a group" not in unadjusted and unadjusted.endswith("(n = 40 attendances).")


def test_design_effect_sentence_follows_the_side_of_one_and_the_printed_widths():
    wider = {
        "base": 468,
        "design_effect": 4.0,
        "robust_low": 18,
        "robust_high": 34,
        "naive_low": 22,
        "naive_high": 30,
        "note": "",
    }
    text = wording.design_effect_sentence(wider, repeaters=60, people=250)
    assert "as much information as 117 independent ones" in text  # 468 / 4
    assert "about 2.00 times as wide" in text and "is wider than the naive" in text
    narrower = {
        "base": 40,
        "design_effect": 0.18,
        "robust_low": 27,
        "robust_high": 33,
        "naive_low": 17,
        "naive_high": 45,
        "note": "",
    }
    text = wording.design_effect_sentence(narrower, repeaters=3, people=30)
    assert "is narrower than the naive" in text and "wider" not in text
    assert "information as" not in text and "below 1" in text


def test_period_labels_and_share_display():
    assert labels.period_labels(["interim", "final"], "2018-06-30") == {
        "interim": "To 30 June 2018",
        "final": "After 30 June 2018",
    }
    # named by the wave, not by position: a survey answered only after the cut-off
    assert labels.period_labels(["final"], "2018-06-30") == {"final": "After 30 June 2018"}
    assert labels.period_labels(["after_final"], "2018-06-30") == {"after_final": "After 31 January 2019"}
    table = tables.sector_share_table(make_attendances(), "statutory", interim_cutoff="2018-06-30")
    shown = wording.share_table_display(table)
    # counted from make_attendances: statutory 2 + 1 at E1, E2 (to the cut-off), 2 + 2 at E3, E4
    assert shown["attendances"].tolist() == ["3 of 10", "7 of 20", "3 of 10", "4 of 10"]
    assert shown["share"].tolist() == ["30%", "35%", "30%", "40%"]
    low, high = proportion_confint(7, 20, method="wilson")
    assert (
        shown["95% interval, each attendance counted separately"].iloc[1]
        == f"{100 * low:.0f}% to {100 * high:.0f}%"
    )
    assert shown["people"].tolist() == [8, 12, 8, 9]  # people who attended in those periods


def draw_and_save() -> Path:
    """The understanding chart saved as a build saves it (under ``PDU_OUTPUT_ROOT``)."""
    table = tables.wide_counts(
        tables.option_counts_table(make_answers(), "post_event", "understanding", GROUPS)
    )
    fig = figures.diverging_stacked_bars(
        table, negative=UNDERSTANDING[2:], positive=[UNDERSTANDING[1], UNDERSTANDING[0]], title="t"
    )
    return figures.save_figure(fig, "determinism")


@pytest.mark.slow  # starts a second Python with the plotting stack (2 to 6 s)
def test_saved_chart_is_byte_identical_in_another_process(tmp_path, monkeypatch):
    """The figures a build writes do not depend on the process (hash seed, time, run order)."""
    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(tmp_path / "here"))
    here = draw_and_save()
    seed = str(int(os.environ.get("PYTHONHASHSEED", "0") or 0) + 1)  # never this process's seed
    env = {**os.environ, "PYTHONHASHSEED": seed, "PDU_OUTPUT_ROOT": str(tmp_path / "there")}
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import test_charts; print(test_charts.draw_and_save())"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    there = Path(done.stdout.strip())
    assert here.is_relative_to(tmp_path / "here") and there.is_relative_to(tmp_path / "there")
    first = here.read_bytes()
    assert first.startswith(b"\x89PNG") and first == there.read_bytes()


@pytest.mark.parametrize(
    "make",
    [
        lambda: figures.events_per_person_histogram(
            tables.events_per_person_table(pd.DataFrame({"attendances": pd.Series([], dtype="int64")}))
        ),
        lambda: figures.cop_sessions_chart(tables.cop_sessions_table(make_events().iloc[:4])),
        lambda: figures.naive_vs_robust_intervals(pd.DataFrame(columns=["figure"]), title="t"),
        lambda: figures.multi_select_bars(pd.DataFrame(columns=["option", "count", "base"]), title="t"),
    ],
)
def test_empty_inputs_give_a_figure_that_says_so(make):
    fig = make()
    assert isinstance(fig, Figure)
    assert "Base: 0" in all_text(fig)
    assert np.all([not ax.axison for ax in fig.axes])


def test_distribution_sentence_indicative_base_says_so_once():
    table = pd.DataFrame(
        {
            "group": ["All"] * 2,
            "option": ["Front line staff", "Managers"],
            "count": [24, 14],
            "base": [41, 41],
        }
    )
    sentence = wording.distribution_sentence(table, "All")
    assert sentence == (
        "Front line staff, 59% (24 of 41); Managers, 34% (14 of 41) (indicative only: small base of 41)"
    )
    big = table.assign(count=[25, 18], base=[75, 75])
    assert wording.distribution_sentence(big, "All").startswith(
        "Front line staff, 33% (25 of 75), 95% interval 24% to 45%"
    )
