"""`make pdf`: the evaluation report (main points, the report's sections, a method note) printed by
Debian's chromium into one tagged A4 PDF, read back: the synthetic-data mark on every printed page,
at most about 20 pages, no link to a file on the build machine, no reviewer tables."""

from __future__ import annotations

import chromekit
import pytest

from pdu_analysis.report import chrome, pdf

pytestmark = [pytest.mark.slow, pytest.mark.browser]

A4_POINTS = (595, 842)  # 210 x 297 mm at 72 points to the inch, rounded


MAX_PAGES = 20


def _links(reader) -> list[str]:
    """Every URI a link annotation of the PDF points to."""
    found = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get_object().get("/URI") is not None:
                found.append(str(action.get_object()["/URI"]))
    return found


def test_board_pack_is_the_evaluation_report_tagged_marked_and_short(built_project, tmp_path):
    from pypdf import PdfReader

    chromium = chromekit.chromium_path()
    html = built_project / "reports/html"
    out = pdf.build_board_pack(html, tmp_path / "pack" / "board_pack.pdf", chromium=chromium)
    reader = PdfReader(out)
    assert 1 < len(reader.pages) <= MAX_PAGES, f"{len(reader.pages)} pages"
    missing = [n for n, page in enumerate(reader.pages, 1) if chrome.PRINT_MARK not in page.extract_text()]
    assert not missing, f"printed pages without the synthetic-data mark: {missing}"
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {A4_POINTS}
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], "the PDF is not tagged"
    assert not [u for u in _links(reader) if u.startswith("file:")], "a link points to the build machine"
    text = " ".join(page.extract_text() for page in reader.pages)
    import csv

    with open(built_project / "reports/tables/sections.csv", newline="", encoding="utf-8") as handle:
        headings = [r["heading"] for r in csv.DictReader(handle)]
    assert headings and all(h.split()[0] in text for h in headings)
    assert "Main points" in text and "Method note" in text
    with open(built_project / "reports/tables/09_aims_summary.csv", newline="", encoding="utf-8") as handle:
        aims = list(csv.DictReader(handle))
    assert "How far the PDU met its aims" in text
    assert aims and all(a["heading"].split()[0] in text for a in aims)
    assert all(f"Strength of the evidence: {a['strength']}" in text for a in aims if a["strength"])
    for reviewer_words in ("Tables written", "For reviewers", "p-value"):
        assert reviewer_words not in text, reviewer_words


def test_a_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(pdf.PDFError, match="index.html: not found"):
        pdf.board_pages(tmp_path)
