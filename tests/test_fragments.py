"""Each template renders the structure it promises for a small input, with every value escaped.

Expected structure is written out here by hand and read back with BeautifulSoup (a parser, not the
templates), so a template that drops an attribute, a class or the escaping fails.
"""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from pdu_analysis import present
from pdu_analysis.report import chrome, pages, snippets, templating

NASTY = 'Tom <script>alert("x")</script> & Jo\'s'
"""A name with markup in it: it must reach the page as text."""


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(str(html), "html.parser")


def test_the_environment_escapes_values_and_refuses_a_missing_one():
    assert templating.ENVIRONMENT.autoescape is True
    out = templating.fragment("link", href="a.html?x=1&y=2", text=NASTY)
    assert "<script>" not in out
    assert out == (
        '<a href="a.html?x=1&amp;y=2">'
        "Tom &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Jo&#x27;s</a>"
    )
    with pytest.raises(Exception, match="text"):
        templating.fragment("link", href="a.html")


def test_header_lists_the_study_pages_and_holds_the_banner():
    titles = {"03_who": NASTY, "04_fb": "Feedback"}
    places = {"03_who": pages.Place("readers", 3), "04_fb": pages.Place("readers", 4)}
    page = soup(chrome.header_html("04_fb", titles, "<div class='b'>B</div>", places=places))
    header = page.find("header", class_="site-header")
    assert header.find("p", class_="study-name").a["href"] == "index.html"
    nav = header.find("nav", class_="site-nav")
    assert nav["aria-label"] == "Study pages"
    links = [(a.get_text(), a["href"], a.get("rel")) for a in nav.find_all("a")]
    assert links == [
        ("All pages and main points", "index.html", None),
        (f"Previous: {NASTY}", "03_who.html", ["prev"]),
        ("Glossary", "index.html#glossary", None),
    ]
    assert header.find("div", class_="b").get_text() == "B"
    assert "<script>" not in str(page)


def test_footer_states_build_data_and_code():
    page = soup(
        chrome.footer_html(built="1 May 2026", data="abc123", code=NASTY, commit="beef", source="03_x.ipynb")
    )
    facts = page.find("footer", class_="report-footer").find("dl", class_="build-facts")
    assert [dt.get_text() for dt in facts.find_all("dt")] == [
        "Built",
        "Commit",
        "Data fingerprint",
        "Code version",
    ]
    assert facts.find_all("dd")[3].get_text() == NASTY
    assert page.find("details", class_="build-source").code.get_text() == "03_x.ipynb"
    bare = soup(chrome.footer_html(built="b", data="d", code="c"))
    assert [dt.get_text() for dt in bare.find_all("dt")] == ["Built", "Data fingerprint", "Code version"]
    assert bare.find("details") is None and bare.footer.find("p") is None


def test_banner_and_provenance_link_the_description_only_when_given():
    banner = soup(snippets.banner_html(True, provenance_href="../data-source/PROVENANCE.md"))
    box = banner.find("div", class_="synthetic-banner")
    assert box["role"] == "note" and box.a["href"] == "../data-source/PROVENANCE.md"
    assert "data/raw/PROVENANCE.md" in snippets.banner_html(True)
    assert snippets.banner_html(False) == ""
    assert soup(chrome.provenance_sentence("x&y.md")).a["href"] == "x&y.md"
    assert "<a" not in chrome.provenance_sentence(None)


def test_caveat_makes_one_paragraph_per_blank_line():
    box = soup(snippets.caveat_html(f"First {NASTY}.\n\nSecond.")).find("aside", class_="caveat")
    assert box["role"] == "note" and box.strong.get_text() == "Caveat"
    assert [p.get_text() for p in box.find_all("p")] == [f"First {NASTY}.", "Second."]


def test_legend_and_place_tags():
    legend = soup(snippets.legend_html()).find("p", class_="assumed-legend")
    assert legend.strong.get_text() == "\u2020"
    assert legend.get_text() == "\u2020 assumed by the reconstruction, not a finding."
    metas = soup(pages.meta_tags(pages.Place("reviewers", 2.5))).find_all("meta")
    assert [(m["name"], m["content"]) for m in metas] == [("pdu-audience", "reviewers"), ("pdu-order", "2.5")]


def test_table_has_caption_column_and_row_headers_and_escapes_cells():
    df = pd.DataFrame({"sector": [NASTY, "", "voluntary"], "count": [66, 56, 3], "note": ["a", "b", "c"]})
    table = soup(present.table_html(df, f"Caption {NASTY}", csv="03_x")).find("table")
    assert table["class"] == ["dataframe", "pdu-table"]
    assert table.caption.get_text() == f"Caption {NASTY}"
    assert [(th.get_text(), th["scope"]) for th in table.thead.find_all("th")] == [
        ("sector", "col"),
        ("count", "col"),
        ("note", "col"),
    ]
    rows = [
        [(c.name, c.get("scope"), c.get("class"), c.get_text()) for c in tr.find_all(["th", "td"])]
        for tr in table.tbody.find_all("tr")
    ]
    assert rows[0] == [("th", "row", None, NASTY), ("td", None, ["num"], "66"), ("td", None, None, "a")]
    # a row continuing the one above (blank first cell) is named by its next text cell
    assert rows[1] == [("td", None, None, ""), ("td", None, ["num"], "56"), ("th", "row", None, "b")]
    assert table.find_next_sibling("p", class_="csv-link-line").a["href"] == "../tables/03_x.csv"
    assert "<script>" not in present.table_html(df, "c")


