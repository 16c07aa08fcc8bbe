"""Tables recast for reading: counts as "k of n", shares and intervals as text, no code names.

Column headers are plain words; intervals read "18% to 27%" as on every other page
(:func:`pdu_analysis.wording.numbers.interval_text`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pdu_analysis import stats
from pdu_analysis.wording.numbers import interval_text, percent_text, points_text, share_text


def _interval(low, high) -> str:
    return "\u2013" if pd.isna(low) or pd.isna(high) else interval_text(float(low), float(high))


def share_table_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`sector_share_table` for reading: k of n, share, both intervals, design effect."""
    out = pd.DataFrame(
        {
            "figure": table["figure"],
            "attendances": [f"{k} of {n}" for k, n in zip(table["count"], table["base"], strict=True)],
            "share": [percent_text(v) for v in table["percent"]],
            "95% interval, each attendance counted separately": [
                _interval(lo, hi) for lo, hi in zip(table["naive_low"], table["naive_high"], strict=True)
            ],
            "95% interval allowing for repeat attenders": [
                _interval(lo, hi) for lo, hi in zip(table["robust_low"], table["robust_high"], strict=True)
            ],
            "people": table["n_clusters"],
            "design effect": [f"{v:.2f}" if pd.notna(v) else "–" for v in table["design_effect"]],
        }
    )
    return out


def display_comparisons(
    table: pd.DataFrame, names: Mapping[str, Mapping[str, str]] | None = None
) -> pd.DataFrame:
    """A short version of :func:`comparison_table` for the rendered page.

    Counts as :func:`share_text` without an interval, differences rounded to whole points, each
    question's text only on its first row, and rounds or periods by the names readers know
    (``names``: survey to {wave: label}, :func:`pdu_analysis.labels.comparison_names`).
    """
    names = names or {}

    def name(survey: str, wave: str) -> str:
        return names.get(survey, {}).get(wave, wave)

    question = table["question"].where(table["question"].ne(table["question"].shift()), "")
    return pd.DataFrame(
        {
            "Question": question,
            "Answer": table["option"],
            "Rounds compared": [
                f"{name(s, a)} → {name(s, b)}"
                for s, a, b in zip(table["survey"], table["first"], table["second"], strict=True)
            ],
            "First": [
                share_text(k, n, interval=False) for k, n in zip(table["k1"], table["n1"], strict=True)
            ],
            "Second": [
                share_text(k, n, interval=False) for k, n in zip(table["k2"], table["n2"], strict=True)
            ],
            "Difference in points (95% interval)": [
                f"{points_text(d, '', signed=True)} ({points_text(lo, '', signed=True)} to "
                f"{points_text(hi, '', signed=True)})"
                for d, lo, hi in zip(table["diff"], table["diff_ci_low"], table["diff_ci_high"], strict=True)
            ],
            "p-value": [stats.format_p(p).removeprefix("p = ") for p in table["p_value"]],
            "Detectable difference, points": [
                "–" if pd.isna(v) else f"{stats.round_half_up(v):.0f}" for v in table["mdd"]
            ],
        }
    )


def display_shares(shares: pd.DataFrame) -> pd.DataFrame:
    """:func:`sector_shares` for the page: text, and the interval allowing for repeat attenders."""

    return pd.DataFrame(
        {
            "Attendances counted": [
                f"{label} ({'this period alone' if kind == 'disjoint' else 'cumulative'})"
                for label, kind in zip(shares["label"], shares["kind"], strict=True)
            ],
            "Sector": shares["sector"],
            "Share, with 95% interval": shares["text"].fillna("suppressed"),
            "95% interval allowing for repeat attenders": [
                _interval(lo, hi) for lo, hi in zip(shares["robust_low"], shares["robust_high"], strict=True)
            ],
            "People": shares["people"],
        }
    )


def display_cumulative(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`cumulative_table` for reading: the report that quoted each figure, and the share."""
    from pdu_analysis.labels import report_labels

    last = table["periods"].str.split(" + ", regex=False).str[-1]
    reports = report_labels(list(last))
    return pd.DataFrame(
        {
            "Quoted by": [reports[p] for p in last],
            "Attendances counted": "all attendances to that report's cut-off",
            "Statutory share, with 95% interval": table["text"],
        }
    )


def readable_counts(counts: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """:func:`response_counts` for reading: each question by its codebook text, rounds by name."""
    from pdu_analysis.reference import load_codebook

    book = load_codebook()
    text = dict(zip(book["question_id"], book["question_text"], strict=True))
    out = counts.rename(columns={w: names.get(w, w) for w in counts.columns if w != "question"})
    out["question"] = [
        "Responses returned" if q.startswith("(") else text.get(q, q.replace("_", " ").capitalize())
        for q in counts["question"]
    ]
    return out.rename(columns={"question": "Question"})


def matrix_display(table: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """:func:`matrix_table` for reading: one row per part and round, one column per answer."""
    rows = []
    for (item, wave), part in table.groupby(["item", "wave"], sort=False):
        row = {"Part of the events": item, "Round": names.get(wave, wave)}
        for r in part.itertuples():
            row[r.option] = share_text(int(r.count), int(r.base), interval=False)
        rows.append(row)
    return pd.DataFrame(rows)
