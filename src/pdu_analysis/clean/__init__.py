"""Turn raw exports into validated tidy tables: labels, people, waves, surveys.

``attendance.build`` and ``surveys.build`` are what the cleaning notebooks call; each returns the
tidy tables and a cleaning log, and writes nothing (the notebook saves them in one atomic step).
They are imported on first use, so a page that only needs ``clean.waves`` (the periods the cleaning
applied) does not pay for the validation stack.
"""

from __future__ import annotations

from importlib import import_module

_LAZY = {
    "CleaningLog": (".log", "CleaningLog"),
    "build_attendance": (".attendance", "build"),
    "build_surveys": (".surveys", "build"),
}

__all__ = ["CleaningLog", "build_attendance", "build_surveys"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(import_module(module, __name__), attribute)
