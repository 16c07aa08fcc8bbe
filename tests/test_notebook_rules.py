"""Drop-in pages: the make rules come from each notebook's metadata, and a new page needs no edit
to the Makefile (``pdu_analysis.report.rules``); a notebook without a tagged parameters cell stops
its run naming it (``pdu_analysis.report.execute``)."""

import json
from pathlib import Path

import nbformat
import pytest

from pdu_analysis.report import execute, new_page, rules


def _write(folder: Path, stem: str, reads=None, parameters="raw_dir = None", tagged=True) -> Path:
    cell = {
        "cell_type": "code",
        "metadata": {"tags": ["parameters"]} if tagged else {},
        "source": parameters,
        "outputs": [],
        "execution_count": None,
    }
    meta = {"pdu_analysis": {"reads": reads}} if reads is not None else {}
    path = folder / f"{stem}.ipynb"
    path.write_text(json.dumps({"cells": [cell], "metadata": meta, "nbformat": 4, "nbformat_minor": 4}))
    return path


def _rules(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in rules.make_rules(sorted(folder.glob("*.ipynb"))).splitlines()[1:]:
        target, _, rest = line.partition(": ")
        found.setdefault(target.removeprefix("$(O)reports/executed/").removesuffix(".ipynb"), []).append(rest)
    return found


def test_each_notebook_waits_for_what_its_metadata_says_it_reads(tmp_path):
    _write(tmp_path, "01_clean", ["raw"], "raw_dir = None\ninterim_cutoff = None")
    _write(tmp_path, "02_more", ["raw"])
    _write(tmp_path, "03_page", ["01"])
    _write(tmp_path, "04_text", ["02", "coding"])
    _write(tmp_path, "05_question")  # declares nothing: reads the tidy tables
    _write(tmp_path, "08_ledger", ["*"])
    found = _rules(tmp_path)
    assert found["01_clean"] == ["$(RAW_PREREQ)", "NOTEBOOK_PARAMETERS := raw_dir interim_cutoff"]
    assert found["03_page"][0] == "$(O)reports/executed/01_clean.ipynb"
    assert found["04_text"][0] == "$(CODING_PREREQ) $(O)reports/executed/02_more.ipynb"
    assert found["05_question"][0] == "$(O)reports/executed/01_clean.ipynb $(O)reports/executed/02_more.ipynb"
    assert found["05_question"][1] == "NOTEBOOK_PARAMETERS := raw_dir"
    ledger = found["08_ledger"][0].split()
    assert len(ledger) == 5 and "$(O)reports/executed/08_ledger.ipynb" not in ledger


def test_an_unknown_input_or_a_circle_is_an_error_naming_the_notebooks(tmp_path):
    _write(tmp_path, "01_a", ["raw"])
    _write(tmp_path, "03_b", ["07"])
    with pytest.raises(rules.RulesError, match=r"03_b.ipynb: metadata pdu_analysis.reads names '07'"):
        rules.make_rules(sorted(tmp_path.glob("*.ipynb")))
    _write(tmp_path, "03_b", ["04"])
    _write(tmp_path, "04_c", ["03"])
    with pytest.raises(rules.RulesError, match="circle: 03_b -> 04_c -> 03_b"):
        rules.make_rules(sorted(tmp_path.glob("*.ipynb")))


def test_the_shipped_notebooks_make_rules_that_keep_the_cleaning_first():
    from pdu_analysis import paths

    graph = {
        stem: waits
        for stem, (_, waits) in rules.dependencies(
            {
                p.stem: json.loads(p.read_text())
                for p in sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
            }
        ).items()
    }
    cleaning = {s for s in graph if s[:2] in ("01", "02")}
    assert all(not graph[s] for s in cleaning)
    assert all(set(waits) & cleaning for s, waits in graph.items() if s not in cleaning)


def test_a_notebook_without_a_tagged_parameters_cell_stops_naming_it(tmp_path):
    path = _write(tmp_path, "09_untagged", ["01"], tagged=False)
    with pytest.raises(
        execute.NotebookFailed, match=r"09_untagged.ipynb: no code cell is tagged 'parameters'"
    ):
        execute.execute_notebook(path, tmp_path / "out" / "09_untagged.ipynb", progress=False)
    assert not (tmp_path / "out" / "09_untagged.ipynb").exists()


def test_new_page_takes_the_next_number_and_everything_a_page_needs(tmp_path):
    _write(tmp_path, "01_clean", ["raw"])
    _write(tmp_path, "07_text", ["01"])
    path = new_page.create("my_question", tmp_path)
    assert path.name == "08_my_question.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "pdu-analysis"
    assert nb.metadata["pdu_analysis"] == {"page": {"audience": "readers"}, "reads": ["01", "02"]}
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "raw_dir = None" in tagged[0].source
    assert nb.cells[0].source.startswith("# My question")
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert any("paths.figures_dir()" in c.source for c in nb.cells)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "store.write_tables({figure_name: table}, paths.tables_dir())" in code and ".to_csv(" not in code
    with pytest.raises(ValueError, match="already exists"):
        new_page.create("my_question", tmp_path)
    with pytest.raises(ValueError, match="NAME='My Question!'"):
        new_page.create("My Question!", tmp_path)


@pytest.mark.slow
def test_a_new_page_builds_and_is_linked_from_the_index(built_project, tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    from bs4 import BeautifulSoup

    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)  # a new raw folder path: every notebook reruns
    taken = {p.stem.split("_", 1)[1] for p in (project / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    names = ["my_question", *(f"my_question_{i}" for i in range(2, 100))]
    name = next(n for n in names if n not in taken)  # its heading starts "My question" either way
    path = new_page.create(name, project / "notebooks")  # a name no page of the project has yet
    env = {**os.environ, "PDU_OUTPUT_ROOT": str(project), "PDU_RAW_DIR": str(project / "data/raw")}
    env.pop("MAKEFLAGS", None)
    done = subprocess.run(
        ["make", "--no-print-directory", "reports", f"PY={sys.executable}", "ENV_STAMP=", "RAW_DIR=data/raw"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    ran = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("executed ")]
    assert path.stem in ran
    index = BeautifulSoup((project / "reports/html/index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.find("a", href=f"{path.stem}.html") is not None
    page = (project / "reports/html" / f"{path.stem}.html").read_text(encoding="utf-8")
    assert "My question" in page and 'class="synthetic-banner"' in page and 'rel="prev"' in page
    table = project / "reports/tables" / f"{path.stem}_sector_by_period.csv"
    assert table.read_text(encoding="utf-8").startswith("group,label,")  # the example's table, written
