"""The board pack's one document: the evaluation report as a steering group reads it on paper.

Main points, every findings section of the report in its order (heading and findings in plain
words, as the pages word them: ``reports/tables/main_points.csv`` and ``sections.csv``), how far
the PDU met its aims (each aim's rating and the evaluator's checked conclusion, as the aims page
words them: ``09_aims_summary.csv``), and a one-page method note. Reviewer tables stay on the
HTML pages. Links inside the pack point to its own sections; a link to an HTML page is left out,
because a PDF sent by e-mail cannot follow it (and a printed absolute path would show the build
machine's folders). Printed once by Chromium, so the PDF keeps the structure tags Chromium writes
(joining PDFs would drop them).
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

from .. import paths
from ..aims.summary import NOT_WRITTEN
from ..stats import conventions
from ..wording.assumed import legend_html
from . import chrome, pages
from .snippets import banner_html

TEMPLATES = Path(__file__).with_name("templates")
PACK_CSS = """
body { max-width: none; }
main { max-width: 46em; }
h2 { break-after: avoid; }
h3 { break-after: avoid; }
.method-note { break-before: page; }
.main-points li { margin-bottom: 0.5em; }
"""


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))
    except OSError:
        return []


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def aims_html(rows: list[dict[str, str]]) -> str:
    """How far the PDU met its aims: each aim's rating and conclusion, then issues and next steps.

    Empty when the aims page wrote no summary; a note when the conclusions are not written."""
    if not rows:
        return ""
    written = any(r.get("text") for r in rows)
    parts = []
    for row in rows:
        rating = f"<p><strong>Strength of the evidence: {html.escape(row['strength'])}.</strong></p>"
        parts.append(
            f"<h3>{html.escape(row['heading'])}</h3>"
            + (rating if row.get("strength") else "")
            + _paragraphs(row.get("text", "").replace("**", ""))
        )
    note = "" if written else f"<p><em>{html.escape(NOT_WRITTEN)}</em></p>"
    return f'<h2 id="aims">How far the PDU met its aims</h2>{note}{"".join(parts)}'


def method_note(study: str) -> str:
    """The one-page method note, with the thresholds the pages apply (from the conventions)."""
    return (
        '<section class="method-note"><h2 id="method-note">Method note</h2>'
        f"<p>{html.escape(study)}</p>"
        "<p>Each figure is a count out of the people who answered the question (“k of n”). Results "
        f"from fewer than {conventions.WORDS_ONLY_BASE} people are given as counts only; results from "
        f"fewer than {conventions.INDICATIVE_BASE} people are indicative only. A difference between "
        "two rounds or periods is called a real change only when it is larger than chance would "
        "readily explain; when it is not, the pages say how large a change the numbers could have "
        "shown. Attendances are counted allowing for people who came to more than one event.</p>"
        "<p>Answers given just after an event are grouped by period (up to the interim cut-off, or "
        "after it); answers to the follow-up survey by its rounds. Different questions put to "
        "different people, such as intending to change and having taken action, are set side by "
        "side and never tested against each other.</p>"
        f"<p>Counts of {conventions.DISCLOSURE_LOW} to {conventions.DISCLOSURE_HIGH} that could point "
        "to a person are hidden. Quotes appear only when approved, with names and contact details "
        "removed, and are attributed to a kind of speaker, never to a person.</p>"
        "<p>The tests, intervals and tables behind each finding are on the reviewers' pages of the "
        "HTML reports, which also set every figure the February 2019 report publishes beside the "
        "figure computed here.</p></section>"
    )


def pack_html(tables_dir: Path, *, synthetic: bool, study: str) -> str:
    """The board pack as one HTML document (main points, sections, method note)."""
    points = _rows(tables_dir / "main_points.csv")
    sections = _rows(tables_dir / "sections.csv")
    aims = _rows(tables_dir / "09_aims_summary.csv")
    anchors = {s["href"].split("#")[-1] for s in sections}

    def link(href: str) -> str:
        anchor = (href or "").split("#")[-1]
        return f' <a href="#{html.escape(anchor)}">See the section</a>' if anchor in anchors else ""

    listed = "".join(
        f"<li><strong>{html.escape(p['heading'])}.</strong> {html.escape(p['text'])}{link(p['href'])}</li>"
        for p in points
        if p.get("text")
    )
    body = "".join(
        f'<h3 id="{html.escape(s["href"].split("#")[-1])}">{html.escape(s["heading"])}</h3>'
        + _paragraphs(s["findings"])
        for s in sections
    )
    css = (TEMPLATES / "pdu_report" / "report.css").read_text(encoding="utf-8")
    legend = legend_html() if synthetic else ""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{html.escape(pages.STUDY_NAME)}: evaluation report (board pack)</title>"
        f"<style>{css}{PACK_CSS}{chrome.print_mark_css(synthetic)}</style></head><body><main>"
        f"<h1>{html.escape(pages.STUDY_NAME)}: evaluation report</h1>{banner_html(synthetic)}"
        f'<h2 id="main-points">Main points</h2><ul class="main-points">{listed}</ul>{legend}'
        f'<h2 id="findings">The findings, section by section</h2>{body}{legend}'
        f"{aims_html(aims)}"
        f"{method_note(study)}</main></body></html>\n"
    )


def write_pack_html(out: Path, tables_dir: Path | None = None) -> Path:
    """Write the pack's HTML to ``out`` (a scratch file the PDF is printed from)."""
    from .index import study_text

    raw = paths.raw_dir()
    document = pack_html(
        Path(tables_dir or paths.tables_dir()),
        synthetic=paths.is_synthetic(raw),
        study=study_text(paths.processed_dir()),
    )
    out.write_text(document, encoding="utf-8")
    return out
