"""Tables and caveat boxes in a notebook, without loading matplotlib or seaborn.

The cleaning and reproduction notebooks show tables only; importing them from here keeps their
kernels light. ``plots`` re-exports the same functions for the notebooks that also draw.
"""

from __future__ import annotations

import html
import re

from .report.snippets import caveat_html


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
