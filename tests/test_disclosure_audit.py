"""Disclosure audit: the leaks of the old rule, found by hand, and suppression that closes them."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pdu_analysis.errors import PDUInputError
from pdu_analysis.stats import suppress_small
from pdu_analysis.stats.disclosure import DisclosureError, Figure, audit_figures


def _row(values, statuses):
    """One row of cells with its total shown."""
    figs = [Figure("t", f"cell {j}", (j,), s) for j, s in enumerate(statuses)]
    return figs + [Figure("t", "row total", tuple(range(len(values))))]


def _grid(arr, hidden_primary, hidden_comp):
    """A 2-D table's cells with every row, column and grand total shown."""
    n_rows, n_cols = arr.shape
    figs = []
    for i in range(n_rows):
        for j in range(n_cols):
            status = (
                "primary"
                if (i, j) in hidden_primary
                else "complementary"
                if (i, j) in hidden_comp
                else "shown"
            )
            figs.append(Figure("t", f"r{i}c{j}", (i * n_cols + j,), status))
    figs += [Figure("t", f"row {i}", tuple(i * n_cols + j for j in range(n_cols))) for i in range(n_rows)]
    figs += [Figure("t", f"col {j}", tuple(i * n_cols + j for i in range(n_rows))) for j in range(n_cols)]
    figs.append(Figure("t", "grand", tuple(range(arr.size))))
    return figs


def test_two_small_cells_in_a_row_do_not_protect_each_other():
    # 4 + 4 = 28 - 20 and neither can exceed 4, so both are 4 (worked by hand).
    result = audit_figures([4, 4, 20], _row([4, 4, 20], ["primary", "primary", "shown"]))
    assert [(f.figure.label, f.possible) for f in result.leaks] == [("cell 0", (4,)), ("cell 1", (4,))]
    with pytest.raises(DisclosureError, match=r"t: cell 0 can be worked out exactly \(4\).*row total = 28"):
        result.enforce()
    assert issubclass(DisclosureError, PDUInputError)


def test_complementary_cell_known_to_be_five_or_more_gives_both_away():
    # x + c = 6 with x in 1..4 and c in {0} or 5 and up: only x = 1, c = 5.
    result = audit_figures([1, 5, 20], _row([1, 5, 20], ["primary", "complementary", "shown"]))
    assert {f.figure.label: (f.lower, f.upper) for f in result.leaks} == {"cell 0": (1, 1), "cell 1": (5, 5)}


def test_old_pattern_with_row_and_column_totals_gives_away_x0_and_y3():
    # The old rule hid x0=4, y3=1 and, as complements, y0=20 and x3=20. With all totals known:
    # x0 + y0 = 24 and y0 + y3 = 21 force y0 = 20, so x0 = 4 and y3 = 1 (worked by hand).
    arr = np.array([[4, 20], [6, 0], [9, 9], [20, 1]])
    figs = _grid(arr, hidden_primary={(0, 0), (3, 1)}, hidden_comp={(0, 1), (3, 0)})
    result = audit_figures(arr.ravel(), figs)
    pinned = {f.figure.label: f.possible for f in result.leaks if f.figure.status == "primary"}
    assert pinned == {"r0c0": (4,), "r3c1": (1,)}


def test_a_protected_pattern_passes_with_full_ranges():
    # [4, 4, 20] with all three hidden: x + y + z = 28, z can be 20..26, x and y anything 1..4.
    result = audit_figures([4, 4, 20], _row([4, 4, 20], ["primary", "primary", "complementary"]))
    assert result.passed and result.enforce() is result
    assert [f.possible for f in result.findings[:2]] == [(1, 2, 3, 4), (1, 2, 3, 4)]
    assert (result.findings[2].lower, result.findings[2].upper) == (20, 26)


def test_unpublished_total_constrains_nothing():
    figs = [
        Figure("t", "a", (0,), "primary"),
        Figure("t", "b", (1,)),
        Figure("t", "tot", (0, 1), "unpublished"),
    ]
    result = audit_figures([3, 9], figs)
    assert result.passed and result.findings[0].possible == (1, 2, 3, 4)


