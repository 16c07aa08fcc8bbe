"""Open the rendered pages in headless Chromium with the network cut off, as a reader offline would.

A page passes if it loads, asks for nothing outside the machine, shows every image (naturalWidth
above 0) and can be screenshotted. Runs on a small page rendered here, and on every page of the
session's scratch build (``built_project``). Pages, screenshots and everything else are written
under temporary folders, never into the working tree's reports/. Skips when Debian's chromium is
missing, except on CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from pdu_analysis import paths
from pdu_analysis.report import index, render

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser check must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def _tiny_pages(folder: Path, monkeypatch) -> list[Path]:
    """A rendered page with a real figure, caveat and table, plus the index (no kernel needed)."""
    import matplotlib.pyplot as plt

    from pdu_analysis import figures, present
    from pdu_analysis.report.snippets import caveat_html

    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(folder / "out"))
    fig, ax = plt.subplots()
    colours = [figures.WAVE_COLOURS["interim"], figures.WAVE_COLOURS["final"]]
    ax.bar(["interim", "final"], [5, 19], color=colours)
    png = figures.save_figure(fig, "tiny_waves").read_bytes()
    plt.close(fig)
    nb = nbformat.v4.new_notebook()
    nb.metadata["pdu_analysis"] = {"synthetic_data": True}
    shown = nbformat.v4.new_code_cell("show_figure(...)")
    shown.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": present.figure_html(
                    png,
                    name="tiny_waves",
                    caption="5 of 7, then 19 of 29.",
                    alt="Bar chart: 5 in June 2018, 19 in January 2019.",
                ),
                "text/plain": "[Figure]",
            },
        )
    ]
    caveat = nbformat.v4.new_code_cell("show_caveat(...)")
    caveat.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": caveat_html("Seven responses only."), "text/plain": "Caveat"},
        )
    ]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Acting on learning\n\n## By wave"),
        shown,
        caveat,
        nbformat.v4.new_markdown_cell("## Notes\n\nSee the final report."),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"b{i}"
    executed = folder / "05_acting.ipynb"
    nbformat.write(nb, executed)
    html_dir = folder / "html"
    pages = render.render_all([executed], html_dir)
    pages.append(index.build_index(html_dir / "index.html", folder / "none.csv"))
    return pages


def check_page(browser, page_path: Path, shot: Path) -> None:
    """Load ``page_path`` offline; assert nothing left the machine and every image decoded."""
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    requested, blocked, errors = [], [], []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda req: requested.append(req.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        assert page.title().strip(), f"{page_path.name}: empty <title>"
        outside = [u for u in requested if not u.startswith(("file:", "data:"))]
        assert not outside and not blocked, f"{page_path.name} asked the network for {outside}"
        assert not errors, f"{page_path.name}: {errors}"
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.alt, e.complete, e.naturalWidth])")
        for alt, complete, width in images:
            assert complete and width > 0, f"{page_path.name}: image {alt!r} did not load"
            assert alt.strip(), f"{page_path.name}: an image has no alt text"
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    data = shot.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000, f"{shot} is not a screenshot"


def test_tiny_report_and_index_work_offline(browser, tmp_path, monkeypatch):
    pages = _tiny_pages(tmp_path, monkeypatch)
    assert len(pages) == 2
    for page_path in pages:
        check_page(browser, page_path, tmp_path / "screenshots" / f"{page_path.stem}.png")


@pytest.mark.slow
def test_every_study_page_works_offline(browser, built_project, tmp_path):
    """Every page the pipeline renders from data/raw (built in a scratch copy) works offline."""
    html_dir = built_project / "reports" / "html"
    pages = sorted(p.name for p in html_dir.glob("*.html"))
    notebooks = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    assert pages == sorted(["index.html", *(f"{stem}.html" for stem in notebooks)])
    for name in pages:
        check_page(browser, html_dir / name, tmp_path / "screenshots" / name.replace(".html", ".png"))
