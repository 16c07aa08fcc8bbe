"""Charts for "who attends" (notebook 03) and "event feedback" (notebook 04), one per function.

Two kinds of function live here:

- ``*_table`` functions turn the tidy tables from ``data/processed`` into the small table a chart
  (and the reviewer's CSV) needs: counts and bases, never rounded, zeros kept.
- Chart functions take such a table and return a matplotlib ``Figure``. They neither save nor show
  it: ``plots.show_figure`` does that, with a caption and alt text. Every chart states its base (n)
  in the title, subtitle or axis labels, uses the colour-blind-safe palette of
  :mod:`pdu_analysis.plots`, and draws the same pixels from the same table (no randomness, fixed
  order, fixed size).

Small counts: the per-event sector mix and the histogram of events per person apply the 1 to 4
disclosure rule themselves (see :func:`sector_by_event_table` and :func:`events_per_person_table`);
counts tables go through :func:`pdu_analysis.stats.suppress_small` in the notebook.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from . import measures, stats
from .paths import REFERENCE_DIR
from .plots import GREY, OKABE_ITO, PALETTE, SECTOR_COLOURS, WAVE_COLOURS
from .stats import proportion, sector_share_clustered
from .stats.conventions import ALPHA, DISCLOSURE_HIGH, DISCLOSURE_LOW, WORDS_ONLY_BASE

SECTOR_ORDER = ("statutory", "voluntary", "private")
PERIOD_ALL = "all"
"""Group label for figures pooled over every period."""

SUBTITLE_COLOUR = "#4d4d4d"
TEXT_COLOUR = "#1a1a1a"
DIVERGING_COLOURS = {
    # far negative, near negative | near positive, far positive
    "far_negative": OKABE_ITO["vermillion"],
    "near_negative": OKABE_ITO["orange"],
    "near_positive": OKABE_ITO["sky_blue"],
    "far_positive": OKABE_ITO["blue"],
}
_DARK = {
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["black"],
    GREY,
}


# --------------------------------------------------------------------------------------- labels
def _cutoff_date(cutoff: str | date) -> date:
    return cutoff if isinstance(cutoff, date) else date.fromisoformat(str(cutoff))


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _waves() -> pd.DataFrame:
    """``data/reference/waves.csv`` ordered by attendance cut-off."""
    waves = pd.read_csv(REFERENCE_DIR / "waves.csv", dtype=str, keep_default_na=False)
    return waves.sort_values("attendance_cutoff", kind="stable").reset_index(drop=True)


def period_labels(periods: Iterable[str], interim_cutoff: str | date) -> dict[str, str]:
    """Reader-facing names of periods, e.g. ``{"interim": "To 30 Jun 2018"}``.

    A period is named from its place among the waves of ``data/reference/waves.csv``, not from
    its place in ``periods``, so a survey answered only after the cut-off is still "After ...".
    The first wave's cut-off is ``interim_cutoff`` (the notebook parameter); a period after the
    last wave (``after_final``) is "After" that wave's cut-off.
    """
    waves = _waves()
    names = list(waves["wave"])
    later = waves["attendance_cutoff"].iloc[1:]
    cuts = [_cutoff_date(interim_cutoff), *(_cutoff_date(c) for c in later)]
    labels = {}
    for period in periods:
        if period in names:
            i = names.index(period)
            if i == 0:
                labels[period] = f"To {_day(cuts[0])}"
            elif i == len(names) - 1:
                labels[period] = f"After {_day(cuts[i - 1])}"
            else:
                labels[period] = f"{_day(cuts[i - 1])} to {_day(cuts[i])}"
        elif names and period == f"after_{names[-1]}":
            labels[period] = f"After {_day(cuts[-1])}"
        else:
            labels[period] = period.replace("_", " ").capitalize()
    return labels


def report_labels(periods: Sequence[str]) -> dict[str, str]:
    """The report that first counted each period (``data/reference/waves.csv``), else the name."""
    waves = _waves()
    known = dict(zip(waves["wave"], waves["report"], strict=True))
    return {p: known.get(p, p.replace("_", " ").capitalize()) for p in periods}


def _fmt_count(k: int, n: int) -> str:
    """ "k/n (P%)", or "k of n" alone on a base under 30 (the small-base rule)."""
    if n == 0:
        return "no responses"
    if n < WORDS_ONLY_BASE:
        return f"{k} of {n}"
    return f"{k}/{n} ({proportion(k, n).display_percent}%)"


def _finish(fig: Figure, title: str, subtitle: str | None) -> Figure:
    """Lay ``fig`` out under a bold title and a grey subtitle (usually the base), left-aligned.

    Title and subtitle sit at the figure's left edge, not the axes', so long category labels
    cannot push them off the right-hand side; both are wrapped to the figure's width.
    """
    width, height = fig.get_size_inches()
    title_lines = textwrap.wrap(title, width=max(30, int(width * 9.5)))
    sub_lines = textwrap.wrap(subtitle or "", width=max(40, int(width * 14)))
    top, title_h, gap, sub_h = 0.1, 0.25 * len(title_lines), 0.07, 0.185 * len(sub_lines)
    header = top + title_h + (gap + sub_h if sub_lines else 0.0) + 0.12
    fig.text(
        0.012,
        1 - top / height,
        "\n".join(title_lines),
        ha="left",
        va="top",
        fontsize=12.5,
        fontweight="bold",
        color=TEXT_COLOUR,
    )
    if sub_lines:
        fig.text(
            0.012,
            1 - (top + title_h + gap) / height,
            "\n".join(sub_lines),
            ha="left",
            va="top",
            fontsize=9.5,
            color=SUBTITLE_COLOUR,
            linespacing=1.25,
        )
    fig.tight_layout(rect=(0, 0, 1, 1 - header / height))
    return fig


def _ink(colour: str) -> str:
    """Label colour that reads on a segment of ``colour``."""
    return "white" if colour in _DARK else TEXT_COLOUR


def _legend_below(
    ax, handles, *, inches: float, x: float = 0.45, ncol: int = 1, loc: str = "upper center"
) -> None:
    """Legend a fixed distance (in inches) under the axes, clear of the x-axis label."""
    offset = ScaledTranslation(0, -inches, ax.figure.dpi_scale_trans)
    ax.legend(
        handles=handles,
        loc=loc,
        bbox_to_anchor=(x, 0),
        ncol=ncol,
        frameon=False,
        fontsize=8.5,
        bbox_transform=ax.transAxes + offset,
    )


def _empty(title: str, message: str) -> Figure:
    """A small figure that says there is nothing to draw (a question not asked in these data)."""
    fig, ax = plt.subplots(figsize=(7.0, 2.2))
    ax.set_axis_off()
    ax.text(0.0, 0.5, message, transform=ax.transAxes, fontsize=10, color=SUBTITLE_COLOUR, va="center")
    return _finish(fig, title, "Base: 0")


# ----------------------------------------------------------------------------- chart data tables
SHARE_COLUMNS = ["group", "label", "count", "base", "percent", "ci_low", "ci_high", "suppressed"]


def shares_table(
    groups: Mapping[str, pd.Series], order: Iterable[str], *, suppress: bool = False
) -> pd.DataFrame:
    """Count, base, percent and 95% Wilson interval of each category, for one or more groups.

    ``groups`` maps a display label ("All attendances", "To 30 Jun 2018") to the values of one
    group (one per attendance, person or user). Zeros are kept; a value outside ``order`` is an
    error rather than silently dropped from the base.

    With ``suppress`` the counts (categories by groups, bases shown) go through
    :func:`pdu_analysis.stats.suppress_small` with rows and columns protected: a count of 1 to 4
    is hidden (``suppressed == "<5"``), and so is a second count wherever the bases or a pooled
    group would give it back (``"[c]"``). Hidden rows keep their base but lose count, percent and
    interval. Pass the pooled group too, so suppression sees it.
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
    if suppress and names:
        hidden = stats.suppress_small(wide, names, protect_columns=True)
        marks = marks.mask(hidden.secondary, hidden.secondary_marker)
        marks = marks.mask(hidden.primary, hidden.marker)
    rows = []
    for group in names:
        n = bases[group]
        for i, label in enumerate(order):
            mark = marks.loc[i, group]
            row = {
                "group": group,
                "label": label,
                "count": pd.NA if mark else wide.loc[i, group],
                "base": n,
                "suppressed": mark,
            }
            if n and not mark:
                p = proportion(int(wide.loc[i, group]), n)
                row |= {"percent": p.percent, "ci_low": p.ci_low, "ci_high": p.ci_high}
            rows.append(row)
    out = pd.DataFrame(rows, columns=SHARE_COLUMNS)
    return out.astype(
        {"count": "Int64", "base": "int64", "percent": "float64", "ci_low": "float64", "ci_high": "float64"}
    )