@pytest.mark.parametrize(
    ("table", "protect_columns"),
    [
        (pd.DataFrame({"a": [4], "b": [4], "c": [20]}), False),
        (pd.DataFrame({"a": [1], "b": [5], "c": [20]}), False),
        (pd.DataFrame({"x": [4, 6, 9, 20], "y": [20, 0, 9, 1]}), True),
    ],
)
def test_suppression_closes_the_three_leaks(table, protect_columns):
    s = suppress_small(table, list(table.columns), protect_columns=protect_columns)
    assert s.audit.passed and s.unprotected == []
    assert s.n_primary == int(((table >= 1) & (table <= 4)).to_numpy().sum())
    assert "cannot be worked out" in s.note()
    # Re-audit independently: the published pattern, every total shown, nothing leaks.
    hidden_p = {(i, j) for i, j in zip(*np.nonzero(s.primary.to_numpy()), strict=True)}
    hidden_c = {(i, j) for i, j in zip(*np.nonzero(s.secondary.to_numpy()), strict=True)}
    arr = table.to_numpy()
    figs = _grid(arr, hidden_p, hidden_c)
    if not protect_columns:  # only row totals are published
        figs = [f for f in figs if not f.label.startswith(("col", "grand"))]
    assert audit_figures(arr.ravel(), figs).passed


def test_note_does_not_claim_protection_the_audit_did_not_prove():
    # A row total of 4 split as 2 + 2: it is hidden itself (1 to 4), but x + y <= 4 with y >= 1
    # means x is at most 3 whatever else is hidden; only merging the categories would help.
    s = suppress_small(pd.DataFrame({"x": [2, 10], "y": [2, 20]}), ["x", "y"])
    assert not s.audit.passed
    # Cells x, y can only be 1 to 3; the hidden total x + y can only be 2 to 4.
    assert {f.possible for f in s.audit.leaks} == {(1, 2, 3), (2, 3, 4)}
    assert "cannot be worked out" not in s.note()
    assert "could still be worked out" in s.note()


@st.composite
def tables_with_totals(draw):
    arr = draw(
        hnp.arrays(
            np.int64,
            hnp.array_shapes(min_dims=2, max_dims=2, min_side=2, max_side=3),
            elements=st.integers(0, 14),
        )
    )
    # Every total at least 10: small totals split into small cells cannot be protected by
    # suppression at all (they call for merged categories), which the note test covers.
    assume(arr.sum(axis=0).min() >= 10 and arr.sum(axis=1).min() >= 10)
    return arr


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(tables_with_totals())
def test_property_no_hidden_cell_recoverable_after_suppression(arr):
    cols = [f"c{j}" for j in range(arr.shape[1])]
    s = suppress_small(pd.DataFrame(arr, columns=cols), cols, protect_columns=True)
    primary, comp = s.primary.to_numpy(), s.secondary.to_numpy()
    assert (primary == ((arr >= 1) & (arr <= 4))).all()
    hidden_p = set(zip(*np.nonzero(primary), strict=True))
    hidden_c = set(zip(*np.nonzero(comp), strict=True))
    # Totals the suppression withheld are not published, so the reader does not have them.
    rename = {f"total of row {i}": f"row {i}" for i in range(arr.shape[0])}
    rename |= {f"total of column 'c{j}'": f"col {j}" for j in range(arr.shape[1])}
    withheld = {rename.get(k, "grand") for k in s.withheld_totals}
    figs = [f for f in _grid(arr, hidden_p, hidden_c) if f.label not in withheld]
    assert audit_figures(arr.ravel(), figs).passed


# The shipped field-of-work table (counts from data/processed, field x sector x period) and the
# pattern the old rule published for it.
SHIPPED = {
    "Housing": [24, 20, 111, 51],
    "Women's services": [4, 4, 31, 17],
    "Offending": [14, 10, 12, 6],
    "Mental health": [6, 5, 8, 4],
    "Substance misuse": [4, 3, 11, 5],
    "Other": [14, 14, 61, 29],
}
OLD = {  # p = "<5", c = "[c]", "" = shown
    "Women's services": ["p", "p", "", "c"],
    "Offending": ["", "c", "", "c"],
    "Mental health": ["c", "c", "", "p"],
    "Substance misuse": ["p", "p", "", "c"],
}
COLS = ["stat_to", "stat_after", "vol_to", "vol_after"]
PERIODS = {"to": [0, 2], "after": [1, 3]}


