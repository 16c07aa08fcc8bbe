"""Errors the pipeline reports to people, not to programmers.

``PDUInputError`` means the raw data are wrong (a missing file, a bad date, an unknown event title),
not the code. Its message names the file (and row/column where known), so the notebook runner
prints it alone, without a traceback.
"""

from __future__ import annotations


class PDUInputError(Exception):
    """A problem in the raw inputs that the person supplying them can fix.

    >>> str(PDUInputError("column 'Date': 2 value(s) are not dates", file="data/raw/x.csv"))
    "data/raw/x.csv: column 'Date': 2 value(s) are not dates"
    """

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.message = message
        self.file = file
        super().__init__(f"{file}: {message}" if file else message)
