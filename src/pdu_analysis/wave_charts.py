"""Charts for the follow-up and interim-vs-final notebooks (05, 06).

Every chart is a point-range: a dot for the share and a line for its 95% interval, with the count
and base written beside it ("13 of 27"), so no figure shows a percentage without its base. Colours
come from :mod:`pdu_analysis.plots` (one theme, Okabe-Ito palette); a wave the palette does not
name (a third follow-up round) gets the next unused palette colour. The functions return figures;
the notebooks pass them to :func:`pdu_analysis.plots.show_figure` with a caption and alt text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from . import plots
from .measures import ALL

POOLED_COLOUR = plots.OKABE_ITO["black"]
XMAX = 118
"""Room to the right of 100% for the "k of n" labels."""


def wave_colours(waves: Sequence[str]) -> dict[str, str]:
    """A colour for every wave: the fixed wave colours, else unused palette colours in turn.

    Examples
    --------
    >>> c = wave_colours(["interim", "final", "2019-07"])
    >>> c["interim"] == plots.WAVE_COLOURS["interim"], c["2019-07"] in plots.PALETTE
    (True, True)
    """
    fixed = {w: plots.WAVE_COLOURS[w] for w in waves if w in plots.WAVE_COLOURS}
    spare = [
        c
        for c in plots.PALETTE
        if c not in fixed.values() and c != POOLED_COLOUR and c not in plots.SECTOR_COLOURS.values()
    ]
    spare += [c for c in plots.PALETTE if c not in spare and c != POOLED_COLOUR]
    colours, i = {}, 0
    for wave in waves:
        if wave == ALL:
            colours[wave] = POOLED_COLOUR
        elif wave in fixed:
            colours[wave] = fixed[wave]
        else:
            colours[wave] = spare[i % len(spare)]
            i += 1
    return colours


def _count_label(row) -> str:
    return f"{int(row['count'])} of {int(row['base'])}"


def _point_range(ax, y: float, row, colour: str, *, label: str | None = None) -> None:
    ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=colour, lw=2.2, solid_capstyle="butt")
    ax.plot(row["percent"], y, "o", color=colour, ms=7, mec="white", mew=0.8)
    ax.text(
        min(row["ci_high"], 100) + 2,
        y,
        label or _count_label(row),
        va="center",
        fontsize=8.5,
        color="#333333",
    )


def _percent_axis(ax, xlabel: str = "Share answering (95% interval)", step: int = 20) -> None:
    ax.set_xlim(0, XMAX)
    ax.set_xticks(range(0, 101, step), [f"{t}%" for t in range(0, 101, step)])
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


def options_by_wave(
    table: pd.DataFrame,
    *,
    title: str,
    category: str = "option",
    wave_names: Mapping[str, str] | None = None,
    xlabel: str = "Share of those answering (95% interval)",
    wrap: int = 30,
    base_in_legend: bool = True,
) -> plt.Figure:
    """Point-range chart: one row per category (in table order), one dot per wave.

    ``table`` has columns ``category``, wave, count, base, percent, ci_low, ci_high
    (:func:`pdu_analysis.wave_compare.option_table`). The legend, under the plot, gives each
    wave's base (``base_in_legend=False`` when the categories' bases differ: the labels
    by the dots still give every base).
    """
    if table.empty:
        return _not_asked(title)
    categories = list(dict.fromkeys(table[category]))
    waves = list(dict.fromkeys(table["wave"]))
    colours = wave_colours(waves)
    step = 0.8 / max(len(waves), 1)
    height = max(2.4, 1.3 + 0.3 * len(categories) * max(1, len(waves)))
    fig, ax = plt.subplots(figsize=(plots.FIGURE_SIZE[0], height))
    for i, cat in enumerate(categories):
        for j, wave in enumerate(waves):
            match = table[(table[category] == cat) & (table["wave"] == wave)]
            if match.empty:
                continue
            y = i + (j - (len(waves) - 1) / 2) * step
            _point_range(ax, y, match.iloc[0], colours[wave])
    ax.set_yticks(range(len(categories)), [_wrap(c, wrap) for c in categories])
    ax.set_ylim(len(categories) - 0.4, -0.6)  # half a row of space above and below, top to bottom
    _percent_axis(ax, xlabel)
    ax.set_title(title, pad=10)
    handles = []
    for wave in waves:
        bases = sorted(set(table.loc[table["wave"] == wave, "base"].astype(int)))
        base = f"n = {bases[0]}" if len(bases) == 1 else f"n = {bases[0]}–{bases[-1]}"
        name = (wave_names or {}).get(wave, "all waves" if wave == ALL else wave)
        handles.append(
            Line2D(
                [],
                [],
                color=colours[wave],
                marker="o",
                lw=2.2,
                label=f"{name}, {base}" if base_in_legend else name,
            )
        )
    columns = min(len(handles), 3)
    rows = -(-len(handles) // columns)
    fig.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=columns,
        fontsize=8.5,
        frameon=False,
    )
    fig.tight_layout(rect=(0, (0.05 + 0.22 * rows) / height, 1, 1))
    return fig


def _not_asked(title: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(plots.FIGURE_SIZE[0], 1.6))
    ax.text(0.5, 0.5, "Not asked in any wave", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    ax.set_title(title)
    return fig


def _wrap(text: str, width: int) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def sector_shares_chart(
    shares: pd.DataFrame, *, sectors: Sequence[str] = ("statutory", "voluntary")
) -> plt.Figure:
    """Sector shares of attendances: each period alone, then the cumulative figures.

    ``shares`` is :func:`pdu_analysis.wave_compare.sector_shares`. Each dot has its Wilson
    interval (line) and the interval allowing for repeat attenders (pale band). Suppressed cells
    are left out. Cumulative rows sit below a rule, labelled as what the reports quoted.
    """
    rows = list(dict.fromkeys(shares["label"]))
    kinds = dict(zip(shares["label"], shares["kind"], strict=False))
    sectors = [s for s in sectors if s in set(shares["sector"])]
    fig, ax = plt.subplots(figsize=(plots.FIGURE_SIZE[0], 1.0 + 0.9 * len(rows)))
    step = 0.32
    for i, label in enumerate(rows):
        for j, sector in enumerate(sectors):
            match = shares[(shares["label"] == label) & (shares["sector"] == sector)]
            if match.empty or bool(match.iloc[0]["suppressed"]):
                continue
            r = match.iloc[0]
            y = i + (j - (len(sectors) - 1) / 2) * step
            colour = plots.SECTOR_COLOURS.get(sector, plots.GREY)
            ax.fill_betweenx(
                [y - 0.1, y + 0.1], r["robust_low"], r["robust_high"], color=colour, alpha=0.18, lw=0
            )
            share = f"{plots_percent(r['percent'])} ({int(r['count'])}/{int(r['base'])})"
            _point_range(ax, y, r, colour, label=share)
    ticks = [
        label
        + (
            "\n(cumulative, as the\nreport quotes it)"
            if kinds[label] == "cumulative"
            else "\n(this period alone)"
        )
        for label in rows
    ]
    ax.set_yticks(range(len(rows)), ticks, fontsize=9)
    cumulative = [i for i, label in enumerate(rows) if kinds[label] == "cumulative"]
    if cumulative:
        ax.axhline(min(cumulative) - 0.5, color=plots.GREY, lw=0.8, ls="--")
    ax.invert_yaxis()
    _percent_axis(ax, "Share of attendances (95% interval; pale band allows for repeat attenders)")
    ax.set_title("Attendances by sector, by period")
    ax.legend(
        handles=[
            Line2D([], [], color=plots.SECTOR_COLOURS.get(s, plots.GREY), marker="o", lw=2.2, label=s)
            for s in sectors
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        fontsize=9,
        frameon=False,
        ncols=len(sectors),
    )
    fig.tight_layout()
    return fig


def plots_percent(value: float) -> str:
    """Whole percent, rounded half up, for a chart label."""
    from .stats import round_half_up

    return f"{round_half_up(value):.0f}%"


def intention_action_chart(
    table: pd.DataFrame, *, wave_names: Mapping[str, Mapping[str, str]] | None = None
) -> plt.Figure:
    """Intention (post-event) and action (follow-up) in two separate panels, never one axis.

    ``table`` is :func:`pdu_analysis.wave_compare.practice_change`. Separate panels with their own
    titles and bases, and a footnote, make plain that the two are not compared with a test.
    """
    panels = [
        ("intention", "Intend to change practice\n(post-event survey, by period)"),
        ("action", "Have taken action\n(follow-up survey, by wave)"),
    ]
    sizes = [max(1, int((table["measure"] == m).sum())) for m, _ in panels]
    fig, axes = plt.subplots(1, 2, figsize=(plots.FIGURE_SIZE[0] + 1.5, 1.6 + 0.6 * max(sizes)), sharey=False)
    for ax, (measure, title) in zip(axes, panels, strict=True):
        rows = table[table["measure"] == measure].reset_index(drop=True)
        colours = wave_colours(list(rows["wave"]))
        names = (wave_names or {}).get(measure, {})
        for i, r in rows.iterrows():
            _point_range(ax, i, r, colours[r["wave"]])
        ax.set_yticks(
            range(len(rows)),
            [names.get(w, "all responses" if w == ALL else w) for w in rows["wave"]],
            fontsize=9,
        )
        ax.set_ylim(len(rows) - 0.5, -0.5)
        _percent_axis(ax, "Answering Yes (95% interval)", step=25)
        ax.tick_params(axis="x", labelsize=9)
        ax.set_title(title, fontsize=10.5)
    fig.text(
        0.01,
        -0.02,
        "Different questions, asked of different people out of different bases:"
        " shown side by side, not tested against each other.",
        fontsize=9,
        style="italic",
        ha="left",
        va="top",
    )
    fig.tight_layout()
    return fig


def differences_chart(
    comparisons: pd.DataFrame,
    *,
    label: str = "label",
    title: str = "Change between waves (second minus first)",
) -> plt.Figure:
    """Forest plot of wave differences: dot, 95% Newcombe interval, and the detectable size.

    ``comparisons`` has columns from :func:`pdu_analysis.wave_compare.comparison_table`. The
    grey tick marks show the minimum detectable difference in the observed direction: a dot inside
    them is smaller than the waves could reliably detect.
    """
    rows = comparisons.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(plots.FIGURE_SIZE[0] + 1.0, 1.2 + 0.75 * len(rows)))
    colour = plots.OKABE_ITO["blue"]
    for i, r in rows.iterrows():
        ax.plot([r["diff_ci_low"], r["diff_ci_high"]], [i, i], color=colour, lw=2.2)
        ax.plot(r["diff"], i, "o", color=colour, ms=7, mec="white", mew=0.8)
        if not np.isnan(r["mdd"]):
            sign = 1 if r["mdd_direction"] == "rise" else -1
            ax.plot([sign * r["mdd"]] * 2, [i - 0.25, i + 0.25], color=plots.GREY, lw=2)
        ax.text(
            104,
            i,
            f"{int(r['k1'])}/{int(r['n1'])} → {int(r['k2'])}/{int(r['n2'])}",
            va="center",
            fontsize=8.5,
            color="#333333",
        )
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_yticks(
        range(len(rows)),
        [_wrap(f"{r[label]} ({r['first']} → {r['second']})", 44) for _, r in rows.iterrows()],
        fontsize=8.5,
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-100, 128)
    ax.set_xticks(range(-100, 101, 25))
    ax.set_xlabel("Difference in percentage points (95% interval); grey tick: detectable size")
    ax.grid(axis="y", visible=False)
    ax.set_title(title)
    fig.tight_layout()
    return fig