def _shipped_figures(marks):
    arr = np.array(list(SHIPPED.values()))
    figs = []
    for i, field in enumerate(SHIPPED):
        for j, col in enumerate(COLS):
            mark = marks.get(field, [""] * 4)[j]
            status = {"p": "primary", "c": "complementary", "": "shown"}[mark]
            figs.append(Figure("03_field_of_work_by_sector", f"{field}, {col}", (i * 4 + j,), status))
    for i, field in enumerate(SHIPPED):  # 03_field_of_work_share: by period and overall
        for period, js in PERIODS.items():
            figs.append(Figure("03_field_of_work_share", f"{field}, {period}", tuple(i * 4 + j for j in js)))
        figs.append(Figure("03_field_of_work_share", f"{field}, all", tuple(range(i * 4, i * 4 + 4))))
    for j, col in enumerate(COLS):  # 03_sector_by_period_counts
        figs.append(Figure("03_sector_by_period_counts", col, tuple(i * 4 + j for i in range(len(SHIPPED)))))
    return arr, figs


def test_shipped_table_old_pattern_leaks_the_three_fours():
    arr, figs = _shipped_figures(OLD)
    leaks = {f.figure.label: f.possible for f in audit_figures(arr.ravel(), figs).leaks}
    # By hand, from the field-by-period totals on the share table: Women's services to the
    # cut-off 35 - 31 = 4 and Substance misuse to the cut-off 15 - 11 = 4.
    assert leaks["Women's services, stat_to"] == (4,)
    assert leaks["Substance misuse, stat_to"] == (4,)


@pytest.mark.slow
def test_shipped_table_suppressed_with_its_published_totals_passes():
    arr = np.array(list(SHIPPED.values()))
    table = pd.DataFrame(arr, columns=COLS, index=list(SHIPPED))
    groups = {p: [COLS[j] for j in js] for p, js in PERIODS.items()}
    s = suppress_small(table, COLS, protect_columns=True, row_groups=groups, name="03_field")
    assert s.audit.passed
    hidden_p = {(i, j) for i, j in zip(*np.nonzero(s.primary.to_numpy()), strict=True)}
    hidden_c = {(i, j) for i, j in zip(*np.nonzero(s.secondary.to_numpy()), strict=True)}
    marks = {
        field: ["p" if (i, j) in hidden_p else "c" if (i, j) in hidden_c else "" for j in range(4)]
        for i, field in enumerate(SHIPPED)
    }
    _, figs = _shipped_figures(marks)
    withheld = set(s.withheld_totals)
    # The totals the suppression withholds are left out of what the audit sees as published.
    published = [f for f in figs if not _is_withheld(f, withheld)]
    assert audit_figures(arr.ravel(), published).passed


def _is_withheld(fig, withheld):
    field, _, what = fig.label.rpartition(", ")
    if fig.table == "03_field_of_work_share":
        key = f"total of row {field!r}" + ("" if what == "all" else f" over {what}")
        return key in withheld
    if fig.table == "03_sector_by_period_counts":
        return f"total of column {fig.label!r}" in withheld
    return False


# ------------------------------------------------------------ the page, audited as one publication

from pdu_analysis.stats.disclosure import Publication  # noqa: E402
from pdu_analysis.tables import published  # noqa: E402

FIELDS = list(SHIPPED)


def _attendances(counts: dict[str, list[int]]) -> pd.DataFrame:
    """Records from field -> [stat_to, stat_after, vol_to, vol_after]; one event per period."""
    rows = []
    for field, values in counts.items():
        for (sector, period), k in zip(
            [
                ("statutory", "interim"),
                ("statutory", "final"),
                ("voluntary", "interim"),
                ("voluntary", "final"),
            ],
            values,
            strict=True,
        ):
            rows += [
                {
                    "event_id": "E1" if period == "interim" else "E2",
                    "sector": sector,
                    "focus": field,
                    "period": period,
                }
            ] * k
    return pd.DataFrame(rows)


