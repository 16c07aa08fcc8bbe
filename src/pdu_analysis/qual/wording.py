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
from ..stats.verdict import EVIDENCE_WORDS
from ..wording.numbers import interval_text, share_text
from ..wording.plain import plain_verdict
from .agreement import FLAG_BELOW, MIN_POSITIVES, agreement_point
from .shares import MIN_TEST_BASE

__all__ = [
    "main_points",
    "progress_table",
    "question_name",
    "quotes_table",
    "readable_comparisons",
    "readable_shares",
    "reviewer_comparisons",
]

TOO_FEW = "too few answers to show a difference"
"""What a reader is told about a theme comparison below the minimum base (counts only)."""

COMPARISON_METHOD = (
    "Each theme's share is compared between consecutive rounds (post-event answers by the period in "
    "which they were given, follow-up answers by survey round) with the test used for the closed "
    "questions: the Newcombe interval for the difference, Fisher's exact test and the difference the "
    "bases could detect. All the theme comparisons on this page are one family: their p-values are "
    "adjusted together with Holm's method, and a difference is called " + EVIDENCE_WORDS + " only when the "
    "adjusted p is below 0.05 and the interval excludes no change. A pair where either group has fewer "
    f"than {MIN_TEST_BASE} coded answers is not tested; its counts are shown. Interviews are not compared "
    "between rounds: interviewees were chosen, not sampled."
)
"""How the rounds are compared, for the reviewers' detail."""

AGREEMENT_METHOD = (
    "For each theme, Cohen's kappa (statsmodels' ``cohens_kappa`` on the 2 x 2 table of present and "
    "absent calls) measures the two coders' agreement beyond chance (1 is perfect, 0 no better than "
    f"chance), with its Wald 95% interval; below {FLAG_BELOW} a theme is flagged, because its shares "
    f"depend on who coded. No kappa is given for a theme fewer than {MIN_POSITIVES} double-coded texts "
    "carry: one disagreement more or less would move it by 0.3 or more."
)
"""What the agreement table measures, for the reviewers' detail."""

CODING_METHOD = (
    "`make coding-sheets` (``python -m pdu_analysis.qual``) writes one sheet per open question and "
    "round into the dataset's coding folder (`data/coding/` for the shipped data): free text of the "
    "surveys, and interview notes split into paragraphs, coded to the themes of "
    "`data/reference/themes.csv`. Re-running it after new responses arrive adds rows and keeps every "
    "code entered. The first coder's sheets show the text and the themes its keywords suggest "
    "(optional help); the second coder's show only the id and the text. The text in the sheets is "
    "already redacted, so filled sheets can be kept and shared; the words shown on this page are "
    "taken from the data, not the sheet. Reading a sheet back stops the build on an unknown theme, an "
    "id not in the data or an unclear approval, naming the sheet, row and column. Shares are k of n "
    "with the 95% Wilson interval (counts only below a base of 30)."
)
"""How the texts were coded and counted, for the methods part of the reviewers' detail."""


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


def readable_shares(shares: pd.DataFrame, names: dict | None = None, published=None) -> pd.DataFrame:
    """Themes used at least once, with 'k of n' and the 95% interval, by question and round.

    With ``published`` (``wording.assumed.Published``) a k of n the report never published carries
    the mark, as the same row does in the charts.
    """
    from pdu_analysis.wording.assumed import MARK, assumed_rows

    used = shares[shares["count"] > 0]
    marks = [MARK if a else "" for a in assumed_rows(used, published)]
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
                share_text(k, n, interval=False) + mark
                for k, n, mark in zip(used["count"], used["base"], marks, strict=True)
            ],
            "95% interval": [
                interval_text(lo, hi) for lo, hi in zip(used["ci_low"], used["ci_high"], strict=True)
            ],
        }
    ).reset_index(drop=True)


def _comparison_frame(comparisons: pd.DataFrame, last: str, words: list[str]) -> pd.DataFrame:
    """question, theme, the two rounds' k of n, then ``last`` holding ``words``."""
    if comparisons.empty:
        return pd.DataFrame(columns=["question", "theme", "rounds", last])
    return pd.DataFrame(
        {
            "question": [
                question_name(s, q)
                for s, q in zip(comparisons["survey"], comparisons["question_id"], strict=True)
            ],
            "theme": comparisons["label"],
            "rounds": [
                f"{share_text(a, b, interval=False)} ({f}) \u2192 {share_text(c, d, interval=False)} ({g})"
                for a, b, f, c, d, g in zip(
                    comparisons["k1"],
                    comparisons["n1"],
                    comparisons["first"],
                    comparisons["k2"],
                    comparisons["n2"],
                    comparisons["second"],
                    strict=True,
                )
            ],
            last: words,
        }
    )


def plain_theme_verdict(row) -> str:
    """A theme comparison in the reader's words: the verdict of :mod:`pdu_analysis.wording.plain`
    on the Holm-adjusted p, or :data:`TOO_FEW` for a pair below the minimum base."""
    if not bool(row["tested"]):
        return f"Not compared: {TOO_FEW}."
    text = plain_verdict(
        float(row["diff"]),
        float(row["p_holm"]),
        float(row["ci_low"]),
        float(row["ci_high"]),
        float(row["mdd"]),
        str(row["mdd_direction"]),
    )
    return text[0].upper() + text[1:] + "."


