"""One source of truth for periods: the cut-off the cleaning applies reaches page 03's figures.

Notebook 01 runs with two interim cut-offs on the miniature raw folder; notebook 03 takes no
cut-off and must split (not just relabel) its statutory share with the one 01 applied. Expected
counts are worked out by hand from tests/rawkit.py's register: two attendances each on 12 Oct 2017
(one statutory), 8 Mar 2018 (none) and 15 Nov 2018 (one). Slow: starts Jupyter kernels.
"""

from __future__ import annotations

import csv

import pytest
import rawkit

from pdu_analysis.paths import NOTEBOOKS_DIR
from pdu_analysis.report import execute

pytestmark = pytest.mark.slow


def _disjoint_rows(out) -> dict[str, tuple[int, int]]:
    with (out / "reports/tables/03_sector_share.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["basis"] == "disjoint"]
    return {r["figure"]: (int(r["count"]), int(r["base"])) for r in rows}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("cutoff")
    raw = rawkit.write_raw(root / "raw")
    results = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PDU_RAW_DIR", str(raw))
        mp.setenv("PDU_SALT", "test-salt-cutoff")
        for cutoff in (None, "2018-03-01"):
            out = root / f"out-{cutoff}"
            mp.setenv("PDU_OUTPUT_ROOT", str(out))
            steps = [
                ("01_clean_attendance", {"raw_dir": str(raw), "interim_cutoff": cutoff}),
                ("02_clean_surveys", {"raw_dir": str(raw), "interim_cutoff": cutoff}),
                ("03_who_attends", {"raw_dir": str(raw)}),
            ]
            for name, parameters in steps:
                execute.execute_notebook(
                    NOTEBOOKS_DIR / f"{name}.ipynb",
                    out / "reports/executed" / f"{name}.ipynb",
                    parameters,
                    progress=False,
                )
            results[cutoff] = out
    return results


def test_waves_csv_cutoff_is_the_default(runs):
    assert _disjoint_rows(runs[None]) == {
        "To 30 June 2018, this period alone": (1, 4),
        "After 30 June 2018, this period alone": (1, 2),
    }


def test_an_overridden_cutoff_recomputes_page_03(runs):
    assert _disjoint_rows(runs["2018-03-01"]) == {
        "To 1 March 2018, this period alone": (1, 2),
        "After 1 March 2018, this period alone": (1, 4),
    }
    with (runs["2018-03-01"] / "data/processed/periods.csv").open(newline="") as handle:
        periods = {r["period"]: r for r in csv.DictReader(handle)}
    assert periods["interim"]["last_day"] == "2018-03-01"
