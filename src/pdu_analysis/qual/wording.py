"""Words and readable tables for the open-text page: every sentence computed from the codes.

Question names come from the survey codebook. Post-event answers are grouped by the period in
which they were given and named by its dates ("To 30 June 2018"); follow-up answers and interviews
by their round ("Final (January 2019)"), as on every other page (``labels.comparison_names``).
Counts follow the small-base rules of the closed questions ("k of n" below 30).
"""

from __future__ import annotations

import pandas as pd

from .. import labels, reference
from ..clean.interviews import SURVEY as INTERVIEWS
from ..clean.open_text import OTHER_SUFFIX
from ..errors import PDUInputError
from ..wording.numbers import interval_text, share_text
from .agreement import FLAG_BELOW, MIN_POSITIVES

__all__ = ["main_points", "progress_table", "question_name", "readable_comparisons", "readable_shares"]


def question_name(survey: str, question_id: str) -> str:
    """The question as its survey asked it; "Other" texts and interview notes named as such."""
    if survey == INTERVIEWS:
        return "Telephone interviews"
    book = reference.load_codebook()
    base = question_id.removesuffix(OTHER_SUFFIX)
    row = book[(book["survey"] == survey) & (book["question_id"] == base)]
    text = row["question_text"].iloc[0] if len(row) else question_id
    return f"{text} (Other, please specify)" if question_id.endswith(OTHER_SUFFIX) else text


def unit_word(survey: str) -> str:
    """What the base counts: interviewees for interviews, responses for surveys."""
    return "interviewees" if survey == INTERVIEWS else "responses"


def counted_as(survey: str, question_id: str) -> str:
    """What a theme's k of n counts, as a reader says it: "interviewees", or "responses to “...”"."""
    if survey == INTERVIEWS:
        return unit_word(survey)
    return f"{unit_word(survey)} to “{question_name(survey, question_id)}”"


def round_names() -> dict[str, str]:
    """Round id -> its label in ``waves.csv`` (``interim`` -> ``Interim (June 2018)``)."""
    waves = reference.waves_by_cutoff()
    return dict(zip(waves["wave"], waves["label"], strict=True))


def interim_cutoff() -> str:
    """The cut-off the cleaning applied (``periods.csv``), else the first round's in waves.csv."""
    from ..clean.waves import applied_cutoff

    try:
        return applied_cutoff()
    except (PDUInputError, KeyError, IndexError):
        return str(reference.waves_by_cutoff()["attendance_cutoff"].iloc[0])


def group_names(responses: pd.DataFrame, *, in_sentence: bool = False) -> dict[str, dict[str, str]]:
    """Survey -> {round id: name}: periods for post-event answers, rounds for the rest."""
    names = labels.comparison_names(responses, interim_cutoff())
    if in_sentence:
        names = labels.sentence_names(names)
    rounds = round_names()
    if in_sentence:
        rounds = {w: n.split(" (")[0].lower() for w, n in rounds.items()}
    return {"post_event": names["post_event"], "follow_up": names["follow_up"], INTERVIEWS: rounds}


def _round(value: str, survey: str = "", names: dict | None = None) -> str:
    known = (names or {}).get(survey) or ({} if survey == "post_event" else round_names())
    return known.get(value, value)


def progress_table(coded: pd.DataFrame, names: dict | None = None) -> pd.DataFrame:
    """Per sheet: texts, coded by coder 1, coded by both, approved as quotes."""
    rows = []
    for (sheet, survey, question, round_), group in coded.groupby(
        ["sheet", "survey", "question_id", "round"], sort=True
    ):
        rows.append(
            {
                "question": question_name(survey, question),
                "round or period": _round(round_, survey, names),
                "coding sheet": f"{sheet}.xlsx",
                "texts": len(group),
                "coded": int(group["coder_1"].notna().sum()),
                "double-coded": int((group["coder_1"].notna() & group["coder_2"].notna()).sum()),
                "approved quotes": int(group["approved"].sum()),
            }
        )
    return pd.DataFrame(rows)


def readable_shares(shares: pd.DataFrame, names: dict | None = None) -> pd.DataFrame:
    """Themes used at least once, with 'k of n' and the 95% interval, by question and round."""
    used = shares[shares["count"] > 0]
    return pd.DataFrame(
        {
            "question": [
                question_name(s, q) for s, q in zip(used["survey"], used["question_id"], strict=True)
            ],
            "round or period": [
                _round(r, s, names) for r, s in zip(used["round"], used["survey"], strict=True)
            ],
            "theme": used["label"],
            "k of n": [
                share_text(k, n, interval=False) for k, n in zip(used["count"], used["base"], strict=True)
            ],
            "95% interval": [
                interval_text(lo, hi) for lo, hi in zip(used["ci_low"], used["ci_high"], strict=True)
            ],
        }
    ).reset_index(drop=True)


def readable_comparisons(comparisons: pd.DataFrame) -> pd.DataFrame:
    """Round comparisons with their sentence, for a table."""
    if comparisons.empty:
        return pd.DataFrame(columns=["question", "theme", "rounds", "comparison"])
    return pd.DataFrame(
        {
            "question": [
                question_name(s, q)
                for s, q in zip(comparisons["survey"], comparisons["question_id"], strict=True)
            ],
            "theme": comparisons["label"],
            "rounds": [
                f"{share_text(a, b, interval=False)} \u2192 {share_text(c, d, interval=False)}"
                for a, b, c, d in zip(
                    comparisons["k1"], comparisons["n1"], comparisons["k2"], comparisons["n2"], strict=True
                )
            ],
            "comparison": comparisons["sentence"],
        }
    )


