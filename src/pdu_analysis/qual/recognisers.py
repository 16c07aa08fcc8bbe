"""Identifiers that need no list of known people: contacts, numbers, addresses and dates of birth.

Each recogniser finds spans of one kind in a text already folded by :func:`fold` (accents and
curly quotes made plain, so "Zoë" and "Zoe", "O’Brien" and "O'Brien" read alike). Phone numbers
are found by ``phonenumbers`` (Google's libphonenumber metadata, shipped inside the package, so
nothing is fetched at run time) for the United Kingdom in any written form ("0044 115 ...",
"+44 (0)115 ...", dots, brackets), plus local numbers without their area code after a word such
as "call" or "ext". NHS numbers are kept only when their modulus-11 check digit holds; National
Insurance numbers have no check digit, so their prefix rules (HMRC's excluded letters and pairs)
do that job. Street addresses, postcodes, e-mail addresses written out ("ann (at) example dot org"),
web addresses, social-media handles and dates of birth are patterns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

EMAIL = "e-mail"
PHONE = "phone"
POSTCODE = "postcode"
ADDRESS = "address"
BIRTH_DATE = "date of birth"
NI_NUMBER = "NI number"
NHS_NUMBER = "NHS number"
HANDLE = "handle"
WEB = "web address"

_SPECIAL = {
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
    "\u00a0": " ", "\u202f": " ", "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L",
    "\u0111": "d", "\u0110": "D", "\u0131": "i", "\u00df": "s", "\u00e6": "a", "\u00c6": "A",
    "\u0153": "o", "\u0152": "O", "\u00f0": "d", "\u00fe": "t",
}  # fmt: skip
"""Characters NFKD leaves whole, each folded to one character so offsets stay those of the text."""


def fold_char(char: str) -> str:
    """One character, accents dropped and quotes, dashes and spaces made plain (one character)."""
    if char in _SPECIAL:
        return _SPECIAL[char]
    if char.isascii():
        return char
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """The text with every character folded by :func:`fold_char`: the same length, the same offsets."""
    return "".join(fold_char(c) for c in text)


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str


_TLD = r"(?:com|org|net|uk|gov|nhs|ac|co|info|io|me|biz|eu|ly)"
EMAIL_PLAIN = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_AT = r"(?:\s*[\(\[\{<]\s*at\s*[\)\]\}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\(\[\{<]\s*dot\s*[\)\]\}>]\s*|\s+dot\s+|\.)"
EMAIL_SPELT = re.compile(
    rf"(?<![\w.])[\w.+'-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLD}\b(?!\.\w)", re.IGNORECASE
)
"""An address written out to beat harvesters: "ann (at) example dot org", "ann AT example DOT org"."""

WEB_ADDRESS = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"]+|(?<![\w@.-])(?:[a-z0-9-]+\.)+{_TLD}(?:/[^\s<>\"]*)?(?![\w@])",
    re.IGNORECASE,
)
"""Web addresses, with or without scheme ("linkedin.com/in/ann-smith", "www.example.org")."""

HANDLE_PATTERN = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
"""A social-media handle: "@ann_smith77" (an e-mail address is found first)."""

POSTCODE_PATTERN = re.compile(
    r"(?<![\w])(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})(?![\w])", re.IGNORECASE
)
"""A full UK postcode (outward and inward code, Royal Mail's letter rules), in any case."""

_STREET = (
    r"Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Terrace|Grove|Place"
    r"|Gardens|Court|Walk|Row|Square|Mews|Hill|Parade|Rise|Park|Vale|View|Green|Boulevard|Gate"
)
_STREET_ALONE = r"Road|Street|Avenue|Lane|Close|Drive|Crescent|Terrace|Grove|Mews|Boulevard"
_CAPITALISED = r"[A-Z][a-z'-]+"
ADDRESS_PATTERN = re.compile(
    rf"(?:(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?"
    rf"(?:\b\d{{1,4}}[A-Za-z]?,?\s+(?:{_CAPITALISED}\s+){{1,3}}(?:{_STREET})"
    rf"|\b(?:{_CAPITALISED}\s+){{1,2}}(?:{_STREET_ALONE}))\b\.?"
)
"""A street address with a house number ("12a Mill Lane"), or a named street ("Alfreton Road")."""

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+\d{{2,4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})"
)
BIRTH_DATE_CUED = re.compile(
    rf"(?:\bd\.?\s?o\.?\s?b\.?|\bdate\s+of\s+birth|\bborn(?:\s+on)?|\bbirthday(?:\s+is)?)\s*[:\-]?\s*({_DATE})",
    re.IGNORECASE,
)
"""A date after "DOB", "date of birth", "born" or "birthday"."""
OLD_DATE = re.compile(rf"(?<![\w/.-])({_DATE})(?![\w/]|[.-]\d)", re.IGNORECASE)
"""Any full date; kept as a date of birth only when its year is before the study (see below)."""
_YEAR = re.compile(r"(\d{2,4})\s*$")

