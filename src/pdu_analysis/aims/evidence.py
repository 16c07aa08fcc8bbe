"""The evidence for each of the PDU's aims: ``data/reference/aims.csv`` turned into tables.

The aims table names, for every aim, the indicators that bear on it: a headline measure and
round (``took_action.final``, a row of :func:`pdu_analysis.tables.build_headline`), a change
(``statutory_share.change``, the disjoint periods compared with every clustering check of
:mod:`pdu_analysis.stats.robustness`) or an interview theme (``links.interviews``, from the theme
shares of the coded interviews). Each indicator gets its k of n, interval, base, whether the
report published it or the reconstruction assumed it, and a strength word
(:mod:`pdu_analysis.stats.strength`). An indicator the data in hand cannot give (another
programme's rounds) is listed as "not in these data" and rated none; nothing is borrowed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pdu_analysis import measures, paths, stats
from pdu_analysis.errors import PDUInputError
from pdu_analysis.paths import REFERENCE_DIR
from pdu_analysis.qual.pooled import pooled_theme_counts
from pdu_analysis.reference import text_table
from pdu_analysis.stats import robustness, strength
from pdu_analysis.wording.numbers import interval_text, k_of_n_text, points_text, share_text

AIMS_FILE = REFERENCE_DIR / paths.AIMS_FILE
AIM_COLUMNS = ["aim", "order", "heading", "aim_text", "indicator", "kind", "label", "published", "interviews"]
KINDS = ("headline", "change", "theme")
INTERVIEWS = "interviews"
"""The theme-shares ``survey`` value of the coded interview notes."""

EVIDENCE_COLUMNS = ["Indicator", "Figure", "95% interval", "Base", "Source", "Strength"]


def load_aims(path: Path = AIMS_FILE) -> pd.DataFrame:
    """The aims table, checked: known columns and kinds, ids of the form ``measure.round``."""
    table = text_table(path)
    missing = [c for c in AIM_COLUMNS if c not in table.columns]
    if missing:
        raise PDUInputError(f"columns {missing} missing (expected {AIM_COLUMNS})", file=str(path))
    for row_number, row in enumerate(table.itertuples(index=False), start=2):
        if row.kind not in KINDS:
            raise PDUInputError(
                f"row {row_number}, column 'kind': {row.kind!r} is not one of {list(KINDS)}", file=str(path)
            )
        if row.indicator.count(".") != 1:
            raise PDUInputError(
                f"row {row_number}, column 'indicator': {row.indicator!r} is not of the form measure.round",
                file=str(path),
            )
    return table.assign(order=table["order"].astype(int)).sort_values(["order", "aim"], kind="stable")


@dataclass(frozen=True)
class Indicator:
    """One indicator's computed value, as the evidence table and the conclusions read it."""

    id: str
    aim: str
    kind: str
    label: str
    published: bool
    available: bool
    count: int | None = None
    base: int | None = None
    percent: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    diff: float | None = None
    rating: str = "none"
    text: str = "not in these data"
    extra: dict = field(default_factory=dict)

    def known(self, name: str) -> float:
        """The numeric field ``name`` (count, base, percent, ci_low, ci_high, diff), which an
        available indicator of its kind has; an error naming the indicator when it is missing."""
        value = getattr(self, name)
        if value is None:
            raise PDUInputError(f"indicator {self.id}: its {name} was not computed")
        return float(value)

    def source(self, synthetic: bool) -> str:
        if not synthetic:
            return "computed from the data"
        return "published by the report" if self.published else "assumed by the reconstruction"


def _share_indicator(k: int, n: int, rating: str, text: str) -> dict:
    """An indicator's row for k of n: counts, Wilson interval, rating and wording."""
    share = stats.proportion(k, n)
    return {
        "available": True,
        "count": k,
        "base": n,
        "percent": share.percent,
        "ci_low": share.ci_low,
        "ci_high": share.ci_high,
        "rating": rating,
        "text": text,
    }


def _headline_indicator(row, headline: pd.DataFrame, interview_count: int | None) -> dict:
    measure, wave = row.indicator.split(".")
    found = headline[(headline["measure"] == measure) & (headline["wave"] == wave)]
    if found.empty or pd.isna(found.iloc[0]["base"]) or int(found.iloc[0]["base"]) == 0:
        return {"available": False}
    hit = found.iloc[0]
    k, n = int(hit["count"]), int(hit["base"])
    return _share_indicator(
        k, n, strength.rate_share(k, n, interview_count=interview_count), share_text(k, n)
    )


def _theme_indicator(row, themes: pd.DataFrame) -> dict:
    theme, _ = row.indicator.split(".")
    pooled = pooled_theme_counts(themes[(themes["survey"] == INTERVIEWS) & (themes["theme"] == theme)])
    if pooled.empty or int(pooled["base"].sum()) == 0:
        return {"available": False}
    k, n = int(pooled["count"].sum()), int(pooled["base"].sum())
    # interviews illustrate: a theme raised is weak evidence on its own, never more
    return _share_indicator(k, n, "weak" if k > 0 else "none", f"{k_of_n_text(k, n)} interviewees")


