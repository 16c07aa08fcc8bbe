"""Page 03's tables from one call: withheld where no layout protects them, pools shown when safe.

Expected counts are worked by hand from the small registers below.
"""

import pandas as pd

from pdu_analysis.tables.who_attends import who_attends_tables
from pdu_analysis.vocabulary import FOCUS_OF_WORK

NAMES = {"interim": "To the cut-off", "final": "After it"}


def _build(spec):
    """Tables of a register given as (event, period, date, statutory, voluntary) rows, every
    attendance a different person in Housing."""
    rows = []
    for event, period, date, stat, vol in spec:
        rows += [{"event_id": event, "period": period, "sector": "statutory", "event_date": date}] * stat
        rows += [{"event_id": event, "period": period, "sector": "voluntary", "event_date": date}] * vol
    att = pd.DataFrame(rows).assign(focus="Housing")
    att["event_date"] = pd.to_datetime(att["event_date"])
    att["person_id"] = [f"p{i}" for i in range(len(att))]
    events = pd.DataFrame(
        {
            "event_id": [s[0] for s in spec],
            "kind": "learning_event",
            "date": [s[2] for s in spec],
            "title": [f"Event {s[0]}" for s in spec],
        }
    )
    tidy = {
        "attendances": att,
        "people": pd.DataFrame({"person_id": att["person_id"], "attendances": 1}),
        "events": events,
        "hub_users": pd.DataFrame({"sector": ["statutory"] * 10 + ["voluntary"] * 10}),
    }
    return who_attends_tables(
        tidy,
        periods=list(NAMES),
        period_names=NAMES,
        groups={"All attendances": None, **{NAMES[p]: p for p in NAMES}},
        focus_order=FOCUS_OF_WORK,
        interim_cutoff="2018-06-30",
    )


def test_counts_the_share_gives_away_are_withheld_and_nothing_is_pooled():
    # The share prints 2 of 10 to the cut-off, so the sector-by-period table's hidden 2 would be
    # known: that table is withheld; no event's mix is hidden, so there is no pool.
    built = _build([("E1", "interim", "2018-01-10", 2, 8), ("E2", "final", "2018-09-10", 7, 9)])
    assert built.by_period is None
    assert built.protected.sentence("03_sector_by_period_counts").startswith(
        "The table of attendances by sector and period is not published"
    )
    assert built.test.observed.loc["statutory", NAMES["interim"]] == 2
    assert built.test.observed.loc["voluntary", NAMES["final"]] == 9
    assert built.share[["count", "base"]].values.tolist()[0] == [2, 10]
    assert built.pooled is not None and built.pooled.empty and not built.pools_shown
    assert built.audit.passed
    assert built.per_person is not None and built.hub is not None and built.field_layout is not None


def test_events_whose_mix_is_hidden_are_pooled_when_the_pool_passes_the_audit():
    # E1 (2 statutory) and E2 (3) cannot be shown alone; pooled they are 5 statutory and
    # 17 voluntary, which the period totals (25 and 37) do not give back one by one.
    built = _build(
        [
            ("E1", "interim", "2018-01-10", 2, 8),
            ("E2", "interim", "2018-02-10", 3, 9),
            ("E3", "interim", "2018-03-10", 20, 20),
            ("E4", "final", "2018-09-10", 15, 15),
        ]
    )
    assert built.by_period is not None
    printed = built.by_period.table.set_index("sector")
    assert printed[NAMES["interim"]].tolist() == ["25", "37"]  # printed as text, nothing hidden
    layout = built.event_layout
    assert layout is not None
    assert layout.printed.set_index("event_id").loc[["E1", "E2"], "statutory"].tolist() == ["<5", "<5"]
    assert built.pools_shown and built.pooled is not None
    pool = built.pooled.iloc[0]
    assert (pool["event_ids"], pool["statutory"], pool["voluntary"], pool["total"]) == ("E1+E2", 5, 17, 22)
    assert built.audit.passed