def _page(att: pd.DataFrame) -> Publication:
    """The field-of-work shares by period and the sector-by-period counts, as the page prints them."""
    pub = Publication()
    pub.add_population(
        "attendances",
        att,
        {"event_id": ["E1", "E2"], "sector": ["statutory", "voluntary"], "focus": FIELDS},
        attributes={"period": "event_id"},
    )
    for field in FIELDS:
        for period in ("interim", "final"):
            k = int(((att["focus"] == field) & (att["period"] == period)).sum())
            pub.add(
                "03_field_of_work_share",
                f"{field}, {period}",
                "attendances",
                {"focus": field, "period": period},
                k,
            )
    for sector in ("statutory", "voluntary"):
        for period in ("interim", "final"):
            k = int(((att["sector"] == sector) & (att["period"] == period)).sum())
            pub.add(
                "03_sector_by_period_counts",
                f"{sector}, {period}",
                "attendances",
                {"sector": sector, "period": period},
                k,
            )
    return pub


def test_enforce_names_table_cell_and_totals_of_the_old_page():
    pub = _page(_attendances(SHIPPED))
    printed = pd.DataFrame(SHIPPED, index=COLS).T.astype("str")
    for field, marks in OLD.items():
        for j, mark in enumerate(marks):
            printed.loc[field, COLS[j]] = {"p": "<5", "c": "[c]", "": printed.loc[field, COLS[j]]}[mark]
    columns = {
        c: {
            "sector": "statutory" if c.startswith("stat") else "voluntary",
            "period": "interim" if c.endswith("to") else "final",
        }
        for c in COLS
    }
    pub.add_grid(
        "03_field_of_work_by_sector", printed, "attendances", {f: {"focus": f} for f in FIELDS}, columns
    )
    # By hand: Women's services to the cut-off is 35 on the share table, 31 of them voluntary.
    with pytest.raises(DisclosureError) as err:
        pub.audit().enforce()
    message = str(err.value)
    assert (
        "03_field_of_work_by_sector: row \"Women's services\", column 'stat_to' can be worked out exactly (4)"
        in message
    )
    assert "03_field_of_work_share: Women's services, interim = 35" in message


def test_a_printed_number_that_does_not_match_its_cells_is_an_error():
    pub = _page(_attendances(SHIPPED))
    with pytest.raises(ValueError, match="printed as 7 but its cells sum to 44"):
        pub.add("t", "statutory housing", "attendances", {"focus": "Housing", "sector": "statutory"}, 7)


def test_layout_on_shipped_counts_drops_the_period_split_and_passes():
    # Split by period there are seven counts of 1 to 4; by sector alone none (worked by hand:
    # the smallest, Substance misuse statutory, is 4 + 3 = 7).
    att = _attendances(SHIPPED)
    layout = published.field_by_sector_layout(att, FIELDS, {"interim": "To", "final": "After"}, _page(att))
    assert not layout.by_period and layout.merged == () and layout.hidden == 0
    assert layout.printed.set_index("field of work").loc["Substance misuse"].tolist() == [7, 16]
    assert "periods are not split" in layout.sentence()


def test_layout_on_a_second_dataset_merges_the_small_field():
    # Mental health has 2 statutory attendances in all, so neither layout can show it by sector:
    # merged into Other (with the period split kept, as no other count is small) nothing is hidden.
    counts = {f: [9, 8, 12, 10] for f in FIELDS}
    counts["Mental health"] = [1, 1, 6, 7]
    att = _attendances(counts)
    pub = _page(att)
    layout = published.field_by_sector_layout(att, FIELDS, {"interim": "To", "final": "After"}, pub)
    assert layout.by_period and layout.merged == ("Mental health",) and layout.hidden == 0
    pooled = layout.printed.set_index("field of work").loc[published.POOL].tolist()
    assert pooled == [10, 9, 18, 17]  # Other [9, 8, 12, 10] + Mental health [1, 1, 6, 7]
    layout.add_to(pub, "03_field")
    assert pub.audit().passed
    assert 'Mental health is counted together as "Other fields"' in layout.sentence()


