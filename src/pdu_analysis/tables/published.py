"""What the 'who attends' page publishes, for the disclosure audit, and the field-of-work layout.

Every table the page prints is added to one :class:`~pdu_analysis.stats.disclosure.Publication`
over the same cells (attendances by event x sector x field of work, each event in its period;
people by events attended; hub users by sector), so the audit sees what a reader could subtract
across tables. :func:`field_by_sector_layout` chooses how to break down field of work by sector:
with or without the period split, small fields merged or not, whichever the audit passes with
the fewest hidden cells (then the most cells shown). The choice depends only on the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from pdu_analysis.stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW
from pdu_analysis.stats.disclosure import Publication, Suppressed, suppress_small

ATT, PEOPLE, HUB = "attendances", "people", "hub users"
POOL = "Other fields"
EVENTS = "03_sector_by_event"


def attendance_publication(
    attendances: pd.DataFrame, people: pd.DataFrame, hub_users: pd.DataFrame, focus_order: Sequence[str]
) -> Publication:
    """The page's cells: attendances (event x sector x field), people by events, hub users."""
    pub = Publication()
    sectors = [s for s in ("statutory", "voluntary", "private") if s in set(attendances["sector"])]
    dims = {
        "event_id": sorted(set(attendances["event_id"])),
        "sector": sectors,
        "focus": list(focus_order),
    }
    pub.add_population(ATT, attendances, dims, attributes={"period": "event_id"})
    per_person = people[["attendances"]].astype("int64")
    pub.add_population(PEOPLE, per_person, {"attendances": sorted(set(per_person["attendances"]))})
    hub_sectors = [s for s in ("statutory", "voluntary", "private") if s in set(hub_users["sector"])]
    pub.add_population(HUB, hub_users, {"sector": hub_sectors})
    return pub


def add_shares(
    pub: Publication,
    table: str,
    shares: pd.DataFrame,
    population: str,
    column: str,
    groups: Mapping[str, Mapping[str, object]],
) -> None:
    """A :func:`~pdu_analysis.tables.shares_table`: each count (or its marker) and each base."""
    for r in shares.itertuples():
        where = {**groups[r.group], column: r.label}
        printed = r.suppressed if r.suppressed else r.count
        pub.add(table, f"{r.group}, {r.label}", population, where, printed)
    for group, rows in shares.groupby("group", sort=False):
        pub.add(table, f"{group}, base", population, groups[group], rows["base"].iloc[0])


def add_sector_share(pub: Publication, share: pd.DataFrame) -> None:
    """A :func:`~pdu_analysis.tables.sector_share_table`: one sector's count and base per row."""
    for r in share.itertuples():
        periods = r.periods.split("+")
        pub.add(
            "03_sector_share", f"{r.figure}, count", ATT, {"sector": r.sector, "period": periods}, r.count
        )
        pub.add("03_sector_share", f"{r.figure}, base", ATT, {"period": periods}, r.base)


def add_sector_by_event(pub: Publication, printed: pd.DataFrame, sectors: Sequence[str]) -> None:
    """The per-event sector counts and each row's total (a pooled row's ``event_id`` joins its
    events with "+")."""
    for r in printed.itertuples():
        ids = str(r.event_id).split("+")
        for s in [*sectors, "total"]:
            where = {"event_id": ids} | ({} if s == "total" else {"sector": s})
            pub.add(EVENTS, f"{r.event_id}, {s}", ATT, where, getattr(r, s))


def add_hidden_pools(pub: Publication, pooled: pd.DataFrame, sectors: Sequence[str]) -> None:
    """The hidden events pooled per period (:func:`~pdu_analysis.tables.hidden_events_pooled`):
    each sector's count and the pool's total."""
    for r in pooled.itertuples():
        ids = str(r.event_ids).split("+")
        for s in [*sectors, "total"]:
            where = {"event_id": ids} | ({} if s == "total" else {"sector": s})
            pub.add("03_sector_mix_pooled", f"{r.period} pool, {s}", ATT, where, getattr(r, s))


def add_events_per_person(pub: Publication, per_person: pd.DataFrame) -> None:
    """People by learning events attended ("4 or more" is every level from 4 up).

    Levels may have gaps (one person at 12 events, nobody at 7 to 11): a pooled row covers every
    level from its first up to its own attendances (no one in it attended more often than that).
    """
    for r in per_person.itertuples():
        low = int(str(r.events).split()[0])
        high = int(r.attendances) if r.pooled else low
        pub.add(
            "03_events_per_person",
            f"{r.events} events, people",
            PEOPLE,
            {"attendances": list(range(low, high + 1))},
            r.people,
        )


