"""Respondent metadata shared by the synthetic SurveyMonkey exports.

Respondent IDs are 11-digit and grow with the start time (as SurveyMonkey's do), so they are unique
across every export. Times are plausible office hours; IPs are documentation-range addresses.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

import numpy as np

from . import fakes
from .surveymonkey import Response

_EPOCH = datetime(2017, 10, 1)


def start_time(rng: np.random.Generator, day: date) -> datetime:
    """A start time on ``day`` between 08:00 and 21:00, to the second."""
    seconds = int(rng.integers(8 * 3600, 21 * 3600))
    return datetime.combine(day, time()) + timedelta(seconds=seconds)


def respondent_id(start: datetime, serial: int) -> int:
    """11-digit ID increasing with start time; ``serial`` breaks ties."""
    return 10_000_000_000 + int((start - _EPOCH).total_seconds()) * 37 + serial % 37


def response(
    rng,
    collector_id: int,
    start: datetime,
    serial: int,
    blank: bool = False,
    meta: Mapping[str, str] | None = None,
) -> Response:
    """A response shell: metadata (e-mail, names, custom field) filled in, no answers yet."""
    minutes = 0.5 + float(rng.random()) if blank else 2 + 7 * float(rng.random())
    end = start + timedelta(seconds=int(minutes * 60))
    return Response(
        respondent_id(start, serial),
        collector_id,
        start,
        end,
        fakes.ip_address(int(rng.integers(600))),
        email=(meta or {}).get("email", ""),
        first_name=(meta or {}).get("first_name", ""),
        last_name=(meta or {}).get("last_name", ""),
        custom_1=(meta or {}).get("custom_1", ""),
    )


def day_between(rng, first: date, last: date) -> date:
    return first + timedelta(days=int(rng.integers((last - first).days + 1)))
