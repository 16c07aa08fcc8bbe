"""Diverging bars for ordered (Likert-style) answers, centred on "nothing new" against "gained"."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from pdu_analysis.figures.layout import empty_figure, finish, ink, legend_below
from pdu_analysis.figures.theme import DIVERGING_COLOURS, GREY, SUBTITLE_COLOUR, TEXT_COLOUR

NEUTRAL_COLOUR = "#d4d4d4"
"""Answers that are neither a gain nor a loss (drawn across the centre line)."""


def _colours(negative: list[str], positive: list[str], neutral: list[str]) -> dict[str, str]:
    """Each answer's colour: neutral grey, then near and far on each side."""
    colours = {o: NEUTRAL_COLOUR for o in neutral}
    for options, near, far in (
        (negative, "near_negative", "far_negative"),
        (positive, "near_positive", "far_positive"),
    ):
        for i, option in enumerate(options):
            colours[option] = DIVERGING_COLOURS[near if i == 0 else far] if i < 2 else GREY
    return colours


def _segment_label(
    ax, yy: float, w: float, lf: float, k: int, colour: str, side: int, outermost: bool
) -> None:
    """A segment's count inside it, or just outside the outermost sliver."""
    if k == 0:
        return
    if w >= 6:
        ax.text(lf + w / 2, yy, f"{k}", ha="center", va="center", fontsize=9, color=ink(colour))
    elif outermost:
        edge = lf + w + 1 if side > 0 else lf - 1
        ax.text(
            edge, yy, f"{k}", ha="left" if side > 0 else "right", va="center", fontsize=9, color=TEXT_COLOUR
        )


def diverging_stacked_bars(
    table: pd.DataFrame,
    *,
    negative: Sequence[str],
    positive: Sequence[str],
    title: str,
    what: str = "responses",
    xlabel: str | None = None,
    neutral: Sequence[str] = (),
) -> Figure:
    """Likert-style bars centred on zero: "nothing new" answers left, "gained" answers right.

    Why: with four ordered answers a bar stacked from 0 hides the split that matters (did the
    event add anything?); centring puts every response that gained something on one side.
    ``table`` is the wide form (:func:`wide_counts`): ``group``, ``base`` and one count column
    per option. ``negative`` lists the left-hand options from the centre outwards ("Confirmed
    ...", then "No greater ..."), ``positive`` likewise ("Some additional ...", then "Much
    greater ..."). ``neutral`` options ("Confirmed my previous understanding": neither a gain nor
    a loss) are drawn in a neutral grey straddling the centre line, half on each side, and the
    other answers start from its edges. Segments are labelled with counts (a count in a sliver at
    either end goes just outside it); each row names its base.
    """
    negative, positive, neutral = list(negative), list(positive), list(neutral)
    colours = _colours(negative, positive, neutral)
    rows = table.reset_index(drop=True)
    if rows.empty:
        return empty_figure(title, f"No {what} to this question in these data.")
    fig, ax = plt.subplots(figsize=(7.6, max(2.6, 0.72 * len(rows) + 2.3)))
    y = np.arange(len(rows))
    base = rows["base"].astype("int64").to_numpy()
    middle = np.zeros(len(rows))
    for option in neutral:
        counts = rows[option].fillna(0).astype("int64").to_numpy() if option in rows else np.zeros(len(rows))
        width = np.divide(100.0 * counts, base, out=np.zeros(len(rows)), where=base > 0)
        ax.barh(
            y,
            width,
            left=-(middle / 2 + width / 2),
            color=NEUTRAL_COLOUR,
            height=0.62,
            edgecolor="white",
            linewidth=0.6,
        )
        for yy, w, k in zip(y, width, counts, strict=True):
            if k and w >= 6:
                ax.text(0, float(yy), f"{int(k)}", ha="center", va="center", fontsize=9, color=TEXT_COLOUR)
        middle = middle + width
    extent = {}
    for side, options in ((-1, negative), (1, positive)):
        start = middle / 2
        for i, option in enumerate(options):
            counts = (
                rows[option].fillna(0).astype("int64").to_numpy()
                if option in rows
                else np.zeros(len(rows), dtype="int64")
            )
            width = np.divide(100.0 * counts, base, out=np.zeros(len(rows)), where=base > 0)
            left = start if side > 0 else -(start + width)
            ax.barh(y, width, left=left, color=colours[option], height=0.62, edgecolor="white", linewidth=0.6)
            outermost = i == len(options) - 1
            for yy, w, lf, k in zip(y, width, left, counts, strict=True):
                _segment_label(ax, float(yy), w, lf, k, colours[option], side, outermost)
            start = start + width
        extent[side] = float(start.max()) if len(rows) else 0.0
    ax.axvline(0, color=TEXT_COLOUR, linewidth=1, zorder=0 if neutral else 2)
    for yy, n in zip(y, base, strict=True):
        if n == 0:
            ax.text(2, float(yy), "no responses", va="center", fontsize=9, color=SUBTITLE_COLOUR)
    ax.set_yticks(y, labels=[f"{g}\n(n={int(b)})" for g, b in zip(rows["group"], base, strict=True)])
    ax.invert_yaxis()
    left_edge = max(25.0, 25 * np.ceil((extent[-1] + 6) / 25))
    ax.set_xlim(-left_edge, 100)
    ticks = list(np.arange(-left_edge, 101, 25))
    ax.set_xticks(ticks, labels=[f"{abs(t):.0f}%" if t else "0" for t in ticks])
    ax.set_xlabel(xlabel or f"% of {what} (left of the line: nothing new; right: some or more)")
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=colours[o], label=o) for o in list(reversed(negative)) + neutral + positive]
    legend_below(ax, handles, inches=0.62, x=0.4, ncol=2)
    sub = (
        f"Base: {int(base[0])} {what}"
        if len(rows) == 1
        else "Bases: "
        + "; ".join(f"{g} {int(b)}" for g, b in zip(rows["group"], base, strict=True))
        + f" {what}"
    )
    return finish(fig, title, sub + ". Numbers in the bars are counts.")
