"""The frame around every page: header (study, index, previous and next, glossary), footer, boxes.

The same header and footer go on the notebook pages (``render``) and the index (``index``), so a
reader finds the way around, and learns when and from what a page was built, in one place on every
page. The synthetic-data banner sits inside the header (a landmark, as screen readers expect),
and a short mark of it is printed in the top margin of every printed page. Tables and figures
get a box of their own that scrolls sideways on a phone, so the page itself never does.
"""

from __future__ import annotations

import html
import re

from . import pages

PRINT_MARK = "Synthetic data: not the PDU's real records"
"""Printed at the top of every printed page while the data are synthetic (see ``print_mark_css``)."""


def _link(href: str, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{html.escape(v)}"' for k, v in attrs.items())
    return f'<a href="{html.escape(href)}"{extra}>{html.escape(text)}</a>'


def header_html(
    current: str | None,
    titles: dict[str, str],
    banner: str = "",
    *,
    glossary_href: str | None = None,
    places: dict[str, pages.Place] | None = None,
) -> str:
    """The page header: banner, study name, index, previous and next in the reading order, glossary.

    ``current`` is the page's stem (None for the index); ``titles`` maps every page's stem to its
    heading, which names the previous and next links; ``places`` (by stem) their reading order.
    """
    before: str | None
    after: str | None
    if current is None:
        before, after = None, next(iter(pages.sequence(titles, places)), None)
    else:
        before, after = pages.neighbours(current, titles, places)
    items = []
    if current is not None:
        items.append(_link(pages.INDEX_PAGE, "All pages and main points"))
    if before:
        items.append(_link(f"{before}.html", f"Previous: {titles[before]}", rel="prev"))
    if after:
        items.append(_link(f"{after}.html", f"Next: {titles[after]}", rel="next"))
    items.append(_link(glossary_href or pages.GLOSSARY_HREF, "Glossary"))
    listing = "".join(f"<li>{item}</li>" for item in items)
    study = (
        f'<p class="study-name">{_link(pages.INDEX_PAGE, pages.STUDY_NAME)}</p>'
        if current is not None
        else f'<p class="study-name">{html.escape(pages.STUDY_NAME)}</p>'
    )
    return (
        f'<header class="site-header">{study}'
        f'<nav class="site-nav" aria-label="Study pages"><ul>{listing}</ul></nav>{banner}</header>'
    )


def footer_html(
    *, built: str, data: str, code: str, commit: str = "", source: str = "", data_statement: str = ""
) -> str:
    """The page footer: what the page was made from, when and by which version of the code.

    ``data_statement`` is HTML (it may link to the data description); the rest is text.
    """
    lines = [
        f"<p>{data_statement}</p>" if data_statement else "",
        (
            '<details class="reviewer build-source"><summary>For reviewers: how this page was made</summary>'
            f"<p>Generated from notebook <code>{html.escape(source)}</code>.</p></details>"
        )
        if source
        else "",
        '<dl class="build-facts">'
        f"<dt>Built</dt><dd>{html.escape(built)}</dd>"
        + (f"<dt>Commit</dt><dd><code>{html.escape(commit)}</code></dd>" if commit else "")
        + f"<dt>Data fingerprint</dt><dd><code>{html.escape(data)}</code> "
        "(first 12 digits of the SHA-256 of the raw files)</dd>"
        f"<dt>Code version</dt><dd>{html.escape(code)}</dd></dl>",
    ]
    return f'<footer class="report-footer">{"".join(lines)}</footer>'


def print_mark_css(synthetic: bool) -> str:
    """CSS printing :data:`PRINT_MARK` in the top margin of every printed page (or '')."""
    if not synthetic:
        return ""
    return (
        '@page { @top-center { content: "' + PRINT_MARK + '"; font: bold 9pt system-ui, sans-serif; '
        "color: #8a5a00; } }\n"
    )


def provenance_sentence(href: str | None) -> str:
    """HTML sentence pointing to the raw folder's own description, copied beside the pages."""
    if href:
        return (
            f"How the data were made or obtained is described in {_link(href, 'the data description')} "
            "(a copy of the raw folder's own description, kept with these pages)."
        )
    return "The raw folder supplied no description of how the data were made or obtained."


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
        box = soup.new_tag(
            "div", attrs={"class": "table-scroll", "role": "region", "aria-label": label, "tabindex": "0"}
        )
        table.wrap(box)


def finish_index(page: str) -> str:
    """The index page with each table in a box that scrolls (as :func:`wrap_wide_boxes`), done on
    the text so the template's escaping is kept byte for byte."""
    used: dict[str, int] = {}

    def wrap(match: re.Match) -> str:
        caption = re.search(r"<caption>(.*?)</caption>", match.group(0), flags=re.S)
        label = " ".join(html.unescape(re.sub(r"<[^>]+>", "", caption.group(1))).split()) if caption else ""
        label = label or "Table"
        used[label] = used.get(label, 0) + 1
        if used[label] > 1:
            label = f"{label} ({used[label]})"
        return (
            f'<div class="table-scroll" role="region" aria-label="{html.escape(label)}" tabindex="0">'
            f"{match.group(0)}</div>"
        )

    return re.sub(r"<table\b.*?</table>", wrap, page, flags=re.S)
