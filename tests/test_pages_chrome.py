"""Page chrome: the reading order, the header and footer every page carries, links to the CSVs.

The reading order is checked against the list written out by hand; the footer's fingerprints are
recomputed here with hashlib over the same bytes, a different path from the module's own code.
"""

from __future__ import annotations

import re

import chromekit
import pytest

from pdu_analysis.report import pages

STEMS = [
    "01_clean_attendance",
    "02_clean_surveys",
    "03_who_attends",
    "04_event_feedback",
    "05_follow_up",
    "06_interim_vs_final",
    "07_open_text",
    "08_reproduction",
]


PLACES = {
    s: pages.Place("reviewers" if s[:2] in ("01", "02", "08") else "readers", int(s[:2])) for s in STEMS
}


def test_reading_order_puts_findings_first_then_reviewers():
    expected = [STEMS[i] for i in (2, 3, 4, 5, 6, 0, 1, 7)]
    assert pages.sequence(reversed(STEMS), PLACES) == expected
    parts = pages.grouped(STEMS, PLACES)
    assert [(key, members) for key, _, members in parts] == [
        ("readers", expected[:5]),
        ("reviewers", expected[5:]),
    ]


def test_a_page_nobody_placed_goes_last_and_unnumbered_files_are_ignored():
    places = {"03_who_attends": PLACES["03_who_attends"], "01_clean": pages.Place("reviewers", 1)}
    assert pages.sequence(["09_new", "index", "03_who_attends", "01_clean"], places) == [
        "03_who_attends",
        "01_clean",
        "09_new",
    ]
    assert pages.group_of("09_new", places) == "reviewers"
    assert pages.group_of("index") is None


def test_a_notebook_places_itself_by_metadata_else_by_its_first_heading():
    def notebook(heading, page=None):
        meta = {"pdu_analysis": {"page": page}} if page else {}
        return {"metadata": meta, "cells": [{"cell_type": "markdown", "source": [f"# {heading}\n", "text"]}]}

    assert pages.place_of_notebook(notebook("Anything", {"audience": "reviewers"}), "12_x") == pages.Place(
        "reviewers", 12
    )
    assert pages.place_of_notebook(notebook("X", {"audience": "readers", "order": 2.5}), "12_x").order == 2.5
    assert pages.place_of_notebook(notebook("For reviewers: the codes"), "12_x").audience == "reviewers"
    assert pages.place_of_notebook(notebook("Who came back"), "12_x").audience == "readers"
    with pytest.raises(ValueError, match="12_x.ipynb: metadata pdu_analysis.page.audience"):
        pages.place_of_notebook(notebook("X", {"audience": "board"}), "12_x")
    with pytest.raises(ValueError, match="order is 'soon'"):
        pages.place_of_notebook(notebook("X", {"audience": "readers", "order": "soon"}), "12_x")


def test_a_rendered_page_carries_its_place_whatever_the_attribute_order():
    tags = pages.meta_tags(pages.Place("readers", 4))
    assert pages.place_of_page(f"<head>{tags}</head>", "04_x") == pages.Place("readers", 4)
    swapped = '<meta content="reviewers" name="pdu-audience"/><meta content="2.5" name="pdu-order"/>'
    assert pages.place_of_page(swapped, "04_x") == pages.Place("reviewers", 2.5)
    assert pages.place_of_page("<head></head>", "04_x") == pages.default_place("04_x")


def test_neighbours_run_through_both_parts_and_stop_at_the_ends():
    assert pages.neighbours("03_who_attends", STEMS, PLACES) == (None, "04_event_feedback")
    assert pages.neighbours("07_open_text", STEMS, PLACES) == ("06_interim_vs_final", "01_clean_attendance")
    assert pages.neighbours("08_reproduction", STEMS, PLACES) == ("02_clean_surveys", None)
    # without the open-text page, 06 leads straight to the reviewers' pages
    without = [s for s in STEMS if s != "07_open_text"]
    assert pages.neighbours("06_interim_vs_final", without, PLACES) == ("05_follow_up", "01_clean_attendance")


