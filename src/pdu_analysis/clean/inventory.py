"""Every file in the raw folder accounted for: read as what it is, or listed as not used.

A file is known first by its name as the contract (``data/raw/README.md``) gives it, ignoring case
(``attendance_register.xlsx``, ``events.csv``, ``hub_registrations.csv``, ``post_event_survey.*``,
``follow_up_*.*``); where the name does not say (SurveyMonkey's own download names, "export (1).csv"),
by its content: a SurveyMonkey export by its metadata columns, and which survey it is by its
questions (one whose questions are the follow-up codebook's is a follow-up round); the register,
events list and hub registrations by their header row. The folder's own description (README,
PROVENANCE), the ``SYNTHETIC`` marker, interview notes and other documents (notes, text, PDF, Word)
are listed as what they are. A spreadsheet or archive that cannot be placed stops the run naming it:
an export is never dropped silently. Hidden files (``.DS_Store``) are not data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import io
from ..errors import PDUInputError
from ..layout import HEADER_SEARCH
from ..paths import QUESTIONS_FILE, REFERENCE_DIR, SYNTHETIC_MARKER
from ..reference import load_codebook
from .log import CleaningLog

KINDS = {
    "register": "the attendance register",
    "events": "the events list",
    "hub": "the hub registrations",
    "post_event": "the post-event survey export",
    "follow_up": "a follow-up survey export (one round)",
    "interview": "interview notes",
    "marker": "the marker of synthetic data",
    "description": "the raw folder's description",
    "document": "a document (not read)",
}
"""What a raw file can be, in the words the cleaning log uses."""

BY_NAME = {"attendance_register": "register", "events": "events", "hub_registrations": "hub"}
SPREADSHEETS = (".csv", ".xlsx", ".xlsm")
DOCUMENTS = (".txt", ".md", ".pdf", ".docx", ".doc", ".rtf", ".odt", ".html", ".htm")
"""Files that hold words for people, not data: listed as not used."""
DESCRIPTIONS = ("readme", "provenance")
UNREADABLE = {
    ".xls": "an Excel 97-2003 workbook: open it in Excel and save it as .xlsx (or CSV UTF-8)",
    ".ods": "an OpenDocument spreadsheet: save it as .xlsx or CSV UTF-8",
    ".zip": "a zip archive (SurveyMonkey downloads come zipped): unzip it into the raw folder "
    "and remove the .zip",
    ".json": "a JSON file: export the data as CSV or .xlsx",
    ".tsv": "a tab-separated file: save it as CSV",
}


@dataclass(frozen=True)
class RawFile:
    """One file of the raw folder: what it is read as, and how that was decided."""

    path: Path
    name: str  # relative to the raw folder
    kind: str  # a key of KINDS
    how: str  # "its name", or what in its content said so


@dataclass(frozen=True)
class Inventory:
    raw: Path
    files: tuple[RawFile, ...]

    def all(self, kind: str) -> list[Path]:
        return [f.path for f in self.files if f.kind == kind]

    def one(self, kind: str) -> Path:
        """The single file of ``kind``; none, or two, stop the run with what to do."""
        found = [f for f in self.files if f.kind == kind]
        if not found:
            raise PDUInputError(
                f"file not found: no file in the raw folder is {KINDS[kind]}; expected "
                f"{_EXPECTED[kind]}, or a file whose content is one (see data/raw/README.md)",
                file=io.display_path(self.raw),
            )
        if len(found) > 1:
            listing = "; ".join(f"{f.name} (known by {f.how})" for f in found)
            raise PDUInputError(
                f"found more than one file that is {KINDS[kind]}: {listing}. Keep one.",
                file=io.display_path(self.raw),
            )
        return found[0].path

    def log_to(self, log: CleaningLog) -> None:
        """One log row per file, and a note listing what is not read."""
        for f in self.files:
            used = f.kind not in ("document", "description", "marker")
            log.add(
                "raw folder",
                "read as" if used else "not used",
                1,
                1 if used else 0,
                f"{f.name}: {KINDS[f.kind]}, known by {f.how}",
            )
        unused = [f.name for f in self.files if f.kind in ("document", "description")]
        if unused:
            log.note(
                f"{len(unused)} file(s) in the raw folder are not data and are not read: {', '.join(unused)}."
            )
        self.note_by_content(log, tuple(_EXPECTED))

    def note_by_content(self, log: CleaningLog, kinds: tuple[str, ...]) -> None:
        """A note naming the files of ``kinds`` known by their content rather than their name."""
        by_content = [f for f in self.files if f.how != "its name" and f.kind in kinds]
        if by_content:
            log.note(
                "Recognised by content, not by name: "
                + "; ".join(f"{f.name} as {KINDS[f.kind]} ({f.how})" for f in by_content)
                + "."
            )


_EXPECTED = {
    "register": "attendance_register.xlsx or .csv",
    "events": "events.csv",
    "hub": "hub_registrations.csv",
    "post_event": "post_event_survey.csv or .xlsx",
    "follow_up": "follow_up_*.csv or follow_up_*.xlsx, one per round",
}


def _codebook_keys(reference: Path) -> dict[str, set[str]]:
    from .surveys import _key

    table = load_codebook(reference / QUESTIONS_FILE)
    keys: dict[str, set[str]] = {}
    for survey, text in zip(table["survey"], table["question_text"], strict=True):
        keys.setdefault(survey, set()).add(_key(text))
    return keys


def _by_name(path: Path) -> str | None:
    stem, suffix = path.stem.casefold(), path.suffix.casefold()
    if suffix not in SPREADSHEETS:
        return None
    if stem in BY_NAME:
        return BY_NAME[stem]
    if stem == "post_event_survey":
        return "post_event"
    if stem.startswith("follow_up_"):
        return "follow_up"
    return None


def _first_rows(path: Path) -> list[tuple[str, Sequence[Sequence[object]]]]:
    """(sheet, first rows) of a CSV or of each worksheet of a workbook."""
    if path.suffix.casefold() == ".csv":
        return [("", io.read_csv_rows(path)[:HEADER_SEARCH])]
    from openpyxl import load_workbook

    io.workbook_sheets(path)  # the readers' checks (a workbook at all, not damaged) and messages
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        out: list[tuple[str, Sequence[Sequence[object]]]] = []
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True, max_row=HEADER_SEARCH):
                rows.append(list(row))
            out.append((sheet.title, rows))
        return out
    finally:
        book.close()


def _cells(row: Sequence[object]) -> set[str]:
    return {str(v).strip() for v in row if v is not None and str(v).strip()}


def _by_content(path: Path, codebook: dict[str, set[str]]) -> tuple[str, str] | None:
    """(kind, how) from the header rows, or None when nothing in the file says what it is."""
    from .surveys import _key

    tables = {
        "register": set(io.REGISTER_COLUMNS),
        "events": set(io.EVENTS_COLUMNS),
        "hub": set(io.HUB_COLUMNS),
    }
    for sheet, rows in _first_rows(path):
        where = f" (sheet '{sheet}')" if sheet else ""
        for number, row in enumerate(rows, start=1):
            cells = _cells(row)
            below = f", row {number}" if number > 1 else ""
            if "Respondent ID" in cells and "Collector ID" in cells:
                questions = {_key(c) for c in cells if c not in io.SURVEYMONKEY_METADATA}
                score = Counter({s: len(questions & keys) for s, keys in codebook.items()})
                (best, hits), *rest = score.most_common() + [("", 0)]
                if hits == 0 or (rest and rest[0][1] == hits):
                    raise PDUInputError(
                        f"a SurveyMonkey export{where}, but its questions are not those of one "
                        f"survey in {REFERENCE_DIR / 'questions.csv'} ({hits} of {len(questions)} "
                        f"known): add its questions to the codebook, or move the file out of the "
                        f"raw folder if it is not part of the evaluation",
                        file=io.display_path(path),
                    )
                return (
                    best,
                    f"its SurveyMonkey header{where}{below}: {hits} of {len(questions)} "
                    f"questions are the {best.replace('_', '-')} survey's",
                )
            for kind, columns in tables.items():
                if columns <= cells:
                    return kind, f"its header row{where}{below}: the {KINDS[kind][4:]}'s columns"
    return None


@lru_cache(maxsize=8)
def _take_stock(raw: Path, reference: Path, stamp: tuple) -> Inventory:
    codebook = _codebook_keys(reference)
    files = []
    for rel, path in stamp_files(raw):
        parts = Path(rel).parts
        suffix = path.suffix.casefold()
        if rel == SYNTHETIC_MARKER:
            files.append(RawFile(path, rel, "marker", "its name"))
        elif len(parts) == 2 and parts[0] == "interviews" and suffix == ".txt":
            files.append(RawFile(path, rel, "interview", "its folder"))
        elif path.stem.casefold() in DESCRIPTIONS and suffix in DOCUMENTS and len(parts) == 1:
            files.append(RawFile(path, rel, "description", "its name"))
        elif suffix in UNREADABLE:
            raise PDUInputError(
                f"this is {UNREADABLE[suffix]}; the raw folder must hold the exports themselves",
                file=io.display_path(path),
            )
        elif suffix in SPREADSHEETS and len(parts) > 1:
            raise PDUInputError(
                "a spreadsheet in a sub-folder of the raw folder: exports are read from the raw "
                "folder itself (only interview notes have a sub-folder). Move it up into the raw "
                "folder, or out of it if it is not an input",
                file=io.display_path(path),
            )
        elif kind := _by_name(path):
            files.append(RawFile(path, rel, kind, "its name"))
        elif suffix in SPREADSHEETS:
            found = _by_content(path, codebook)
            if found is None:
                raise PDUInputError(
                    "a spreadsheet in the raw folder that is none of the inputs: its first rows "
                    "hold neither a SurveyMonkey header nor the columns of the register, the "
                    "events list or the hub registrations (data/raw/README.md lists each). "
                    "Correct its header, or move it out of the raw folder if it is not an input",
                    file=io.display_path(path),
                )
            files.append(RawFile(path, rel, *found))
        else:
            files.append(RawFile(path, rel, "document", f"its type ({suffix or 'no extension'})"))
    return Inventory(raw, tuple(files))


def stamp_files(raw: Path) -> list[tuple[str, Path]]:
    from ..fingerprint import data_files

    return data_files(raw)


def take_stock(raw: Path, reference: Path = REFERENCE_DIR) -> Inventory:
    """What every file in ``raw`` is (recomputed when any file's size or time changes)."""
    raw = Path(raw)
    if not raw.is_dir():
        raise PDUInputError("raw data folder not found", file=str(raw))
    state = tuple((rel, p.stat().st_size, p.stat().st_mtime_ns) for rel, p in stamp_files(raw))
    return _take_stock(raw.resolve(), Path(reference).resolve(), state)
