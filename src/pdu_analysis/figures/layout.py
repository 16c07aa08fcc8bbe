"""Figure furniture shared by every chart kind: title and subtitle, legends below the axes,
the empty-figure message, point-ranges and percentage axes.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation

from pdu_analysis.figures.marks import point_style
from pdu_analysis.figures.theme import (
    _DARK,
    FIGURE_SIZE,
    FIGURE_WIDTH,
    LABEL_WRAP,
    SMALLEST_PT,
    SUBTITLE_COLOUR,
    TEXT_COLOUR,
)
from pdu_analysis.wording.assumed import MARK


def finish(fig: Figure, title: str, subtitle: str | None) -> Figure:
    """Lay ``fig`` out under a grey subtitle (usually the base), left-aligned; keep its title.

    The title is not drawn: it travels with the figure (:func:`titled`) and the page writes it as
    text above the image, where a phone can wrap it and a screen reader reads it. The subtitle sits
    at the figure's left edge, wrapped to the figure's width.
    """
    titled(fig, title)
    width, body = fig.get_size_inches()
    sub_lines = textwrap.wrap(subtitle or "", width=max(40, int(width * 12.5)))
    top, sub_h = 0.08, 0.19 * len(sub_lines)
    header = top + sub_h + 0.1 if sub_lines else 0.05
    height = body + header  # the subtitle gets its own room; the plot keeps the height it was given
    fig.set_size_inches(width, height)
    if sub_lines:
        fig.text(
            0.012,
            1 - top / height,
            "\n".join(sub_lines),
            ha="left",
            va="top",
            fontsize=SMALLEST_PT,
            color=SUBTITLE_COLOUR,
            linespacing=1.25,
        )
    fig.tight_layout(rect=(0, 0, 1, 1 - header / height))
    return fig


def titled(fig: Figure, title: str) -> Figure:
    """Attach the title that states the chart's finding (kept as the figure's label, never drawn)."""
    fig.set_label(title)
    return fig


def chart_title(fig: Figure) -> str:
    """The title :func:`titled` attached to ``fig`` ("" when none was)."""
    return str(fig.get_label() or "")


def ink(colour: str) -> str:
    """Label colour that reads on a segment of ``colour``."""
    return "white" if colour in _DARK else TEXT_COLOUR


def legend_below(
    ax, handles, *, inches: float, x: float = 0.45, ncol: int = 1, loc: str = "upper center"
) -> None:
    """Legend ``inches`` under the axes, and a line lower for each further line of the x-axis
    label, so it stays clear of a wrapped label."""
    lines = ax.get_xlabel().count("\n") + 1 if ax.get_xlabel() else 1
    offset = ScaledTranslation(0, -(inches + 0.17 * (lines - 1)), ax.figure.dpi_scale_trans)
    ax.legend(
        handles=handles,
        loc=loc,
        bbox_to_anchor=(x, 0),
        ncol=ncol,
        frameon=False,
        fontsize=SMALLEST_PT,
        bbox_transform=ax.transAxes + offset,
    )


def empty_figure(title: str, message: str) -> Figure:
    """A small figure that says there is nothing to draw (a question not asked in these data)."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1.6))
    ax.set_axis_off()
    ax.text(
        0.0,
        0.5,
        wrap_label(message, 60),
        transform=ax.transAxes,
        fontsize=10,
        color=SUBTITLE_COLOUR,
        va="center",
    )
    return finish(fig, title, "Base: 0")


XMAX = 118
"""Room to the right of 100% for the "k of n" labels."""


def count_label(row) -> str:
    return f"{int(row['count'])} of {int(row['base'])}"


def point_range(ax, y: float, row, colour: str, *, label: str | None = None, assumed: bool = False) -> None:
    """A share's dot and 95% interval with its "k of n" label; dashed and hollow when assumed."""
    style = point_style(assumed)
    ax.plot(
        [row["ci_low"], row["ci_high"]], [y, y], color=colour, lw=2.2, solid_capstyle="butt", ls=style["ls"]
    )
    ax.plot(
        row["percent"],
        y,
        "o",
        color=colour,
        ms=7,
        mec=colour if assumed else "white",
        mew=1.2 if assumed else 0.8,
        mfc=style["mfc"] or colour,
    )
    if assumed:
        label = (label or count_label(row)) + MARK
    ax.text(
        min(row["ci_high"], 100) + 2,
        y,
        label or count_label(row),
        va="center",
        fontsize=SMALLEST_PT,
        color="#333333",
    )


def percent_axis(ax, xlabel: str = "Share answering (95% interval)", step: int = 20) -> None:
    ax.set_xlim(0, XMAX)
    ax.set_xticks(range(0, 101, step), [f"{t}%" for t in range(0, 101, step)])
    ax.set_xlabel(wrap_label(xlabel, LABEL_WRAP))
    ax.grid(axis="y", visible=False)


def not_asked(title: str) -> plt.Figure:
    """A small figure saying a question was asked in no wave (its title kept for the page)."""
    fig, ax = plt.subplots(figsize=(FIGURE_SIZE[0], 1.2))
    ax.text(0.5, 0.5, "Not asked in any wave", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return titled(fig, title)


def wrap_label(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters, at spaces."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
