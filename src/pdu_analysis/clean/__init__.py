"""Turn raw exports into validated tidy tables: labels, people, waves, surveys.

``attendance.build`` and ``surveys.build`` are what the cleaning notebooks call; each returns the
tidy tables and a cleaning log, and writes nothing (the notebook saves them in one atomic step).
"""

from .attendance import build as build_attendance
from .log import CleaningLog
from .surveys import build as build_surveys

__all__ = ["CleaningLog", "build_attendance", "build_surveys"]
