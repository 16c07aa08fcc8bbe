"""Tables of survey answers: option counts by group or round, the hub question, responses by
question. Counts and bases with Wilson intervals, never rounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from pdu_analysis import measures, stats
from pdu_analysis.measures import ALL
from pdu_analysis.reference import load_codebook, question_options
from pdu_analysis.stats import proportion


def option_counts_table(
    answers: pd.DataFrame,
    survey: str,
    question_id: str,
    groups: Mapping[str, str | None],
    *,
    multi: bool = False,
) -> pd.DataFrame:
    """Counts of every option of a question for each group, long format with the group's base.

    ``groups`` maps a display label to a wave (``None`` or ``"all"`` pools every wave). Groups
    where nobody answered are left out (a base of 0 has no shares). ``multi`` counts ticked
    options of a multi-select question (base: responses ticking at least one).
    """
    options = question_options(survey, question_id)
    frames = []
    for label, wave in groups.items():
        dist = measures.distribution(
            answers, survey, question_id, options, wave, by="item" if multi else "answer"
        )
        if len(dist) and int(dist["base"].iloc[0]) > 0:
            frames.append(dist.assign(group=label))
    if not frames:
        return pd.DataFrame(columns=["group", "option", "count", "base", "percent", "ci_low", "ci_high"])
    out = pd.concat(frames, ignore_index=True)[["group", "option", "count", "base"]]
    shares = [proportion(k, n) for k, n in zip(out["count"], out["base"], strict=True)]
    out["percent"] = [p.percent for p in shares]
    out["ci_low"] = [p.ci_low for p in shares]
    out["ci_high"] = [p.ci_high for p in shares]
    return out.astype({"count": "int64", "base": "int64"})


def wide_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Long option counts to one row per group: base, then one column per option (k)."""
    if table.empty:
        return pd.DataFrame(columns=["group", "base"])
    options = list(dict.fromkeys(table["option"]))
    groups = list(dict.fromkeys(table["group"]))
    wide = table.pivot(index="group", columns="option", values="count").reindex(index=groups, columns=options)
    base = table.groupby("group")["base"].first().reindex(groups)
    return pd.concat([base, wide], axis=1).reset_index().rename_axis(columns=None)


SELECTED = "selected"
"""The answer recorded for a ticked multi-select option (see ``clean.surveys``)."""


SHARE_COLUMNS = ["count", "base", "percent", "ci_low", "ci_high", "text"]


def _counts(
    answers: pd.DataFrame, survey: str, question_id: str, kind: str, option: str, wave: str
) -> tuple[int, int]:
    if kind == "multi":
        return measures.answer_count(answers, survey, question_id, SELECTED, wave, item=option)
    return measures.answer_count(answers, survey, question_id, option, wave)


def measure_by_wave(
    answers: pd.DataFrame,
    responses: pd.DataFrame,
    survey: str,
    question_id: str,
    kind: str,
    option: str,
    *,
    pooled: bool = False,
) -> pd.DataFrame:
    """k of n with a Wilson interval in each wave the question was asked (base > 0).

    ``pooled`` adds a row for wave :data:`~pdu_analysis.measures.ALL` when the question was asked
    in more than one wave.
    """
    rows = []
    for wave in measures.waves_in_order(responses, survey):
        k, n = _counts(answers, survey, question_id, kind, option, wave)
        if n:
            rows.append({"wave": wave, **share_record(k, n)})
    if pooled and len(rows) > 1:
        k, n = _counts(answers, survey, question_id, kind, option, ALL)
        rows.append({"wave": ALL, **share_record(k, n)})
    return pd.DataFrame(rows, columns=["wave", *SHARE_COLUMNS])


def share_record(k: int, n: int) -> dict[str, object]:
    """count, base, percent, Wilson interval and the small-base text of k of n."""
    from pdu_analysis.wording.numbers import share_text

    return {**stats.proportion(k, n).to_record(), "text": share_text(k, n)}


def option_table(
    answers: pd.DataFrame,
    responses: pd.DataFrame,
    survey: str,
    question_id: str,
    options: Iterable[str],
    *,
    kind: str,
    pooled: bool = False,
) -> pd.DataFrame:
    """Every option of one question, in each wave it was asked: k, n, Wilson interval, text.

    The base is the responses that answered the question in that wave (for a multi-select, those
    that ticked at least one option). Columns: option, wave, then :data:`SHARE_COLUMNS`.
    """
    frames = []
    for option in options:
        per_wave = measure_by_wave(answers, responses, survey, question_id, kind, option, pooled=pooled)
        frames.append(per_wave.assign(option=option))
    if not frames:
        return pd.DataFrame(columns=["option", "wave", *SHARE_COLUMNS])
    table = pd.concat(frames, ignore_index=True)
    return table[["option", "wave", *SHARE_COLUMNS]]


