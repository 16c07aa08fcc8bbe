"""Redact names, e-mail addresses, phone numbers and organisation names from free text.

Free text and interview notes can name people. Every name known to the study (the register, the hub
and the survey exports' metadata) and every organisation typed in the register or the hub is
replaced, as are e-mail addresses and UK phone numbers, before any text is written to a coding
sheet, a table or a page. Over-redaction is the safe failure: a sentence-initial "Will" that is also
a first name becomes "[name]"; a name inside a longer word ("Ann" in "Annual") is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

NAME = "[name]"
EMAIL = "[e-mail]"
PHONE = "[phone]"
ORGANISATION = "[organisation]"

EMAIL_PATTERN = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
"""Anything shaped like an address: local part, @, a dotted domain."""

_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)[\d\s()-]{7,16}\d(?!\w)")
"""A run that starts like a UK number (+44, (0 or 0) and ends on a digit; checked by digit count."""

EVERYDAY_WORDS = frozenset(
    """
    will may june april august summer bill mark grace hope joy rose dawn faith frank jack guy pat
    sue ray rich max drew dean miles holly amber ivy lily iris crystal young green white black brown
    long king price cook baker hill ward page hall wood walker turner mason carter hunter bishop
    shepherd fisher booth bell lee north south west east
    """.split()
)
"""Names that are also everyday words: matched alone only when capitalised ("Will", not "will")."""

_WORD_EDGE_BEFORE = r"(?<![\w@])"
_WORD_EDGE_AFTER = r"(?![\w@])"
"""A name is a whole word: not inside a longer one ("Annual"); a possessive "'s" may follow."""


def _alternation(words: Iterable[str]) -> str:
    # longest first, so "Ann Marie" wins over "Ann"
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _phone(match: re.Match) -> str:
    text = match.group(0)
    digits = re.sub(
        r"\D", "", text.replace("(0)", "")
    )  # "+44 (0)115": the bracketed 0 is dialled only at home
    if digits.startswith("44"):
        ok = len(digits) in (11, 12)  # 44 + 9 or 10 digits (the trunk 0 dropped)
    else:
        ok = digits.startswith("0") and len(digits) in (10, 11)
    if not ok:
        return text
    # "(0115 496 0123)": the bracket opens a remark, not an area code; keep it
    return "(" + PHONE if text.startswith("(") and ")" not in text else PHONE


def _clean(values: Iterable[object]) -> list[str]:
    out = []
    for value in values:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            continue
        text = " ".join(str(value).split())
        if text:
            out.append(text)
    return out


@dataclass(frozen=True)
class Redactor:
    """Replaces every known name and organisation, and any e-mail or phone number, in a text.

    Build it with :func:`redactor` from the names and organisations the raw files hold.

    Examples
    --------
    >>> r = redactor(["Ann Smith"], ["Lacebridge Housing Trust"])
    >>> r("Ann's team at LACEBRIDGE housing trust (ann.smith@example.org, 0115 496 0123).")
    "[name]'s team at [organisation] ([e-mail], [phone])."
    >>> r("The Annual review with ann smith")
    'The Annual review with [name]'
    """

    full_names: re.Pattern | None
    tokens_any_case: re.Pattern | None
    tokens_capitalised: re.Pattern | None
    organisations: re.Pattern | None

    def __call__(self, text: object) -> str:
        if text is None or (isinstance(text, float) and pd.isna(text)):
            return ""
        out = EMAIL_PATTERN.sub(EMAIL, str(text))
        out = _PHONE_CANDIDATE.sub(_phone, out)
        for pattern, mark in (
            (self.organisations, ORGANISATION),
            (self.full_names, NAME),
            (self.tokens_any_case, NAME),
            (self.tokens_capitalised, NAME),
        ):
            if pattern is not None:
                out = pattern.sub(mark, out)
        return out


def _compile(words: list[str], *, ignore_case: bool) -> re.Pattern | None:
    if not words:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(f"{_WORD_EDGE_BEFORE}(?:{_alternation(words)}){_WORD_EDGE_AFTER}", flags)


def redactor(names: Iterable[object], organisations: Iterable[object] = ()) -> Redactor:
    """A :class:`Redactor` for these full names (and each of their parts) and organisations.

    Full names and organisations match in any case. Each part of a name (first name, surname, each
    half of a double-barrelled name) of two letters or more matches alone too: in any case, except
    for parts that are everyday words ("Will", "Young"), which match only with a capital.
    """
    full = _clean(names)
    parts: set[str] = set()
    for name in full:
        for token in re.split(r"[\s]+", name):
            token = token.strip(".,()\"'")
            pieces = {token, *token.split("-")}
            parts.update(p for p in pieces if len(p) >= 2 and any(c.isalpha() for c in p))
    everyday = {p for p in parts if p.casefold() in EVERYDAY_WORDS}
    capitalised = sorted({p[:1].upper() + p[1:].lower() for p in everyday} | {p.upper() for p in everyday})
    return Redactor(
        full_names=_compile([n for n in full if " " in n], ignore_case=True),
        tokens_any_case=_compile(sorted(parts - everyday), ignore_case=True),
        tokens_capitalised=_compile(capitalised, ignore_case=False),
        organisations=_compile([o for o in _clean(organisations) if len(o) >= 3], ignore_case=True),
    )


def known_names_and_organisations(raw: Path) -> tuple[list[str], list[str]]:
    """Every person's name and every organisation in the register, the hub and the survey exports."""
    from .. import io
    from ..clean.inventory import take_stock
    from ..clean.surveys import survey_files

    register = io.read_register(take_stock(raw).one("register"))
    hub = io.read_hub(take_stock(raw).one("hub"))
    names = [*register["name"], *hub["name"]]
    organisations = [*register["organisation"], *hub["organisation"]]
    for path, _ in survey_files(raw):
        export = io.read_surveymonkey(path)
        position = {q: i for i, (q, _) in enumerate(export.columns) if q in io.SURVEYMONKEY_METADATA}
        first = export.body[position["First Name"]].fillna("").astype(str).str.strip()
        last = export.body[position["Last Name"]].fillna("").astype(str).str.strip()
        names += [f"{f} {s}".strip() for f, s in zip(first, last, strict=True) if f or s]
    return _clean(names), _clean(organisations)


def redactor_for(raw: Path) -> Redactor:
    """The redactor for the people and organisations of this raw folder."""
    names, organisations = known_names_and_organisations(raw)
    return redactor(names, organisations)
