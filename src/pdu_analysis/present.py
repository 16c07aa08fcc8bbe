"""Show a figure, table or caveat in a notebook, with the words a reader needs.

Figures are shown as saved PNGs inside an HTML ``<figure>`` with alt text and a caption (never
nbconvert's "No description has been provided"); tables with captions, column and row headers
marked up for screen readers; caveats in a styled box. A figure or table given ``csv=`` links to
its CSV in ``reports/tables`` (a relative link, so a zipped reports folder keeps working). On a
phone a figure keeps a minimum width at which its smallest text is still about 9 px, and scrolls
sideways inside its own box rather than shrinking. matplotlib is imported only when a figure is
shown, so table-only notebooks stay light.
"""

from __future__ import annotations

import base64
import html
import math
import re
from typing import TYPE_CHECKING

from pdu_analysis.report.snippets import caveat_html

if TYPE_CHECKING:
    import matplotlib.figure


MIN_TEXT_PX = 9
"""Smallest chart text, in CSS pixels, a figure may shrink to on a narrow screen."""
TABLES_HREF = "../tables/"
"""Where the pages (``reports/html``) find the CSV tables (``reports/tables``)."""


def _png_width(data: bytes) -> int:
    """Pixel width from the PNG header (bytes 16-19 of the IHDR chunk)."""
    return int.from_bytes(data[16:20], "big")


def csv_link(csv: str, what: str = "table") -> str:
    """A link to ``reports/tables/{csv}`` from a page, naming the file (``.csv`` added if missing)."""
    name = csv if csv.endswith(".csv") else f"{csv}.csv"
    if "/" in name or "\\" in name:
        raise ValueError(f"csv={csv!r}: give the file name in reports/tables, not a path")
    return (
        f'<a class="csv-link" href="{html.escape(TABLES_HREF + name)}">'
        f"Data for this {what}: {html.escape(name)} (CSV)</a>"
    )


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
) -> str:
    """HTML ``<figure>`` with the PNG inline as a data URI, its alt text, a caption and CSV link.

    ``text_pt`` is the smallest font size in the figure (see :func:`smallest_text_pt`): the image
    then never shrinks below the width at which that text is :data:`MIN_TEXT_PX` CSS pixels tall,
    and its box scrolls sideways instead. The image carries ``data-text-px``, that text's height in
    the PNG's own pixels, so a browser test can measure the size it is shown at.
    """
    from pdu_analysis.figures.theme import SAVE_DPI

    png_width = _png_width(png)
    width = round(png_width * 100 / SAVE_DPI)  # nominal size; sharp on high-dpi screens
    data = base64.b64encode(png).decode("ascii")
    style, measured = "max-width:100%;height:auto;", ""
    if text_pt:
        text_px = text_pt * SAVE_DPI / 72
        floor = min(width, math.ceil(MIN_TEXT_PX * png_width / text_px))
        style += f"min-width:{floor}px;"
        measured = f' data-text-px="{text_px:.1f}"'
    link = f" {csv_link(csv, 'chart')}" if csv else ""
    return (
        f'<figure class="pdu-figure" id="figure-{name}" style="margin:1.5em 0;">'
        f'<div class="figure-scroll" tabindex="0" role="group" aria-label="Chart (scrolls sideways when the '
        f'screen is narrow)" style="overflow-x:auto;">'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" width="{width}"{measured} '
        f'style="{style}"></div>'
        f'<figcaption style="font-size:0.95em;margin-top:0.4em;">{html.escape(caption)}{link}'
        f"</figcaption></figure>"
    )


def show_figure(
    fig: matplotlib.figure.Figure, name: str, *, caption: str, alt: str, csv: str | None = None
) -> None:
    """Save ``fig``, display it with its caption and alt text, then close it.

    ``caption`` is the plain-English sentence under the figure (with counts, not only percentages);
    ``alt`` describes what the figure shows for someone who cannot see it; ``csv`` names the table
    in ``reports/tables`` holding the figure's numbers (default: the table named like the figure,
    linked at render time when it exists). Closing the figure stops the notebook from also
    emitting a bare image without a description.
    """
    if not caption.strip() or not alt.strip():
        raise ValueError(f"figure {name!r}: give both a caption and alt text")
    import matplotlib.pyplot as plt
    from IPython.display import display

    from pdu_analysis.figures import save_figure

    path = save_figure(fig, name)
    text_pt = smallest_text_pt(fig)
    plt.close(fig)
    block = figure_html(path.read_bytes(), name=name, caption=caption, alt=alt, csv=csv, text_pt=text_pt)
    display({"text/html": block, "text/plain": f"[Figure {name}] {caption}"}, raw=True)


def show_caveat(text: str) -> None:
    """Display a caveat box, e.g. for a base under 50 or a suppressed small count."""
    from IPython.display import display

    display({"text/html": caveat_html(text), "text/plain": f"Caveat: {text.strip()}"}, raw=True)


def _numeric_columns(df) -> list[bool]:
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    return [is_numeric_dtype(df[c]) and not is_bool_dtype(df[c]) for c in df.columns]


