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

from pathlib import Path

from markupsafe import Markup

from .. import paths
from ..aims.summary import NOT_WRITTEN
from ..stats import conventions
from ..stats.verdict import EVIDENCE_WORDS
from . import chrome, pages
from .rows import read_rows
from .snippets import banner_html, legend_html
from .templating import TEMPLATES, render

SECTION_COLUMNS = ("heading", "findings", "href")
POINT_COLUMNS = ("heading", "text", "href")
AIM_COLUMNS = ("heading",)
"""The columns of ``sections.csv``, ``main_points.csv`` and ``09_aims_summary.csv`` the pack reads."""


def pack_html(tables_dir: Path, *, synthetic: bool, study: str) -> str:
    """The board pack as one HTML document (main points, sections, aims, method note), from the
    template ``board_pack.html.j2``."""
    sections = read_rows(tables_dir / "sections.csv", SECTION_COLUMNS)
    anchors = {s["href"].split("#")[-1] for s in sections}
    points = [
        {**p, "anchor": anchor if (anchor := (p["href"] or "").split("#")[-1]) in anchors else None}
        for p in read_rows(tables_dir / "main_points.csv", POINT_COLUMNS)
        if p.get("text")
    ]
    summary = read_rows(tables_dir / "09_aims_summary.csv", AIM_COLUMNS)
    aims = [
        {"heading": r["heading"], "strength": r.get("strength"), "text": r.get("text", "").replace("**", "")}
        for r in summary
    ]
    css = (TEMPLATES / "pdu_report" / "report.css").read_text(encoding="utf-8")
    page = render(
        "board_pack.html.j2",
        study_name=pages.STUDY_NAME,
        css=Markup(css),
        print_css=Markup(chrome.print_mark_css(synthetic)),
        banner=banner_html(synthetic),
        legend=legend_html() if synthetic else "",
        points=points,
        sections=[{**s, "anchor": s["href"].split("#")[-1]} for s in sections],
        aims=aims,
        aims_written=any(r.get("text") for r in summary),
        not_written=NOT_WRITTEN,
        study=study,
        words_only_base=conventions.WORDS_ONLY_BASE,
        evidence_words=EVIDENCE_WORDS,
        indicative_base=conventions.INDICATIVE_BASE,
        disclosure_low=conventions.DISCLOSURE_LOW,
        disclosure_high=conventions.DISCLOSURE_HIGH,
    )
    return page + "\n"


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
