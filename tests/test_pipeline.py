"""The whole pipeline, run from data/raw in a scratch copy: privacy, raw safety, reproduction.

These tests share the session's one build (``built_project``, about a minute) and are marked slow;
the `make verify` comparison is checked by its ``--built`` option on that build, not a second one.
What a failing build leaves behind is tested in test_build_failures.py.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from pdu_analysis import verify
from pdu_analysis.io import read_rows
from pdu_analysis.paths import DEFAULT_RAW_DIR, PROJECT_ROOT

pytestmark = pytest.mark.slow


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _personal_values(raw: Path) -> set[str]:
    """Every name, e-mail, IP address and respondent metadata value in the raw files."""
    values: set[str] = set()
    personal = {
        "Name",
        "Email",
        "Email Address",
        "First Name",
        "Last Name",
        "IP Address",
        "Respondent ID",
        "Custom Data 1",
    }
    for path in sorted(raw.iterdir()):
        if path.suffix.lower() not in (".csv", ".xlsx") or path.name == "events.csv":
            continue
        rows = read_rows(path, sheet="Register")
        header = [str(v).strip() if v is not None else "" for v in rows[0]]
        for row in rows[1:]:
            for name, value in zip(header, row, strict=False):
                if name in personal and value is not None and str(value).strip():
                    values.add(str(value).strip())
    # Metadata values of a few characters (e.g. a one-letter custom field) would match anything.
    return {v for v in values if len(v) >= 5}


def test_outputs_hold_no_personal_data(built_project):
    values = _personal_values(DEFAULT_RAW_DIR)
    assert len(values) > 500, "the scan found too few values to be meaningful"
    lowered = {v.casefold() for v in values}
    hits = []
    outputs = [*(built_project / "data/processed").rglob("*"), *(built_project / "reports").rglob("*")]
    for path in outputs:
        if not path.is_file() or path.suffix == ".png":
            continue
        text = path.read_text(errors="ignore").casefold()
        hits += [f"{path.name}: {v}" for v in lowered if v in text]
    assert not hits, f"personal values found in outputs: {hits[:10]}"


def test_pipeline_never_writes_into_the_raw_folder(built_project):
    assert _tree_digest(built_project / "data/raw") == _tree_digest(DEFAULT_RAW_DIR)


def test_outputs_match_the_committed_manifest(built_project):
    expected = verify.read_manifest(PROJECT_ROOT / verify.MANIFEST)
    problems = verify.compare(expected, verify.collect(built_project))
    assert not problems, "\n".join(problems)


def _verify_built(folder: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pdu_analysis.verify", "--built", str(folder)]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)


def test_verify_command_reproduces_every_file(built_project):
    """The `make verify` comparison, run by its command line on the session's one build."""
    result = _verify_built(built_project)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = len(verify.read_manifest(PROJECT_ROOT / verify.MANIFEST))
    assert f"reproduced {expected} of {expected}" in result.stdout


def test_verify_command_names_a_changed_file(built_project, tmp_path):
    """A copy of the build with one table altered is reported by name and exits non-zero."""
    for name in verify.collect(built_project):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((built_project / name).read_bytes())
    table = tmp_path / "reports/tables/headline_figures.csv"
    table.write_text(table.read_text() + "\n")
    result = _verify_built(tmp_path)
    assert result.returncode == 1
    assert "differs:  reports/tables/headline_figures.csv" in result.stdout
    assert "NOT reproduced: 1 of" in result.stdout


def test_published_table_columns(built_project):
    with (built_project / "reports/tables/headline_figures.csv").open() as handle:
        header = next(csv.reader(handle))
    assert header == ["measure", "wave", "count", "base", "percent", "ci_low", "ci_high"]
