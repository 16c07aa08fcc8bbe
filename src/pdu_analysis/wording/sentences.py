"""Plain-English sentences and caveats computed from tables and test results.

Every sentence a page shows about a figure is built here from the data in hand, never typed into
a notebook, so it stays true when the exports change.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pdu_analysis import compare, measures, stats
from pdu_analysis.calendar_words import month_text
from pdu_analysis.measures import ALL
from pdu_analysis.reference import load_codebook
from pdu_analysis.stats.conventions import (
    ALPHA,
    DISCLOSURE_HIGH,
    DISCLOSURE_LOW,
)
from pdu_analysis.stats.proportions import base_flag
from pdu_analysis.wording.assumed import MARK
from pdu_analysis.wording.numbers import interval_text, share_text


def suppression_note(*tables: pd.DataFrame, what: str = "counts", proved: bool = False) -> str | None:
    """One sentence saying how many cells the tables hide, or None when they hide none.

    A table with a ``suppressed`` column (a shares table) is counted by it; any other by the
    markers printed in its cells. Only with ``proved`` (the page's disclosure audit passed) does
    the sentence say the hidden counts cannot be worked out.
    """
    marks = [t["suppressed"] if "suppressed" in t else t.stack() for t in tables]
    marks = pd.concat(marks) if marks else pd.Series(dtype="str")
    primary, secondary = int((marks == "<5").sum()), int((marks == "[c]").sum())
    if not primary and not secondary:
        return None
    one = what[:-1] if what.endswith("s") else what
    parts = []
    if primary:
        parts.append(
            f"{primary} {one if primary == 1 else what} between {DISCLOSURE_LOW} and "
            f'{DISCLOSURE_HIGH} {"is" if primary == 1 else "are"} not shown (marked "<5") '
            "because so few people could be recognised"
        )
    if secondary:
        parts.append(
            f"{secondary} {'further ' if primary else ''}{one if secondary == 1 else what} "
            f'{"is" if secondary == 1 else "are"} hidden ("[c]") to protect '
            f"{'it' if primary == 1 else 'them' if primary else 'counts elsewhere on this page'}"
        )
    text = "; ".join(parts)
    if proved:
        text += (
            "; a check of every value that the figures published on this page allow shows that "
            "none of the hidden counts can be worked out from them"
        )
    return text[0].upper() + text[1:] + "."


def distribution_sentence(table: pd.DataFrame, group: str) -> str:
    """Every option of one group in words, following the small-base rule.

    Base 50 or more: "Yes, 33% (25 of 75), 95% interval 24% to 45%". Base 30 to 49: "59% (24 of
    41)" for each option, then "(indicative only: small base of 41)" once. Under 30: "7 of 26", no
    percentage (:func:`~pdu_analysis.wording.numbers.share_text` each).
    """
    rows = table[table["group"] == group]
    if rows.empty:
        return "no responses to this question"
    counts = [(int(k), int(n)) for k, n in zip(rows["count"], rows["base"], strict=True)]
    if {base_flag(n) for _, n in counts} == {"indicative"}:
        parts = [
            f"{o}, {share_text(k, n, interval=False)}"
            for o, (k, n) in zip(rows["option"], counts, strict=True)
        ]
        return "; ".join(parts) + f" (indicative only: small base of {counts[0][1]})"
    return "; ".join(f"{o}, {share_text(k, n)}" for o, (k, n) in zip(rows["option"], counts, strict=True))


def comparison_sentence(table: pd.DataFrame, option: str, first: str | None, second: str | None) -> str:
    """The comparison's plain-English sentence, or why there is none."""
    if not first or not second or first == second:
        return "Only one period has responses, so the periods are not compared."
    found = compare.period_comparison(table, option, first, second)
    if found is None:
        return (
            f'No comparison between "{first}" and "{second}": one of them has no responses to this question.'
        )
    return found.sentence()


