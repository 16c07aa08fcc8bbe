"""The benchmark's own machinery: the grower, the build helpers and the table. No timings here:
speed targets are checked by ``make bench``, which prints met or MISSED, not by the tests."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from pdu_analysis import clean, io
from pdu_analysis.paths import DEFAULT_RAW_DIR, PROJECT_ROOT
from pdu_bench import builds, grow, report, scale

SURVEYS = ("post_event_survey.csv", "follow_up_2018-06.csv", "follow_up_2019-01.csv")


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    attendance = clean.build_attendance(DEFAULT_RAW_DIR)
    surveys = clean.build_surveys(DEFAULT_RAW_DIR, attendance.tables["events"])
    return {**attendance.tables, **surveys.tables}


def _column(path: Path, name: str, header_rows: int) -> list[str]:
    rows = io.read_csv_rows(path)
    at = rows[0].index(name)
    return [r[at] for r in rows[header_rows:] if at < len(r)]


# ---- the grower ----------------------------------------------------------------------------
def test_copy_tags_keep_the_mess_within_a_copy():
    assert grow.new_email(" Ann@Example.org ", 3) == " Ann+c3@Example.org "
    assert grow.new_email("", 3) == "" and grow.new_email("  ", 3) == "  "
    assert grow.new_email("no-at-sign", 2) == "no-at-sign+c2"
    assert grow.new_email("ann@example.org", 0) == "ann@example.org"
    assert grow.new_name("Ann Example ", 2) == "Ann Example c2"
    assert grow.new_name("", 2) == ""
    shift = grow.id_mapper(["1001", "1192"])
    assert [shift("1001", 0), shift("1001", 1), shift("1192", 2)] == ["1001", "11001", "21192"]
    suffix = grow.id_mapper(["A1", "B2"])
    assert suffix("A1", 2) == "A1-c2" and suffix("A1", 0) == "A1"


def test_factor_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="1 or more"):
        grow.grow(DEFAULT_RAW_DIR, tmp_path, 0)


@pytest.mark.parametrize("factor", [2, 3])
def test_grower_multiplies_rows_with_new_people_and_unique_ids(tmp_path, factor):
    one = grow.grow(DEFAULT_RAW_DIR, tmp_path / "one", 1)
    many = grow.grow(DEFAULT_RAW_DIR, tmp_path / "many", factor)
    assert many["events.csv"] == one["events.csv"]  # the same events, titles still unique
    for name, rows in one.items():
        if name != "events.csv":
            assert many[name] == factor * rows, name
    out = tmp_path / "many"
    assert (out / "SYNTHETIC").exists()
    assert not (out / "attendance_register.xlsx").exists()
    users = _column(out / "hub_registrations.csv", "User ID", 1)
    assert len(set(users)) == len(users)
    respondents = [i for name in SURVEYS for i in _column(out / name, "Respondent ID", 2)]
    assert len(set(respondents)) == len(respondents)
    mails = {m.strip().casefold() for m in _column(out / "attendance_register.csv", "Email", 1) if m.strip()}
    base = {
        m.strip().casefold()
        for m in _column(tmp_path / "one" / "attendance_register.csv", "Email", 1)
        if m.strip()
    }
    assert len(mails) == factor * len(base)


def test_grown_once_cleans_to_the_shipped_tables(tmp_path, shipped):
    grow.grow(DEFAULT_RAW_DIR, tmp_path, 1)
    attendance = clean.build_attendance(tmp_path)
    for name in ("attendances", "people", "events", "hub_users"):
        pd.testing.assert_frame_equal(attendance.tables[name], shipped[name], obj=name)


def test_grown_twice_cleans_to_twice_the_people(tmp_path, shipped):
    grow.grow(DEFAULT_RAW_DIR, tmp_path, 2)
    attendance = clean.build_attendance(tmp_path)
    surveys = clean.build_surveys(tmp_path, attendance.tables["events"])
    tables = {**attendance.tables, **surveys.tables}
    for name in ("attendances", "people", "hub_users", "survey_responses", "survey_answers"):
        assert len(tables[name]) == 2 * len(shipped[name]), name
    assert len(tables["events"]) == len(shipped["events"])
    # every original person is still there (copy 0 is the shipped data) and 1-4 events each
    assert set(shipped["people"]["person_id"]) <= set(tables["people"]["person_id"])
    assert tables["people"]["attendances"].between(1, 4).all()
    assert (
        tables["people"]["attendances"].value_counts().sort_index()
        == 2 * shipped["people"]["attendances"].value_counts().sort_index()
    ).all()


def test_scale_step_reports_phases_rows_and_memory(tmp_path):
    grow.grow(DEFAULT_RAW_DIR, tmp_path, 1)
    result = scale.step(tmp_path)
    assert set(result["phase_seconds"]) == set(scale.PHASES)
    # grown once, the shipped register is itself: the report's 468 attendances in its two periods
    assert result["rows"]["attendances"] == 468 and result["gee_groups"] == 2
    assert result["peak_mb"] > 0


# ---- build helpers ---------------------------------------------------------------------------
def test_passthrough_keeps_only_command_line_variables():
    assert builds.passthrough_overrides("--no-print-directory -- JOBS=3 ENV=conda") == ["JOBS=3", "ENV=conda"]
    assert builds.passthrough_overrides("--no-print-directory") == []
    assert builds.passthrough_overrides("") == []


def test_changed_names_rewritten_and_new_notebooks():
    before = {"01_a.ipynb": 1, "02_b.ipynb": 2}
    after = {"01_a.ipynb": 1, "02_b.ipynb": 5, "03_c.ipynb": 7}
    assert builds.changed(before, after) == ["02_b.ipynb", "03_c.ipynb"]
    assert builds.changed(after, after) == []


def test_dependents_are_transitive():
    graph = {
        "01": set(),
        "02": set(),
        "03": {"01"},
        "04": {"02"},
        "05": {"01", "02"},
        "07": {"01", "02", "03", "04", "05"},
        "08": {"07"},
    }
    assert builds.dependents(graph, "04") == {"07", "08"}
    assert builds.dependents(graph, "01") == {"03", "05", "07", "08"}
    assert builds.dependents(graph, "08") == set()


def test_dependency_graph_is_read_from_the_makefile():
    ws = builds.in_place_workspace(extra_args=["ENV_STAMP="])
    graph = builds.dependency_graph(ws)
    assert {"01", "02", "07"} <= set(graph)
    assert not graph.get("01") and not graph.get("02")  # the cleaning waits for no notebook
    # the pages that count a theme or quote people wait for the open-text notebook's tables
    assert all("07" in graph[n] for n in ("03", "04", "05", "06", "09"))
    assert "07" not in builds.dependents(graph, "07")  # no notebook waits for itself


def test_choose_touch_prefers_the_named_analysis_notebook():
    names = ["01_a.ipynb", "02_b.ipynb", "03_c.ipynb", "04_event_feedback.ipynb", "07_r.ipynb"]
    assert builds.choose_touch(names) == "04_event_feedback.ipynb"
    assert builds.choose_touch(names[:3] + names[4:]) == "03_c.ipynb"
    assert builds.choose_touch(["01_a.ipynb", "07_r.ipynb"]) == "07_r.ipynb"
    assert builds.choose_touch([]) is None


def test_touch_makes_the_file_newer(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text("{}")
    before = path.stat().st_mtime_ns
    builds.touch(path)
    assert path.stat().st_mtime_ns > before


def test_floor_imports_come_from_the_notebooks(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "%matplotlib inline\nimport pandas as pd\nfrom pdu_analysis import io, plots\nx = 1"
        ),
        nbformat.v4.new_code_cell("import pandas as pd\nfrom . import nothing"),
        nbformat.v4.new_markdown_cell("import not_code"),
    ]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    assert builds.notebook_imports([path]) == ["import pandas as pd", "from pdu_analysis import io, plots"]
    code = builds.floor_code([path])
    assert code.splitlines()[: len(builds.STACK_IMPORTS)] == [f"import {m}" for m in builds.STACK_IMPORTS]
    assert "from pdu_analysis import io, plots" in code


def test_scratch_copy_leaves_outputs_and_environment_behind(tmp_path):
    ws = builds.scratch_workspace(tmp_path / "copy")
    assert (ws.root / "Makefile").exists() and (ws.root / "notebooks").is_dir()
    assert not (ws.root / ".venv").exists() and not (ws.root / ".git").exists()
    assert not any((ws.root / "reports").glob("*.html"))
    assert not any((ws.root / "data" / "processed").glob("*.csv"))
    assert (ws.root / "data" / "raw" / "events.csv").exists()
    assert ws.env["PDU_OUTPUT_ROOT"] == str(ws.root)
    assert ws.env["PYTHONPATH"].split(":")[0] == str(ws.root / "src")
    assert "MAKEFLAGS" not in ws.env and "ENV_STAMP=" in ws.make_args
    assert ws.notebooks() == sorted(p.name for p in (PROJECT_ROOT / "notebooks").glob(builds.NOTEBOOK_GLOB))


# ---- verdicts, table and JSON ----------------------------------------------------------------
def _scale(factor: int, seconds: float, mb: float) -> dict:
    return {
        "factor": factor,
        "seconds": seconds,
        "peak_mb": mb,
        "phase_seconds": {p: seconds / len(scale.PHASES) for p in scale.PHASES},
        "rows": {"attendances": 468 * factor, "survey_responses": 111 * factor},
    }


def _results(cold: float, noop_ran: list[str], ran: list[str], big: float) -> dict:
    return {
        "builds": {
            "jobs": "2",
            "floor": {
                "seconds": 4.0,
                "start_seconds": 0.6,
                "import_seconds": 2.5,
                "shutdown_seconds": 0.9,
                "papermill_process_seconds": 0.5,
                "notebooks": 7,
            },
            "cold": {
                "seconds": cold,
                "returncode": 0,
                "notebooks_run_count": 7,
                "notebook_seconds": {"01_a.ipynb": 4.0},
                "after_last_notebook_seconds": 2,
            },
            "noop": {
                "seconds": 0.1,
                "runs": [{"seconds": 0.1, "returncode": 0, "notebooks_run": noop_ran, "rendered": False}],
            },
            "incremental": {
                "touched": "04_e.ipynb",
                "expected": ["04_e.ipynb", "07_r.ipynb"],
                "seconds": 9.0,
                "returncode": 0,
                "notebooks_run": ran,
            },
        },
        "scale": [_scale(1, 0.5, 200), _scale(10, 1.0, 210), _scale(100, 6.0, 260), _scale(1000, big, 800)],
    }


def test_all_targets_met_reads_met_and_nothing_missed():
    rows = report.evaluate(_results(25.0, [], ["04_e.ipynb", "07_r.ipynb"], 15.0))
    statuses = {r.what.split(" (")[0].strip(): r.status for r in rows if r.status}
    assert report.MISSED not in statuses.values()
    assert statuses["cold build"] == report.MET
    assert "MISSED" not in report.summary(rows)
    ratio = next(r for r in rows if r.what == "cold / floor")
    assert ratio.value.startswith("0.89 x")


def test_each_missed_target_is_named():
    rows = report.evaluate(_results(45.0, ["03_c.ipynb"], ["01_a.ipynb", "04_e.ipynb"], 100.0))
    missed = [r.what for r in rows if r.status == report.MISSED]
    assert any(w.startswith("cold build") for w in missed)
    assert any(w.startswith("no-op build") for w in missed)
    assert any(w.startswith("incremental") for w in missed)
    assert any(w.startswith("scale 1000x") for w in missed)
    assert any(w.startswith("growth 100x -> 1000x") for w in missed)  # x16.7 > x15
    text = report.format_table(rows)
    assert "MISSED" in text and "scale 1000x" in text
    assert "MISSED:" in report.summary(rows)


def test_failed_measurements_are_reported_not_raised():
    results = {
        "builds": {"cold": {"seconds": 3.0, "returncode": 2, "notebooks_run_count": 0}},
        "scale": [{"factor": 1000, "error": "boom"}],
    }
    rows = report.evaluate(results)
    assert [r.status for r in rows] == [report.FAILED, report.FAILED]
    assert "FAILED to measure" in report.summary(rows)


def test_json_holds_measurements_and_table(tmp_path):
    results = _results(25.0, [], ["04_e.ipynb", "07_r.ipynb"], 15.0)
    rows = report.evaluate(results)
    path = report.write_json(results, rows, tmp_path / "reports" / "bench.json")
    saved = json.loads(path.read_text())
    assert saved["builds"]["cold"]["seconds"] == 25.0
    assert [r["what"] for r in saved["table"]] == [r.what for r in rows]
    assert not list(path.parent.glob("*.tmp"))
