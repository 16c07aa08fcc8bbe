"""Each findings section of the report, opened by its findings in plain words, computed from the data.

The report's reading path is ``data/reference/sections.csv`` (who attends, understanding, knowledge,
sharing, diversity, links, involvement, changes at work, outcomes, the model). For each section
:func:`section_findings` returns the sentences a steering-group member reads first: what the figure
means, with its k of n, and no test, interval method or p-value (those sit in the reviewers'
details). Every figure is computed from the tidy tables in hand; a figure the report never
published carries the mark of :mod:`pdu_analysis.wording.assumed` while the data are synthetic.
A question these data do not hold gives no sentence; a section left with none says so in one
sentence rather than vanishing. Sections whose evidence is qualitative only (knowledge, diversity,
involvement) are built from the coded themes assigned to them (the ``section`` column of
``data/reference/themes.csv``), or say that no text is coded for them yet.
"""

from __future__ import annotations

import pandas as pd

from pdu_analysis import measures, paths, reference
from pdu_analysis.labels import survey_wave_labels
from pdu_analysis.wording.assumed import Published
from pdu_analysis.wording.chart_titles import lower_first
from pdu_analysis.wording.numbers import share_text

SECTION_PAGES = {
    "who_attends": "who",
    "understanding": "feedback",
    "knowledge": "feedback",
    "sharing": "feedback",
    "diversity": "feedback",
    "links": "follow_up",
    "involvement": "follow_up",
    "practice_change": "follow_up",
    "outcomes": "follow_up",
    "model": "follow_up",
}
"""The reader page (a key of :data:`pdu_analysis.wording.findings.PAGES`) that opens each section."""
QUALITATIVE = ("knowledge", "diversity", "involvement")
"""Sections the report evidences from interviews and open answers only."""
THEMES_PER_SECTION = 3
"""Most themes named in a qualitative section's sentence (the most often coded first)."""


def no_text_sentence(heading: str) -> str:
    """The one sentence a section shows when no coded text or answer in these data bears on it."""
    return (
        f"No coded open answers or interview notes bear on {heading.lower()} in these data yet, "
        "so this section has no findings to show."
    )


class Context:
    """The tables a page's sections read, with the published-figure marks, built once per page."""

    def __init__(
        self,
        tidy: dict[str, pd.DataFrame],
        published: Published,
        theme_shares: pd.DataFrame | None = None,
    ) -> None:
        self.tidy = tidy
        self.published = published
        self.shares = theme_shares
        self.sections = reference.report_sections()
        self.answers = tidy["survey_answers"]
        self.responses = tidy["survey_responses"]

    def heading(self, section: str) -> str:
        return str(self._row(section)["heading"])

    def report_heading(self, section: str) -> str:
        return str(self._row(section)["report_heading"])

    def _row(self, section: str) -> pd.Series:
        rows = self.sections[self.sections["section"] == section]
        if rows.empty:
            raise KeyError(f"section {section!r} is not in data/reference/sections.csv")
        return rows.iloc[0]

    def share(self, k: int, n: int, section: str, *, interval: bool = False) -> str:
        """ "k of n" (with the percent from 30, and its interval when asked), marked when the report
        never published it."""
        return self.published.mark(share_text(k, n, interval=interval), k, n, self.report_heading(section))

    def count(self, k: int, section: str) -> str:
        return self.published.mark(str(k), k, None, self.report_heading(section))

    def latest_round(self) -> str | None:
        waves = measures.waves_in_order(self.responses, "follow_up")
        return waves[-1] if waves else None

    def round_phrase(self, wave: str) -> str:
        name = survey_wave_labels().get(wave, wave)
        return f"the {name.split(' (')[0].lower()} follow-up round"

    def options(self, survey: str, question: str) -> list[str]:
        try:
            return reference.codebook_options(survey, question)[1]
        except KeyError:
            return []

    def answer(
        self, survey: str, question: str, option: str, wave: str | None = None, item: bool = False
    ) -> tuple[int, int]:
        if item:
            return measures.answer_count(self.answers, survey, question, "", wave, item=option)
        return measures.answer_count(self.answers, survey, question, option, wave)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _scale(ctx: Context, section: str, question: str, lead: str, wave: str | None, survey: str) -> str | None:
    """One sentence over a single-choice scale: each option's k of n, in codebook order."""
    options = ctx.options(survey, question)
    counts = [(o, *ctx.answer(survey, question, o, wave)) for o in options]
    if not counts or counts[0][2] == 0:
        return None
    n = counts[0][2]
    parts = [f"{ctx.share(k, n, section)} “{lower_first(o)}”" for o, k, _ in counts]
    return f"{lead} {_and(parts)}."


