"""Tables that hold any valid data: gaps in events per person, planned events never held."""

from __future__ import annotations

import pandas as pd
import rawkit

from pdu_analysis import tables
from pdu_analysis.clean import build_attendance, build_surveys
from pdu_analysis.labels import MEASURE_LABELS
from pdu_analysis.tables import published
from pdu_analysis.tables.headline import build_headline
from pdu_analysis.wording.findings import attendance_point


def _people(levels: dict[int, int]) -> pd.DataFrame:
    counts = [e for e, n in levels.items() for _ in range(n)]
    return pd.DataFrame({"attendances": pd.Series(counts, dtype="int64")})


def test_events_per_person_with_gaps_in_its_levels_publishes_and_sums():
    people = _people({1: 40, 2: 12, 3: 8, 4: 6, 5: 5, 6: 5, 12: 1})  # one keen attender, none at 7-11
    table = tables.events_per_person_table(people)
    assert table["people"].sum() == len(people)
    assert table["attendances"].sum() == people["attendances"].sum()
    pub = published.Publication()
    pub.add_population(published.PEOPLE, people, {"attendances": sorted(set(people["attendances"]))})
    published.add_events_per_person(pub, table)  # raised "printed as 6 but its cells sum to 5"
    pooled = table[table["pooled"]]
    assert len(pooled) == 1 and pooled["people"].iloc[0] == 6


def test_a_planned_learning_event_is_never_counted_as_held(tmp_path):
    events = [*rawkit.EVENTS, ["E04", "2019-01-24", "Next Steps", "Housing", "learning_event", "planned", ""]]
    raw = rawkit.write_raw(tmp_path / "raw", events=events)
    tidy = {**build_attendance(raw).tables, **build_surveys(raw).tables}
    assert (tidy["events"]["kind"] == "learning_event").sum() == 4
    headline = build_headline(tidy)
    held = headline.loc[headline["measure"] == "learning_events", "count"].tolist()
    assert held == [3]
    point = attendance_point(tidy["attendances"], tidy["people"], tidy["events"])
    assert "3 learning events" in point.text and "4 learning events" not in point.text
    assert "held" in MEASURE_LABELS["learning_events"]
