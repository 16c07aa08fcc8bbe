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


def quoted(value: object) -> str:
    """A value from the data as a message may quote it: its first few words, redacted, in quotes.

    A free-text answer in the wrong column can hold a name, an address or a phone number; the
    build log and the error a person reads show no more of it than they need to find the cell
    (the row and column say where it is). See ``qual.redact.excerpt``.

    >>> quoted("Call Sarah on 07700 900123 about the training day please")
    "'Call [name] on [phone] \u2026'"
    """
    from .qual.redact import excerpt  # late: redaction reads the reference tables

    return f"'{excerpt(value)}'"
