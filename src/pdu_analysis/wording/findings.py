"""Main points: the few findings a steering-group member reads first, computed from the data.

Each point is one plain-English paragraph built from the tidy tables and the tests the pages
report (the clustered sector comparison, the survey comparisons between rounds, the practice-change
side by side), with its k of n and a link to the page and section that gives the evidence. Nothing
here is typed from the shipped data: new exports give new sentences.

Notebook 06 writes :func:`main_points_table` to ``reports/tables/main_points.csv``; the index
page reads that file, so the index needs no statistics of its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pdu_analysis import measures, stats
from pdu_analysis.labels import period_phrases, survey_wave_labels
from pdu_analysis.measures import ALL
from pdu_analysis.stats.conventions import ALPHA
from pdu_analysis.stats.verdict import EVIDENCE_WORDS
from pdu_analysis.wording.assumed import Published
from pdu_analysis.wording.numbers import percent_text, points_text, share_text

MAIN_POINT_COLUMNS = ["key", "heading", "text", "href"]

PAGES = {
    "who": "03_who_attends.html",
    "feedback": "04_event_feedback.html",
    "follow_up": "05_follow_up.html",
    "compare": "06_interim_vs_final.html",
    "aims": "09_aims.html",
}
"""The page each kind of finding links to (the notebooks' rendered names)."""


def anchor(heading: str) -> str:
    """The id nbconvert gives a markdown heading (spaces to hyphens), for links to a section.

    Examples
    --------
    >>> anchor("Who attends, in brief")
    'Who-attends,-in-brief'
    """
    return heading.strip().replace(" ", "-")


SECTIONS = {
    "sector_change": "Did the statutory share of attendances change?",
    "what_changed": "What the comparisons show",
    "attendance": "Attendances and individuals",
    "practice": "Intending to change and taking action",
}
"""Section headings the main points link to; the notebooks use the same headings."""


@dataclass(frozen=True)
class MainPoint:
    """One finding: a short heading, its sentence(s) and the page section with the evidence."""

    key: str
    heading: str
    text: str
    href: str


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def adjusted_kinds(comparisons: pd.DataFrame) -> list[str]:
    """Each comparison's verdict as the Holm adjustment of its family allows.

    A comparison is "evidence" only when its own verdict is and its Holm-adjusted p-value (the
    table's ``p_holm``, adjusted over the family it was shown in; over the rows given when the
    column is absent) is below the threshold too; one that is evidence only taken alone is
    "alone"; otherwise its own verdict ("mixed" or "none"). A main point calls "evidence" only these.
    """
    if comparisons is None or comparisons.empty:
        return []
    p = comparisons["p_value"].astype(float)
    if "p_holm" in comparisons.columns:
        adjusted = comparisons["p_holm"].astype(float).tolist()
    else:
        from statsmodels.stats.multitest import multipletests

        adjusted = list(multipletests(p, alpha=ALPHA, method="holm")[1])
    kinds: list[str] = []
    for r, holm in zip(
        comparisons[["p_value", "diff_ci_low", "diff_ci_high"]].itertuples(), adjusted, strict=True
    ):
        kind = stats.verdict(r.p_value, r.diff_ci_low, r.diff_ci_high)
        kinds.append("alone" if kind == "evidence" and not holm < ALPHA else kind)
    return kinds


def _alone_text(alone: int) -> str:
    """The clause for comparisons that are evidence only taken one at a time."""
    return f"{alone} would be taken alone, but not once the number of comparisons made is allowed for"


def _as_counted_heading(sector: str, counted: list[tuple[int, int]], published: Published, where: str) -> str:
    """A heading from the shares as the reports counted them, when the report published both ends
    (a period's own share it never published must not lead); a neutral one otherwise."""
    ends = [counted[0], counted[-1]] if len(counted) > 1 else []
    if not ends or any(published.assumed(k, n, where) or not n for k, n in ends):
        return f"The {sector} share of attendances as the reports counted it, and period by period"
    (k0, n0), (k1, n1) = ends
    p0, p1 = percent_text(100 * k0 / n0), percent_text(100 * k1 / n1)
    moved = "rose" if k1 / n1 > k0 / n0 else "fell" if k1 / n1 < k0 / n0 else "stayed"
    change = f"stayed at {p1}" if moved == "stayed" or p0 == p1 else f"{moved} from {p0} to {p1}"
    return f"The {sector} share of attendances {change}, counted as the reports did"


def sector_change_point(
    sector_test: pd.DataFrame,
    sector: str = "statutory",
    *,
    attendances: pd.DataFrame | None = None,
    published: Published | None = None,
) -> MainPoint | None:
    """What changed in the sector mix between periods, with the clustered test's verdict.

    ``sector_test`` is :func:`pdu_analysis.compare.sector_comparisons`; the consecutive pairs are
    worded (first against latest as well with three or more periods). Given ``attendances``, the
    point opens with the shares as the reports counted them (all attendances to date); given
    ``published``, a figure the report never published carries its mark.
    """
    if sector_test is None or sector_test.empty:
        return None
    where = "Who has attended PDU events?"

    def shown(k: int, n: int) -> str:
        return published.mark(share_text(k, n), k, n, where) if published else share_text(k, n)

    def brief(k: int, n: int) -> str:
        compact = share_text(k, n, interval=False)
        return published.mark(compact, k, n, where) if published else compact

    phrases = period_phrases(list(dict.fromkeys([*sector_test["first"], *sector_test["second"]])))
    parts = []
    evidence = []
    for r, kind in zip(sector_test.itertuples(), adjusted_kinds(sector_test), strict=True):
        evidence.append(kind == "evidence")
        size = abs(stats.round_half_up(r.diff))
        direction = "rise" if r.diff > 0 else "fall"
        if kind == "evidence":
            verdict = f"a {direction} of {points_text(size)} that is {EVIDENCE_WORDS}"
        elif kind == "alone":
            verdict = (
                f"a {direction} of {points_text(size)} that would be {EVIDENCE_WORDS} taken alone, "
                f"but not once the {len(sector_test)} comparisons between periods are allowed for"
            )
        elif kind == "mixed":
            verdict = f"a {direction} of {points_text(size)} that is suggestive but not conclusive"
        elif size == 0:
            verdict = "no difference to the nearest point"
        else:
            verdict = f"a difference of {points_text(size)} that could be chance"
        part = f"{phrases[r.first]}, {shown(r.k1, r.n1)}; {phrases[r.second]}, {shown(r.k2, r.n2)}"
        parts.append(f"{part}: {verdict}")
    # how firm the change is under every clustering (stats.robustness): the weakest sets the words
    firm = sector_test[evidence] if "robustness" in sector_test.columns else sector_test.iloc[0:0]
    fragile = len(firm) > 0 and (firm["robustness"] == "weak").all()
    heading = (
        f"The {sector} share of attendances {'may have changed' if fragile else 'changed'}"
        if any(evidence)
        else f"No clear change in the {sector} share of attendances"
    )
    text = (
        f"Share of attendances from the {sector} sector "
        + ". ".join(parts if len(parts) == 1 else [parts[0], *(p[0].upper() + p[1:] for p in parts[1:])])
        + ". The comparison allows for people who came to more than one event."
        + "".join(f" {sentence}" for sentence in firm.get("robustness_sentence", []))
    )
    counted: list[tuple[int, int]] = []
    if attendances is not None and len(attendances):
        periods = measures.periods_in_order(attendances)
        counted = [
            measures.sector_count(attendances, sector, measures.cumulative_periods(periods, p))
            for p in periods
        ]
        if len(counted) > 1:
            text = (
                f"As the reports counted it (all attendances to date), the {sector} share went from "
                f"{brief(*counted[0])} to {brief(*counted[-1])}. Period by period: "
                + text[0].lower()
                + text[1:]
            )
    last = sector_test.iloc[-1]
    if published is not None and published.assumed(int(last["k2"]), int(last["n2"]), where):
        heading = _as_counted_heading(sector, counted, published, where)
    return MainPoint(
        "sector_change", heading, text, f"{PAGES['compare']}#{anchor(SECTIONS['sector_change'])}"
    )


def survey_limits_point(
    comparisons: pd.DataFrame, responses: pd.DataFrame, attendances: int | None = None
) -> MainPoint | None:
    """How many survey comparisons between rounds or periods show change, and what they could show.

    ``comparisons`` is :func:`pdu_analysis.compare.comparison_table`. The sentence counts the
    verdicts, names the follow-up rounds' sizes, and gives the range of detectable differences.
    With ``attendances`` (the register's count) far above the largest round, it says why a change
    in who attends can be shown when the surveys' changes cannot: the register is larger.
    """
    if comparisons is None or comparisons.empty:
        return None
    kinds = adjusted_kinds(comparisons)
    n = len(kinds)
    k = kinds.count("evidence")
    mixed = kinds.count("mixed")
    alone = kinds.count("alone")
    names = survey_wave_labels()
    waves = measures.waves_in_order(responses, "follow_up")
    sizes = [
        f"{int(((responses['survey'] == 'follow_up') & (responses['wave'] == w)).sum())}"
        f"{' responses' if i == 0 else ''} in the {names.get(w, w).split(' (')[0].lower()} round"
        for i, w in enumerate(waves)
    ]
    mdd = [float(v) for v in comparisons["mdd"] if not math.isnan(float(v))]
    if k == 0:
        text = f"None of the {n} survey comparisons between rounds or periods is {EVIDENCE_WORDS}"
        heading = "The surveys are too small to show change"
    else:
        labels = comparisons.loc[[kind == "evidence" for kind in kinds], "label"].astype(str).tolist()
        text = (
            f"{k} of the {n} survey comparisons between rounds or periods "
            f"{'is' if k == 1 else 'are'} {EVIDENCE_WORDS} ({_and(labels)})"
        )
        heading = "Few survey measures can show change"
    if alone:
        text += f"; {_alone_text(alone)}"
    if mixed:
        text += f"; {mixed} {'is' if mixed == 1 else 'are'} suggestive but not conclusive"
    text += "."
    if sizes:
        text += f" The follow-up survey had {_and(sizes)}."
    if mdd:
        low, high = stats.round_half_up(min(mdd)), stats.round_half_up(max(mdd))
        span = points_text(low) if low == high else f"{low:.0f} to {points_text(high)}"
        text += (
            f" At these numbers only differences of about {span} or more could "
            "be detected reliably, so smaller changes may be real but cannot be shown."
        )
    largest = responses.loc[responses["survey"] == "follow_up", "wave"].value_counts().max()
    if attendances and mdd and largest and attendances >= 4 * int(largest):
        text += (
            f" The attendance register is much larger ({attendances} attendances), so a smaller change "
            "in who attends can be shown."
        )
    return MainPoint("survey_limits", heading, text, f"{PAGES['compare']}#{anchor(SECTIONS['what_changed'])}")


def attendance_point(attendances: pd.DataFrame, people: pd.DataFrame, events: pd.DataFrame) -> MainPoint:
    """Who attends: people, attendances, events, repeat attenders and the sector mix overall."""
    held = measures.learning_events_held(events)
    repeaters = int((people["attendances"] > 1).sum())
    n = len(attendances)
    mix = [
        f"{share_text(int((attendances['sector'] == s).sum()), n)}, from the {s} sector"
        for s in ("voluntary", "statutory", "private")
        if (attendances["sector"] == s).any()
    ]
    text = (
        f"{len(people)} people made {n} attendances at {len(held)} learning events; "
        f"of the people, {share_text(repeaters, len(people))}, came to more than one event. "
        f"Of all attendances, {_and(mix)}."
    )
    return MainPoint(
        "attendance",
        "Who attends",
        text,
        f"{PAGES['who']}#{anchor(SECTIONS['attendance'])}",
    )


def practice_point(change: pd.DataFrame) -> MainPoint | None:
    """Intention (post-event, all responses) and action (latest follow-up round) side by side.

    ``change`` is :func:`pdu_analysis.compare.practice_change`; the two are never tested against
    each other, and the sentence says so.
    """
    if change is None or change.empty:
        return None
    intention = change[(change["measure"] == "intention") & (change["wave"] == ALL)]
    action = change[(change["measure"] == "action") & (change["wave"] != ALL)]
    if intention.empty or action.empty:
        return None
    i, a = intention.iloc[-1], action.iloc[-1]
    round_name = survey_wave_labels().get(a["wave"], a["wave"]).split(" (")[0].lower()
    text = (
        "Of the post-event responses given just after the events, "
        f"{share_text(int(i['count']), int(i['base']))}, said they intended to change their "
        f"practice. Of the {round_name} follow-up round's respondents, "
        f"{share_text(int(a['count']), int(a['base']))}, said they had taken action. These are "
        "different questions asked of different people, so they are shown side by side, not tested "
        "against each other."
    )
    return MainPoint(
        "practice",
        "Intentions and actions",
        text,
        f"{PAGES['compare']}#{anchor(SECTIONS['practice'])}",
    )


ACHIEVEMENTS = ("understanding", "links", "practice_change", "outcomes", "who_attends")
"""The sections whose findings lead the main points: what the PDU achieved, in this order
(gains, links, practice change, outcomes, reach)."""


def _achievement_heading(ctx, section: str) -> str:
    """A point's heading, worded from the data where the finding can go either way."""
    if section == "understanding":
        from pdu_analysis.reference import codebook_options

        options = codebook_options("post_event", "understanding")[1]
        got = [ctx.answer("post_event", "understanding", o) for o in options[:2]]
        n = got[0][1] if got else 0
        gained = sum(k for k, _ in got)
        return (
            "Most responses report a gain in understanding"
            if n and 2 * gained > n
            else ("Some responses report a gain in understanding")
        )
    return {
        "links": "Links made",
        "practice_change": "Changes at work",
        "outcomes": "Outcomes for service users",
        "who_attends": "Who the PDU reached",
    }[section]


def achievement_points(ctx) -> list[MainPoint]:
    """The points on what the PDU achieved: each section's own opening findings (one wording, from
    :mod:`pdu_analysis.wording.sections`), linked to the section; a section without findings in
    these data is left out."""
    from pdu_analysis.wording import sections

    points = []
    for section in ACHIEVEMENTS:
        if not sections.has_findings(ctx, section):
            continue
        found = sections.section_findings(ctx, section)
        text = " ".join(found if section == "practice_change" else found[:1])
        points.append(
            MainPoint(section, _achievement_heading(ctx, section), text, sections.section_href(section))
        )
    return points


def main_points(
    tidy: dict[str, pd.DataFrame],
    *,
    sector_test: pd.DataFrame,
    comparisons: pd.DataFrame,
    change: pd.DataFrame,
    ctx=None,
) -> list[MainPoint]:
    """The main points in reading order: what the PDU achieved (gains, links, practice change,
    outcomes, reach; from ``ctx``, :class:`pdu_analysis.wording.sections.Context`), then what the
    data cannot show (the surveys' limits, the sector mix). A point whose data are missing is left
    out. Without ``ctx`` the achievements are the reach and practice points alone."""
    lead: Sequence[MainPoint | None]
    if ctx is None:
        lead = [attendance_point(tidy["attendances"], tidy["people"], tidy["events"]), practice_point(change)]
        published = None
    else:
        lead = achievement_points(ctx)
        published = ctx.published
    found = [
        *lead,
        survey_limits_point(comparisons, tidy["survey_responses"], len(tidy["attendances"])),
        sector_change_point(sector_test, attendances=tidy["attendances"], published=published),
        MainPoint(
            "aims",
            "How far the PDU met its aims",
            "Each of the PDU's aims with the evidence that bears on it, how strong that evidence is, "
            "and the evaluator's conclusion where one has been written for these data.",
            PAGES["aims"],
        ),
    ]
    return [p for p in found if p is not None]


def main_points_table(points: list[MainPoint]) -> pd.DataFrame:
    """The points as a table (``reports/tables/main_points.csv``) for the index page."""
    return pd.DataFrame([p.__dict__ for p in points], columns=MAIN_POINT_COLUMNS)
