"""Redact people, organisations, contacts and identifying numbers from free text.

Free text and interview notes can name people and say how to reach them. Before any text is
written outside the raw folder (a coding sheet, a table, a page, a log) it passes through a
:class:`Redactor`, which replaces each identifier with a marker naming its kind (``[name]``,
``[phone]``...), so a reviewer sees what was taken out and the coding sheet can count it:

- people: every name in the register, the hub and the survey exports' metadata (whole, and each
  part alone), the common first names of ``data/reference/first_names.csv``, a capitalised word
  after a first name (a surname the register does not hold), and any name after a title
  ("Dr Smith"); accents and curly apostrophes are folded first, so "Zoe" matches "Zoë";
- organisations of the register and the hub: whole, without "Ltd", by a short form of their
  first words, by their initials ("LHT") and by a distinctive first word alone ("Lacebridge");
- contacts, numbers, addresses and dates of birth (``recognisers``).

Over-redaction is the safe failure: a sentence-initial "Will" that is also a first name becomes
"[name]"; a name inside a longer word ("Ann" in "Annual") is never touched, nor are ordinary words
and the codebook's theme words ("Housing", "Support").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import paths
from ..paths import REFERENCE_DIR
from ..reference import text_table
from . import recognisers as rec
from .recognisers import Span, fold

PERSON = "name"
ORGANISATION_KIND = "organisation"
KINDS = (
    PERSON, ORGANISATION_KIND, rec.EMAIL, rec.PHONE, rec.ADDRESS, rec.POSTCODE, rec.BIRTH_DATE,
    rec.NI_NUMBER, rec.NHS_NUMBER, rec.HANDLE, rec.WEB,
)  # fmt: skip
"""Every kind of identifier, in the order a summary lists them; a kind's marker is ``[kind]``."""
PRIORITY = (
    rec.EMAIL, rec.WEB, rec.HANDLE, rec.NHS_NUMBER, rec.NI_NUMBER, rec.PHONE, rec.POSTCODE,
    rec.BIRTH_DATE, rec.ADDRESS, ORGANISATION_KIND, PERSON,
)  # fmt: skip
"""Where two spans overlap they are merged and the merged span takes the first kind here."""


def marker(kind: str) -> str:
    return f"[{kind}]"


NAME, ORGANISATION, EMAIL, PHONE = (marker(k) for k in (PERSON, ORGANISATION_KIND, rec.EMAIL, rec.PHONE))
_MARKERS = re.compile("|".join(re.escape(marker(k)) for k in KINDS))

EVERYDAY_WORDS = frozenset(
    """
    will may june april august summer bill mark grace hope joy rose dawn faith frank jack guy pat
    sue ray rich max drew dean miles holly amber ivy lily iris crystal young green white black brown
    long king price cook baker hill ward page hall wood walker turner mason carter hunter bishop
    shepherd fisher booth bell lee north south west east kim robin carol sally jean jade violet
    """.split()
)
"""Names that are also everyday words: alone, matched only when capitalised ("Will", not "will");
from the list of common first names, only when a surname follows ("Grace Hopper")."""

ORDINARY_WORDS = frozenset(
    """
    the and of for a an in on at to with from by first second new north south east west central
    city county council community national local family adult youth young women men health mental
    housing support care recovery service services team trust project centre center network advice
    advocacy open door police probation canal castle elm oak park river trent jobcentre keystone
    kindred pathway home safe step change bright next better together public social learning
    training action access st saint royal united crisis night shelter peer drug alcohol foyer
    refuge property management lettings recruitment plus hostels horizons forward matters side
    valley larder engagement abuse domestic aid tenancy dual diagnosis resolution neighbourhood
    group groups day days week month year pdu nhs cpd pie meam gp ltd limited plc cic
    """.split()
)
"""Words never redacted alone as an organisation's first word or read as a surname."""

TITLES = (
    r"Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Rev|Revd|Reverend|Sir|Dame|Lord|Lady|Cllr"
    r"|Councillor|Nurse|Sister|Father|Sgt|Sergeant|PC|DC|DS|Insp|Inspector|Officer"
)
_SURNAME = r"(?:Mc|Mac|O'|D')?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_LEGAL = {"ltd", "limited", "plc", "cic", "llp"}
_EDGE_BEFORE = r"(?<![\w@\[])"
_EDGE_AFTER = r"(?![\w@\]])"
"""A name is a whole word: not inside a longer one ("Annual"), nor a marker; "'s" may follow."""


def _word_pattern(word: str) -> str:
    """A folded name as a pattern: spaces, hyphens and apostrophes may vary or be dropped."""
    out = []
    for char in word:
        if char.isspace():
            out.append(r"\s+")
        elif char == "-":
            out.append(r"[-\s]?")
        elif char == "'":
            out.append(r"(?:'|\s)?")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))  # longest first: "Ann Marie" over "Ann"
    return "|".join(_word_pattern(w) for w in ordered)


