"""Placeholders are not identities: an e-mail cell holding "n/a" or "none" is no e-mail."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import rawkit

from pdu_analysis.clean import build_attendance
from pdu_analysis.clean.people import normalise_email, person_keys, placeholders

HOUSING_FIRST = ("Housing First", datetime(2018, 3, 8))
FUTURE_HOSTEL = ("Future Hostel", datetime(2018, 11, 15))


def test_placeholder_cells_are_blank_and_counted():
    cells = pd.Series(["n/a", "N/A", " none ", "-", "No email", "", None, " Ann@Example.org "], dtype=object)
    assert normalise_email(cells).tolist() == ["", "", "", "", "", "", "", "ann@example.org"]
    assert placeholders(cells) == 5


def test_two_people_with_na_are_two_people_matched_by_name_and_organisation():
    email = pd.Series(["n/a", "N/A", "No email", "gus@example.org"])
    name = pd.Series(["Gus New", "Hal Other", "Hal Other", "Gus New"])
    organisation = pd.Series(["Probation", "City Council", "City Council", "Probation"])
    keys = person_keys(email, name, organisation)
    assert keys[0] == keys[3] == "e:gus@example.org"  # borrowed from his own signed-in address
    assert keys[1] == keys[2] != keys[0]


def test_register_with_placeholders_counts_people_right_and_logs_them(tmp_path):
    base = build_attendance(rawkit.write_raw(tmp_path / "base")).tables["people"]
    register = [
        *rawkit.REGISTER,
        [*HOUSING_FIRST, "Gus New", "n/a", "Probation", "NHS", "Offending"],
        [*HOUSING_FIRST, "Hal Other", "N/A", "City Council", "Local Authority", "Other"],
        [*FUTURE_HOSTEL, "Gus New", "No email", "Probation", "NHS", "Offending"],
        [*FUTURE_HOSTEL, "Ivy Third", "-", "Hostel Trust", "Voluntary", "Housing"],
    ]
    result = build_attendance(rawkit.write_raw(tmp_path / "raw", register=register))
    people = result.tables["people"]
    assert len(people) == len(base) + 3
    assert sorted(people["attendances"].tolist()) == sorted([*base["attendances"], 2, 1, 1])
    log = result.log.to_frame()
    row = log[log["step"] == "e-mail placeholders as blank"].iloc[0]
    assert row["detail"].startswith("4 e-mail cell(s)")
    assert any("4 sign-in(s) give a placeholder" in note for note in result.log.notes)
    assert not any("Gus" in text for text in [*log["detail"], *result.log.notes])
