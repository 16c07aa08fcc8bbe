"""The worked examples in the stats docstrings are run, so they cannot go stale."""

import doctest
import importlib

import pytest

MODULES = [
    "association",
    "chance",
    "caveats",
    "clustered",
    "clustered_compare",
    "comparison",
    "disclosure",
    "formatting",
    "power",
    "proportions",
    "verdict",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"pdu_analysis.stats.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no worked example"
    assert result.failed == 0
