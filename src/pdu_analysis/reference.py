"""The reviewable tables in ``data/reference``, read in one place.

Waves (rounds and their attendance cut-offs) and the survey codebook (questions and their answer
options) are read here and nowhere else, so every table, label and sentence agrees on them. A
table is read once per change of the file (cached on its path, size and modification time), and a
broken one raises an error naming the file, never an empty table.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from pdu_analysis.errors import PDUInputError
from pdu_analysis.paths import QUESTIONS_FILE, REFERENCE_DIR, SECTIONS_FILE, WAVES_FILE


def waves(folder: Path = REFERENCE_DIR, *, interim_cutoff: str | None = None) -> pd.DataFrame:
    """``waves.csv`` of ``folder``, ordered by attendance cut-off and validated
    (:func:`pdu_analysis.clean.waves.load_waves`); the first round's cut-off may be overridden.

    A missing or unreadable file raises :class:`~pdu_analysis.errors.PDUInputError` naming it.
    """
    path = Path(folder) / WAVES_FILE
    cutoff = None if interim_cutoff is None else str(interim_cutoff)
    return _waves(*_version(path), cutoff).copy()


def _version(path: Path) -> tuple[Path, int, int]:
    """The cache key of a file: its path, size and modification time (an edit reads it again)."""
    try:
        stat = path.stat()
    except OSError as error:
        raise PDUInputError(f"cannot read this reference table: {error.strerror}", file=str(path)) from None
    return path, stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=16)
def _waves(path: Path, size: int, mtime_ns: int, interim_cutoff: str | None) -> pd.DataFrame:
    from pdu_analysis.clean.waves import load_waves

    return load_waves(path, interim_cutoff=interim_cutoff)


@lru_cache(maxsize=32)
def _text_table(path: Path, size: int, mtime_ns: int) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def text_table(path: Path) -> pd.DataFrame:
    """A reference table as text columns (blank cells as ""), read once per version of the file."""
    return _text_table(*_version(Path(path))).copy()


def waves_by_cutoff() -> pd.DataFrame:
    """The project's rounds (:func:`waves`) with cut-offs as ISO dates."""
    table = waves()
    return table.assign(attendance_cutoff=[d.isoformat() for d in table["attendance_cutoff"]])


def question_options(survey: str, question_id: str) -> list[str]:
    """A question's answer options in codebook order (``data/reference/questions.csv``)."""
    book = load_codebook()
    row = book[(book["survey"] == survey) & (book["question_id"] == question_id)]
    if row.empty:
        raise KeyError(f"question {survey}/{question_id} is not in data/reference/{QUESTIONS_FILE}")
    return [o for o in row.iloc[0]["options"].split("|") if o]


def load_codebook(path: Path | None = None) -> pd.DataFrame:
    """The survey codebook (``data/reference/questions.csv``) as text columns."""
    return text_table(path or REFERENCE_DIR / QUESTIONS_FILE)


def codebook_options(
    survey: str, question_id: str, codebook: pd.DataFrame | None = None
) -> tuple[str, list[str]]:
    """(kind, options) of one question in the codebook."""
    book = load_codebook() if codebook is None else codebook
    row = book[(book["survey"] == survey) & (book["question_id"] == question_id)]
    if row.empty:
        raise KeyError(f"{survey}/{question_id} is not in the codebook")
    row = row.iloc[0]
    return row["kind"], [o for o in row["options"].split("|") if o]


SECTION_COLUMNS = ["section", "order", "heading", "report_heading"]


def report_sections(path: Path | None = None) -> pd.DataFrame:
    """The findings sections of the report in reading order (``data/reference/sections.csv``).

    ``section`` is the id other tables refer to (themes, quotes, aims), ``heading`` the reader's
    heading, ``report_heading`` the report's own section title (as ``published_figures.csv`` names
    it). A missing column, a repeated id or order raises an error naming the file.
    """
    source = path or REFERENCE_DIR / SECTIONS_FILE
    table = text_table(source)
    missing = [c for c in SECTION_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{source.name}: missing column(s) {', '.join(missing)}; expected {SECTION_COLUMNS}")
    if table["section"].duplicated().any() or table["order"].duplicated().any():
        raise ValueError(f"{source.name}: each section id and each order must appear once")
    if not table["order"].str.fullmatch(r"\d+").all():
        raise ValueError(f"{source.name}: column 'order' must hold whole numbers")
    table = table.assign(order=table["order"].astype(int))
    return table.sort_values("order", kind="stable").reset_index(drop=True)
