"""Notebooks 03 and 04 run end to end on the miniature raw folder.

The runs start Jupyter kernels (01 to 04, about 20 s), so every test that uses them is marked slow;
the check of the committed form reads JSON only and runs in ``make test-fast``.

The miniature study is tiny (4 people, 3 responses), which is the hard case for these pages: almost
every count is between 1 and 4 and some questions were never asked. The notebooks must still run,
hide the small counts, and say so, and their committed form must carry no outputs.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import matplotlib.image
import nbformat
import pytest

from pdu_analysis.paths import NOTEBOOKS_DIR
from pdu_analysis.report import execute, render

NOTEBOOKS = ["03_who_attends", "04_event_feedback"]
FIGURES = {
    # On the miniature data page 03 withholds the tables behind its other charts (see below).
    "03_who_attends": ["03_events_per_person", "03_statutory_share", "03_communities_of_practice"],
    "04_event_feedback": ["04_understanding", "04_awareness", "04_share_plan", "04_intend_change"],
}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_form(name):
    raw = json.loads((NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert (raw["nbformat"], raw["nbformat_minor"]) == (4, 4)
    assert raw["metadata"]["kernelspec"] == {
        "name": "pdu-analysis",
        "language": "python",
        "display_name": "PDU analysis (Python 3.11)",
    }
    cells = raw["cells"]
    assert all("id" not in c for c in cells)
    assert all(
        c.get("outputs") == [] and c.get("execution_count") is None for c in cells if c["cell_type"] == "code"
    )
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# ")
    assert sum(line.startswith("# ") for line in first.splitlines()) == 1
    params = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1
    code = "".join(params[0]["source"])
    assert "raw_dir = None" in code and "interim_cutoff" not in code
    assert sum("".join(c["source"]).startswith("## ") for c in cells if c["cell_type"] == "markdown") >= 4


@pytest.fixture(scope="module")
def mini_run(tmp_path_factory):
    import rawkit

    root = tmp_path_factory.mktemp("nb0304")
    raw = rawkit.write_raw(root / "raw")
    out = root / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PDU_OUTPUT_ROOT", str(out))
        mp.setenv("PDU_RAW_DIR", str(raw))
        mp.setenv("PDU_SALT", "test-salt-notebooks-03-04")
        executed = {}
        for name in ["01_clean_attendance", "02_clean_surveys", *NOTEBOOKS]:
            target = out / "reports" / "executed" / f"{name}.ipynb"
            execute.execute_notebook(
                NOTEBOOKS_DIR / f"{name}.ipynb",
                target,
                {
                    "raw_dir": str(raw),
                    **({"interim_cutoff": "2018-06-30"} if name[:2] in ("01", "02") else {}),
                },
                progress=False,
            )
            executed[name] = target
        pages = render.render_all([executed[n] for n in NOTEBOOKS], out / "reports" / "html")
    return {"out": out, "executed": executed, "pages": pages}


def _outputs_text(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output["text"])
            for kind in ("text/plain", "text/markdown", "text/html"):
                parts.append(str(output.get("data", {}).get(kind, "")))
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_saves_its_figures(mini_run, name):
    figures = mini_run["out"] / "reports" / "figures"
    for figure in FIGURES[name]:
        path = figures / f"{figure}.png"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", figure
        pixels = matplotlib.image.imread(path)[..., :3]
        inked = (pixels < 0.9).any(axis=-1).mean()  # share of pixels darker than near-white
        assert 0.01 < inked < 0.9, f"{figure}: {inked:.1%} of the image is drawn on"
    text = _outputs_text(mini_run["executed"][name])
    assert "Traceback" not in text


# Withheld on the miniature data, worked out by hand from tests/rawkit.py: the statutory share
# prints 1 of 4 attendances to the cut-off and 1 of 2 after it, which gives every sector count by
# period (so any "<5" in the sector-by-period or per-event table is known), and 6 attendances in
# 4 fields cannot all be 1 to 4 with their total printed; the 3 hub users are 1 per sector.
WITHHELD = {
    "03_sector_by_period_counts": "The table of attendances by sector and period",
    "03_field_of_work_share": "The field-of-work breakdown",
    "03_field_of_work_by_sector": "The table of field of work by sector",
    "03_sector_by_event": "The table of attendances by event and sector",
    "03_hub_by_sector": "The breakdown of hub users by sector",
}
DRAWN_FROM = {
    "03_sector_mix_by_event": "03_sector_by_event",
    "03_field_of_work": "03_field_of_work_share",
    "03_hub_by_sector": "03_hub_by_sector",
}


@pytest.mark.slow
def test_who_attends_withholds_what_it_cannot_protect_and_says_so(mini_run):
    text = _outputs_text(mini_run["executed"]["03_who_attends"])
    assert "Compare the two separate periods" in text  # cumulative vs disjoint, computed
    assert "Chi-square test of sector by period" in text  # the test stays with the share
    tables = mini_run["out"] / "reports" / "tables"
    figures = mini_run["out"] / "reports" / "figures"
    for table, what in WITHHELD.items():
        assert f"{what} is not published: with these numbers no layout keeps small counts" in text
        assert not (tables / f"{table}.csv").exists(), table
    for figure in DRAWN_FROM:
        assert not (figures / f"{figure}.png").exists(), figure
    with (tables / "03_sector_share.csv").open(newline="") as handle:
        share = {
            r["figure"]: (r["count"], r["base"]) for r in csv.DictReader(handle) if r["basis"] == "disjoint"
        }
    assert sorted(share.values()) == [("1", "2"), ("1", "4")]


@pytest.mark.slow
def test_event_feedback_copes_with_questions_never_asked(mini_run):
    text = _outputs_text(mini_run["executed"]["04_event_feedback"])
    assert "no responses to this question" in text  # awareness is not in the mini export
    assert "too few for percentages" in text  # base caveat computed from the numbers
    tables = mini_run["out"] / "reports" / "tables"
    assert (tables / "04_understanding.csv").exists()
    assert (tables / "04_share_plan.csv").exists()


@pytest.mark.slow
def test_pages_render_with_contents_and_alt_text(mini_run):
    pages = {page.stem: page for page in mini_run["pages"]}
    for name in NOTEBOOKS:
        html = pages[name].read_text(encoding="utf-8")
        assert 'class="contents"' in html
        assert "No description has been provided" not in html
        assert html.count('class="pdu-figure"') == len(FIGURES[name])