def test_page_title_carries_the_study_name():
    assert pages.page_title("Who attends  the events") == "Who attends the events · PDU evaluation study"
    assert pages.page_title("") == "PDU evaluation study"


# ---- footer facts ------------------------------------------------------------------------------


def test_build_date_comes_from_source_date_epoch_in_utc():
    from pdu_analysis.report import provenance

    # 2000-01-01 is 946684800 s after 1970; 59 days later is 29 February 2000
    assert provenance.build_date({"SOURCE_DATE_EPOCH": str(946684800 + 59 * 86400)}) == "29 February 2000"
    assert provenance.build_date({"SOURCE_DATE_EPOCH": "86399"}) == "1 January 1970"
    assert provenance.build_date({"SOURCE_DATE_EPOCH": "86400"}) == "2 January 1970"
    assert provenance.build_date({}) == "not recorded"


def test_a_malformed_source_date_epoch_is_a_clear_error():
    from pdu_analysis.errors import PDUInputError
    from pdu_analysis.report import provenance

    with pytest.raises(PDUInputError, match="SOURCE_DATE_EPOCH='yesterday'"):
        provenance.build_date({"SOURCE_DATE_EPOCH": "yesterday"})


def _by_hand(folder):
    """The fingerprint as the footer defines it, written out with os.walk (not the module's rglob)."""
    import hashlib
    import os

    entries = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(top, name)
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            with open(path, "rb") as handle:
                entries.append((rel, hashlib.sha256(handle.read()).digest()))
    outer = hashlib.sha256()
    for rel, inner in sorted(entries):
        outer.update(rel.encode() + b"\0" + inner)
    return outer.hexdigest()[:12]


def test_data_fingerprint_is_the_sha256_of_the_raw_files(mini_raw):
    from pdu_analysis.report import provenance

    before = provenance.data_fingerprint(mini_raw)
    assert before == _by_hand(mini_raw) and len(before) == 12
    (mini_raw / ".DS_Store").write_bytes(b"junk")  # hidden files are not data
    assert provenance.data_fingerprint(mini_raw) == before
    events = mini_raw / "events.csv"
    events.write_bytes(events.read_bytes() + b"\n")
    assert provenance.data_fingerprint(mini_raw) != before
    assert provenance.data_fingerprint(mini_raw / "missing") == "not recorded"


