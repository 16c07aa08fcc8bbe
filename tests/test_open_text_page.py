"""The open-text page: quotes shown, the Pledge reproduced, nothing personal, readers' words plain.

The page tests use the session's scratch build (slow). The privacy scan of every output is in
test_pipeline.py; here the page's own promises are checked. The reader's sentences about rounds
compared and coder agreement are checked on small hand-made tables (fast).
"""

from __future__ import annotations

import csv
import html
import math
import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from pdu_analysis.qual import agreement
from pdu_analysis.qual import wording as qwords


def _page_text(built_project) -> str:
    page = (built_project / "reports/html/07_open_text.html").read_text(encoding="utf-8")
    page = re.sub(r"<img[^>]*>|<style.*?</style>|<script.*?</script>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.slow
def test_page_shows_at_least_three_approved_redacted_quotes(built_project):
    with open(built_project / "reports/tables/07_quotes.csv", encoding="utf-8", newline="") as fh:
        quotes = [row["quote"] for row in csv.DictReader(fh)]
    assert len(quotes) >= 3
    text = " ".join(_page_text(built_project).split())
    assert all(" ".join(q.split()) in text for q in quotes)
    assert "[name]" in " ".join(quotes)  # an interview quote named someone, and shows only [name]


@pytest.mark.slow
def test_reproduction_ledger_marks_the_pledge_reproduced(built_project):
    with open(built_project / "reports/reproduction.csv", encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["id"] == "pledge_interim")
    assert (row["computed"], row["status"]) == ("5", "reproduced")


@pytest.mark.slow
def test_theme_tables_carry_k_n_and_intervals(built_project):
    with open(built_project / "reports/tables/07_theme_shares.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"count", "base", "ci_low", "ci_high"} <= set(rows[0])
    assert all(float(r["ci_low"]) <= float(r["percent"]) <= float(r["ci_high"]) for r in rows)
    with open(built_project / "reports/tables/07_kappa.csv", encoding="utf-8", newline="") as fh:
        kappa = list(csv.DictReader(fh))
    assert any(r["kappa"] not in ("", "nan") for r in kappa)


def test_the_theme_table_marks_a_k_of_n_the_report_never_published_as_the_charts_do():
    from pdu_analysis.wording.assumed import MARK, Published

    shares = pd.DataFrame(
        {
            "survey": ["interviews"] * 3,
            "question_id": ["notes"] * 3,
            "round": ["final"] * 3,
            "label": ["Links between services", "Making Every Adult Matter", "Unused"],
            "count": [5, 2, 0],
            "base": [19, 19, 19],
            "ci_low": [11.8, 2.9, 0.0],
            "ci_high": [48.8, 31.4, 16.8],
        }
    )
    published = Published({"Links": {(5, 19)}}, synthetic=True)
    marked = qwords.readable_shares(shares, None, published)["k of n"].tolist()
    assert marked == ["5 of 19", "2 of 19" + MARK]  # the unused theme is left out
    real = Published({"Links": {(5, 19)}}, synthetic=False)  # real exports carry no mark
    assert MARK not in "".join(qwords.readable_shares(shares, None, real)["k of n"])


def _comparisons() -> pd.DataFrame:
    """One tested theme comparison that holds after adjustment, one below the minimum base."""
    common = {"survey": "follow_up", "question_id": "action_detail", "first": "interim", "second": "final"}
    tested = {
        **common,
        "theme": "time",
        "label": "Taking more time",
        "k1": 2,
        "n1": 20,
        "k2": 12,
        "n2": 20,
        "diff": 50.0,
        "ci_low": 20.0,
        "ci_high": 70.0,
        "p_value": 0.0001,
        "p_holm": 0.0002,
        "mdd": 40.0,
        "mdd_direction": "rise",
        "tested": True,
        "verdict": "evidence",
        "sentence": "reviewer's sentence",
    }
    untested = {
        **common,
        "theme": "pie",
        "label": "Psychologically informed environments",
        "k1": 1,
        "n1": 4,
        "k2": 3,
        "n2": 16,
        "diff": math.nan,
        "ci_low": math.nan,
        "ci_high": math.nan,
        "p_value": math.nan,
        "p_holm": math.nan,
        "mdd": math.nan,
        "mdd_direction": "",
        "tested": False,
        "verdict": "not tested",
        "sentence": "counts only",
    }
    return pd.DataFrame([tested, untested])


def test_rounds_compared_in_the_readers_words():
    table = _comparisons()
    shown = qwords.readable_comparisons(table)
    assert shown["what it shows"].tolist() == [
        "The rise of 50 points is evidence of change.",
        "Not compared: too few answers to show a difference.",
    ]
    assert shown["rounds"].tolist() == [
        "2 of 20 (interim) \u2192 12 of 20 (final)",
        "1 of 4 (interim) \u2192 3 of 16 (final)",
    ]
    assert qwords.reviewer_comparisons(table)["comparison"].tolist() == ["reviewer's sentence", "counts only"]
    assert qwords.comparison_point(table) == (
        "1 theme(s) had enough coded answers to compare between rounds or periods; evidence of change, "
        "once the number of comparisons is allowed for: Taking more time; 1 more had too few "
        "answers to show a difference (fewer than 10 coded answers in a round or period), so only their "
        "counts are given."
    )
    none = table.iloc[[0]].assign(verdict="none", p_holm=0.4)
    assert ": none is evidence of change once" in qwords.comparison_point(none)


def test_coder_agreement_in_the_readers_words_names_no_statistic():
    table = pd.DataFrame(
        {
            "label": ["Taking more time", "New knowledge", "Women and gender"],
            "double_coded": [40, 40, 40],
            "kappa": [0.8, 0.45, math.nan],
        }
    )
    assert agreement.agreement_point(table) == (
        "A second person coded 40 of the texts without seeing the first person's codes. Of the 2 theme(s) "
        "common enough to check (carried by at least 5 of those texts), they agreed well on 1; the shares "
        "of New knowledge depend more on who coded, so read them with care."
    )
    assert agreement.agreement_point(table.assign(kappa=math.nan)) is None


def _soup(built_project) -> BeautifulSoup:
    page = (built_project / "reports/html/07_open_text.html").read_text(encoding="utf-8")
    return BeautifulSoup(page, "html.parser")


@pytest.mark.slow
def test_theme_charts_say_95_percent_intervals_and_the_tests_sit_in_closed_details(built_project):
    soup = _soup(built_project)
    captions = [c.get_text(" ", strip=True) for c in soup.select("figure figcaption")]
    themes = [c for c in captions if c.startswith("Themes coded in answers to")]
    assert themes and all("95% intervals" in c and "Wilson" not in c for c in themes)
    details = soup.find_all("details", class_="reviewer")
    assert details and all(d.get("open") is None for d in details)
    hidden = " ".join(d.get_text(" ", strip=True) for d in details)
    for term in ("Fisher", "Holm", "Newcombe", "kappa", "statsmodels", "make coding-sheets"):
        assert term in hidden, term  # moved to the reviewers, not lost


@pytest.mark.slow
def test_the_assumed_figures_legend_is_shown_while_the_data_are_synthetic(built_project):
    from pdu_analysis.wording.assumed import LEGEND

    text = " ".join(_soup(built_project).get_text(" ", strip=True).split())
    assert LEGEND in text


def test_the_main_points_mark_a_themes_k_of_n_the_report_never_published():
    from pdu_analysis.wording.assumed import MARK, Published

    coded = pd.DataFrame(
        {"survey": ["follow_up"] * 2, "unit_id": ["u1", "u2"], "coder_1": [["time"], ["time"]]}
    )
    shares = pd.DataFrame(
        {
            "survey": ["follow_up"],
            "question_id": ["action_detail"],
            "round": ["final"],
            "label": ["Taking more time"],
            "count": [2],
            "base": [2],
        }
    )
    kappa = pd.DataFrame(columns=["label", "double_coded", "kappa", "ci_low", "ci_high", "flag"])
    quotes = pd.DataFrame(columns=["quote"])
    assumed = qwords.main_points(coded, shares, kappa, quotes, published=Published({}, synthetic=True))
    assert f"in 2 of 2{MARK} " in assumed
    shown = qwords.main_points(coded, shares, kappa, quotes, published=Published({"Action": {(2, 2)}}))
    assert "in 2 of 2 " in shown and MARK not in shown
