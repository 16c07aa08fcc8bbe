"""The order of the report pages: the one list every header, the index and the PDF follow.

A steering-group member reads the findings first (who attends, event feedback, follow-up, interim
vs final, what people wrote), and a reviewer then checks how the data were cleaned and whether the
published figures are reproduced. Pages are named by their notebook's two-digit number, so a page
can be renamed without touching this list; a numbered page not listed here goes at the end of
"For reviewers", so a new notebook is never left out of the navigation.

>>> sequence(["01_clean", "03_who", "08_repro", "04_feedback"])
['03_who', '04_feedback', '01_clean', '08_repro']
>>> neighbours("04_feedback", ["01_clean", "03_who", "04_feedback"])
('03_who', '01_clean')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STUDY_NAME = "PDU evaluation study"
"""Shown in every page header and after every page title."""

INDEX_PAGE = "index.html"
GLOSSARY_HREF = f"{INDEX_PAGE}#glossary"

READERS_PATH = ("03", "04", "05", "06", "07", "09")
"""The findings, in the order a steering-group member reads them; how far the PDU met its aims last."""

FOR_REVIEWERS = ("01", "02", "08")
"""Methods and reproduction: how the data were cleaned and checked."""

GROUPS = (("readers", "The findings", READERS_PATH), ("reviewers", "For reviewers", FOR_REVIEWERS))
"""(key, heading, page numbers) for each part of the path."""

_NUMBER = re.compile(r"^(\d{2})_")


def number(stem: str) -> str | None:
    """The page's two-digit number (``"03"`` for ``03_who_attends``), or None if it has none."""
    match = _NUMBER.match(stem)
    return match.group(1) if match else None


def group_of(stem: str) -> str | None:
    """``"readers"`` or ``"reviewers"`` for a numbered page (unlisted numbers: reviewers); else None."""
    num = number(stem)
    if num is None:
        return None
    return "readers" if num in READERS_PATH else "reviewers"


def _rank(stem: str) -> tuple[int, str]:
    num = number(stem) or ""
    listed = READERS_PATH + FOR_REVIEWERS
    return (listed.index(num) if num in listed else len(listed), stem)


def sequence(stems: Iterable[str]) -> list[str]:
    """The numbered pages among ``stems`` in reading order (reader's path, then for reviewers)."""
    return sorted((s for s in set(stems) if number(s) is not None), key=_rank)


def grouped(stems: Iterable[str]) -> list[tuple[str, str, list[str]]]:
    """``(key, heading, pages in order)`` for each part of the path that has pages."""
    ordered = sequence(stems)
    parts = []
    for key, heading, _ in GROUPS:
        members = [s for s in ordered if group_of(s) == key]
        if members:
            parts.append((key, heading, members))
    return parts


def neighbours(stem: str, stems: Iterable[str]) -> tuple[str | None, str | None]:
    """The pages before and after ``stem`` in reading order (None at either end)."""
    ordered = sequence([*stems, stem])
    at = ordered.index(stem)
    before = ordered[at - 1] if at > 0 else None
    after = ordered[at + 1] if at + 1 < len(ordered) else None
    return before, after


def page_title(heading: str) -> str:
    """The ``<title>`` of a page: its own heading, then the study's name."""
    heading = " ".join(heading.split())
    return f"{heading} \u00b7 {STUDY_NAME}" if heading else STUDY_NAME
