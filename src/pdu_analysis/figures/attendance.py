"""Charts of attendance: events per person, the sector mix at each event and Community of
Practice sessions.
"""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from pdu_analysis.calendar_words import day_text, month_text, tick_text
from pdu_analysis.figures.layout import empty_figure, finish, legend_below, wrap_label
from pdu_analysis.figures.theme import (
    FIGURE_WIDTH,
    OKABE_ITO,
    PALETTE,
    SECTOR_COLOURS,
    SMALLEST_PT,
    TEXT_COLOUR,
)
from pdu_analysis.labels import cutoff_date
from pdu_analysis.tables.attendance import SECTOR_ORDER


def events_per_person_histogram(
    table: pd.DataFrame, *, title: str = "How many learning events each person attended"
) -> Figure:
    """Number of people by how many learning events they attended.

    Why: the register counts attendances, not people, so the same total can hide many one-off
    visitors or a loyal core; this shows which, with both totals in the subtitle. A pooled top
    category ("4 or more", see :func:`events_per_person_table`) is labelled as such.
    """
    if table.empty:
        return empty_figure(title, "No attendances in these data.")
    people, attendances = int(table["people"].sum()), int(table["attendances"].sum())
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.4))
    x = np.arange(len(table))
    ax.bar(x, table["people"], color=OKABE_ITO["blue"], width=0.65)
    top = float(table["people"].max()) if len(table) else 0.0
    for xx, k in zip(x, table["people"], strict=True):
        ax.text(
            float(xx),
            k + max(top, 1) * 0.02,
            f"{int(k)}",
            ha="center",
            va="bottom",
            fontsize=10,
            color=TEXT_COLOUR,
        )
    ax.set_xticks(x, labels=table["events"])
    ax.set_xlabel("Learning events attended")
    ax.set_ylabel("People")
    ax.set_ylim(0, max(1.0, top * 1.15))
    ax.grid(axis="x", visible=False)
    return finish(fig, title, f"Base: {people} people who made {attendances} attendances")


def _with_pools(table: pd.DataFrame, pooled: pd.DataFrame, cut: date) -> pd.DataFrame:
    """The shown events, with one bar per period for its hidden events pooled, placed at the date
    of the last of them (so the cut-off line still falls between the periods)."""
    shown = table[~table["suppressed"].astype(bool)].assign(label=None, pool=False)
    shown["label"] = [
        f"{e}  {tick_text(d)}" for e, d in zip(shown["event_id"], pd.to_datetime(shown["date"]), strict=True)
    ]
    dates = pd.to_datetime(table["date"]).dt.date
    rows = [shown]
    for r in pooled.itertuples():
        ids = str(r.event_ids).split("+")
        last = max(d for d, e in zip(dates, table["event_id"], strict=True) if e in ids)
        plural = "s" if r.events != 1 else ""
        pool = {k: getattr(r, k) for k in pooled.columns if k in table.columns}
        rows.append(
            pd.DataFrame(
                [
                    pool
                    | {
                        "event_id": f"{r.events} event{plural}",
                        "date": last,
                        "suppressed": False,
                        "label": f"{r.events} event{plural} pooled",
                        "pool": True,
                    }
                ]
            )
        )
    out = pd.concat(rows, ignore_index=True)
    out["day"] = pd.to_datetime(out["date"]).dt.date
    return out.sort_values(["day", "pool"], kind="stable").reset_index(drop=True)


def _mix_rows(table: pd.DataFrame, pooled: pd.DataFrame | None, cut: date) -> tuple[pd.DataFrame, list[str]]:
    """The events to draw (hidden ones pooled per period when ``pooled`` is given) and their labels."""
    if pooled is not None and len(pooled):
        table = _with_pools(table, pooled, cut)
        return table, list(table["label"])
    dates = pd.to_datetime(table["date"]).dt.date.tolist()
    ticks = [f"{e}  {tick_text(d)}" for e, d in zip(table["event_id"], dates, strict=True)]
    return table.assign(pool=False), ticks


def _mix_bars(ax, table: pd.DataFrame, sectors: list[str]) -> None:
    """One 100% bar per event, a segment per sector; hidden mixes hatched grey, pools outlined."""
    y = np.arange(len(table))
    totals = table["total"].astype("float64").to_numpy()
    shown = ~table["suppressed"].astype(bool).to_numpy()
    left = np.zeros(len(table))
    for sector in sectors:
        counts = table[sector].astype("float64").to_numpy()
        share = np.divide(100.0 * counts, totals, out=np.zeros(len(table)), where=shown & (totals > 0))
        ax.barh(
            y,
            share,
            left=left,
            color=SECTOR_COLOURS[sector],
            height=0.78,
            label=sector.capitalize(),
            edgecolor=np.where(table["pool"], TEXT_COLOUR, "none").tolist(),
            linewidth=np.where(table["pool"], 1.2, 0).tolist(),
        )
        left += share
    if (~shown).any():
        ax.barh(
            y,
            np.where(shown, 0.0, 100.0),
            color="#e0e0e0",
            height=0.78,
            hatch="///",
            edgecolor="#8c8c8c",
            linewidth=0,
            label="Mix not shown: a sector had 1 to 4",
        )
    for yy, n in zip(y, table["total"], strict=True):
        ax.text(101.5, yy, f"{int(n)}", ha="left", va="center", fontsize=SMALLEST_PT, color=TEXT_COLOUR)


