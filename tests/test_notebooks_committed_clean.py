"""Every notebook is committed without outputs and runs with papermill's parameters cell."""

import json
from pathlib import Path

import pytest

from pdu_analysis.report import clean_notebooks, pages

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_numbered_notebooks_have_distinct_numbers_and_a_place():
    numbers = [p.name[:2] for p in NOTEBOOKS]
    assert len(numbers) == len(set(numbers)) and {"01", "02"} <= set(numbers)
    for path in NOTEBOOKS:  # raises, naming the notebook, on an unknown audience or order
        pages.place_of_notebook(json.loads(path.read_text()), path.stem)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_with_a_parameters_cell(path):
    notebook = json.loads(path.read_text())
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert clean_notebooks.output_cells(path) == [], f"{path.name} has outputs: clear them before committing"
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: expected one cell tagged 'parameters'"
    source = "".join(tagged[0]["source"])
    assert "raw_dir = None" in source
    # only notebooks reading the raw exports split periods; later pages read them from data/processed
    reads = notebook["metadata"].get("pdu_analysis", {}).get("reads")
    if "interim_cutoff" in source:
        assert reads and "raw" in reads and "interim_cutoff = None" in source
    assert notebook["metadata"]["kernelspec"]["name"] == "pdu-analysis"
    first = "".join(notebook["cells"][0]["source"])
    assert first.startswith("# "), f"{path.name}: the first cell must hold the page title"