def test_table_cells_read_as_pandas_prints_them_and_missing_is_a_dash():
    df = pd.DataFrame({"n": [1, 2], "share": [1.5, 2.25], "text": ["x", None]})
    body = soup(present.table_html(df, "c")).tbody
    assert [[td.get_text() for td in tr.find_all(["td", "th"])] for tr in body.find_all("tr")] == [
        ["1", "1.50", "x"],
        ["2", "2.25", "\u2013"],
    ]
    assert "scope" not in str(body)  # a first column of numbers names no rows
    assert [
        th.get_text() for th in soup(present.table_html(pd.DataFrame({" ": [1]}), "c")).thead.find_all("th")
    ] == ["column 1"]
    empty = soup(present.table_html(pd.DataFrame({"a": []}), "c"))
    assert empty.tbody.find("tr") is None and empty.thead.th.get_text() == "a"


def test_figure_carries_alt_caption_width_and_csv_link():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + (300).to_bytes(4, "big") + (100).to_bytes(4, "big")
    fig = soup(present.figure_html(png, name="03_x", caption=NASTY, alt=NASTY, csv="03_x", title=NASTY))
    fig = fig.find("figure")
    assert fig["class"] == ["pdu-figure"] and fig["id"] == "figure-03_x"
    assert fig.find("p", class_="chart-title").get_text() == NASTY  # the title is text, above the image
    img = fig.img
    assert img["alt"] == NASTY and img["src"].startswith("data:image/png;base64,")
    assert fig.figcaption.contents[0] == NASTY + " "  # then the link
    assert fig.figcaption.find("a", class_="csv-link")["href"] == "../tables/03_x.csv"


def test_reviewer_detail_section_and_quotes():
    detail = soup(present.reviewer_html(["A *finding*.", "<p>kept</p>"], summary=NASTY)).find("details")
    assert detail["class"] == ["reviewer"] and detail.summary.get_text() == NASTY
    body = detail.find("div", class_="reviewer-body")
    assert body.em.get_text() == "finding" and body.find_all("p")[-1].get_text() == "kept"
    section = soup(present.section_html(NASTY, "who", ["One <b>.", "Two."], level=3))
    assert section.h3["id"] == "section-who" and section.h3.get_text() == NASTY
    assert [p.get_text() for p in section.find_all("p")] == ["One <b>.", "Two."]
    quotes = pd.DataFrame({"quote": [NASTY], "speaker": ["A facilitator"], "theme": ["t"]})
    said = soup(present.quotes_html(quotes)).find("div", class_="voices").blockquote
    assert (
        said["class"] == ["voice"]
        and said.p.get_text() == NASTY
        and said.footer.get_text() == "A facilitator"
    )
    assert present.quotes_html(quotes.iloc[:0]) == ""


def test_scroll_box_and_contents_list():
    box = soup(templating.fragment("table_scroll", label=NASTY, content="")).div
    assert (box["class"], box["role"], box["aria-label"], box["tabindex"]) == (
        ["table-scroll"],
        "region",
        NASTY,
        "0",
    )
    nav = soup(templating.fragment("contents", entries=[{"anchor": "a-1", "text": NASTY}])).nav
    assert nav["aria-label"] == "Contents" and nav.p.get_text() == "Contents"
    assert [(a["href"], a.get_text()) for a in nav.ol.find_all("a")] == [("#a-1", NASTY)]


def test_finished_page_wraps_tables_and_lists_its_sections():
    from pdu_analysis.report.postprocess import finish_page

    page = (
        "<html><head><title>x</title></head><body><main><h1>Who</h1><h2 id='s'>One</h2>"
        "<table><caption>Counts</caption></table><h2 id='s'>Two</h2><table></table></main></body></html>"
    )
    done, title = finish_page(page, "fallback")
    parsed = soup(done)
    assert title == "Who" and parsed.title.get_text() == "Who \u00b7 PDU evaluation study"
    assert [d["aria-label"] for d in parsed.find_all("div", class_="table-scroll")] == ["Counts", "Table"]
    assert [a["href"] for a in parsed.find("nav", class_="contents").find_all("a")] == ["#s", "#s-2"]


def test_board_pack_is_one_document_with_its_parts(tmp_path):
    from pdu_analysis.report.board import pack_html

    (tmp_path / "main_points.csv").write_text(
        f"heading,text,href\n{NASTY},Rose,03.html#section-who\n", encoding="utf-8"
    )
    (tmp_path / "sections.csv").write_text(
        'section,heading,findings,href\nwho,Who comes,"A.\n\nB.",03.html#section-who\n', encoding="utf-8"
    )
    pack = soup(pack_html(tmp_path, synthetic=True, study="The study."))
    assert pack.find("ul", class_="main-points").li.strong.get_text() == f"{NASTY}."
    assert pack.find("ul", class_="main-points").a["href"] == "#section-who"
    assert pack.find("h3", id="section-who").get_text() == "Who comes"
    assert [p.get_text() for p in pack.find("h3", id="section-who").find_next_siblings("p", limit=2)] == [
        "A.",
        "B.",
    ]
    assert pack.find("div", class_="synthetic-banner") is not None
    assert pack.find("section", class_="method-note").h2["id"] == "method-note"
    assert pack.find(id="aims") is None  # no aims summary written
