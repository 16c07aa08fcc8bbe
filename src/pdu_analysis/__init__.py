"""Reproducible evaluation of the Opportunity Nottingham Practice Development Unit (PDU).

Data flow: data/raw -> io -> schemas -> clean -> data/processed -> measures, stats -> tables, compare,
wording, figures -> present -> notebooks -> report -> reports (README.md names every module).
"""

__version__ = "1.0.0"