def _who_attends(ctx: Context, s: str) -> list[str]:
    t = ctx.tidy
    attendances, people, events = t["attendances"], t["people"], t["events"]
    held = events[(events["kind"] == "learning_event") & (events["status"] == "held")]
    out = []
    if len(attendances):
        repeat = int((people["attendances"] > 1).sum())
        out.append(
            f"The PDU reached {ctx.count(len(people), s)} people, who made {ctx.count(len(attendances), s)} "
            f"attendances at {ctx.count(len(held), s)} learning events; {ctx.share(repeat, len(people), s)} "
            "came back for more than one event."
        )
        sectors = attendances["sector"].value_counts()
        mix = [
            f"{ctx.share(int(k), len(attendances), s)} from the {name} sector" for name, k in sectors.items()
        ]
        out.append(f"Attendances came {_and(mix)}.")
    cop = events[events["kind"] != "learning_event"]
    if len(cop):
        from pdu_analysis.tables.attendance import cop_sessions_table

        table = cop_sessions_table(events)
        held_cop = table[table["status"] == "held"]
        if len(held_cop):
            out.append(
                f"Beyond the learning events, {ctx.count(table['community'].nunique(), s)} Communities of "
                f"Practice met {ctx.count(len(held_cop), s)} times for more in-depth discussion."
            )
    hub = t.get("hub_users")
    wave = ctx.latest_round()
    if hub is not None and len(hub):
        text = f"The online hub has {ctx.count(len(hub), s)} registered users"
        if wave:
            k, n = ctx.answer("follow_up", "hub_aware", "Yes", wave)
            used, asked = ctx.answer("follow_up", "hub_used", "Yes", wave)
            if n:
                text += f"; in {ctx.round_phrase(wave)} {ctx.share(k, n, s)} respondents knew of it"
                if asked:
                    text += f" and {ctx.share(used, asked, s)} of those had used it"
        out.append(text + ".")
    return out


def _understanding(ctx: Context, s: str) -> list[str]:
    out = []
    for question, what in (
        ("understanding", "their understanding of the topic"),
        ("awareness", "their awareness of the issues"),
    ):
        line = _scale(
            ctx,
            s,
            question,
            f"Asked just after an event how it had affected {what}, responses were",
            None,
            "post_event",
        )
        if line:
            out.append(line)
    if out:
        out.append(
            "An answer that the event confirmed what people already knew counts as neither a gain nor a loss."
        )
    return out


def _sharing(ctx: Context, s: str) -> list[str]:
    out = []
    plan = ctx.options("post_event", "share_plan")
    counts = sorted(
        ((ctx.answer("post_event", "share_plan", o, None, item=True), o) for o in plan),
        key=lambda c: -c[0][0],
    )
    if counts and counts[0][0][1]:
        (k, n), top = counts[0]
        text = f"Just after the events, {ctx.share(k, n, s)} planned to pass on what they learnt"
        text += f" to {lower_first(top)}"
        if len(counts) > 1 and counts[1][0][0]:
            text += f", ahead of {lower_first(counts[1][1])}, {ctx.share(counts[1][0][0], n, s)}"
        out.append(text + ".")
    wave = ctx.latest_round()
    options = ctx.options("follow_up", "shared_with")
    if wave and options:
        got = [(ctx.answer("follow_up", "shared_with", o, wave, item=True), o) for o in options]
        n = got[0][0][1]
        shared = sorted((g for g in got if " not " not in f" {g[1].lower()} "), key=lambda g: -g[0][0])
        if n and shared and shared[0][0][0]:
            (k, _), top = shared[0]
            text = f"Months later, in {ctx.round_phrase(wave)}, {ctx.share(k, n, s)} had shared it"
            text += f" with {lower_first(top)}"
            none = [g for g in got if " not " in f" {g[1].lower()} "]
            if none:
                text += f"; {ctx.share(none[0][0][0], n, s)} had not shared it"
            out.append(text + ".")
    return out


