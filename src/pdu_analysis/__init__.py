"""Reproducible evaluation of the Opportunity Nottingham Practice Development Unit (PDU).

The front door for an evaluator asking a question in a notebook:

- :func:`load`: every tidy table, typed (dates, ordered periods, rounds and answers, nullable
  counts); the data dictionary (:mod:`pdu_analysis.dictionary`) says what each column means.
- :func:`crosstab`: k of n for each category of each group, with the Wilson interval and small
  counts suppressed; :func:`wilson` for one proportion; :func:`suppress` for any table of counts.
- :func:`bar_chart` and :func:`show_figure`: a chart in the house style, shown with its caption,
  alt text and CSV.

Data flow: data/raw -> io -> schemas -> clean -> data/processed -> measures, stats -> tables, compare,
wording, figures -> present -> notebooks -> report -> reports (README.md names every module).
The names are imported on first use, so ``import pdu_analysis`` stays light for the build's tools.
"""

from __future__ import annotations

import importlib

__version__ = "1.1.0"

_EXPORTS = {
    "load": "pdu_analysis.tidy",
    "Tables": "pdu_analysis.tidy",
    "crosstab": "pdu_analysis.helpers",
    "wilson": "pdu_analysis.helpers",
    "suppress": "pdu_analysis.helpers",
    "bar_chart": "pdu_analysis.helpers",
    "show_figure": "pdu_analysis.present",
    "show_table": "pdu_analysis.present",
    "data_dictionary": "pdu_analysis.dictionary",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'pdu_analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
