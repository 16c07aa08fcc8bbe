"""Kappa, theme shares, round comparisons and the sentences built on them, against hand calculations."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from pdu_analysis.qual import agreement, quotes, shares
from pdu_analysis.qual.codebook import load_codebook


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def test_kappa_matches_the_formula():
    # 2 x 2: both 5, coder 1 only 1, coder 2 only 2, neither 12 (n = 20)
    first = [True] * 5 + [True] * 1 + [False] * 2 + [False] * 12
    second = [True] * 5 + [False] * 1 + [True] * 2 + [False] * 12
    observed = 17 / 20
    expected = (6 * 7 + 14 * 13) / 400  # row and column margins
    kappa, low, high = agreement.theme_kappa(first, second)
    assert kappa == pytest.approx((observed - expected) / (1 - expected))  # 0.6591
    assert low < kappa < high <= 1.0


def test_kappa_undefined_when_a_theme_is_never_used():
    kappa, low, high = agreement.theme_kappa([False] * 6, [False] * 6)
    assert math.isnan(kappa) and math.isnan(low) and math.isnan(high)


def _coded(rows):
    frame = pd.DataFrame(
        rows, columns=["sheet", "survey", "question_id", "round", "unit_id", "item_id", "c1", "c2"]
    )
    return frame.assign(text="t", approved=False, coder_1=frame["c1"], coder_2=frame["c2"]).drop(
        columns=["c1", "c2"]
    )


CODED = _coded(
    [
        # an interview with two passages on the same theme counts once
        ("interviews-notes-final", "interviews", "notes", "final", "R01", "R01-01", ["pledge"], ["pledge"]),
        ("interviews-notes-final", "interviews", "notes", "final", "R01", "R01-02", ["pledge", "time"], None),
        ("interviews-notes-final", "interviews", "notes", "final", "R02", "R02-01", [], ["time"]),
        ("interviews-notes-final", "interviews", "notes", "final", "R03", "R03-01", None, None),  # not coded
        ("f-a-interim", "follow_up", "action_detail", "interim", "x1", "x1", ["pledge"], ["pledge"]),
        ("f-a-interim", "follow_up", "action_detail", "interim", "x2", "x2", ["links"], ["links"]),
        ("f-a-final", "follow_up", "action_detail", "final", "y1", "y1", ["links"], None),
        ("f-a-final", "follow_up", "action_detail", "final", "y2", "y2", [], None),
        ("f-a-final", "follow_up", "action_detail", "final", "y3", "y3", ["links"], None),
    ]
)


def test_theme_shares_count_units_and_use_wilson(codebook):
    table = shares.theme_shares(CODED, codebook, ["interim", "final"]).set_index(["sheet", "theme"])
    pledge = table.loc[("interviews-notes-final", "pledge")]
    assert (pledge["count"], pledge["base"]) == (1, 2)  # R01 once; R03 uncoded is not in the base
    links = table.loc[("f-a-final", "links")]
    assert (links["count"], links["base"]) == (2, 3)
    low, high = proportion_confint(2, 3, method="wilson")
    assert links["ci_low"] == pytest.approx(100 * low) and links["ci_high"] == pytest.approx(100 * high)
    rounds = shares.theme_shares(CODED, codebook, ["interim", "final"])
    follow = rounds[rounds["survey"] == "follow_up"]["round"].drop_duplicates().tolist()
    assert follow == ["interim", "final"]


def test_units_with_theme_by_round():
    assert shares.units_with_theme(CODED, "pledge", "interim") == 1
    assert shares.units_with_theme(CODED, "pledge", "final") == 1
    assert shares.units_with_theme(CODED, "links", "final") == 2


def test_round_comparisons_show_counts_below_the_minimum_base(codebook):
    table = shares.theme_shares(CODED, codebook, ["interim", "final"])
    comparisons = shares.round_comparisons(table, ["interim", "final"]).set_index("theme")
    links = comparisons.loc["links"]
    assert (links["k1"], links["n1"], links["k2"], links["n2"]) == (1, 2, 2, 3)
    assert not links["tested"] and links["verdict"] == "not tested" and math.isnan(links["p_holm"])
    assert links["sentence"] == (
        "1 of 2 (interim) and 2 of 3 (final): not tested, "
        "because fewer than 10 answers were coded in a group."
    )
    assert set(comparisons.index) == {"pledge", "links"}  # themes never used are not compared


def _shares(rows):
    """A theme-shares table by hand: (theme, round, count, base) of one post-event question."""
    return pd.DataFrame(
        [
            {
                "sheet": f"p-c-{r}",
                "survey": "post_event",
                "question_id": "change_detail",
                "round": r,
                "theme": t,
                "label": t.title(),
                "count": k,
                "base": n,
            }
            for t, r, k, n in rows
        ]
    )


def test_theme_comparisons_are_one_family_adjusted_with_holm():
    from scipy.stats import fisher_exact

    counts = {"links": (2, 12), "time": (1, 7), "women": (5, 5)}
    rows = [(t, r, k, 20) for t, (a, b) in counts.items() for r, k in (("interim", a), ("final", b))]
    names = {"post_event": {"interim": "to 30 June 2018", "final": "after 30 June 2018"}}
    table = shares.round_comparisons(_shares(rows), ["interim", "final"], names).set_index("theme")
    raw = {t: fisher_exact([[a, 20 - a], [b, 20 - b]])[1] for t, (a, b) in counts.items()}
    assert raw["time"] < 0.05  # significant alone...
    ordered = sorted(raw, key=raw.get)
    holm = {
        t: min(1.0, max((3 - i) * raw[u] for i, u in enumerate(ordered[: ordered.index(t) + 1]))) for t in raw
    }
    assert table["p_holm"].to_dict() == pytest.approx(holm)
    assert table.loc["links", "verdict"] == "evidence"
    assert table.loc["time", "verdict"] != "evidence"  # ...but not once the family is allowed for
    assert "is evidence of change" not in table.loc["time", "sentence"]
    assert "Holm-adjusted over 3 theme comparisons" in table.loc["links", "sentence"]
    assert (
        "With 20 (to 30 June 2018) and 20 (after 30 June 2018) coded answers" in table.loc["time", "sentence"]
    )


def test_codes_long_has_no_text(codebook):
    codes = shares.codes_long(CODED)
    assert "text" not in codes.columns
    assert len(codes[codes["coder"] == 1]) == 7 and len(codes[codes["coder"] == 2]) == 4


def test_kappa_table_over_double_coded_items(codebook):
    table = agreement.kappa_table(CODED, codebook).set_index("theme")
    assert table.loc["pledge", "double_coded"] == 4  # R01-01, R02-01, x1, x2
    assert table.loc["time", "coder_2_only"] == 1 and table.loc["time", "both"] == 0
    # two texts carry the Pledge: fewer than MIN_POSITIVES, so agreement is not given (counts only)
    assert math.isnan(table.loc["pledge", "kappa"]) and table.loc["pledge", "both"] == 2
    assert table.loc["pledge", "flag"].startswith("not given: fewer than 5")
    assert table.loc["involvement", "flag"] == "not estimable: the theme was never (or always) used"


def _pairs(rows):
    """Double-coded items from (coder 1 has the theme, coder 2 has it) pairs."""
    return _coded(
        [
            ("s", "follow_up", "q", "final", f"u{i}", f"u{i}", ["time"] if a else [], ["time"] if b else [])
            for i, (a, b) in enumerate(rows)
        ]
    )


def test_kappa_given_from_five_positives_and_flagged_below_the_threshold(codebook):
    # 3 both, 1 + 1 single, 15 neither: observed 0.9, chance (4*4 + 16*16)/400 = 0.68, kappa 0.6875
    rows = [(True, True)] * 3 + [(True, False), (False, True)] + [(False, False)] * 15
    table = agreement.kappa_table(_pairs(rows), codebook).set_index("theme")
    assert table.loc["time", "kappa"] == pytest.approx((0.9 - 0.68) / 0.32)
    assert table.loc["time", "flag"] == ""
    # 2 both, 2 + 1 single, 15 neither: observed 0.85, chance (4*3 + 16*17)/400 = 0.71, kappa 0.483
    rows = [(True, True)] * 2 + [(True, False)] * 2 + [(False, True)] + [(False, False)] * 15
    weaker = agreement.kappa_table(_pairs(rows), codebook).set_index("theme")
    assert weaker.loc["time", "kappa"] == pytest.approx(0.14 / 0.29)
    assert weaker.loc["time", "kappa"] < 0.6 and weaker.loc["time", "flag"] == "below 0.6"
    assert weaker.loc["time", "ci_high"] - weaker.loc["time", "ci_low"] > 0.5  # few positives: wide
    sentence = agreement.kappa_sentence(weaker.reset_index())
    assert "Below 0.6, so to be read with care: Taking more time (kappa 0.48)" in sentence


def test_perfect_agreement_on_few_texts_has_no_interval(codebook):
    rows = [(True, True)] * 5 + [(False, False)] * 10
    table = agreement.kappa_table(_pairs(rows), codebook).set_index("theme")
    assert table.loc["time", "kappa"] == pytest.approx(1.0)
    assert math.isnan(table.loc["time", "ci_low"]) and math.isnan(table.loc["time", "ci_high"])


def test_beside_figure_sentence(codebook):
    table = shares.theme_shares(CODED, codebook, ["interim", "final"])
    text = quotes.beside_figure(19, 29, "took action", "what they did", table, "f-a-final")
    assert text == (
        "19 of 29 took action; what they did, among the 3 whose descriptions were coded, most often: "
        "Referrals and links with other services (2 of 3)."
    )


def test_only_approved_quotes_and_markdown_is_escaped(codebook):
    coded = CODED.assign(approved=[False] * 8 + [True], text=["t"] * 8 + ["We *changed* [name]'s plan"])
    found = quotes.approved_quotes(coded, codebook)
    assert found["quote"].tolist() == ["We *changed* [name]'s plan"]
    assert quotes.quote_markdown(found) == (
        "> \u201cWe \\*changed\\* \\[name\\]'s plan\u201d  \n"
        "> \u2014 *Referrals and links with other services*"
    )