@pytest.mark.slow
def test_shipped_page_as_published_passes_the_audit_and_hides_the_three_fours(built_project, monkeypatch):
    from pdu_analysis import measures, tables
    from pdu_analysis.vocabulary import FOCUS_OF_WORK

    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(built_project))  # the session's one build of the shipped data
    tidy = measures.load_tables()
    att, people, events, hub_users = tidy["attendances"], tidy["people"], tidy["events"], tidy["hub_users"]
    periods = measures.periods_in_order(att)
    names = {p: p for p in periods}
    groups = {"All attendances": {}, **{p: {"period": p} for p in periods}}
    page = published.attendance_publication(att, people, hub_users, FOCUS_OF_WORK)
    published.add_events_per_person(page, tables.events_per_person_table(people))
    published.add_sector_share(page, tables.sector_share_table(att, "statutory", interim_cutoff="2018-06-30"))
    by_event = tables.sector_by_event_table(att, events)
    focus = tables.shares_table(
        {g: att.loc[att["period"].isin([w["period"]] if w else periods), "focus"] for g, w in groups.items()},
        FOCUS_OF_WORK,
        suppress=True,
        pooled="All attendances",
    )
    published.add_shares(page, "03_field_of_work_share", focus, "attendances", "focus", groups)
    hub = tables.shares_table({"Hub users": hub_users["sector"]}, tables.SECTOR_ORDER, suppress=True)
    published.add_shares(page, "03_hub_by_sector", hub, "hub users", "sector", {"Hub users": {}})
    events_layout = event_layout.sector_by_event_layout(by_event, page, names)
    events_layout.add_to(page)
    layout = published.field_by_sector_layout(att, FOCUS_OF_WORK, names, page)
    layout.add_to(page, "03_field_of_work_by_sector")
    result = page.audit().enforce()
    printed = events_layout.printed[["statutory", "voluntary"]].stack()
    hidden = [f for f in result.findings if f.figure.table == "03_sector_by_event"]
    assert result.passed and len(hidden) == int(printed.isin(["<5", "[c]"]).sum()) > 0
    # The fours the old page gave away (statutory Women's services and Substance misuse to the
    # cut-off, voluntary Mental health after it) are in the shipped data, and the shipped layout
    # prints the field of work by sector without the period split, so none is printed on its own.
    by_cell = att.groupby(["focus", "sector", "period"]).size()
    first, last = periods[0], periods[-1]
    assert by_cell[("Women's services", "statutory", first)] == 4
    assert by_cell[("Substance misuse", "statutory", first)] == 4
    assert by_cell[("Mental health", "voluntary", last)] == 4
    assert not layout.by_period
    assert list(layout.printed.columns) == ["field of work", "statutory", "voluntary"]


# ------------------------------------------------ per-event counts beside the per-period totals
from pdu_analysis import stats, tables  # noqa: E402
from pdu_analysis.tables import event_layout  # noqa: E402