def readable_comparisons(comparisons: pd.DataFrame) -> pd.DataFrame:
    """Round comparisons for readers: each round's k of n and what the difference shows, in words."""
    words = [plain_theme_verdict(r) for _, r in comparisons.iterrows()]
    return _comparison_frame(comparisons, "what it shows", words)


def reviewer_comparisons(comparisons: pd.DataFrame) -> pd.DataFrame:
    """Round comparisons for reviewers: the test's sentence (Fisher, Holm, interval, p)."""
    words = comparisons["sentence"].tolist() if len(comparisons) else []
    return _comparison_frame(comparisons, "comparison", words)


def quotes_table(voices: pd.DataFrame) -> pd.DataFrame:
    """Approved quotes with the reader's heading of the report section each informs."""
    headings = dict(zip(*(reference.report_sections()[c] for c in ("section", "heading")), strict=True))
    return pd.DataFrame(
        {
            "report section": [headings.get(s, s) for s in voices["section"]],
            "speaker": voices["speaker"],
            "theme": voices["theme"],
            "quote": voices["quote"],
        }
    ).reset_index(drop=True)


def main_points(
    coded: pd.DataFrame,
    shares: pd.DataFrame,
    kappa: pd.DataFrame,
    quotes: pd.DataFrame,
    names: dict | None = None,
    comparisons: pd.DataFrame | None = None,
    published=None,
) -> str:
    """The page's main points as Markdown bullets (a theme's k of n marked, with ``published``,
    where the report never published it, as in the page's table and charts)."""
    from pdu_analysis.wording.assumed import MARK, assumed_rows

    units = coded[coded["coder_1"].notna()][["survey", "unit_id"]].drop_duplicates()
    texts = len(coded)
    done = int(coded["coder_1"].notna().sum())
    points = [
        f"{texts} free-text answers and interview passages were read from the exports and notes; "
        + (
            f"{done} of them have been coded to themes, from {len(units)} respondents and interviewees."
            if done
            else "this text is not coded yet: the dataset has no filled coding sheets, so no theme "
            "shares or quotes can be shown (how to write the sheets is in the reviewers' notes at the "
            "end of this page)."
        )
    ]
    asked = shares[(shares["count"] > 0) & ~shares["question_id"].str.endswith(OTHER_SUFFIX)]
    for (survey, question), group in asked.groupby(["survey", "question_id"], sort=False):
        latest = group[group["round"] == group["round"].iloc[-1]]  # rows run in round order
        top = latest.sort_values("count", ascending=False, kind="stable").iloc[:1]
        mark = MARK if assumed_rows(top, published)[0] else ""
        row = top.iloc[0]
        points.append(
            f"{question_name(survey, question)} \u2014 {_round(row['round'], survey, names)}: "
            "the commonest theme was "
            f"{row['label']}, in {int(row['count'])} of {int(row['base'])}{mark} {unit_word(survey)}."
        )
    agreed = agreement_point(kappa)
    if agreed:
        points.append(agreed)
    if comparisons is not None and len(comparisons):
        points.append(comparison_point(comparisons))
    points.append(
        f"{len(quotes)} quotes were approved for this page; names, e-mail addresses, phone numbers and "
        "organisations in them are replaced by [name], [e-mail], [phone] and [organisation]."
    )
    return "\n".join(f"- {p}" for p in points)


def comparison_point(comparisons: pd.DataFrame) -> str:
    """How many theme comparisons could be made, and what they show, in the reader's words (the
    verdicts follow the Holm-adjusted tests: :func:`plain_theme_verdict`)."""
    tested = comparisons[comparisons["tested"].astype(bool)]
    untested = len(comparisons) - len(tested)
    held = tested[tested["verdict"] == "evidence"]
    text = f"{len(tested)} theme(s) had enough coded answers to compare between rounds or periods"
    if tested.empty:
        text = "No theme had enough coded answers to compare between rounds or periods"
    elif held.empty:
        text += f": none is {EVIDENCE_WORDS} once the number of comparisons is allowed for"
    else:
        text += (
            f"; {EVIDENCE_WORDS}, once the number of comparisons is allowed for: {', '.join(held['label'])}"
        )
    if untested:
        text += (
            f"; {untested} more had {TOO_FEW} (fewer than {MIN_TEST_BASE} coded answers in a round "
            "or period), so only their counts are given"
        )
    return text + "."


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
    from ..figures.marks import small_base_note
    from ..wording.chart_titles import alt_text, theme_title

    name = question_name(survey, question)
    title = theme_title(table)
    bases = "; ".join(f"{g} {int(b)}" for g, b in table.groupby("group", sort=False)["base"].first().items())
    caption = (
        f"Themes coded in answers to '{name}', as a share of the {unit_word(survey)} whose answers were "
        f"coded, with 95% intervals ({small_base_note()}; one answer can carry several themes). "
        f"Bases: {bases}."
    )
    numbers = [
        f"{r.label}, {r.group}: {int(r.count)} of {int(r.base)}" for r in table.itertuples(index=False)
    ]
    return title, caption, alt_text(title, numbers)