def _links(ctx: Context, s: str) -> list[str]:
    k, n = ctx.answer("follow_up", "made_contact", "Yes")
    if not n:
        return []
    waves = measures.waves_in_order(ctx.responses, "follow_up")
    text = (
        f"{ctx.share(k, n, s)} follow-up respondents had since made contact with someone they met at a "
        "PDU event"
    )
    if len(waves) > 1:
        each = [
            f"{ctx.share(*ctx.answer('follow_up', 'made_contact', 'Yes', w), s)} in {ctx.round_phrase(w)}"
            for w in waves
            if ctx.answer("follow_up", "made_contact", "Yes", w)[1]
        ]
        text += f" (all rounds together: {_and(each)})"
    return [text + "."]


def _practice(ctx: Context, s: str) -> list[str]:
    out = []
    k, n = ctx.answer("post_event", "intend_change", "Yes")
    if n:
        out.append(
            f"Just after the events, {ctx.share(k, n, s)} responses said they intended to change their "
            "practice."
        )
    wave = ctx.latest_round()
    if wave:
        k, n = ctx.answer("follow_up", "took_action", "Yes", wave)
        if n:
            out.append(
                f"In {ctx.round_phrase(wave)}, {ctx.share(k, n, s)} respondents said they had taken "
                "action as a result of what they learnt."
            )
    if len(out) == 2:
        out.append(
            "These are different questions put to different people, so they sit side by side; the gap "
            "between them does not measure how many intentions were carried out."
        )
    return out


def _outcomes(ctx: Context, s: str) -> list[str]:
    wave = ctx.latest_round()
    if not wave:
        return []
    line = _scale(
        ctx,
        s,
        "outcomes_improved",
        f"Asked in {ctx.round_phrase(wave)} whether they knew of improved outcomes for service users "
        "from changes they had made, respondents answered",
        wave,
        "follow_up",
    )
    if not line:
        return []
    return [line, *_unsure_note(ctx, "outcomes_improved", wave)]


UNSURE = ("not sure", "don't know", "do not know")
"""How an answer option saying the respondent could not tell begins (lower case)."""


def _unsure_note(ctx: Context, question: str, wave: str) -> list[str]:
    """A sentence when "not sure" was at least as common as the scale's first answer."""
    options = ctx.options("follow_up", question)
    unsure = [o for o in options if o.lower().startswith(UNSURE)]
    if not options or not unsure or unsure[0] == options[0]:
        return []
    first, _ = ctx.answer("follow_up", question, options[0], wave)
    k, _ = ctx.answer("follow_up", question, unsure[0], wave)
    if k == 0 or k < first:
        return []
    compared = "More respondents said" if k > first else "As many respondents said"
    than = "than" if k > first else "as"
    return [
        f"{compared} “{lower_first(unsure[0])}” {than} “{lower_first(options[0])}”: outcomes for service "
        "users are often hard to see from a practitioner's seat."
    ]


def _model(ctx: Context, s: str) -> list[str]:
    wave = ctx.latest_round()
    if not wave:
        return []
    out = []
    line = _scale(
        ctx,
        s,
        "effectiveness",
        f"Asked in {ctx.round_phrase(wave)} how effective the learning events are as a way to change "
        "practice, respondents answered",
        wave,
        "follow_up",
    )
    if line:
        out.append(line)
    from pdu_analysis.tables.survey import matrix_table

    useful = matrix_table(ctx.answers, ctx.responses, "follow_up", "usefulness")
    if len(useful):
        latest = useful[useful["wave"] == wave]
        top = latest[latest["option"] == latest["option"].iloc[0]] if len(latest) else latest
        if len(top) and top["count"].max() > 0:
            best = top.iloc[int((top["count"] / top["base"]).to_numpy().argmax())]
            out.append(
                f"Of the parts of the events, {lower_first(best['item'])} were most often rated "
                f"“{lower_first(best['option'])}” ({ctx.share(int(best['count']), int(best['base']), s)})."
            )
    return out


