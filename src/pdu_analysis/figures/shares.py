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

from pdu_analysis.figures.layout import empty_figure, finish, legend_below
from pdu_analysis.figures.theme import GREY, OKABE_ITO, PALETTE, SUBTITLE_COLOUR, TEXT_COLOUR
from pdu_analysis.labels import PERIOD_ALL
from pdu_analysis.stats import proportion
from pdu_analysis.wording.numbers import share_text


def proportion_bars_with_ci(
    table: pd.DataFrame,
    *,
    title: str,
    what: str = "responses",
    group_colours: Mapping[str, str] | None = None,
    subtitle: str | None = None,
    xlabel: str = "% (line: 95% Wilson interval)",
) -> Figure:
    """Horizontal bars of shares with their 95% Wilson intervals, labelled with k and n.

    Why: a bar alone hides how little a small base pins a share down; the whisker shows it and
    the label gives the count behind it ("25/75 (33%)", or "7 of 26" on a base under 30, where
    the small-base rule allows no percentage in text). With several groups (column ``group``,
    e.g. periods) the bars of each category sit side by side and the legend names each base.

    ``table`` has columns ``label`` (or ``option``), ``count``, ``base`` and optionally
    ``group``, as :func:`shares_table` and :func:`option_counts_table` make. A base of 0 draws
    no bar and says "no responses".
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
    height = 1.5 + 0.5 * len(labels) * (1 + 0.45 * (len(groups) - 1)) + (0.5 if many else 0)
    fig, ax = plt.subplots(figsize=(7.0, max(2.6, height)))
    band = 0.8 / max(1, len(groups))
    for j, g in enumerate(groups):
        rows = data[data["group"] == g].set_index("label").reindex(labels)
        y = np.arange(len(labels)) - 0.4 + band * (j + 0.5)
        marks = (
            rows["suppressed"].fillna("").astype(str).to_numpy()
            if "suppressed" in rows
            else np.full(len(rows), "")
        )
        ks = rows["count"].astype("Float64").fillna(0).astype("int64").to_numpy()
        ns = rows["base"].astype("Float64").fillna(0).astype("int64").to_numpy()
        shares = [proportion(k, n) if n and not m else None for k, n, m in zip(ks, ns, marks, strict=True)]
        pct = np.array([p.percent if p else 0.0 for p in shares])
        lows = np.array([p.percent - p.ci_low if p else 0.0 for p in shares])
        highs = np.array([p.ci_high - p.percent if p else 0.0 for p in shares])
        ax.barh(y, pct, height=band * 0.88, color=colours[g])
        drawn = np.array([p is not None for p in shares])
        if drawn.any():
            ax.errorbar(
                pct[drawn],
                y[drawn],
                xerr=[lows[drawn], highs[drawn]],
                fmt="none",
                ecolor=TEXT_COLOUR,
                elinewidth=1,
                capsize=2.5,
            )
        for yy, p, hi, k, n, m in zip(y, pct, highs, ks, ns, marks, strict=True):
            text = f"not shown ({m})" if m else share_text(int(k), int(n), interval=False)
            ax.text(
                p + hi + 1.2,
                yy,
                text,
                va="center",
                ha="left",
                fontsize=8.5 if many else 9.5,
                color=SUBTITLE_COLOUR if m else TEXT_COLOUR,
            )
    ax.set_yticks(np.arange(len(labels)), labels=[str(v)[:1].upper() + str(v)[1:] for v in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, 120)
    ax.set_xticks([0, 20, 40, 60, 80, 100], labels=["0", "20%", "40%", "60%", "80%", "100%"])
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    if many:
        handles = [Patch(color=colours[g], label=f"{g} (n={bases[g]})") for g in groups]
        legend_below(ax, handles, inches=0.62, ncol=min(3, len(groups)))
    if subtitle is None:
        subtitle = (
            f"Base: {bases.iloc[0]} {what}"
            if not many
            else "Bases: " + "; ".join(f"{g} {bases[g]}" for g in groups) + f" {what}"
        )
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
        xlabel="% of those answering (line: 95% Wilson interval)",
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
    fig, ax = plt.subplots(figsize=(7.4, max(2.6, 0.75 * len(rows) + 2.0)))
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
            label=name,
        )
    labels = [
        f"{r.figure}\n{share_text(int(r.count), int(r.base), interval=False)}, {r.n_clusters} people"
        for r in rows.itertuples()
    ]
    ax.set_yticks(y, labels=labels, fontsize=9)
    ax.invert_yaxis()
    if "basis" in rows.columns:
        for i in range(1, len(rows)):
            if rows.loc[i, "basis"] != rows.loc[i - 1, "basis"]:
                ax.axhline(i - 0.5, color=GREY, linestyle=":", linewidth=1)
    top = float(np.nanmax(rows[["naive_high", "robust_high"]].to_numpy())) if len(rows) else 50
    ax.set_xlim(0, 10 * np.ceil((top + 5) / 10))
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%" if v else "0")
    ax.set_xlabel(f"% of {what}")
    ax.grid(axis="y", visible=False)
    handles, _ = ax.get_legend_handles_labels()
    legend_below(ax, handles, inches=0.62, x=-0.02, loc="upper left")
    total = int(rows["base"].max()) if len(rows) else 0
    return finish(
        fig, title, f"Base: {total} {what} in all; each row gives its own count and the people behind it"
    )