def main_points(
    coded: pd.DataFrame,
    shares: pd.DataFrame,
    kappa: pd.DataFrame,
    quotes: pd.DataFrame,
    names: dict | None = None,
    comparisons: pd.DataFrame | None = None,
) -> str:
    """The page's main points as Markdown bullets."""
    units = coded[coded["coder_1"].notna()][["survey", "unit_id"]].drop_duplicates()
    texts = len(coded)
    done = int(coded["coder_1"].notna().sum())
    points = [
        f"{texts} free-text answers and interview passages were read from the exports and notes; "
        + (
            f"{done} of them have been coded to themes, from {len(units)} respondents and interviewees."
            if done
            else "this text is not coded yet: the dataset has no filled coding sheets, so no theme "
            "shares or quotes can be shown (`make coding-sheets` writes the sheets to fill)."
        )
    ]
    asked = shares[(shares["count"] > 0) & ~shares["question_id"].str.endswith(OTHER_SUFFIX)]
    for (survey, question), group in asked.groupby(["survey", "question_id"], sort=False):
        latest = group[group["round"] == group["round"].iloc[-1]]  # rows run in round order
        top = latest.sort_values("count", ascending=False, kind="stable").iloc[0]
        points.append(
            f"{question_name(survey, question)} \u2014 {_round(top['round'], survey, names)}: "
            "the commonest theme was "
            f"{top['label']}, in {int(top['count'])} of {int(top['base'])} {unit_word(survey)}."
        )
    estimable = kappa[kappa["kappa"].notna()]
    if len(estimable):
        low = int((estimable["kappa"] < FLAG_BELOW).sum())
        points.append(
            f"Two coders agreed on {len(estimable) - low} of the {len(estimable)} themes with enough texts "
            f"to a kappa of {FLAG_BELOW} or more, over {int(kappa['double_coded'].iloc[0])} double-coded "
            f"texts (agreement is not given for themes fewer than {MIN_POSITIVES} of those texts carry)."
        )
    if comparisons is not None and len(comparisons):
        points.append(comparison_point(comparisons))
    points.append(
        f"{len(quotes)} quotes were approved for this page; names, e-mail addresses, phone numbers and "
        "organisations in them are replaced by [name], [e-mail], [phone] and [organisation]."
    )
    return "\n".join(f"- {p}" for p in points)


def comparison_point(comparisons: pd.DataFrame) -> str:
    """How many theme comparisons were tested, and how many survive Holm's adjustment."""
    from .shares import MIN_TEST_BASE

    tested = comparisons[comparisons["tested"].astype(bool)]
    held = tested[tested["verdict"] == "evidence"]
    untested = len(comparisons) - len(tested)
    text = (
        f"{len(tested)} theme comparison(s) between rounds or periods were tested together"
        f" ({untested} more had fewer than {MIN_TEST_BASE} coded answers in a group and show counts only); "
    )
    if held.empty:
        return text + "none is evidence of change once the number of comparisons is allowed for."
    listed = ", ".join(held["label"])
    return text + f"evidence of change after allowing for the number of comparisons: {listed}."


def chart_table(shares: pd.DataFrame, survey: str, question: str, names: dict | None = None) -> pd.DataFrame:
    """label/count/base/group rows of one question's themes used in any round, for the bar chart."""
    rows = shares[(shares["survey"] == survey) & (shares["question_id"] == question)]
    used = rows.groupby("theme")["count"].transform("max") > 0
    rows = rows[used]
    order = rows.groupby("label", sort=False)["count"].sum().sort_values(ascending=False, kind="stable").index
    table = pd.DataFrame(
        {
            "label": rows["label"],
            "count": rows["count"],
            "base": rows["base"],
            "group": rows["round"].map(lambda r: _round(r, survey, names)),
        }
    )
    table["label"] = pd.Categorical(table["label"], categories=list(order), ordered=True)
    return table.sort_values(["label"], kind="stable").assign(label=lambda t: t["label"].astype(str))


def chart_words(table: pd.DataFrame, survey: str, question: str) -> tuple[str, str, str]:
    """(title stating the finding, caption, alt text) for one question's theme chart; the title
    and the alt text's form come from :mod:`pdu_analysis.wording.chart_titles`."""
    from ..wording.chart_titles import alt_text, theme_title

    name = question_name(survey, question)
    title = theme_title(table)
    bases = "; ".join(f"{g} {int(b)}" for g, b in table.groupby("group", sort=False)["base"].first().items())
    caption = (
        f"Themes coded in answers to '{name}', as a share of the {unit_word(survey)} whose answers were "
        f"coded, with 95% Wilson intervals where the base is 30 or more (one answer can carry several "
        f"themes). Bases: {bases}."
    )
    numbers = [
        f"{r.label}, {r.group}: {int(r.count)} of {int(r.base)}" for r in table.itertuples(index=False)
    ]
    return title, caption, alt_text(title, numbers)
