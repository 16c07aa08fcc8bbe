"""Theme shares per question and round (k of n with Wilson intervals), and rounds compared.

The unit is the respondent (a survey response) or the interviewee, never the passage: an interview
with three passages on one theme counts once. The base is the units whose texts the first coder
has coded; the first coder's codes are the ones counted (the second coder's measure agreement
only). Rounds of the same question are compared with the statistics used for closed questions
(``stats.compare_two``), as one family adjusted with Holm, and not below ``MIN_TEST_BASE``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from statsmodels.stats.multitest import multipletests

from .. import stats
from ..clean.interviews import SURVEY as INTERVIEWS
from ..stats.conventions import ALPHA
from ..stats.verdict import detectable_phrase, verdict_clause
from .codebook import Codebook

MIN_TEST_BASE = 10
"""Fewest coded units in each group for a theme comparison to be tested (counts shown below it)."""

CODE_COLUMNS = ["sheet", "survey", "question_id", "round", "unit_id", "item_id", "coder", "theme"]
SHARE_COLUMNS = [
    "sheet",
    "survey",
    "question_id",
    "round",
    "theme",
    "label",
    "count",
    "base",
    "percent",
    "ci_low",
    "ci_high",
]


def codes_long(coded: pd.DataFrame) -> pd.DataFrame:
    """One row per item, coder and theme applied (no text): the tidy table of codes."""
    rows = []
    for item in coded.itertuples(index=False):
        for coder, themes in ((1, item.coder_1), (2, item.coder_2)):
            for theme in themes or []:
                rows.append(
                    {
                        "sheet": item.sheet,
                        "survey": item.survey,
                        "question_id": item.question_id,
                        "round": item.round,
                        "unit_id": item.unit_id,
                        "item_id": item.item_id,
                        "coder": coder,
                        "theme": theme,
                    }
                )
    table = pd.DataFrame(rows, columns=CODE_COLUMNS)
    return table.sort_values(["sheet", "item_id", "coder", "theme"], kind="stable").reset_index(drop=True)


def coded_units(coded: pd.DataFrame) -> pd.DataFrame:
    """Units (respondents, interviewees) whose texts coder 1 coded: sheet, survey, question, round, unit."""
    done = coded[coded["coder_1"].notna()]
    return done[["sheet", "survey", "question_id", "round", "unit_id"]].drop_duplicates()


def theme_shares(
    coded: pd.DataFrame, codebook: Codebook, rounds_in_order: list[str] | None = None
) -> pd.DataFrame:
    """k of n units with each theme, per question and round, with the 95% Wilson interval.

    Rows run by survey and question, then round (in ``rounds_in_order``, others after, by name),
    then theme in codebook order.
    """
    units = coded_units(coded)
    codes = codes_long(coded)
    codes = codes[codes["coder"] == 1]
    rows = []
    for (sheet, survey, question, round_), group in units.groupby(
        ["sheet", "survey", "question_id", "round"], sort=True
    ):
        base = len(group)
        hits = codes[codes["sheet"] == sheet].groupby("theme")["unit_id"].nunique()
        for theme in codebook.ids:
            share = stats.proportion(int(hits.get(theme, 0)), base)
            rows.append(
                {
                    "sheet": sheet,
                    "survey": survey,
                    "question_id": question,
                    "round": round_,
                    "theme": theme,
                    "label": codebook.labels[theme],
                    **share.to_record(),
                }
            )
    table = pd.DataFrame(rows, columns=SHARE_COLUMNS)
    known = list(rounds_in_order or [])
    rank = {r: i for i, r in enumerate(known + sorted(set(table["round"]) - set(known)))}
    theme_rank = {t: i for i, t in enumerate(codebook.ids)}
    table = table.assign(_r=table["round"].map(rank), _t=table["theme"].map(theme_rank))
    table = table.sort_values(["survey", "question_id", "_r", "_t"], kind="stable")
    return table.drop(columns=["_r", "_t"]).reset_index(drop=True)


def units_with_theme(coded: pd.DataFrame, theme: str, round_: str) -> int:
    """Units of one round (any question or source) whose coded texts carry ``theme`` (coder 1)."""
    codes = codes_long(coded)
    rows = codes[(codes["coder"] == 1) & (codes["theme"] == theme) & (codes["round"] == round_)]
    return int(rows[["survey", "unit_id"]].drop_duplicates().shape[0])


def round_comparisons(
    shares: pd.DataFrame,
    rounds_in_order: list[str],
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """Consecutive rounds of each question compared, theme by theme, as one family of tests.

    Themes used in either round are listed. A pair where either group has fewer than
    ``MIN_TEST_BASE`` coded units is not tested: its counts are shown instead (at such bases no
    difference short of all-or-nothing could be told from chance). Interviews are not compared:
    interviewees were chosen, not sampled. Every tested row is adjusted with Holm over all the
    tested rows (``p_holm``), and its verdict and sentence follow the adjusted p with the interval
    (:func:`stats.verdict`), so nothing is called evidence of change unless it survives Holm.
    ``names`` gives, per survey, each round's name in a sentence (periods for post-event answers,
    rounds for follow-up answers: :func:`labels.sentence_names`).
    """
    rows = []
    for (survey, question), group in shares.groupby(["survey", "question_id"], sort=True):
        if survey == INTERVIEWS:
            continue
        present = [r for r in rounds_in_order if r in set(group["round"])]
        called = (names or {}).get(survey, {})
        for first, second in zip(present, present[1:], strict=False):
            a = group[group["round"] == first].set_index("theme")
            b = group[group["round"] == second].set_index("theme")
            for theme in a.index:
                k1, n1 = int(a.at[theme, "count"]), int(a.at[theme, "base"])
                k2, n2 = int(b.at[theme, "count"]), int(b.at[theme, "base"])
                if k1 == 0 and k2 == 0:
                    continue
                labels = (called.get(first, first), called.get(second, second))
                row = {
                    "survey": survey,
                    "question_id": question,
                    "theme": theme,
                    "label": a.at[theme, "label"],
                }
                if min(n1, n2) < MIN_TEST_BASE:
                    row.update(
                        {"first": labels[0], "second": labels[1], "k1": k1, "n1": n1, "k2": k2, "n2": n2}
                    )
                    row["tested"] = False
                else:
                    result = stats.compare_two(k1, n1, k2, n2, labels=labels)
                    row.update(result.to_record())
                    row["tested"] = True
                    row["_result"] = result
                rows.append(row)
    return _adjusted(rows)


def _adjusted(rows: list[dict]) -> pd.DataFrame:
    """Holm over the tested rows; verdicts and sentences from the adjusted p."""
    tested = [r for r in rows if r["tested"]]
    adjusted = multipletests([r["p_value"] for r in tested], alpha=ALPHA, method="holm")[1] if tested else []
    for row, p_holm in zip(tested, adjusted, strict=True):
        result = row.pop("_result")
        row["p_holm"] = float(p_holm)
        row["verdict"] = stats.verdict(float(p_holm), result.ci_low, result.ci_high)
        row["sentence"] = _sentence(result, float(p_holm), len(tested))
    for row in rows:
        if not row["tested"]:
            row.update({"p_holm": float("nan"), "verdict": "not tested", "sentence": _untested(row)})
    return (
        pd.DataFrame(rows, columns=list(dict.fromkeys([c for r in rows for c in r])))
        if rows
        else (
            pd.DataFrame(
                columns=["survey", "question_id", "theme", "label", "tested", "p_holm", "verdict", "sentence"]
            )
        )
    )


def _sentence(result, p_holm: float, family: int) -> str:
    a, b = result.labels
    opening = f"With {result.n1} ({a}) and {result.n2} ({b}) coded answers"
    test = f"Fisher's exact, Holm-adjusted over {family} theme comparison{'s' if family != 1 else ''},"
    clause = verdict_clause(result.diff, p_holm, result.ci_low, result.ci_high, test=test)
    return f"{opening} {detectable_phrase(result.mdd, result.mdd_direction)}; {clause}."


def _untested(row: dict) -> str:
    return (
        f"{row['k1']} of {row['n1']} ({row['first']}) and {row['k2']} of {row['n2']} ({row['second']}): "
        f"not tested, because fewer than {MIN_TEST_BASE} answers were coded in a group."
    )
