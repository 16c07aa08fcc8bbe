"""Waves are data: a third follow-up round and half a year more register flow into every output.

Builds, from the shipped files, a raw folder with a July 2019 follow-up export (new collector, new
dates, new respondent ids, different answers) and two more learning events with their sign-ins,
then runs the whole pipeline on it. Marked slow: it runs every notebook.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from scipy.stats import fisher_exact

from pdu_analysis import verify
from pdu_analysis.paths import DEFAULT_RAW_DIR

pytestmark = pytest.mark.slow

NEW_COLLECTOR = "250001234"


def _third_wave(source: Path, target: Path) -> None:
    """follow_up_2019-07.csv from the final round: July dates, new ids, answers flipped."""
    text = source.read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    column = {
        name: header.index(name) for name in ("Respondent ID", "Collector ID", "Start Date", "End Date")
    }
    took_action = header.index("Have you taken any action as a result of things you learnt at PDU events?")
    for number, row in enumerate(rows[2:]):
        if not any(cell.strip() for cell in row[column["Start Date"] :]):
            continue
        row[column["Respondent ID"]] = str(90000000000 + number)
        row[column["Collector ID"]] = NEW_COLLECTOR
        row[column["Start Date"]] = f"07/{number % 20 + 1:02d}/2019 10:00:00 AM"
        row[column["End Date"]] = f"07/{number % 20 + 1:02d}/2019 10:09:00 AM"
        if row[took_action] == "No":
            row[took_action] = "Yes"  # by July more people report action
    with target.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def _more_events_and_register(raw: Path) -> None:
    """Two learning events in spring 2019, attended by people already in the register."""
    events = (raw / "events.csv").read_text(encoding="utf-8").rstrip("\r\n")
    events += (
        "\r\nE20,2019-03-12,Trauma Informed Approaches: a refresher,Trauma,learning_event,"
        "held,\r\nE21,2019-05-14,Housing First: two years on,Housing,learning_event,held,\r\n"
    )
    (raw / "events.csv").write_text(events, encoding="utf-8", newline="")
    book = load_workbook(raw / "attendance_register.xlsx")
    sheet = book["Register"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    signed, seen = [], set()
    for row in rows[1:]:
        mail = str(row[3] or "").strip().casefold()
        if mail and mail not in seen:
            seen.add(mail)
            signed.append(row)
    signed = signed[:30]
    fresh = Workbook()
    fresh.active.title = "Register"
    for row in rows:
        fresh.active.append(row)
    for index, row in enumerate(signed):
        title, day = (
            ("Trauma Informed Approaches: a refresher", datetime(2019, 3, 12))
            if index % 2
            else ("Housing First: two years on", datetime(2019, 5, 14))
        )
        fresh.active.append([title, day, *row[2:]])
    fresh.save(raw / "attendance_register.xlsx")


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("grown")
    for name in verify.INPUTS:
        source = verify.PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    # The evaluator's conclusions were written for the shipped rounds: a new wave changes figures they
    # cite, and the build rightly stops naming each one (tests/test_aims_build.py) until they are
    # rewritten. This copy is the wave before anyone has rewritten them.
    (project / "data/coding/conclusions.md").unlink()
    raw = project / "data/raw"
    _third_wave(DEFAULT_RAW_DIR / "follow_up_2019-01.csv", raw / "follow_up_2019-07.csv")
    _more_events_and_register(raw)
    env = {**os.environ, "PDU_OUTPUT_ROOT": str(project), "PDU_RAW_DIR": str(raw)}
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "pipeline",
            f"PY={sys.executable}",
            "ENV_STAMP=",
            "RAW_DIR=data/raw",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project


def test_third_wave_in_the_headline_table(grown):
    headline = pd.read_csv(grown / "reports/tables/headline_figures.csv", dtype={"wave": str})
    took = headline[headline["measure"] == "took_action"].set_index("wave")
    assert {"interim", "final", "2019-07"} <= set(took.index)
    assert took.loc["2019-07", "base"] == 29
    assert took.loc["2019-07", "count"] == 29  # every "No" became "Yes"
    assert took.loc["final", "count"] == 19


def test_third_wave_compared_with_the_same_statistics(grown):
    """final -> 2019-07 and interim -> 2019-07 join interim -> final, with Fisher's p from scipy."""
    comparisons = pd.read_csv(
        grown / "reports/tables/06_wave_comparisons.csv", dtype={"first": str, "second": str}
    )
    took = comparisons[(comparisons["question_id"] == "took_action") & (comparisons["option"] == "Yes")]
    assert set(zip(took["first"], took["second"], took["pair"], strict=True)) == {
        ("interim", "final", "consecutive"),
        ("final", "2019-07", "consecutive"),
        ("interim", "2019-07", "first vs latest"),
    }
    headline = pd.read_csv(grown / "reports/tables/headline_figures.csv", dtype={"wave": str})
    counts = headline[headline["measure"] == "took_action"].set_index("wave")
    k0, n0 = int(counts.loc["interim", "count"]), int(counts.loc["interim", "base"])
    by_first = took[took["second"] == "2019-07"].set_index("first")
    for first, (k1, n1) in {"final": (19, 29), "interim": (k0, n0)}.items():
        row = by_first.loc[first]
        assert (row["k1"], row["n1"], row["k2"], row["n2"]) == (k1, n1, 29, 29)
        # tables hold floats at six significant digits (store.SIGNIFICANT_DIGITS)
        assert row["p_value"] == pytest.approx(fisher_exact([[k1, n1 - k1], [29, 0]])[1], rel=1e-5)
        assert row["diff"] == pytest.approx(100 * (1 - k1 / n1), rel=1e-5)
        assert f"With {n1} ({first}) and 29 (2019-07) responses" in row["sentence"]
    # 19 of 29 then 29 of 29: Fisher's p = 0.0008 by scipy, so the sentence calls it evidence
    assert "is evidence of change" in by_first.loc["final", "sentence"]