def among(
    answers: pd.DataFrame,
    survey: str,
    question_id: str,
    answer: str,
    *,
    given_question: str,
    given_answer: str,
    wave: str | None = None,
) -> tuple[int, int]:
    """(k, n) for ``answer`` among responses that gave ``given_answer`` and answered the question.

    Used for hub use among those aware of the hub.
    """
    rows = answers[answers["survey"] == survey]
    if wave not in (None, ALL):
        rows = rows[rows["wave"] == wave]
    given = set(
        rows.loc[(rows["question_id"] == given_question) & (rows["answer"] == given_answer), "response_id"]
    )
    asked = rows[(rows["question_id"] == question_id) & rows["response_id"].isin(given)]
    return int(asked.loc[asked["answer"] == answer, "response_id"].nunique()), int(
        asked["response_id"].nunique()
    )


def hub_table(answers: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """Hub awareness (of those answering) and use (of those aware), by wave asked."""
    rows = []
    for wave in measures.waves_in_order(responses, "follow_up"):
        k, n = measures.answer_count(answers, "follow_up", "hub_aware", "Yes", wave)
        if not n:
            continue
        rows.append(
            {"measure": "aware of the hub", "of": "all answering", "wave": wave, **share_record(k, n)}
        )
        k2, n2 = among(
            answers, "follow_up", "hub_used", "Yes", given_question="hub_aware", given_answer="Yes", wave=wave
        )
        if n2:
            rows.append(
                {"measure": "used the hub", "of": "those aware of it", "wave": wave, **share_record(k2, n2)}
            )
    return pd.DataFrame(rows, columns=["measure", "of", "wave", *SHARE_COLUMNS])


def response_counts(answers: pd.DataFrame, responses: pd.DataFrame, survey: str) -> pd.DataFrame:
    """Responses returned, and answering each question, by wave (0 where it was not asked)."""
    waves = measures.waves_in_order(responses, survey)
    subset = responses[responses["survey"] == survey]
    returned = subset.groupby("wave").size().reindex(waves, fill_value=0)
    asked = (
        answers[answers["survey"] == survey]
        .groupby(["question_id", "wave"])["response_id"]
        .nunique()
        .unstack(fill_value=0)
        .reindex(columns=waves, fill_value=0)
    )
    book = load_codebook()
    order = [q for q in book.loc[book["survey"] == survey, "question_id"] if q in asked.index]
    order += [q for q in asked.index if q not in order]
    asked = asked.reindex(order)
    table = pd.concat(
        [pd.DataFrame([returned.to_numpy()], columns=waves, index=["(responses returned)"]), asked]
    )
    table = table.astype("int64").rename_axis("question").reset_index()
    table.columns.name = None
    return table


def yes_table(
    answers: pd.DataFrame,
    responses: pd.DataFrame,
    survey: str,
    questions: dict[str, tuple[str, str]],
    *,
    pooled: bool = False,
) -> pd.DataFrame:
    """Several single-choice measures by wave: ``{label: (question_id, answer)}``.

    Columns: label, question_id, answer, wave, then :data:`SHARE_COLUMNS`.
    """
    frames = [
        measure_by_wave(answers, responses, survey, question_id, "single", answer, pooled=pooled).assign(
            label=label, question_id=question_id, answer=answer
        )
        for label, (question_id, answer) in questions.items()
    ]
    table = pd.concat(frames, ignore_index=True)
    return table[["label", "question_id", "answer", "wave", *SHARE_COLUMNS]]


def matrix_table(
    answers: pd.DataFrame, responses: pd.DataFrame, survey: str, question_id: str
) -> pd.DataFrame:
    """A matrix question ("How useful have you found each of the following?"): every item and
    answer option, in each round the item was answered, as k of n with a Wilson interval.

    The base of an item in a round is the responses that answered that item (one answer per item,
    stored in the ``item`` column of ``survey_answers``). Items and options come in codebook order.
    Columns: item, option, wave, then :data:`SHARE_COLUMNS`.
    """
    book = load_codebook()
    row = book[(book["survey"] == survey) & (book["question_id"] == question_id)]
    columns = ["item", "option", "wave", *SHARE_COLUMNS]
    if row.empty:
        return pd.DataFrame(columns=columns)
    options = [o for o in row.iloc[0]["options"].split("|") if o]
    items = [r for r in row.iloc[0]["matrix_rows"].split("|") if r]
    asked = answers[(answers["survey"] == survey) & (answers["question_id"] == question_id)]
    records = []
    for wave in measures.waves_in_order(responses, survey):
        in_wave = asked[asked["wave"] == wave]
        for item in items:
            given = in_wave.loc[in_wave["item"] == item, "answer"]
            if given.empty:
                continue
            for option in options:
                records.append(
                    {
                        "item": item,
                        "option": option,
                        "wave": wave,
                        **share_record(int((given == option).sum()), len(given)),
                    }
                )
    return pd.DataFrame(records, columns=columns)
