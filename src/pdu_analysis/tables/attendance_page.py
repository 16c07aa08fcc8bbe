"""The 'who attends' page's tables as one protected publication, most useful kept first.

The page prints: people by events attended, the statutory share by period (with its test), the
attendances by sector and period, the field-of-work shares, field of work by sector, the
per-event sector counts and hub users by sector. :func:`protect_attendance_page` builds them over
one :class:`~pdu_analysis.stats.disclosure.Publication` in that order and, when the audit cannot
pass with all of them (small data), keeps them in order of use: the sector share and its
counts first, then field of work (by period, else overall only), the per-event table and hub
users by sector last; anything else is withheld (:mod:`pdu_analysis.tables.withhold`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from pdu_analysis.stats.disclosure import Publication, Suppressed
from pdu_analysis.tables import event_layout, published
from pdu_analysis.tables.attendance import (
    SECTOR_ORDER,
    events_per_person_table,
    shares_table,
    values_by_group,
)
from pdu_analysis.tables.withhold import Part, ProtectedPage, Shown, protect_page

PER_PERSON = "03_events_per_person"
SHARE = "03_sector_share"
BY_PERIOD = "03_sector_by_period_counts"
FIELD_SHARE = "03_field_of_work_share"
FIELD_BY_SECTOR = "03_field_of_work_by_sector"
HUB = "03_hub_by_sector"
EVENTS = published.EVENTS
TOTALS = "03_totals_in_the_text"

PRIORITY = (SHARE, BY_PERIOD, FIELD_SHARE, FIELD_BY_SECTOR, PER_PERSON, EVENTS, HUB)
"""Which tables to keep when not all can be: the sector share by period and its counts first,
then field of work; the per-event table and hub users by sector last."""


def _shares_form(table: str, shares: pd.DataFrame, population: str, column: str, groups, note=None):
    def add(pub: Publication) -> None:
        published.add_shares(pub, table, shares, population, column, groups)

    return lambda pub: Shown(shares, add, note)


def _field_share_forms(attendances, focus_order, groups: Mapping[str, str | None]):
    """The field-of-work shares overall and by period; failing that, overall only."""
    pooled = next(g for g, p in groups.items() if p is None)
    wheres = {g: {} if p is None else {"period": p} for g, p in groups.items()}
    full = shares_table(
        values_by_group(attendances, "focus", groups), focus_order, suppress=True, pooled=pooled
    )
    forms = [_shares_form(FIELD_SHARE, full, published.ATT, "focus", wheres)]
    if len(groups) > 1:
        overall = shares_table(
            values_by_group(attendances, "focus", {pooled: None}), focus_order, suppress=True
        )
        forms.append(
            _shares_form(FIELD_SHARE, overall, published.ATT, "focus", {pooled: {}}, "split by period")
        )
    return forms


def protect_attendance_page(
    attendances: pd.DataFrame,
    people: pd.DataFrame,
    hub_users: pd.DataFrame,
    *,
    share: pd.DataFrame,
    by_period: Suppressed,
    by_event: pd.DataFrame,
    groups: Mapping[str, str | None],
    period_names: Mapping[str, str],
    focus_order: Sequence[str],
) -> ProtectedPage:
    """Every table of the page that can be protected, the rest withheld with a sentence.

    ``share`` is :func:`~pdu_analysis.tables.sector_share_table`; ``by_period`` the sector by
    period counts suppressed on their own (columns named by ``period_names``); ``by_event``
    :func:`~pdu_analysis.tables.sector_by_event_table` unflagged; ``groups`` maps each display
    label of the field-of-work shares to its period (None: all attendances).
    """
    base = published.attendance_publication(attendances, people, hub_users, focus_order)
    # The page's text gives these totals whatever else it publishes.
    for population, total in (
        (published.ATT, attendances),
        (published.PEOPLE, people),
        (published.HUB, hub_users),
    ):
        base.add(TOTALS, population, population, {}, len(total))
    per_person = events_per_person_table(people)
    hub = shares_table({"Hub users": hub_users["sector"]}, SECTOR_ORDER, suppress=True)
    periods = [p for p in period_names if p in set(attendances["period"])]

    def by_period_form(pub: Publication) -> Shown:
        def add(p: Publication) -> None:
            p.add_grid(
                BY_PERIOD,
                by_period.table,
                published.ATT,
                rows={i: {"sector": s} for i, s in by_period.table["sector"].items()},
                columns={period_names[q]: {"period": q} for q in periods},
            )

        return Shown(by_period, add)

    def events_form(pub: Publication) -> Shown:
        layout = event_layout.sector_by_event_layout(by_event, pub, period_names)
        return Shown(layout, layout.add_to)

    def field_form(pub: Publication) -> Shown | None:
        layout = published.field_by_sector_layout(attendances, focus_order, period_names, pub)
        return None if layout is None else Shown(layout, lambda p: layout.add_to(p, FIELD_BY_SECTOR))

    parts = [
        Part(
            PER_PERSON,
            "the count of people by events attended",
            [lambda pub: Shown(per_person, lambda p: published.add_events_per_person(p, per_person))],
        ),
        Part(
            SHARE,
            "the statutory share by period",
            [lambda pub: Shown(share, lambda p: published.add_sector_share(p, share))],
        ),
        Part(BY_PERIOD, "the table of attendances by sector and period", [by_period_form]),
        Part(
            FIELD_SHARE, "the field-of-work breakdown", _field_share_forms(attendances, focus_order, groups)
        ),
        Part(
            HUB,
            "the breakdown of hub users by sector",
            [_shares_form(HUB, hub, published.HUB, "sector", {"Hub users": {}})],
        ),
        Part(EVENTS, "the table of attendances by event and sector", [events_form]),
        Part(FIELD_BY_SECTOR, "the table of field of work by sector", [field_form]),
    ]
    return protect_page(base, parts, PRIORITY)
