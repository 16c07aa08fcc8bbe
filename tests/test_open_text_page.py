"""The open-text page in the whole pipeline: quotes shown, the Pledge reproduced, nothing personal.

Uses the session's scratch build (slow). The privacy scan of every output is in test_pipeline.py;
here the page's own promises are checked.
"""

from __future__ import annotations

import csv
import html
import re

import pytest

pytestmark = pytest.mark.slow


def _page_text(built_project) -> str:
    page = (built_project / "reports/html/07_open_text.html").read_text(encoding="utf-8")
    page = re.sub(r"<img[^>]*>|<style.*?</style>|<script.*?</script>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_page_shows_at_least_three_approved_redacted_quotes(built_project):
    with open(built_project / "reports/tables/07_quotes.csv", encoding="utf-8", newline="") as fh:
        quotes = [row["quote"] for row in csv.DictReader(fh)]
    assert len(quotes) >= 3
    text = " ".join(_page_text(built_project).split())
    assert all(" ".join(q.split()) in text for q in quotes)
    assert "[name]" in " ".join(quotes)  # an interview quote named someone, and shows only [name]


def test_reproduction_ledger_marks_the_pledge_reproduced(built_project):
    with open(built_project / "reports/reproduction.csv", encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["id"] == "pledge_interim")
    assert (row["computed"], row["status"]) == ("5", "reproduced")


def test_theme_tables_carry_k_n_and_intervals(built_project):
    with open(built_project / "reports/tables/07_theme_shares.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"count", "base", "ci_low", "ci_high"} <= set(rows[0])
    assert all(float(r["ci_low"]) <= float(r["percent"]) <= float(r["ci_high"]) for r in rows)
    with open(built_project / "reports/tables/07_kappa.csv", encoding="utf-8", newline="") as fh:
        kappa = list(csv.DictReader(fh))
    assert any(r["kappa"] not in ("", "nan") for r in kappa)
