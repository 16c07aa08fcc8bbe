"""The one step after nbconvert: a page's title, contents list, scrolling boxes and CSV links.

nbconvert writes each notebook's cells; what only the whole page can know is added here, once,
on the parsed page (BeautifulSoup): the ``<title>`` from the first H1 with the study's name, a
contents list of the H2s (each with an anchor of its own), every table in a box that scrolls
sideways on a phone (named by its caption), each figure linked to the CSV of its name and a table
cell naming ``reports/tables/x.csv`` linked to that file. Every element added is a template
fragment, the same markup the index and the notebooks use.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from . import pages
from .templating import fragment

_TABLE_FILE = re.compile(r"^reports/tables/([A-Za-z0-9_.-]+\.csv)$")
"""A cell's whole text naming a table the build wrote (a path, not HTML)."""


def _parsed(piece: str):
    """A fragment as one element to put into a page."""
    from bs4 import BeautifulSoup

    return next(iter(BeautifulSoup(piece, "html.parser").contents))


def _heading_text(tag) -> str:
    tag = copy.copy(tag)
    for link in tag.select("a.anchor-link"):
        link.decompose()
    return " ".join(tag.get_text(" ", strip=True).split())


def wrap_wide_boxes(soup) -> None:
    """Put every table in a box of its own that scrolls sideways (keyboard-reachable, named by
    its caption), so a wide table never widens the page on a phone."""
    used: dict[str, int] = {}
    for table in soup.find_all("table"):
        parent = table.parent
        if parent is not None and "table-scroll" in (parent.get("class") or []):
            continue
        caption = table.find("caption")
        label = " ".join(caption.get_text(" ", strip=True).split()) if caption else "Table"
        used[label] = used.get(label, 0) + 1
        if used[label] > 1:  # landmarks need names of their own
            label = f"{label} ({used[label]})"
        table.wrap(_parsed(fragment("table_scroll", label=label, content="")))


def link_figure_tables(soup, tables: Path) -> None:
    """Link each figure without a CSV link to ``reports/tables/{figure name}.csv`` when it exists."""
    from ..present import csv_link

    for figure in soup.select("figure.pdu-figure[id^=figure-]"):
        name = figure["id"][len("figure-") :]
        caption = figure.find("figcaption")
        if caption is None or caption.select_one("a.csv-link") or not (tables / f"{name}.csv").is_file():
            continue
        caption.append(" ")
        caption.append(_parsed(csv_link(name, "chart")))


def link_table_files(soup, tables: Path) -> None:
    """Turn a table cell naming ``reports/tables/x.csv`` into a link to that file, if it exists."""
    for cell in soup.select("td, th"):
        match = _TABLE_FILE.match(cell.get_text(strip=True))
        if match and not cell.find("a") and (tables / match.group(1)).is_file():
            link = _parsed(
                fragment("link", href=f"../tables/{match.group(1)}", text=cell.get_text(strip=True))
            )
            cell.clear()
            cell.append(link)


def add_contents(soup, h1) -> None:
    """A contents list of the H2s after the first H1, each H2 with an anchor of its own."""
    main = soup.find("main")
    seen: set[str] = set()
    entries = []
    for h2 in main.find_all("h2") if main else []:
        anchor = str(h2.get("id") or "section")
        base, n = anchor, 2
        while anchor in seen:  # two sections with the same heading still get their own link
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        h2["id"] = anchor
        for link in h2.select("a.anchor-link"):
            link["href"] = f"#{anchor}"
        entries.append({"anchor": anchor, "text": _heading_text(h2)})
    if not entries:
        return
    nav = _parsed(fragment("contents", entries=entries))
    if h1:
        h1.insert_after(nav)
    elif main is not None:  # entries come from main's headings, so it is there
        main.insert(0, nav)


def finish_page(page: str, fallback_title: str, tables: Path | None = None) -> tuple[str, str]:
    """Title from the first H1 (with the study's name), a contents list of the H2s, tables in
    boxes that scroll, figures linked to their CSV in ``tables``; returns (page, title)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    main = soup.find("main")
    h1 = main.find("h1") if main else None
    title = _heading_text(h1) if h1 else fallback_title
    if soup.title is None:  # nbconvert's template always writes one
        raise ValueError("the rendered page has no title element")
    soup.title.string = pages.page_title(title)
    wrap_wide_boxes(soup)
    if tables is not None:
        link_figure_tables(soup, tables)
        link_table_files(soup, tables)
    add_contents(soup, h1)
    return str(soup), title