def shares_sentence(table: pd.DataFrame, group: str) -> str:
    """Each category of one group of :func:`shares_table` in words, hidden counts as such."""
    rows = table[table["group"] == group]
    parts = []
    for r in rows.itertuples():
        if r.suppressed:
            parts.append(f"{r.label}, fewer than 5 or hidden to protect one that is")
        elif r.base:
            parts.append(f"{r.label}, {share_text(int(r.count), int(r.base))}")
    return "; ".join(parts) if parts else "none recorded"


def design_effect_sentence(row: Mapping, *, repeaters: int, people: int) -> str:
    """What repeat attendance does to a share's interval (a :func:`sector_share_table` row).

    The wording follows the design effect's side of 1 (:func:`stats.design_effect_phrase`) and the
    intervals as printed (:func:`stats.width_word`), so a narrower interval is never called wider.
    """
    n, deff = int(row["base"]), float(row["design_effect"])
    if not np.isfinite(deff):
        return (
            f"The cluster-robust interval could not be estimated ({row['note']}), so the "
            "naive interval is shown for both."
        )
    compared = stats.width_word(row["robust_low"], row["robust_high"], row["naive_low"], row["naive_high"])
    return (
        f"{repeaters} of the {people} people came to more than one event, so "
        f"{stats.design_effect_phrase(n, deff)}: the cluster-robust 95% interval for this share, "
        f"{interval_text(row['robust_low'], row['robust_high'])}, is {compared} the naive "
        f"{interval_text(row['naive_low'], row['naive_high'])}."
    )