def _themes(ctx: Context, s: str) -> list[str]:
    """The section's coded themes as k of n units, the most often coded first (qualitative sections)."""
    shares = ctx.shares
    if shares is None or shares.empty:
        return []
    from pdu_analysis.qual.pooled import pooled_theme_counts

    themes = _themes_of(s)
    pooled = pooled_theme_counts(shares[shares["theme"].isin(themes)])
    rows = pooled[pooled["count"] > 0]
    if rows.empty:
        return []
    best = rows.sort_values(["count", "base"], ascending=[False, True], kind="stable").drop_duplicates(
        "theme"
    )
    from pdu_analysis.qual.wording import counted_as

    parts = [
        f"{lower_first(r.label)} ({ctx.share(int(r.count), int(r.base), s)} "
        f"{counted_as(r.survey, r.question_id)})"
        for r in best.head(THEMES_PER_SECTION).itertuples()
    ]
    return [f"In the coded open answers and interview notes, people spoke of {_and(parts)}."]


def _themes_of(section: str) -> list[str]:
    """Theme ids that ``data/reference/themes.csv`` assigns to ``section`` (none without the column)."""
    from pdu_analysis.paths import REFERENCE_DIR

    book = reference.text_table(REFERENCE_DIR / paths.THEMES_FILE)
    if "section" not in book.columns:
        return []
    return book.loc[book["section"] == section, "theme_id"].tolist()


BUILDERS = {
    "who_attends": _who_attends,
    "understanding": _understanding,
    "sharing": _sharing,
    "links": _links,
    "practice_change": _practice,
    "outcomes": _outcomes,
    "model": _model,
}


def section_findings(ctx: Context, section: str) -> list[str]:
    """The plain-word findings of ``section``: survey and register figures, then its coded themes.

    Never empty: a section with nothing in these data gets :func:`no_text_sentence`.
    """
    found = list(BUILDERS.get(section, lambda c, s: [])(ctx, section)) + _themes(ctx, section)
    return found or [no_text_sentence(ctx.heading(section))]


def section_markdown(ctx: Context, section: str, level: int = 2) -> str:
    """The section's heading and its findings as Markdown (one paragraph per finding)."""
    body = "\n\n".join(section_findings(ctx, section))
    return f"{'#' * level} {ctx.heading(section)}\n\n{body}"


def page_context(raw_dir=None, tidy: dict[str, pd.DataFrame] | None = None) -> Context:
    """The sections' context for a page: the tidy tables, which figures the report published, and
    the coded theme shares when the codebook assigns themes to sections."""
    from pdu_analysis import paths
    from pdu_analysis.wording.assumed import published_figures

    tidy = tidy if tidy is not None else measures.load_tables()
    raw = paths.raw_dir(raw_dir)
    shares = None
    if any(_themes_of(s) for s in QUALITATIVE):
        from pdu_analysis.qual.handoff import theme_counts

        shares = theme_counts(raw)  # as the open-text notebook wrote them
    return Context(tidy, published_figures(tidy, synthetic=paths.is_synthetic(raw)), shares)


def section_href(section: str) -> str:
    """The link to a section on its page (``<page>.html#section-<id>``)."""
    from pdu_analysis.wording.findings import PAGES

    return f"{PAGES[SECTION_PAGES[section]]}#section-{section}"


def has_findings(ctx: Context, section: str) -> bool:
    """True when the section has a finding of its own in these data (not the no-text sentence)."""
    return section_findings(ctx, section) != [no_text_sentence(ctx.heading(section))]


SECTION_TABLE_COLUMNS = ["section", "order", "heading", "findings", "href"]


def sections_table(ctx: Context) -> pd.DataFrame:
    """Every section in reading order with its findings (one paragraph each, joined by a blank
    line) and its link: ``reports/tables/sections.csv``, read by the index page."""
    rows = [
        {
            "section": r.section,
            "order": r.order,
            "heading": r.heading,
            "findings": "\n\n".join(section_findings(ctx, r.section)),
            "href": section_href(r.section),
        }
        for r in ctx.sections.itertuples()
    ]
    return pd.DataFrame(rows, columns=SECTION_TABLE_COLUMNS)
