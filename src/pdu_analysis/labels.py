"""Names a reader sees for periods, rounds, reports and measures: one vocabulary for every page.

A period is a span of attendance dates (to a cut-off, between two, after the last); a round is
one follow-up survey export. Both are named from ``data/reference/waves.csv`` and the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd

from pdu_analysis import measures
from pdu_analysis.calendar_words import day_text, month_span
from pdu_analysis.reference import waves_by_cutoff

MEASURE_LABELS = {
    "attendances": "Attendances at learning events",
    "individuals": "Individuals who attended",
    "learning_events": "Learning events held",
    "statutory_share": "Attendances from the statutory sector",
    "voluntary_share": "Attendances from the voluntary sector",
    "took_action": "Took action as a result of PDU events (follow-up)",
    "made_contact": "Made contact with someone met at an event (follow-up)",
    "outcomes_improved": "Aware of improved outcomes for service users (follow-up)",
    "effective_very": "Think the events a very effective way to change practice (follow-up)",
    "hub_aware": "Aware of the PDU online hub (follow-up)",
    "understanding_much_greater": "Much greater understanding of the topic (post-event)",
    "awareness_much_greater": "Much greater awareness of the issues (post-event)",
    "intend_change": "Intend to change practice (post-event)",
    "hub_users": "Registered users of the online hub",
    "hub_voluntary_share": "Hub users from the voluntary sector",
}


ATTENDANCE_MEASURES = {"attendances", "individuals", "learning_events", "statutory_share", "voluntary_share"}
"""Measures counted over attendances: their 'wave' is a reporting period, cumulative to it."""


def wave_label(measure: str, wave: str, survey_labels: dict[str, str]) -> str:
    """How a reader should read the wave column for this measure."""
    if wave == "all":
        return "All responses" if measure not in ("hub_users", "hub_voluntary_share") else "All"
    if wave == "after_cutoff":
        return "After the interim cut-off only"
    if measure in ATTENDANCE_MEASURES:
        if wave.startswith("after_"):
            return f"To date (after the {wave[len('after_') :]} report, cumulative)"
        return f"To the {wave} report (cumulative)"
    return survey_labels.get(wave, wave)


def survey_wave_labels() -> dict[str, str]:
    """Wave code to the label readers know ('final' to 'Final (January 2019)'), from waves.csv
    (:func:`pdu_analysis.reference.waves`: a broken table is an error naming it)."""
    from pdu_analysis.reference import waves

    table = waves()
    return {w: label for w, label in zip(table["wave"], table["label"], strict=True) if w and label}


PERIOD_ALL = "all"
"""Group label for figures pooled over every period."""


def cutoff_date(cutoff: str | date) -> date:
    return cutoff if isinstance(cutoff, date) else date.fromisoformat(str(cutoff))


def period_labels(periods: Iterable[str], interim_cutoff: str | date) -> dict[str, str]:
    """Reader-facing names of periods, e.g. ``{"interim": "To 30 June 2018"}``.

    A period is named from its place among the waves of ``data/reference/waves.csv``, not from
    its place in ``periods``, so a survey answered only after the cut-off is still "After ...".
    The first wave's cut-off is ``interim_cutoff`` (the notebook parameter); a period after the
    last wave (``after_final``) is "After" that wave's cut-off.
    """
    waves = waves_by_cutoff()
    names = list(waves["wave"])
    later = waves["attendance_cutoff"].iloc[1:]
    cuts = [cutoff_date(interim_cutoff), *(cutoff_date(c) for c in later)]
    words = {
        "first": lambda i: f"To {day_text(cuts[0])}",
        "last": lambda i: f"After {day_text(cuts[i - 1])}",
        "between": lambda i: f"{day_text(cuts[i - 1])} to {day_text(cuts[i])}",
        "after": lambda i: f"After {day_text(cuts[-1])}",
    }
    return _by_place(periods, names, words, lambda p: p.replace("_", " ").capitalize())


def _by_place(periods: Iterable[str], names: list[str], words: dict, other) -> dict[str, str]:
    """Each period named by ``words`` for its place among the waves (:func:`period_place`), else ``other``."""
    named = {}
    for p in periods:
        place, i = period_place(p, names)
        named[p] = words[place](i) if place else other(p)
    return named


def period_place(period: str, waves: Sequence[str]) -> tuple[str | None, int]:
    """Where a period sits among the waves in cut-off order: ``("first", 0)``, ``("between", i)``,
    ``("last", i)`` (the last wave's own period), ``("after", n)`` (after the last cut-off), or
    ``(None, -1)`` for a period the waves do not name. One rule for every way periods are named.

    >>> [period_place(p, ["interim", "final"]) for p in ("interim", "final", "after_final", "x")]
    [('first', 0), ('last', 1), ('after', 2), (None, -1)]
    """
    names = list(waves)
    if period in names:
        i = names.index(period)
        return ("first" if i == 0 else "last" if i == len(names) - 1 else "between"), i
    if names and period == f"after_{names[-1]}":
        return "after", len(names)
    return None, -1


def period_phrases(periods: Iterable[str]) -> dict[str, str]:
    """Periods as a sentence names them, from the waves of ``data/reference/waves.csv``.

    The first period is "to the interim cut-off", the last "after the interim cut-off" (with
    two waves), one between "between the interim and final cut-offs": each wave by the first word
    of its waves.csv label, lower case; the index glossary gives the dates once.
    """
    names = list(waves_by_cutoff()["wave"])
    known = survey_wave_labels()
    short = [known[w].split(" (")[0].lower() if w in known else w.replace("_", " ") for w in names]
    words = {
        "first": lambda i: f"to the {short[0]} cut-off",
        "last": lambda i: f"after the {short[i - 1]} cut-off",
        "between": lambda i: f"between the {short[i - 1]} and {short[i]} cut-offs",
        "after": lambda i: f"after the {short[-1]} cut-off",
    }
    return _by_place(periods, names, words, lambda p: f"in the {p.replace('_', ' ')} period")


def report_labels(periods: Sequence[str]) -> dict[str, str]:
    """The report that first counted each period (``data/reference/waves.csv``), else the round's
    label, else the period's name."""
    waves = waves_by_cutoff()
    known = {
        w: r or label for w, r, label in zip(waves["wave"], waves["report"], waves["label"], strict=True)
    }
    return {p: known.get(p) or p.replace("_", " ").capitalize() for p in periods}


def slug(text: str) -> str:
    """Lower-case identifier from an option's text.

    Examples
    --------
    >>> slug("Online platform (hub)")
    'online_platform_hub'
    """
    return re.sub(r"[^a-z0-9]+", "_", str(text).casefold()).strip("_")


def wave_labels(responses: pd.DataFrame, survey: str) -> dict[str, str]:
    """Each wave with the months its responses span, e.g. ``{"interim": "interim (June 2018)"}``."""
    subset = responses[responses["survey"] == survey]
    days = pd.to_datetime(subset["responded_on"])
    labels = {}
    for wave in measures.waves_in_order(responses, survey):
        span = days[subset["wave"] == wave]
        labels[wave] = f"{wave} ({month_span(span.min(), span.max())})"
    return labels


def round_labels(responses: pd.DataFrame, survey: str = "follow_up") -> dict[str, str]:
    """Each survey round as readers know it: its ``data/reference/waves.csv`` label when listed
    ("Final (January 2019)"), else the round with the months its responses span."""
    known = survey_wave_labels()
    spans = wave_labels(responses, survey)
    return {w: known.get(w, spans[w]) for w in spans}


def sentence_names(names: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """:func:`comparison_names` shortened for use inside a sentence's brackets: a round by the
    first word of its waves.csv label ("final"), a round not listed by its code, a period in lower
    case ("to 30 June 2018")."""
    known = survey_wave_labels()
    return {
        "follow_up": {w: known[w].split(" (")[0].lower() if w in known else w for w in names["follow_up"]},
        "post_event": {p: n[:1].lower() + n[1:] for p, n in names["post_event"].items()},
        "attendances": dict(names["attendances"]),
    }


def comparison_names(responses: pd.DataFrame, interim_cutoff: str | date) -> dict[str, dict[str, str]]:
    """Names of the groups compared, by source: follow-up rounds, post-event periods (by date) and
    attendance periods (as a sentence names them, "to the interim cut-off")."""
    post = measures.waves_in_order(responses, "post_event")
    waves = list(waves_by_cutoff()["wave"])
    return {
        "follow_up": round_labels(responses, "follow_up"),
        "post_event": period_labels(post, interim_cutoff),
        "attendances": period_phrases([*waves, f"after_{waves[-1]}", *post]),
    }


def period_spans(attendances: pd.DataFrame) -> dict[str, str]:
    """Each attendance period as the months of its events, e.g. ``"October 2017–June 2018"``."""
    return {p: _period_span(attendances, [p]) for p in measures.periods_in_order(attendances)}


def _period_span(attendances: pd.DataFrame, periods: list[str]) -> str:
    days = pd.to_datetime(attendances.loc[attendances["period"].isin(periods), "event_date"])
    return month_span(days.min(), days.max())