def chi_square_sentence(record: Mapping, *, what: str = "attendances") -> str:
    """The test in words: statistic, p, Cramér's V, then the p allowing for repeat attenders.

    Cramér's V is from the uncorrected statistic (:class:`stats.ChiSquareResult`); the verdict
    follows the cluster-robust p (``p_adjusted``), whose interval cannot disagree with it.
    """
    text = (
        f"Chi-square test of sector by period: χ²({record['dof']}) = "
        f"{record['chi2']:.2f}, {stats.format_p(record['p'])}, Cramér's V = "
        f"{record['cramer_v']:.2f} (n = {record['n']} {what})."
    )
    if np.isfinite(record["p_adjusted"]):
        clear = record["p_adjusted"] < ALPHA
        text += (
            " The test of the statutory share that allows for people who came more than once, "
            "treating each person's attendances as a group (people who came several times are not "
            "independent evidence), gives "
            f"{stats.format_p(record['p_adjusted'])}: the difference "
            f"{'is unlikely to be chance' if clear else 'could be chance'}."
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
            text += f"; a further session planned for {month_text(r.date)}{booked}"
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


def page_base_caveat(named: Mapping[str, pd.DataFrame], *, what: str = "responses") -> str | None:
    """One caveat for a whole page of small bases, instead of one box per chart.

    ``named`` maps a chart's name to its table (columns group, base); every group whose base is
    under the indicative threshold is listed once, and the widest interval on the smallest base
    gives "small" a size (:func:`stats.small_base_caveat`).
    """
    from pdu_analysis.stats.conventions import INDICATIVE_BASE, WORDS_ONLY_BASE

    listed, smallest = [], None
    for name, table in named.items():
        if table is None or table.empty:
            continue
        bases = table.groupby("group", sort=False)["base"].first()
        small = [(g, int(n)) for g, n in bases.items() if 0 < int(n) < INDICATIVE_BASE]
        if small:
            listed.append(f"{name}: " + ", ".join(f"{g} {n}" for g, n in small))
            smallest = min([n for _, n in small] + ([smallest] if smallest else []))
    caveat = stats.small_base_caveat(smallest, what=what) if smallest is not None else None
    if not listed or caveat is None:
        return None
    return (
        f"Few {what}: below {WORDS_ONLY_BASE} a result is given as a count, not a percentage, and "
        f"below {INDICATIVE_BASE} it is indicative only (see the glossary on the index page). "
        f"Small bases on this page ({what} answering): " + "; ".join(listed) + ". "
        f"For the smallest, {caveat[0].lower()}{caveat[1:]}"
    )


def chance_note(table: pd.DataFrame, *, alpha: float = ALPHA) -> str:
    """How many comparisons reached p < alpha, against how many Fisher's test would give by chance.

    ``table`` is a :func:`pdu_analysis.compare.comparison_table` (columns k1, n1, k2, n2, p_value,
    p_holm). The number expected by chance is the sum of Fisher's actual size at each pair of
    bases (:func:`stats.expected_false_positives`), not alpha times the number of comparisons.

    Examples
    --------
    >>> t = pd.DataFrame({"k1": [0, 3], "n1": [7, 7], "k2": [0, 10], "n2": [29, 29],
    ...                   "p_value": [1.0, 0.69], "p_holm": [1.0, 1.0]})
    >>> print(chance_note(t))  # doctest: +NORMALIZE_WHITESPACE
    2 comparisons: 0 have p below 0.05. If nothing had changed, Fisher's exact test would be
    expected to give fewer than 0.1 such results by chance alone (it is conservative at small
    bases, so fewer than 0.05 per comparison); after Holm's adjustment for the number of
    comparisons, none does.
    """
    rows = table[["k1", "n1", "k2", "n2"]].astype("int64").itertuples(index=False, name=None)
    expected = stats.expected_false_positives(rows, alpha=alpha) if len(table) else 0.0
    return stats.chance_sentence(
        table["p_value"].astype(float).tolist(), table["p_holm"].astype(float).tolist(), expected, alpha=alpha
    )


def base_note(
    answers: pd.DataFrame,
    responses: pd.DataFrame,
    survey: str,
    question_id: str,
    wave: str,
    names: Mapping[str, str] | None = None,
) -> str | None:
    """Sentence when fewer responses answered a question than were returned in that wave."""
    returned = int(((responses["survey"] == survey) & (responses["wave"] == wave)).sum())
    answered = measures.answer_count(answers, survey, question_id, "", wave)[1]
    if answered == returned or not answered:
        return None
    return (
        f"In the {(names or {}).get(wave, wave)} round {answered} of the {returned} responses "
        "answered this question; "
        f"every share here is out of the {answered} who answered, not the {returned} "
        "returned."
    )


def cumulative_note(attendances: pd.DataFrame, sector: str = "statutory") -> str:
    """The latest cumulative figure explained beside the disjoint periods it is made of."""
    periods = measures.periods_in_order(attendances)
    first = attendances[attendances["period"] == periods[0]]
    k1, n1 = int((first["sector"] == sector).sum()), len(first)
    kc, nc = int((attendances["sector"] == sector).sum()), len(attendances)
    note = stats.cumulative_vs_disjoint_note(
        k1,
        n1,
        kc,
        nc,
        first_label=f"in the {periods[0]} period",
        later_label=f"after the {periods[0]} period",
    )
    return (
        f"Share of attendances from the {sector} sector. {note} The cumulative figures are "
        "not tested against each other: the later one contains the earlier one's attendances."
    )


def practice_change_note(table: pd.DataFrame, codebook: pd.DataFrame | None = None) -> str:
    """Why intention and action are shown side by side but not tested, with their figures.

    Intention is quoted over every post-event response (the survey follows every event); action
    from the latest follow-up wave (each wave is a snapshot of what people have done so far), as
    the final report quotes them.
    """
    from pdu_analysis.labels import survey_wave_labels

    book = load_codebook() if codebook is None else codebook
    rounds = survey_wave_labels()
    parts = []
    for name, which in (("intention", ALL), ("action", "latest")):
        rows = table[(table["measure"] == name)]
        if rows.empty:
            continue
        waves = rows[rows["wave"] != ALL]
        chosen = rows[rows["wave"] == ALL] if which == ALL else waves.iloc[[-1]]
        row = (chosen if len(chosen) else rows).iloc[-1]
        text = book.loc[
            (book["survey"] == row["survey"]) & (book["question_id"] == row["question_id"]), "question_text"
        ]
        question = text.iloc[0] if len(text) else row["question_id"]
        survey = row["survey"].replace("_", "-")
        where = "all responses" if row["wave"] == ALL else f"{rounds.get(row['wave'], row['wave'])} round"
        parts.append(
            f"{name}: {row['text']} answered '{row['answer']}' to \"{question}\" ({survey} survey, {where})"
        )
    return (
        "These are two different questions, asked of different people at different times "
        "and out of different bases, so they are shown side by side and not tested against "
        "each other. " + "; ".join(p[0].upper() + p[1:] for p in parts) + "."
    )


def describe(
    table: pd.DataFrame,
    wave_names: dict[str, str] | None = None,
    *,
    category: str = "option",
    most_first: bool = True,
) -> str:
    """Every category's "k of n" in each wave, as one sentence per wave (for text and alt text).

    A row flagged ``assumed`` (:func:`pdu_analysis.figures.flag_assumed`) carries the mark.

    Examples
    --------
    >>> t = pd.DataFrame({"option": ["A", "B"], "wave": ["w1", "w1"], "count": [1, 3],
    ...                   "base": [4, 4], "text": ["1 of 4", "3 of 4"]})
    >>> describe(t)
    'W1: B 3 of 4, A 1 of 4.'
    """
    if table.empty:
        return "This question was not asked in any round."
    names = wave_names or {}
    parts = []
    for wave in dict.fromkeys(table["wave"]):
        rows = table[table["wave"] == wave]
        if most_first:
            rows = rows.sort_values("count", ascending=False, kind="stable")
        name = names.get(wave, "all rounds together" if wave == ALL else wave)
        marks = rows["assumed"].fillna(False).astype(bool) if "assumed" in rows else [False] * len(rows)
        items = ", ".join(
            f"{c} {t}{MARK if m else ''}" for c, t, m in zip(rows[category], rows["text"], marks, strict=True)
        )
        parts.append(f"{name[0].upper() + name[1:]}: {items}.")
    return " ".join(parts)


def bases_text(
    table: pd.DataFrame,
    wave_names: dict[str, str] | None = None,
    *,
    what: str = "answering",
    category: str | None = None,
) -> str:
    """The base of each wave in a table, e.g. ``"interim (June 2018) 7 answering; ..."``.

    With ``category``, each category's base is named (for rows with different bases).
    """
    names = wave_names or {}
    parts = []
    if category is not None:
        for wave in dict.fromkeys(table["wave"]):
            rows = table[table["wave"] == wave]
            items = ", ".join(
                f"{c} out of {int(b)}" for c, b in zip(rows[category], rows["base"], strict=True)
            )
            parts.append(f"{names.get(wave, 'all rounds' if wave == ALL else wave)}: {items}")
        return "; ".join(parts) if parts else "no responses"
    for wave in dict.fromkeys(table["wave"]):
        bases = sorted(set(table.loc[table["wave"] == wave, "base"].astype(int)))
        base = str(bases[0]) if len(bases) == 1 else f"{bases[0]}–{bases[-1]}"
        parts.append(f"{names.get(wave, 'all rounds' if wave == ALL else wave)} {base} {what}")
    return "; ".join(parts) if parts else "no responses"


def sentences_markdown(
    table: pd.DataFrame, names: Mapping[str, Mapping[str, str]] | None = None, sentence=None
) -> str:
    """A markdown list: each comparison's two figures and its sentence, rounds and periods named as
    readers know them (``names``: survey to {wave: label}). ``sentence`` turns a row into its
    sentence (default: the row's reviewer ``sentence``; :func:`pdu_analysis.wording.plain.plain_markdown`
    passes the reader's)."""
    names = names or {}

    def name(survey: str, wave: str) -> str:
        return names.get(survey, {}).get(wave, wave)

    said = sentence or (lambda r: r.sentence)
    return "\n".join(
        f"- **{r.label}** ({name(r.survey, r.first)} → {name(r.survey, r.second)}): "
        f"{r.text1} → {r.text2}. {said(r)}"
        for r in table.itertuples()
    )
