"""One dataset travels together: its exports, coding sheets and conclusions are found through
``pdu_analysis.paths.dataset``; a folder of exports alone never borrows another dataset's sheets."""

import os
import shutil
import subprocess
import sys

import pytest

from pdu_analysis import paths
from pdu_analysis.qual import coding_dir


@pytest.fixture
def clean_env(monkeypatch):
    for name in (paths.DATA_DIR_VARIABLE, paths.CODING_DIR_VARIABLE, "PDU_RAW_DIR"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_a_dataset_folder_holds_its_exports_sheets_and_conclusions(tmp_path, clean_env):
    (tmp_path / "study" / "raw").mkdir(parents=True)
    clean_env.setenv(paths.DATA_DIR_VARIABLE, str(tmp_path / "study"))
    found = paths.dataset()
    assert found.raw == (tmp_path / "study" / "raw").resolve() == paths.raw_dir()
    assert found.coding == (tmp_path / "study" / "coding").resolve() == coding_dir()
    assert found.conclusions == (tmp_path / "study" / "coding" / "conclusions.md").resolve()
    assert not found.has_coding
    (tmp_path / "study" / "coding").mkdir()
    (tmp_path / "study" / "coding" / "post_event-x-final.xlsx").write_bytes(b"")
    assert paths.dataset().has_coding


def test_a_folder_of_exports_alone_has_no_sheets_even_beside_another_datasets(tmp_path, clean_env):
    exports = tmp_path / "exports"
    exports.mkdir()
    (tmp_path / "coding").mkdir()  # someone else's sheets beside it are not this dataset's
    assert paths.dataset(exports).coding is None and paths.dataset(exports).root is None
    assert coding_dir(exports) is None
    # the shipped layout: data/raw is the raw folder of the dataset data
    assert paths.dataset(paths.DEFAULT_RAW_DIR).coding == paths.PROJECT_ROOT / "data" / "coding"
    clean_env.setenv("PDU_RAW_DIR", str(exports))
    assert paths.dataset().raw == exports.resolve() and paths.dataset().coding is None


def test_the_makefile_and_python_agree_on_the_sheets(tmp_path, clean_env):
    study = tmp_path / "study"
    (study / "raw").mkdir(parents=True)
    (study / "coding").mkdir()
    (study / "coding" / "a.xlsx").write_bytes(b"")
    done = subprocess.run(
        [
            "make",
            "-s",
            "-f",
            str(paths.PROJECT_ROOT / "Makefile"),
            "--eval",
            "show: ; @echo $(RAW_DIR) $(CODING_PREREQ)",
            "show",
            f"DATA={study}",
            f"PY={sys.executable}",
        ],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == [f"{study}/raw", str((study / "coding" / "a.xlsx").resolve())]


@pytest.mark.slow
def test_a_dataset_without_coding_sheets_builds_and_page_07_says_its_text_is_not_coded(tmp_path):
    from pdu_analysis import verify

    project = tmp_path / "project"
    project.mkdir()
    verify.copy_inputs(project)
    study = tmp_path / "held_out"
    shutil.copytree(paths.DEFAULT_RAW_DIR, study / "raw")
    env = {**os.environ, "PDU_OUTPUT_ROOT": str(project)}
    for name in ("MAKEFLAGS", "PDU_RAW_DIR", paths.CODING_DIR_VARIABLE):
        env.pop(name, None)
    done = subprocess.run(
        ["make", "--no-print-directory", "reports", f"PY={sys.executable}", "ENV_STAMP=", f"DATA={study}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    page = next((project / "reports/html").glob("07_*.html")).read_text(encoding="utf-8")
    assert "this text is not coded yet" in " ".join(page.split())
    assert list((project / "data/coding").glob("*.xlsx")), (
        "the project's own sheets were there to be picked up"
    )
    codes = (project / "data/processed/theme_codes.csv").read_text(encoding="utf-8").splitlines()
    assert len(codes) == 1, "no theme code came from another dataset's sheets"
