"""Does a change in a share of attendances hold however the attendances cluster?

The lead test of a change between two periods (:func:`compare_periods_clustered`) treats people
as the clusters. Attendances also cluster in events: one event with an unusual audience moves a
period's share on its own. A claim about attendances therefore states how robust it is to every
clustering the data allow, and the weakest sets its words (docs/assumptions.md, "Strength of
evidence"):

- by person (the lead test, closed-form independence GEE, normal reference);
- by event, with the small-sample correction (CR1 factor and a t reference on G - 1 degrees of
  freedom, statsmodels' ``cov_type="cluster"``);
- two-way, person and event (statsmodels' two-group cluster-robust covariance, same correction);
- by person with each single event left out in turn.

The difference is p2 - p1 in every check: a linear probability model of the outcome on "in the
second period" gives exactly the difference of the two shares, so only the variance changes.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS

from pdu_analysis.calendar_words import day_text
from pdu_analysis.stats.clustered_compare import compare_periods_clustered
from pdu_analysis.stats.conventions import ALPHA
from pdu_analysis.stats.verdict import EVIDENCE_WORDS

SUGGESTIVE = 0.10
"""A check whose p is below this (and whose change points the same way) still supports the change."""

CHECK_COLUMNS = [
    "check",
    "kind",
    "left_out",
    "n",
    "clusters",
    "diff",
    "ci_low",
    "ci_high",
    "p_value",
    "holds",
]

RATINGS = ("none", "weak", "moderate", "strong")
"""Strength words from weakest to strongest (the same scale as :mod:`pdu_analysis.stats.strength`)."""


def _ols_check(y: np.ndarray, later: np.ndarray, groups: np.ndarray, alpha: float) -> tuple:
    """(diff, low, high, p) in points from OLS on "later", cluster-robust with the small-sample correction."""
    design = np.column_stack([np.ones(len(y)), later.astype(float)])
    columns = groups.reshape(len(y), -1)
    if len(y) <= design.shape[1] or min(len(np.unique(c)) for c in columns.T) < 2:
        return 100 * float(y[later].mean() - y[~later].mean()), math.nan, math.nan, math.nan
    with warnings.catch_warnings():
        # a two-way variance can be negative in tiny data: its p is then NaN, reported as untested
        warnings.simplefilter("ignore")
        fit = OLS(y, design).fit(
            cov_type="cluster", cov_kwds={"groups": groups, "use_correction": True}, use_t=True
        )
        diff = float(fit.params[1])
        low, high = (float(v) for v in np.asarray(fit.conf_int(alpha=alpha))[1])
        p_value = float(fit.pvalues[1])
    if not math.isfinite(p_value):
        return 100 * diff, math.nan, math.nan, math.nan
    return 100 * diff, 100 * low, 100 * high, p_value


def _holds(diff: float, low: float, high: float, p_value: float, alpha: float) -> bool:
    return bool(math.isfinite(p_value) and p_value < alpha and (low > 0 or high < 0))


def change_checks(
    attendances: pd.DataFrame,
    *,
    first: str,
    second: str,
    success: object = "statutory",
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """Every clustering check of the change from ``first`` to ``second``, one row each.

    ``attendances`` is the tidy table (columns ``sector``, ``period``, ``person_id``, ``event_id``).

    ``kind`` is ``person``, ``event``, ``person_event`` or ``leave_one_out`` (``left_out`` names the
    event dropped); ``holds`` is True when the check's p is below ``alpha`` and its interval excludes
    no change.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> att = pd.DataFrame({"period": ["a"] * 40 + ["b"] * 40,
    ...                     "event_id": np.repeat([f"E{i}" for i in range(8)], 10),
    ...                     "person_id": [f"p{i % 30}" for i in range(80)],
    ...                     "sector": ["statutory" if v else "voluntary"
    ...                                for v in rng.random(80) < np.repeat([.2, .3], 40)]})
    >>> checks = change_checks(att, first="a", second="b")
    >>> list(checks["kind"].unique())
    ['person', 'event', 'person_event', 'leave_one_out']
    >>> int((checks["kind"] == "leave_one_out").sum())
    8
    """
    outcome_col, period_col, person_col, event_col = "sector", "period", "person_id", "event_id"
    missing = [c for c in (outcome_col, period_col, person_col, event_col) if c not in attendances.columns]
    if missing:
        raise KeyError(f"columns not in the data: {missing}")
    subset = attendances[attendances[period_col].isin([first, second])].reset_index(drop=True)
    y = (subset[outcome_col] == success).to_numpy(dtype=float)
    later = (subset[period_col] == second).to_numpy()
    person = subset[person_col].astype("category").cat.codes.to_numpy()
    event = subset[event_col].astype("category").cat.codes.to_numpy()
    rows = []

    def add(check: str, kind: str, left_out: str, n: int, clusters: int, diff, low, high, p) -> None:
        rows.append(
            {
                "check": check,
                "kind": kind,
                "left_out": left_out,
                "n": n,
                "clusters": clusters,
                "diff": diff,
                "ci_low": low,
                "ci_high": high,
                "p_value": p,
                "holds": _holds(diff, low, high, p, alpha),
            }
        )

    def person_test(frame: pd.DataFrame):
        c = compare_periods_clustered(
            frame,
            first=first,
            second=second,
            outcome_col=outcome_col,
            success=success,
            period_col=period_col,
            cluster_col=person_col,
            alpha=alpha,
        )
        return c.diff, c.ci_low, c.ci_high, c.p_value

    n_people, n_events = int(len(set(person))), int(len(set(event)))
    add("by person", "person", "", len(y), n_people, *person_test(subset))
    add("by event", "event", "", len(y), n_events, *_ols_check(y, later, event, alpha))
    add(
        "by person and event",
        "person_event",
        "",
        len(y),
        n_events,
        *_ols_check(y, later, np.column_stack([person, event]), alpha),
    )
    for left_out in sorted(subset[event_col].astype(str).unique()):
        kept = subset[subset[event_col].astype(str) != left_out]
        periods = set(kept[period_col])
        if first not in periods or second not in periods:
            add(f"without {left_out}", "leave_one_out", left_out, len(kept), 0, *(math.nan,) * 4)
            continue
        clusters = int(kept[person_col].nunique())
        add(f"without {left_out}", "leave_one_out", left_out, len(kept), clusters, *person_test(kept))
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


@dataclass(frozen=True)
class Robustness:
    """How a change fares under every clustering check, and the strength word the weakest gives."""

    rating: str
    checks: int
    held: int
    weakest: str
    weakest_p: float
    weakest_diff: float
    primary_holds: bool

    def clause(self) -> str:
        """What follows "the change" in a sentence: how it fares in the checks, in plain words.

        >>> Robustness("moderate", 22, 21, "without one event (E17)", 0.084, 7.6, True).clause()[-55:]
        '), though without one event (E17) it is suggestive only'
        """
        ways = "(by person, by event, both, and with each event left out in turn)"
        if not self.primary_holds:
            return f"is not {EVIDENCE_WORDS} once people who came more than once are allowed for"
        if self.rating == "strong":
            return f"holds in all {self.checks} checks of how attendances group {ways}"
        shaky = "it is suggestive only" if self.rating == "moderate" else f"it is not {EVIDENCE_WORDS}"
        return (
            f"holds in {self.held} of {self.checks} checks of how attendances group {ways}, though "
            f"{self.weakest} {shaky}"
        )

    def sentence(self, what: str = "the change") -> str:
        """The clause as a sentence with its strength word, for readers."""
        return f"{what[0].upper()}{what[1:]} {self.clause()}: the evidence is {self.rating}."


def event_dates(attendances: pd.DataFrame, event_col: str = "event_id", date_col: str = "event_date") -> dict:
    """Event id -> the day it was held, as a reader says it ("11 December 2018"); {} without dates.

    A reader knows an event by when it was held, not by the register's id.
    """
    if date_col not in attendances.columns or attendances.empty:
        return {}
    days = pd.to_datetime(attendances[date_col], errors="coerce")
    first = days.groupby(attendances[event_col].astype(str)).min().dropna()
    return {event: day_text(day) for event, day in first.items()}


def summarise(checks: pd.DataFrame, alpha: float = ALPHA, held_on: dict | None = None) -> Robustness:
    """The strength the weakest check allows (docs/assumptions.md, "Strength of evidence").

    - ``strong``: every check holds;
    - ``moderate``: the lead (by person) test holds and every other check has p < 0.10 with the
      change in the same direction;
    - ``weak``: the lead test holds but some check has p >= 0.10, or reverses the direction;
    - ``none``: the lead test does not hold.

    ``held_on`` (:func:`event_dates`) names a left-out event by its day for readers.
    """
    primary = checks[checks["kind"] == "person"].iloc[0]
    tested = checks[checks["p_value"].notna()]
    held = int(tested["holds"].sum())
    ranked = tested.assign(p=tested["p_value"]).sort_values(["p", "check"], ascending=[False, True])
    worst = ranked.iloc[0]
    same_way = bool((np.sign(tested["diff"]) == np.sign(primary["diff"])).all())
    if not bool(primary["holds"]):
        rating = "none"
    elif held == len(tested):
        rating = "strong"
    elif same_way and bool((tested["p_value"] < SUGGESTIVE).all()):
        rating = "moderate"
    else:
        rating = "weak"
    return Robustness(
        rating=rating,
        checks=len(tested),
        held=held,
        weakest=_weakest_phrase(worst, held_on or {}),
        weakest_p=float(worst["p_value"]),
        weakest_diff=float(worst["diff"]),
        primary_holds=bool(primary["holds"]),
    )


def _weakest_phrase(row: pd.Series, held_on: dict) -> str:
    if row["kind"] == "leave_one_out":
        day = held_on.get(str(row["left_out"]))
        which = f"the one held on {day}" if day else str(row["left_out"])
        return f"without one event ({which}; a change of {row['diff']:.1f} points)"
    return {
        "person": "by person",
        "event": "grouped by event",
        "person_event": "grouped by person and event",
    }[row["kind"]]


def change_robustness(attendances: pd.DataFrame, *, first: str, second: str, success: object) -> Robustness:
    """:func:`summarise` of :func:`change_checks`: the one call pages and the aims table make."""
    checks = change_checks(attendances, first=first, second=second, success=success)
    return summarise(checks, held_on=event_dates(attendances))
