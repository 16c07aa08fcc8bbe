"""Comparisons between rounds and periods: the measures a codebook makes comparable, the pairs
compared, and each comparison's shares, difference, interval, test and sentence.

Waves always come from the data, so a third follow-up round adds rows and comparisons without
code changes. Intention (post-event) and action (follow-up) are shown side by side, never tested
against each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd
from statsmodels.stats.multitest import multipletests

from pdu_analysis import measures, stats
from pdu_analysis.labels import slug
from pdu_analysis.reference import load_codebook
from pdu_analysis.stats.conventions import (
    ALPHA,
)
from pdu_analysis.tables.headline import FOLLOW_UP_MEASURES, POST_EVENT_MEASURES
from pdu_analysis.tables.survey import SHARE_COLUMNS, measure_by_wave
from pdu_analysis.wording.numbers import share_text


def period_comparison(
    table: pd.DataFrame, option: str, first: str | None, second: str | None
) -> stats.Comparison | None:
    """:func:`pdu_analysis.stats.compare_two` for one option between two groups (None if one
    group has no responses)."""
    rows = table[table["option"] == option].set_index("group")
    if not first or not second or first == second or first not in rows.index or second not in rows.index:
        return None
    a, b = rows.loc[first], rows.loc[second]
    return stats.compare_two(
        int(a["count"]), int(a["base"]), int(b["count"]), int(b["base"]), labels=(first, second)
    )


def adjusted_chi_square(test: stats.ChiSquareResult, clustered_p: float) -> dict[str, object]:
    """The chi-square record plus the p that allows for repeat attenders.

    ``clustered_p`` is the ``p_value`` of :func:`stats.compare_periods_clustered` (people as
    clusters), the same test the interim-versus-final page uses, so the two pages cannot disagree.
    """
    record = test.to_record()
    record["p_adjusted"] = float(clustered_p)
    return record


CONSECUTIVE = "consecutive"


FIRST_VS_LATEST = "first vs latest"


CATALOGUE_COLUMNS = ["measure", "survey", "question_id", "kind", "option", "question", "label"]


COMPARISON_COLUMNS = [
    "measure",
    "survey",
    "question_id",
    "option",
    "question",
    "label",
    "first",
    "second",
    "pair",
    "k1",
    "n1",
    "pct1",
    "ci1_low",
    "ci1_high",
    "text1",
    "k2",
    "n2",
    "pct2",
    "ci2_low",
    "ci2_high",
    "text2",
    "diff",
    "diff_ci_low",
    "diff_ci_high",
    "p_value",
    "p_holm",
    "mdd",
    "mdd_direction",
    "sentence",
]
"""Columns of :func:`comparison_table`: percentages and intervals on 0-100, differences in points
(second minus first), ``p_holm`` adjusted over every row of the table."""


INTENTION = ("post_event", "intend_change", "Yes")


ACTION = ("follow_up", "took_action", "Yes")
"""(survey, question_id, answer) of the two practice-change measures shown side by side."""


def catalogue_from_codebook(
    codebook: pd.DataFrame | None = None, *, names: dict[tuple[str, str, str], str] | None = None
) -> pd.DataFrame:
    """One measure per countable answer of every single- and multi-choice question.

    A single-choice question with two options gives one measure (its first option: "No" is the
    complement of "Yes" and adds nothing); with three or more, one per option. A multi-select
    gives one per option (the share of those answering who ticked it). Open and matrix questions
    are left out. ``label`` is the question, with the option unless the question has a single
    measure, for charts.

    Parameters
    ----------
    codebook : DataFrame, optional
        Columns survey, question_id, kind, question_text, options ("|"-separated); default the
        project's codebook.
    names : dict, optional
        ``(survey, question_id, option) -> measure name`` for measures that already have a name
        (the headline table's); others are called ``question_id_option``.

    Returns
    -------
    DataFrame
        Columns :data:`CATALOGUE_COLUMNS`, in codebook order.

    Examples
    --------
    >>> book = pd.DataFrame({"survey": ["follow_up"] * 2, "question_id": ["made_contact", "q"],
    ...                      "kind": ["single", "multi"], "question_text": ["Contact?", "How?"],
    ...                      "options": ["Yes|No", "A|B"]})
    >>> catalogue_from_codebook(book)["measure"].tolist()
    ['made_contact_yes', 'q_a', 'q_b']
    """
    book = load_codebook() if codebook is None else codebook
    names = names or {}
    rows = []
    for q in book.itertuples(index=False):
        if q.kind not in ("single", "multi"):
            continue
        options = [o for o in str(q.options).split("|") if o]
        if q.kind == "single" and len(options) == 2:
            options = options[:1]
        for option in options:
            name = names.get((q.survey, q.question_id, option), f"{q.question_id}_{slug(option)}")
            label = (
                q.question_text if q.kind == "single" and len(options) == 1 else f"{q.question_text} {option}"
            )
            rows.append(
                {
                    "measure": name,
                    "survey": q.survey,
                    "question_id": q.question_id,
                    "kind": q.kind,
                    "option": option,
                    "question": q.question_text,
                    "label": label,
                }
            )
    return pd.DataFrame(rows, columns=CATALOGUE_COLUMNS)


def headline_names() -> dict[tuple[str, str, str], str]:
    """Names the headline table gives to survey measures, keyed by (survey, question, answer)."""

    found = {}
    for survey, catalogue in (
        ("follow_up", FOLLOW_UP_MEASURES),
        ("post_event", POST_EVENT_MEASURES),
    ):
        for name, (question, answer) in catalogue.items():
            found[(survey, question, answer)] = name
    return found


def consecutive_pairs(waves: Sequence[str]) -> list[tuple[str, str]]:
    """Each wave with the next one.

    Examples
    --------
    >>> consecutive_pairs(["interim", "final", "2019-07"])
    [('interim', 'final'), ('final', '2019-07')]
    """
    waves = list(waves)
    return list(zip(waves[:-1], waves[1:], strict=True))


def comparison_pairs(waves: Sequence[str]) -> list[tuple[str, str, str]]:
    """Pairs of waves to compare: consecutive ones, and first vs latest when there are 3 or more.

    Returns ``(first, second, pair)`` with ``pair`` :data:`CONSECUTIVE` or
    :data:`FIRST_VS_LATEST`.

    Examples
    --------
    >>> comparison_pairs(["a", "b"])
    [('a', 'b', 'consecutive')]
    >>> comparison_pairs(["a", "b", "c"])[-1]
    ('a', 'c', 'first vs latest')
    >>> comparison_pairs(["a"])
    []
    """
    waves = list(waves)
    pairs = [(a, b, CONSECUTIVE) for a, b in consecutive_pairs(waves)]
    if len(waves) >= 3:
        pairs.append((waves[0], waves[-1], FIRST_VS_LATEST))
    return pairs


def compare_record(
    k1: int,
    n1: int,
    k2: int,
    n2: int,
    first: str,
    second: str,
    *,
    what: str = "responses",
    names: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """The comparison columns of one pair of waves (second minus first); the sentence names the
    waves as ``names`` gives them (default: their codes)."""
    names = names or {}
    c = stats.compare_two(k1, n1, k2, n2, labels=(names.get(first, first), names.get(second, second)))
    return {"first": first, "second": second, **_pair_columns(c), "sentence": c.sentence(what)}


def _pair_columns(c) -> dict[str, object]:
    """Both shares (k, n, percent, Wilson interval, wording) and the difference of a comparison."""
    one, two = stats.proportion(c.k1, c.n1), stats.proportion(c.k2, c.n2)
    return {
        "k1": c.k1,
        "n1": c.n1,
        "pct1": one.percent,
        "ci1_low": one.ci_low,
        "ci1_high": one.ci_high,
        "text1": share_text(c.k1, c.n1),
        "k2": c.k2,
        "n2": c.n2,
        "pct2": two.percent,
        "ci2_low": two.ci_low,
        "ci2_high": two.ci_high,
        "text2": share_text(c.k2, c.n2),
        "diff": c.diff,
        "diff_ci_low": c.ci_low,
        "diff_ci_high": c.ci_high,
        "p_value": c.p_value,
        "mdd": c.mdd,
        "mdd_direction": c.mdd_direction,
    }


def _with_holm(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    if len(table):
        table["p_holm"] = multipletests(table["p_value"].astype(float), alpha=ALPHA, method="holm")[1]
    else:
        table["p_holm"] = pd.Series(dtype="float64")
    return table


def comparison_table(
    answers: pd.DataFrame,
    responses: pd.DataFrame,
    measures_catalogue: pd.DataFrame | None = None,
    *,
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """Every measure asked in two or more waves, compared between waves.

    Parameters
    ----------
    answers, responses : DataFrame
        The tidy ``survey_answers`` and ``survey_responses`` tables.
    measures_catalogue : DataFrame, optional
        Columns :data:`CATALOGUE_COLUMNS` (default: :func:`catalogue_from_codebook` with the
        headline table's names).
    names : dict, optional
        Survey to {wave: name} for the sentences (:func:`pdu_analysis.labels.comparison_names`).

    Returns
    -------
    DataFrame
        Columns :data:`COMPARISON_COLUMNS`; one row per measure and pair of waves from
        :func:`comparison_pairs` over the waves *in which that question was asked*. A measure asked
        in one wave only has no row. Each measure is only ever compared with itself: different
        questions (intention vs action) are never tested against each other.

    Notes
    -----
    The waves are treated as independent samples (the surveys are anonymous, so a person who
    answered twice cannot be matched). ``p_holm`` is Holm's adjustment over all rows, for a reader
    scanning the whole table for "significant" differences.
    """
    catalogue = (
        catalogue_from_codebook(names=headline_names()) if measures_catalogue is None else measures_catalogue
    )
    rows = []
    for m in catalogue.itertuples(index=False):
        per_wave = measure_by_wave(answers, responses, m.survey, m.question_id, m.kind, m.option)
        counts = {r.wave: (int(r.count), int(r.base)) for r in per_wave.itertuples()}
        for first, second, pair in comparison_pairs(list(counts)):
            rows.append(
                {
                    "measure": m.measure,
                    "survey": m.survey,
                    "question_id": m.question_id,
                    "option": m.option,
                    "question": m.question,
                    "label": getattr(m, "label", f"{m.question} {m.option}"),
                    "pair": pair,
                    **compare_record(
                        *counts[first], *counts[second], first, second, names=(names or {}).get(m.survey)
                    ),
                }
            )
    table = pd.DataFrame(rows, columns=[c for c in COMPARISON_COLUMNS if c != "p_holm"])
    return _with_holm(table)[COMPARISON_COLUMNS]


def sector_comparisons(
    attendances: pd.DataFrame, sector: str = "statutory", *, names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Share of attendances from ``sector`` compared between disjoint periods, people as clusters.

    Consecutive periods, and first vs latest with three or more (:func:`comparison_pairs`). People
    come more than once, some in both periods (``people_in_both``), so one cluster-robust test
    (:func:`stats.compare_periods_clustered`) gives the difference's interval, ``p_value``, the
    ``design_effect`` and the detectable difference at the effective bases, and the sentence follows
    it. ``naive_p`` is Fisher's exact p treating every attendance as independent, shown labelled.
    """
    periods = measures.periods_in_order(attendances)
    rows = []
    for first, second, pair in comparison_pairs(periods):
        c = stats.compare_periods_clustered(attendances, first=first, second=second, success=sector)
        if names:  # the sentence names the periods as readers know them
            c = replace(c, labels=(names.get(first, first), names.get(second, second)))
        firm = stats.change_robustness(attendances, first=first, second=second, success=sector)
        rows.append(
            {
                "measure": f"{sector}_share",
                "pair": pair,
                "first": first,
                "second": second,
                **_pair_columns(c),
                "sentence": f"{c.sentence('attendances')} {firm.sentence('this change')}",
                "robustness": firm.rating,
                "robustness_sentence": firm.sentence("this change"),
                "design_effect": c.design_effect,
                "n_eff1": c.n_eff1,
                "n_eff2": c.n_eff2,
                "people_in_both": c.people_in_both,
                "naive_p": c.naive_p,
            }
        )
    return _with_holm(pd.DataFrame(rows))


def practice_change(
    answers: pd.DataFrame,
    responses: pd.DataFrame,
    *,
    intention: tuple[str, str, str] = INTENTION,
    action: tuple[str, str, str] = ACTION,
) -> pd.DataFrame:
    """Intention to change (post-event) and action taken (follow-up), by wave and pooled.

    Returns a table with no test columns: the two come from different questions, asked of
    different people at different times, out of different bases, and are *not* compared with a
    test (docs/assumptions.md). Columns: measure ("intention" or "action"), survey, question_id, answer,
    wave, then :data:`SHARE_COLUMNS`.
    """
    frames = []
    for name, (survey, question_id, answer) in (("intention", intention), ("action", action)):
        per_wave = measure_by_wave(answers, responses, survey, question_id, "single", answer, pooled=True)
        frames.append(per_wave.assign(measure=name, survey=survey, question_id=question_id, answer=answer))
    table = pd.concat(frames, ignore_index=True)
    return table[["measure", "survey", "question_id", "answer", "wave", *SHARE_COLUMNS]]
