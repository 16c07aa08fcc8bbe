"""One look for every figure, saved the same way every time, shown with words a reader can use.

- One theme and one colour-blind-safe palette (Okabe & Ito), with fixed colours for the three
  sectors and the two follow-up waves, so a colour means the same thing in every report.
- ``save_figure`` writes ``reports/figures/{name}.png`` byte-for-byte reproducibly (no software
  or date metadata, fixed dpi, matplotlib's bundled DejaVu Sans font), so hashes can be compared.
- ``show_figure`` displays the saved PNG inside an HTML ``<figure>`` with alt text and a caption,
  so the rendered report never shows nbconvert's "No description has been provided for this image".
- ``show_caveat``, ``show_table`` and ``banner_html`` give the rendered reports their small-sample
  warnings, captioned tables and synthetic-data banner, styled inline so they look the same in
  JupyterLab, in the HTML reports and in an e-mail attachment.

The theme is applied on import, so a notebook that imports these helpers gets the house style.
"""

from __future__ import annotations

import base64
import html
import os
import re
import tempfile
from pathlib import Path

import matplotlib.figure
import matplotlib.pyplot as plt
import seaborn as sns

from .display import show_caveat, show_table, table_html  # noqa: F401  (re-exported)
from .paths import figures_dir
from .report.snippets import banner_html, caveat_html

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
"""Okabe & Ito (2008) palette: distinguishable with the common forms of colour blindness."""

GREY = "#999999"
"""For 'other', 'unknown' and reference lines: not one of the data colours."""

PALETTE = [
    OKABE_ITO[k]
    for k in ("blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "yellow", "black")
]
"""Default colour cycle: strong colours first; yellow late because it is faint on white."""

SECTOR_COLOURS = {
    "statutory": OKABE_ITO["blue"],
    "voluntary": OKABE_ITO["orange"],
    "private": OKABE_ITO["bluish_green"],
    "other": GREY,
    "unknown": GREY,
}
WAVE_COLOURS = {
    "interim": OKABE_ITO["sky_blue"],  # June 2018 follow-up (7 responses)
    "final": OKABE_ITO["vermillion"],  # January 2019 follow-up (29 responses)
}

SAVE_DPI = 150
"""Pixels per inch of saved PNGs; fixed so figure files are identical on every machine."""

FIGURE_SIZE = (7.0, 4.2)
THEME_RC = {
    "figure.figsize": FIGURE_SIZE,
    "figure.dpi": 100,
    "savefig.dpi": SAVE_DPI,
    "savefig.facecolor": "white",
    "font.family": "DejaVu Sans",  # bundled with matplotlib: the same glyphs everywhere
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "axes.titleweight": "bold",
    "svg.hashsalt": "pdu-analysis",  # SVG element ids fixed if anyone saves SVG
    "svg.fonttype": "path",
}

_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "SECTOR_COLOURS",
    "WAVE_COLOURS",
    "apply_theme",
    "banner_html",
    "caveat_html",
    "save_figure",
    "show_caveat",
    "show_figure",
    "show_table",
    "table_html",
]


def apply_theme() -> None:
    """Set the one seaborn/matplotlib theme (called on import; call again after rc changes)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, rc=THEME_RC)


def save_figure(fig: matplotlib.figure.Figure, name: str) -> Path:
    """Write ``fig`` to ``reports/figures/{name}.png`` reproducibly and atomically; return the path.

    ``name`` is a short slug (``attendance_by_sector``): lower case, digits, ``_`` or ``-``.
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r}: use lower case letters, digits, '_' or '-'")
    out = figures_dir() / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{name}.", suffix=".png")
    try:
        with os.fdopen(fd, "wb") as handle:
            fig.savefig(
                handle,
                format="png",
                dpi=SAVE_DPI,
                metadata={"Software": None},
                bbox_inches="tight",
                facecolor="white",
            )
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def _png_width(data: bytes) -> int:
    """Pixel width from the PNG header (bytes 16-19 of the IHDR chunk)."""
    return int.from_bytes(data[16:20], "big")


def figure_html(png: bytes, *, name: str, caption: str, alt: str) -> str:
    """HTML ``<figure>`` with the PNG inline as a data URI, its alt text and a caption."""
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
    from IPython.display import display

    path = save_figure(fig, name)
    plt.close(fig)
    block = figure_html(path.read_bytes(), name=name, caption=caption, alt=alt)
    display({"text/html": block, "text/plain": f"[Figure {name}] {caption}"}, raw=True)


apply_theme()
