"""Point-range charts of the same question across rounds, sector shares by period, intention
beside action, and differences between rounds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from pdu_analysis.figures.layout import not_asked, percent_axis, point_range, titled, wrap_label
from pdu_analysis.figures.marks import counts_only_axis, draw_counts, is_assumed, share_drawn, small_base_note
from pdu_analysis.figures.theme import (
    FIGURE_SIZE,
    GREY,
    LABEL_WRAP,
    OKABE_ITO,
    SECTOR_COLOURS,
    SMALLEST_PT,
    wave_colours,
)
from pdu_analysis.measures import ALL
from pdu_analysis.wording.assumed import LEGEND, MARK
from pdu_analysis.wording.numbers import share_text


def _wave_point(ax, y: float, row, colour: str) -> str:
    """One wave's answer on a row: a point-range on a base of 30 or more, else its count."""
    assumed = is_assumed(row)
    if share_drawn(row["base"]):
        point_range(ax, y, row, colour, assumed=assumed)
        return "share"
    draw_counts(ax, 0, y, int(row["count"]), int(row["base"]), colour=colour, assumed=assumed)
    return "counts"


def _wave_handles(table: pd.DataFrame, waves: list, colours: dict, names, base_in_legend: bool) -> list:
    """Legend entries: each wave (with its base), then the assumed mark when any row carries it."""
    handles = []
    for wave in waves:
        bases = sorted(set(table.loc[table["wave"] == wave, "base"].astype(int)))
        base = f"n = {bases[0]}" if len(bases) == 1 else f"n = {bases[0]}–{bases[-1]}"
        name = (names or {}).get(wave, "all waves" if wave == ALL else wave)
        label = f"{name}, {base}" if base_in_legend else name
        dot = share_drawn(bases[-1])
        handles.append(
            Line2D([], [], color=colours[wave], marker="o" if dot else "s", lw=2.2 if dot else 0, label=label)
        )
    if "assumed" in table and table["assumed"].fillna(False).astype(bool).any():
        handles.append(
            Line2D([], [], color=GREY, marker="o", mfc="white", ls="--", lw=2.2, label=f"{MARK} {LEGEND}")
        )
    return handles


def _value_axis(ax, xlabel: str, drawn: set) -> None:
    """The percent axis; with counts only, no axis at all (nothing is drawn as a share)."""
    percent_axis(ax, xlabel)
    if drawn == {"counts"}:
        counts_only_axis(ax)
    elif "counts" in drawn:
        ax.set_xlabel(
            wrap_label(xlabel, LABEL_WRAP) + "\n" + wrap_label(f"({small_base_note()})", LABEL_WRAP)
        )


def options_by_wave(
    table: pd.DataFrame,
    *,
    title: str,
    category: str = "option",
    wave_names: Mapping[str, str] | None = None,
    xlabel: str = "Share of those answering (95% interval)",
    wrap: int = 22,
    base_in_legend: bool = True,
) -> plt.Figure:
    """Point-range chart: one row per category (in table order), one dot per wave.

    ``table`` has columns ``category``, wave, count, base, percent, ci_low, ci_high
    (:func:`pdu_analysis.option_table`) and optionally ``assumed``. A wave whose base is under 30
    gives its count, not a dot (:mod:`pdu_analysis.figures.marks`); an assumed figure is drawn
    dashed and hollow with the dagger. The legend, under the plot, gives each wave's base
    (``base_in_legend=False`` when the categories' bases differ: the labels by the dots still
    give every base).
    """
    if table.empty:
        return not_asked(title)
    categories = list(dict.fromkeys(table[category]))
    waves = list(dict.fromkeys(table["wave"]))
    colours = wave_colours(waves)
    step = 0.8 / max(len(waves), 1)
    handles = _wave_handles(table, waves, colours, wave_names, base_in_legend)
    rows = len(handles)
    height = max(2.4, 1.5 + 0.32 * len(categories) * max(1, len(waves)) + 0.19 * rows)
    fig, ax = plt.subplots(figsize=(FIGURE_SIZE[0], height))
    drawn = set()
    for i, cat in enumerate(categories):
        for j, wave in enumerate(waves):
            match = table[(table[category] == cat) & (table["wave"] == wave)]
            if not match.empty:
                y = i + (j - (len(waves) - 1) / 2) * step
                drawn.add(_wave_point(ax, y, match.iloc[0], colours[wave]))
    ax.set_yticks(range(len(categories)), [wrap_label(c, wrap) for c in categories])
    ax.set_ylim(len(categories) - 0.4, -0.6)  # half a row of space above and below, top to bottom
    _value_axis(ax, xlabel, drawn)
    fig.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=1,
        frameon=False,
    )
    fig.tight_layout(rect=(0, (0.05 + 0.19 * rows) / height, 1, 1))
    return titled(fig, title)


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
    fig, ax = plt.subplots(figsize=(FIGURE_SIZE[0], 1.6 + 0.9 * len(rows)))
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
    ax.set_yticks(range(len(rows)), ticks, fontsize=SMALLEST_PT)
    cumulative = [i for i, label in enumerate(rows) if kinds[label] == "cumulative"]
    if cumulative:
        ax.axhline(min(cumulative) - 0.5, color=GREY, lw=0.8, ls="--")
    ax.invert_yaxis()
    percent_axis(ax, "Share of attendances (95% interval; pale band allows for repeat attenders)", step=25)
    ax.legend(
        handles=[
            Line2D([], [], color=SECTOR_COLOURS.get(s, GREY), marker="o", lw=2.2, label=s) for s in sectors
        ],
        loc="upper center",
        bbox_to_anchor=(0.4, -0.3),
        fontsize=SMALLEST_PT,
        frameon=False,
        ncols=len(sectors),
    )
    fig.tight_layout()
    return titled(fig, title)


