"""Point-range charts of the same question across rounds, sector shares by period, intention
beside action, and differences between rounds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from pdu_analysis.figures.layout import not_asked, percent_axis, point_range, wrap_label
from pdu_analysis.figures.theme import FIGURE_SIZE, GREY, OKABE_ITO, SECTOR_COLOURS, wave_colours
from pdu_analysis.measures import ALL
from pdu_analysis.wording.numbers import share_text


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
    (:func:`pdu_analysis.option_table`). The legend, under the plot, gives each
    wave's base (``base_in_legend=False`` when the categories' bases differ: the labels
    by the dots still give every base).
    """
    if table.empty:
        return not_asked(title)
    categories = list(dict.fromkeys(table[category]))
    waves = list(dict.fromkeys(table["wave"]))
    colours = wave_colours(waves)
    step = 0.8 / max(len(waves), 1)
    height = max(2.4, 1.3 + 0.3 * len(categories) * max(1, len(waves)))
    fig, ax = plt.subplots(figsize=(FIGURE_SIZE[0], height))
    for i, cat in enumerate(categories):
        for j, wave in enumerate(waves):
            match = table[(table[category] == cat) & (table["wave"] == wave)]
            if match.empty:
                continue
            y = i + (j - (len(waves) - 1) / 2) * step
            point_range(ax, y, match.iloc[0], colours[wave])
    ax.set_yticks(range(len(categories)), [wrap_label(c, wrap) for c in categories])
    ax.set_ylim(len(categories) - 0.4, -0.6)  # half a row of space above and below, top to bottom
    percent_axis(ax, xlabel)
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


def sector_shares_chart(
    shares: pd.DataFrame,
    *,
    sectors: Sequence[str] = ("statutory", "voluntary"),
    title: str = "Attendances by sector, by period",
) -> plt.Figure:
    """Sector shares of attendances: each period alone, then the cumulative figures.

    ``shares`` is :func:`pdu_analysis.sector_shares`. Each dot has its Wilson
    interval (line) and the interval allowing for repeat attenders (pale band). Suppressed cells
    are left out. Cumulative rows sit below a rule, labelled as what the reports quoted.
    """
    rows = list(dict.fromkeys(shares["label"]))
    kinds = dict(zip(shares["label"], shares["kind"], strict=False))
    sectors = [s for s in sectors if s in set(shares["sector"])]
    fig, ax = plt.subplots(figsize=(FIGURE_SIZE[0], 1.0 + 0.9 * len(rows)))
    step = 0.32
    for i, label in enumerate(rows):
        for j, sector in enumerate(sectors):
            match = shares[(shares["label"] == label) & (shares["sector"] == sector)]
            if match.empty or bool(match.iloc[0]["suppressed"]):
                continue
            r = match.iloc[0]
            y = i + (j - (len(sectors) - 1) / 2) * step
            colour = SECTOR_COLOURS.get(sector, GREY)
            ax.fill_betweenx(
                [y - 0.1, y + 0.1], r["robust_low"], r["robust_high"], color=colour, alpha=0.18, lw=0
            )
            share = share_text(int(r["count"]), int(r["base"]), interval=False)
            point_range(ax, y, r, colour, label=share)
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
        ax.axhline(min(cumulative) - 0.5, color=GREY, lw=0.8, ls="--")
    ax.invert_yaxis()
    percent_axis(ax, "Share of attendances (95% interval; pale band allows for repeat attenders)")
    ax.set_title(title)
    ax.legend(
        handles=[
            Line2D([], [], color=SECTOR_COLOURS.get(s, GREY), marker="o", lw=2.2, label=s) for s in sectors
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        fontsize=9,
        frameon=False,
        ncols=len(sectors),
    )
    fig.tight_layout()
    return fig


def intention_action_chart(
    table: pd.DataFrame, *, wave_names: Mapping[str, Mapping[str, str]] | None = None
) -> plt.Figure:
    """Intention (post-event) and action (follow-up) in two separate panels, never one axis.

    ``table`` is :func:`pdu_analysis.practice_change`. Separate panels with their own
    titles and bases, and a footnote, make plain that the two are not compared with a test.
    """
    panels = [
        ("intention", "Intend to change practice\n(post-event survey, by period)"),
        ("action", "Have taken action\n(follow-up survey, by round)"),
    ]
    sizes = [max(1, int((table["measure"] == m).sum())) for m, _ in panels]
    fig, axes = plt.subplots(1, 2, figsize=(FIGURE_SIZE[0] + 1.5, 1.6 + 0.6 * max(sizes)), sharey=False)
    for ax, (measure, title) in zip(axes, panels, strict=True):
        rows = table[table["measure"] == measure].reset_index(drop=True)
        colours = wave_colours(list(rows["wave"]))
        names = (wave_names or {}).get(measure, {})
        for i, r in rows.iterrows():
            point_range(ax, i, r, colours[r["wave"]])
        ax.set_yticks(
            range(len(rows)),
            [names.get(w, "all responses" if w == ALL else w) for w in rows["wave"]],
            fontsize=9,
        )
        ax.set_ylim(len(rows) - 0.5, -0.5)
        percent_axis(ax, "Answering Yes (95% interval)", step=25)
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


def _name(names: Mapping[str, Mapping[str, str]] | None, row, which: str) -> str:
    """A round or period as readers know it (``names``: survey to {wave: label})."""
    wave = row[which]
    return (names or {}).get(row.get("survey", ""), {}).get(wave, wave)


def differences_chart(
    comparisons: pd.DataFrame,
    *,
    label: str = "label",
    title: str = "Change between rounds (second minus first)",
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> plt.Figure:
    """Differences between rounds: dot, 95% interval (Newcombe's), and the detectable size.

    ``comparisons`` has columns from :func:`pdu_analysis.comparison_table`. The
    grey tick marks show the minimum detectable difference in the observed direction: a dot inside
    them is smaller than the waves could reliably detect.
    """
    rows = comparisons.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(FIGURE_SIZE[0] + 1.0, 1.2 + 0.75 * len(rows)))
    colour = OKABE_ITO["blue"]
    for i, r in rows.iterrows():
        ax.plot([r["diff_ci_low"], r["diff_ci_high"]], [i, i], color=colour, lw=2.2)
        ax.plot(r["diff"], i, "o", color=colour, ms=7, mec="white", mew=0.8)
        if not np.isnan(r["mdd"]):
            sign = 1 if r["mdd_direction"] == "rise" else -1
            ax.plot([sign * r["mdd"]] * 2, [i - 0.25, i + 0.25], color=GREY, lw=2)
        ax.text(
            104,
            i,
            f"{int(r['k1'])} of {int(r['n1'])} → {int(r['k2'])} of {int(r['n2'])}",
            va="center",
            fontsize=8.5,
            color="#333333",
        )
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_yticks(
        range(len(rows)),
        [
            wrap_label(f"{r[label]} ({_name(names, r, 'first')} → {_name(names, r, 'second')})", 44)
            for _, r in rows.iterrows()
        ],
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
