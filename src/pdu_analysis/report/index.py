"""The front page of the reports: what the study is, the headline figures, links to every report.

    python -m pdu_analysis.report.index --out reports/html/index.html

This module reads the data and builds a context; the page itself is the Jinja2 template
``templates/index_page.html.j2``. Numbers are worded by :mod:`pdu_analysis.wording.numbers` and
the small-base thresholds come from :mod:`pdu_analysis.stats.conventions`, so the page follows the
same rules as every other report. A missing headline table gives a page with a clear note.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TypedDict

from markupsafe import Markup

from .. import __version__, cli, paths
from ..calendar_words import month_text
from ..errors import PDUInputError
from ..labels import MEASURE_LABELS, survey_wave_labels, wave_label
from ..stats import conventions
from ..store import write_atomic
from ..wording import numbers
from . import chrome, provenance
from . import pages as reading_order
from .rows import read_rows, shown
from .snippets import banner_html, legend_html
from .templating import TEMPLATES, render

COLUMNS = ("measure", "wave", "count", "base", "percent", "ci_low", "ci_high")
MAIN_POINT_COLUMNS = ("heading", "text", "href")
EVENT_COLUMNS = ("kind", "status", "date")
RESPONSE_COLUMNS = ("survey", "wave", "responded_on")


def _month(day: str) -> str:
    return month_text(day)


def study_text(processed: Path) -> str:
    """What the study is, with the counts read from the tidy tables (so new data update it)."""
    events = [
        r
        for r in read_rows(processed / "events.csv", EVENT_COLUMNS)
        if r.get("kind") == "learning_event" and r.get("status") == "held"
    ]
    rounds: dict[str, list[str]] = {}
    for row in read_rows(processed / "survey_responses.csv", RESPONSE_COLUMNS):
        if row.get("survey") == "follow_up":
            rounds.setdefault(row["wave"], []).append(row["responded_on"])
    held = (
        f"held {len(events)} learning events for professionals working with people with "
        "multiple and complex needs in Nottingham"
        + (
            f" between {_month(min(r['date'] for r in events))} and {_month(max(r['date'] for r in events))}"
            if events
            else ""
        )
    )
    ordered = sorted(rounds.items(), key=lambda item: min(item[1]))
    follow = ", ".join(f"{len(days)} responses in {_month(min(days))}" for _, days in ordered)
    return (
        "The Practice Development Unit (PDU), run by Nottingham Community and Voluntary Service "
        f"with Opportunity Nottingham, {held}. Its external evaluation published a final report in "
        "February 2019. These pages rebuild that evaluation with open, repeatable code from the "
        "records in hand: the attendance register, post-event surveys, "
        f"{len(ordered)} round{'s' if len(ordered) != 1 else ''} of a follow-up survey"
        + (f" ({follow})" if follow else "")
        + ", registrations on the PDU's online hub and interview notes, giving counts beside "
        "every percentage and flagging results that rest on few people."
    )


class HeadlineRow(TypedDict):
    """One row of the index's headline table, worded (the base kept for the example of a count)."""

    measure: str
    wave: str
    result: str
    interval: str
    note: str
    words_only_base: float | None


def headline_rows(csv_path: Path) -> list[HeadlineRow]:
    """One dict of worded cells per row of the headline figures table (measure, wave, result,
    interval, note); a missing column is a :class:`PDUInputError` naming the file."""
    rows = read_rows(csv_path, COLUMNS)
    labels = survey_wave_labels()
    out: list[HeadlineRow] = []
    for row in rows:
        count, base, percent, low, high = (
            numbers.finite_or_none(row[c]) for c in ("count", "base", "percent", "ci_low", "ci_high")
        )
        measure = (row["measure"] or "").strip()
        out.append(
            {
                "measure": MEASURE_LABELS.get(measure, measure),
                "wave": wave_label(measure, (row["wave"] or "").strip(), labels) or "\u2013",
                "result": numbers.result_text(count, base, percent),
                "interval": numbers.interval_text(low, high),
                "note": numbers.indicative_note(base),
                "words_only_base": base if base is not None and base < conventions.WORDS_ONLY_BASE else None,
            }
        )
    return out