def _cutoff_line(ax, table: pd.DataFrame, cut: date) -> Line2D | None:
    """A dashed line between the last event before the interim cut-off and the first after it;
    returns its legend entry (named in the legend, so no label sits on a bar)."""
    dates = pd.to_datetime(table["date"]).dt.date.tolist()
    before = sum(d <= cut for d in dates)
    if not 0 < before < len(table):
        return None
    ax.axhline(before - 0.5, xmax=100 / 112, color=TEXT_COLOUR, linestyle="--", linewidth=1.3)
    return Line2D(
        [], [], color=TEXT_COLOUR, linestyle="--", linewidth=1.3, label=f"interim cut-off, {day_text(cut)}"
    )


def sector_mix_by_event(
    table: pd.DataFrame,
    *,
    interim_cutoff: str | date,
    title: str = "Sector mix at each learning event",
    pooled: pd.DataFrame | None = None,
) -> Figure:
    """100% stacked bars of sector at each event in date order, with the interim cut-off line.

    Why: the report says the statutory share rose after the interim report; event by event one
    can see whether that is a steady shift or a few events that drew statutory teams. The bars
    run across, one event a row from the first at the top, so the chart fits a phone however many
    events there are. Events flagged ``suppressed`` (:func:`sector_by_event_table`: a sector with
    1 to 4 attendances) are merged into one bar per period when ``pooled``
    (:func:`hidden_events_pooled`, passed by the disclosure audit) is given, so hiding them does
    not change the picture; otherwise they are drawn as hatched grey bars with only their size.
    """
    if table.empty:
        return empty_figure(title, "No attendances at learning events in these data.")
    sectors = [s for s in SECTOR_ORDER if s in table.columns]
    cut = cutoff_date(interim_cutoff)
    n_att, n_ev = int(table["total"].sum()), len(table)
    table, ticks = _mix_rows(table, pooled, cut)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 2.4 + 0.24 * len(table)))
    _mix_bars(ax, table, sectors)
    line = _cutoff_line(ax, table, cut)
    ax.set_yticks(np.arange(len(table)), labels=ticks, fontsize=SMALLEST_PT)
    ax.set_ylim(len(table) - 0.4, -0.6)
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100], labels=["0", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("% of the event's attendances")
    ax.grid(axis="y", visible=False)
    handles, _ = ax.get_legend_handles_labels()
    legend_below(ax, handles + ([line] if line else []), inches=0.5, x=0.4, ncol=2)
    pools = " (outlined bars: events whose mix is hidden, pooled per period)" if table["pool"].any() else ""
    return finish(
        fig,
        title,
        f"Base: {n_att} attendances at {n_ev} learning events; the number "
        f"right of each bar is its attendances{pools}",
    )


def cop_sessions_chart(table: pd.DataFrame, *, title: str = "Community of Practice sessions") -> Figure:
    """Headcount at each Community of Practice session, grouped by community, planned hatched.

    Why: these groups meet repeatedly and their attendance is not in the register, so the
    events list's headcounts are the only record; showing each session reveals whether a group
    holds its members, and the hatched bar keeps "booked" apart from "attended".
    """
    rows = table.reset_index(drop=True)
    if rows.empty:
        return empty_figure(title, "No Community of Practice sessions in the events list.")
    communities = list(dict.fromkeys(rows["community"]))
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(communities)}
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, max(2.6, 0.5 * len(rows) + 1.9)))
    y = np.arange(len(rows))
    heads = rows["headcount"].astype("Float64").fillna(0).astype("float64").to_numpy()
    planned = (rows["status"] == "planned").to_numpy()
    for yy, h, plan, community in zip(y, heads, planned, rows["community"], strict=True):
        colour = colours[community]
        ax.barh(
            yy,
            h,
            height=0.68,
            color="white" if plan else colour,
            edgecolor=colour,
            hatch="///" if plan else None,
            linewidth=1.2,
        )
        ax.text(
            h + 0.3,
            float(yy),
            f"{int(h)} booked (planned)" if plan else f"{int(h)}",
            va="center",
            fontsize=SMALLEST_PT,
            color=TEXT_COLOUR,
        )
    labels = [
        f"{wrap_label(c, 24)}\nsession {s}, {month_text(pd.Timestamp(d))}"
        for c, s, d in zip(rows["community"], rows["session"], rows["date"], strict=True)
    ]
    ax.set_yticks(y, labels=labels, fontsize=SMALLEST_PT)
    ax.invert_yaxis()
    ax.set_xlim(0, max(5.0, float(heads.max()) * 1.9) if len(heads) else 5.0)
    ax.set_xlabel("People at the session\n(headcount in the events list)")
    ax.grid(axis="y", visible=False)
    held = int((~planned).sum())
    return finish(
        fig,
        title,
        f"Base: {held} sessions held ({int(heads[~planned].sum())} "
        f"attendances in all) and {int(planned.sum())} planned",
    )
