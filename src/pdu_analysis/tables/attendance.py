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
from pdu_analysis.stats.conventions import (
    DISCLOSURE_HIGH,
    DISCLOSURE_LOW,
)
from pdu_analysis.tables.survey import share_record
from pdu_analysis.vocabulary import SECTORS

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

    ``groups`` maps a display label ("All attendances", "To 30 Jun 2018") to the values of one
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


def sector_share_table(
    attendances: pd.DataFrame, sector: str, *, interim_cutoff: str | date, cluster_col: str = "person_id"
) -> pd.DataFrame:
    """Share of attendances from ``sector``: cumulative (as each report quoted) and disjoint.

    Rows ``basis == "cumulative"`` count every attendance up to and including a period (the
    figure that period's report quoted); rows ``basis == "disjoint"`` count each period alone.
    Each row carries the naive Wilson and the person-clustered (GEE) intervals from
    :func:`pdu_analysis.stats.sector_share_clustered`.
    """
    order = measures.periods_in_order(attendances)
    reports = report_labels(order)
    alone = period_labels(order, interim_cutoff)
    rows = []
    for basis in ("cumulative", "disjoint"):
        for period in order:
            counted = measures.cumulative_periods(order, period) if basis == "cumulative" else [period]
            subset = attendances[attendances["period"].isin(counted)]
            share = (
                sector_share_clustered(subset, outcome_col="sector", success=sector, cluster_col=cluster_col)
                .iloc[0]
                .to_dict()
            )
            share.pop("group")
            figure = (
                f"{reports[period]}: all to date"
                if basis == "cumulative"
                else f"{alone[period]}, this period alone"
            )
            rows.append(
                {"figure": figure, "basis": basis, "periods": "+".join(counted), "sector": sector, **share}
            )
    return pd.DataFrame(rows)


def focus_by_sector_table(
    attendances: pd.DataFrame, focus_order: Sequence[str], *, interim_cutoff: str | date
) -> pd.DataFrame:
    """Attendances by main field of work, one column per sector and disjoint period.

    Column names read "statutory: To 30 Jun 2018"; the counts are raw (suppress before
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
    blocks = [("disjoint", p, [p], labels[p]) for p in periods]
    for p in periods[1:]:
        upto = measures.cumulative_periods(periods, p)
        whole = "All periods" if p == periods[-1] else f"All to the end of: {labels[p]}"
        blocks.append(("cumulative", p, upto, whole if names else f"all, {_period_span(attendances, upto)}"))
    rows = []
    for kind, period, selector, label in blocks:
        subset = attendances[attendances["period"].isin(selector)]
        for sector in sectors:
            k, n = int((subset["sector"] == sector).sum()), len(subset)
            robust = stats.sector_share_clustered(
                subset, outcome_col="sector", cluster_col="person_id", success=sector
            ).iloc[0]
            rows.append(
                {
                    "kind": kind,
                    "period": period,
                    "label": label,
                    "sector": sector,
                    **share_record(k, n),
                    "robust_low": robust["robust_low"],
                    "robust_high": robust["robust_high"],
                    "design_effect": robust["design_effect"],
                    "people": int(robust["n_clusters"]),
                }
            )
    table = pd.DataFrame(rows)
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
    periods = measures.periods_in_order(attendances)
    rows = []
    for period in periods:
        upto = measures.cumulative_periods(periods, period)
        subset = attendances[attendances["period"].isin(upto)]
        rows.append(
            {
                "measure": f"{sector}_share",
                "counted": f"all to {period}",
                "periods": " + ".join(upto),
                **share_record(int((subset["sector"] == sector).sum()), len(subset)),
                "tested": False,
            }
        )
    return pd.DataFrame(rows)