def _compile(words: Iterable[str], *, ignore_case: bool, after: str = "") -> re.Pattern | None:
    words = [w for w in words if w]
    if not words:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(f"{_EDGE_BEFORE}(?:{_alternation(words)}){after}{_EDGE_AFTER}", flags)


def _clean(values: Iterable[object]) -> list[str]:
    out = []
    for value in values:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            continue
        text = " ".join(fold(str(value)).split())
        if text:
            out.append(text)
    return out


def _capitalised(words: Iterable[str]) -> list[str]:
    return sorted({w[:1].upper() + w[1:].lower() for w in words} | {w.upper() for w in words})


def _surname_after() -> str:
    stop = "|".join(sorted(w.capitalize() for w in ORDINARY_WORDS | EVERYDAY_WORDS if len(w) > 1))
    return rf"(?-i:(?:\s+(?!(?:{stop})\b){_SURNAME})?)"


@dataclass(frozen=True)
class Redactor:
    """Replaces every identifier in a text with the marker of its kind.

    Build it with :func:`redactor` from the names and organisations the raw files hold.

    Examples
    --------
    >>> r = redactor(["Ann Smith"], ["Lacebridge Housing Trust"], first_names=())
    >>> r("Ann's team at LACEBRIDGE housing trust (ann.smith@example.org, 0115 496 0123).")
    "[name]'s team at [organisation] ([e-mail], [phone])."
    >>> r("The Annual review with ann smith, NG7 2RD")
    'The Annual review with [name], [postcode]'
    """

    patterns: tuple[tuple[re.Pattern, str], ...]

    def spans(self, text: str) -> list[Span]:
        """The merged spans to replace, each with the kind it takes."""
        folded = fold(text)
        found = rec.find(folded)
        for pattern, kind in self.patterns:
            for m in pattern.finditer(folded):
                group = 1 if pattern.groups else 0
                found.append(Span(m.start(group), m.end(group), kind))
        for m in _MARKERS.finditer(folded):  # markers already there stay whole
            found = [s for s in found if s.end <= m.start() or s.start >= m.end()]
        rank = {k: i for i, k in enumerate(PRIORITY)}
        merged: list[Span] = []
        for span in sorted(s for s in found if s.end > s.start):
            if merged and span.start < merged[-1].end:
                last = merged[-1]
                kind = min(last.kind, span.kind, key=rank.__getitem__)
                merged[-1] = Span(last.start, max(last.end, span.end), kind)
            else:
                merged.append(span)
        return merged

    def __call__(self, text: object) -> str:
        if text is None or (isinstance(text, float) and pd.isna(text)):
            return ""
        text = str(text)
        out, at = [], 0
        for span in self.spans(text):
            out += [text[at : span.start], marker(span.kind)]
            at = span.end
        return "".join(out) + text[at:]