def _page_title(page: Path) -> str:
    """A page's own heading: its title without the study's name after it."""
    title, _ = reading_order.page_head(page.read_text(encoding="utf-8"))
    title = title.strip() if title is not None else page.stem
    return title.removesuffix(f" \u00b7 {reading_order.STUDY_NAME}")


def _other_pages(folder: Path, exclude: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.html") if p.resolve() != exclude.resolve())


def pages_in_order(pages_found: list[Path]) -> list[Path]:
    """The numbered pages in the reading order each page carries (:mod:`pdu_analysis.report.pages`)."""
    by_stem = {p.stem: p for p in pages_found}
    places = _places(pages_found)
    return [by_stem[stem] for stem in reading_order.sequence(by_stem, places)]


def _places(pages_found: list[Path]) -> dict[str, reading_order.Place]:
    return {p.stem: reading_order.place_of_page(p.read_text(encoding="utf-8"), p.stem) for p in pages_found}


def main_points(csv_path: Path) -> list[dict[str, str]]:
    """The main points notebook 06 computed (``main_points.csv``), or [] when not built yet; a
    file without the expected columns is a :class:`PDUInputError` naming it."""
    if not csv_path.is_file():
        return []
    rows = read_rows(csv_path, MAIN_POINT_COLUMNS)
    return [{c: (row[c] or "").strip() for c in MAIN_POINT_COLUMNS} for row in rows if row["text"]]


SECTION_COLUMNS = ("section", "heading", "findings", "href")


def report_sections(csv_path: Path) -> list[dict[str, str]]:
    """The report's findings sections as the build worded them (``sections.csv``): heading, the
    opening finding and the link to the section; [] when not built yet."""
    if not csv_path.is_file():
        return []
    rows = read_rows(csv_path, SECTION_COLUMNS)
    return [
        {"heading": r["heading"], "lead": (r["findings"] or "").split("\n\n")[0].strip(), "href": r["href"]}
        for r in rows
    ]


def conclusions_href(pages_found: list[Path]) -> str | None:
    """The page on how far the PDU met its aims, when one is rendered (its name says aims or
    conclusions), so the main points can link to it."""
    for page in pages_found:
        if re.search(r"aims|conclusion", page.stem):
            return f"{page.stem}.html"
    return None


def vocabulary() -> dict[str, list[dict[str, str]]]:
    """The periods and rounds every page uses, defined once for the glossary (from waves.csv and
    the cut-off the cleaning applied)."""
    from ..labels import period_labels, period_phrases

    waves = list(survey_wave_labels())
    try:
        from ..clean.waves import applied_cutoff

        cutoff: str | None = applied_cutoff()
    except (OSError, PDUInputError, KeyError, IndexError):  # not cleaned yet: waves.csv's cut-off
        from ..reference import waves_by_cutoff

        cutoff = waves_by_cutoff()["attendance_cutoff"].iloc[0] if waves else None
    periods = []
    if waves and cutoff is not None:
        names, phrases = period_labels(waves, cutoff), period_phrases(waves)
        periods = [{"phrase": phrases[w], "label": names[w]} for w in waves]
    return {"periods": periods, "rounds": [{"label": label} for label in data_rounds()]}


def data_rounds() -> list[str]:
    """The follow-up rounds in the data, as readers know them (a round waves.csv does not list is
    named by its months); waves.csv's labels only before the surveys are cleaned."""
    from ..labels import round_labels
    from ..store import read_processed

    try:
        responses = read_processed("survey_responses")
    except PDUInputError:
        return list(survey_wave_labels().values())
    return list(round_labels(responses).values())


def page_context(out: Path, headline_csv: Path, synthetic: bool | None = None) -> dict[str, object]:
    """Everything the template shows, worded; the banner shows if the raw folder is synthetic or
    any rendered page carries it (unless ``synthetic`` is given)."""
    pages = _other_pages(out.parent, out)
    raw = paths.raw_dir()
    if synthetic is None:
        synthetic = paths.is_synthetic(raw) or any(
            'class="synthetic-banner"' in p.read_text(encoding="utf-8") for p in pages
        )
    rows = headline_rows(headline_csv) if headline_csv.is_file() else []
    # The example of a count is the table's own: the largest base still shown as "k of n".
    small = sorted(
        (r for r in rows if r["words_only_base"] is not None), key=lambda r: -(r["words_only_base"] or 0)
    )
    css = (TEMPLATES / "pdu_report" / "report.css").read_text()
    described = provenance.description_href(provenance.copy_description(raw, out.parent.resolve().parent))
    headings = {p.stem: _page_title(p) for p in pages_in_order(pages_found=pages)}
    places = _places([p for p in pages if p.stem in headings])
    return {
        "css": Markup(css + "dl.glossary dt { font-weight: 600; margin-top: 0.4em; }\n"),
        "print_css": Markup(chrome.print_mark_css(synthetic)),
        "title": reading_order.page_title("Main points and all pages"),
        "header": chrome.header_html(
            None,
            headings,
            banner_html(synthetic, provenance_href=described),
            glossary_href="#glossary",
            places=places,
        ),
        "footer": chrome.footer_html(
            built=provenance.build_date(),
            commit=provenance.build_commit(),
            data=provenance.data_fingerprint(raw),
            code=provenance.code_version(),
        ),
        "provenance": chrome.provenance_sentence(described),
        "banner": banner_html(synthetic, provenance_href=described),
        "synthetic": synthetic,
        "study": study_text(paths.processed_dir()),
        "headline": rows,
        "headline_missing": None if headline_csv.is_file() else shown(headline_csv),
        "count_example": small[0]["result"] if small else "k of n",
        "words_only_base": conventions.WORDS_ONLY_BASE,
        "indicative_base": conventions.INDICATIVE_BASE,
        "alpha": conventions.ALPHA,
        "disclosure_low": conventions.DISCLOSURE_LOW,
        "disclosure_high": conventions.DISCLOSURE_HIGH,
        "page_groups": [
            {
                "key": key,
                "heading": heading,
                "pages": [{"href": f"{stem}.html", "title": headings[stem]} for stem in stems],
            }
            for key, heading, stems in reading_order.grouped(headings, places)
        ],
        "main_points": main_points(headline_csv.with_name("main_points.csv")),
        "sections": report_sections(headline_csv.with_name("sections.csv")),
        "conclusions_href": conclusions_href(pages),
        "assumed_legend": legend_html() if synthetic else "",
        "vocabulary": vocabulary(),
        "source": (
            "a synthetic reconstruction of the PDU's records, made to match the totals the "
            "final report publishes; it is not the PDU's real data"
            if synthetic
            else "the PDU's own exports of its register, surveys and hub list"
        ),
        "version": __version__,
    }


def build_index(out: Path, headline_csv: Path | None = None, *, synthetic: bool | None = None) -> Path:
    """Write the index page to ``out`` and return its path."""
    out = Path(out)
    headline_csv = Path(headline_csv or paths.tables_dir() / "headline_figures.csv")
    page = render("index_page.html.j2", **page_context(out, headline_csv, synthetic))
    write_atomic(out, (page.rstrip("\n") + "\n").encode("utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_analysis.report.index", __doc__)
    cli.path_option(parser, "--out", "page to write", unless="reports/html/index.html")
    cli.path_option(
        parser, "--headline", "headline figures CSV", unless="reports/tables/headline_figures.csv"
    )
    args = parser.parse_args(argv)
    out = args.out or paths.reports_dir() / "html" / "index.html"
    return cli.write_step("index", lambda: build_index(out, args.headline), (OSError, PDUInputError))


if __name__ == "__main__":
    sys.exit(main())
