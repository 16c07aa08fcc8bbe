"""Theme shares per question and round (k of n with Wilson intervals), and rounds compared.

The unit is the respondent (a survey response) or the interviewee, never the passage: an interview
with three passages on one theme counts once. The base is the units whose texts the first coder
has coded; the first coder's codes are the ones counted (the second coder's measure agreement
only). Rounds of the same question are compared with the statistics used for closed questions
(``stats.compare_two``).
"""

from __future__ import annotations

import pandas as pd

from .. import stats
from .codebook import Codebook

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


def round_comparisons(shares: pd.DataFrame, rounds_in_order: list[str]) -> pd.DataFrame:
    """Consecutive rounds of each question compared, theme by theme (themes used in either round)."""
    rows = []
    for (survey, question), group in shares.groupby(["survey", "question_id"], sort=True):
        present = [r for r in rounds_in_order if r in set(group["round"])]
        for first, second in zip(present, present[1:], strict=False):
            a = group[group["round"] == first].set_index("theme")
            b = group[group["round"] == second].set_index("theme")
            for theme in a.index:
                k1, n1, k2, n2 = (
                    int(a.at[theme, "count"]),
                    int(a.at[theme, "base"]),
                    int(b.at[theme, "count"]),
                    int(b.at[theme, "base"]),
                )
                if k1 == 0 and k2 == 0:
                    continue
                result = stats.compare_two(k1, n1, k2, n2, labels=(first, second))
                rows.append(
                    {
                        "survey": survey,
                        "question_id": question,
                        "theme": theme,
                        "label": a.at[theme, "label"],
                        **result.to_record(),
                        "sentence": result.sentence(),
                    }
                )
    return pd.DataFrame(rows)
