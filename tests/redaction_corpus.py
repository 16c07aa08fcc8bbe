"""An adversarial corpus of identifiers, injected into a copy of a raw folder's free text and notes.

``inject(raw)`` appends one paragraph holding an identifier of every kind the redaction covers to
every free-text answer of every survey export (open questions and "Other (please specify)") and
to every paragraph of every interview note, and adds it as a passage of its own. Some identifiers
are invented; others are built from the folder's own register (a person's name with accents added
and a curly apostrophe, an organisation by initials and first word), so they test the matching of
known names, not only the patterns. ``needles`` are the strings no output may contain.
"""

from __future__ import annotations

import csv
import io as _io
import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from pdu_analysis.clean.surveys import OTHER
from pdu_analysis.paths import REFERENCE_DIR
from pdu_analysis.qual.recognisers import fold
from pdu_analysis.qual.redact import ORDINARY_WORDS, known_names_and_organisations

INVENTED = [
    # (text, what must not survive)
    ("Ask Dr Quennell-Farrowby about it.", ["Quennell", "Farrowby"]),
    ("Mrs Vandersloot helped.", ["Vandersloot"]),
    ("I talked to Sarah Pemberthwaite.", ["Pemberthwaite"]),
    ("Write to jq.corvid (at) quillmail dot org or JQ.CORVID@QUILLMAIL.CO.UK.", ["quillmail", "corvid"]),
    ("Call 0044 115 496 0777, 0115.496.0778 or ring 496 0779.", ["4960777", "4960778", "4960779"]),
    ("Mobile +44 (0)7700 900 461.", ["7700900461"]),
    ("She lives at 14 Fernackerly Crescent, NG9 7QX.", ["Fernackerly", "NG97QX"]),
    ("DOB 17/09/1971, born 3rd March 1968.", ["17/09/1971", "3rd March 1968"]),
    ("NI JT 58 21 94 B, NHS 943 476 5919.", ["JT582194B", "9434765919"]),
    ("Follow @thorncastle_jq or linkedin.com/in/thorncastle-jq.", ["thorncastle"]),
]


@dataclass
class Corpus:
    paragraph: str
    needles: list[str]


def build(raw: Path) -> Corpus:
    """The paragraph for this raw folder: the invented identifiers and some built from its register."""
    names, organisations = known_names_and_organisations(raw)
    parts = [text for text, _ in INVENTED]
    needles = [n for _, found in INVENTED for n in found]
    person = next(n for n in names if len(n.split()) == 2 and all(len(w) >= 5 for w in n.split()))
    first, last = person.split()
    accented = first[0].upper() + first[1:].lower().replace("e", "é").replace("a", "á") + " " + last.upper()
    parts.append(f"{accented} rang; so did {last}\u2019s manager.")
    needles += [rf"(?i)\b{first}\b", rf"(?i)\b{last}\b"]
    for organisation in organisations:
        words = organisation.split()
        head = words[0].casefold()
        if len(words) >= 3 and len(head) >= 5 and head not in ORDINARY_WORDS:
            initials = "".join(w[0] for w in words if w.casefold() not in {"and", "of"}).upper()
            parts.append(f"The {initials} team and {words[0]} itself.")
            needles += [rf"(?i)\b{words[0]}\b", rf"\b{initials}\b"]
            break
    apostrophe = next((o for o in organisations if "'" in o), None)
    if apostrophe:
        parts.append(f"Referred to the {apostrophe.replace(chr(39), chr(0x2019))}.")
        needles.append(apostrophe.split()[0])
    return Corpus(" ".join(parts), needles)


def _open_columns(header: list[object], options: list[object]) -> list[int]:
    questions = [r["question_text"] for r in csv.DictReader(open(REFERENCE_DIR / "questions.csv"))]
    kinds = {r["question_text"]: r["kind"] for r in csv.DictReader(open(REFERENCE_DIR / "questions.csv"))}
    columns, current = [], None
    for i, value in enumerate(header):
        if value not in (None, ""):
            current = str(value).strip()
        option = str(options[i]).strip() if i < len(options) and options[i] is not None else ""
        if current in questions and (kinds[current] == "open" or option == OTHER):
            columns.append(i)
    return columns


def _inject_rows(rows: list[list[object]], paragraph: str) -> int:
    changed = 0
    for column in _open_columns(rows[0], rows[1]):
        for row in rows[2:]:
            if column < len(row) and row[column] not in (None, "") and str(row[column]).strip():
                row[column] = f"{row[column]} {paragraph}"
                changed += 1
    return changed


def inject(raw: Path) -> Corpus:
    """Inject the corpus into every export's free text and every interview note of ``raw``."""
    corpus = build(raw)
    changed = 0
    for path in sorted(raw.iterdir()):
        if path.suffix == ".csv" and path.name not in ("events.csv", "hub_registrations.csv"):
            data = path.read_bytes()
            try:  # written back in the encoding it came in (exports come in UTF-8 or cp1252)
                encoding, text = "utf-8-sig", data.decode("utf-8-sig")
            except UnicodeDecodeError:
                encoding, text = "cp1252", data.decode("cp1252")
            rows = list(csv.reader(_io.StringIO(text, newline="")))
            changed += _inject_rows(rows, corpus.paragraph)
            out = _io.StringIO(newline="")
            csv.writer(out, lineterminator="\r\n").writerows(rows)
            bom = data.startswith(b"\xef\xbb\xbf")
            encoded = out.getvalue().encode("utf-8" if encoding == "utf-8-sig" else encoding)
            path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + encoded)
        elif path.suffix == ".xlsx" and "register" not in path.name:
            workbook = openpyxl.load_workbook(path)
            sheet = workbook.active
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            before = [list(r) for r in rows]
            changed += _inject_rows(rows, corpus.paragraph)
            for r, (old, new) in enumerate(zip(before, rows, strict=True), start=1):
                for c, (a, b) in enumerate(zip(old, new, strict=True), start=1):
                    if a != b:
                        sheet.cell(row=r, column=c).value = b
            workbook.save(path)
    for path in sorted((raw / "interviews").glob("*.txt")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
        paragraphs = [f"{p.rstrip()} {corpus.paragraph}" for p in paragraphs] + [corpus.paragraph]
        path.write_text(head + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        changed += len(paragraphs)
    assert changed > 20, f"the corpus reached only {changed} text(s)"
    return corpus


def _searchable(text: str) -> str:
    """Text as scanned: accents folded, case folded, separators within numbers and codes dropped."""
    text = fold(text).casefold()
    return re.sub(r"(?<=[\da-z])[\s.()-]+(?=\d)|(?<=\d)[\s.()-]+(?=[a-z]\b)", "", text)


def hits(text: str, needles: list[str]) -> list[str]:
    """The needles found in a text: literals, or patterns when they start with ``\\b`` or ``(?i)``."""
    plain = _searchable(text)
    found = []
    for needle in needles:
        if needle.startswith(("\\b", "(?i)")):
            if re.search(needle, fold(text)):
                found.append(needle)
        elif _searchable(needle) in plain:
            found.append(needle)
    return found
