"""Every chart's title and alt text, in one place, worded from the data in hand.

A chart's title states its finding ("Most responses said the event added to understanding of the
topic"), computed from the table the chart draws; the page shows it as text above the image. Alt
text opens with that finding, then gives the key numbers, in at most :data:`ALT_MAX` characters;
the rest is in the chart's linked table. A figure the report never published carries the mark of
:mod:`pdu_analysis.wording.assumed` while the data are synthetic.

Examples
--------
>>> how_many(5, 7, "responses"), how_many(3, 6, "people"), how_many(1, 4, "people")
('Most responses', 'Half of the people', 'Fewer than half of the people')
>>> alt_text("Most said yes", ["Yes 5 of 7", "No 2 of 7"])
'Most said yes. Yes 5 of 7; No 2 of 7.'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from pdu_analysis.labels import period_phrases
from pdu_analysis.measures import ALL
from pdu_analysis.stats.verdict import EVIDENCE_WORDS
from pdu_analysis.wording.assumed import Published
from pdu_analysis.wording.findings import adjusted_kinds
from pdu_analysis.wording.numbers import share_text

if TYPE_CHECKING:
    from pdu_analysis.wording.sections import Context

ALT_MAX = 300
"""Most characters of a chart's alt text (a screen reader reads it in one go)."""
POINT_KEY = (
    "Dots are shares and lines their 95% intervals where the base is 30 or more; a smaller base gives "
    "its count beside a square."
)
"""How a caption reads a point-range chart (:func:`pdu_analysis.figures.options_by_wave`)."""
MORE = "Every figure is in the linked table."
"""What alt text ends with when its numbers did not all fit."""


def alt_text(finding: str, numbers: Sequence[str], *, limit: int = ALT_MAX) -> str:
    """The finding sentence, then as many of ``numbers`` as fit in ``limit`` characters, whole
    clauses in order (each item is split at its sentences and semicolons, and one too long to fit
    at its commas); when some are left out, :data:`MORE` says where they are."""
    head = finding.strip().rstrip(".") + "."
    if len(head) > limit:
        return head[: limit - 1].rsplit(" ", 1)[0] + "…"
    pieces = [p for n in numbers for p in re.split(r"(?<=[.;])\s+", str(n))]  # a sentence or clause each
    room = limit - len(head) - len(MORE) - 3
    pieces = [q for p in pieces for q in (p.split(", ") if len(p) > room else [p])]  # a long one at commas
    items = [p.strip().rstrip(".;") for p in pieces if p.strip().rstrip(".;")]
    for used in range(len(items), -1, -1):
        body = "; ".join(items[:used])
        text = head + (f" {body}." if body else "") + ("" if used == len(items) else f" {MORE}")
        if len(text) <= limit:
            return text
    return head


def how_many(k: int, n: int, subject: str) -> str:
    """ "All", "Most", "Half of the", "Fewer than half of the" or "None of the" ``subject``."""
    if n == 0 or k == 0:
        return f"None of the {subject}"
    if k == n:
        return f"All {subject}"
    if 2 * k > n:
        return f"Most {subject}"
    return f"Half of the {subject}" if 2 * k == n else f"Fewer than half of the {subject}"


def _marked(text: str, k: int, n: int | None, published: Published | None) -> str:
    from pdu_analysis.wording.assumed import MARK

    return f"{text}{MARK}" if published is not None and published.assumed_in_any(k, n) else text


def _share(k: int, n: int, published: Published | None) -> str:
    return _marked(share_text(int(k), int(n), interval=False), int(k), int(n), published)


def _fill(template: str, label: str, k, n, published: Published | None, **extra: str) -> str:
    """``template`` filled with ``{label}``, ``{Label}`` and ``{share}``; a share the report never
    published is left out of the title (the chart shows it, marked), so no title leads with one."""
    if published is not None and published.assumed_in_any(int(k), int(n)):
        template = template.replace(": {share}", "").replace(" {share}", "").replace("{share}", "")
    return template.format(
        label=lower_first(label),
        Label=label[:1].upper() + label[1:],
        share=share_text(int(k), int(n), interval=False),
        **extra,
    )


def _round_phrase(wave: str, names: Mapping[str, str] | None) -> str:
    """ "the final round", "both rounds together" (``names``: wave -> "Final (January 2019)")."""
    if wave == ALL:
        return "all rounds together"
    return f"the {(names or {}).get(wave, wave).split(' (')[0].lower()} round"


