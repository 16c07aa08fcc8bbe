"""Publish every table of a page that can be protected; withhold the rest and say why.

Two rules hold at once: no hidden count may be recoverable from what a page publishes (the
audit, enforced), and no page may stop on data that passed validation. On small data no
suppression layout may protect some table, so :func:`protect_page` first tries the page as
designed (every table, in the order it is built); only when that fails the audit does it add the
tables one at a time, most useful first, each in its first form the audit passes with the tables
already kept (a table may offer less detailed forms), and withholds a table with no such form.
The result says, in computed sentences, what was withheld or shortened and why.

>>> import pandas as pd
>>> from pdu_analysis.stats.disclosure import Publication
>>> base = Publication()
>>> base.add_population("att", pd.DataFrame({"s": ["a", "a", "b"]}), {"s": ["a", "b"]})
>>> def total(pub):  # the total of "att", printed
...     return Shown(3, lambda p: p.add("t_total", "all", "att", {}, 3))
>>> def split(pub):  # "a" hidden: beside the total 3 it cannot be 4
...     return Shown("<5", lambda p: p.add("t_split", "a", "att", {"s": "a"}, "<5"))
>>> page = protect_page(base, [Part("t_total", "the total", [total]), Part("t_split", "the split", [split])])
>>> page.get("t_total"), page.get("t_split"), page.audit.passed
(3, None, True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pdu_analysis.stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW
from pdu_analysis.stats.disclosure import Publication
from pdu_analysis.stats.disclosure.audit import AuditResult


@dataclass(frozen=True)
class Shown:
    """One form of a table: what the page prints (``value``) and how its figures are added."""

    value: object
    add: Callable[[Publication], None]
    note: str | None = None
    """For a less detailed form: what it leaves out, as a clause ("split by period")."""


@dataclass(frozen=True)
class Part:
    """One table of a page and its forms, most detailed first.

    A form is called with the page built so far (so a layout can be chosen with it in view) and
    returns a :class:`Shown`, or None when it cannot be built at all.
    """

    table: str
    what: str
    """How a reader knows the table: "the table of attendances by sector and period"."""
    forms: Sequence[Callable[[Publication], Shown | None]]


@dataclass(frozen=True)
class ProtectedPage:
    """The page as published: its figures, the value of each table kept, and what was withheld."""

    publication: Publication
    shown: Mapping[str, object]
    withheld: Mapping[str, str]
    """Table -> the sentence saying it is withheld and why."""
    shortened: Mapping[str, str] = field(default_factory=dict)
    """Table -> the sentence saying which detail was left out and why."""

    @property
    def audit(self) -> AuditResult:
        return self.publication.audit()

    def get(self, table: str) -> object | None:
        """The printed value of ``table``, or None when it is withheld."""
        return self.shown.get(table)

    def sentence(self, table: str) -> str | None:
        """Why ``table`` is withheld or shortened (None when it is published as designed)."""
        return self.withheld.get(table) or self.shortened.get(table)

    @property
    def sentences(self) -> list[str]:
        """Every withheld or shortened table's sentence, in the order the tables were given."""
        return [s for t in (*self.withheld, *self.shortened) if (s := self.sentence(t))]


def withheld_sentence(what: str) -> str:
    """Why a table is not published (true of any data on which no form passed the audit)."""
    return (
        f"{what[0].upper()}{what[1:]} is not published: with these numbers no layout keeps small "
        f"counts ({DISCLOSURE_LOW} to {DISCLOSURE_HIGH}) from being worked out from the other "
        "tables on this page."
    )


def shortened_sentence(what: str, note: str) -> str:
    """Why a table is published without some detail."""
    return (
        f"{what[0].upper()}{what[1:]} is not {note}: with these numbers no layout of that detail "
        f"keeps small counts ({DISCLOSURE_LOW} to {DISCLOSURE_HIGH}) from being worked out from "
        "the other tables on this page."
    )


def _as_designed(base: Publication, parts: Sequence[Part]) -> ProtectedPage | None:
    """Every table in its first form, in the order given; None unless the audit passes."""
    page, shown, withheld = base.copy(), {}, {}
    for part in parts:
        got = part.forms[0](page) if part.forms else None
        if got is None:
            withheld[part.table] = withheld_sentence(part.what)
            continue
        got.add(page)
        shown[part.table] = got.value
    if not page.audit().passed:
        return None
    return ProtectedPage(page, shown, withheld)


def protect_page(
    base: Publication, parts: Sequence[Part], priority: Sequence[str] | None = None
) -> ProtectedPage:
    """The page with every table the audit lets it keep (see the module doc).

    ``base`` holds the populations; ``parts`` are in the order the page builds them, and
    ``priority`` (table names, most useful first; default the same order) is the order in which
    they are kept when not all can be. The audit of the result passes by construction.
    """
    designed = _as_designed(base, parts)
    if designed is not None:
        return designed
    rank = {t: i for i, t in enumerate(priority or [])}
    ordered = sorted(parts, key=lambda p: rank.get(p.table, len(rank)))
    page, shown, withheld, shortened = base.copy(), {}, {}, {}
    for part in ordered:
        for form in part.forms:
            trial = page.copy()
            got = form(trial)
            if got is None:
                continue
            got.add(trial)
            if trial.audit().passed:
                page, shown[part.table] = trial, got.value
                if got.note:
                    shortened[part.table] = shortened_sentence(part.what, got.note)
                break
        else:
            withheld[part.table] = withheld_sentence(part.what)
    order = [p.table for p in parts]
    return ProtectedPage(
        page,
        {t: shown[t] for t in order if t in shown},
        {t: withheld[t] for t in order if t in withheld},
        {t: shortened[t] for t in order if t in shortened},
    )
