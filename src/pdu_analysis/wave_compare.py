"""Same question, different waves: shares by wave and the comparison statistics between them.

Notebooks 05 (follow-up survey) and 06 (interim vs final) call these; they hold no statistics of
their own. Waves always come from the data (:func:`pdu_analysis.measures.waves_in_order`), so a
third follow-up export (a wave such as ``2019-07``) adds rows and comparisons without code changes:

- :func:`catalogue_from_codebook` -- every countable answer in the codebook, one *measure* each.
- :func:`comparison_pairs` -- consecutive waves, plus first against latest when there are three
  or more.
- :func:`comparison_table` -- one row per measure and pair of waves in which it was asked, with
  each wave's k/n and Wilson interval, the difference with its Newcombe interval, Fisher's exact p,
  the minimum detectable difference and the plain-English sentence.
- :func:`option_table` -- every option of one question, by wave, for the follow-up notebook.
- :func:`sector_shares`, :func:`sector_comparisons`, :func:`cumulative_note` -- the share of
  attendances by sector in disjoint periods (compared) beside the cumulative figures (not compared).
- :func:`practice_change` -- intention (post-event) beside action (follow-up): shown together,
  never tested against each other (different question, base and people).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
from statsmodels.stats.multitest import multipletests

from . import measures, stats
from .measures import ALL
from .paths import REFERENCE_DIR
from .stats.conventions import ALPHA, INDICATIVE_BASE, WORDS_ONLY_BASE
from .vocabulary import SECTORS

SELECTED = "selected"
"""The answer recorded for a ticked multi-select option (see ``clean.surveys``)."""

CONSECUTIVE = "consecutive"
FIRST_VS_LATEST = "first vs latest"

CATALOGUE_COLUMNS = ["measure", "survey", "question_id", "kind", "option", "question", "label"]

SHARE_COLUMNS = ["count", "base", "percent", "ci_low", "ci_high", "text"]

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


# ---------------------------------------------------------------- measures and waves
def slug(text: str) -> str:
    """Lower-case identifier from an option's text.

    Examples
    --------
    >>> slug("Online platform (hub)")
    'online_platform_hub'
    """
    return re.sub(r"[^a-z0-9]+", "_", str(text).casefold()).strip("_")


def load_codebook(path: Path | None = None) -> pd.DataFrame:
    """The survey codebook (``data/reference/questions.csv``) as text columns."""
    return pd.read_csv(path or REFERENCE_DIR / "questions.csv", dtype=str, keep_default_na=False)


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
    from . import headline

    found = {}
    for survey, catalogue in (
        ("follow_up", headline.FOLLOW_UP_MEASURES),
        ("post_event", headline.POST_EVENT_MEASURES),
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
    p = stats.proportion(k, n)
    return {**p.to_record(), "text": p.text()}


# ---------------------------------------------------------------- the comparison table
def compare_record(
    k1: int, n1: int, k2: int, n2: int, first: str, second: str, *, what: str = "responses"
) -> dict[str, object]:
    """The comparison columns of one pair of waves (second minus first)."""
    c = stats.compare_two(k1, n1, k2, n2, labels=(first, second))
    one, two = stats.proportion(k1, n1), stats.proportion(k2, n2)
    sentence = c.sentence(what)
    return {
        "first": first,
        "second": second,
        "k1": k1,
        "n1": n1,
        "pct1": one.percent,
        "ci1_low": one.ci_low,
        "ci1_high": one.ci_high,
        "text1": one.text(),
        "k2": k2,
        "n2": n2,
        "pct2": two.percent,
        "ci2_low": two.ci_low,
        "ci2_high": two.ci_high,
        "text2": two.text(),
        "diff": c.diff,
        "diff_ci_low": c.ci_low,
        "diff_ci_high": c.ci_high,
        "p_value": c.p_value,
        "mdd": c.mdd,
        "mdd_direction": c.mdd_direction,
        "sentence": sentence,
    }


def _with_holm(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    if len(table):
        table["p_holm"] = multipletests(table["p_value"].astype(float), alpha=ALPHA, method="holm")[1]
    else:
        table["p_holm"] = pd.Series(dtype="float64")
    return table


def comparison_table(
    answers: pd.DataFrame, responses: pd.DataFrame, measures_catalogue: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every measure asked in two or more waves, compared between waves.

    Parameters
    ----------
    answers, responses : DataFrame
        The tidy ``survey_answers`` and ``survey_responses`` tables.
    measures_catalogue : DataFrame, optional
        Columns :data:`CATALOGUE_COLUMNS` (default: :func:`catalogue_from_codebook` with the
        headline table's names).

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
                    **compare_record(*counts[first], *counts[second], first, second),
                }
            )
    table = pd.DataFrame(rows, columns=[c for c in COMPARISON_COLUMNS if c != "p_holm"])
    return _with_holm(table)[COMPARISON_COLUMNS]


def chance_note(table: pd.DataFrame, *, alpha: float = ALPHA) -> str:
    """How many comparisons reached p < alpha, against how many chance alone would give.

    Examples
    --------
    >>> t = pd.DataFrame({"p_value": [0.01, 0.5, 0.9, 0.2], "p_holm": [0.04, 1, 1, 0.6]})
    >>> print(chance_note(t))  # doctest: +NORMALIZE_WHITESPACE
    4 comparisons: 1 has p below 0.05. If nothing had changed, about 0.2 would be expected to
    do so by chance alone; after Holm's adjustment for the number of comparisons, 1 still does.
    """
    m = len(table)
    if m == 0:
        return "No measure was asked in two or more waves, so nothing is compared."
    low = int((table["p_value"] < alpha).sum())
    held = int((table["p_holm"] < alpha).sum())
    expected = m * alpha
    has = "has" if low == 1 else "have"
    after = "none does" if held == 0 else f"{held} still {'does' if held == 1 else 'do'}"
    return (
        f"{m} comparison{'s' if m != 1 else ''}: {low} {has} p below {alpha:g}. "
        f"If nothing had changed, about {expected:.1f} would be expected to do so by chance "
        "alone; "
        f"after Holm's adjustment for the number of comparisons, {after}."
    )


def compact_share(k: int, n: int) -> str:
    """A table cell for k of n: "k of n" below 30, "k of n (P%)" from 30 (the text form is longer).

    Examples
    --------
    >>> compact_share(4, 7), compact_share(25, 49)
    ('4 of 7', '25 of 49 (51%)')
    """
    p = stats.proportion(k, n)
    return f"{k} of {n}" if p.flag == "words_only" else f"{k} of {n} ({p.display_percent}%)"


def compact_note() -> str:
    """Footnote for tables of :func:`compact_share` cells."""
    return (
        f"Percentages are shown only for bases of {WORDS_ONLY_BASE} or more, and are "
        f"indicative only below {INDICATIVE_BASE}."
    )


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


# ---------------------------------------------------------------- one question, every option
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


def codebook_options(
    survey: str, question_id: str, codebook: pd.DataFrame | None = None
) -> tuple[str, list[str]]:
    """(kind, options) of one question in the codebook."""
    book = load_codebook() if codebook is None else codebook
    row = book[(book["survey"] == survey) & (book["question_id"] == question_id)]
    if row.empty:
        raise KeyError(f"{survey}/{question_id} is not in the codebook")
    row = row.iloc[0]
    return row["kind"], [o for o in row["options"].split("|") if o]


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


def base_note(
    answers: pd.DataFrame, responses: pd.DataFrame, survey: str, question_id: str, wave: str
) -> str | None:
    """Sentence when fewer responses answered a question than were returned in that wave."""
    returned = int(((responses["survey"] == survey) & (responses["wave"] == wave)).sum())
    answered = measures.answer_count(answers, survey, question_id, "", wave)[1]
    if answered == returned or not answered:
        return None
    return (
        f"In the {wave} wave {answered} of the {returned} responses answered this question; "
        f"every share here is out of the {answered} who answered, not the {returned} "
        "returned."
    )


def wave_labels(responses: pd.DataFrame, survey: str) -> dict[str, str]:
    """Each wave with the months its responses span, e.g. ``{"interim": "interim (Jun 2018)"}``."""
    subset = responses[responses["survey"] == survey]
    days = pd.to_datetime(subset["responded_on"])
    labels = {}
    for wave in measures.waves_in_order(responses, survey):
        span = days[subset["wave"] == wave]
        labels[wave] = f"{wave} ({_month_span(span.min(), span.max())})"
    return labels


def _month_span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    a, b = first.strftime("%b %Y"), last.strftime("%b %Y")
    return a if a == b else f"{a}–{b}"


# ---------------------------------------------------------------- sector shares of attendances
def period_labels(attendances: pd.DataFrame) -> dict[str, str]:
    """Each attendance period as the months of its events, e.g. ``"Oct 2017–Jun 2018"``."""
    return {p: _period_span(attendances, [p]) for p in measures.periods_in_order(attendances)}


def _period_span(attendances: pd.DataFrame, periods: list[str]) -> str:
    days = pd.to_datetime(attendances.loc[attendances["period"].isin(periods), "event_date"])
    return _month_span(days.min(), days.max())


def sector_shares(
    attendances: pd.DataFrame, sectors: Sequence[str] | None = None
) -> tuple[pd.DataFrame, str | None]:
    """Share of attendances from each sector: each period alone, and cumulative to each period.

    Rows with ``kind`` "disjoint" are the attendances of one period; rows with ``kind``
    "cumulative" are every attendance up to and including a period (what each report quoted). The
    first period's cumulative figure is its disjoint one and is not repeated. Beside each Wilson
    interval is the interval allowing for repeat attenders (GEE, person as cluster;
    :func:`pdu_analysis.stats.sector_share_clustered`).

    Returns
    -------
    (DataFrame, str or None)
        The shares, and the disclosure note. Counts of 1 to 4 could point to a person (a sector
        with so few attendances in a period), so they are suppressed with
        :func:`pdu_analysis.stats.suppress_small` (and a second cell wherever the base would give
        them back); ``suppressed`` is True and the count, percent and intervals are missing.
    """
    periods = measures.periods_in_order(attendances)
    labels = period_labels(attendances)
    sectors = (
        list(sectors) if sectors is not None else [s for s in SECTORS if s in set(attendances["sector"])]
    )
    blocks = [("disjoint", p, [p], labels[p]) for p in periods]
    for p in periods[1:]:
        upto = measures.cumulative_periods(periods, p)
        blocks.append(("cumulative", p, upto, f"all, {_period_span(attendances, upto)}"))
    rows = []
    for kind, period, selector, label in blocks:
        subset = attendances[attendances["period"].isin(selector)]
        for sector in sectors:
            k, n = int((subset["sector"] == sector).sum()), len(subset)
            robust = stats.sector_share_clustered(
                subset, outcome_col="sector", cluster_col="person_id", success=sector
            ).iloc[0]
            rows.append(
                {
                    "kind": kind,
                    "period": period,
                    "label": label,
                    "sector": sector,
                    **share_record(k, n),
                    "robust_low": robust["robust_low"],
                    "robust_high": robust["robust_high"],
                    "design_effect": robust["design_effect"],
                    "people": int(robust["n_clusters"]),
                }
            )
    table = pd.DataFrame(rows)
    wide = table.pivot(index="sector", columns="label", values="count").reindex(sectors)
    checked = stats.suppress_small(wide, list(wide.columns), protect_columns=True)
    hidden = (checked.primary | checked.secondary).stack().rename("suppressed")
    table = table.join(hidden, on=["sector", "label"])
    for col in ("count", "percent", "ci_low", "ci_high", "robust_low", "robust_high", "text"):
        table[col] = table[col].astype("object").where(~table["suppressed"], pd.NA)
    return table, checked.note()


def sector_comparisons(attendances: pd.DataFrame, sector: str = "statutory") -> pd.DataFrame:
    """Share of attendances from ``sector`` compared between disjoint periods.

    Consecutive periods, and first vs latest with three or more (:func:`comparison_pairs`), with
    the columns of :func:`comparison_table`. Fisher's test treats the two periods' attendances as
    independent, which they are not quite: people come more than once, some in both periods
    (``people_in_both``). ``p_clustered`` is the same comparison allowing for that
    (:func:`stats.period_difference_p`), and ``clustered_note`` says it in words.
    """
    periods = measures.periods_in_order(attendances)
    rows = []
    for first, second, pair in comparison_pairs(periods):
        a = attendances[attendances["period"] == first]
        b = attendances[attendances["period"] == second]
        both = len(set(a["person_id"]) & set(b["person_id"]))
        p_clustered = stats.period_difference_p(attendances, sector, first, second)
        rows.append(
            {
                "measure": f"{sector}_share",
                "pair": pair,
                **compare_record(
                    int((a["sector"] == sector).sum()),
                    len(a),
                    int((b["sector"] == sector).sum()),
                    len(b),
                    first,
                    second,
                    what="attendances",
                ),
                "people_in_both": both,
                "p_clustered": p_clustered,
                "clustered_note": (
                    f"Allowing for people who came more than once ({both} of them in both "
                    f"periods), the comparison gives {stats.format_p(p_clustered)} "
                    "(GEE, person as cluster)."
                ),
            }
        )
    return _with_holm(pd.DataFrame(rows))


def cumulative_table(attendances: pd.DataFrame, sector: str = "statutory") -> pd.DataFrame:
    """The cumulative shares each report quoted, side by side, with ``tested`` False.

    Cumulative figures share attendances (the later includes the earlier), so no test is made.
    """
    periods = measures.periods_in_order(attendances)
    rows = []
    for period in periods:
        upto = measures.cumulative_periods(periods, period)
        subset = attendances[attendances["period"].isin(upto)]
        rows.append(
            {
                "measure": f"{sector}_share",
                "counted": f"all to {period}",
                "periods": " + ".join(upto),
                **share_record(int((subset["sector"] == sector).sum()), len(subset)),
                "tested": False,
            }
        )
    return pd.DataFrame(rows)


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


# ---------------------------------------------------------------- intention beside action
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


def practice_change_note(table: pd.DataFrame, codebook: pd.DataFrame | None = None) -> str:
    """Why intention and action are shown side by side but not tested, with their figures.

    Intention is quoted over every post-event response (the survey follows every event); action
    from the latest follow-up wave (each wave is a snapshot of what people have done so far), as
    the final report quotes them.
    """
    book = load_codebook() if codebook is None else codebook
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
        where = "all responses" if row["wave"] == ALL else f"{row['wave']} wave"
        parts.append(
            f"{name}: {row['text']} answered '{row['answer']}' to \"{question}\" ({survey} survey, {where})"
        )
    return (
        "These are two different questions, asked of different people at different times "
        "and out of different bases, so they are shown side by side and not tested against "
        "each other. " + "; ".join(p[0].upper() + p[1:] for p in parts) + "."
    )


# ---------------------------------------------------------------- words and tables for the pages
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


def describe(
    table: pd.DataFrame,
    wave_names: dict[str, str] | None = None,
    *,
    category: str = "option",
    most_first: bool = True,
) -> str:
    """Every category's "k of n" in each wave, as one sentence per wave (for text and alt text).

    Examples
    --------
    >>> t = pd.DataFrame({"option": ["A", "B"], "wave": ["w1", "w1"], "count": [1, 3],
    ...                   "base": [4, 4], "text": ["1 of 4", "3 of 4"]})
    >>> describe(t)
    'W1: B 3 of 4, A 1 of 4.'
    """
    if table.empty:
        return "This question was not asked in any wave."
    names = wave_names or {}
    parts = []
    for wave in dict.fromkeys(table["wave"]):
        rows = table[table["wave"] == wave]
        if most_first:
            rows = rows.sort_values("count", ascending=False, kind="stable")
        name = names.get(wave, "all waves together" if wave == ALL else wave)
        items = ", ".join(f"{c} {t}" for c, t in zip(rows[category], rows["text"], strict=True))
        parts.append(f"{name[0].upper() + name[1:]}: {items}.")
    return " ".join(parts)


def bases_text(
    table: pd.DataFrame,
    wave_names: dict[str, str] | None = None,
    *,
    what: str = "answering",
    category: str | None = None,
) -> str:
    """The base of each wave in a table, e.g. ``"interim (Jun 2018) 7 answering; ..."``.

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
            parts.append(f"{names.get(wave, 'all waves' if wave == ALL else wave)}: {items}")
        return "; ".join(parts) if parts else "no responses"
    for wave in dict.fromkeys(table["wave"]):
        bases = sorted(set(table.loc[table["wave"] == wave, "base"].astype(int)))
        base = str(bases[0]) if len(bases) == 1 else f"{bases[0]}–{bases[-1]}"
        parts.append(f"{names.get(wave, 'all waves' if wave == ALL else wave)} {base} {what}")
    return "; ".join(parts) if parts else "no responses"


def sentences_markdown(table: pd.DataFrame) -> str:
    """A markdown list: each comparison's two figures and its plain-English sentence."""
    return "\n".join(
        f"- **{r.label}** ({r.first} → {r.second}): {r.text1} → {r.text2}. {r.sentence}"
        for r in table.itertuples()
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
    from .measure_labels import MEASURE_LABELS, survey_wave_labels, wave_label

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
