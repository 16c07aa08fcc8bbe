"""The front door: ``from pdu_analysis import load`` gives typed tables, the data dictionary is made
from the schemas (docs and the reviewers' page), and the exported helpers' worked examples run."""

import doctest
import importlib
import subprocess
import sys

import pandas as pd
import pytest

from pdu_analysis import dictionary, paths, schemas, tidy

ORDERS = {schemas.PERIOD: ["interim", "final", "after_final"], schemas.ROUND: ["interim", "final"]}


def test_the_package_exports_the_front_door_without_importing_the_stack():
    code = "import sys, pdu_analysis; print('pandas' in sys.modules, 'load' in dir(pdu_analysis))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
    from pdu_analysis import bar_chart, crosstab, load, suppress, wilson  # noqa: F401

    with pytest.raises(AttributeError, match="no attribute 'lod'"):
        importlib.import_module("pdu_analysis").lod  # noqa: B018


def test_typed_tables_have_dates_ordered_periods_rounds_and_answers_and_nullable_counts():
    attendances = pd.DataFrame(
        {
            "event_id": ["E2", "E1"],
            "event_date": ["2018-09-01", "2017-10-17"],
            "person_id": ["a" * 12, "b" * 12],
            "sector": ["voluntary", "statutory"],
            "focus": ["Housing", "Other"],
            "period": ["final", "interim"],
        }
    )
    typed = tidy.typed("attendances", attendances, ORDERS)
    assert str(typed["event_date"].dtype).startswith("datetime64")
    assert typed["event_date"].dt.year.tolist() == [2018, 2017]
    assert typed["period"].cat.ordered and list(typed["period"].cat.categories) == ORDERS[schemas.PERIOD]
    assert typed.groupby("period", observed=True).size().index.tolist() == ["interim", "final"]
    assert list(typed["sector"].cat.categories)[:2] == ["statutory", "voluntary"]
    answers = pd.DataFrame({"answer": ["No", "Yes", "Maybe later"]})
    ordered = tidy._ordered(answers["answer"], ["Yes", "No"])
    assert list(ordered.categories) == ["Yes", "No", "Maybe later"] and not pd.isna(ordered).any()
    events = pd.DataFrame({"headcount": ["12", None]})
    schema_free = tidy.typed("events", events, ORDERS)
    assert str(schema_free["headcount"].dtype) == "Int64" and schema_free["headcount"].isna().tolist() == [
        False,
        True,
    ]


def test_rounds_are_ordered_by_their_first_response_not_alphabetically():
    responses = pd.DataFrame(
        {"wave": ["final", "interim", "2019-07"], "responded_on": ["2019-01-10", "2018-06-12", "2019-07-02"]}
    )
    assert tidy.round_order(responses, ["interim", "final"]) == ["interim", "final", "2019-07"]


def test_the_dictionary_describes_every_column_of_every_tidy_table():
    table = dictionary.data_dictionary()
    for name, schema in schemas.TIDY.items():
        listed = table.loc[table["table"] == name, "column"].tolist()
        assert listed == list(schema.columns), name
    assert (table["meaning"].str.len() > 0).all(), "a column without a meaning"
    sector = table[(table["table"] == "attendances") & (table["column"] == "sector")].iloc[0]
    assert sector["allowed values"] == "statutory, voluntary, private"


def test_the_docs_copy_of_the_dictionary_is_the_generated_one():
    committed = (paths.DOCS_DIR / "data_dictionary.md").read_text(encoding="utf-8")
    assert committed == dictionary.markdown(), (
        "run: python -m pdu_analysis.dictionary --out docs/data_dictionary.md"
    )
    assert dictionary.main(["--check", str(paths.DOCS_DIR / "data_dictionary.md")]) == 0


@pytest.mark.parametrize("name", ["pdu_analysis.helpers", "pdu_analysis.report.pages"])
def test_worked_examples_run(name):
    import matplotlib

    matplotlib.use("Agg")
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.slow
def test_load_on_the_build_types_every_table_and_page_09_lists_every_column(built_project):
    processed = built_project / "data/processed"
    written = {p.stem for p in processed.glob("*.csv") if not p.stem.startswith("cleaning_log_")}
    assert written == set(schemas.TIDY), "every tidy table the build writes has a schema, and only those"
    t = tidy.load(processed)
    assert str(t.attendances["event_date"].dtype).startswith("datetime64")
    assert (
        isinstance(t.attendances["period"].dtype, pd.CategoricalDtype) and t.attendances["period"].cat.ordered
    )
    assert t.survey_responses.groupby("wave", observed=True)["responded_on"].min().is_monotonic_increasing
    assert not t.survey_answers["answer"].isna().any()
    for name, frame in t.items():
        assert list(frame.columns) == list(schemas.TIDY[name].columns)
    from bs4 import BeautifulSoup

    page = next((built_project / "reports/html").glob("[0-9][0-9]_data_dictionary.html"))
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    for name, schema in schemas.TIDY.items():
        for column in schema.columns:
            assert f" {column} " in f" {' '.join(text.split())} ", (
                f"{name}.{column} not on the dictionary page"
            )
