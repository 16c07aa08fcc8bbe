"""Show a figure, table or caveat in a notebook, with the words a reader needs.

Figures are shown as saved PNGs inside an HTML ``<figure>`` with alt text and a caption (never
nbconvert's "No description has been provided"); tables with captions, column and row headers
marked up for screen readers; caveats in a styled box. A figure or table given ``csv=`` links to
its CSV in ``reports/tables`` (a relative link, so a zipped reports folder keeps working). On a
phone a figure shrinks to the screen (charts are drawn narrow enough that their smallest text stays
about 9 px) and its title and caption are page text. matplotlib is imported only when a figure is
shown, so table-only notebooks stay light.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from markupsafe import Markup

from pdu_analysis.report import templating
from pdu_analysis.report.snippets import caveat_html

if TYPE_CHECKING:
    import matplotlib.figure


TABLES_HREF = "../tables/"
"""Where the pages (``reports/html``) find the CSV tables (``reports/tables``)."""


def _png_width(data: bytes) -> int:
    """Pixel width from the PNG header (bytes 16-19 of the IHDR chunk)."""
    return int.from_bytes(data[16:20], "big")


def csv_link(csv: str, what: str = "table") -> Markup:
    """A link to ``reports/tables/{csv}`` from a page, naming the file (``.csv`` added if missing)."""
    name = csv if csv.endswith(".csv") else f"{csv}.csv"
    if "/" in name or "\\" in name:
        raise ValueError(f"csv={csv!r}: give the file name in reports/tables, not a path")
    return templating.fragment("csv_link", href=TABLES_HREF + name, name=name, what=what)


def smallest_text_pt(fig: matplotlib.figure.Figure) -> float | None:
    """Font size (points) of the smallest visible text in ``fig``, or None if it has none.

    Tick labels get their text only when the figure is drawn, so measure after saving it.
    """
    from matplotlib.text import Text

    sizes = [
        float(t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_figure() is not None
    ]
    return min(sizes) if sizes else None


def figure_html(
    png: bytes,
    *,
    name: str,
    caption: str,
    alt: str,
    csv: str | None = None,
    text_pt: float | None = None,
    title: str | None = None,
) -> Markup:
    """HTML ``<figure>``: the title stating the finding, the PNG inline as a data URI with its alt
    text, then the caption and CSV link (the ``figure`` template).

    The title is text above the image (it wraps on a phone and is read as text), not drawn in it.
    The image scales down to its box (charts are drawn 4.8 in wide so that on a 390 px phone their
    smallest text stays about 9 px): no sideways scroll. ``text_pt`` is the smallest font size in
    the figure (see :func:`smallest_text_pt`); the image carries ``data-text-px``, that text's
    height in the PNG's own pixels, so a browser test can measure the size it is shown at.
    """
    from pdu_analysis.figures.theme import SAVE_DPI

    png_width = _png_width(png)
    width = round(png_width * 100 / SAVE_DPI)  # nominal size; sharp on high-dpi screens
    return templating.fragment(
        "figure",
        name=name,
        title=title,
        data=base64.b64encode(png).decode("ascii"),
        alt=alt,
        width=width,
        text_px=f"{text_pt * SAVE_DPI / 72:.1f}" if text_pt else None,
        caption=caption,
        csv_link=csv_link(csv, "chart") if csv else None,
    )


def show_figure(
    fig: matplotlib.figure.Figure,
    name: str,
    *,
    caption: str,
    alt: str,
    csv: str | None = None,
    title: str | None = None,
) -> None:
    """Save ``fig``, display it under its title with its caption and alt text, then close it.

    ``title`` (default: the one the chart function attached, :func:`pdu_analysis.figures.chart_title`)
    states the finding; ``caption`` is the plain-English sentence under the figure (with counts,
    not only percentages); ``alt`` opens with the finding, then the key numbers, in at most
    :data:`~pdu_analysis.wording.chart_titles.ALT_MAX` characters
    (:func:`~pdu_analysis.wording.chart_titles.alt_text`); ``csv`` names the table in
    ``reports/tables`` holding the figure's numbers (default: the table named like the figure,
    linked at render time when it exists). Closing the figure stops the notebook from also
    emitting a bare image without a description.
    """
    from pdu_analysis.wording.chart_titles import ALT_MAX

    if not caption.strip() or not alt.strip():
        raise ValueError(f"figure {name!r}: give both a caption and alt text")
    if len(alt) > ALT_MAX:
        raise ValueError(f"figure {name!r}: alt text has {len(alt)} characters, at most {ALT_MAX}")
    import matplotlib.pyplot as plt
    from IPython.display import display

    from pdu_analysis.figures import chart_title, save_figure

    title = title or chart_title(fig)
    path = save_figure(fig, name)
    text_pt = smallest_text_pt(fig)
    plt.close(fig)
    block = figure_html(
        path.read_bytes(), name=name, caption=caption, alt=alt, csv=csv, text_pt=text_pt, title=title
    )
    display({"text/html": str(block), "text/plain": f"[Figure {name}] {title}. {caption}"}, raw=True)


def show_caveat(text: str) -> None:
    """Display a caveat box, e.g. for a base under 50 or a suppressed small count."""
    from IPython.display import display

    display({"text/html": str(caveat_html(text)), "text/plain": f"Caveat: {text.strip()}"}, raw=True)


def table_html(df, caption: str, *, index: bool = False, float_format=None, csv: str | None = None) -> Markup:
    """``df`` as an HTML table (class ``pdu-table``) with a ``<caption>``; no random ids.

    Column headers get ``scope="col"``; when the first column names the rows (text, not numbers)
    its cells are row headers (``<th scope="row">``), so a screen reader announces each number
    with its row and column. No header is left empty. Cells of numeric columns get class ``num``
    so counts line up on the right and text reads from the left. ``csv`` names the table's CSV in
    ``reports/tables``, linked under the caption. The layout: :mod:`pdu_analysis.report.table`.
    """
    from pdu_analysis.report import table

    if index:
        df = df.rename_axis([n if n is not None else "row" for n in df.index.names]).reset_index()
    return templating.fragment(
        "table",
        classes=table.CLASSES,
        caption=caption,
        header=table.column_names(df),
        rows=table.table_rows(df, float_format),
        csv_link=csv_link(csv) if csv else None,
    )


def show_table(df, caption: str, *, index: bool = False, float_format=None, csv: str | None = None) -> None:
    """Display ``df`` as a captioned table (``to_html``, not Styler, which adds random ids); ``csv``
    names its CSV in ``reports/tables`` to link to."""
    from IPython.display import display

    display(
        {
            "text/html": str(table_html(df, caption, index=index, float_format=float_format, csv=csv)),
            "text/plain": f"{caption}\n{df.to_string(index=index)}",
        },
        raw=True,
    )


REVIEWER_SUMMARY = "How sure can we be? (for reviewers)"
"""The label of the closed reviewers' detail under a finding (tests, intervals, p-values)."""


