"""A notebook run by hand (JupyterLab: no ``PDU_OUTPUT_ROOT``) never writes the build's outputs.

It reads the tidy tables the last build wrote (through a scratch copy) and writes under the
scratch folder; a build run (``PDU_OUTPUT_ROOT`` set) writes where the build said.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest

from pdu_analysis import paths, store


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with one built tidy table and one built report table."""
    root = tmp_path / "project"
    (root / "data/processed").mkdir(parents=True)
    (root / "reports/tables").mkdir(parents=True)
    (root / "data/processed/events.csv").write_text("event_id\nE01\n")
    (root / "reports/tables/03_x.csv").write_text("built\n")
    monkeypatch.delenv("PDU_OUTPUT_ROOT", raising=False)
    monkeypatch.setattr(paths, "PROJECT_ROOT", root)
    monkeypatch.setattr(paths, "SCRATCH_ROOT", root / ".scratch")
    monkeypatch.setattr(paths, "_announced", False)
    return root


def test_hand_run_writes_to_scratch_and_leaves_outputs_alone(project, capsys):
    before = _digest(project / "reports") | _digest(project / "data/processed")
    store.write_tables({"03_x": pd.DataFrame({"a": [1]})}, paths.tables_dir())
    store.write_tables({"events": pd.DataFrame({"event_id": ["E99"]})}, paths.processed_dir())
    after = _digest(project / "reports") | _digest(project / "data/processed")
    assert after == before
    assert (project / ".scratch/reports/tables/03_x.csv").read_text() == "a\n1\n"
    assert "Not run by the build: outputs go to" in capsys.readouterr().out


def test_hand_run_reads_the_last_build_then_its_own_writes(project):
    assert store.read_processed("events")["event_id"].tolist() == ["E01"]
    store.write_tables({"events": pd.DataFrame({"event_id": ["E99"]})}, paths.processed_dir())
    assert store.read_processed("events")["event_id"].tolist() == ["E99"]
    # a newer build replaces the scratch copy on the next read
    built = project / "data/processed/events.csv"
    built.write_text("event_id\nE02\n")
    later = (project / ".scratch/data/processed/events.csv").stat().st_mtime_ns + 10**9
    os.utime(built, ns=(later, later))
    assert store.read_processed("events")["event_id"].tolist() == ["E02"]


def test_build_run_writes_where_the_build_says(project, monkeypatch, tmp_path):
    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(tmp_path / "stage"))
    assert paths.tables_dir() == (tmp_path / "stage/reports/tables").resolve()
    assert paths.processed_dir() == (tmp_path / "stage/data/processed").resolve()
    assert not (project / ".scratch").exists()


def test_published_location_of_a_staged_file(project, monkeypatch, tmp_path):
    stage = tmp_path / "project/.build/stage"
    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(stage))
    page_dir = stage / "reports/html"
    assert paths.published(page_dir) == page_dir.resolve()  # not staged: where it is written
    monkeypatch.setenv("PDU_PUBLISH_ROOT", str(project))
    assert paths.published(page_dir) == (project / "reports/html").resolve()
    assert paths.published(tmp_path / "elsewhere") == (tmp_path / "elsewhere").resolve()
