"""Tables recast for reading: counts as "k of n", shares and intervals as text, no code names."""

from __future__ import annotations

import pandas as pd

from pdu_analysis import stats
from pdu_analysis.wording.numbers import compact_share, percent_text


def share_table_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`sector_share_table` for reading: k of n, share, both intervals, design effect."""
    out = pd.DataFrame(
        {
            "figure": table["figure"],
            "attendances": [f"{k} of {n}" for k, n in zip(table["count"], table["base"], strict=True)],
            "share": [percent_text(v) for v in table["percent"]],
            "naive 95% CI": [
                f"{percent_text(lo)} to {percent_text(hi)}"
                for lo, hi in zip(table["naive_low"], table["naive_high"], strict=True)
            ],
            "cluster-robust 95% CI": [
                f"{percent_text(lo)} to {percent_text(hi)}"
                for lo, hi in zip(table["robust_low"], table["robust_high"], strict=True)
            ],
            "people": table["n_clusters"],
            "design effect": [f"{v:.2f}" if pd.notna(v) else "–" for v in table["design_effect"]],
        }
    )
    return out


def display_comparisons(table: pd.DataFrame) -> pd.DataFrame:
    """A short version of :func:`comparison_table` for the rendered page.

    Counts as :func:`compact_share`, differences rounded to whole points, and each question's text
    only on its first row.
    """

    def points(v: float) -> str:
        whole = int(stats.round_half_up(v))
        return f"{whole:+d}" if whole else "0"

    question = table["question"].where(table["question"].ne(table["question"].shift()), "")
    return pd.DataFrame(
        {
            "question": question,
            "answer": table["option"],
            "waves": table["first"] + " → " + table["second"],
            "first": [compact_share(k, n) for k, n in zip(table["k1"], table["n1"], strict=True)],
            "second": [compact_share(k, n) for k, n in zip(table["k2"], table["n2"], strict=True)],
            "difference, points (95% CI)": [
                f"{points(d)} ({points(lo)} to {points(hi)})"
                for d, lo, hi in zip(table["diff"], table["diff_ci_low"], table["diff_ci_high"], strict=True)
            ],
            "Fisher p": [stats.format_p(p).removeprefix("p = ") for p in table["p_value"]],
            "detectable, points": [
                "–" if pd.isna(v) else f"{stats.round_half_up(v):.0f}" for v in table["mdd"]
            ],
        }
    )


def display_shares(shares: pd.DataFrame) -> pd.DataFrame:
    """:func:`sector_shares` for the page: text, and the interval allowing for repeat attenders."""

    def interval(low, high) -> str:
        if pd.isna(low):
            return "–"
        return f"{stats.round_half_up(low):.0f}–{stats.round_half_up(high):.0f}%"

    return pd.DataFrame(
        {
            "attendances counted": [
                f"{label} ({'this period alone' if kind == 'disjoint' else 'cumulative'})"
                for label, kind in zip(shares["label"], shares["kind"], strict=True)
            ],
            "sector": shares["sector"],
            "share (95% Wilson interval)": shares["text"].fillna("suppressed"),
            "interval allowing for repeat attenders": [
                interval(lo, hi) for lo, hi in zip(shares["robust_low"], shares["robust_high"], strict=True)
            ],
            "people": shares["people"],
        }
    )


def display_headline(table: pd.DataFrame) -> pd.DataFrame:
    """The headline table for readers: plain names, and each figure in the small-base wording."""
    from pdu_analysis.labels import MEASURE_LABELS, survey_wave_labels, wave_label

    labels = survey_wave_labels()
    rows = []
    for row in table.itertuples(index=False):
        if pd.isna(row.base):
            result, interval = f"{int(row.count)}", "–"
        else:
            share = stats.proportion(int(row.count), int(row.base))
            result = (
                share.text()
                if share.flag != "ok"
                else f"{share.display_percent}% ({share.count}/{share.base})"
            )
            interval = f"{stats.round_half_up(share.ci_low)}% to {stats.round_half_up(share.ci_high)}%"
        rows.append(
            {
                "measure": MEASURE_LABELS.get(row.measure, row.measure),
                "wave or period": wave_label(row.measure, row.wave, labels),
                "result": result,
                "95% interval": interval,
            }
        )
    return pd.DataFrame(rows)
