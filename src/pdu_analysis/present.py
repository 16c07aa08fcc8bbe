"""Show a figure, table or caveat in a notebook, with the words a reader needs.

Figures are shown as saved PNGs inside an HTML ``<figure>`` with alt text and a caption (never
nbconvert's "No description has been provided"); tables with captions; caveats in a styled box.
matplotlib is imported only when a figure is shown, so table-only notebooks stay light.
"""

from __future__ import annotations

import base64
import html
import re
from typing import TYPE_CHECKING

from pdu_analysis.report.snippets import caveat_html

if TYPE_CHECKING:
    import matplotlib.figure


def _png_width(data: bytes) -> int:
    """Pixel width from the PNG header (bytes 16-19 of the IHDR chunk)."""
    return int.from_bytes(data[16:20], "big")


def figure_html(png: bytes, *, name: str, caption: str, alt: str) -> str:
    """HTML ``<figure>`` with the PNG inline as a data URI, its alt text and a caption."""
    from pdu_analysis.figures.theme import SAVE_DPI

    width = round(_png_width(png) * 100 / SAVE_DPI)  # nominal size; sharp on high-dpi screens
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure class="pdu-figure" id="figure-{name}" style="margin:1.5em 0;">'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" width="{width}" '
        f'style="max-width:100%;height:auto;">'
        f'<figcaption style="font-size:0.95em;margin-top:0.4em;">{html.escape(caption)}'
        f"</figcaption></figure>"
    )


def show_figure(fig: matplotlib.figure.Figure, name: str, *, caption: str, alt: str) -> None:
    """Save ``fig``, display it with its caption and alt text, then close it.

    ``caption`` is the plain-English sentence under the figure (with counts, not only percentages);
    ``alt`` describes what the figure shows for someone who cannot see it. Closing the figure stops
    the notebook from also emitting a bare image without a description.
    """
    if not caption.strip() or not alt.strip():
        raise ValueError(f"figure {name!r}: give both a caption and alt text")
    import matplotlib.pyplot as plt
    from IPython.display import display

    from pdu_analysis.figures import save_figure

    path = save_figure(fig, name)
    plt.close(fig)
    block = figure_html(path.read_bytes(), name=name, caption=caption, alt=alt)
    display({"text/html": block, "text/plain": f"[Figure {name}] {caption}"}, raw=True)


def show_caveat(text: str) -> None:
    """Display a caveat box, e.g. for a base under 50 or a suppressed small count."""
    from IPython.display import display

    display({"text/html": caveat_html(text), "text/plain": f"Caveat: {text.strip()}"}, raw=True)


def _numeric_columns(df) -> list[bool]:
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    return [is_numeric_dtype(df[c]) and not is_bool_dtype(df[c]) for c in df.columns]


def table_html(df, caption: str, *, index: bool = False, float_format=None) -> str:
    """``df`` as an HTML table (class ``pdu-table``) with a ``<caption>``; no random ids.

    Cells of numeric columns get class ``num`` so counts line up on the right and text reads
    from the left.
    """
    body = df.to_html(
        index=index, border=0, classes="pdu-table", na_rep="–", float_format=float_format, escape=True
    )
    head, rest = body.split(">", 1)
    if df.columns.nlevels == 1 and df.columns.is_unique:
        numeric = _numeric_columns(df)

        def mark(row: re.Match) -> str:
            flags = iter(numeric)
            return re.sub(
                r"<td>", lambda _: '<td class="num">' if next(flags, False) else "<td>", row.group(0)
            )

        rest = re.sub(r"<tr>.*?</tr>", mark, rest, flags=re.S)
    return f"{head}>\n<caption>{html.escape(caption)}</caption>{rest}"


def show_table(df, caption: str, *, index: bool = False, float_format=None) -> None:
    """Display ``df`` as a captioned table (``to_html``, not Styler, which adds random ids)."""
    from IPython.display import display

    display(
        {
            "text/html": table_html(df, caption, index=index, float_format=float_format),
            "text/plain": f"{caption}\n{df.to_string(index=index)}",
        },
        raw=True,
    )
