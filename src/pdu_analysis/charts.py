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

from . import measures
from .paths import REFERENCE_DIR
from .plots import GREY, OKABE_ITO, PALETTE, SECTOR_COLOURS, WAVE_COLOURS
from .stats import proportion, sector_share_clustered
from .stats.conventions import DISCLOSURE_HIGH, DISCLOSURE_LOW, WORDS_ONLY_BASE

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
_DARK = {OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["bluish_green"],
         OKABE_ITO["reddish_purple"], OKABE_ITO["black"], GREY}


# --------------------------------------------------------------------------------------- labels
def _cutoff_date(cutoff: str | date) -> date:
    return cutoff if isinstance(cutoff, date) else date.fromisoformat(str(cutoff))


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def period_labels(periods: Sequence[str], interim_cutoff: str | date) -> dict[str, str]:
    """Reader-facing names of the disjoint periods, e.g. ``{"interim": "To 30 Jun 2018"}``.

    The first period is everything up to the interim cut-off; with two periods the second is
    "After" it; any further period keeps its own name (a third follow-up round adds one).
    """
    cut = _day(_cutoff_date(interim_cutoff))
    labels = {}
    for i, period in enumerate(periods):
        if i == 0:
            labels[period] = f"To {cut}"
        elif i == 1:
            labels[period] = f"After {cut}"
        else:
            labels[period] = period.replace("_", " ").capitalize()
    return labels


def report_labels(periods: Sequence[str]) -> dict[str, str]:
    """The report that first counted each period (``data/reference/waves.csv``), else the name."""
    waves = pd.read_csv(REFERENCE_DIR / "waves.csv", dtype=str, keep_default_na=False)
    known = dict(zip(waves["wave"], waves["report"], strict=True))
    return {p: known.get(p, p.replace("_", " ").capitalize()) for p in periods}


def _fmt_count(k: int, n: int) -> str:
    """"k/n (P%)", or "k of n" alone on a base under 30 (DESIGN.md small-base rule)."""
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
    fig.text(0.012, 1 - top / height, "\n".join(title_lines), ha="left", va="top",
             fontsize=12.5, fontweight="bold", color=TEXT_COLOUR)
    if sub_lines:
        fig.text(0.012, 1 - (top + title_h + gap) / height, "\n".join(sub_lines), ha="left",
                 va="top", fontsize=9.5, color=SUBTITLE_COLOUR, linespacing=1.25)
    fig.tight_layout(rect=(0, 0, 1, 1 - header / height))
    return fig


def _ink(colour: str) -> str:
    """Label colour that reads on a segment of ``colour``."""
    return "white" if colour in _DARK else TEXT_COLOUR


# ----------------------------------------------------------------------------- chart data tables
def shares_table(values: pd.Series, order: Iterable[str], *,
                 group: str = PERIOD_ALL) -> pd.DataFrame:
    """Count, base, percent and 95% Wilson interval of each category in ``values`` (zeros kept).

    Categories not in ``order`` are an error rather than silently dropped from the base.
    """
    order = list(order)
    unknown = sorted(set(values.dropna().astype(str)) - set(order))
    if unknown:
        raise ValueError(f"values not in the expected categories {order}: {unknown}")
    counts = values.astype(str).value_counts()
    n = int(values.notna().sum())
    rows = []
    for label in order:
        k = int(counts.get(label, 0))
        row = {"group": group, "label": label, "count": k, "base": n}
        if n:
            p = proportion(k, n)
            row |= {"percent": p.percent, "ci_low": p.ci_low, "ci_high": p.ci_high}
        rows.append(row)
    return pd.DataFrame(rows, columns=["group", "label", "count", "base", "percent", "ci_low",
                                       "ci_high"])


def events_per_person_table(people: pd.DataFrame, *, low: int = DISCLOSURE_LOW,
                            high: int = DISCLOSURE_HIGH) -> pd.DataFrame:
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
        rows.append({"events": label, "people": int(mask.sum()),
                     "attendances": int(per_person[mask].sum()), "pooled": chosen < top})
    return pd.DataFrame(rows)


def sector_share_table(attendances: pd.DataFrame, sector: str, *, interim_cutoff: str | date,
                       cluster_col: str = "person_id") -> pd.DataFrame:
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
            counted = measures.cumulative_periods(order, period) if basis == "cumulative" \
                else [period]
            subset = attendances[attendances["period"].isin(counted)]
            share = sector_share_clustered(subset, outcome_col="sector", success=sector,
                                           cluster_col=cluster_col).iloc[0].to_dict()
            share.pop("group")
            figure = (f"{reports[period]}: all to date" if basis == "cumulative"
                      else f"{alone[period]}, this period alone")
            rows.append({"figure": figure, "basis": basis, "periods": "+".join(counted),
                         "sector": sector, **share})
    return pd.DataFrame(rows)


