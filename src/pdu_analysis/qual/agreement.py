"""Agreement between two coders: Cohen's kappa per theme, with its 95% interval.

For each theme, every double-coded item (a response or passage coded by both coders) is one
observation: present or absent for each coder. Kappa is statsmodels' ``cohens_kappa`` on that
2 x 2 table; its Wald interval is clipped to -1..1 (with few items it can run past 1). Kappa below
0.6 is flagged: the theme's definition or its use needs another look before its shares are
trusted. A theme neither or both coders always used has no kappa (chance agreement is total).

No kappa is given for a theme fewer than ``MIN_POSITIVES`` double-coded texts carry (by either
coder): with so few, one disagreement more or less moves kappa by 0.3 or more, and when the
coders happen to agree on all of them the interval collapses to "1.00 to 1.00", a certainty no
handful of texts can give. Their counts are shown instead. For the same reason a theme with no
disagreement at all has no interval: the Wald formula gives it zero width.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from statsmodels.stats.inter_rater import cohens_kappa

from .codebook import Codebook

FLAG_BELOW = 0.6
MIN_POSITIVES = 5
"""Fewest double-coded texts carrying a theme (by either coder) for its kappa to be given."""
COLUMNS = [
    "theme",
    "label",
    "double_coded",
    "both",
    "coder_1_only",
    "coder_2_only",
    "neither",
    "coder_1_count",
    "coder_2_count",
    "kappa",
    "ci_low",
    "ci_high",
    "flag",
]


def theme_kappa(first: list[bool], second: list[bool]) -> tuple[float, float, float]:
    """(kappa, low, high) for two coders' present/absent calls on the same items; NaN when undefined."""
    a, b = np.asarray(first, dtype=bool), np.asarray(second, dtype=bool)
    table = np.array([[np.sum(a & b), np.sum(a & ~b)], [np.sum(~a & b), np.sum(~a & ~b)]])
    expected = (table.sum(1) @ table.sum(0)) / max(table.sum(), 1) ** 2
    if table.sum() == 0 or np.isclose(expected, 1.0):
        return float("nan"), float("nan"), float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = cohens_kappa(table)
    return float(result.kappa), max(-1.0, float(result.kappa_low)), min(1.0, float(result.kappa_upp))


def kappa_table(coded: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per theme over every item both coders coded (all sheets together)."""
    both = coded[coded["coder_1"].notna() & coded["coder_2"].notna()]
    rows = []
    for theme in codebook.ids:
        first = [theme in c for c in both["coder_1"]]
        second = [theme in c for c in both["coder_2"]]
        a, b = np.array(first, dtype=bool), np.array(second, dtype=bool)
        kappa, low, high = theme_kappa(first, second)
        positives = int(np.sum(a | b))
        if np.isnan(kappa):
            flag = "not estimable: the theme was never (or always) used" if len(both) else "no double coding"
        elif positives < MIN_POSITIVES:
            kappa = low = high = float("nan")
            flag = f"not given: fewer than {MIN_POSITIVES} double-coded texts carry the theme"
        else:
            flag = f"below {FLAG_BELOW}" if kappa < FLAG_BELOW else ""
            if not np.any(a ^ b):
                low = high = float("nan")  # no disagreement: the Wald interval has no width
        rows.append(
            {
                "theme": theme,
                "label": codebook.labels[theme],
                "double_coded": len(both),
                "both": int(np.sum(a & b)),
                "coder_1_only": int(np.sum(a & ~b)),
                "coder_2_only": int(np.sum(~a & b)),
                "neither": int(np.sum(~a & ~b)),
                "coder_1_count": int(a.sum()),
                "coder_2_count": int(b.sum()),
                "kappa": kappa,
                "ci_low": low,
                "ci_high": high,
                "flag": flag,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def kappa_sentence(table: pd.DataFrame) -> str:
    """How far the coders agreed, in words, from the kappa table."""
    if table.empty or int(table["double_coded"].max()) == 0:
        return "No text has been coded by a second person yet, so agreement cannot be measured."
    n = int(table["double_coded"].iloc[0])
    estimable = table[table["kappa"].notna()]
    low = estimable[estimable["kappa"] < FLAG_BELOW]
    few = int(table["flag"].str.startswith("not given").sum())
    text = (
        f"A second person coded {n} of the texts. Agreement is given for {len(estimable)} "
        f"theme(s) that at least {MIN_POSITIVES} of those texts carry; {few} other theme(s) carried "
        f"by fewer are shown as counts only, because one disagreement would move their kappa by "
        f"0.3 or more."
    )
    if low.empty:
        return text + f" Every one reached a kappa of {FLAG_BELOW} or more."
    names = ", ".join(f"{r.label} (kappa {r.kappa:.2f})" for r in low.itertuples())
    return text + f" Below {FLAG_BELOW}, so to be read with care: {names}."


def agreement_point(table: pd.DataFrame) -> str | None:
    """How far two coders agreed, in the reader's words (no statistic named); None when no theme
    could be checked. The reviewers' sentence with each kappa is :func:`kappa_sentence`."""
    estimable = table[table["kappa"].notna()]
    if estimable.empty:
        return None
    low = estimable[estimable["kappa"] < FLAG_BELOW]
    text = (
        f"A second person coded {int(table['double_coded'].iloc[0])} of the texts without seeing the "
        f"first person's codes. Of the {len(estimable)} theme(s) common enough to check (carried by at "
        f"least {MIN_POSITIVES} of those texts), they agreed well on {len(estimable) - len(low)}"
    )
    if low.empty:
        return text + "."
    listed = ", ".join(low["label"])
    return text + f"; the shares of {listed} depend more on who coded, so read them with care."


def suggestion_sentence(coded: pd.DataFrame, codebook: Codebook) -> str:
    """How far the keyword suggestions shaped the codes: final codes equal to the suggestion.

    The first coder had the suggestions in view; the second did not, so the second coder's rate
    is what a reader who never saw them gives.
    """
    first = coded[coded["coder_1"].notna()]
    if first.empty:
        return "No text has been coded yet."
    same_1 = sum(
        sorted(c) == sorted(codebook.suggest(t)) for c, t in zip(first["coder_1"], first["text"], strict=True)
    )
    text = (
        f"The first coder's themes are exactly the keyword suggestion on {same_1} of the {len(first)} "
        "coded texts (the suggestions were in view as optional help)"
    )
    second = coded[coded["coder_2"].notna()]
    if second.empty:
        return text + "."
    same_2 = sum(
        sorted(c) == sorted(codebook.suggest(t))
        for c, t in zip(second["coder_2"], second["text"], strict=True)
    )
    return text + (
        f"; the second coder, who never saw them, gave exactly the suggested themes on {same_2} of "
        f"{len(second)}."
    )