def suppression_note(*tables: pd.DataFrame, what: str = "counts") -> str | None:
    """One sentence saying how many cells the ``suppressed`` column(s) hide, or None."""
    marks = pd.concat([t["suppressed"] for t in tables if "suppressed" in t]) if tables else None
    if marks is None or marks.empty:
        return None
    primary, secondary = int((marks == "<5").sum()), int((marks == "[c]").sum())
    if not primary and not secondary:
        return None
    one = what[:-1] if what.endswith("s") else what
    text = (
        f"{primary} {one if primary == 1 else what} between {DISCLOSURE_LOW} and "
        f'{DISCLOSURE_HIGH} {"is" if primary == 1 else "are"} not shown (marked "<5") '
        "because so few people could be recognised"
    )
    if secondary:
        text += (
            f"; {secondary} further {one if secondary == 1 else what} "
            f'{"is" if secondary == 1 else "are"} hidden ("[c]") so that the small '
            f"{'one' if primary == 1 else 'ones'} cannot be worked out from the totals"
        )
    return text + "."


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


def sector_by_event_table(
    attendances: pd.DataFrame, events: pd.DataFrame, *, suppress: bool = True
) -> pd.DataFrame:
    """Attendances at each learning event by sector, in date order, with a ``suppressed`` flag.

    With ``suppress`` an event is flagged when :func:`pdu_analysis.stats.suppress_small` hides
    any of its sector counts (a sector with 1 to 4 attendances, and with the event's total shown,
    the count that would give it back): a handful of people from one sector at one event can be
    recognised, so its mix is not drawn. The counts stay in this table; publish
    ``stats.suppress_small(table, sectors).table`` instead.
    """
    sectors = [s for s in SECTOR_ORDER if s in set(attendances["sector"])]
    counts = (
        attendances.groupby(["event_id", "sector"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=sectors, fill_value=0)
    )
    learning = events[events["kind"] == "learning_event"][["event_id", "date", "title"]]
    table = learning.merge(counts, left_on="event_id", right_index=True, how="inner")
    table = table.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    table[sectors] = table[sectors].astype("int64")
    table["total"] = table[sectors].sum(axis=1).astype("int64")
    table["suppressed"] = False
    if suppress and sectors and len(table):
        hidden = stats.suppress_small(table, sectors)
        table["suppressed"] = (hidden.primary | hidden.secondary).any(axis=1).to_numpy()
    return table


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


def question_options(survey: str, question_id: str) -> list[str]:
    """A question's answer options in codebook order (``data/reference/questions.csv``)."""
    book = pd.read_csv(REFERENCE_DIR / "questions.csv", dtype=str, keep_default_na=False)
    row = book[(book["survey"] == survey) & (book["question_id"] == question_id)]
    if row.empty:
        raise KeyError(f"question {survey}/{question_id} is not in data/reference/questions.csv")
    return [o for o in row.iloc[0]["options"].split("|") if o]


def option_counts_table(
    answers: pd.DataFrame,
    survey: str,
    question_id: str,
    groups: Mapping[str, str | None],
    *,
    multi: bool = False,
) -> pd.DataFrame:
    """Counts of every option of a question for each group, long format with the group's base.

    ``groups`` maps a display label to a wave (``None`` or ``"all"`` pools every wave). Groups
    where nobody answered are left out (a base of 0 has no shares). ``multi`` counts ticked
    options of a multi-select question (base: responses ticking at least one).
    """
    options = question_options(survey, question_id)
    frames = []
    for label, wave in groups.items():
        dist = measures.distribution(
            answers, survey, question_id, options, wave, by="item" if multi else "answer"
        )
        if len(dist) and int(dist["base"].iloc[0]) > 0:
            frames.append(dist.assign(group=label))
    if not frames:
        return pd.DataFrame(columns=["group", "option", "count", "base", "percent", "ci_low", "ci_high"])
    out = pd.concat(frames, ignore_index=True)[["group", "option", "count", "base"]]
    shares = [proportion(k, n) for k, n in zip(out["count"], out["base"], strict=True)]
    out["percent"] = [p.percent for p in shares]
    out["ci_low"] = [p.ci_low for p in shares]
    out["ci_high"] = [p.ci_high for p in shares]
    return out.astype({"count": "int64", "base": "int64"})


def wide_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Long option counts to one row per group: base, then one column per option (k)."""
    if table.empty:
        return pd.DataFrame(columns=["group", "base"])
    options = list(dict.fromkeys(table["option"]))
    groups = list(dict.fromkeys(table["group"]))
    wide = table.pivot(index="group", columns="option", values="count").reindex(index=groups, columns=options)
    base = table.groupby("group")["base"].first().reindex(groups)
    return pd.concat([base, wide], axis=1).reset_index().rename_axis(columns=None)


# ------------------------------------------------------------------------------------------ words
def _pct(value: float) -> str:
    return f"{stats.round_half_up(value):.0f}%"


def share_table_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`sector_share_table` for reading: k of n, share, both intervals, design effect."""
    out = pd.DataFrame(
        {
            "figure": table["figure"],
            "attendances": [f"{k} of {n}" for k, n in zip(table["count"], table["base"], strict=True)],
            "share": [_pct(v) for v in table["percent"]],
            "naive 95% CI": [
                f"{_pct(lo)} to {_pct(hi)}"
                for lo, hi in zip(table["naive_low"], table["naive_high"], strict=True)
            ],
            "cluster-robust 95% CI": [
                f"{_pct(lo)} to {_pct(hi)}"
                for lo, hi in zip(table["robust_low"], table["robust_high"], strict=True)
            ],
            "people": table["n_clusters"],
            "design effect": [f"{v:.2f}" if pd.notna(v) else "–" for v in table["design_effect"]],
        }
    )
    return out


def distribution_sentence(table: pd.DataFrame, group: str) -> str:
    """Every option of one group in words, following the small-base rule.

    Base 50 or more: "Yes, 33% (25/75; 95% CI 24–45%)". Base 30 to 49: "59% (24/41)" for each
    option, then "(indicative only: small base of 41)" once. Under 30: "7 of 26", no percentage.
    """
    rows = table[table["group"] == group]
    if rows.empty:
        return "no responses to this question"
    shares = [proportion(int(k), int(n)) for k, n in zip(rows["count"], rows["base"], strict=True)]
    flags = {p.flag for p in shares}
    if flags == {"indicative"}:
        parts = [
            f"{o}, {p.display_percent}% ({p.count}/{p.base})"
            for o, p in zip(rows["option"], shares, strict=True)
        ]
        return "; ".join(parts) + f" (indicative only: small base of {shares[0].base})"
    return "; ".join(f"{o}, {p.text()}" for o, p in zip(rows["option"], shares, strict=True))


def period_comparison(
    table: pd.DataFrame, option: str, first: str | None, second: str | None
) -> stats.Comparison | None:
    """:func:`pdu_analysis.stats.compare_two` for one option between two groups (None if one
    group has no responses)."""
    rows = table[table["option"] == option].set_index("group")
    if not first or not second or first == second or first not in rows.index or second not in rows.index:
        return None
    a, b = rows.loc[first], rows.loc[second]
    return stats.compare_two(
        int(a["count"]), int(a["base"]), int(b["count"]), int(b["base"]), labels=(first, second)
    )


def comparison_sentence(table: pd.DataFrame, option: str, first: str | None, second: str | None) -> str:
    """The comparison's plain-English sentence, or why there is none."""
    if not first or not second or first == second:
        return "Only one period has responses, so the periods are not compared."
    found = period_comparison(table, option, first, second)
    if found is None:
        return (
            f'No comparison between "{first}" and "{second}": one of them has no responses to this question.'
        )
    return found.sentence()


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


def shares_sentence(table: pd.DataFrame, group: str) -> str:
    """Each category of one group of :func:`shares_table` in words, hidden counts as such."""
    rows = table[table["group"] == group]
    parts = []
    for r in rows.itertuples():
        if r.suppressed:
            parts.append(f"{r.label}, fewer than 5 or hidden to protect one that is")
        elif r.base:
            parts.append(f"{r.label}, {proportion(int(r.count), int(r.base)).text()}")
    return "; ".join(parts) if parts else "none recorded"


def design_effect_sentence(row: Mapping, *, repeaters: int, people: int) -> str:
    """What repeat attendance does to a share's interval (a :func:`sector_share_table` row)."""
    n, deff = int(row["base"]), float(row["design_effect"])
    if not np.isfinite(deff):
        return (
            f"The cluster-robust interval could not be estimated ({row['note']}), so the "
            "naive interval is shown for both."
        )
    return (
        f"{repeaters} of the {people} people came to more than one event, so the {n} "
        f"attendances carry about as much information as {round(n / deff)} independent ones "
        f"(design effect {deff:.2f}): the cluster-robust 95% interval for this share, "
        f"{_pct(row['robust_low'])} to {_pct(row['robust_high'])}, is wider than the naive "
        f"{_pct(row['naive_low'])} to {_pct(row['naive_high'])}."
    )


def adjusted_chi_square(test: stats.ChiSquareResult, clustered_p: float) -> dict[str, object]:
    """The chi-square record plus the p that allows for repeat attenders.

    ``clustered_p`` comes from :func:`stats.period_difference_p` (people as clusters), the same
    test the interim-versus-final page uses, so the two pages cannot disagree.
    """
    record = test.to_record()
    record["p_adjusted"] = float(clustered_p)
    return record


def chi_square_sentence(record: Mapping, *, what: str = "attendances") -> str:
    """The test in words: statistic, p, Cramér's V, then the p allowing for repeat attenders."""
    text = (
        f"Chi-square test of sector by period: χ²({record['dof']}) = "
        f"{record['chi2']:.2f}, {stats.format_p(record['p'])}, Cramér's V = "
        f"{record['cramer_v']:.2f} (n = {record['n']} {what})."
    )
    if np.isfinite(record["p_adjusted"]):
        clear = record["p_adjusted"] < ALPHA
        text += (
            " Treating each person's attendances as a group (people who came several "
            f"times are not independent evidence) gives {stats.format_p(record['p_adjusted'])}:"
            f" the difference {'is unlikely to be chance' if clear else 'could be chance'}."
        )
    if record.get("expected_warning"):
        text += f" Note: {record['expected_warning']}."
    return text


def cop_sentence(table: pd.DataFrame) -> str:
    """Each community's sessions held, their size range, and any sessions planned."""
    parts = []
    for community, rows in table.groupby("community", sort=False):
        held = rows[rows["status"] == "held"]
        heads = held["headcount"].dropna().astype("int64")
        text = f"{community}: {len(held)} session{'s' if len(held) != 1 else ''} held"
        if len(heads):
            low, high = int(heads.min()), int(heads.max())
            size = f"{low}" if low == high else f"{low} to {high}"
            text += f" with {size} people {'each' if len(heads) > 1 else ''}".rstrip()
        planned = rows[rows["status"] == "planned"]
        for r in planned.itertuples():
            booked = "" if pd.isna(r.headcount) else f", {int(r.headcount)} booked"
            text += f"; a further session planned for {pd.Timestamp(r.date):%B %Y}{booked}"
        parts.append(text)
    return ". ".join(parts) + "." if parts else "No Community of Practice sessions are listed."


def base_caveat(table: pd.DataFrame, *, what: str = "responses") -> str | None:
    """One caveat paragraph per group whose base is under 50 (``stats.small_base_caveat``)."""
    if table.empty:
        return None
    bases = table.groupby("group", sort=False)["base"].first()
    parts = []
    for group, n in bases.items():
        text = stats.small_base_caveat(int(n), what=what) if int(n) else None
        if text:
            parts.append(text if len(bases) == 1 else f"{group}: {text}")
    return "\n\n".join(parts) or None


# ----------------------------------------------------------------------------------------- charts
def proportion_bars_with_ci(
    table: pd.DataFrame,
    *,
    title: str,
    what: str = "responses",
    group_colours: Mapping[str, str] | None = None,
    subtitle: str | None = None,
    xlabel: str = "% (line: 95% Wilson interval)",
) -> Figure:
    """Horizontal bars of shares with their 95% Wilson intervals, labelled with k and n.

    Why: a bar alone hides how little a small base pins a share down; the whisker shows it and
    the label gives the count behind it ("25/75 (33%)", or "7 of 26" on a base under 30, where
    the small-base rule allows no percentage in text). With several groups (column ``group``,
    e.g. periods) the bars of each category sit side by side and the legend names each base.

    ``table`` has columns ``label`` (or ``option``), ``count``, ``base`` and optionally
    ``group``, as :func:`shares_table` and :func:`option_counts_table` make. A base of 0 draws
    no bar and says "no responses".
    """
    data = table.rename(columns={"option": "label"}).copy()
    if data.empty or int(data["base"].max()) == 0:
        return _empty(title, f"No {what} in these data.")
    if "group" not in data.columns:
        data["group"] = PERIOD_ALL
    labels = list(dict.fromkeys(data["label"]))
    groups = list(dict.fromkeys(data["group"]))
    bases = data.groupby("group", sort=False)["base"].first().astype("int64")
    colours = dict(group_colours or {})
    for i, g in enumerate(groups):
        colours.setdefault(g, PALETTE[i % len(PALETTE)])

    many = len(groups) > 1
    height = 1.5 + 0.5 * len(labels) * (1 + 0.45 * (len(groups) - 1)) + (0.5 if many else 0)
    fig, ax = plt.subplots(figsize=(7.0, max(2.6, height)))
    band = 0.8 / max(1, len(groups))
    for j, g in enumerate(groups):
        rows = data[data["group"] == g].set_index("label").reindex(labels)
        y = np.arange(len(labels)) - 0.4 + band * (j + 0.5)
        marks = (
            rows["suppressed"].fillna("").astype(str).to_numpy()
            if "suppressed" in rows
            else np.full(len(rows), "")
        )
        ks = rows["count"].astype("Float64").fillna(0).astype("int64").to_numpy()
        ns = rows["base"].astype("Float64").fillna(0).astype("int64").to_numpy()
        shares = [proportion(k, n) if n and not m else None for k, n, m in zip(ks, ns, marks, strict=True)]
        pct = np.array([p.percent if p else 0.0 for p in shares])
        lows = np.array([p.percent - p.ci_low if p else 0.0 for p in shares])
        highs = np.array([p.ci_high - p.percent if p else 0.0 for p in shares])
        ax.barh(y, pct, height=band * 0.88, color=colours[g])
        drawn = np.array([p is not None for p in shares])
        if drawn.any():
            ax.errorbar(
                pct[drawn],
                y[drawn],
                xerr=[lows[drawn], highs[drawn]],
                fmt="none",
                ecolor=TEXT_COLOUR,
                elinewidth=1,
                capsize=2.5,
            )
        for yy, p, hi, k, n, m in zip(y, pct, highs, ks, ns, marks, strict=True):
            text = f"not shown ({m})" if m else _fmt_count(int(k), int(n))
            ax.text(
                p + hi + 1.2,
                yy,
                text,
                va="center",
                ha="left",
                fontsize=8.5 if many else 9.5,
                color=SUBTITLE_COLOUR if m else TEXT_COLOUR,
            )
    ax.set_yticks(np.arange(len(labels)), labels=[str(v)[:1].upper() + str(v)[1:] for v in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, 120)
    ax.set_xticks([0, 20, 40, 60, 80, 100], labels=["0", "20%", "40%", "60%", "80%", "100%"])
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    if many:
        handles = [Patch(color=colours[g], label=f"{g} (n={bases[g]})") for g in groups]
        _legend_below(ax, handles, inches=0.62, ncol=min(3, len(groups)))
    if subtitle is None:
        subtitle = (
            f"Base: {bases.iloc[0]} {what}"
            if not many
            else "Bases: " + "; ".join(f"{g} {bases[g]}" for g in groups) + f" {what}"
        )
    return _finish(fig, title, subtitle)


def multi_select_bars(
    table: pd.DataFrame,
    *,
    title: str,
    what: str = "responses",
    group_colours: Mapping[str, str] | None = None,
) -> Figure:
    """Share of those answering who ticked each option of a multi-select question.

    Why: with "tick all that apply" the base is the people who answered, not the ticks, and the
    bars add to more than 100%; the subtitle says both so nobody reads the bars as slices.
    """
    data = table.rename(columns={"option": "label"}).copy()
    if data.empty or int(data["base"].max()) == 0:
        return _empty(title, f"No {what} to this question in these data.")
    if "group" not in data.columns:
        data["group"] = PERIOD_ALL
    bases = data.groupby("group", sort=False)["base"].first().astype("int64")
    if len(bases) == 1:
        base_text = f"the {bases.iloc[0]} {what} that answered"
    else:
        base_text = "those that answered (" + "; ".join(f"{g} {n}" for g, n in bases.items()) + f" {what})"
    subtitle = f"Base: % of {base_text}; more than one answer allowed, so bars add to over 100%"
    return proportion_bars_with_ci(
        data,
        title=title,
        what=what,
        subtitle=subtitle,
        group_colours=group_colours,
        xlabel="% of those answering (line: 95% Wilson interval)",
    )


def naive_vs_robust_intervals(table: pd.DataFrame, *, title: str, what: str = "attendances") -> Figure:
    """Each share with two 95% intervals: naive (Wilson) and cluster-robust (GEE by person).

    Why: the register counts attendances, and someone who came four times counts four times;
    the robust interval allows for that, so the gap between the two lines shows how much repeat
    attendance should temper any comparison. ``table`` is :func:`sector_share_table`'s: rows
    ``figure`` with ``count``, ``base``, ``percent``, ``naive_low``/``high``,
    ``robust_low``/``high``, ``n_clusters`` (people) and optionally ``basis``; a dotted line
    separates cumulative from single-period figures.
    """
    rows = table.reset_index(drop=True)
    if rows.empty:
        return _empty(title, f"No {what} in these data.")
    fig, ax = plt.subplots(figsize=(7.4, max(2.6, 0.75 * len(rows) + 2.0)))
    y = np.arange(len(rows))
    styles = (
        (
            "naive_low",
            "naive_high",
            OKABE_ITO["sky_blue"],
            -0.15,
            "Naive 95% interval (Wilson: attendances treated as independent)",
        ),
        (
            "robust_low",
            "robust_high",
            OKABE_ITO["blue"],
            0.15,
            "Cluster-robust 95% interval (GEE, person as cluster)",
        ),
    )
    for lo, hi, colour, offset, name in styles:
        ax.errorbar(
            rows["percent"],
            y + offset,
            xerr=[rows["percent"] - rows[lo], rows[hi] - rows["percent"]],
            fmt="o",
            color=colour,
            ecolor=colour,
            elinewidth=2.4,
            capsize=3.5,
            markersize=5.5,
            label=name,
        )
    labels = [
        f"{r.figure}\n{_fmt_count(int(r.count), int(r.base))}, {r.n_clusters} people"
        for r in rows.itertuples()
    ]
    ax.set_yticks(y, labels=labels, fontsize=9)
    ax.invert_yaxis()
    if "basis" in rows.columns:
        for i in range(1, len(rows)):
            if rows.loc[i, "basis"] != rows.loc[i - 1, "basis"]:
                ax.axhline(i - 0.5, color=GREY, linestyle=":", linewidth=1)
    top = float(np.nanmax(rows[["naive_high", "robust_high"]].to_numpy())) if len(rows) else 50
    ax.set_xlim(0, 10 * np.ceil((top + 5) / 10))
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%" if v else "0")
    ax.set_xlabel(f"% of {what}")
    ax.grid(axis="y", visible=False)
    handles, _ = ax.get_legend_handles_labels()
    _legend_below(ax, handles, inches=0.62, x=-0.02, loc="upper left")
    total = int(rows["base"].max()) if len(rows) else 0
    return _finish(
        fig, title, f"Base: {total} {what} in all; each row gives its own k/n and the people behind it"
    )


def events_per_person_histogram(
    table: pd.DataFrame, *, title: str = "How many learning events each person attended"
) -> Figure:
    """Number of people by how many learning events they attended.

    Why: the register counts attendances, not people, so the same total can hide many one-off
    visitors or a loyal core; this shows which, with both totals in the subtitle. A pooled top
    category ("4 or more", see :func:`events_per_person_table`) is labelled as such.
    """
    if table.empty:
        return _empty(title, "No attendances in these data.")
    people, attendances = int(table["people"].sum()), int(table["attendances"].sum())
    fig, ax = plt.subplots(figsize=(6.0, 3.9))
    x = np.arange(len(table))
    ax.bar(x, table["people"], color=OKABE_ITO["blue"], width=0.65)
    top = float(table["people"].max()) if len(table) else 0.0
    for xx, k in zip(x, table["people"], strict=True):
        ax.text(
            xx, k + max(top, 1) * 0.02, f"{int(k)}", ha="center", va="bottom", fontsize=10, color=TEXT_COLOUR
        )
    ax.set_xticks(x, labels=table["events"])
    ax.set_xlabel("Learning events attended")
    ax.set_ylabel("People")
    ax.set_ylim(0, max(1.0, top * 1.15))
    ax.grid(axis="x", visible=False)
    return _finish(fig, title, f"Base: {people} people who made {attendances} attendances")


def sector_mix_by_event(
    table: pd.DataFrame, *, interim_cutoff: str | date, title: str = "Sector mix at each learning event"
) -> Figure:
    """100% stacked bars of sector at each event in date order, with the interim cut-off line.

    Why: the report says the statutory share rose after the interim report; event by event one
    can see whether that is a steady shift or a few events that drew statutory teams. Events
    flagged ``suppressed`` (:func:`sector_by_event_table`: a sector with 1 to 4 attendances) are
    drawn as a hatched grey bar with only their size shown.
    """
    if table.empty:
        return _empty(title, "No attendances at learning events in these data.")
    sectors = [s for s in SECTOR_ORDER if s in table.columns]
    cut = _cutoff_date(interim_cutoff)
    fig, ax = plt.subplots(figsize=(8.6, 4.8))
    x = np.arange(len(table))
    totals = table["total"].astype("float64").to_numpy()
    shown = ~table["suppressed"].astype(bool).to_numpy()
    bottom = np.zeros(len(table))
    for sector in sectors:
        counts = table[sector].astype("float64").to_numpy()
        share = np.divide(100.0 * counts, totals, out=np.zeros(len(table)), where=shown & (totals > 0))
        ax.bar(x, share, bottom=bottom, color=SECTOR_COLOURS[sector], width=0.78, label=sector.capitalize())
        bottom += share
    if (~shown).any():
        ax.bar(
            x,
            np.where(shown, 0.0, 100.0),
            color="#e0e0e0",
            width=0.78,
            hatch="///",
            edgecolor="#8c8c8c",
            linewidth=0,
            label="Mix not shown: a sector had 1 to 4",
        )
    for xx, n in zip(x, table["total"], strict=True):
        ax.text(xx, 101.5, f"{int(n)}", ha="center", va="bottom", fontsize=8, color=TEXT_COLOUR)
    dates = pd.to_datetime(table["date"]).dt.date.tolist()
    before = sum(d <= cut for d in dates)
    if 0 < before < len(table):
        ax.axvline(before - 0.5, ymax=100 / 118, color=TEXT_COLOUR, linestyle="--", linewidth=1.3)
        ax.text(
            before - 0.5,
            109,
            f"interim cut-off, {_day(cut)}",
            ha="center",
            va="bottom",
            fontsize=8.5,
            color=TEXT_COLOUR,
        )
    ticks = [f"{e}  {d:%b %y}" for e, d in zip(table["event_id"], dates, strict=True)]
    ax.set_xticks(x, labels=ticks, fontsize=8, rotation=60, ha="right", rotation_mode="anchor")
    ax.set_xlim(-0.6, len(table) - 0.4)
    ax.set_ylim(0, 118)
    ax.set_yticks([0, 25, 50, 75, 100], labels=["0", "25%", "50%", "75%", "100%"])
    ax.set_ylabel("% of the event's attendances")
    ax.grid(axis="x", visible=False)
    handles, _ = ax.get_legend_handles_labels()
    _legend_below(ax, handles, inches=0.85, x=0.5, ncol=len(handles))
    n_att, n_ev = int(table["total"].sum()), len(table)
    return _finish(
        fig,
        title,
        f"Base: {n_att} attendances at {n_ev} learning events; the number "
        "above each bar is that event's attendances",
    )


def diverging_stacked_bars(
    table: pd.DataFrame,
    *,
    negative: Sequence[str],
    positive: Sequence[str],
    title: str,
    what: str = "responses",
    xlabel: str | None = None,
) -> Figure:
    """Likert-style bars centred on zero: "nothing new" answers left, "gained" answers right.

    Why: with four ordered answers a bar stacked from 0 hides the split that matters (did the
    event add anything?); centring puts every response that gained something on one side.
    ``table`` is the wide form (:func:`wide_counts`): ``group``, ``base`` and one count column
    per option. ``negative`` lists the left-hand options from the centre outwards ("Confirmed
    ...", then "No greater ..."), ``positive`` likewise ("Some additional ...", then "Much
    greater ..."). Segments are labelled with counts (a count in a sliver at either end goes
    just outside it); each row names its base.
    """
    negative, positive = list(negative), list(positive)
    colours = {}
    for options, near, far in (
        (negative, "near_negative", "far_negative"),
        (positive, "near_positive", "far_positive"),
    ):
        for i, option in enumerate(options):
            colours[option] = DIVERGING_COLOURS[near if i == 0 else far] if i < 2 else GREY
    rows = table.reset_index(drop=True)
    if rows.empty:
        return _empty(title, f"No {what} to this question in these data.")
    fig, ax = plt.subplots(figsize=(7.6, max(2.6, 0.72 * len(rows) + 2.3)))
    y = np.arange(len(rows))
    base = rows["base"].astype("int64").to_numpy()
    extent = {}
    for side, options in ((-1, negative), (1, positive)):
        start = np.zeros(len(rows))
        for i, option in enumerate(options):
            counts = (
                rows[option].fillna(0).astype("int64").to_numpy()
                if option in rows
                else np.zeros(len(rows), dtype="int64")
            )
            width = np.divide(100.0 * counts, base, out=np.zeros(len(rows)), where=base > 0)
            left = start if side > 0 else -(start + width)
            ax.barh(y, width, left=left, color=colours[option], height=0.62, edgecolor="white", linewidth=0.6)
            outermost = i == len(options) - 1
            for yy, w, lf, k in zip(y, width, left, counts, strict=True):
                if k == 0:
                    continue
                if w >= 6:
                    ax.text(
                        lf + w / 2,
                        yy,
                        f"{k}",
                        ha="center",
                        va="center",
                        fontsize=9,
                        color=_ink(colours[option]),
                    )
                elif outermost:
                    edge = lf + w + 1 if side > 0 else lf - 1
                    ax.text(
                        edge,
                        yy,
                        f"{k}",
                        ha="left" if side > 0 else "right",
                        va="center",
                        fontsize=9,
                        color=TEXT_COLOUR,
                    )
            start = start + width
        extent[side] = float(start.max()) if len(rows) else 0.0
    ax.axvline(0, color=TEXT_COLOUR, linewidth=1)
    for yy, n in zip(y, base, strict=True):
        if n == 0:
            ax.text(2, yy, "no responses", va="center", fontsize=9, color=SUBTITLE_COLOUR)
    ax.set_yticks(y, labels=[f"{g}\n(n={int(b)})" for g, b in zip(rows["group"], base, strict=True)])
    ax.invert_yaxis()
    left_edge = max(25.0, 25 * np.ceil((extent[-1] + 6) / 25))
    ax.set_xlim(-left_edge, 100)
    ticks = list(np.arange(-left_edge, 101, 25))
    ax.set_xticks(ticks, labels=[f"{abs(t):.0f}%" if t else "0" for t in ticks])
    ax.set_xlabel(xlabel or f"% of {what} (left of the line: nothing new; right: some or more)")
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=colours[o], label=o) for o in list(reversed(negative)) + positive]
    _legend_below(ax, handles, inches=0.62, x=0.4, ncol=2)
    sub = (
        f"Base: {int(base[0])} {what}"
        if len(rows) == 1
        else "Bases: "
        + "; ".join(f"{g} {int(b)}" for g, b in zip(rows["group"], base, strict=True))
        + f" {what}"
    )
    return _finish(fig, title, sub + ". Numbers in the bars are counts.")


