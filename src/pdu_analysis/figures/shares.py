"""Charts of shares with their 95% intervals, labelled with k and n: single and multi-select
questions, and naive against cluster-robust intervals.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from pdu_analysis.figures.layout import empty_figure, finish, legend_below, wrap_label
from pdu_analysis.figures.marks import (
    assumed_handle,
    bar_style,
    counts_only_axis,
    draw_counts,
    share_drawn,
    small_base_note,
)
from pdu_analysis.figures.theme import (
    FIGURE_WIDTH,
    GREY,
    LABEL_WRAP,
    OKABE_ITO,
    PALETTE,
    SMALLEST_PT,
    SUBTITLE_COLOUR,
    TEXT_COLOUR,
)
from pdu_analysis.labels import PERIOD_ALL
from pdu_analysis.stats import proportion
from pdu_analysis.wording.assumed import MARK
from pdu_analysis.wording.numbers import percent_text, share_text


def _group_rows(data: pd.DataFrame, group: str, labels: list[str]) -> pd.DataFrame:
    """One group's rows in label order: count, base, suppression mark and assumed flag."""
    rows = data[data["group"] == group].set_index("label").reindex(labels)
    return pd.DataFrame(
        {
            "k": rows["count"].astype("Float64").fillna(0).astype("int64").to_numpy(),
            "n": rows["base"].astype("Float64").fillna(0).astype("int64").to_numpy(),
            "mark": rows["suppressed"].fillna("").astype(str).to_numpy() if "suppressed" in rows else "",
            "assumed": rows["assumed"].fillna(False).astype(bool).to_numpy() if "assumed" in rows else False,
        }
    )


def _share_bar(ax, y: float, r, colour: str, height: float, fontsize: float) -> None:
    """One share as a bar with its 95% Wilson interval and its count label."""
    p = proportion(int(r.k), int(r.n))
    ax.barh(y, p.percent, height=height, **bar_style(colour, bool(r.assumed)))
    ax.errorbar(
        [p.percent],
        [y],
        xerr=[[p.percent - p.ci_low], [p.ci_high - p.percent]],
        fmt="none",
        ecolor=TEXT_COLOUR,
        elinewidth=1,
        capsize=2.5,
    )
    text = share_text(int(r.k), int(r.n), interval=False) + (MARK if r.assumed else "")
    ax.text(p.ci_high + 1.2, y, text, va="center", ha="left", fontsize=fontsize, color=TEXT_COLOUR)


def _draw_row(ax, y: float, r, colour: str, height: float, fontsize: float) -> str:
    """Draw one bar's row; return how it was drawn ("share", "counts", "hidden" or "none")."""
    if r.mark:
        ax.text(1.2, y, f"not shown ({r.mark})", va="center", fontsize=fontsize, color=SUBTITLE_COLOUR)
        return "hidden"
    if not r.n:
        return "none"
    if not share_drawn(r.n):
        draw_counts(ax, 0, y, int(r.k), int(r.n), colour=colour, assumed=bool(r.assumed))
        return "counts"
    _share_bar(ax, y, r, colour, height, fontsize)
    return "share"


def _bars_legend(ax, groups: list[str], colours: dict, bases, assumed: bool) -> None:
    """Legend under the axes: each group with its base, and the hatched mark when used."""
    handles = (
        [Patch(color=colours[g], label=f"{g} (n={bases[g]})") for g in groups] if len(groups) > 1 else []
    )
    if assumed:
        handles.append(assumed_handle())
    if handles:
        legend_below(ax, handles, inches=0.55, x=0.35, ncol=1)


def _bars_subtitle(groups: list[str], bases, what: str, counts: bool) -> str:
    text = (
        f"Base: {bases.iloc[0]} {what}"
        if len(groups) == 1
        else "Bases: " + "; ".join(f"{g} {bases[g]}" for g in groups) + f" {what}"
    )
    return text + (f"; {small_base_note()}" if counts else "")


