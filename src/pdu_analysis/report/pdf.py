"""The board pack: the evaluation report printed to one tagged A4 PDF with Debian's chromium.

    python -m pdu_analysis.report.pdf --html reports/html --out reports/pdf/board_pack.pdf

Each page is printed by ``chromium --headless --print-to-pdf`` (the system package, never a
browser a tool downloads) with the print stylesheet, so the PDF is what a reader printing the page
gets: the synthetic-data mark on every sheet while the data are synthetic. Chromium's own header
and footer (date, file path) are turned off. The pack is one document (main points, the report's
sections, a method note: :mod:`pdu_analysis.report.board`) printed once, so Chromium's structure
tags survive; the reviewers' pages and tables stay out of it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import cli
from ..errors import PDUInputError
from ..store import write_atomic
from . import pages

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
)
TIMEOUT_S = 120


class PDFError(Exception):
    """The board pack could not be made; the message says what is missing."""


def find_chromium() -> str:
    """Path of Debian's chromium, or :class:`PDFError` saying how to install it."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PDFError("chromium not found: install Debian's package (apt-get install chromium)")


def board_pages(html_dir: Path) -> list[Path]:
    """The index first, then the reader's path, as rendered in ``html_dir``."""
    html_dir = Path(html_dir)
    index = html_dir / pages.INDEX_PAGE
    if not index.is_file():
        raise PDFError(f"{index}: not found; run `make reports` first")
    found = {p.stem: p for p in html_dir.glob("[0-9][0-9]_*.html")}
    places = pages.read_page_places(html_dir)
    readers = [found[s] for s in pages.sequence(found, places) if pages.group_of(s, places) == "readers"]
    return [index, *readers]


def print_page(chromium: str, page: Path, out: Path) -> None:
    """Print one HTML page to ``out`` as Chromium prints it (A4 from the page's @page rule)."""
    command = [chromium, *CHROMIUM_ARGS, f"--print-to-pdf={out}", Path(page).resolve().as_uri()]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise PDFError(f"{page.name}: chromium did not finish printing in {TIMEOUT_S} s") from None
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        detail = (done.stderr or "").strip().splitlines()[-1:] or ["no message"]
        raise PDFError(f"{page.name}: chromium could not print it ({detail[0]})")


def build_board_pack(
    html_dir: Path, out: Path, *, chromium: str | None = None, tables_dir: Path | None = None
) -> Path:
    """Print the evaluation report (:mod:`pdu_analysis.report.board`) to ``out``; returns ``out``.

    ``html_dir`` must hold the rendered pages (the pack is made from the same build); the pack's
    words come from the tables beside them (``tables_dir``, default ``html_dir/../tables``).
    """
    from .board import write_pack_html

    chromium = chromium or find_chromium()
    board_pages(html_dir)  # the build must have run: a clear error otherwise
    tables = Path(tables_dir or Path(html_dir).resolve().parent / "tables")
    with tempfile.TemporaryDirectory(prefix="pdu-pdf-") as scratch:
        document = write_pack_html(Path(scratch) / "board_pack.html", tables)
        target = Path(scratch) / "board_pack.pdf"
        print_page(chromium, document, target)
        write_atomic(out, target.read_bytes())
    return Path(out)


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_analysis.report.pdf", __doc__)
    cli.path_option(parser, "--html", "folder of rendered pages", default=Path("reports/html"))
    cli.path_option(parser, "--out", "PDF to write", default=Path("reports/pdf/board_pack.pdf"))
    args = parser.parse_args(argv)
    return cli.write_step(
        "pdf", lambda: build_board_pack(args.html, args.out), (PDFError, PDUInputError, OSError)
    )


if __name__ == "__main__":
    sys.exit(main())