def sector_by_event_table(attendances: pd.DataFrame, events: pd.DataFrame, *,
                          suppress: bool = True, low: int = DISCLOSURE_LOW,
                          high: int = DISCLOSURE_HIGH) -> pd.DataFrame:
    """Attendances at each learning event by sector, in date order, with a ``suppressed`` flag.

    An event where some sector had 1 to 4 attendances is flagged (with ``suppress``): its mix is
    not drawn, since a handful of people from one sector at one event can be recognised.
    """
    sectors = [s for s in SECTOR_ORDER if s in set(attendances["sector"])]
    counts = (attendances.groupby(["event_id", "sector"]).size().unstack(fill_value=0)
              .reindex(columns=sectors, fill_value=0))
    learning = events[events["kind"] == "learning_event"][["event_id", "date", "title"]]
    table = learning.merge(counts, left_on="event_id", right_index=True, how="inner")
    table = table.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    table[sectors] = table[sectors].astype("int64")
    table["total"] = table[sectors].sum(axis=1).astype("int64")
    small = table[sectors].apply(lambda c: c.between(low, high)).any(axis=1)
    table["suppressed"] = small if suppress else False
    return table


def focus_by_sector_table(attendances: pd.DataFrame, focus_order: Sequence[str], *,
                          interim_cutoff: str | date) -> pd.DataFrame:
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

    The community is the title before its first colon ("Care Act Community of Practice:
    session 2"); sessions are numbered by date within it.
    """
    cop = events[events["kind"] == "community_of_practice"].copy()
    cop["community"] = (cop["title"].str.split(":").str[0]
                        .str.replace(r"\s*Community of Practice\s*$", "", regex=True).str.strip())
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


def option_counts_table(answers: pd.DataFrame, survey: str, question_id: str,
                        groups: Mapping[str, str | None], *, multi: bool = False) -> pd.DataFrame:
    """Counts of every option of a question for each group, long format with the group's base.

    ``groups`` maps a display label to a wave (``None`` or ``"all"`` pools every wave). Groups
    where nobody answered are left out (a base of 0 has no shares). ``multi`` counts ticked
    options of a multi-select question (base: responses ticking at least one).
    """
    options = question_options(survey, question_id)
    frames = []
    for label, wave in groups.items():
        dist = measures.distribution(answers, survey, question_id, options, wave,
                                     by="item" if multi else "answer")
        if len(dist) and int(dist["base"].iloc[0]) > 0:
            frames.append(dist.assign(group=label))
    if not frames:
        return pd.DataFrame(columns=["group", "option", "count", "base", "percent", "ci_low",
                                     "ci_high"])
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
    wide = table.pivot(index="group", columns="option", values="count").reindex(
        index=groups, columns=options)
    base = table.groupby("group")["base"].first().reindex(groups)
    return pd.concat([base, wide], axis=1).reset_index().rename_axis(columns=None)


# ----------------------------------------------------------------------------------------- charts
def proportion_bars_with_ci(table: pd.DataFrame, *, title: str, what: str = "responses",
                            group_colours: Mapping[str, str] | None = None,
                            subtitle: str | None = None,
                            xlabel: str = "% (line: 95% Wilson interval)") -> Figure:
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
        ks = rows["count"].fillna(0).astype("int64").to_numpy()
        ns = rows["base"].fillna(0).astype("int64").to_numpy()
        shares = [proportion(k, n) if n else None for k, n in zip(ks, ns, strict=True)]
        pct = np.array([p.percent if p else 0.0 for p in shares])
        lows = np.array([p.percent - p.ci_low if p else 0.0 for p in shares])
        highs = np.array([p.ci_high - p.percent if p else 0.0 for p in shares])
        ax.barh(y, pct, height=band * 0.88, color=colours[g])
        ax.errorbar(pct, y, xerr=[lows, highs], fmt="none", ecolor=TEXT_COLOUR, elinewidth=1,
                    capsize=2.5)
        for yy, p, hi, k, n in zip(y, pct, highs, ks, ns, strict=True):
            ax.text(p + hi + 1.2, yy, _fmt_count(int(k), int(n)), va="center", ha="left",
                    fontsize=8.5 if many else 9.5, color=TEXT_COLOUR)
    ax.set_yticks(np.arange(len(labels)), labels=labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 120)
    ax.set_xticks([0, 20, 40, 60, 80, 100], labels=["0", "20%", "40%", "60%", "80%", "100%"])
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    if many:
        handles = [Patch(color=colours[g], label=f"{g} (n={bases[g]})") for g in groups]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, -0.2),
                  ncol=min(3, len(groups)), frameon=False, fontsize=8.5)
    if subtitle is None:
        subtitle = (f"Base: {bases.iloc[0]} {what}" if not many else
                    "Bases: " + "; ".join(f"{g} {bases[g]}" for g in groups) + f" {what}")
    return _finish(fig, title, subtitle)


def multi_select_bars(table: pd.DataFrame, *, title: str, what: str = "responses",
                      group_colours: Mapping[str, str] | None = None) -> Figure:
    """Share of those answering who ticked each option of a multi-select question.

    Why: with "tick all that apply" the base is the people who answered, not the ticks, and the
    bars add to more than 100%; the subtitle says both so nobody reads the bars as slices.
    """
    data = table.rename(columns={"option": "label"}).copy()
    if "group" not in data.columns:
        data["group"] = PERIOD_ALL
    bases = data.groupby("group", sort=False)["base"].first().astype("int64")
    if len(bases) == 1:
        base_text = f"the {bases.iloc[0]} {what} that answered"
    else:
        base_text = ("those that answered (" + "; ".join(f"{g} {n}" for g, n in bases.items())
                     + f" {what})")
    subtitle = f"Base: % of {base_text}; more than one answer allowed, so bars add to over 100%"
    return proportion_bars_with_ci(data, title=title, what=what, subtitle=subtitle,
                                   group_colours=group_colours,
                                   xlabel="% of those answering (line: 95% Wilson interval)")


def naive_vs_robust_intervals(table: pd.DataFrame, *, title: str,
                              what: str = "attendances") -> Figure:
    """Each share with two 95% intervals: naive (Wilson) and cluster-robust (GEE by person).

    Why: the register counts attendances, and someone who came four times counts four times;
    the robust interval allows for that, so the gap between the two lines shows how much repeat
    attendance should temper any comparison. ``table`` is :func:`sector_share_table`'s: rows
    ``figure`` with ``count``, ``base``, ``percent``, ``naive_low``/``high``,
    ``robust_low``/``high``, ``n_clusters`` (people) and optionally ``basis``; a dotted line
    separates cumulative from single-period figures.
    """
    rows = table.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.4, max(2.6, 0.75 * len(rows) + 2.0)))
    y = np.arange(len(rows))
    styles = (("naive_low", "naive_high", OKABE_ITO["sky_blue"], -0.15,
               "Naive 95% interval (Wilson: attendances treated as independent)"),
              ("robust_low", "robust_high", OKABE_ITO["blue"], 0.15,
               "Cluster-robust 95% interval (GEE, person as cluster)"))
    for lo, hi, colour, offset, name in styles:
        ax.errorbar(rows["percent"], y + offset,
                    xerr=[rows["percent"] - rows[lo], rows[hi] - rows["percent"]],
                    fmt="o", color=colour, ecolor=colour, elinewidth=2.4, capsize=3.5,
                    markersize=5.5, label=name)
    labels = [f"{r.figure}\n{_fmt_count(int(r.count), int(r.base))}, {r.n_clusters} people"
              for r in rows.itertuples()]
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
    ax.legend(loc="upper left", bbox_to_anchor=(-0.02, -0.2), fontsize=8.5, frameon=False)
    total = int(rows["base"].max()) if len(rows) else 0
    return _finish(fig, title, f"Base: {total} {what} in all; each row gives its own k/n and "
                   "the people behind it")


def events_per_person_histogram(table: pd.DataFrame, *,
                                title: str = "How many learning events each person attended"
                                ) -> Figure:
    """Number of people by how many learning events they attended.

    Why: the register counts attendances, not people, so the same total can hide many one-off
    visitors or a loyal core; this shows which, with both totals in the subtitle. A pooled top
    category ("4 or more", see :func:`events_per_person_table`) is labelled as such.
    """
    people, attendances = int(table["people"].sum()), int(table["attendances"].sum())
    fig, ax = plt.subplots(figsize=(6.0, 3.9))
    x = np.arange(len(table))
    ax.bar(x, table["people"], color=OKABE_ITO["blue"], width=0.65)
    top = float(table["people"].max()) if len(table) else 0.0
    for xx, k in zip(x, table["people"], strict=True):
        ax.text(xx, k + max(top, 1) * 0.02, f"{int(k)}", ha="center", va="bottom", fontsize=10,
                color=TEXT_COLOUR)
    ax.set_xticks(x, labels=table["events"])
    ax.set_xlabel("Learning events attended")
    ax.set_ylabel("People")
    ax.set_ylim(0, max(1.0, top * 1.15))
    ax.grid(axis="x", visible=False)
    return _finish(fig, title, f"Base: {people} people who made {attendances} attendances")


def sector_mix_by_event(table: pd.DataFrame, *, interim_cutoff: str | date,
                        title: str = "Sector mix at each learning event") -> Figure:
    """100% stacked bars of sector at each event in date order, with the interim cut-off line.

    Why: the report says the statutory share rose after the interim report; event by event one
    can see whether that is a steady shift or a few events that drew statutory teams. Events
    flagged ``suppressed`` (:func:`sector_by_event_table`: a sector with 1 to 4 attendances) are
    drawn as a hatched grey bar with only their size shown.
    """
    sectors = [s for s in SECTOR_ORDER if s in table.columns]
    cut = _cutoff_date(interim_cutoff)
    fig, ax = plt.subplots(figsize=(8.6, 4.8))
    x = np.arange(len(table))
    totals = table["total"].astype("float64").to_numpy()
    shown = ~table["suppressed"].astype(bool).to_numpy()
    bottom = np.zeros(len(table))
    for sector in sectors:
        counts = table[sector].astype("float64").to_numpy()
        share = np.divide(100.0 * counts, totals, out=np.zeros(len(table)),
                          where=shown & (totals > 0))
        ax.bar(x, share, bottom=bottom, color=SECTOR_COLOURS[sector], width=0.78,
               label=sector.capitalize())
        bottom += share
    if (~shown).any():
        ax.bar(x, np.where(shown, 0.0, 100.0), color="#e0e0e0", width=0.78, hatch="///",
               edgecolor="#8c8c8c", linewidth=0, label="Mix not shown: a sector had 1 to 4")
    for xx, n in zip(x, table["total"], strict=True):
        ax.text(xx, 101.5, f"{int(n)}", ha="center", va="bottom", fontsize=8,
                color=TEXT_COLOUR)
    dates = pd.to_datetime(table["date"]).dt.date.tolist()
    before = sum(d <= cut for d in dates)
    if 0 < before < len(table):
        ax.axvline(before - 0.5, ymax=100 / 118, color=TEXT_COLOUR, linestyle="--",
                   linewidth=1.3)
        ax.text(before - 0.5, 109, f"interim cut-off, {_day(cut)}", ha="center",
                va="bottom", fontsize=8.5, color=TEXT_COLOUR)
    ticks = [f"{e}  {d:%b %y}" for e, d in zip(table["event_id"], dates, strict=True)]
    ax.set_xticks(x, labels=ticks, fontsize=8, rotation=60, ha="right",
                  rotation_mode="anchor")
    ax.set_xlim(-0.6, len(table) - 0.4)
    ax.set_ylim(0, 118)
    ax.set_yticks([0, 25, 50, 75, 100], labels=["0", "25%", "50%", "75%", "100%"])
    ax.set_ylabel("% of the event's attendances")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.36), ncol=len(sectors) + 1,
              frameon=False, fontsize=9)
    n_att, n_ev = int(table["total"].sum()), len(table)
    return _finish(fig, title, f"Base: {n_att} attendances at {n_ev} learning events; the number "
                   "above each bar is that event's attendances")


def diverging_stacked_bars(table: pd.DataFrame, *, negative: Sequence[str],
                           positive: Sequence[str], title: str, what: str = "responses",
                           xlabel: str | None = None) -> Figure:
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
    for options, near, far in ((negative, "near_negative", "far_negative"),
                               (positive, "near_positive", "far_positive")):
        for i, option in enumerate(options):
            colours[option] = DIVERGING_COLOURS[near if i == 0 else far] if i < 2 else GREY
    rows = table.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.6, max(2.6, 0.72 * len(rows) + 2.3)))
    y = np.arange(len(rows))
    base = rows["base"].astype("int64").to_numpy()
    extent = {}
    for side, options in ((-1, negative), (1, positive)):
        start = np.zeros(len(rows))
        for i, option in enumerate(options):
            counts = (rows[option].fillna(0).astype("int64").to_numpy() if option in rows
                      else np.zeros(len(rows), dtype="int64"))
            width = np.divide(100.0 * counts, base, out=np.zeros(len(rows)), where=base > 0)
            left = start if side > 0 else -(start + width)
            ax.barh(y, width, left=left, color=colours[option], height=0.62,
                    edgecolor="white", linewidth=0.6)
            outermost = i == len(options) - 1
            for yy, w, lf, k in zip(y, width, left, counts, strict=True):
                if k == 0:
                    continue
                if w >= 6:
                    ax.text(lf + w / 2, yy, f"{k}", ha="center", va="center", fontsize=9,
                            color=_ink(colours[option]))
                elif outermost:
                    edge = lf + w + 1 if side > 0 else lf - 1
                    ax.text(edge, yy, f"{k}", ha="left" if side > 0 else "right", va="center",
                            fontsize=9, color=TEXT_COLOUR)
            start = start + width
        extent[side] = float(start.max()) if len(rows) else 0.0
    ax.axvline(0, color=TEXT_COLOUR, linewidth=1)
    for yy, n in zip(y, base, strict=True):
        if n == 0:
            ax.text(2, yy, "no responses", va="center", fontsize=9, color=SUBTITLE_COLOUR)
    ax.set_yticks(y, labels=[f"{g}\n(n={int(b)})" for g, b in zip(rows["group"], base,
                                                                    strict=True)])
    ax.invert_yaxis()
    left_edge = max(25.0, 25 * np.ceil((extent[-1] + 6) / 25))
    ax.set_xlim(-left_edge, 100)
    ticks = list(np.arange(-left_edge, 101, 25))
    ax.set_xticks(ticks, labels=[f"{abs(t):.0f}%" if t else "0" for t in ticks])
    ax.set_xlabel(xlabel or f"% of {what} (left of the line: nothing new; right: some or more)")
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=colours[o], label=o) for o in list(reversed(negative)) + positive]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.3), ncol=2,
              frameon=False, fontsize=8.5)
    sub = (f"Base: {int(base[0])} {what}" if len(rows) == 1 else
           "Bases: " + "; ".join(f"{g} {int(b)}" for g, b in zip(rows["group"], base,
                                                                 strict=True)) + f" {what}")
    return _finish(fig, title, sub + ". Numbers in the bars are counts.")


def cop_sessions_chart(table: pd.DataFrame, *,
                       title: str = "Community of Practice sessions") -> Figure:
    """Headcount at each Community of Practice session, grouped by community, planned hatched.

    Why: these groups meet repeatedly and their attendance is not in the register, so the
    events list's headcounts are the only record; showing each session reveals whether a group
    holds its members, and the hatched bar keeps "booked" apart from "attended".
    """
    rows = table.reset_index(drop=True)
    communities = list(dict.fromkeys(rows["community"]))
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(communities)}
    fig, ax = plt.subplots(figsize=(7.0, max(2.6, 0.42 * len(rows) + 1.9)))
    y = np.arange(len(rows))
    heads = rows["headcount"].astype("Float64").fillna(0).astype("float64").to_numpy()
    planned = (rows["status"] == "planned").to_numpy()
    for yy, h, plan, community in zip(y, heads, planned, rows["community"], strict=True):
        colour = colours[community]
        ax.barh(yy, h, height=0.68, color="white" if plan else colour, edgecolor=colour,
                hatch="///" if plan else None, linewidth=1.2)
        ax.text(h + 0.3, yy, f"{int(h)} booked (planned)" if plan else f"{int(h)}",
                va="center", fontsize=9, color=TEXT_COLOUR)
    labels = [f"{c}: session {s} ({pd.Timestamp(d):%b %Y})"
              for c, s, d in zip(rows["community"], rows["session"], rows["date"], strict=True)]
    ax.set_yticks(y, labels=labels, fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, max(5.0, float(heads.max()) * 1.45) if len(heads) else 5.0)
    ax.set_xlabel("People at the session (headcount in the events list)")
    ax.grid(axis="y", visible=False)
    held = int((~planned).sum())
    return _finish(fig, title, f"Base: {held} sessions held ({int(heads[~planned].sum())} "
                   f"attendances in all) and {int(planned.sum())} planned")


PERIOD_COLOURS = {PERIOD_ALL: GREY, **WAVE_COLOURS}
"""Pooled figures grey; each period in the colour of the report (wave) that first counted it."""


def group_colours(groups: Mapping[str, str | None]) -> dict[str, str]:
    """Colour for each display label of ``groups`` (label -> period; ``None`` = pooled)."""
    return {label: PERIOD_COLOURS.get(period or PERIOD_ALL, PALETTE[(i + 2) % len(PALETTE)])
            for i, (label, period) in enumerate(groups.items())}