def _organisation_forms(organisations: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """(whole names, short forms, initials, distinctive first words) of these organisations."""
    whole, short, initials, first = set(), set(), set(), set()
    for name in organisations:
        words = name.split()
        if words and words[-1].casefold().strip(".") in _LEGAL:
            words = words[:-1]
        if not words:
            continue
        whole.update({name, " ".join(words)} if len(" ".join(words)) >= 3 else set())
        titled = [w if w.isupper() and len(w) <= 4 else w[:1].upper() + w[1:] for w in words]
        for n in range(2, len(words)):
            short.add(" ".join(titled[:n]))
        letters = "".join(w[0] for w in words if w.casefold() not in {"and", "of", "the", "for", "&"})
        if len(letters) >= 3 and letters.upper().casefold() not in ORDINARY_WORDS:
            initials.add(letters.upper())
        head = words[0].casefold().replace("'", "")
        if len(head) >= 4 and head not in ORDINARY_WORDS and head not in EVERYDAY_WORDS:
            first.add(words[0])
    return sorted(whole), sorted(short), sorted(initials), sorted(first)


def redactor(
    names: Iterable[object],
    organisations: Iterable[object] = (),
    *,
    first_names: Iterable[object] | None = None,
    ordinary: Iterable[str] = (),
) -> Redactor:
    """A :class:`Redactor` for these people (full names, and each part) and organisations.

    Full names and organisations match in any case; each part of a name of two letters or more
    matches alone too, in any case, except parts that are everyday words ("Will", "Young"), which
    match only with a capital. ``first_names`` (default: ``data/reference/first_names.csv``)
    match with a capital. ``ordinary`` adds words never redacted alone (the theme words).
    """
    full = _clean(names)
    common = _clean(load_first_names() if first_names is None else first_names)
    stop = ORDINARY_WORDS | {w.casefold() for w in ordinary}
    parts: set[str] = set()
    for name in full:
        for token in name.split():
            token = token.strip(".,()\"'")
            pieces = {token, *token.split("-")}
            parts.update(p for p in pieces if len(p) >= 2 and any(c.isalpha() for c in p))
    everyday = {p for p in parts if p.casefold() in EVERYDAY_WORDS | stop}
    plain_common = {c for c in common if c.casefold() not in EVERYDAY_WORDS | stop}
    everyday_common = {c for c in common if c.casefold() in EVERYDAY_WORDS}
    whole, short, initials, first = _organisation_forms(_clean(organisations))
    after = _surname_after()
    surname = rf"\s+(?!(?:{'|'.join(w.capitalize() for w in sorted(stop))})\b){_SURNAME}"
    candidates = [
        (_compile(whole, ignore_case=True), ORGANISATION_KIND),
        (_compile(short, ignore_case=False), ORGANISATION_KIND),
        (_compile(initials, ignore_case=False), ORGANISATION_KIND),
        (_compile(first, ignore_case=True), ORGANISATION_KIND),
        (_compile([n for n in full if " " in n], ignore_case=True), PERSON),
        (_compile(sorted(parts - everyday), ignore_case=True, after=after), PERSON),
        (_compile(_capitalised(everyday), ignore_case=False, after=after), PERSON),
        (_compile(_capitalised(plain_common), ignore_case=False, after=after), PERSON),
        (_compile(_capitalised(everyday_common), ignore_case=False, after=surname), PERSON),
        (re.compile(rf"\b(?:{TITLES})\.?\s+((?:{_SURNAME}\s+)?{_SURNAME}){_EDGE_AFTER}"), PERSON),
    ]
    return Redactor(patterns=tuple((p, k) for p, k in candidates if p is not None))


@lru_cache(maxsize=1)
def load_first_names(path: Path = REFERENCE_DIR / paths.FIRST_NAMES_FILE) -> tuple[str, ...]:
    """Common first names (``data/reference/first_names.csv``), matched even when no list holds them."""
    table = text_table(path)
    return tuple(table["first_name"].str.strip())


@lru_cache(maxsize=1)
def theme_words(path: Path = REFERENCE_DIR / paths.THEMES_FILE) -> tuple[str, ...]:
    """Every word of the theme codebook's labels and keywords: never redacted alone."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    columns = [c for c in ("label", "keywords") if c in table.columns]
    text = " ".join(" ".join(table[c]) for c in columns)
    return tuple(sorted({w.casefold() for w in re.findall(r"[A-Za-z]+", text)}))


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
    return redactor(names, organisations, ordinary=theme_words())


@lru_cache(maxsize=1)
def generic_redactor() -> Redactor:
    """A redactor that knows no one by name: common first names, titles, contacts and numbers."""
    return redactor([], [], ordinary=theme_words())


def excerpt(text: object, words: int = 4) -> str:
    """At most the first ``words`` words of a value, redacted: what an error message may quote."""
    cleaned = generic_redactor()("" if text is None else str(text))
    parts = cleaned.split()
    shown = " ".join(parts[:words])
    return shown + (" \u2026" if len(parts) > words else "")


def kinds_in(text: object) -> dict[str, int]:
    """How many identifiers of each kind were taken out of a redacted text (its markers), in
    :data:`KINDS` order, kinds not found left out."""
    found = _MARKERS.findall("" if text is None else str(text))
    return {k: found.count(marker(k)) for k in KINDS if marker(k) in found}


def kinds_cell(text: object) -> str:
    """The kinds redacted in a text, for a coding sheet's ``redacted`` column: "name (2); phone"."""
    return "; ".join(k if n == 1 else f"{k} ({n})" for k, n in kinds_in(text).items())


def redaction_summary(texts: pd.DataFrame) -> pd.DataFrame:
    """Counts of each kind redacted, per coding sheet file, with a total row.

    Columns: ``coding sheet``, ``texts``, ``texts redacted``, then one column per kind found in
    any text (:data:`KINDS` order). Kinds found nowhere are left out: see :func:`kinds_not_found`.
    """
    rows = []
    for sheet, group in texts.groupby("sheet", sort=True):
        counts = [kinds_in(t) for t in group["text"]]
        row = {"coding sheet": f"{sheet}.xlsx", "texts": len(group), "texts redacted": sum(map(bool, counts))}
        for kind in KINDS:
            row[kind] = sum(c.get(kind, 0) for c in counts)
        rows.append(row)
    table = pd.DataFrame(rows, columns=["coding sheet", "texts", "texts redacted", *KINDS])
    total = {"coding sheet": "all sheets", **table.drop(columns="coding sheet").sum().astype(int).to_dict()}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True) if len(table) else table
    found = [k for k in KINDS if len(table) and int(table[k].iloc[-1]) > 0]
    return table[["coding sheet", "texts", "texts redacted", *found]].astype(
        {c: int for c in ["texts", "texts redacted", *found]}
    )


def kinds_not_found(summary: pd.DataFrame) -> list[str]:
    """The kinds of identifier no text held (the columns :func:`redaction_summary` left out)."""
    return [k for k in KINDS if k not in summary.columns]


def not_found_sentence(summary: pd.DataFrame) -> str:
    """The sentence under the summary naming the kinds looked for in every text and found in none."""
    missing = kinds_not_found(summary)
    if not missing:
        return "Every kind of identifier the redaction looks for was found at least once."
    listed = ", ".join(missing[:-1]) + (" or " if len(missing) > 1 else "") + missing[-1]
    return f"Looked for in every text and found in none: {listed}."
