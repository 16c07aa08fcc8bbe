"""Reader pages speak the steering group's language: no reviewer terms in their visible text.

Tests, p-values, interval methods, package names, commands and notebook names belong in the
reviewers' details (closed by default) or on the methods pages. The scan reads each reader page's
visible text (header, main and footer), leaving out closed ``<details>`` and the glossary, which
defines such terms on purpose.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pdu_analysis.report.pages import read_notebook_places

ROOT = Path(__file__).resolve().parents[1]


def reader_pages(notebooks: Path = ROOT / "notebooks") -> list[str]:
    """The index and every notebook whose own metadata places it with the readers' pages."""
    places = read_notebook_places(sorted(Path(notebooks).glob("*.ipynb")))
    return ["index", *sorted(stem for stem, place in places.items() if place.audience == "readers")]


TERMS = (
    "Fisher",
    "p-value",
    "chi-square",
    "Cramer",
    "Cramér",
    "Newcombe",
    "Wilson",
    "GEE",
    "design effect",
    "cluster-robust",
    "Holm",
    "kappa",
    "statsmodels",
    ".ipynb",
)


def make_targets() -> list[str]:
    """The Makefile's targets: "make <target>" on a reader page is a command."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.M)))


def visible_text(page_html: str) -> str:
    """The words a reader sees: closed details, the glossary, scripts and styles left out."""
    soup = BeautifulSoup(page_html, "html.parser")
    for node in soup.find_all(["script", "style", "template"]):
        node.decompose()
    for details in soup.find_all("details"):
        if details.get("open") is None:
            details.decompose()
    for glossary in soup.select("#glossary, dl.glossary"):
        glossary.decompose()
    body = soup.body or soup
    return " ".join(body.get_text(" ", strip=True).split())


def reviewer_terms(text: str, targets: list[str]) -> list[str]:
    """Each reviewer term found in ``text`` (case-insensitive; "p =" and commands as patterns)."""
    found = [t for t in TERMS if t.casefold() in text.casefold()]
    if re.search(r"(?<![\w-])p\s*[=<>]\s*\d", text):
        found.append("p =")
    commands = re.findall(rf"\bmake ({'|'.join(map(re.escape, targets))})\b", text)
    found += [f"make {c}" for c in sorted(set(commands))]
    return found


def test_the_scan_finds_terms_in_visible_text_and_ignores_closed_details_and_the_glossary():
    targets = make_targets()
    assert {"reports", "verify", "pdf"} <= set(targets)
    shown = (
        "<body><p>Fisher's exact test gives p = 0.01; run make reports.</p>"
        "<details open><summary>x</summary>Wilson interval</details></body>"
    )
    assert reviewer_terms(visible_text(shown), targets) == ["Fisher", "Wilson", "p =", "make reports"]
    hidden = (
        "<body><p>Most people made contacts; they make links.</p>"
        "<details><summary>How sure</summary>Fisher p = 0.01 (statsmodels)</details>"
        '<h2 id="glossary">Glossary</h2><dl class="glossary"><dt>Wilson</dt></dl></body>'
    )
    assert reviewer_terms(visible_text(hidden), targets) == []


def test_reader_pages_are_read_from_each_notebooks_metadata(tmp_path):
    expected = {"index"}
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("pdu_analysis", {})
        if meta.get("page", {}).get("audience") == "readers":
            expected.add(path.stem)
    assert {"07_open_text", "09_aims"} <= expected
    assert set(reader_pages()) == expected
    reader = {"cells": [], "metadata": {"pdu_analysis": {"page": {"audience": "readers"}}}}
    reviewer = {"cells": [], "metadata": {"pdu_analysis": {"page": {"audience": "reviewers"}}}}
    (tmp_path / "11_new_findings.ipynb").write_text(json.dumps(reader), encoding="utf-8")
    (tmp_path / "12_new_method.ipynb").write_text(json.dumps(reviewer), encoding="utf-8")
    assert reader_pages(tmp_path) == ["index", "11_new_findings"]


@pytest.mark.slow
def test_reader_pages_show_no_reviewer_terms_outside_closed_details(built_project):
    targets = make_targets()
    for name in reader_pages():
        page = (built_project / "reports" / "html" / f"{name}.html").read_text(encoding="utf-8")
        found = reviewer_terms(visible_text(page), targets)
        assert not found, f"{name}.html shows reviewer terms to readers: {found}"
        soup = BeautifulSoup(page, "html.parser")
        assert not soup.find_all("details", open=True), f"{name}.html opens a reviewers' detail"
