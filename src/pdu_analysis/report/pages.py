"""The order of the report pages: every header, the index and the PDF follow it.

A steering-group member reads the findings first (who attends, event feedback, follow-up, interim
vs final, what people wrote), and a reviewer then checks how the data were cleaned and whether the
published figures are reproduced. Each notebook says where its page goes, so a new page needs no
edit here: its metadata ``pdu_analysis.page`` gives the audience (``"readers"`` or
``"reviewers"``) and, optionally, an ``order`` (a number; by default the notebook's own two-digit
number). A notebook without that metadata is placed by its first heading: one beginning "For
reviewers" (or "Methods") goes with the reviewers' pages, any other with the findings.

The rendered page carries its place (``<meta name="pdu-audience">``, ``<meta name="pdu-order">``),
so the index and the board pack read the order from the pages themselves.

>>> places = {"01_clean": Place("reviewers", 1), "03_who": Place("readers", 3),
...           "04_feedback": Place("readers", 4), "08_repro": Place("reviewers", 8)}
>>> sequence(["01_clean", "03_who", "08_repro", "04_feedback"], places)
['03_who', '04_feedback', '01_clean', '08_repro']
>>> neighbours("04_feedback", ["01_clean", "03_who", "04_feedback"], places)
('03_who', '01_clean')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup

from .templating import fragment

STUDY_NAME = "PDU evaluation study"
"""Shown in every page header and after every page title."""

INDEX_PAGE = "index.html"
GLOSSARY_HREF = f"{INDEX_PAGE}#glossary"

AUDIENCES = ("readers", "reviewers")
GROUPS = (("readers", "The findings"), ("reviewers", "For reviewers"))
"""(key, heading) of each part of the path, in reading order."""

METADATA_KEY = "pdu_analysis"
"""The notebook metadata the project owns (``page``, ``reads``; ``synthetic_data`` once executed)."""

_NUMBER = re.compile(r"^(\d{2})_")
_REVIEWERS_HEADING = re.compile(r"^\s*(for reviewers|methods)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """Where a page goes: its part of the path and its rank within it."""

    audience: str
    order: float


def number(stem: str) -> str | None:
    """The page's two-digit number (``"03"`` for ``03_who_attends``), or None if it has none."""
    match = _NUMBER.match(stem)
    return match.group(1) if match else None


def default_place(stem: str) -> Place:
    """The place of a numbered page nobody described: after the reviewers' pages, by number."""
    return Place("reviewers", float(number(stem) or 99))


def first_heading(nb: Mapping) -> str:
    """The text of a notebook's first markdown heading ('' when it has none)."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            for line in source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def place_of_notebook(nb: Mapping, stem: str) -> Place:
    """A notebook's place from its metadata, else from its first heading.

    Raises ``ValueError`` naming the notebook when the metadata give an unknown audience or an
    order that is not a number.
    """
    page = (nb.get("metadata", {}).get(METADATA_KEY) or {}).get("page") or {}
    audience = page.get("audience")
    if audience is None:
        audience = "reviewers" if _REVIEWERS_HEADING.match(first_heading(nb)) else "readers"
    if audience not in AUDIENCES:
        raise ValueError(
            f"{stem}.ipynb: metadata {METADATA_KEY}.page.audience is {audience!r}; "
            f"expected one of {', '.join(AUDIENCES)}"
        )
    order = page.get("order", number(stem) or 99)
    try:
        return Place(audience, float(order))
    except (TypeError, ValueError):
        raise ValueError(
            f"{stem}.ipynb: metadata {METADATA_KEY}.page.order is {order!r}; expected a number"
        ) from None


def read_notebook_places(notebooks: Iterable[Path]) -> dict[str, Place]:
    """The place of each notebook file, by stem (failed runs left out)."""
    found = {}
    for path in map(Path, notebooks):
        if number(path.stem) is None or path.name.endswith(".failed.ipynb"):
            continue
        found[path.stem] = place_of_notebook(json.loads(path.read_text(encoding="utf-8")), path.stem)
    return found


def meta_tags(place: Place) -> Markup:
    """The tags a rendered page carries so its place can be read back from the page."""
    return fragment("place_meta", audience=place.audience, order=f"{place.order:g}")


class _Head(HTMLParser):
    """Reads a page's ``<title>`` and ``<meta name content>`` tags, stopping at the end of its head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "meta" and named.get("name") and named.get("content") is not None:
            self.meta.setdefault(str(named["name"]), str(named["content"]))
        self._in_title = tag == "title"
        if self._in_title:
            self.title = ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if tag == "head":
            raise _EndOfHead

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data


class _EndOfHead(Exception):
    pass


def page_head(page_html: str) -> tuple[str | None, dict[str, str]]:
    """A rendered page's title (None when it has none) and its named meta tags."""
    head = _Head()
    try:
        head.feed(page_html)
        head.close()
    except _EndOfHead:
        pass
    return head.title, head.meta


def place_of_page(page_html: str, stem: str) -> Place:
    """A rendered page's place from its meta tags (the default place when it has none)."""
    _, meta = page_head(page_html)
    fallback = default_place(stem)
    audience = meta.get("pdu-audience")
    try:
        order = float(meta["pdu-order"])
    except (KeyError, ValueError):
        order = fallback.order
    return Place(audience if audience in AUDIENCES else fallback.audience, order)


def read_page_places(folder: Path) -> dict[str, Place]:
    """The place of every numbered page rendered in ``folder``, by stem."""
    return {
        p.stem: place_of_page(p.read_text(encoding="utf-8"), p.stem)
        for p in sorted(Path(folder).glob("[0-9][0-9]_*.html"))
    }


def _place(stem: str, places: Mapping[str, Place] | None) -> Place:
    return (places or {}).get(stem) or default_place(stem)


def group_of(stem: str, places: Mapping[str, Place] | None = None) -> str | None:
    """``"readers"`` or ``"reviewers"`` for a numbered page; None for any other file."""
    if number(stem) is None:
        return None
    return _place(stem, places).audience


def _rank(stem: str, places: Mapping[str, Place] | None) -> tuple[int, float, str]:
    place = _place(stem, places)
    return (AUDIENCES.index(place.audience), place.order, stem)


def sequence(stems: Iterable[str], places: Mapping[str, Place] | None = None) -> list[str]:
    """The numbered pages among ``stems`` in reading order (the findings, then for reviewers)."""
    return sorted((s for s in set(stems) if number(s) is not None), key=lambda s: _rank(s, places))


def grouped(
    stems: Iterable[str], places: Mapping[str, Place] | None = None
) -> list[tuple[str, str, list[str]]]:
    """``(key, heading, pages in order)`` for each part of the path that has pages."""
    ordered = sequence(stems, places)
    parts = []
    for key, heading in GROUPS:
        members = [s for s in ordered if group_of(s, places) == key]
        if members:
            parts.append((key, heading, members))
    return parts


def neighbours(
    stem: str, stems: Iterable[str], places: Mapping[str, Place] | None = None
) -> tuple[str | None, str | None]:
    """The pages before and after ``stem`` in reading order (None at either end)."""
    ordered = sequence([*stems, stem], places)
    at = ordered.index(stem)
    before = ordered[at - 1] if at > 0 else None
    after = ordered[at + 1] if at + 1 < len(ordered) else None
    return before, after


def page_title(heading: str) -> str:
    """The ``<title>`` of a page: its own heading, then the study's name."""
    heading = " ".join(heading.split())
    return f"{heading} \u00b7 {STUDY_NAME}" if heading else STUDY_NAME
