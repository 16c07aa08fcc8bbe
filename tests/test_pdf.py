"""`make pdf`: the index and the reader's pages printed by Debian's chromium into one A4 PDF, read
back as text: the synthetic-data mark on every printed page, pages in the reading order."""

from __future__ import annotations

import chromekit
import pytest

from pdu_analysis.report import chrome, pages, pdf

pytestmark = [pytest.mark.slow, pytest.mark.browser]

A4_POINTS = (595, 842)  # 210 x 297 mm at 72 points to the inch, rounded


def test_board_pack_has_the_synthetic_mark_on_every_page(built_project, tmp_path):
    from pypdf import PdfReader

    chromium = chromekit.chromium_path()
    html = built_project / "reports/html"
    out = pdf.build_board_pack(html, tmp_path / "pack" / "board_pack.pdf", chromium=chromium)
    reader = PdfReader(out)
    chosen = pdf.board_pages(html)
    assert chosen[0].name == "index.html"
    places = pages.read_page_places(html)
    assert all(pages.group_of(p.stem, places) == "readers" for p in chosen[1:]) and len(chosen) > 1
    assert len(reader.pages) >= len(chosen)
    missing = [n for n, page in enumerate(reader.pages, 1) if chrome.PRINT_MARK not in page.extract_text()]
    assert not missing, f"printed pages without the synthetic-data mark: {missing}"
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {A4_POINTS}
    from bs4 import BeautifulSoup

    titles = [item.title for item in reader.outline]
    expected = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").title.get_text() for p in chosen]
    assert titles == expected and titles[0].startswith("Main points")
    reviewers = [p for p in html.glob("[0-9][0-9]_*.html") if pages.group_of(p.stem, places) == "reviewers"]
    assert reviewers, "the reviewers' pages exist but stay out of the pack"


def test_a_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(pdf.PDFError, match="index.html: not found"):
        pdf.board_pages(tmp_path)
