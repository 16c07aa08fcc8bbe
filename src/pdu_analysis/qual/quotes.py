"""Approved quotes, and the sentences that set themes and quotes beside the figure they explain.

Only a text whose sheet row says ``approve quote: yes`` becomes a quote, and its words are taken
from the data (already redacted), never from the sheet, so a name typed into a sheet cannot reach a
page. ``beside_figure`` writes "k of n took action; what they did: ..." from the counts.
"""

from __future__ import annotations

import re

import pandas as pd

from ..wording.numbers import share_text
from .codebook import Codebook

QUOTE_COLUMNS = ["sheet", "survey", "question_id", "round", "themes", "quote"]

EXPLAINS = {
    ("follow_up", "action_detail"): (
        "took_action",
        "Yes",
        "took action as a result of PDU events",
        "what they did",
    ),
    ("post_event", "change_detail"): (
        "intend_change",
        "Yes",
        "intended to change their practice",
        "what they will do differently",
    ),
}
"""Open question -> (closed question, answer, what the count means, what the texts say)."""


def approved_quotes(coded: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Approved texts with the labels of their first coder's themes."""
    rows = coded[coded["approved"]]
    labels = codebook.labels
    return pd.DataFrame(
        {
            "sheet": rows["sheet"],
            "survey": rows["survey"],
            "question_id": rows["question_id"],
            "round": rows["round"],
            "themes": [", ".join(labels[t] for t in (c or [])) for c in rows["coder_1"]],
            "quote": rows["text"],
        },
        columns=QUOTE_COLUMNS,
    ).reset_index(drop=True)


def _markdown_safe(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def quote_markdown(quotes: pd.DataFrame, limit: int | None = None) -> str:
    """Quotes as Markdown block quotes, each with its themes."""
    shown = quotes if limit is None else quotes.head(limit)
    return "\n\n".join(
        f"> \u201c{_markdown_safe(q.quote)}\u201d"
        + (f"  \n> \u2014 *{_markdown_safe(q.themes)}*" if q.themes else "")
        for q in shown.itertuples(index=False)
    )


def top_themes(shares: pd.DataFrame, sheet: str, limit: int = 3) -> pd.DataFrame:
    """The most used themes of one sheet (ties in codebook order), zero counts left out."""
    rows = shares[(shares["sheet"] == sheet) & (shares["count"] > 0)]
    return rows.sort_values("count", ascending=False, kind="stable").head(limit)


def beside_figure(k: int, n: int, meaning: str, said: str, shares: pd.DataFrame, sheet: str) -> str:
    """'k of n <meaning>; <said>, in the words of the m whose texts were coded: ...'."""
    lead = f"{share_text(k, n, interval=False)} {meaning}"
    top = top_themes(shares, sheet)
    if top.empty:
        return f"{lead}; none of their descriptions has been coded to a theme yet."
    m = int(top["base"].iloc[0])
    listed = "; ".join(f"{r.label} ({r.count} of {r.base})" for r in top.itertuples())
    return f"{lead}; {said}, among the {m} whose descriptions were coded, most often: {listed}."