def markdown_html(text: str) -> Markup:
    """Markdown as HTML (mistune, the parser nbconvert itself uses), raw HTML escaped."""
    return templating.markdown(text)


def reviewer_html(parts: list[str], summary: str = REVIEWER_SUMMARY) -> Markup:
    """A ``<details>`` closed by default holding the reviewers' evidence: each part is HTML (a table
    from :func:`table_html`) or Markdown (a sentence), told apart by a leading ``<``."""
    body = Markup("").join(
        Markup(p) if p.lstrip().startswith("<") else markdown_html(p) for p in parts if p and p.strip()
    )
    return templating.fragment("reviewer", summary=summary, body=body)


def show_reviewer(parts: list[str], summary: str = REVIEWER_SUMMARY) -> None:
    """Display the reviewers' detail (closed by default) under a finding."""
    from IPython.display import display

    parts = [p for p in parts if p and p.strip()]
    if parts:
        display(
            {"text/html": str(reviewer_html(parts, summary)), "text/plain": f"{summary} (closed)"}, raw=True
        )


def section_html(heading: str, section: str, findings: list[str], level: int = 2) -> Markup:
    """A report section's heading (with a stable id, ``section-<id>``) and its plain-word findings."""
    return templating.fragment("section", level=level, section=section, heading=heading, findings=findings)


def quotes_html(quotes) -> Markup:
    """Approved, redacted quotes as blockquotes, each attributed to a kind of speaker."""
    said = [{"quote": str(q.quote), "speaker": str(q.speaker)} for q in quotes.itertuples()]
    return templating.fragment("quotes", quotes=said)


QUOTES_SHOWN: set[str] = set()
"""Quotes this page has shown (a notebook runs in a kernel of its own): none is set twice."""


def show_section(ctx, section: str, level: int = 2, quotes_limit: int = 3) -> None:
    """Display one section of the report: heading, findings in plain words, then people's words.

    ``ctx`` is :class:`pdu_analysis.wording.sections.Context`. Quotes come from
    ``pdu_analysis.qual.voices.section_quotes`` (approved and redacted; the place below stays empty
    where that module or the section's quotes are absent).
    """
    from IPython.display import display

    from pdu_analysis.wording.sections import section_findings

    heading = ctx.heading(section)
    findings = section_findings(ctx, section)
    block = section_html(heading, section, findings, level)
    from pdu_analysis.qual.voices import section_quotes  # the section's quotes

    quotes = section_quotes(section, limit=quotes_limit, exclude=QUOTES_SHOWN)
    QUOTES_SHOWN.update(quotes["quote"].astype(str))
    block += quotes_html(quotes)
    display({"text/html": str(block), "text/plain": heading + "\n" + "\n".join(findings)}, raw=True)


def show_assumed_legend(synthetic: bool) -> None:
    """While the data are synthetic, the legend of the mark on figures the report never published."""
    from IPython.display import display

    from pdu_analysis.report.snippets import legend_html
    from pdu_analysis.wording.assumed import legend_text

    if synthetic:
        display({"text/html": str(legend_html()), "text/plain": legend_text()}, raw=True)
