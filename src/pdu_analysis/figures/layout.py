"""Figure furniture shared by every chart kind: title and subtitle, legends below the axes,
the empty-figure message, point-ranges and percentage axes.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation

from pdu_analysis.figures.theme import _DARK, FIGURE_SIZE, SUBTITLE_COLOUR, TEXT_COLOUR


def finish(fig: Figure, title: str, subtitle: str | None) -> Figure:
    """Lay ``fig`` out under a bold title and a grey subtitle (usually the base), left-aligned.

    Title and subtitle sit at the figure's left edge, not the axes', so long category labels
    cannot push them off the right-hand side; both are wrapped to the figure's width.
    """
    width, height = fig.get_size_inches()
    title_lines = textwrap.wrap(title, width=max(30, int(width * 9.5)))
    sub_lines = textwrap.wrap(subtitle or "", width=max(40, int(width * 14)))
    top, title_h, gap, sub_h = 0.1, 0.25 * len(title_lines), 0.07, 0.185 * len(sub_lines)
    header = top + title_h + (gap + sub_h if sub_lines else 0.0) + 0.12
    fig.text(
        0.012,
        1 - top / height,
        "\n".join(title_lines),
        ha="left",
        va="top",
        fontsize=12.5,
        fontweight="bold",
        color=TEXT_COLOUR,
    )
    if sub_lines:
        fig.text(
            0.012,
            1 - (top + title_h + gap) / height,
            "\n".join(sub_lines),
            ha="left",
            va="top",
            fontsize=9.5,
            color=SUBTITLE_COLOUR,
            linespacing=1.25,
        )
    fig.tight_layout(rect=(0, 0, 1, 1 - header / height))
    return fig


def ink(colour: str) -> str:
    """Label colour that reads on a segment of ``colour``."""
    return "white" if colour in _DARK else TEXT_COLOUR


def legend_below(
    ax, handles, *, inches: float, x: float = 0.45, ncol: int = 1, loc: str = "upper center"
) -> None:
    """Legend a fixed distance (in inches) under the axes, clear of the x-axis label."""
    offset = ScaledTranslation(0, -inches, ax.figure.dpi_scale_trans)
    ax.legend(
        handles=handles,
        loc=loc,
        bbox_to_anchor=(x, 0),
        ncol=ncol,
        frameon=False,
        fontsize=8.5,
        bbox_transform=ax.transAxes + offset,
    )


def empty_figure(title: str, message: str) -> Figure:
    """A small figure that says there is nothing to draw (a question not asked in these data)."""
    fig, ax = plt.subplots(figsize=(7.0, 2.2))
    ax.set_axis_off()
    ax.text(0.0, 0.5, message, transform=ax.transAxes, fontsize=10, color=SUBTITLE_COLOUR, va="center")
    return finish(fig, title, "Base: 0")


XMAX = 118
"""Room to the right of 100% for the "k of n" labels."""


def count_label(row) -> str:
    return f"{int(row['count'])} of {int(row['base'])}"


def point_range(ax, y: float, row, colour: str, *, label: str | None = None) -> None:
    ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=colour, lw=2.2, solid_capstyle="butt")
    ax.plot(row["percent"], y, "o", color=colour, ms=7, mec="white", mew=0.8)
    ax.text(
        min(row["ci_high"], 100) + 2,
        y,
        label or count_label(row),
        va="center",
        fontsize=8.5,
        color="#333333",
    )


def percent_axis(ax, xlabel: str = "Share answering (95% interval)", step: int = 20) -> None:
    ax.set_xlim(0, XMAX)
    ax.set_xticks(range(0, 101, step), [f"{t}%" for t in range(0, 101, step)])
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


def not_asked(title: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(FIGURE_SIZE[0], 1.6))
    ax.text(0.5, 0.5, "Not asked in any wave", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    ax.set_title(title)
    return fig


def wrap_label(text: str, width: int) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
