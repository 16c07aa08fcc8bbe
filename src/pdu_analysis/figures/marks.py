"""Marks that keep a chart from claiming more than its data hold.

A share on a base under :data:`~pdu_analysis.stats.conventions.WORDS_ONLY_BASE` is too loose to
draw as a bar or a dot (a theme of 1 of 1 would fill the axis as "100%"), so such a row is drawn
as its count ("3 of 7") beside a small square. While the data are synthetic, a figure the report
never published (:mod:`pdu_analysis.wording.assumed`) is drawn hatched or hollow and its label
carries the dagger, with the one legend wording.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.patches import Patch

from pdu_analysis.figures.theme import GREY, LABEL_WRAP, SMALLEST_PT, TEXT_COLOUR
from pdu_analysis.stats.conventions import WORDS_ONLY_BASE
from pdu_analysis.wording.assumed import LEGEND, MARK, Published, assumed_rows

HATCH = "///"
"""The hatching of a bar the report never published."""


def share_drawn(base: int) -> bool:
    """True when a share on ``base`` may be drawn (the small-base rule of the wording, in charts)."""
    return int(base) >= WORDS_ONLY_BASE


def counts_text(k: int, n: int, assumed: bool = False) -> str:
    """ "k of n", with the dagger when the figure is assumed."""
    return f"{int(k)} of {int(n)}" + (MARK if assumed else "")


def draw_counts(ax, x: float, y: float, k: int, n: int, *, colour: str, assumed: bool = False) -> None:
    """A row whose base is too small for a share: a square in the row's colour, then "k of n"."""
    face = "white" if assumed else colour
    ax.plot(x + 3, y, "s", ms=6, mfc=face, mec=colour, mew=1.2, clip_on=False)
    ax.text(
        x + 6.5,
        y,
        counts_text(k, n, assumed),
        va="center",
        ha="left",
        fontsize=SMALLEST_PT,
        color=TEXT_COLOUR,
    )


def counts_only_axis(ax) -> None:
    """The value axis of a chart where no row has a base for a share: no scale, only a note."""
    ax.set_xlim(0, 40)
    ax.set_xticks([])
    ax.set_xlabel("\n".join(textwrap.wrap(f"Counts ({small_base_note()})", LABEL_WRAP)))
    ax.spines["bottom"].set_visible(False)
    ax.grid(False)


def bar_style(colour: str, assumed: bool) -> dict:
    """barh/bar keyword arguments: solid, or hatched in the colour when the figure is assumed."""
    if assumed:
        return {"facecolor": "white", "edgecolor": colour, "hatch": HATCH, "linewidth": 1.0}
    return {"color": colour}


def point_style(assumed: bool) -> dict:
    """Line and marker of a point-range: dashed and hollow when the figure is assumed."""
    return {"ls": "--" if assumed else "-", "mfc": "white" if assumed else None}


def assumed_handle() -> Patch:
    """The legend entry of the hatched mark (the words of :mod:`pdu_analysis.wording.assumed`)."""
    return Patch(facecolor="white", edgecolor=GREY, hatch=HATCH, label=f"{MARK} {LEGEND}")


def small_base_note() -> str:
    """What a chart with a count in place of a share says about it."""
    return f"bases under {WORDS_ONLY_BASE}: counts only, no share drawn"


def flag_assumed(
    table: pd.DataFrame, published: Published | None, section: str | None = None
) -> pd.DataFrame:
    """``table`` with a boolean ``assumed`` column: True where ``count`` of ``base`` is a figure
    the report never published (``wording.assumed.assumed_rows``)."""
    flags = assumed_rows(table, published, section)
    return table.assign(assumed=pd.Series(flags, index=table.index, dtype=bool))


def is_assumed(row) -> bool:
    """The ``assumed`` flag of a table row (False when the table carries none)."""
    value = row.get("assumed", False) if hasattr(row, "get") else getattr(row, "assumed", False)
    return bool(value) if not pd.isna(value) else False
