"""The build decides by the raw folder's contents, never by file names or modification times.

Unit tests of :mod:`pdu_analysis.fingerprint`, then builds in scratch copies of the project (slow):
one data set, then another in the same folder (whose path and files hold spaces and brackets),
with every page checked against the second; and an export replaced by an older-dated copy of
different content re-running the cleaning.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import independent
import pytest
import rawkit
from test_other_programme import assert_headline_matches, scratch_copy

from pdu_analysis import fingerprint
from pdu_analysis.report import provenance
from pdu_synthetic import other_programme
from pdu_synthetic.other import ROUNDS

LONG_AGO = 978_307_200  # 1 Jan 2001: the date an unzip or `cp -p` can give a newer export


# ---- the fingerprint ---------------------------------------------------------------------------
def test_stamp_is_written_only_when_the_contents_change(mini_raw, tmp_path):
    stamp = tmp_path / "out" / ".raw_fingerprint"
    assert fingerprint.write_stamp(mini_raw, stamp)
    first = stamp.read_text()
    os.utime(stamp, (LONG_AGO, LONG_AGO))
    assert not fingerprint.write_stamp(mini_raw, stamp)
    assert stamp.read_text() == first and stamp.stat().st_mtime == LONG_AGO

    (mini_raw / ".DS_Store").write_bytes(b"finder junk")  # hidden files are not data
    assert not fingerprint.write_stamp(mini_raw, stamp)

    hub = mini_raw / "hub_registrations.csv"
    hub.write_bytes(hub.read_bytes() + b"4,2018-03-01,Fay Other,fay@example.org,Shop Ltd,Private\r\n")
    os.utime(hub, (LONG_AGO, LONG_AGO))  # older than the stamp, yet different content
    assert fingerprint.write_stamp(mini_raw, stamp)
    assert stamp.read_text() != first


def test_every_name_counts_spaces_brackets_and_sub_folders(mini_raw):
    before = fingerprint.of_folder(mini_raw)
    note = mini_raw / "Notes for the evaluator (1).txt"
    note.write_text("read me\n")
    with_note = fingerprint.of_folder(mini_raw)
    assert with_note != before
    note.rename(mini_raw / "Notes for the evaluator [final].txt")  # same bytes, other name
    renamed = fingerprint.of_folder(mini_raw)
    assert renamed not in (before, with_note)
    (mini_raw / "interviews and notes").mkdir()
    (mini_raw / "interviews and notes" / "R 01.txt").write_text("Interview: R01\n")
    assert fingerprint.of_folder(mini_raw) not in (before, with_note, renamed)
    assert fingerprint.of_folder(mini_raw / "missing") == fingerprint.NOT_RECORDED


def test_page_footers_show_the_stamps_digest(mini_raw):
    assert provenance.data_fingerprint(mini_raw) == fingerprint.of_folder(mini_raw)[:12]


def test_command_line_writes_the_stamp_and_refuses_a_missing_folder(mini_raw, tmp_path):
    stamp = tmp_path / "stamp"
    assert fingerprint.main([str(mini_raw), str(stamp)]) == 0
    assert stamp.read_text().strip() == fingerprint.of_folder(mini_raw)
    assert fingerprint.main([str(tmp_path / "nowhere"), str(tmp_path / "other")]) == 1
    assert not (tmp_path / "other").exists()


# ---- whole builds ------------------------------------------------------------------------------
RAW_FOLDER = "exports [second set]/raw data"
"""Raw folder of the scratch builds: its path holds spaces and brackets."""
DOWNLOAD_NAMES = {
    "attendance_register.xlsx": "Attendance register (Jan 2019).xlsx",
    "post_event_survey.csv": "Post-event feedback [all responses].csv",
    "hub_registrations.csv": "hub users (1).csv",
}
"""The second set's files under the names a download gives them (the rounds keep the names
waves.csv lists, so that the reference tables are the same for both builds)."""


def _make(project: Path, target: str, *extra: str, outputs: bool = False) -> subprocess.CompletedProcess:
    """``make TARGET`` in the copy; ``outputs``: write straight into it, as ``make verify`` builds."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PDU_OUTPUT_ROOT", "PDU_RAW_DIR", "MAKEFLAGS", "MAKELEVEL")
    }
    env["PYTHONPATH"] = str(project / "src")
    if outputs:
        env["PDU_OUTPUT_ROOT"] = str(project)
    command = ["make", "--no-print-directory", target, f"PY={sys.executable}", "ENV_STAMP=", *extra]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)


