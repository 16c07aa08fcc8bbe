"""The reproduction ledger: judging rules, and the shipped data against the report's figures."""

import pandas as pd
import pytest

from pdu_analysis import paths, reproduction
from pdu_analysis.clean import build_attendance, build_surveys
from pdu_analysis.reproduction import DIFFERS, NOT_COMPUTABLE, REPRODUCED, WITHIN_ROUNDING, Computed


@pytest.mark.parametrize(
    "kind, value, base, got, status",
    [
        ("percent", 66, 29, Computed(19, 29), REPRODUCED),  # 65.5 rounds half up to 66
        ("percent", 65, 29, Computed(19, 29), WITHIN_ROUNDING),  # rounded down instead
        ("percent", 60, 29, Computed(19, 29), DIFFERS),
        ("percent", 66, 30, Computed(19, 29), DIFFERS),  # a different base
        ("k_of_n", 6, 29, Computed(6, 27), DIFFERS),
        ("k_of_n", 13, 27, Computed(13, 27), REPRODUCED),
        ("count", 468, None, Computed(468), REPRODUCED),
        ("count", 58, None, Computed(75), DIFFERS),
    ],
)
def test_judge(kind, value, base, got, status):
    assert reproduction.judge(kind, value, base, got)[1] == status


@pytest.fixture(scope="module")
def ledger():
    raw = paths.raw_dir()
    attendance = build_attendance(raw)
    surveys = build_surveys(raw, attendance.tables["events"])
    tables = {**attendance.tables, **surveys.tables}
    published = pd.read_csv(paths.REFERENCE_DIR / "published_figures.csv", dtype={"id": str})
    return reproduction.reproduce(published, tables)


def test_every_published_figure_has_a_recipe(ledger):
    assert not ledger["reason"].str.contains("no recipe").any()


def test_shipped_data_reproduce_every_computable_figure(ledger):
    """Only the report's own inconsistencies may differ."""
    differs = ledger[ledger["status"] == DIFFERS]
    assert differs["report_inconsistency"].all(), differs[["id", "reason"]].to_string()
    assert (ledger["status"] == REPRODUCED).sum() >= 55


def test_not_computable_rows_say_why(ledger):
    rows = ledger[ledger["status"] == NOT_COMPUTABLE]
    assert len(rows) > 0 and rows["reason"].str.len().gt(10).all()