def cop_sessions_chart(table: pd.DataFrame, *, title: str = "Community of Practice sessions") -> Figure:
    """Headcount at each Community of Practice session, grouped by community, planned hatched.

    Why: these groups meet repeatedly and their attendance is not in the register, so the
    events list's headcounts are the only record; showing each session reveals whether a group
    holds its members, and the hatched bar keeps "booked" apart from "attended".
    """
    rows = table.reset_index(drop=True)
    if rows.empty:
        return _empty(title, "No Community of Practice sessions in the events list.")
    communities = list(dict.fromkeys(rows["community"]))
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(communities)}
    fig, ax = plt.subplots(figsize=(7.0, max(2.6, 0.42 * len(rows) + 1.9)))
    y = np.arange(len(rows))
    heads = rows["headcount"].astype("Float64").fillna(0).astype("float64").to_numpy()
    planned = (rows["status"] == "planned").to_numpy()
    for yy, h, plan, community in zip(y, heads, planned, rows["community"], strict=True):
        colour = colours[community]
        ax.barh(
            yy,
            h,
            height=0.68,
            color="white" if plan else colour,
            edgecolor=colour,
            hatch="///" if plan else None,
            linewidth=1.2,
        )
        ax.text(
            h + 0.3,
            yy,
            f"{int(h)} booked (planned)" if plan else f"{int(h)}",
            va="center",
            fontsize=9,
            color=TEXT_COLOUR,
        )
    labels = [
        f"{c}: session {s} ({pd.Timestamp(d):%b %Y})"
        for c, s, d in zip(rows["community"], rows["session"], rows["date"], strict=True)
    ]
    ax.set_yticks(y, labels=labels, fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, max(5.0, float(heads.max()) * 1.45) if len(heads) else 5.0)
    ax.set_xlabel("People at the session (headcount in the events list)")
    ax.grid(axis="y", visible=False)
    held = int((~planned).sum())
    return _finish(
        fig,
        title,
        f"Base: {held} sessions held ({int(heads[~planned].sum())} "
        f"attendances in all) and {int(planned.sum())} planned",
    )


PERIOD_COLOURS = {PERIOD_ALL: GREY, **WAVE_COLOURS}
"""Pooled figures grey; each period in the colour of the report (wave) that first counted it."""


def group_colours(groups: Mapping[str, str | None]) -> dict[str, str]:
    """Colour for each display label of ``groups`` (label -> period; ``None`` = pooled)."""
    return {
        label: PERIOD_COLOURS.get(period or PERIOD_ALL, PALETTE[(i + 2) % len(PALETTE)])
        for i, (label, period) in enumerate(groups.items())
    }