def test_code_version_changes_with_the_code_but_not_with_verify(tmp_path):
    import shutil

    from pdu_analysis.report import provenance

    package = tmp_path / "pdu_analysis"
    shutil.copytree(provenance.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    first = provenance.code_version(package)
    assert first.startswith("pdu-analysis ") and first == provenance.code_version()
    (package / "verify.py").write_text("# the rebuild check is not part of the pages\n")
    assert provenance.code_version(package) == first
    css = package / "report/templates/pdu_report/report.css"
    css.write_text(css.read_text() + "\n")
    assert provenance.code_version(package) != first


def test_the_raw_folders_description_is_copied_beside_the_pages(mini_raw, tmp_path):
    from pdu_analysis.report import provenance

    reports = tmp_path / "reports"
    assert provenance.copy_description(mini_raw, reports) is None  # the mini folder describes nothing
    (mini_raw / "README.md").write_text("what these files are\n")
    assert provenance.copy_description(mini_raw, reports) == "README.md"
    assert (reports / "data-source/README.md").read_text() == "what these files are\n"
    (mini_raw / "PROVENANCE.md").write_text("how they were made\n")
    assert provenance.copy_description(mini_raw, reports) == "PROVENANCE.md"
    assert provenance.description_href("PROVENANCE.md") == "../data-source/PROVENANCE.md"


def test_verify_rebuilds_with_the_date_the_manifest_was_built_with(tmp_path, monkeypatch):
    from pdu_analysis import verify

    manifest = tmp_path / "MANIFEST.sha256"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    verify.write_manifest({"reports/x.csv": "0" * 64}, manifest)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert verify.source_date_epoch(manifest) == "1700000000"
    assert verify.read_manifest(manifest) == {"reports/x.csv": "0" * 64}
    assert verify.source_date_epoch(tmp_path / "absent") == "1800000000"


# ---- header, tables and figures ----------------------------------------------------------------


def test_header_links_the_index_previous_next_and_glossary():
    from bs4 import BeautifulSoup

    from pdu_analysis.report import chrome

    titles = {"03_who": "Who attends", "04_fb": "Event feedback", "01_clean": "Cleaning"}
    places = {"03_who": pages.Place("readers", 3), "04_fb": pages.Place("readers", 4)}
    places["01_clean"] = pages.Place("reviewers", 1)
    soup = BeautifulSoup(
        chrome.header_html("04_fb", titles, "<div>BANNER</div>", places=places), "html.parser"
    )
    links = {a.get_text(): a["href"] for a in soup.find_all("a")}
    assert links == {
        "PDU evaluation study": "index.html",
        "All pages and main points": "index.html",
        "Previous: Who attends": "03_who.html",
        "Next: Cleaning": "01_clean.html",
        "Glossary": "index.html#glossary",
    }
    assert soup.header.find("div").get_text() == "BANNER"  # the banner sits in the header landmark
    first = BeautifulSoup(
        chrome.header_html(None, titles, glossary_href="#glossary", places=places), "html.parser"
    )
    assert [a["href"] for a in first.find_all("a")] == ["03_who.html", "#glossary"]


def test_print_mark_only_for_synthetic_data():
    from pdu_analysis.report import chrome

    assert chrome.PRINT_MARK in chrome.print_mark_css(True) and "@top-center" in chrome.print_mark_css(True)
    assert chrome.print_mark_css(False) == ""


def test_table_rows_named_by_text_get_row_headers_and_no_header_is_empty():
    import pandas as pd

    from pdu_analysis.present import table_html

    df = pd.DataFrame({"sector": ["statutory", ""], "To June": [66, 56], "": [1, 2]}).rename_axis(
        columns="period"
    )
    flat = re.sub(r"\s+", "", table_html(df, "Counts", csv="03_counts"))
    assert (
        '<thead><tr><thscope="col">sector</th><thscope="col">ToJune</th><thscope="col">column3</th>' in flat
    )
    assert '<tr><thscope="row">statutory</th><tdclass="num">66</td><tdclass="num">1</td></tr>' in flat
    assert '<tr><td></td><tdclass="num">56</td><tdclass="num">2</td></tr>' in flat  # blank: no header
    assert "<th></th>" not in flat
    assert 'href="../tables/03_counts.csv"' in flat
    numbers_first = re.sub(r"\s+", "", table_html(pd.DataFrame({"n": [1], "m": [2]}), "c"))
    assert 'scope="row"' not in numbers_first


def _png_header(width: int) -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + width.to_bytes(4, "big") + (300).to_bytes(4, "big")
    )


def test_figure_shrinks_to_its_box_under_its_title_as_text():
    from pdu_analysis.present import figure_html

    # 720 px wide at 150 dpi: shown 480 px wide on a laptop, shrunk to its box on a phone (no
    # min-width, no scrolling box). 9 pt text is 9 * 150 / 72 = 18.75 px in the PNG.
    page = figure_html(
        _png_header(720), name="x", caption="c", alt="a", csv="x", text_pt=9, title="Most <said> yes"
    )
    assert 'width="480"' in page and "max-width:100%" in page and 'data-text-px="18.8"' in page
    assert "min-width" not in page and "figure-scroll" not in page
    assert 'href="../tables/x.csv"' in page
    title = page.index('<p class="chart-title" id="figure-x-title">Most &lt;said&gt; yes</p>')
    assert title < page.index("<img") < page.index("<figcaption")  # title above, caption below
    assert "chart-title" not in figure_html(_png_header(720), name="x", caption="c", alt="a")


def test_smallest_text_of_a_matplotlib_figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from pdu_analysis.present import smallest_text_pt

    fig, ax = plt.subplots()
    ax.set_title("t", fontsize=14)
    ax.tick_params(labelsize=7.5)
    ax.text(0.5, 0.5, "", fontsize=3)  # empty text is not read by anyone
    fig.canvas.draw()  # tick labels get their text when drawn (show_figure measures after saving)
    assert smallest_text_pt(fig) == 7.5
    plt.close(fig)


