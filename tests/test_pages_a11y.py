"""Accessibility: axe-core (from the npm registry, pinned in package-lock.json) finds nothing on any
page, at phone width and at laptop width; the synthetic-data banner sits inside a landmark.

axe-core is installed by `make axe` (npm ci); .ci/run installs it. Without it the test skips,
except on CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import json
from pathlib import Path

import chromekit
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        chromekit.unavailable(f"{AXE.relative_to(ROOT)} missing: run `make axe` (npm ci)")
    pinned = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/axe-core"]
    assert pinned["version"].startswith("4."), pinned
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_any_page(built_project, browser, axe_source, width):
    pages = sorted((built_project / "reports/html").glob("*.html"))
    assert len(pages) > 3
    page = chromekit.offline_page(browser, width, 900)
    found = {}
    for html_page in pages:
        page.goto(html_page.as_uri())
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .map(v => `${v.id} (${v.impact}): ${v.nodes.length} x ${v.nodes[0].target.join(' ')}`)"""
        )
        if violations:
            found[html_page.name] = violations
        banner_outside = page.evaluate(
            """() => [...document.querySelectorAll('.synthetic-banner')]
                 .filter(b => !b.closest('header, main, footer, nav, aside, [role=region]')).length"""
        )
        assert banner_outside == 0, f"{html_page.name}: the banner sits outside any landmark"
    page.context.close()
    assert not found, json.dumps(found, indent=1)


def test_tables_mark_up_their_row_headers(built_project):
    from bs4 import BeautifulSoup

    row_headers = 0
    for html_page in sorted((built_project / "reports/html").glob("[0-9][0-9]_*.html")):
        soup = BeautifulSoup(html_page.read_text(encoding="utf-8"), "html.parser")
        for th in soup.select("table th"):
            assert th.get_text(strip=True), f"{html_page.name}: an empty table header"
            assert th.get("scope") in {"col", "row"}, f"{html_page.name}: {th} has no scope"
        row_headers += len(soup.select('tbody th[scope="row"]'))
    assert row_headers > 0
