"""The per-event sector table as page 03 publishes it: suppressed with the period totals in view.

Each event's sector counts add up, within a period, to the sector totals the page prints for that
period, so the events are suppressed together (:func:`~pdu_analysis.stats.disclosure.blocks.
protect_blocks`): small events pooled per period, further cells hidden across the events of a
period, and a period that cannot otherwise be protected printed as one row. The choice is then
audited with the whole page (:func:`sector_by_event_layout`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pdu_analysis.stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW
from pdu_analysis.stats.disclosure import Publication, suppress_small
from pdu_analysis.stats.disclosure.audit import COMPLEMENTARY, PRIMARY
from pdu_analysis.stats.disclosure.blocks import SMALL, WHOLE, BlockSuppression, protect_blocks
from pdu_analysis.tables.published import ATT, EVENTS, add_sector_by_event

_MARKER = {PRIMARY: "<5", COMPLEMENTARY: "[c]"}


def _sectors(table: pd.DataFrame) -> list[str]:
    return [s for s in ("statutory", "voluntary", "private") if s in table.columns]


def event_suppression(
    by_event: pd.DataFrame, block_status: Mapping[tuple[str, int], str] | None = None
) -> BlockSuppression:
    """The per-event suppression (:func:`~pdu_analysis.stats.disclosure.blocks.protect_blocks`),
    audited with each period's sector totals, printed as ``block_status`` says (default: shown,
    or "<5" when 1 to 4)."""
    if block_status is None:
        block_status = _period_status(by_event)
    return protect_blocks(
        by_event[_sectors(by_event)].to_numpy(dtype="int64"),
        [str(p) for p in by_event["period"]],
        block_status=block_status,
        labels=[str(e) for e in by_event["event_id"]],
        columns=_sectors(by_event),
        name=EVENTS,
    )


def _period_status(by_event: pd.DataFrame) -> dict[tuple[str, int], str]:
    """Each period's sector totals as a sector-by-period table suppressed on its own prints
    them (with its totals), when no page says otherwise."""
    sectors = _sectors(by_event)
    wide = by_event.groupby(by_event["period"].astype("str"), sort=False)[sectors].sum().T
    checked = suppress_small(wide, list(wide.columns), protect_columns=True)
    status = {}
    for j, sector in enumerate(sectors):
        for p in wide.columns:
            if checked.primary.loc[sector, p]:
                status[(p, j)] = PRIMARY
            elif checked.secondary.loc[sector, p]:
                status[(p, j)] = COMPLEMENTARY
    return status


def events_printed(
    by_event: pd.DataFrame, suppression: BlockSuppression, period_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One printed row per row of ``suppression``: an event, or events pooled ("E06+E09")."""
    sectors = _sectors(by_event)
    names = dict(period_names or {})
    rows = []
    for r, statuses, total in zip(suppression.rows, suppression.statuses, suppression.totals, strict=True):
        part = by_event.iloc[list(r.rows)]
        period = names.get(str(r.block), str(r.block))
        if len(r.rows) == 1:
            title = str(part["title"].iloc[0])
        elif r.kind == WHOLE:
            title = f"All {len(r.rows)} events, {period}"
        else:
            title = f"{len(r.rows)} smaller events together, {period}"
        row = {
            "event_id": "+".join(str(e) for e in part["event_id"]),
            "date": part["date"].iloc[0] if len(r.rows) == 1 else None,
            "title": title,
        }
        for sector, status in zip(sectors, statuses, strict=True):
            row[sector] = _MARKER.get(status, str(int(part[sector].sum())))
        row["total"] = _MARKER.get(total, str(int(part["total"].sum())))
        rows.append(row)
    printed = pd.DataFrame(rows, columns=["event_id", "date", "title", *sectors, "total"])
    printed["date"] = printed["date"].astype(by_event["date"].dtype)
    return printed.astype({c: "str" for c in [*sectors, "total"]})


@dataclass(frozen=True)
class EventLayout:
    """The per-event table as the page publishes it, and the suppression behind it."""

    suppression: BlockSuppression
    printed: pd.DataFrame
    flagged: pd.DataFrame
    """The per-event counts with ``suppressed`` True where the event's own mix is not printed."""

    def add_to(self, pub: Publication) -> None:
        add_sector_by_event(pub, self.printed, _sectors(self.flagged))

    def sentence(self) -> str | None:
        """What was pooled, computed from the choice (None when no event was pooled)."""
        small = [r for r in self.suppression.rows if r.kind == SMALL]
        whole = [r for r in self.suppression.rows if r.kind == WHOLE and len(r.rows) > 1]
        parts = []
        if small:
            n = sum(len(r.rows) for r in small)
            parts.append(
                f"{n} smaller events are counted together within their period, because their "
                f"sector counts could not be hidden event by event (a total of {DISCLOSURE_LOW} "
                f"to {DISCLOSURE_HIGH}, or small counts that the event's total would give back)"
            )
        if whole:
            n = sum(len(r.rows) for r in whole)
            parts.append(
                f"in {len(whole)} {'period' if len(whole) == 1 else 'periods'} the {n} events are "
                "shown as one row, because any split by event would let a reader work out a small "
                "count from the period totals"
            )
        return (
            ("In the table of attendances by event and sector " + "; ".join(parts) + ".") if parts else None
        )


def sector_by_event_layout(
    by_event: pd.DataFrame, others: Publication, period_names: Mapping[str, str] | None = None
) -> EventLayout:
    """The per-event table suppressed with the rest of the page (``others``) in view.

    Each period's sector totals are taken as ``others`` prints them; the candidate is then
    audited with the whole page, and a period whose events still leak is pooled into one row
    (the same figures as the period totals, so it adds nothing a reader did not have).
    """
    sectors = _sectors(by_event)
    periods = list(dict.fromkeys(str(p) for p in by_event["period"]))
    status = {}
    for p in periods:
        for j, sec in enumerate(sectors):
            found = others.status_of_cells(others.cells(ATT, {"period": p, "sector": sec}))
            if found is not None:
                status[(p, j)] = found
    pooled: set[str] = set()
    while True:
        s = protect_blocks(
            by_event[sectors].to_numpy(dtype="int64"),
            [str(p) for p in by_event["period"]],
            block_status=status,
            pooled=sorted(pooled),
            labels=[str(e) for e in by_event["event_id"]],
            columns=sectors,
            name=EVENTS,
        )
        layout = EventLayout(
            s,
            events_printed(by_event, s, period_names),
            by_event.assign(suppressed=s.hidden_rows_mask(len(by_event))),
        )
        trial = others.copy()
        layout.add_to(trial)
        printed_ids = list(layout.printed["event_id"])  # one per suppression row, in order
        leaking = (
            {
                str(r.block)
                for f in trial.audit().leaks
                if f.figure.table == EVENTS
                for r, label in zip(s.rows, printed_ids, strict=True)
                if f.figure.label.startswith(f"{label}, ")
            }
            - pooled
            - set(s.pooled_blocks)
        )
        if not leaking:
            return layout
        pooled |= leaking