def _events(rows: dict[str, tuple[str, int, int]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Attendance records and the per-event table from event -> (period, statutory, voluntary)."""
    records = [
        {"event_id": e, "period": p, "sector": s}
        for e, (p, k_stat, k_vol) in rows.items()
        for s, k in (("statutory", k_stat), ("voluntary", k_vol))
        for _ in range(k)
    ]
    att = pd.DataFrame(records)
    events = pd.DataFrame(
        {
            "event_id": list(rows),
            "kind": "learning_event",
            "date": [f"2018-0{i + 1}-01" for i in range(len(rows))],
            "title": [f"Event {e}" for e in rows],
        }
    )
    return att, tables.sector_by_event_table(att, events)


def _period_page(att: pd.DataFrame) -> Publication:
    """Each period's attendances by sector, printed in full (as the sector-by-period table is)."""
    pub = Publication()
    pub.add_population(
        "attendances",
        att,
        {"event_id": sorted(set(att["event_id"])), "sector": ["statutory", "voluntary"]},
        attributes={"period": "event_id"},
    )
    for p in sorted(set(att["period"])):
        for s in ("statutory", "voluntary"):
            k = int(((att["period"] == p) & (att["sector"] == s)).sum())
            pub.add("03_sector_by_period_counts", f"{s}, {p}", "attendances", {"sector": s, "period": p}, k)
    return pub


def test_old_per_event_suppression_leaks_through_the_period_totals_and_the_new_one_does_not():
    # One period: statutory 3 + 8 + 9 = 20. The old rule hid E1's 3 and (for its row total) E1's
    # 10, so 20 - 8 - 9 gives the 3 back. Worked by hand: no single further cell fixes it (hiding
    # E1's 10 alone leaves the column), so the smallest other statutory count (E2's 8) is hidden
    # and then its partner 12 for E2's row: the rectangle E1, E2 x statutory, voluntary.
    att, by_event = _events({"E1": ("p", 3, 10), "E2": ("p", 8, 12), "E3": ("p", 9, 6)})
    old = stats.suppress_small(by_event.drop(columns=["suppressed", "period"]), ["statutory", "voluntary"])
    old_page = _period_page(att)
    published.add_sector_by_event(old_page, old.table, ["statutory", "voluntary"])
    leaks = {f.figure.label: f.possible for f in old_page.audit().leaks}
    assert leaks["E1, statutory"] == (3,)

    page = _period_page(att)
    layout = event_layout.sector_by_event_layout(by_event, page, {"p": "the period"})
    printed = layout.printed.set_index("event_id")[["statutory", "voluntary", "total"]]
    assert printed.to_dict("index") == {
        "E1": {"statutory": "<5", "voluntary": "[c]", "total": "13"},
        "E2": {"statutory": "[c]", "voluntary": "[c]", "total": "20"},
        "E3": {"statutory": "9", "voluntary": "6", "total": "15"},
    }
    layout.add_to(page)
    result = page.audit().enforce()
    first = next(f for f in result.findings if f.figure.label == "E1, statutory")
    assert first.possible == (1, 2, 3, 4)
    assert layout.flagged["suppressed"].tolist() == [True, True, False]
    assert layout.sentence() is None


def test_events_whose_counts_cannot_be_hidden_alone_are_pooled_within_their_period():
    # E1 (1 + 1 = 2) is a small total; E2 (3 + 3 = 6) cannot hide its counts beside its total
    # (each would be 2 to 4). Pooled they are 4 + 4 = 8, still two small counts summing to 8
    # (each 4 to 4), so the next smallest event (E3, 16) joins: 10 + 14 = 24, nothing small.
    att, by_event = _events(
        {"E1": ("p", 1, 1), "E2": ("p", 3, 3), "E3": ("p", 6, 10), "E4": ("p", 7, 12), "E5": ("q", 9, 9)}
    )
    page = _period_page(att)
    layout = event_layout.sector_by_event_layout(by_event, page, {"p": "Spring", "q": "Summer"})
    printed = layout.printed.set_index("event_id")
    assert list(printed.index) == ["E1+E2+E3", "E4", "E5"]
    assert printed.loc["E1+E2+E3", ["statutory", "voluntary", "total"]].tolist() == ["10", "14", "24"]
    assert printed.loc["E1+E2+E3", "title"] == "3 smaller events together, Spring"
    layout.add_to(page)
    assert page.audit().passed
    assert layout.flagged["suppressed"].tolist() == [True, True, True, False, False]
    assert layout.sentence().startswith("In the table of attendances by event and sector 3 smaller events")


def test_a_period_that_cannot_be_split_by_event_is_printed_as_one_row():
    # Statutory in period p: 2 + 5 = 7. Hiding the 2 needs a second hidden statutory count, but
    # 5 as "[c]" (0 or 5 and more) leaves 7 - 5 = 2 or 7 - 6 = 1 only: no split protects it, so
    # p is one row, the same figures as its period totals (worked by hand).
    att, by_event = _events({"E1": ("p", 2, 10), "E2": ("p", 5, 9), "E3": ("q", 8, 8)})
    page = _period_page(att)
    layout = event_layout.sector_by_event_layout(by_event, page, {"p": "Spring", "q": "Summer"})
    rows = layout.printed[["event_id", "title", "statutory", "voluntary", "total"]].values.tolist()
    assert rows == [["E1+E2", "All 2 events, Spring", "7", "19", "26"], ["E3", "Event E3", "8", "8", "16"]]
    layout.add_to(page)
    assert page.audit().passed
    assert "in 1 period the 2 events are shown as one row" in layout.sentence()


def test_pooled_group_of_a_shares_table_cannot_give_a_period_count_back():
    # Field y: 2 before and 8 after, 10 in all. Suppressed period by period, the 2 is hidden
    # and z beside it for the base, but 10 - 8 = 2. With the pooled group declared, the 8 and
    # the z after it are hidden too (a rectangle; worked by hand), and "All" stays printed.
    first = pd.Series(["x"] * 20 + ["y"] * 2 + ["z"] * 10)
    second = pd.Series(["x"] * 15 + ["y"] * 8 + ["z"] * 9)
    groups = {"All": pd.concat([first, second]), "P1": first, "P2": second}

    def marks(table):
        return {(r.group, r.label): r.suppressed for r in table.itertuples() if r.suppressed}

    old = tables.shares_table(groups, ["x", "y", "z"], suppress=True)
    assert marks(old) == {("P1", "y"): "<5", ("P1", "z"): "[c]"}
    new = tables.shares_table(groups, ["x", "y", "z"], suppress=True, pooled="All")
    assert marks(new) == {("P1", "y"): "<5", ("P1", "z"): "[c]", ("P2", "y"): "[c]", ("P2", "z"): "[c]"}

    def audit(table):
        att = pd.DataFrame(
            {"focus": list(groups["P1"]) + list(groups["P2"]), "period": ["P1"] * 32 + ["P2"] * 32}
        )
        pub = Publication()
        pub.add_population("att", att, {"focus": ["x", "y", "z"], "period": ["P1", "P2"]})
        published.add_shares(
            pub, "t", table, "att", "focus", {"All": {}, "P1": {"period": "P1"}, "P2": {"period": "P2"}}
        )
        return pub.audit()

    assert {f.figure.label: f.possible for f in audit(old).leaks}["P1, y"] == (2,)
    assert audit(new).passed


# ------------------------------------------- withholding what no layout can protect (small data)
from pdu_analysis.tables import attendance_page, withhold  # noqa: E402
from pdu_analysis.tables.withhold import Part, Shown  # noqa: E402


def _two_cells() -> Publication:
    """Cells a = 2 and b = 10 with their total 12 printed."""
    pub = Publication()
    pub.add_population("att", pd.DataFrame({"s": ["a"] * 2 + ["b"] * 10}), {"s": ["a", "b"]})
    pub.add("totals", "all", "att", {}, 12)
    return pub


def _form(table, printed, note=None):
    """A form printing ``printed`` (cell -> value or marker) as ``table``."""

    def add(pub):
        for cell, value in printed.items():
            pub.add(table, cell, "att", {"s": cell}, value)

    return lambda pub: Shown(printed, add, note)


def test_a_table_that_gives_a_hidden_count_away_is_withheld_by_priority():
    # By hand: "a <5" beside the total 12 alone leaves a = 1 to 4 (b unprinted); printing
    # b = 10 as well gives a = 12 - 10 = 2. Only one of the two tables can be published.
    hide_a = Part("t_a", "the count of a", [_form("t_a", {"a": "<5"})])
    show_b = Part("t_b", "the count of b", [_form("t_b", {"b": 10})])
    kept_a = withhold.protect_page(_two_cells(), [show_b, hide_a], priority=["t_a", "t_b"])
    assert set(kept_a.shown) == {"t_a"} and list(kept_a.withheld) == ["t_b"]
    assert kept_a.withheld["t_b"].startswith("The count of b is not published: with these numbers no layout")
    assert kept_a.audit.passed
    kept_b = withhold.protect_page(_two_cells(), [show_b, hide_a])  # default: the order given
    assert set(kept_b.shown) == {"t_b"} and list(kept_b.withheld) == ["t_a"]
    assert kept_b.audit.passed and kept_b.get("t_a") is None


def test_a_less_detailed_form_is_used_when_the_full_one_leaks():
    # b = 10 printed gives a away; b hidden as "[c]" (0 or 5 and more) leaves a = 12 - b with
    # b from 8 to 11: every a from 1 to 4 still possible (worked by hand).
    part = Part(
        "t",
        "the split",
        [_form("t", {"a": "<5", "b": 10}), _form("t", {"a": "<5", "b": "[c]"}, "printed in full")],
    )
    page = withhold.protect_page(_two_cells(), [part])
    assert page.get("t") == {"a": "<5", "b": "[c]"} and not page.withheld
    assert page.sentence("t").startswith("The split is not printed in full: with these numbers")
    assert page.audit.passed


def test_a_page_that_passes_as_designed_is_published_unchanged():
    part = Part("t", "the split", [_form("t", {"a": "<5", "b": "[c]"}), _form("t", {"a": "<5"}, "x")])
    page = withhold.protect_page(_two_cells(), [part])
    assert page.get("t") == {"a": "<5", "b": "[c]"} and page.sentences == []


def _tiny_attendances():
    """E1 (to the cut-off): 2 statutory, 8 voluntary; E2 (after): 7 and 9; all in Housing,
    each attendance a different person."""
    rows = []
    for event, period, stat, vol in (("E1", "interim", 2, 8), ("E2", "final", 7, 9)):
        rows += [{"event_id": event, "period": period, "sector": "statutory"}] * stat
        rows += [{"event_id": event, "period": period, "sector": "voluntary"}] * vol
    att = pd.DataFrame(rows).assign(focus="Housing")
    att["event_date"] = pd.to_datetime(att["event_id"].map({"E1": "2018-01-10", "E2": "2018-09-10"}))
    att["person_id"] = [f"p{i}" for i in range(len(att))]
    events = pd.DataFrame(
        {
            "event_id": ["E1", "E2"],
            "kind": "learning_event",
            "date": ["2018-01-10", "2018-09-10"],
            "title": ["Event one", "Event two"],
        }
    )
    return att, events


def test_page_03_withholds_the_sector_by_period_counts_the_share_table_gives_away():
    # The statutory share prints 2 of 10 to the cut-off, so the sector-by-period table's hidden
    # 2 ("<5") is known whatever else it hides: no layout protects it (worked by hand).
    from pdu_analysis.vocabulary import FOCUS_OF_WORK

    att, events = _tiny_attendances()
    people = pd.DataFrame({"person_id": att["person_id"], "attendances": 1})
    hub_users = pd.DataFrame({"sector": ["statutory"] * 10 + ["voluntary"] * 10})
    names = {"interim": "To the cut-off", "final": "After it"}
    observed = pd.DataFrame(
        {"sector": ["statutory", "voluntary"], names["interim"]: [2, 8], names["final"]: [7, 9]}
    )
    by_period = suppress_small(observed, list(names.values()), protect_columns=True)
    assert by_period.table.loc[0, names["interim"]] == "<5"
    share = tables.sector_share_table(att, "statutory", interim_cutoff="2018-06-30")
    assert share[["count", "base"]].values.tolist()[0] == [2, 10]

    # As designed (every table), the audit finds the 2.
    designed = published.attendance_publication(att, people, hub_users, FOCUS_OF_WORK)
    published.add_sector_share(designed, share)
    designed.add_grid(
        "03_sector_by_period_counts",
        by_period.table,
        "attendances",
        rows={0: {"sector": "statutory"}, 1: {"sector": "voluntary"}},
        columns={names[p]: {"period": p} for p in names},
    )
    leaks = {f.figure.label: f.possible for f in designed.audit().leaks}
    assert leaks[f"row 0, column {names['interim']!r}"] == (2,)

    page = attendance_page.protect_attendance_page(
        att,
        people,
        hub_users,
        share=share,
        by_period=by_period,
        by_event=tables.sector_by_event_table(att, events, suppress=False),
        groups={"All attendances": None, **{names[p]: p for p in names}},
        period_names=names,
        focus_order=FOCUS_OF_WORK,
    )
    assert page.audit.enforce().passed
    assert "03_sector_by_period_counts" in page.withheld
    assert page.sentence("03_sector_by_period_counts") == (
        "The table of attendances by sector and period is not published: with these numbers no "
        "layout keeps small counts (1 to 4) from being worked out from the other tables on this page."
    )
    # Nothing in them is hidden, so they stay: the share, field of work overall and by period
    # (all Housing), and hub users (10 and 10).
    for kept in ("03_sector_share", "03_field_of_work_share", "03_hub_by_sector", "03_events_per_person"):
        assert page.get(kept) is not None, kept
    assert page.get("03_sector_share") is share
