"""Every notebook is committed without outputs and runs with papermill's parameters cell."""

import json
from pathlib import Path

import pytest

from pdu_analysis.report import clean_notebooks

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_there_are_nine_numbered_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_with_a_parameters_cell(path):
    notebook = json.loads(path.read_text())
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert clean_notebooks.output_cells(path) == [], f"{path.name} has outputs: clear them before committing"
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: expected one cell tagged 'parameters'"
    source = "".join(tagged[0]["source"])
    assert "raw_dir = None" in source
    # only the cleaning notebooks split periods; later pages read them from data/processed
    if path.name[:2] in ("01", "02"):
        assert "interim_cutoff = None" in source
    else:
        assert "interim_cutoff" not in source
    assert notebook["metadata"]["kernelspec"]["name"] == "pdu-analysis"
    first = "".join(notebook["cells"][0]["source"])
    assert first.startswith("# "), f"{path.name}: the first cell must hold the page title"
