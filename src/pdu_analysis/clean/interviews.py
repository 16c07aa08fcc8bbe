"""Interview notes: one pseudonymous text file per interview, split into passages for coding.

Contract (``data/raw/README.md``, section "Interview notes"): ``interviews/*.txt`` in the raw
folder, UTF-8 (or cp1252). A header of ``Key: value`` lines (``Interview``, ``Group``, ``Round``,
optionally ``Date``) ends at the first blank line; the notes follow, one passage per paragraph
(paragraphs separated by blank lines). ``Round`` must name a round in ``data/reference/waves.csv``.
Passages are redacted as they are read, like survey free text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import PDUInputError, quoted
from .open_text import COLUMNS, sheet_name

FOLDER = "interviews"
SURVEY = "interviews"
QUESTION = "notes"
REQUIRED = ("Interview", "Group", "Round")
OPTIONAL = ("Date",)
_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PDUInputError("cannot decode the notes as UTF-8 or cp1252", file=str(path))


def parse_notes(path: Path, rounds: list[str]) -> tuple[dict[str, str], list[str]]:
    """(header, passages) of one interview file; errors name the file and line."""
    lines = _decode(path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header: dict[str, str] = {}
    number = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or key not in REQUIRED + OPTIONAL:
            raise PDUInputError(
                f"line {number}: expected a header line 'Key: value' with a key among "
                f"{', '.join(REQUIRED + OPTIONAL)}, then a blank line before the notes",
                file=str(path),
            )
        header[key] = value.strip()
    missing = [k for k in REQUIRED if not header.get(k)]
    if missing:
        raise PDUInputError(f"header: missing {', '.join(missing)} (lines 1 to {number})", file=str(path))
    if not _ID.match(header["Interview"]):
        raise PDUInputError(
            f"header 'Interview': {quoted(header['Interview'])} is not a pseudonymous code "
            "(letters, digits, - or _; up to 20 characters, never a name)",
            file=str(path),
        )
    if header["Round"] not in rounds:
        raise PDUInputError(
            f"header 'Round': {quoted(header['Round'])} is not a round in data/reference/waves.csv "
            f"(expected one of {', '.join(rounds)})",
            file=str(path),
        )
    body = "\n".join(lines[number:])
    passages = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body)]
    passages = [p for p in passages if p]
    if not passages:
        raise PDUInputError("no notes after the header", file=str(path))
    return header, passages


def read_interviews(raw: Path, rounds: list[str], redact) -> pd.DataFrame:
    """Every passage of every interview in ``raw/interviews`` (none when the folder is absent)."""
    folder = raw / FOLDER
    records: list[dict[str, object]] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        header, passages = parse_notes(path, rounds)
        code = header["Interview"]
        if code in seen:
            raise PDUInputError(
                f"interview '{code}' is also in {seen[code]}: one file per interview", file=str(path)
            )
        seen[code] = path.name
        for i, passage in enumerate(passages, start=1):
            records.append(
                {
                    "sheet": sheet_name(SURVEY, QUESTION, header["Round"]),
                    "survey": SURVEY,
                    "question_id": QUESTION,
                    "round": header["Round"],
                    "unit_id": code,
                    "item_id": f"{code}-{i:02d}",
                    "text": redact(passage),
                }
            )
    return pd.DataFrame(records, columns=COLUMNS)
