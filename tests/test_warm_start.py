"""The kernel started before papermill (report.warm_kernel) runs the notebook as a fresh one would.

What it sends before the first cell is imports only: the notebook must see no name of its own,
its first cell must be execution 1, and a module that cannot be imported must fail in the
notebook's own cell, with the build's usual message.
"""

from __future__ import annotations

import nbformat
import pytest

from pdu_analysis.report import execute, warm_kernel


def _notebook(*sources: str):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raw_dir = None", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_imports_are_read_from_top_level_statements_in_order():
    nested = "def f():\n    import csv\n"
    nb = _notebook("import json\nfrom os import path, sep\n", "%matplotlib inline", nested)
    nb.cells.append(nbformat.v4.new_markdown_cell("import never"))
    nb.cells.append(nbformat.v4.new_code_cell("from . import local\nimport json"))
    assert warm_kernel.imported_modules(nb) == ["json", "os", "os.path", "os.sep"]


def test_warm_up_code_imports_and_leaves_no_name_behind():
    namespace: dict = {}
    exec(warm_kernel.warm_up_code(["json", "no_such_module_here"]), namespace)  # noqa: S102
    assert [name for name in namespace if name != "__builtins__"] == []


@pytest.mark.slow
def test_a_warm_started_notebook_sees_a_fresh_namespace(tmp_path, monkeypatch):
    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(tmp_path / "out"))
    source = tmp_path / "probe.ipynb"
    probe = "print(sorted(n for n in dir() if 'pdu' in n or n.startswith('_m')))"
    nbformat.write(_notebook("import json", probe), source)
    out = execute.execute_notebook(source, tmp_path / "probe.out.ipynb", progress=False)
    cells = nbformat.read(out, as_version=4).cells
    counts = [c.execution_count for c in cells if c.cell_type == "code"]
    assert counts[0] == 1 and counts == sorted(counts)
    assert cells[-1].outputs[0]["text"].strip() == "[]"


@pytest.mark.slow
def test_a_module_that_cannot_be_imported_fails_in_its_own_cell(tmp_path, monkeypatch):
    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(tmp_path / "out"))
    source = tmp_path / "broken.ipynb"
    nbformat.write(_notebook("x = 1", "import no_such_module_for_the_pdu"), source)
    with pytest.raises(execute.NotebookFailed) as failure:
        execute.execute_notebook(source, tmp_path / "broken.out.ipynb", progress=False)
    assert "cell 3" in str(failure.value) and "ModuleNotFoundError" in str(failure.value)
    assert not (tmp_path / "broken.out.ipynb").exists()
