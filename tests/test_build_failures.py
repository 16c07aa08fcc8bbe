"""A failed ``make reports`` changes no output and names the file at fault (slow: real notebooks).

One good build (the session's ``built_project``) is copied for each case; one raw file is broken;
``make reports`` must fail with a message naming that file, and every file under data/processed
and reports/ must keep its bytes and its modification time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a workbook")


def _not_a_survey(path: Path) -> None:
    path.write_text("Respondent,Answer\n1,yes\n", encoding="utf-8")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _missing(path: Path) -> None:
    path.unlink()


def _unplaceable(path: Path) -> None:
    path.write_text("Item,Cost\npens,3\n", encoding="utf-8")


def _title_banner(path: Path) -> None:
    path.write_bytes(b"Events list, exported from the diary\r\n" + path.read_bytes())


def _month_first(path: Path) -> None:
    """Hub registration dates rewritten MM/DD/YYYY (US style), as a US-set spreadsheet saves them."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("Registered")
    for row in rows[1:]:
        year, month, day = row[column].split("-")
        row[column] = f"{month}/{day}/{year}"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


CASES = {
    "broken register": (
        "attendance_register.xlsx",
        _garbage,
        ["attendance_register.xlsx", "not an Excel workbook"],
    ),
    "broken follow-up export": (
        "follow_up_2019-01.csv",
        _not_a_survey,
        ["follow_up_2019-01.csv", "SurveyMonkey"],
    ),
    "empty file": ("post_event_survey.csv", _empty, ["post_event_survey.csv", "empty"]),
    "missing file": ("hub_registrations.csv", _missing, ["hub_registrations.csv", "file not found"]),
    "header below a title": ("events.csv", _title_banner, ["events.csv", "the header must be the first row"]),
    "month-first dates": ("hub_registrations.csv", _month_first, ["hub_registrations.csv", "month first"]),
    "spreadsheet that is no input": (
        "Budget 2019 (1).csv",
        _unplaceable,
        ["Budget 2019 (1).csv", "none of the inputs"],
    ),
}


def _outputs(root: Path) -> dict[str, tuple[str, int]]:
    """Bytes and modification time of every file under data/processed and reports/."""
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for folder in ("data/processed", "reports")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def make_reports(project: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PDU_OUTPUT_ROOT", "MAKEFLAGS", "MAKELEVEL")}
    command = [
        "make",
        "--no-print-directory",
        "reports",
        f"PY={sys.executable}",
        "ENV_STAMP=",
        "RAW_DIR=data/raw",
    ]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("case", list(CASES))
def test_failed_build_changes_no_output_and_names_the_file(case, built_project, tmp_path):
    name, breaks, fragments = CASES[case]
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)
    before = _outputs(project)
    assert any(k.startswith("data/processed/") for k in before) and "reports/html/index.html" in before
    breaks(project / "data/raw" / name)

    result = make_reports(project)

    message = result.stdout + result.stderr
    assert result.returncode != 0, message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert "Traceback" not in message
    assert "the failed run is kept in .build/stage" in message
    assert _outputs(project) == before