# ---- the built pages in the browser (slow: the whole pipeline runs once in a scratch copy) -------

PHONE, ZOOMED = 390, 640  # a phone; a 1280 px laptop screen at 200% zoom


def _built_pages(built):
    found = sorted((built / "reports/html").glob("*.html"))
    assert any(p.name == "index.html" for p in found) and len(found) > 3
    return found


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, ZOOMED])
def test_no_page_scrolls_sideways_and_chart_text_stays_legible(built_project, browser, width):
    page = chromekit.offline_page(browser, width)
    wide, small, measured = [], [], 0
    for html_page in _built_pages(built_project):
        page.goto(html_page.as_uri())
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll > width:
            wide.append(f"{html_page.name}: {scroll} px")
        # smallest chart text as shown = its height in the PNG x shown width / PNG width
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('figure img')].map(i => [i.closest('figure').id,
                 i.dataset.textPx
                   ? i.getBoundingClientRect().width / i.naturalWidth * +i.dataset.textPx : null])"""
        )
        for name, size in sizes:
            measured += 1
            if size is None or size < 8.95:
                small.append(f"{html_page.name} {name}: {size}")
    page.context.close()
    assert not wide, f"pages wider than {width} px: {wide}"
    assert measured > 0 and not small, f"chart text under 9 px at {width} px: {small}"


@pytest.mark.slow
@pytest.mark.browser
def test_every_page_has_the_header_title_and_footer(built_project):
    from bs4 import BeautifulSoup

    fingerprint = _by_hand(built_project / "data/raw")
    for html_page in _built_pages(built_project):
        soup = BeautifulSoup(html_page.read_text(encoding="utf-8"), "html.parser")
        assert soup.title.get_text().endswith(" · PDU evaluation study"), html_page.name
        nav = soup.select_one("header nav.site-nav")
        assert nav is not None, html_page.name
        hrefs = [a["href"] for a in nav.find_all("a")]
        assert any(h.endswith("#glossary") for h in hrefs), html_page.name
        if html_page.name != "index.html":
            assert "index.html" in hrefs, html_page.name
        footer = soup.select_one("footer.report-footer").get_text(" ", strip=True)
        assert f"Data fingerprint {fingerprint}" in footer, html_page.name
        assert re.search(r"Built (\d{1,2} [A-Z][a-z]+ \d{4}|not recorded)", footer), html_page.name
        assert re.search(r"pdu-analysis \S+ \(code [0-9a-f]{12}\)", footer), html_page.name
    index = BeautifulSoup((built_project / "reports/html/index.html").read_text(), "html.parser")
    assert index.find(id="glossary") is not None


@pytest.mark.slow
def test_no_link_leaves_the_reports_folder(built_project, tmp_path):
    """Zip the reports folder, unpack it elsewhere: every link and image must still resolve."""
    import shutil
    import zipfile
    from urllib.parse import unquote, urlsplit

    from bs4 import BeautifulSoup

    archive = shutil.make_archive(str(tmp_path / "reports"), "zip", built_project, "reports")
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(archive).extractall(unpacked)
    reports = (unpacked / "reports").resolve()
    broken, csv_links = [], 0
    for html_page in sorted((reports / "html").glob("*.html")):
        soup = BeautifulSoup(html_page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(href=True) + soup.find_all(src=True):
            target = tag.get("href") or tag.get("src")
            parts = urlsplit(target)
            if target.startswith(("data:", "#")):
                continue
            resolved = (html_page.parent / unquote(parts.path)).resolve()
            if parts.scheme or parts.netloc or not resolved.is_relative_to(reports) or not resolved.exists():
                broken.append(f"{html_page.name}: {target}")
            csv_links += target.endswith(".csv")
    assert not broken, broken
    assert csv_links > 0
    for figure_csv in (reports / "tables").glob("*.csv"):
        png = reports / "figures" / f"{figure_csv.stem}.png"
        if png.exists():  # a figure with a table of its name links to it
            page = next((reports / "html").glob(f"{figure_csv.stem[:2]}_*.html")).read_text()
            assert f'href="../tables/{figure_csv.name}"' in page
