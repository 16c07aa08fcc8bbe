"""Per-event tables: the sector mix at each learning event, the events whose mix is hidden pooled
per period, and which way the hidden events lean. Counts, never rounded; disclosure through the
page-wide layout (:mod:`pdu_analysis.tables.event_layout`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pdu_analysis import measures
from pdu_analysis.stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW
from pdu_analysis.stats.disclosure.blocks import BlockSuppression
from pdu_analysis.tables import event_layout
from pdu_analysis.tables.attendance import SECTOR_ORDER


def sector_by_event_table(
    attendances: pd.DataFrame, events: pd.DataFrame, *, suppress: bool = True
) -> pd.DataFrame:
    """Attendances at each learning event by sector, in date order, with its period and a
    ``suppressed`` flag.

    With ``suppress`` an event is flagged when :func:`sector_by_event_published` would not print
    its own mix (a sector with 1 to 4 attendances, a count hidden so that the period totals do
    not give one back, or the event pooled with others): a handful of people from one sector at
    one event can be recognised, so its mix is not drawn. The counts stay in this table; publish
    :func:`sector_by_event_published` instead.
    """
    sectors = [s for s in SECTOR_ORDER if s in set(attendances["sector"])]
    counts = (
        attendances.groupby(["event_id", "sector"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=sectors, fill_value=0)
    )
    learning = events[events["kind"] == "learning_event"][["event_id", "date", "title"]]
    table = learning.merge(counts, left_on="event_id", right_index=True, how="inner")
    table = table.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    period = attendances.drop_duplicates("event_id").set_index("event_id")["period"]
    table.insert(3, "period", table["event_id"].map(period).astype("str"))
    table[sectors] = table[sectors].astype("int64")
    table["total"] = table[sectors].sum(axis=1).astype("int64")
    table["suppressed"] = False
    if suppress and sectors and len(table):
        table["suppressed"] = event_layout.event_suppression(table).hidden_rows_mask(len(table))
    return table


def sector_by_event_published(
    by_event: pd.DataFrame,
    period_names: Mapping[str, str] | None = None,
    *,
    suppression: BlockSuppression | None = None,
) -> pd.DataFrame:
    """The per-event sector counts as published (:func:`pdu_analysis.tables.event_layout.events_printed`):
    small counts "<5", a count the event or period totals would give back "[c]", events with 1
    to 4 attendances pooled per period. ``suppression`` defaults to one audited with every period
    total shown; the page passes :func:`~pdu_analysis.tables.event_layout.sector_by_event_layout`'s."""
    s = suppression if suppression is not None else event_layout.event_suppression(by_event)
    return event_layout.events_printed(by_event, s, period_names)


def hidden_events_pooled(by_event: pd.DataFrame, attendances: pd.DataFrame) -> pd.DataFrame:
    """The events whose mix is hidden (``suppressed`` in :func:`sector_by_event_table`), pooled
    per period: one row per period with hidden events, their sector counts, total and ids.

    Hiding those events' bars would leave a per-event chart that shows only the others; pooling
    them gives the reader the period's whole picture. ``small`` is True when a pooled sector count
    is itself 1 to 4, so the pool cannot be shown either.
    """
    sectors = [s for s in SECTOR_ORDER if s in by_event.columns]
    columns = ["period", "event_ids", "events", *sectors, "total", "small"]
    hidden = by_event[by_event["suppressed"].astype(bool)]
    if hidden.empty:
        return pd.DataFrame(columns=columns)
    period_of = attendances.groupby("event_id")["period"].first()
    hidden = hidden.assign(period=hidden["event_id"].map(period_of))
    rows = []
    for period in measures.periods_in_order(attendances):
        part = hidden[hidden["period"] == period]
        if part.empty:
            continue
        counts = {s: int(part[s].sum()) for s in sectors}
        rows.append(
            {
                "period": period,
                "event_ids": "+".join(part["event_id"]),
                "events": len(part),
                **counts,
                "total": int(part["total"].sum()),
                "small": any(DISCLOSURE_LOW <= v <= DISCLOSURE_HIGH for v in counts.values()),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def hidden_lean_sentence(
    by_event: pd.DataFrame, attendances: pd.DataFrame, names: Mapping[str, str], sector: str = "statutory"
) -> str | None:
    """Which way the hidden events lean: their pooled share of ``sector`` against the shown events
    of the same period, in words (no count), or None when no event is hidden."""
    pooled = hidden_events_pooled(by_event, attendances)
    if pooled.empty or sector not in by_event.columns:
        return None
    period_of = attendances.groupby("event_id")["period"].first()
    events = by_event.assign(period=by_event["event_id"].map(period_of))
    parts = []
    for r in pooled.itertuples():
        shown = events[(events["period"] == r.period) & ~events["suppressed"].astype(bool)]
        if not r.total or not shown["total"].sum():
            continue
        hidden_share = getattr(r, sector) / r.total
        shown_share = shown[sector].sum() / shown["total"].sum()
        side = (
            "lower" if hidden_share < shown_share else "higher" if hidden_share > shown_share else "the same"
        )
        parts.append(
            f"the {r.events} event{'s' if r.events != 1 else ''} {names.get(r.period, r.period)} whose "
            f"mix is hidden had, together, a {side} {sector} share than the events shown in that period"
        )
    if not parts:
        return None
    text = "; ".join(parts).replace("a the same", "the same")
    return text[0].upper() + text[1:] + "."