def _tail(run: subprocess.CompletedProcess) -> str:
    return (run.stdout + run.stderr)[-3000:]


def _replace_raw(target: Path, source: Path) -> None:
    shutil.rmtree(target)
    shutil.copytree(source, target)


def _executed(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "reports/executed").glob("*.ipynb"))}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The other programme (seed 4242) built, then a second draw (seed 7) in the same raw folder."""
    base = tmp_path_factory.mktemp("two-sets")
    first = other_programme(base / "first", seed=4242)
    second = other_programme(base / "second", seed=7)
    assert first.waves.read_bytes() == second.waves.read_bytes()  # only the raw folder differs
    (second.raw / "Notes for the evaluator (1).txt").write_text("Exports as downloaded, Jan 2019.\n")
    project = base / "project"
    scratch_copy(first.raw, first.waves, project)
    raw = project / RAW_FOLDER
    raw.parent.mkdir(parents=True)
    shutil.move(project / "data/raw", raw)
    params = (f"RAW_DIR={RAW_FOLDER}", f"INTERIM_CUTOFF={ROUNDS[0].cutoff.isoformat()}")
    built_first = _make(project, "reports", *params)
    assert built_first.returncode == 0, _tail(built_first)
    before = _executed(project)
    _replace_raw(raw, second.raw)
    for name, download in DOWNLOAD_NAMES.items():
        (raw / name).rename(raw / download)
    built_second = _make(project, "reports", *params)
    return project, raw, second, before, built_second


@pytest.mark.slow
def test_a_second_data_set_reruns_every_notebook_and_every_page_shows_it(two_builds):
    project, raw, second, before, built = two_builds
    assert built.returncode == 0, _tail(built)
    after = _executed(project)
    assert after.keys() == before.keys() and len(after) >= 8
    assert [name for name in after if after[name] == before[name]] == []
    # the independent count reads the files under their contract names: the same bytes
    assert_headline_matches(project, independent.figures(second.raw, second.waves))
    cleaning = (project / "reports/html").glob("01_*.html")
    assert "Notes for the evaluator (1).txt" in next(cleaning).read_text(encoding="utf-8")
    digest = provenance.data_fingerprint(raw)
    pages = sorted((project / "reports/html").glob("*.html"))
    assert len(pages) >= 9
    assert [p.name for p in pages if digest not in p.read_text(encoding="utf-8")] == []


@pytest.mark.slow
def test_an_older_dated_copy_of_different_content_reruns_the_cleaning(tmp_path):
    from pdu_analysis import verify

    project = tmp_path / "project"
    scratch_copy(
        rawkit.write_raw(tmp_path / "raw"), verify.PROJECT_ROOT / "data/reference/waves.csv", project
    )
    cleaning = next((project / "notebooks").glob("01_*.ipynb")).name
    target = f"reports/executed/{cleaning}"
    assert _make(project, target, "RAW_DIR=data/raw", outputs=True).returncode == 0
    hub_users = project / "data/processed/hub_users.csv"
    users = len(hub_users.read_text().splitlines())

    hub = project / "data/raw/hub_registrations.csv"
    rows = [*rawkit.HUB, ["4", "2018-03-01", "Fay Other", "fay@example.org", "Shop Ltd", "Private"]]
    rawkit.write_csv(hub, rows, encoding="utf-8")
    os.utime(hub, (LONG_AGO, LONG_AGO))
    rerun = _make(project, target, "RAW_DIR=data/raw", outputs=True)
    assert rerun.returncode == 0, _tail(rerun)
    assert len(hub_users.read_text().splitlines()) == users + 1

    executed = (project / target).stat().st_mtime_ns
    again = _make(project, target, "RAW_DIR=data/raw", outputs=True)
    assert again.returncode == 0 and (project / target).stat().st_mtime_ns == executed
