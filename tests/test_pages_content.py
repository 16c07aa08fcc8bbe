"""The rendered pages read as the steering group needs: findings first, no code names, one wording.

Built pages come from the session fixture ``built_project`` (the whole pipeline on data/raw in a
scratch copy). Expected figures are recomputed here from the built CSVs, not taken from the code
that wrote the pages. The static checks (no shipped figure typed into a notebook or template) read
the sources.
"""

import csv
import json
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pdu_analysis.report import pages

ROOT = Path(__file__).resolve().parents[1]
READER_PAGES = ("03_who_attends", "04_event_feedback", "05_follow_up", "06_interim_vs_final")
SHIPPED_PHRASES = (
    "19 of 29",
    "66 of 300",
    "13 of 36",
    "13 of 27",
    "22%",
    "evaluated twice",
    "since October 2017",
)


def whole(text: str) -> int:
    return int(Decimal(text).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _main(built: Path, name: str) -> BeautifulSoup:
    page = BeautifulSoup(
        (built / "reports" / "html" / f"{name}.html").read_text(encoding="utf-8"), "html.parser"
    )
    return page.find("main")


def _text(main: BeautifulSoup) -> str:
    """The page's words, with saved-table file names (reviewers' file list) taken out."""
    return re.sub(r"reports/tables/\S+\.csv", "", " ".join(main.get_text(" ", strip=True).split()))


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_no_shipped_figure_is_typed_into_the_reader_notebooks_or_templates():
    sources = [ROOT / "notebooks" / f"{n}.ipynb" for n in READER_PAGES]
    sources += sorted((ROOT / "src/pdu_analysis/wording").glob("*.py"))
    sources += [ROOT / "src/pdu_analysis/report/templates/index_page.html.j2"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
        text = "\n".join(line for line in text.splitlines() if ">>>" not in line)  # doctests
        for phrase in SHIPPED_PHRASES:
            assert phrase not in text, f"{path.name} types the shipped data's {phrase!r}"


@pytest.mark.slow
def test_index_opens_with_main_points_that_link_to_their_evidence(built_project):
    page = (built_project / "reports/html/index.html").read_text(encoding="utf-8")
    assert page.index('id="main-points"') < page.index("<table")
    points = _rows(built_project / "reports/tables/main_points.csv")
    assert 4 <= len(points) <= 8  # at most seven findings, then the link to how far the PDU met its aims
    # What the PDU achieved leads (gains, links, practice change, outcomes, reach); the limits follow.
    from pdu_analysis.wording.findings import ACHIEVEMENTS

    keys = [p["key"] for p in points]
    lead = [k for k in keys if k in ACHIEVEMENTS]
    assert lead and keys[: len(lead)] == lead and lead == [k for k in ACHIEVEMENTS if k in lead]
    assert {"survey_limits", "sector_change"} & set(keys[len(lead) :])
    main = _main(built_project, "index")
    items = main.select("ul.main-points li")
    assert len(items) == len(points)
    for item, point in zip(items, points, strict=True):
        assert point["text"] in " ".join(item.get_text(" ", strip=True).split())
        target, _, anchor = item.find("a")["href"].partition("#")
        found = _main(built_project, target.removesuffix(".html"))
        assert found is not None and (not anchor or found.find(id=anchor) is not None), point["href"]
    # The reader's path first, then "For reviewers", each in the order the notebooks' metadata give.
    links = [a["href"].removesuffix(".html") for a in main.select("#reports ~ ol a")]
    notebooks = sorted((built_project / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    places = pages.read_notebook_places(notebooks)
    assert sorted(links) == sorted(places), "the index links every page, and only those"
    ranks = [(pages.AUDIENCES.index(places[s].audience), places[s].order) for s in links]
    assert ranks == sorted(ranks) and {places[s].audience for s in links} == {"readers", "reviewers"}


@pytest.mark.slow
def test_the_statutory_change_is_worded_from_the_built_headline_table(built_project):
    head = {
        (r["measure"], r["wave"]): r for r in _rows(built_project / "reports/tables/headline_figures.csv")
    }
    first = next(r for (m, w), r in head.items() if m == "statutory_share")
    after = head[("statutory_share", "after_cutoff")]
    index = _text(_main(built_project, "index"))
    page06 = _text(_main(built_project, "06_interim_vs_final"))
    for row in (first, after):
        share = f"{whole(row['percent'])}% ({row['count']} of {row['base']})"
        interval = f"95% interval {whole(row['ci_low'])}% to {whole(row['ci_high'])}%"
        assert f"{share}, {interval}" in index and f"{share}, {interval}" in page06
    for text in (index, page06):
        assert not re.search(r"\d+\.\d+%", text), re.search(r".{40}\d+\.\d+%", text)


@pytest.mark.slow
def test_reader_pages_show_no_code_names_empty_headers_or_bare_jargon(built_project):
    book = _rows(ROOT / "data/reference/questions.csv")
    codes = {q["question_id"] for q in book if "_" in q["question_id"]}
    codes |= {"heard_via", "hub_aware", "rows_in", "focus_womens_services_pct", "k/n"}
    for name in (*READER_PAGES, "index"):
        main = _main(built_project, name)
        text = _text(main)
        shown = [c for c in codes if re.search(rf"(?<![\w/]){re.escape(c)}(?!\w)", text)]
        assert not shown, f"{name} shows code names {shown}"
        assert all(th.get_text(strip=True) for th in main.find_all("th")), f"{name} has an empty header"
        captions = " ".join(c.get_text(" ", strip=True) for c in main.select("figcaption, caption"))
        for term in ("naive", "GEE", "Newcombe", "Holm", "Cramér"):
            assert term not in captions, f"{name}: {term!r} in a caption"
        if name != "index":
            assert main.find("a", href="index.html#glossary"), f"{name} does not link to the glossary"
    assert _main(built_project, "index").find(id="glossary") is not None


@pytest.mark.slow
def test_page_06_puts_findings_first_and_the_full_table_last(built_project):
    main = _main(built_project, "06_interim_vs_final")
    headings = [h.get_text(" ", strip=True).rstrip(" ¶") for h in main.find_all("h2")]
    assert headings[0] == "Main findings"
    assert any(h.startswith("For reviewers") for h in headings)
    tables = main.find_all("table")
    reviewers = next(h for h in main.find_all("h2") if h.get_text().startswith("For reviewers"))
    comparison = next(t for t in tables if "Rounds compared" in t.get_text())
    assert comparison in reviewers.find_all_next("table")
    assert not any("Headline figures" in (t.caption.get_text() if t.caption else "") for t in tables)
    assert len(main.find_all("h2")[0].find_next("ul").find_all("li")) >= 2


@pytest.mark.slow
def test_usefulness_counts_on_page_05_match_the_processed_answers(built_project):
    answers = [
        r
        for r in _rows(built_project / "data/processed/survey_answers.csv")
        if r["survey"] == "follow_up" and r["question_id"] == "usefulness"
    ]
    assert answers, "the shipped follow-up survey has usefulness answers"
    counted = Counter((r["item"], r["answer"]) for r in answers)
    bases = Counter(r["item"] for r in answers)
    main = _main(built_project, "05_follow_up")
    table = next(t for t in main.find_all("table") if "Part of the events" in t.get_text())
    header = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    rounds = {r["wave"] for r in answers}
    assert len(table.find("tbody").find_all("tr")) == len(bases) * len(rounds) == len(bases)
    for tr in table.find("tbody").find_all("tr"):
        cells = dict(zip(header, [td.get_text(strip=True) for td in tr.find_all(["td", "th"])], strict=True))
        item = cells["Part of the events"]
        for option in ("Very useful", "Quite useful", "Not useful"):
            assert f"{counted[(item, option)]} of {bases[item]}" in cells[option]


@pytest.mark.slow
def test_page_03_pools_the_hidden_events_so_each_period_is_whole(built_project):
    tables = built_project / "reports" / "tables"
    pooled_csv = tables / "03_sector_mix_pooled.csv"
    # the shipped register hides some events' mix (counts of 1 to 4), so page 03 must pool them
    assert pooled_csv.is_file(), "03_sector_mix_pooled.csv missing: the hidden events were not pooled"
    attendances = _rows(built_project / "data/processed/attendances.csv")
    per_event = _rows(tables / "03_sector_by_event.csv")
    period_of = {r["event_id"]: r["period"] for r in attendances}
    for pool in _rows(pooled_csv):
        ids = pool["event_ids"].split("+")
        shown = [
            r for r in per_event if r["event_id"] not in ids and period_of[r["event_id"]] == pool["period"]
        ]
        for sector in ("statutory", "voluntary"):
            in_period = sum(1 for r in attendances if r["period"] == pool["period"] and r["sector"] == sector)
            if sector in pool:
                assert int(pool[sector]) + sum(int(r[sector]) for r in shown) == in_period
    caption = _text(_main(built_project, "03_who_attends"))
    assert "pooled, one outlined bar per period" in caption