@dataclass(frozen=True)
class Layout:
    """One way to publish field of work by sector: rows (merged fields), columns, suppression."""

    by_period: bool
    merged: tuple[str, ...]
    table: pd.DataFrame
    rows: Mapping[str, Mapping[str, object]]
    columns: Mapping[str, Mapping[str, object]]
    suppressed: Suppressed | None = None

    @property
    def hidden(self) -> int:
        return self.suppressed.n_suppressed if self.suppressed is not None else 0

    @property
    def printed(self) -> pd.DataFrame:
        """The table as published, field of work as a column."""
        shown = self.suppressed.table if self.suppressed is not None else self.table
        return shown.rename_axis("field of work").reset_index()

    def add_to(self, pub: Publication, name: str) -> None:
        shown = self.suppressed.table if self.suppressed is not None else self.table
        pub.add_grid(name, shown, ATT, self.rows, self.columns)

    def sentence(self) -> str:
        """What was merged or left out, computed from the choice."""
        parts = []
        if self.merged:
            parts.append(
                f"{_words(self.merged)} {'is' if len(self.merged) == 1 else 'are'} counted "
                f'together as "{POOL}"'
                f" so that no count in it is between {DISCLOSURE_LOW} and {DISCLOSURE_HIGH}"
            )
        if not self.by_period:
            parts.append(
                "the periods are not split, because split by sector and period some counts would be "
                "small enough to point to a person; the field-of-work chart above gives each "
                "period, and the table of attendances by sector and period gives each sector"
            )
        if not parts:
            return "Every field of work is shown by sector and period."
        text = "; ".join(parts)
        return "In this table " + text + "."


def _words(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _small(values) -> bool:
    return bool(((values >= DISCLOSURE_LOW) & (values <= DISCLOSURE_HIGH)).any())


def _grid(attendances: pd.DataFrame, focus_order, sectors, periods, period_names, by_period):
    columns, wheres = {}, {}
    for s in sectors:
        for p in periods if by_period else [None]:
            name = s if p is None else f"{s}: {period_names[p]}"
            where = {"sector": s} | ({} if p is None else {"period": p})
            mask = attendances["sector"] == s
            if p is not None:
                mask &= attendances["period"] == p
            counts = attendances.loc[mask, "focus"].value_counts()
            columns[name] = [int(counts.get(f, 0)) for f in focus_order]
            wheres[name] = where
    return pd.DataFrame(columns, index=list(focus_order)), wheres


def _merge_small(table: pd.DataFrame, focus_order: Sequence[str]) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Fold fields with a count of 1 to 4 into the pool ("Other" when it exists), then, while the
    pool itself holds a small count, fold in the smallest field left."""
    pool = ["Other"] if "Other" in table.index else []
    merged = [f for f in table.index if f not in pool and _small(table.loc[f].to_numpy())]
    while True:
        members = pool + merged
        rest = [f for f in table.index if f not in members]
        if not members or not _small(table.loc[members].sum().to_numpy()) or len(rest) <= 1:
            break
        merged.append(min(rest, key=lambda f: (table.loc[f].sum(), list(focus_order).index(f))))
    if not merged:
        return table, ()
    keep = [f for f in table.index if f not in pool + merged]
    out = pd.concat([table.loc[keep], table.loc[pool + merged].sum().to_frame(POOL).T])
    return out, tuple(f for f in focus_order if f in merged)


def field_by_sector_layout(
    attendances: pd.DataFrame,
    focus_order: Sequence[str],
    period_names: Mapping[str, str],
    others: Publication,
    name: str = "03_field_of_work_by_sector",
) -> Layout | None:
    """The layout the audit passes (with ``others``, the rest of the page) hiding fewest cells.

    Candidates: field x sector x period and field x sector, each as it is and with small fields
    merged. A candidate whose suppression would withhold a total is out (the totals are printed
    elsewhere on the page). Ties go to the candidate showing more cells, then more fields. None
    when no candidate passes.
    """
    periods = [p for p in period_names if p in set(attendances["period"])]
    sectors = [s for s in ("statutory", "voluntary", "private") if s in set(attendances["sector"])]
    candidates = []
    for by_period in (True, False):
        table, columns = _grid(attendances, focus_order, sectors, periods, period_names, by_period)
        merged_table, merged = _merge_small(table, focus_order)
        for t, m in ((table, ()), (merged_table, merged)) if merged else ((table, ()),):
            rows = {f: {"focus": f} for f in t.index if f != POOL}
            if POOL in t.index:
                rows[POOL] = {"focus": [f for f in focus_order if f not in rows]}
            candidates.append((by_period, m, t, rows, columns))
    candidates.sort(key=lambda c: (_n_small(c[2]), -c[2].size, -len(c[2])))
    best = None
    for by_period, merged, t, rows, columns in candidates:
        lower = _n_small(t)
        if best is not None and (lower, -t.size, -len(t)) >= (
            best.hidden,
            -best.table.size,
            -len(best.table),
        ):
            continue
        groups = (
            {period_names[p]: [c for c in t.columns if c.endswith(f": {period_names[p]}")] for p in periods}
            if by_period
            else {}
        )
        s = (
            suppress_small(t, list(t.columns), protect_columns=True, row_groups=groups, name=name)
            if lower
            else None
        )
        if s is not None and s.withheld_totals:
            continue
        layout = Layout(by_period, merged, t, rows, columns, s)
        trial = others.copy()
        layout.add_to(trial, name)
        if not trial.audit().passed:
            continue
        key = (layout.hidden, -t.size, -len(t))
        if best is None or key < (best.hidden, -best.table.size, -len(best.table)):
            best = layout
    return best


def _n_small(table: pd.DataFrame) -> int:
    v = table.to_numpy()
    return int(((v >= DISCLOSURE_LOW) & (v <= DISCLOSURE_HIGH)).sum())