NI_PATTERN = re.compile(
    r"(?<![\w])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?(?![\w])",
    re.IGNORECASE,
)
"""A National Insurance number: two prefix letters HMRC issues, six digits, an optional suffix A-D."""

NHS_CANDIDATE = re.compile(r"(?<![\d\w+])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d\w])")

LOCAL_PHONE = re.compile(
    r"\b(?:tel|telephone|phone|ring|call|mobile|mob|number|ext|extension|text)\b\.?:?\s*"
    r"(\d{3,4}[\s.-]?\d{3,4})(?![\d])",
    re.IGNORECASE,
)
"""A local number without its area code ("ring 496 0123", "ext. 4410"), after a word that says so."""
_EXTENSION = re.compile(r"\b(?:ext|extension)\b\.?:?\s*(\d{3,5})(?!\d)", re.IGNORECASE)

FIRST_STUDY_YEAR = 2010
"""A full date before this year in free text about 2016-2019 events is taken to be a date of birth."""


def _nhs_check(digits: str) -> bool:
    """The NHS number's modulus-11 check digit (NHS Data Dictionary)."""
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _year(date_text: str) -> int | None:
    found = _YEAR.search(date_text)
    if not found:
        return None
    year = int(found.group(1))
    if year < 100:
        year += 1900 if year > 30 else 2000
    return year


def _url_end(url: str, start: int) -> int:
    """Where a web address ends: trailing punctuation and unmatched brackets belong to the sentence."""
    while url and (
        url[-1] in ".,;:!?'\""
        or (url[-1] == ")" and url.count("(") < url.count(")"))
        or (url[-1] == "]" and url.count("[") < url.count("]"))
    ):
        url = url[:-1]
    return start + len(url)


def _phones(text: str) -> list[Span]:
    spans = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        # a UK number has 9 or 10 digits after the trunk 0 or +44: shorter "possible" numbers
        # are years, counts and amounts
        if len(str(match.number.national_number)) >= 9:
            start, end, raw = match.start, match.end, match.raw_string
            if raw.startswith("(") and ")" not in raw:  # "(0115 496 0341)": the bracket opens a remark
                start += 1
            spans.append(Span(start, end, PHONE))
    for pattern in (LOCAL_PHONE, _EXTENSION):
        spans += [Span(m.start(1), m.end(1), PHONE) for m in pattern.finditer(text)]
    return spans


def find(text: str) -> list[Span]:
    """Every span of a contact, number, address or date of birth in ``text`` (folded), overlapping."""
    spans: list[Span] = []
    for pattern, kind in ((EMAIL_PLAIN, EMAIL), (EMAIL_SPELT, EMAIL)):
        spans += [Span(m.start(), m.end(), kind) for m in pattern.finditer(text)]
    spans += [Span(m.start(), _url_end(m.group(0), m.start()), WEB) for m in WEB_ADDRESS.finditer(text)]
    spans += [Span(m.start(), m.end(), HANDLE) for m in HANDLE_PATTERN.finditer(text)]
    for m in NHS_CANDIDATE.finditer(text):
        if _nhs_check(re.sub(r"\D", "", m.group(0))):
            spans.append(Span(m.start(), m.end(), NHS_NUMBER))
    spans += [Span(m.start(), m.end(), NI_NUMBER) for m in NI_PATTERN.finditer(text)]
    spans += _phones(text)
    spans += [Span(m.start(), m.end(), POSTCODE) for m in POSTCODE_PATTERN.finditer(text)]
    spans += [Span(m.start(1), m.end(1), BIRTH_DATE) for m in BIRTH_DATE_CUED.finditer(text)]
    for m in OLD_DATE.finditer(text):
        year = _year(m.group(1))
        if year is not None and 1900 <= year < FIRST_STUDY_YEAR:
            spans.append(Span(m.start(1), m.end(1), BIRTH_DATE))
    spans += [Span(m.start(), m.end(), ADDRESS) for m in ADDRESS_PATTERN.finditer(text)]
    return spans
