"""How a day and a month are written, everywhere: "30 June 2018", "June 2018", "October 2017–June 2018".

One style for labels, sentences, chart text, footers and the index (GOV.UK's: the month in full,
no leading zero), so a date never reads two ways on two pages. Month names come from this module,
not the machine's locale, so every machine writes the same bytes; the standard library only, so
the build's tools can use it without loading pandas. Axis ticks, where a chart has no room for a
month in full, take ``tick_text`` ("Jun 18"), named as the one short form.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _as_date(value: dt.date | str) -> dt.date:
    """A date, a datetime (pandas' Timestamp included) or an ISO text ("2018-06-30")."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def day_text(value: dt.date | str) -> str:
    """'30 June 2018'."""
    day = _as_date(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_text(value: dt.date | str) -> str:
    """'June 2018'."""
    day = _as_date(value)
    return f"{MONTHS[day.month - 1]} {day.year}"


def month_span(first: dt.date | str, last: dt.date | str) -> str:
    """'October 2017–June 2018', or one month when both fall in it."""
    a, b = month_text(first), month_text(last)
    return a if a == b else f"{a}–{b}"


def tick_text(value: dt.date | str) -> str:
    """'Jun 18': a month on a chart's axis, where the full form does not fit."""
    day = _as_date(value)
    return f"{MONTHS[day.month - 1][:3]} {day.year % 100:02d}"