def table_html(df, caption: str, *, index: bool = False, float_format=None, csv: str | None = None) -> str:
    """``df`` as an HTML table (class ``pdu-table``) with a ``<caption>``; no random ids.

    Column headers get ``scope="col"``; when the first column names the rows (text, not numbers)
    its cells are row headers (``<th scope="row">``), so a screen reader announces each number
    with its row and column. No header is left empty. Cells of numeric columns get class ``num``
    so counts line up on the right and text reads from the left. ``csv`` names the table's CSV in
    ``reports/tables``, linked under the caption.
    """
    if index:
        df = df.rename_axis([n if n is not None else "row" for n in df.index.names]).reset_index()
    if df.columns.nlevels == 1:
        df = df.rename_axis(columns=None)  # a named column axis makes pandas add empty row headers
        df = df.set_axis(
            [c if str(c).strip() else f"column {i + 1}" for i, c in enumerate(df.columns)], axis=1
        )
    body = df.to_html(
        index=False, border=0, classes="pdu-table", na_rep="–", float_format=float_format, escape=True
    )
    head, rest = body.split(">", 1)
    rest = rest.replace('<tr style="text-align: right;">', "<tr>")
    head_part, closing, body_part = rest.partition("</thead>")
    head_part = head_part.replace("<th>", '<th scope="col">')
    if df.columns.nlevels == 1 and df.columns.is_unique:
        numeric = _numeric_columns(df)
        named_rows = len(numeric) > 1 and not numeric[0]

        def mark(row: re.Match) -> str:
            flags = iter(numeric)
            cells = re.sub(
                r"<td>", lambda _: '<td class="num">' if next(flags, False) else "<td>", row.group(0)
            )
            if named_rows:
                # a blank first cell (a row continuing the one above) stays a plain cell
                cells = re.sub(
                    r"<td>([^<]*?\S[^<]*)</td>", r'<th scope="row">\1</th>', cells, count=1, flags=re.S
                )
            return cells

        body_part = re.sub(r"<tr>.*?</tr>", mark, body_part, flags=re.S)
    rest = head_part + closing + body_part
    link = f'<p class="csv-link-line">{csv_link(csv)}</p>' if csv else ""
    return f"{head}>\n<caption>{html.escape(caption)}</caption>{rest}{link}"


def show_table(df, caption: str, *, index: bool = False, float_format=None, csv: str | None = None) -> None:
    """Display ``df`` as a captioned table (``to_html``, not Styler, which adds random ids); ``csv``
    names its CSV in ``reports/tables`` to link to."""
    from IPython.display import display

    display(
        {
            "text/html": table_html(df, caption, index=index, float_format=float_format, csv=csv),
            "text/plain": f"{caption}\n{df.to_string(index=index)}",
        },
        raw=True,
    )


REVIEWER_SUMMARY = "How sure can we be? (for reviewers)"
"""The label of the closed reviewers' detail under a finding (tests, intervals, p-values)."""


def markdown_html(text: str) -> str:
    """Markdown as HTML (mistune, the parser nbconvert itself uses), raw HTML escaped."""
    import mistune

    out = mistune.create_markdown(escape=True)(text)
    if not isinstance(out, str):  # mistune gives tokens, not HTML, only when asked to
        raise TypeError("mistune returned tokens instead of HTML")
    return out


def reviewer_html(parts: list[str], summary: str = REVIEWER_SUMMARY) -> str:
    """A ``<details>`` closed by default holding the reviewers' evidence: each part is HTML (a table
    from :func:`table_html`) or Markdown (a sentence), told apart by a leading ``<``."""
    body = "".join(p if p.lstrip().startswith("<") else markdown_html(p) for p in parts if p and p.strip())
    return (
        f'<details class="reviewer"><summary>{html.escape(summary)}</summary>'
        f'<div class="reviewer-body">{body}</div></details>'
    )


def show_reviewer(parts: list[str], summary: str = REVIEWER_SUMMARY) -> None:
    """Display the reviewers' detail (closed by default) under a finding."""
    from IPython.display import display

    parts = [p for p in parts if p and p.strip()]
    if parts:
        display({"text/html": reviewer_html(parts, summary), "text/plain": f"{summary} (closed)"}, raw=True)


def section_html(heading: str, section: str, findings: list[str], level: int = 2) -> str:
    """A report section's heading (with a stable id, ``section-<id>``) and its plain-word findings."""
    body = "".join(markdown_html(f) for f in findings)
    return f'<h{level} id="section-{html.escape(section)}">{html.escape(heading)}</h{level}>{body}'


def quotes_html(quotes) -> str:
    """Approved, redacted quotes as blockquotes, each attributed to a kind of speaker."""
    items = "".join(
        f'<blockquote class="voice"><p>{html.escape(str(q.quote))}</p>'
        f"<footer>{html.escape(str(q.speaker))}</footer></blockquote>"
        for q in quotes.itertuples()
    )
    return f'<div class="voices">{items}</div>' if items else ""


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

    block += quotes_html(section_quotes(section, limit=quotes_limit))
    display({"text/html": block, "text/plain": heading + "\n" + "\n".join(findings)}, raw=True)


def show_assumed_legend(synthetic: bool) -> None:
    """While the data are synthetic, the legend of the mark on figures the report never published."""
    from IPython.display import display

    from pdu_analysis.wording.assumed import legend_html, legend_text

    if synthetic:
        display({"text/html": legend_html(), "text/plain": legend_text()}, raw=True)