def _practice_panel(ax, rows: pd.DataFrame, names: Mapping[str, str], heading: str) -> None:
    """One panel of :func:`intention_action_chart`: a row per wave, a share or its count."""
    colours = wave_colours(list(rows["wave"]))
    drawn = {_wave_point(ax, i, r, colours[r["wave"]]) for i, r in rows.iterrows()}
    ax.set_yticks(
        range(len(rows)),
        [wrap_label(names.get(w, "all responses" if w == ALL else w), 20) for w in rows["wave"]],
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _value_axis(ax, "Answering Yes (95% interval)", drawn or {"share"})
    ax.set_title(wrap_label(heading, 38), fontsize=10, loc="left")


def intention_action_chart(
    table: pd.DataFrame,
    *,
    wave_names: Mapping[str, Mapping[str, str]] | None = None,
    title: str = "Intending to change practice, and having taken action",
) -> plt.Figure:
    """Intention (post-event) and action (follow-up) in two separate panels, never one axis.

    ``table`` is :func:`pdu_analysis.practice_change`. Separate panels, one above the other (so
    the chart fits a phone), with their own headings and bases, and a footnote, make plain that
    the two are not compared with a test. A base under 30 gives its count, not a dot.
    """
    panels = [
        ("intention", "Intend to change practice (post-event survey, by period)"),
        ("action", "Have taken action (follow-up survey, by round)"),
    ]
    sizes = [max(1, int((table["measure"] == m).sum())) for m, _ in panels]
    fig, axes = plt.subplots(
        2, 1, figsize=(FIGURE_SIZE[0], 2.4 + 0.45 * sum(sizes)), height_ratios=sizes, sharex=False
    )
    for ax, (measure, heading) in zip(axes, panels, strict=True):
        rows = table[table["measure"] == measure].reset_index(drop=True)
        _practice_panel(ax, rows, (wave_names or {}).get(measure, {}), heading)
    fig.text(
        0.01,
        0.01,
        "Different questions, asked of different people out of different\nbases: shown one above"
        " the other, not tested against each other.",
        fontsize=SMALLEST_PT,
        style="italic",
        ha="left",
        va="bottom",
    )
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return titled(fig, title)


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
    fig, ax = plt.subplots(figsize=(FIGURE_SIZE[0], 1.4 + 0.85 * len(rows)))
    colour = OKABE_ITO["blue"]
    for i, r in rows.iterrows():
        ax.plot([r["diff_ci_low"], r["diff_ci_high"]], [i, i], color=colour, lw=2.2)
        ax.plot(r["diff"], i, "o", color=colour, ms=7, mec="white", mew=0.8)
        if not np.isnan(r["mdd"]):
            sign = 1 if r["mdd_direction"] == "rise" else -1
            ax.plot([sign * r["mdd"]] * 2, [i - 0.25, i + 0.25], color=GREY, lw=2)
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_yticks(
        range(len(rows)),
        [
            wrap_label(f"{r[label]} ({_name(names, r, 'first')} → {_name(names, r, 'second')})", 26)
            + f"\n{int(r['k1'])} of {int(r['n1'])} → {int(r['k2'])} of {int(r['n2'])}"
            for _, r in rows.iterrows()
        ],
        fontsize=SMALLEST_PT,
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-100, 100)
    ax.set_xticks(range(-100, 101, 50))
    ax.set_xlabel(
        wrap_label("Difference in percentage points (95% interval); grey tick: detectable size", LABEL_WRAP)
    )
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return titled(fig, title)
