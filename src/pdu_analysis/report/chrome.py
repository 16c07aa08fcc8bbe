"""The frame around every page: header (study, index, previous and next, glossary), footer.

The same header and footer go on the notebook pages (``render``) and the index (``index``), so a
reader finds the way around, and learns when and from what a page was built, in one place on every
page. The synthetic-data banner sits inside the header (a landmark, as screen readers expect),
and a short mark of it is printed in the top margin of every printed page. The markup is the
templates ``fragments/header.html.j2`` and ``fragments/footer.html.j2``; this module decides
what they show.
"""

from __future__ import annotations

from markupsafe import Markup

from . import pages
from .templating import fragment

PRINT_MARK = "Synthetic data: not the PDU's real records"
"""Printed at the top of every printed page while the data are synthetic (see ``print_mark_css``)."""


def header_html(
    current: str | None,
    titles: dict[str, str],
    banner: str = "",
    *,
    glossary_href: str | None = None,
    places: dict[str, pages.Place] | None = None,
) -> Markup:
    """The page header: banner, study name, index, previous and next in the reading order, glossary.

    ``current`` is the page's stem (None for the index); ``titles`` maps every page's stem to its
    heading, which names the previous and next links; ``places`` (by stem) their reading order;
    ``banner`` is the banner's HTML (:func:`pdu_analysis.report.snippets.banner_html`).
    """
    before: str | None
    after: str | None
    if current is None:
        before, after = None, next(iter(pages.sequence(titles, places)), None)
    else:
        before, after = pages.neighbours(current, titles, places)
    items = []
    if current is not None:
        items.append({"href": pages.INDEX_PAGE, "text": "All pages and main points", "rel": None})
    if before:
        items.append({"href": f"{before}.html", "text": f"Previous: {titles[before]}", "rel": "prev"})
    if after:
        items.append({"href": f"{after}.html", "text": f"Next: {titles[after]}", "rel": "next"})
    items.append({"href": glossary_href or pages.GLOSSARY_HREF, "text": "Glossary", "rel": None})
    return fragment(
        "header",
        study=pages.STUDY_NAME,
        index_href=pages.INDEX_PAGE if current is not None else None,
        items=items,
        banner=Markup(banner),
    )


def footer_html(
    *, built: str, data: str, code: str, commit: str = "", source: str = "", data_statement: str = ""
) -> Markup:
    """The page footer: what the page was made from, when and by which version of the code.

    ``data_statement`` is HTML (:func:`data_statement_html`: it may link to the data description);
    the rest is text.
    """
    return fragment(
        "footer",
        data_statement=Markup(data_statement),
        source=source,
        built=built,
        commit=commit,
        data=data,
        code=code,
    )


def print_mark_css(synthetic: bool) -> str:
    """CSS printing :data:`PRINT_MARK` in the top margin of every printed page (or '')."""
    if not synthetic:
        return ""
    return (
        '@page { @top-center { content: "' + PRINT_MARK + '"; font: bold 9pt system-ui, sans-serif; '
        "color: #8a5a00; } }\n"
    )


def provenance_sentence(href: str | None) -> Markup:
    """HTML sentence pointing to the raw folder's own description, copied beside the pages."""
    return fragment("provenance_sentence", href=href)


def data_statement_html(text: str, href: str | None) -> Markup:
    """The footer's sentence on the data (``text``), then :func:`provenance_sentence`."""
    return fragment("data_statement", text=text, href=href)