def test_new_attendances_form_a_later_period(grown):
    attendances = pd.read_csv(grown / "data/processed/attendances.csv", dtype=str)
    assert len(attendances) == 468 + 30
    assert (attendances["period"] == "after_final").sum() == 30
    headline = pd.read_csv(grown / "reports/tables/headline_figures.csv", dtype={"wave": str})
    shares = headline[headline["measure"] == "statutory_share"]
    assert "after_final" in set(shares["wave"])


def test_third_wave_reaches_the_html(grown):
    for page in ("05_follow_up.html", "06_interim_vs_final.html"):
        assert "2019-07" in (grown / "reports/html" / page).read_text()
    assert "2019-07" in (grown / "reports/html/index.html").read_text()


def test_new_round_and_later_events_are_logged_and_noted(grown):
    surveys = pd.read_csv(grown / "data/processed/cleaning_log_surveys.csv", dtype=str)
    mine = surveys[surveys["source"] == "follow_up: follow_up_2019-07.csv"].set_index("step")
    assert mine.loc["collector in the export", "rows_in"] == "29"
    assert f"collector {NEW_COLLECTOR}" in mine.loc["collector in the export", "detail"]
    assert "not listed" in mine.loc["collector in the export", "detail"]
    assert "fieldwork month" in mine.loc["round of the export", "detail"]
    assert NEW_COLLECTOR in (grown / "reports/html/02_clean_surveys.html").read_text()
    # the two spring 2019 events fall after the last cut-off in waves.csv: listed, and on page 01
    attendance = pd.read_csv(grown / "data/processed/cleaning_log_attendance.csv", dtype=str)
    outside = attendance.set_index("step").loc["events outside the study window", "detail"]
    assert "E20" in outside and "E21" in outside
    page = (grown / "reports/html/01_clean_attendance.html").read_text()
    assert "E20 " in page and "falls outside" not in page and "fall outside" in page
