"""Tables about who attends: shares by sector and period, events per person, field of work,
sector mix per event and Communities of Practice. Counts and bases, never rounded, zeros kept.

Each table a page shows is built once here; charts, sentences and CSVs all read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import pandas as pd

from pdu_analysis import measures, stats
from pdu_analysis.labels import PERIOD_ALL, _period_span, period_labels, period_spans, report_labels
from pdu_analysis.stats import proportion, sector_share_clustered
from pdu_analysis.stats.clustered import COLUMNS as CLUSTERED_COLUMNS
from pdu_analysis.stats.conventions import (
    DISCLOSURE_HIGH,
    DISCLOSURE_LOW,
)
from pdu_analysis.vocabulary import SECTORS
from pdu_analysis.wording.numbers import share_text

SECTOR_ORDER = ("statutory", "voluntary", "private")


GROUP_SHARE_COLUMNS = ["group", "label", "count", "base", "percent", "ci_low", "ci_high", "suppressed"]


def shares_table(
    groups: Mapping[str, pd.Series],
    order: Iterable[str],
    *,
    suppress: bool = False,
    pooled: str | None = None,
) -> pd.DataFrame:
    """Count, base, percent and 95% Wilson interval of each category, for one or more groups.

    ``groups`` maps a display label ("All attendances", "To 30 June 2018") to the values of one
    group (one per attendance, person or user). Zeros are kept; a value outside ``order`` is an
    error rather than silently dropped from the base.

    With ``suppress`` the counts (categories by groups, bases shown) go through
    :func:`pdu_analysis.stats.suppress_small` with the bases protected: a count of 1 to 4
    is hidden (``suppressed == "<5"``), and so is a second count wherever the bases or a pooled
    group would give it back (``"[c]"``). Hidden rows keep their base but lose count, percent and
    interval; a base the suppression withholds (1 to 4 itself) is missing too. ``pooled`` names
    a group that is the other groups together ("All attendances" beside each period): its counts
    are then each category's total over the others, so the pooled count minus the visible ones
    cannot give a hidden one back. The page's audit (:mod:`pdu_analysis.tables.published`)
    checks the result with the rest of the page.
    """
    order = list(order)
    wide = pd.DataFrame({"label": order})
    bases = {}
    for group, values in groups.items():
        unknown = sorted(set(values.dropna().astype(str)) - set(order))
        if unknown:
            raise ValueError(f"{group}: values not in the expected categories {order}: {unknown}")
        counts = values.dropna().astype(str).value_counts()
        wide[group] = [int(counts.get(c, 0)) for c in order]
        bases[group] = int(values.notna().sum())
    names = list(groups)
    marks = pd.DataFrame("", index=wide.index, columns=names)
    withheld: set[str] = set()
    if suppress and names:
        parts = [g for g in names if g != pooled]
        if pooled not in names or not parts:
            pooled = None
        hidden = stats.suppress_small(
            wide,
            parts if pooled else names,
            secondary=False,
            protect_columns=True,
            row_groups={pooled: parts} if pooled else None,
        )
        marks = marks.mask(hidden.secondary.reindex(columns=names, fill_value=False), hidden.secondary_marker)
        marks = marks.mask(hidden.primary.reindex(columns=names, fill_value=False), hidden.marker)
        for i in wide.index if pooled else ():
            marks.loc[i, pooled] = hidden.withheld_totals.get(f"total of row {i!r} over {pooled}", "")
        withheld = {g for g in parts if f"total of column {g!r}" in hidden.withheld_totals}
        if pooled and f"total over {pooled}" in hidden.withheld_totals:
            withheld.add(pooled)
    rows = []
    for group in names:
        n = pd.NA if group in withheld else bases[group]
        for i, label in enumerate(order):
            mark = marks.loc[i, group]
            row = {
                "group": group,
                "label": label,
                "count": pd.NA if mark else wide.loc[i, group],
                "base": n,
                "suppressed": mark,
            }
            if n is not pd.NA and n and not mark:
                p = proportion(int(wide.loc[i, group]), n)
                row |= {"percent": p.percent, "ci_low": p.ci_low, "ci_high": p.ci_high}
            rows.append(row)
    out = pd.DataFrame(rows, columns=GROUP_SHARE_COLUMNS)
    return out.astype(
        {
            "count": "Int64",
            "base": "Int64" if withheld else "int64",
            "percent": "float64",
            "ci_low": "float64",
            "ci_high": "float64",
        }
    )


def events_per_person_table(
    people: pd.DataFrame, *, low: int = DISCLOSURE_LOW, high: int = DISCLOSURE_HIGH
) -> pd.DataFrame:
    """People (and their attendances) by the number of learning events each attended.

    The few most frequent attenders are easy to recognise, so the top categories are pooled
    ("4 or more") until no category shown holds 1 to 4 people. ``pooled`` marks a pooled row.
    """
    per_person = people["attendances"].astype("int64")
    counts = per_person.value_counts().sort_index()
    if counts.empty:
        return pd.DataFrame(columns=["events", "people", "attendances", "pooled"])
    top = int(counts.index.max())

    def small(c: int) -> bool:
        return low <= c <= high

    chosen = 1
    for t in range(top + 1, 0, -1):  # t = first pooled level; top + 1 means "no pooling"
        tail = int(counts[counts.index >= t].sum())
        head_ok = not any(small(int(c)) for e, c in counts.items() if e < t)
        if head_ok and not small(tail):
            chosen = t
            break
    rows = []
    for e in range(1, min(chosen, top + 1)):
        k = int(counts.get(e, 0))
        rows.append({"events": str(e), "people": k, "attendances": k * e, "pooled": False})
    if chosen <= top:
        mask = per_person >= chosen
        label = f"{chosen} or more" if chosen < top else str(chosen)
        rows.append(
            {
                "events": label,
                "people": int(mask.sum()),
                "attendances": int(per_person[mask].sum()),
                "pooled": chosen < top,
            }
        )
    return pd.DataFrame(rows)


SHARE_ROW_COLUMNS = ["basis", "period", "periods", "sector", *[c for c in CLUSTERED_COLUMNS if c != "group"]]
"""Columns of :func:`sector_share_rows`: the one set every sector-share table is shaped from."""


def sector_share_rows(attendances: pd.DataFrame, sectors: Sequence[str]) -> pd.DataFrame:
    """The share of attendances from each sector, computed once for every page and table.

    Rows ``basis == "cumulative"`` count every attendance up to and including ``period`` (the
    figure that period's report quoted); rows ``basis == "disjoint"`` count ``period`` alone.
    ``periods`` lists the periods counted. Each row carries count, base, percent, the naive Wilson
    and the person-clustered (GEE) intervals of :func:`pdu_analysis.stats.sector_share_clustered`
    (its columns). :func:`sector_share_table`, :func:`sector_shares` and :func:`cumulative_table`
    are views of it.
    """
    order = measures.periods_in_order(attendances)
    rows = []
    for basis in ("cumulative", "disjoint"):
        for period in order:
            counted = measures.cumulative_periods(order, period) if basis == "cumulative" else [period]
            subset = attendances[attendances["period"].isin(counted)]
            for sector in sectors:
                share = sector_share_clustered(
                    subset, outcome_col="sector", success=sector, cluster_col="person_id"
                ).iloc[0]
                rows.append(
                    {
                        "basis": basis,
                        "period": period,
                        "periods": counted,
                        "sector": sector,
                        **share.drop("group"),
                    }
                )
    return pd.DataFrame(rows, columns=SHARE_ROW_COLUMNS)


def _share_record_columns(rows: pd.DataFrame) -> dict[str, object]:
    """:func:`sector_share_rows` columns as :func:`~pdu_analysis.tables.survey.share_record` names them."""
    return {
        "count": rows["count"],
        "base": rows["base"],
        "percent": rows["percent"],
        "ci_low": rows["naive_low"],
        "ci_high": rows["naive_high"],
        "text": [share_text(k, n) for k, n in zip(rows["count"], rows["base"], strict=True)],
    }


def sector_share_table(attendances: pd.DataFrame, sector: str, *, interim_cutoff: str | date) -> pd.DataFrame:
    """Share of attendances from ``sector``: cumulative (as each report quoted) and disjoint.

    The rows of :func:`sector_share_rows` for one sector, each named for the page ("To 30 Jun
    2018, this period alone"), ``periods`` joined with "+".
    """
    order = measures.periods_in_order(attendances)
    reports = report_labels(order)
    alone = period_labels(order, interim_cutoff)
    rows = sector_share_rows(attendances, [sector])
    figure = [
        f"{reports[p]}: all to date" if b == "cumulative" else f"{alone[p]}, this period alone"
        for b, p in zip(rows["basis"], rows["period"], strict=True)
    ]
    shares = rows.drop(columns=["basis", "period", "periods", "sector"])
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "figure": figure,
                    "basis": rows["basis"],
                    "periods": ["+".join(p) for p in rows["periods"]],
                    "sector": sector,
                }
            ),
            shares,
        ],
        axis=1,
    )


def focus_by_sector_table(
    attendances: pd.DataFrame, focus_order: Sequence[str], *, interim_cutoff: str | date
) -> pd.DataFrame:
    """Attendances by main field of work, one column per sector and disjoint period.

    Column names read "statutory: To 30 June 2018"; the counts are raw (suppress before
    publishing).
    """
    order = measures.periods_in_order(attendances)
    labels = period_labels(order, interim_cutoff)
    sectors = [s for s in SECTOR_ORDER if s in set(attendances["sector"])]
    table = pd.DataFrame({"field of work": list(focus_order)})
    for sector in sectors:
        for period in order:
            mask = (attendances["sector"] == sector) & (attendances["period"] == period)
            rows = attendances[mask]
            counts = rows["focus"].value_counts()
            table[f"{sector}: {labels[period]}"] = [int(counts.get(f, 0)) for f in focus_order]
    return table


def cop_sessions_table(events: pd.DataFrame) -> pd.DataFrame:
    """Community of Practice sessions: community, session number, date, status and headcount.

    The community is the title before its first colon, without "Community of Practice" (or
    "CoP") and a trailing "session N": "Care Act Community of Practice: session 2" and "Care Act
    CoP session 2" both give "Care Act". Sessions are numbered by date within a community.
    """
    cop = events[events["kind"] == "community_of_practice"].copy()
    cop["community"] = (
        cop["title"]
        .str.split(":")
        .str[0]
        .str.replace(r"[\s,-]*\bsession\s*\d+\s*$", "", regex=True, case=False)
        .str.replace(r"\s*\b(Community of Practice|CoP)\s*$", "", regex=True, case=False)
        .str.strip()
    )
    cop = cop.sort_values(["community", "date", "event_id"], kind="stable")
    cop["session"] = cop.groupby("community").cumcount() + 1
    first = cop.groupby("community")["date"].transform("min")
    cop = cop.assign(first=first).sort_values(["first", "community", "session"], kind="stable")
    out = cop[["community", "session", "event_id", "date", "status", "headcount"]]
    return out.reset_index(drop=True)


def values_by_group(
    table: pd.DataFrame, column: str, groups: Mapping[str, str | None], *, period_col: str = "period"
) -> dict[str, pd.Series]:
    """``column``'s values for each display label of ``groups`` (label -> period, None = all)."""
    return {
        label: (
            table[column] if period in (None, PERIOD_ALL) else table.loc[table[period_col] == period, column]
        )
        for label, period in groups.items()
    }


def sector_shares(
    attendances: pd.DataFrame,
    sectors: Sequence[str] | None = None,
    *,
    names: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, str | None]:
    """Share of attendances from each sector: each period alone, and cumulative to each period.

    Rows with ``kind`` "disjoint" are the attendances of one period; rows with ``kind``
    "cumulative" are every attendance up to and including a period (what each report quoted). The
    first period's cumulative figure is its disjoint one and is not repeated. Periods are named by
    ``names`` (:func:`pdu_analysis.labels.period_labels`) when given, else by their months. Beside each Wilson
    interval is the interval allowing for repeat attenders (GEE, person as cluster;
    :func:`pdu_analysis.stats.sector_share_clustered`).

    Returns
    -------
    (DataFrame, str or None)
        The shares, and the disclosure note. Counts of 1 to 4 could point to a person (a sector
        with so few attendances in a period), so they are suppressed with
        :func:`pdu_analysis.stats.suppress_small` (and a second cell wherever the base would give
        them back); ``suppressed`` is True and the count, percent and intervals are missing.
    """
    periods = measures.periods_in_order(attendances)
    labels = dict(names) if names else period_spans(attendances)
    sectors = (
        list(sectors) if sectors is not None else [s for s in SECTORS if s in set(attendances["sector"])]
    )
    rows = sector_share_rows(attendances, sectors)
    rows = rows[(rows["basis"] == "disjoint") | (rows["period"] != periods[0])]
    rows = pd.concat([rows[rows["basis"] == "disjoint"], rows[rows["basis"] == "cumulative"]])

    def label(basis: str, period: str, counted: list[str]) -> str:
        if basis == "disjoint":
            return labels[period]
        if not names:
            return f"all, {_period_span(attendances, counted)}"
        return "All periods" if period == periods[-1] else f"All to the end of: {labels[period]}"

    table = pd.DataFrame(
        {
            "kind": rows["basis"],
            "period": rows["period"],
            "label": [label(*r) for r in zip(rows["basis"], rows["period"], rows["periods"], strict=True)],
            "sector": rows["sector"],
            **_share_record_columns(rows),
            "robust_low": rows["robust_low"],
            "robust_high": rows["robust_high"],
            "design_effect": rows["design_effect"],
            "people": rows["n_clusters"].astype(int),
        }
    ).reset_index(drop=True)
    wide = table.pivot(index="sector", columns="label", values="count").reindex(sectors)
    checked = stats.suppress_small(wide, list(wide.columns), secondary=False, protect_columns=True)
    hidden = (checked.primary | checked.secondary).stack().rename("suppressed")
    table = table.join(hidden, on=["sector", "label"])
    for col in ("count", "percent", "ci_low", "ci_high", "robust_low", "robust_high", "text"):
        table[col] = table[col].astype("object").where(~table["suppressed"], pd.NA)
    return table, checked.note()


def cumulative_table(attendances: pd.DataFrame, sector: str = "statutory") -> pd.DataFrame:
    """The cumulative shares each report quoted, side by side, with ``tested`` False.

    Cumulative figures share attendances (the later includes the earlier), so no test is made.
    """
    rows = sector_share_rows(attendances, [sector])
    rows = rows[rows["basis"] == "cumulative"]
    return pd.DataFrame(
        {
            "measure": f"{sector}_share",
            "counted": [f"all to {p}" for p in rows["period"]],
            "periods": [" + ".join(p) for p in rows["periods"]],
            **_share_record_columns(rows),
            "tested": False,
        }
    ).reset_index(drop=True)