def proportion_bars_with_ci(
    table: pd.DataFrame,
    *,
    title: str,
    what: str = "responses",
    group_colours: Mapping[str, str] | None = None,
    subtitle: str | None = None,
    xlabel: str = "% (line: 95% interval)",
) -> Figure:
    """Horizontal bars of shares with their 95% Wilson intervals, labelled with k and n.

    Why: a bar alone hides how little a small base pins a share down; the whisker shows it and
    the label gives the count behind it. On a base under 30 no bar is drawn at all (a theme of
    1 of 1 is not a full-width "100%"): the row gives its count, "3 of 7"
    (:mod:`pdu_analysis.figures.marks`). With several groups (column ``group``, e.g. periods) the
    bars of each category sit side by side and the legend names each base. A row flagged
    ``assumed`` (:func:`~pdu_analysis.figures.marks.flag_assumed`) is hatched and its label
    carries the dagger.

    ``table`` has columns ``label`` (or ``option``), ``count``, ``base`` and optionally
    ``group``, ``suppressed`` and ``assumed``. A base of 0 draws no bar.
    """
    data = table.rename(columns={"option": "label"}).copy()
    if data.empty or int(data["base"].max()) == 0:
        return empty_figure(title, f"No {what} in these data.")
    if "group" not in data.columns:
        data["group"] = PERIOD_ALL
    labels = list(dict.fromkeys(data["label"]))
    groups = list(dict.fromkeys(data["group"]))
    bases = data.groupby("group", sort=False)["base"].first().astype("int64")
    colours = dict(group_colours or {})
    for i, g in enumerate(groups):
        colours.setdefault(g, PALETTE[i % len(PALETTE)])
    many = len(groups) > 1
    assumed = "assumed" in data and bool(data["assumed"].fillna(False).astype(bool).any())
    lines = max(wrap_label(str(v), 20).count("\n") + 1 for v in labels)
    row = max(0.42 * (1 + 0.5 * (len(groups) - 1)), 0.2 * lines + 0.12)
    height = 1.1 + row * len(labels) + (0.22 * (len(groups) + assumed) if many or assumed else 0)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, max(2.2, height)))
    band = 0.8 / max(1, len(groups))
    drawn = set()
    for j, g in enumerate(groups):
        y = np.arange(len(labels)) - 0.4 + band * (j + 0.5)
        for yy, r in zip(y, _group_rows(data, g, labels).itertuples(), strict=True):
            drawn.add(_draw_row(ax, yy, r, colours[g], band * 0.88, SMALLEST_PT))
    ax.set_yticks(
        np.arange(len(labels)), labels=[wrap_label(str(v)[:1].upper() + str(v)[1:], 20) for v in labels]
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 125)
    ax.set_xticks([0, 25, 50, 75, 100], labels=["0", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(wrap_label(xlabel, LABEL_WRAP))
    ax.grid(axis="y", visible=False)
    if "share" not in drawn:
        counts_only_axis(ax)
    _bars_legend(ax, groups, colours, bases, assumed)
    if subtitle is None:
        subtitle = _bars_subtitle(groups, bases, what, "counts" in drawn)
    elif "counts" in drawn:
        subtitle += f"; {small_base_note()}"
    return finish(fig, title, subtitle)


def multi_select_bars(
    table: pd.DataFrame,
    *,
    title: str,
    what: str = "responses",
    group_colours: Mapping[str, str] | None = None,
) -> Figure:
    """Share of those answering who ticked each option of a multi-select question.

    Why: with "tick all that apply" the base is the people who answered, not the ticks, and the
    bars add to more than 100%; the subtitle says both so nobody reads the bars as slices.
    """
    data = table.rename(columns={"option": "label"}).copy()
    if data.empty or int(data["base"].max()) == 0:
        return empty_figure(title, f"No {what} to this question in these data.")
    if "group" not in data.columns:
        data["group"] = PERIOD_ALL
    bases = data.groupby("group", sort=False)["base"].first().astype("int64")
    if len(bases) == 1:
        base_text = f"the {bases.iloc[0]} {what} that answered"
    else:
        base_text = "those that answered (" + "; ".join(f"{g} {n}" for g, n in bases.items()) + f" {what})"
    subtitle = f"Base: % of {base_text}; more than one answer allowed, so bars add to over 100%"
    return proportion_bars_with_ci(
        data,
        title=title,
        what=what,
        subtitle=subtitle,
        group_colours=group_colours,
        xlabel="% of those answering (line: 95% interval)",
    )


def naive_vs_robust_intervals(table: pd.DataFrame, *, title: str, what: str = "attendances") -> Figure:
    """Each share with two 95% intervals: naive (Wilson) and cluster-robust (GEE by person).

    Why: the register counts attendances, and someone who came four times counts four times;
    the robust interval allows for that, so the gap between the two lines shows how much repeat
    attendance should temper any comparison. ``table`` is :func:`sector_share_table`'s: rows
    ``figure`` with ``count``, ``base``, ``percent``, ``naive_low``/``high``,
    ``robust_low``/``high``, ``n_clusters`` (people) and optionally ``basis``; a dotted line
    separates cumulative from single-period figures.
    """
    rows = table.reset_index(drop=True)
    if rows.empty:
        return empty_figure(title, f"No {what} in these data.")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, max(2.6, 0.95 * len(rows) + 1.6)))
    y = np.arange(len(rows))
    styles = (
        (
            "naive_low",
            "naive_high",
            OKABE_ITO["sky_blue"],
            -0.15,
            "95% interval, each attendance counted separately",
        ),
        (
            "robust_low",
            "robust_high",
            OKABE_ITO["blue"],
            0.15,
            "95% interval allowing for people who came more than once",
        ),
    )
    for lo, hi, colour, offset, name in styles:
        ax.errorbar(
            rows["percent"],
            y + offset,
            xerr=[rows["percent"] - rows[lo], rows[hi] - rows["percent"]],
            fmt="o",
            color=colour,
            ecolor=colour,
            elinewidth=2.4,
            capsize=3.5,
            markersize=5.5,
            label=wrap_label(name, 34),
        )
    labels = [
        f"{wrap_label(r.figure, 24)}\n{share_text(int(r.count), int(r.base), interval=False)}, "
        f"{r.n_clusters} people"
        for r in rows.itertuples()
    ]
    ax.set_yticks(y, labels=labels, fontsize=SMALLEST_PT)
    ax.invert_yaxis()
    if "basis" in rows.columns:
        for i in range(1, len(rows)):
            if rows.loc[i, "basis"] != rows.loc[i - 1, "basis"]:
                ax.axhline(i - 0.5, color=GREY, linestyle=":", linewidth=1)
    top = float(np.nanmax(rows[["naive_high", "robust_high"]].to_numpy())) if len(rows) else 50
    ax.set_xlim(0, 10 * np.ceil((top + 5) / 10))
    ax.xaxis.set_major_formatter(lambda v, _pos: percent_text(v) if v else "0")
    ax.set_xlabel(wrap_label(f"% of {what}", LABEL_WRAP))
    ax.grid(axis="y", visible=False)
    handles, _ = ax.get_legend_handles_labels()
    legend_below(ax, handles, inches=0.62, x=-0.02, loc="upper left")
    total = int(rows["base"].max()) if len(rows) else 0
    return finish(
        fig, title, f"Base: {total} {what} in all; each row gives its own count and the people behind it"
    )
