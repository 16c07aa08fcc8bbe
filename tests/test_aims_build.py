"""The aims page in the shipped build (slow: real notebooks).

A changed answer that a conclusion's figure counts stops ``make reports`` naming the conclusions
file, the sentence and both figures, and leaves every output as it was; the statutory-share change
carries one strength word on every page that cites it, the word the clustering checks give.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_build_failures import _outputs, make_reports

from pdu_analysis import aims
from pdu_analysis.stats import robustness

pytestmark = pytest.mark.slow

QUESTION = "Have you taken any action"


def _one_yes_to_no(export: Path) -> None:
    """In a SurveyMonkey CSV (two header rows), the first "Yes" to QUESTION made "No"."""
    raw = export.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        encoding, text = "utf-8", raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # SurveyMonkey's Windows export
        encoding, text = "cp1252", raw.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column = next(i for i, h in enumerate(rows[0]) if h.startswith(QUESTION))
    row = next(r for r in rows[2:] if r[column] == "Yes")
    row[column] = "No"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n" if b"\r\n" in raw else "\n").writerows(rows)
    export.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding))


def _final_export(project: Path) -> Path:
    """The export file of the latest follow-up round (the waves table's last row)."""
    waves = pd.read_csv(project / "data/reference/waves.csv", dtype=str)
    return project / "data/raw" / waves.iloc[-1]["file"]


def test_a_changed_answer_stops_the_build_naming_the_sentence(built_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)
    head = pd.read_csv(project / "reports/tables/headline_figures.csv")
    acted = head[(head["measure"] == "took_action") & (head["wave"] == "final")].iloc[0]
    k, n = int(acted["count"]), int(acted["base"])
    conclusions = project / "data/coding/conclusions.md"
    cited = [
        s
        for block in aims.prose._sections(conclusions.read_text(encoding="utf-8"), conclusions).values()
        for s in aims.prose.sentences(block)
        if f"{k} of {n} [took_action.final]" in s
    ]
    assert len(cited) == 1, "the shipped conclusions cite took_action.final as a literal k of n"
    before = _outputs(project)
    _one_yes_to_no(_final_export(project))

    result = make_reports(project)

    message = result.stdout + result.stderr
    assert result.returncode != 0, message[-3000:]
    assert "conclusions.md" in message
    assert cited[0] in message
    assert f'"{k} of {n}"' in message and f'"{k - 1} of {n}"' in message
    assert "Traceback" not in message
    assert _outputs(project) == before


def test_statutory_change_has_one_strength_word_everywhere(built_project):
    tables = built_project / "reports/tables"
    evidence = pd.read_csv(tables / "09_aims_evidence.csv")
    rated = evidence.loc[evidence["indicator"] == "statutory_share.change", "strength"].iloc[0]
    attendances = pd.read_csv(built_project / "data/processed/attendances.csv", dtype=str)
    periods = list(dict.fromkeys(attendances["period"]))
    recomputed = robustness.change_robustness(
        attendances, first=periods[0], second=periods[-1], success="statutory"
    )
    assert rated == recomputed.rating
    comparison = pd.read_csv(tables / "06_sector_comparison.csv")
    assert comparison["robustness"].iloc[-1] == rated
    sentence = comparison["robustness_sentence"].iloc[-1]
    assert sentence.endswith(f"the evidence is {rated}.")
    points = pd.read_csv(tables / "main_points.csv").set_index("key")
    assert sentence in points.loc["sector_change", "text"]
    pages = built_project / "reports/html"
    for page in ("03_who_attends.html", "06_interim_vs_final.html", "09_aims.html"):
        assert f"the evidence is {rated}." in (pages / page).read_text(encoding="utf-8"), page
    assert points.loc["aims", "href"] == "09_aims.html"
    assert 'href="09_aims.html"' in (pages / "index.html").read_text(encoding="utf-8")


def test_shipped_page_shows_every_aim_with_rating_and_conclusion(built_project):
    page = (built_project / "reports/html/09_aims.html").read_text(encoding="utf-8")
    table = aims.load_aims().drop_duplicates("aim")
    for heading in table["heading"]:
        assert heading in page
    assert page.count("Strength of the evidence:") == len(table)
    assert page.count("The evaluator's conclusion.") == len(table)
    assert "have not been written" not in page
    assert "{{" not in page and "[took_action.final]" not in page
