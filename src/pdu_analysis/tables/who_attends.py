"""Every table the 'who attends' page (notebook 03) publishes, built and audited in one call.

The page's tables share totals, so they are built together, protected as one publication
(:func:`~pdu_analysis.tables.attendance_page.protect_attendance_page`) and audited once; the
events whose mix is hidden are drawn pooled per period only when the pool passes that audit too.
Kept here, not in the notebook, so the page reads as narrative and the orchestration is tested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import pandas as pd

from pdu_analysis.stats.association import ChiSquareResult, sector_by_period_test
from pdu_analysis.stats.disclosure import AuditResult, Publication, Suppressed, suppress_small
from pdu_analysis.tables import attendance_page as names
from pdu_analysis.tables import published
from pdu_analysis.tables.attendance import SECTOR_ORDER, sector_share_table
from pdu_analysis.tables.event_layout import EventLayout
from pdu_analysis.tables.events import hidden_events_pooled, sector_by_event_table
from pdu_analysis.tables.withhold import ProtectedPage

T = TypeVar("T")


def _shown(protected: ProtectedPage, name: str, kind: type[T]) -> T | None:
    """The printed value of table ``name`` (None when withheld), checked to be a ``kind``."""
    value = protected.get(name)
    if value is None:
        return None
    if not isinstance(value, kind):
        raise TypeError(f"{name} is a {type(value).__name__}, not a {kind.__name__}")
    return value


class _Shown(Generic[T]):
    """A published table of the page read by name: :func:`_shown` of the page's protected tables."""

    def __init__(self, name: str, kind: type[T]) -> None:
        self.name, self.kind = name, kind

    def __get__(self, page: WhoAttendsTables, owner: type | None = None) -> T | None:
        return _shown(page.protected, self.name, self.kind)


@dataclass(frozen=True)
class WhoAttendsTables:
    """The page's tables as published; a table is None where it is withheld."""

    share: pd.DataFrame
    """The statutory share, cumulative and by period (:func:`sector_share_table`)."""
    test: ChiSquareResult
    """The sector by period test, periods named by their labels."""
    protected: ProtectedPage
    pooled: pd.DataFrame | None
    """The hidden events pooled per period (empty when none is hidden; None when the per-event
    table is withheld)."""
    pools_shown: bool
    """True when the pools are published (they passed the page's audit)."""
    audit: AuditResult
    """The audit of everything the page publishes (it passed: a leak stops the build)."""

    per_person = _Shown(names.PER_PERSON, pd.DataFrame)
    by_period = _Shown(names.BY_PERIOD, Suppressed)
    focus = _Shown(names.FIELD_SHARE, pd.DataFrame)
    hub = _Shown(names.HUB, pd.DataFrame)
    event_layout = _Shown(names.EVENTS, EventLayout)
    field_layout = _Shown(names.FIELD_BY_SECTOR, published.Layout)


def _by_period_counts(
    attendances: pd.DataFrame, periods: Sequence[str], period_names: Mapping[str, str]
) -> tuple[ChiSquareResult, Suppressed]:
    """The sector by period test and its counts, small ones suppressed on their own."""
    labelled = attendances.assign(period=attendances["period"].map(period_names))
    test = sector_by_period_test(labelled, "sector", "period")
    columns = [period_names[p] for p in periods]
    observed = test.observed.reindex(columns=columns).reset_index()
    return test, suppress_small(observed, columns, protect_columns=True)


def _with_pools(
    page: Publication, layout: EventLayout | None, attendances: pd.DataFrame
) -> tuple[Publication, pd.DataFrame | None, bool]:
    """The publication with the hidden events' pools added when they pass its audit too."""
    if layout is None:
        return page, None, False
    by_event = layout.flagged
    pooled = hidden_events_pooled(by_event, attendances)
    if not len(pooled) or pooled["small"].any():
        return page, pooled, False
    with_pools = page.copy()
    published.add_hidden_pools(with_pools, pooled, [s for s in SECTOR_ORDER if s in by_event.columns])
    if with_pools.audit().passed:
        return with_pools, pooled, True
    return page, pooled, False


def who_attends_tables(
    tidy: Mapping[str, pd.DataFrame],
    *,
    periods: Sequence[str],
    period_names: Mapping[str, str],
    groups: Mapping[str, str | None],
    focus_order: Sequence[str],
    interim_cutoff: str,
) -> WhoAttendsTables:
    """Every table of the page, protected and audited together.

    ``tidy`` holds the tidy tables (attendances, people, events, hub_users); ``periods`` the
    periods in order and ``period_names`` their labels; ``groups`` maps each label of the
    field-of-work shares to its period (None: all attendances). Raises
    :class:`~pdu_analysis.stats.disclosure.DisclosureError` when a hidden count could be worked
    out from what the page publishes.
    """
    attendances = tidy["attendances"]
    share = sector_share_table(attendances, "statutory", interim_cutoff=interim_cutoff)
    test, by_period = _by_period_counts(attendances, periods, period_names)
    protected = names.protect_attendance_page(
        attendances,
        tidy["people"],
        tidy["hub_users"],
        share=share,
        by_period=by_period,
        by_event=sector_by_event_table(attendances, tidy["events"], suppress=False),
        groups=groups,
        period_names=period_names,
        focus_order=focus_order,
    )
    layout = _shown(protected, names.EVENTS, EventLayout)
    page, pooled, pools_shown = _with_pools(protected.publication, layout, attendances)
    audit = page.audit().enforce()  # a hidden count a reader could work out stops the build here
    return WhoAttendsTables(share, test, protected, pooled, pools_shown, audit)
