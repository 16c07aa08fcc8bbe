"""The staging build on its own: a failed command changes nothing, a good one is promoted file by file.

The "build" here is a small Python command that edits files under ``PDU_OUTPUT_ROOT`` the way the
notebooks do, so every expected tree is known by construction, without running a notebook.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from pdu_analysis.report import transaction

EDIT = """
import os, pathlib, sys
root = pathlib.Path(os.environ["PDU_OUTPUT_ROOT"])
(root / "reports/tables/a.csv").write_text("a,changed\\n")
(root / "reports/figures").mkdir(parents=True, exist_ok=True)
(root / "reports/figures/new.png").write_bytes(b"png")
(root / "data/processed/gone.csv").unlink()
sys.exit(int(sys.argv[1]))
"""


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for name in transaction.OUTPUTS
        for p in sorted((root / name).rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for rel, text in {
        "reports/tables/a.csv": "a,old\n",
        "reports/tables/b.csv": "b,kept\n",
        "reports/executed/01_x.ipynb": "{}",
        "data/processed/gone.csv": "x\n",
        "data/processed/.gitkeep": "",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _build(project: Path, status: int) -> int:
    command = [sys.executable, "-c", EDIT, str(status)]
    return transaction.run(command, root=project, stage=Path(".build/stage"))


def test_failed_build_changes_nothing_and_keeps_the_staged_run(project, capsys):
    before = _tree(project)
    assert _build(project, 3) == 3
    assert _tree(project) == before
    staged = project / ".build/stage"
    assert (staged / "reports/tables/a.csv").read_text() == "a,changed\n"
    assert "nothing in data/processed or reports/ was changed" in capsys.readouterr().err


def test_successful_build_promotes_changes_and_removals_only(project):
    kept = (project / "reports/tables/b.csv").stat().st_ino
    assert _build(project, 0) == 0
    expected = {
        "reports/tables/a.csv": hashlib.sha256(b"a,changed\n").hexdigest(),
        "reports/tables/b.csv": hashlib.sha256(b"b,kept\n").hexdigest(),
        "reports/figures/new.png": hashlib.sha256(b"png").hexdigest(),
        "reports/executed/01_x.ipynb": hashlib.sha256(b"{}").hexdigest(),
        "data/processed/.gitkeep": hashlib.sha256(b"").hexdigest(),
    }
    assert _tree(project) == expected
    # an unchanged file is left where it was, not replaced by its copy
    assert (project / "reports/tables/b.csv").stat().st_ino == kept


def test_seed_keeps_modification_times_so_make_sees_the_last_build(project, tmp_path):
    old = 1_500_000_000_000_000_000
    os.utime(project / "reports/tables/b.csv", ns=(old, old))
    transaction.seed(project, tmp_path / "stage")
    assert (tmp_path / "stage/reports/tables/b.csv").stat().st_mtime_ns == old
    assert transaction.promote(tmp_path / "stage", project) == []


def test_first_build_with_no_outputs_yet(tmp_path):
    command = [
        sys.executable,
        "-c",
        "import os, pathlib; p = pathlib.Path(os.environ['PDU_OUTPUT_ROOT']); "
        "(p / 'reports/x.txt').write_text('x')",
    ]
    assert transaction.run(command, root=tmp_path, stage=Path(".build/stage")) == 0
    assert (tmp_path / "reports/x.txt").read_text() == "x"


def test_command_line_needs_a_command(capsys):
    with pytest.raises(SystemExit):
        transaction.main(["--stage", "s"])
    assert "no command given" in capsys.readouterr().err


def test_a_second_build_in_the_same_folder_stops_at_once(project, capsys):
    import fcntl

    lock_path = project / ".build/stage.lock"
    lock_path.parent.mkdir(parents=True)
    before = _tree(project)
    with open(lock_path, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert _build(project, 0) == 1
    assert _tree(project) == before
    assert "another build is running" in capsys.readouterr().err
