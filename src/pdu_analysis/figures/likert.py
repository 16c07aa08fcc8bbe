"""Diverging bars for ordered (Likert-style) answers, centred on "nothing new" against "gained"."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from pdu_analysis.figures.layout import empty_figure, finish, ink, legend_below, wrap_label
from pdu_analysis.figures.marks import share_drawn, small_base_note
from pdu_analysis.figures.theme import (
    DIVERGING_COLOURS,
    FIGURE_WIDTH,
    GREY,
    LABEL_WRAP,
    SMALLEST_PT,
    SUBTITLE_COLOUR,
    TEXT_COLOUR,
)
from pdu_analysis.wording.numbers import percent_text

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


def _counts(rows: pd.DataFrame, option: str) -> np.ndarray:
    return (
        rows[option].fillna(0).astype("int64").to_numpy() if option in rows else np.zeros(len(rows), "int64")
    )


def _segment_label(
    ax, yy: float, w: float, lf: float, k: int, colour: str, side: int, outermost: bool
) -> None:
    """A segment's count inside it, or just outside the outermost sliver."""
    if k == 0:
        return
    if w >= 8:
        ax.text(lf + w / 2, yy, f"{k}", ha="center", va="center", fontsize=SMALLEST_PT, color=ink(colour))
    elif outermost:
        edge = lf + w + 1 if side > 0 else lf - 1
        ha = "left" if side > 0 else "right"
        ax.text(edge, yy, f"{k}", ha=ha, va="center", fontsize=SMALLEST_PT, color=TEXT_COLOUR)


def _neutral(ax, rows: pd.DataFrame, y, base, shown, neutral: list[str]) -> np.ndarray:
    """Neutral answers straddling the centre line; returns their total width per row."""
    middle = np.zeros(len(rows))
    for option in neutral:
        counts = _counts(rows, option) * shown  # rows on a small base get no segment
        width = np.divide(100.0 * counts, base, out=np.zeros(len(rows)), where=shown)
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
            if k and w >= 8:
                ax.text(0, yy, f"{int(k)}", ha="center", va="center", fontsize=SMALLEST_PT, color=TEXT_COLOUR)
        middle = middle + width
    return middle


def _side(ax, rows: pd.DataFrame, y, base, shown, start, options: list[str], colours, side: int) -> float:
    """One side's answers from the neutral band outwards; returns how far the side reaches."""
    for i, option in enumerate(options):
        counts = _counts(rows, option) * shown  # rows on a small base get no segment
        width = np.divide(100.0 * counts, base, out=np.zeros(len(rows)), where=shown)
        left = start if side > 0 else -(start + width)
        ax.barh(y, width, left=left, color=colours[option], height=0.62, edgecolor="white", linewidth=0.6)
        for yy, w, lf, k in zip(y, width, left, counts, strict=True):
            _segment_label(ax, yy, w, lf, int(k), colours[option], side, i == len(options) - 1)
        start = start + width
    return float(np.max(start)) if len(rows) else 0.0


def _count_rows(ax, rows: pd.DataFrame, y, base, order: list[str], colours, x0: float, span: float) -> None:
    """Rows on a base under 30: no bar; each answer's count beside a square of its colour."""
    step = span / max(1, len(order))
    for yy, n, (_, r) in zip(y, base, rows.iterrows(), strict=True):
        if n == 0:
            ax.text(x0, yy, "no responses", va="center", fontsize=SMALLEST_PT, color=SUBTITLE_COLOUR)
            continue
        if share_drawn(n):
            continue
        for j, option in enumerate(order):
            k = int(0 if pd.isna(r.get(option, 0)) else r.get(option, 0))
            ax.plot(x0 + j * step + 2, yy, "s", ms=7, color=colours[option], mec=TEXT_COLOUR, mew=0.5)
            ax.text(x0 + j * step + 6, yy, f"{k}", va="center", fontsize=SMALLEST_PT, color=TEXT_COLOUR)


def _axes(
    ax, rows: pd.DataFrame, y, base, left_edge: float, what: str, xlabel: str | None, small: bool
) -> None:
    ax.set_yticks(
        y, labels=[f"{wrap_label(g, 16)}\n(n={int(b)})" for g, b in zip(rows["group"], base, strict=True)]
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-left_edge, 100)
    ticks = list(np.arange(-left_edge, 101, 25 if left_edge <= 50 else 50))
    ax.set_xticks(ticks, labels=[percent_text(abs(t)) if t else "0" for t in ticks])
    label = xlabel or f"% of {what} (left of the line: nothing new; right: some or more)"
    note = "\n" + wrap_label(f"({small_base_note()}, in legend order)", LABEL_WRAP) if small else ""
    ax.set_xlabel(wrap_label(label, LABEL_WRAP) + note)
    ax.grid(axis="y", visible=False)


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
    per option. ``negative`` lists the left-hand options from the centre outwards ("No greater
    ..."), ``positive`` likewise ("Some additional ...", then "Much greater ..."). ``neutral``
    options ("Confirmed my previous understanding": neither a gain nor a loss) are drawn in a
    neutral grey straddling the centre line, half on each side, and the other answers start from
    its edges. Segments are labelled with counts (a count in a sliver at either end goes just
    outside it); each row names its base. A row on a base under 30 draws no bars: it gives each
    answer's count beside a square of its colour.
    """
    negative, positive, neutral = list(negative), list(positive), list(neutral)
    colours = _colours(negative, positive, neutral)
    rows = table.reset_index(drop=True)
    if rows.empty:
        return empty_figure(title, f"No {what} to this question in these data.")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, max(2.6, 0.72 * len(rows) + 2.9)))
    y = np.arange(len(rows))
    base = rows["base"].astype("int64").to_numpy()
    shown = np.array([share_drawn(n) for n in base], dtype=bool) & (base > 0)
    middle = _neutral(ax, rows, y, base, shown, neutral)
    reach = {
        side: _side(ax, rows, y, base, shown, middle / 2, opts, colours, side)
        for side, opts in ((-1, negative), (1, positive))
    }
    ax.axvline(0, color=TEXT_COLOUR, linewidth=1, zorder=0 if neutral else 2)
    left_edge = max(25.0, 25 * np.ceil((reach[-1] + 6) / 25))
    order = list(reversed(negative)) + neutral + positive
    _count_rows(ax, rows, y, base, order, colours, -left_edge, 100 + left_edge)
    _axes(ax, rows, y, base, left_edge, what, xlabel, bool((~shown & (base > 0)).any()))
    handles = [Patch(color=colours[o], label=o) for o in order]
    legend_below(ax, handles, inches=0.75, x=0.3, ncol=1)
    sub = (
        f"Base: {int(base[0])} {what}"
        if len(rows) == 1
        else "Bases: "
        + "; ".join(f"{g} {int(b)}" for g, b in zip(rows["group"], base, strict=True))
        + f" {what}"
    )
    return finish(fig, title, sub + ". Numbers in the bars are counts.")