def _change_indicator(row, attendances: pd.DataFrame) -> dict:
    measure, _ = row.indicator.split(".")
    sector = measure.removesuffix("_share")
    periods = measures.periods_in_order(attendances)
    if len(periods) < 2 or sector not in set(attendances["sector"]):
        return {"available": False}
    first, second = periods[0], periods[-1]
    checks = robustness.change_checks(attendances, first=first, second=second, success=sector)
    summary = robustness.summarise(checks, held_on=robustness.event_dates(attendances))
    lead = checks[checks["kind"] == "person"].iloc[0]
    k1 = int(((attendances["period"] == first) & (attendances["sector"] == sector)).sum())
    n1 = int((attendances["period"] == first).sum())
    k2 = int(((attendances["period"] == second) & (attendances["sector"] == sector)).sum())
    n2 = int((attendances["period"] == second).sum())
    diff = float(lead["diff"])
    return {
        "available": True,
        "count": k2,
        "base": n1 + n2,
        "diff": diff,
        "ci_low": float(lead["ci_low"]),
        "ci_high": float(lead["ci_high"]),
        "rating": summary.rating,
        "text": f"{share_text(k1, n1)} then {share_text(k2, n2)}",
        "extra": {
            "checks": checks,
            "summary": summary,
            "first": first,
            "second": second,
            "compact": f"{share_text(k1, n1, interval=False)} then {share_text(k2, n2, interval=False)}",
        },
    }


def _interview_counts(themes: pd.DataFrame) -> dict[str, int] | None:
    rows = themes[themes["survey"] == INTERVIEWS] if len(themes) else themes
    if rows is None or rows.empty:
        return None
    return rows.groupby("theme")["count"].sum().astype(int).to_dict()


def indicators(
    aims: pd.DataFrame, tidy: dict[str, pd.DataFrame], themes: pd.DataFrame
) -> dict[str, Indicator]:
    """Every indicator of the aims table, computed from the data in hand, by id."""
    from pdu_analysis.tables import build_headline

    headline = build_headline(tidy)
    counts = _interview_counts(themes)
    found: dict[str, Indicator] = {}
    for row in aims.itertuples(index=False):
        if row.kind == "headline":
            corroboration = None if counts is None or not row.interviews else counts.get(row.interviews, 0)
            values = _headline_indicator(row, headline, corroboration)
        elif row.kind == "theme":
            values = _theme_indicator(row, themes)
        else:
            values = _change_indicator(row, tidy["attendances"])
        found[row.indicator] = Indicator(
            id=row.indicator,
            aim=row.aim,
            kind=row.kind,
            label=row.label,
            published=bool(row.published),
            **values,
        )
    return found


def aim_rating(aim: str, found: dict[str, Indicator]) -> str:
    """An aim's strength: the strength at least two of its indicators reach (one, if it has one).

    One strong figure alone does not make an aim's evidence strong; a second line of evidence at
    that strength does (docs/assumptions.md, "Strength of evidence").
    """
    words = sorted((i.rating for i in found.values() if i.aim == aim), key=strength.RATINGS.index)
    if not words:
        return "none"
    return words[-2] if len(words) >= 2 else words[-1]


def _interval(indicator: Indicator) -> str:
    if not indicator.available or indicator.ci_low is None or not math.isfinite(indicator.ci_low):
        return "–"
    if indicator.kind == "change":
        low, high = indicator.known("ci_low"), indicator.known("ci_high")
        return f"{points_text(low, '')} to {points_text(high, 'point')}"
    return interval_text(indicator.ci_low, indicator.ci_high)


def _figure(indicator: Indicator) -> str:
    if not indicator.available:
        return indicator.text
    if indicator.kind == "change":
        return f"{indicator.extra['compact']}: {points_text(indicator.known('diff'), 'point', signed=True)}"
    if indicator.kind == "theme":
        return indicator.text
    return share_text(int(indicator.known("count")), int(indicator.known("base")), interval=False)


def evidence_table(aim: str, found: dict[str, Indicator], synthetic: bool) -> pd.DataFrame:
    """The evidence table of one aim, in the aims table's order, as a reader sees it."""
    rows = [
        {
            "Indicator": i.label,
            "Figure": _figure(i),
            "95% interval": _interval(i),
            "Base": "–" if i.base is None else str(i.base),
            "Source": i.source(synthetic) if i.available else "–",
            "Strength": i.rating,
        }
        for i in found.values()
        if i.aim == aim
    ]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def evidence_records(found: dict[str, Indicator], synthetic: bool) -> pd.DataFrame:
    """Every indicator as one flat row, for ``reports/tables``."""
    rows = [
        {
            "aim": i.aim,
            "indicator": i.id,
            "kind": i.kind,
            "available": i.available,
            "count": i.count,
            "base": i.base,
            "percent": i.percent,
            "diff": i.diff,
            "ci_low": i.ci_low,
            "ci_high": i.ci_high,
            "source": i.source(synthetic) if i.available else "",
            "strength": i.rating,
        }
        for i in found.values()
    ]
    table = pd.DataFrame(rows)
    for column in ("count", "base"):
        table[column] = table[column].astype("Int64")
    for column in ("percent", "diff", "ci_low", "ci_high"):
        table[column] = pd.to_numeric(table[column]).astype(float)
    return table
