"""Build small raw folders in the real export formats, for tests that need to break one thing.

``write_raw(folder)`` writes a valid miniature study (3 events, 8 sign-ins, a post-event export and
two follow-up rounds); keyword arguments replace any file's rows so a test can inject one fault.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

META = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
]

EVENTS = [
    ["event_id", "date", "title", "work_stream", "kind", "status", "headcount"],
    ["E01", "2017-10-12", "Trauma Informed Approaches", "Trauma", "learning_event", "held", ""],
    ["E02", "2018-03-08", "Housing First", "Housing", "learning_event", "held", ""],
    ["E03", "2018-11-15", "Future Hostel", "Housing", "learning_event", "held", ""],
    ["C01", "2018-05-10", "Care Act CoP session 1", "Care Act", "community_of_practice", "held", "12"],
]

REGISTER = [
    ["Event", "Date", "Name", "Email", "Organisation", "Sector", "Main focus of work"],
    [
        "Trauma Informed Approaches",
        datetime(2017, 10, 12),
        "Ann Example",
        "Ann@Example.org",
        "Hostel Trust",
        "Voluntary",
        "Housing",
    ],
    [
        "Trauma Informed Approaches",
        datetime(2017, 10, 12),
        "Bob Sample",
        "bob@example.net",
        "City Council",
        "Local Authority",
        "Other",
    ],
    [
        "Trauma Informed Approaches",
        datetime(2017, 10, 12),
        "Ann Example",
        " ann@example.org ",
        "Hostel Trust",
        "voluntary",
        "Housing",
    ],  # duplicate sign-in
    [None, None, None, None, None, None, None],  # blank row
    [
        "housing first ",
        datetime(2018, 3, 8),
        "Annie Example",
        "ann@example.org",
        "Hostel Trust",
        "VCS",
        "housing",
    ],  # nickname, same e-mail
    ["Housing First", datetime(2018, 3, 8), "Cat Person", "", "Women's Aid", "charity", "Women's services"],
    [
        "Future Hostel",
        datetime(2018, 11, 15),
        "Cat Person",
        "cat@example.org",
        "Women's Aid",
        "Charity",
        "Women's services",
    ],  # matched by name + organisation
    [
        "Future Hostel",
        datetime(2018, 11, 15),
        "Dan Officer",
        "dan@example.net",
        "Probation",
        " NHS",
        "Offending",
    ],
]

HUB = [
    ["User ID", "Registered", "Name", "Email", "Organisation", "Sector"],
    ["1", "2017-11-01", "Ann Example", "ann@example.org", "Hostel Trust", "Voluntary"],
    ["2", "2018-01-09", "Bob Sample", "bob@example.net", "City Council", "Statutory"],
    ["3", "2018-02-14", "Eve Trader", "eve@example.org", "Shop Ltd", "Private"],
]


def post_event_rows() -> list[list[object]]:
    """A post-event export: event, understanding, multi-select sharing, open text."""
    head1 = META + [
        "Which learning event did you attend?",
        "How has the event affected your understanding of the topic?",
        "To whom do you plan to disseminate what you have learned at this event?",
        "",
        "",
        "What, if anything, will you do differently?",
    ]
    head2 = [""] * len(META) + [
        "Response",
        "Response",
        "Front line staff",
        "Managers",
        "Other (please specify)",
        "Open-Ended Response",
    ]
    rows = [head1, head2]
    answers = [
        ("Trauma Informed Approaches", "Much greater understanding", "Front line staff", "", "", "More time"),
        ("Housing First", "Some additional understanding", "Front line staff", "Managers", "my board", ""),
        ("Future Hostel", "Much greater understanding", "", "", "", ""),
    ]
    for i, answer in enumerate(answers):
        rows.append(
            [
                str(11000000001 + i),
                "100200300",
                f"10/1{i}/2018 09:30:00 AM",
                f"10/1{i}/2018 09:35:00 AM",
                f"192.0.2.{i + 1}",
                f"resp{i}@example.org",
                f"First{i}",
                f"Last{i}",
                "",
                *answer,
            ]
        )
    return rows


def follow_up_rows(collector: str, month: int, year: int, n: int, start_id: int) -> list[list[object]]:
    """A follow-up export: made contact, took action, multi-select heard-via."""
    head1 = META + [
        "How did you hear about PDU events?",
        "",
        "",
        "Have you made contact with anyone you met at a PDU event?",
        "Have you taken any action as a result of things you learnt at PDU events?",
    ]
    head2 = [""] * len(META) + [
        "Word of mouth",
        "PDU newsletter",
        "Other (please specify)",
        "Response",
        "Response",
    ]
    rows = [head1, head2]
    for i in range(n):
        rows.append(
            [
                str(start_id + i),
                collector,
                f"{month:02d}/0{i % 9 + 1}/{year} 10:00:00 AM",
                f"{month:02d}/0{i % 9 + 1}/{year} 10:05:00 AM",
                f"198.51.100.{i + 1}",
                f"fu{start_id + i}@example.net",
                "Fu",
                f"Person{i}",
                "",
                "Word of mouth" if i % 2 == 0 else "",
                "PDU newsletter" if i % 3 == 0 else "",
                "",
                "Yes" if i % 2 == 0 else "No",
                "Yes" if i % 3 else "No",
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in r] for r in rows])
    return path


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def write_raw(
    folder: Path,
    *,
    events=None,
    register=None,
    hub=None,
    post_event=None,
    follow_ups=None,
    synthetic: bool = True,
) -> Path:
    """A valid miniature raw folder; pass rows to replace a file's content."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "events.csv", events or EVENTS, encoding="utf-8")
    write_xlsx(folder / "attendance_register.xlsx", register or REGISTER, sheet="Register")
    write_csv(folder / "hub_registrations.csv", hub or HUB, encoding="utf-8")
    write_csv(folder / "post_event_survey.csv", post_event or post_event_rows())
    rounds = follow_ups or {
        "follow_up_2018-06.xlsx": follow_up_rows("214563201", 6, 2018, 3, 12000000001),
        "follow_up_2019-01.csv": follow_up_rows("231774550", 1, 2019, 4, 12000000101),
    }
    for name, rows in rounds.items():
        if name.endswith(".xlsx"):
            write_xlsx(folder / name, rows)
        else:
            write_csv(folder / name, rows)
    if synthetic:
        (folder / "SYNTHETIC").write_text("synthetic test data\n")
    return folder
