"""Disclosure control: primary suppression of 1-4, secondary suppression, the note."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pdu_analysis.stats import suppress_small


@pytest.fixture
def orgs() -> pd.DataFrame:
    return pd.DataFrame(
        {"to_interim": [3, 10, 0, 2, 40], "after": [12, 20, 0, 50, 4], "later": [1, 0, 7, 0, 9]},
        index=pd.Index(["A", "B", "C", "D", "E"], name="organisation"),
    )


def test_primary_only_when_secondary_off(orgs):
    s = suppress_small(orgs, ["to_interim", "after", "later"], secondary=False)
    expected = (orgs >= 1) & (orgs <= 4)
    assert s.primary.equals(expected)
    assert s.n_primary == int(expected.to_numpy().sum()) == 4
    assert s.n_secondary == 0
    assert s.table.loc["A", "to_interim"] == "<5"
    assert s.table.loc["C", "to_interim"] == "0"  # zero is not suppressed
    assert s.table.loc["B", "to_interim"] == "10"
    assert s.values["to_interim"].dtype == "Int64"
    assert s.values["to_interim"].isna().tolist() == [True, False, False, True, False]


def test_complements_chosen_so_the_audit_passes_with_row_totals(orgs):
    s = suppress_small(orgs, ["to_interim", "after", "later"])
    assert s.audit.passed and s.unprotected == []
    # D = [2, 50, 0]: the only non-zero other cell is 50, so it is hidden. E = [40, 4, 9]:
    # the smallest other non-zero cell (9) restores 1..4 for the 4 (4 + 9 = 13: 4..8 and 9..12).
    assert s.secondary.loc["D", "after"] and s.table.loc["D", "after"] == "[c]"
    assert s.secondary.loc["E", "later"] and not s.secondary.loc["E", "to_interim"]
    # A = [3, 12, 1]: the two small cells alone would give 3 + 1 = 4, so one of them could only
    # be 1 to 3; a third cell (12) is hidden as well.
    assert s.secondary.loc["A", "after"]
    assert s.n_secondary == 3


def test_protect_columns_audits_column_totals_too(orgs):
    s = suppress_small(orgs, ["to_interim", "after", "later"], protect_columns=True)
    assert s.audit.passed
    hidden = (s.primary | s.secondary).to_numpy()
    # No row or column holds exactly one hidden cell (the least any total needs).
    assert not (hidden.sum(axis=1) == 1).any() and not (hidden.sum(axis=0) == 1).any()


def test_note_counts_and_none_when_nothing_hidden(orgs):
    s = suppress_small(orgs, ["to_interim", "after", "later"])
    note = s.note()
    assert note.startswith(f'{s.n_primary} counts between 1 and 4 are shown as "<5"')
    assert f"{s.n_secondary} further cells are hidden ([c])" in note
    assert "cannot be worked out" in note
    assert suppress_small(pd.DataFrame({"x": [0, 5, 12]}), ["x"]).note() is None


def test_other_columns_untouched_and_na_left_alone():
    t = pd.DataFrame({"org": ["A", "B"], "x": [3.0, None], "y": [9, 7]})
    s = suppress_small(t, ["x", "y"])
    assert s.table["org"].tolist() == ["A", "B"]
    assert pd.isna(s.table.loc[1, "x"]) and not s.primary.loc[1, "x"]
    assert s.table.loc[0, "y"] == "[c]"


def test_custom_range_and_markers():
    t = pd.DataFrame({"x": [5, 9, 10], "y": [20, 30, 40]})
    s = suppress_small(t, ["x"], low=5, high=9, marker="c", secondary=False)
    assert s.table["x"].tolist() == ["c", "c", "10"]


@pytest.mark.parametrize("bad", [[-1, 3], [1.5, 3], ["lots", 3]])
def test_invalid_counts_raise(bad):
    with pytest.raises(ValueError):
        suppress_small(pd.DataFrame({"x": bad}), ["x"])
    with pytest.raises(ValueError):
        suppress_small(pd.DataFrame({"x": [1, 2]}), ["x"], low=0)


tables = hnp.arrays(
    dtype=np.int64,
    shape=hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=3),
    elements=st.integers(0, 12),
)


@settings(max_examples=40, deadline=None)
@given(tables, st.booleans())
def test_properties_of_suppression(arr, protect_columns):
    cols = [f"c{j}" for j in range(arr.shape[1])]
    t = pd.DataFrame(arr, columns=cols)
    s = suppress_small(t, cols, protect_columns=protect_columns)
    primary = s.primary.to_numpy()
    hidden = primary | s.secondary.to_numpy()
    # Primary is exactly the cells holding 1 to 4, never also complementary.
    assert (primary == ((arr >= 1) & (arr <= 4))).all()
    assert not (primary & s.secondary.to_numpy()).any()
    # Visible cells keep their value; hidden ones are NA.
    values = s.values[cols].to_numpy(dtype="float64", na_value=np.nan)
    assert np.array_equal(values[~hidden], arr[~hidden].astype(float))
    assert np.isnan(values[hidden]).all()
    # A leak left over is reported, and then the note makes no claim of protection.
    assert s.unprotected == [f.figure.name() for f in s.audit.leaks]
    if hidden.any():
        assert ("cannot be worked out" in s.note()) == s.audit.passed
    assert s.n_suppressed == hidden.sum()
