"""Reproducible evaluation of the Opportunity Nottingham Practice Development Unit (PDU).

Data flow: data/raw -> io -> schemas -> clean -> data/processed -> stats/plots -> notebooks -> reports.
"""

__version__ = "1.0.0"