def lower_first(label: str) -> str:
    """``label`` to go inside a sentence: "Front line staff" -> "front line staff", but "NCVS
    e-bulletin", "E-mail from the PDU co-ordinator" and a name in title case ("Making Every Adult
    Matter": every word of more than three letters capitalised) keep their capitals."""
    text = str(label)
    long_words = [w for w in text.split() if len(w) > 3]
    if len(long_words) > 1 and all(w[:1].isupper() for w in long_words):
        return text
    return text[:1].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _first_group(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of the table's first group (all responses, when it comes first), or all rows."""
    if "group" not in table or table.empty:
        return table
    return table[table["group"] == table["group"].iloc[0]]


# ---- who attends ---------------------------------------------------------------------------------


def events_per_person_title(table: pd.DataFrame, published: Published | None = None) -> str:
    """Whether most people came to one learning event only (``events_per_person_table``)."""
    n = int(table["people"].sum()) if len(table) else 0
    if not n:
        return "How many learning events each person attended"
    one = int(table.loc[table["events"].astype(str) == "1", "people"].sum())
    return _marked(f"{how_many(one, n, 'people')} came to one learning event only", n - one, n, published)


def sector_mix_title(table: pd.DataFrame, sectors: Sequence[str]) -> str:
    """Which sector was the largest at most of the events whose mix is shown."""
    shown = table[~table["suppressed"].astype(bool)] if "suppressed" in table else table
    sectors = [s for s in sectors if s in shown.columns]
    if shown.empty or not sectors:
        return "Sector mix at each learning event"
    leaders = shown[sectors].astype("float64").idxmax(axis=1).value_counts()
    lead, k = str(leaders.index[0]), int(leaders.iloc[0])
    whose = " whose mix is shown" if len(shown) < len(table) else ""
    return f"The {lead} sector was the largest at {k} of the {len(shown)} learning events{whose}"


def top_title(
    table: pd.DataFrame, template: str, published: Published | None = None, *, fallback: str = "Answers given"
) -> str:
    """``template`` filled with the most common row of the first group: ``{label}`` (capitalised
    ``{Label}``) and ``{share}`` ("P% (k of n)", or "k of n" on a base under 30); ``fallback``
    when nothing was answered."""
    rows = _first_group(table.rename(columns={"option": "label"}))
    rows = rows[rows["base"] > 0]
    if rows.empty:
        return fallback
    top = rows.loc[rows["count"].astype("float64").idxmax()]
    return _fill(template, str(top["label"]), top["count"], top["base"], published)


def answer_title(table: pd.DataFrame, option: str, subject: str, predicate: str) -> str:
    """ "{How many} {subject} {predicate}" for one answer of the first group (all responses)."""
    rows = _first_group(table.rename(columns={"option": "label"}))
    match = rows[rows["label"] == option]
    if match.empty:
        return f"{subject[:1].upper()}{subject[1:]} {predicate}"
    return f"{how_many(int(match['count'].iloc[0]), int(match['base'].iloc[0]), subject)} {predicate}"


def cop_title(table: pd.DataFrame) -> str:
    """How many Community of Practice sessions were held, with how many attendances."""
    held = table[table["status"] != "planned"]
    if held.empty:
        return "No Community of Practice session has been held yet"
    heads = int(held["headcount"].astype("Float64").fillna(0).sum())
    return f"{len(held)} Community of Practice sessions were held, with {heads} attendances in all"


# ---- follow-up rounds ----------------------------------------------------------------------------


def latest_wave(table: pd.DataFrame, pooled: bool = False) -> str | None:
    """The last round in ``table`` (the pooled rounds when ``pooled`` and the table has them)."""
    waves = list(dict.fromkeys(table["wave"])) if len(table) else []
    if pooled and ALL in waves:
        return ALL
    waves = [w for w in waves if w != ALL]
    return waves[-1] if waves else None


def round_top_title(
    table: pd.DataFrame,
    template: str,
    *,
    names: Mapping[str, str] | None = None,
    published: Published | None = None,
    fallback: str,
) -> str:
    """``template`` with the most often ticked ``{label}`` of the latest round, its ``{share}``
    and ``{round}`` ("the final round")."""
    wave = latest_wave(table)
    rows = table[(table["wave"] == wave) & (table["base"] > 0)] if wave else table.iloc[0:0]
    if rows.empty:
        return fallback
    top = rows.loc[rows["count"].astype("float64").idxmax()]
    if int((rows["count"] == top["count"]).sum()) > 1 or int(top["count"]) == 0:
        return fallback
    round_words = _round_phrase(str(wave), names)
    return _fill(template, str(top["option"]), top["count"], top["base"], published, round=round_words)


def round_first_title(
    table: pd.DataFrame,
    meaning: str,
    *,
    names: Mapping[str, str] | None = None,
    published: Published | None = None,
    pooled: bool = False,
    fallback: str,
) -> str:
    """ "{k of n} in {the latest round} {meaning}" for the table's first row of that round (all
    rounds together when ``pooled`` and the table has them)."""
    wave = latest_wave(table, pooled)
    rows = table[(table["wave"] == wave) & (table["base"] > 0)] if wave else table.iloc[0:0]
    if rows.empty:
        return fallback
    r = rows.iloc[0]
    return f"{_share(r['count'], r['base'], published)} in {_round_phrase(str(wave), names)} {meaning}"


def practice_title(change: pd.DataFrame, published: Published | None = None) -> str:
    """Intention (post-event) and action (follow-up), each over all its periods or rounds."""
    parts = []
    for measure, subject, predicate in (
        ("intention", "post-event responses", "intended to change practice"),
        ("action", "follow-up respondents", "had taken action"),
    ):
        rows = change[change["measure"] == measure]
        rows = rows[rows["wave"] == latest_wave(rows, pooled=True)] if len(rows) else rows
        if len(rows) and int(rows["base"].iloc[0]):
            k, n = int(rows["count"].iloc[0]), int(rows["base"].iloc[0])
            parts.append(f"{_share(k, n, published)} {subject} {predicate}")
    return "; ".join(parts) if parts else "Intending to change practice, and having taken action"


def theme_title(table: pd.DataFrame) -> str:
    """The commonest theme of one question's coded answers (over all rounds when there are more)."""
    totals = table.groupby("label", sort=False)["count"].sum()
    several = table["group"].nunique() > 1
    return f"{totals.idxmax()}: the commonest theme" + (" over all rounds" if several else "")


# ---- comparisons and scales ----------------------------------------------------------------------


def sector_title(sector_test: pd.DataFrame, sector: str = "statutory") -> str:
    """A chart title that states the finding when the clustered test shows one, else a neutral one.

    The comparison judged is the first period against the latest (the only pair with two periods).
    """
    if sector_test is None or sector_test.empty:
        return f"The {sector} share of attendances, by period"
    r = sector_test.iloc[-1]
    if adjusted_kinds(sector_test)[-1] == "evidence":
        phrases = period_phrases([r["first"], r["second"]])
        if len(sector_test) == 1:
            moved = "rose" if r["diff"] > 0 else "fell"
            return f"The {sector} share of attendances {moved} {phrases[r['second']]}"
        side = "higher" if r["diff"] > 0 else "lower"
        return (
            f"The {sector} share of attendances was {side} {phrases[r['second']]} than {phrases[r['first']]}"
        )
    return f"The {sector} share of attendances: no clear change between periods"


def differences_title(comparisons: pd.DataFrame) -> str:
    """Title of the differences chart, saying how many of the measures shown are evidence of change."""
    if comparisons is None or comparisons.empty:
        return "No measure was asked in two rounds"
    kinds = adjusted_kinds(comparisons)
    k, n = kinds.count("evidence"), len(kinds)
    if k == 0 and "alone" in kinds:
        return (
            f"None of these {n} differences between rounds or periods is {EVIDENCE_WORDS} once "
            "the number of comparisons is allowed for"
        )
    if k == 0:
        return f"None of these {n} differences between rounds or periods is {EVIDENCE_WORDS}"
    return (
        f"{k} of these {n} differences between rounds or periods {'is' if k == 1 else 'are'} {EVIDENCE_WORDS}"
    )


def usefulness_title(table: pd.DataFrame, names: dict[str, str] | None = None) -> str:
    """Title of the usefulness chart: the part most often rated "very useful" in the latest round,
    or a neutral title when two parts tie or nothing was rated. ``table`` is
    :func:`pdu_analysis.tables.matrix_table`; the first option is the top of the scale."""
    if table is None or table.empty:
        return "How useful people found each part of the events"
    latest = table[table["wave"] == table["wave"].iloc[-1]]
    top = latest[latest["option"] == latest["option"].iloc[0]]
    shares = (top["count"] / top["base"]).to_numpy()
    best = shares.max()
    if (shares == best).sum() > 1 or best == 0:
        return "How useful people found each part of the events"
    best_row = top.iloc[int(shares.argmax())]
    wave = best_row["wave"]
    round_name = (names or {}).get(wave, wave).split(" (")[0].lower()
    return (
        f"Most often rated {best_row['option'].lower()}: {best_row['item']} "
        f"({int(best_row['count'])} of {int(best_row['base'])}, {round_name} round)"
    )


def gain_title(ctx: Context, question: str, what: str) -> str:
    """A chart title stating the finding of a post-event scale (the first two options are gains):
    whether most responses, or fewer than half, said the event added to ``what``."""
    options = ctx.options("post_event", question)
    got = [ctx.answer("post_event", question, o) for o in options[:2]]
    n = got[0][1] if got else 0
    if not n:
        return f"How the event affected {what}"
    gained = sum(k for k, _ in got)
    return f"{how_many(gained, n, 'responses')} said the event added to {what}"


def scale_alt(ctx: Context, question: str, what: str) -> str:
    """Alt text for a post-event scale chart: the finding first, then each answer's count (all
    responses); the periods' counts are in the chart's linked table."""
    options = ctx.options("post_event", question)
    counts = [(o, *ctx.answer("post_event", question, o)) for o in options]
    parts = [f"{o.lower()} {share_text(k, n, interval=False)}" for o, k, n in counts if n]
    return alt_text(gain_title(ctx, question, what), parts)


def follow_up_title(ctx: Context, section: str, question: str, meaning: str, fallback: str) -> str:
    """A follow-up chart's title stating its finding: the first answer option's k of n in the
    latest round ("{k of n} in the final follow-up round {meaning}"), or ``fallback`` without it."""
    wave = ctx.latest_round()
    options = ctx.options("follow_up", question)
    if not wave or not options:
        return fallback
    k, n = ctx.answer("follow_up", question, options[0], wave)
    if not n:
        return fallback
    return f"{ctx.share(k, n, section)} in {ctx.round_phrase(wave)} {meaning}"
