"""Executed notebooks to self-contained HTML pages for the steering group.

    python -m pdu_analysis.report.render reports/executed/*.ipynb --out reports/html

Why these choices:

- One exporter for all notebooks: nbconvert's template loading is the slow part of a conversion.
- No code, no prompts: readers want the findings. Title from the notebook's first H1, a short
  contents list from its H2 headings.
- Nothing from the network: the page is opened offline or as an e-mail attachment, so the
  template writes its own ``<head>`` (inline CSS, no require.js, MathJax or web fonts) and every
  image is a data URI. ``offline_problems`` checks the result and refuses to write a page that
  would fetch anything.
- A banner on every page while the data are the synthetic reconstruction, decided from what the
  notebook actually ran on (recorded at execution), so ``RAW_DIR=...`` runs are labelled right.
- Every figure needs alt text: a bare matplotlib image (``plt.show()``) stops the render with the
  cell to fix, instead of shipping nbconvert's "No description has been provided for this image".
- One frame on every page (``chrome``): a header with the study's name, the index, previous and
  next in the reading order (``pages``) and the glossary; a footer saying when the page was built,
  from which data and by which code (``provenance``). Tables and figures scroll inside their own
  box on a phone; every figure links to its CSV when ``reports/tables`` holds one of its name.
- Same input, same bytes; pages are written to a temporary file and renamed into place.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from .. import cli, paths
from ..atomic import write_atomic
from ..errors import PDUInputError
from . import pages, prerender
from .incremental import NAVIGATION_FILE, navigation, to_render

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE_NAME = "pdu_report"
NO_ALT = "No description has been provided"
REMOVE_CELL_TAGS = {"remove-cell", "remove_cell"}
REMOVE_OUTPUT_TAGS = {"remove-output", "remove_output"}

_NOT_EMBEDDED = r"""(?:"(?!data:|#)|'(?!data:|#)|(?!["'\s]|data:|#))"""
"""An opening quote (or none) followed by anything but a data URI or a same-page fragment."""
_OFFLINE_CHECKS = {
    "a <script src=...> loads code from elsewhere": r"<script\b[^>]*\bsrc\s*=",
    "a <link> tag loads a stylesheet, font or icon": r"<link\b",
    "a CSS @import loads a stylesheet": r"@import\b",
    "a CSS url(...) is not a data URI": r"url\(\s*" + _NOT_EMBEDDED,
    "an element loads a resource that is not embedded": (
        r"<(?:img|iframe|embed|object|source|video|audio|track|input|frame)\b[^>]*?"
        r"\s(?:src|srcset|poster|data)\s*=\s*" + _NOT_EMBEDDED
    ),
    "an <iframe> or <frame> embeds another page": r"<i?frame\b",
}


class RenderError(Exception):
    """A page could not be made fit for the steering group; the message says what to fix."""


def offline_problems(page: str) -> list[str]:
    """Reasons ``page`` would fetch something over the network (empty list when self-contained)."""
    return [
        reason for reason, pattern in _OFFLINE_CHECKS.items() if re.search(pattern, page, flags=re.IGNORECASE)
    ]


def make_exporter():
    """The one HTMLExporter used for every page (code hidden, images embedded, our template)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.template_name = TEMPLATE_NAME
    config.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.HTMLExporter.embed_images = True  # markdown ![...](file.png) becomes a data URI
    config.TagRemovePreprocessor.remove_cell_tags = REMOVE_CELL_TAGS
    config.TagRemovePreprocessor.remove_all_outputs_tags = REMOVE_OUTPUT_TAGS
    config.TagRemovePreprocessor.enabled = True
    return HTMLExporter(config=config)


def data_is_synthetic(nb) -> bool:
    """Whether the notebook ran on the synthetic reconstruction.

    Preference: the flag ``execute`` recorded when the notebook ran; else the ``raw_dir``
    parameter papermill stored, if that folder still exists; else the raw folder configured now.
    """
    recorded = nb.metadata.get("pdu_analysis", {}).get("synthetic_data")
    if isinstance(recorded, bool):
        return recorded
    raw = nb.metadata.get("papermill", {}).get("parameters", {}).get("raw_dir")
    if raw and paths.raw_dir(raw).is_dir():
        return paths.is_synthetic(paths.raw_dir(raw))
    return paths.is_synthetic(paths.raw_dir())


def data_statement(synthetic: bool) -> str:
    """The footer's one sentence on where the numbers came from."""
    if synthetic:
        return "Data: a synthetic reconstruction of the PDU's records, not its real responses."
    return "Data: the PDU's own exports (attendance register, surveys and hub list)."


def raw_folder(nb) -> Path:
    """The raw folder the notebook ran on (papermill's ``raw_dir``), else the one configured now."""
    raw = nb.metadata.get("papermill", {}).get("parameters", {}).get("raw_dir")
    if raw and paths.raw_dir(raw).is_dir():
        return paths.raw_dir(raw)
    return paths.raw_dir()


def notebook_heading(path: Path) -> str:
    """The first H1 of a notebook's markdown (what its page is called), else a name from its file.

    Read as plain JSON: the render step asks every page's heading before it knows whether it has
    anything to render, and nbformat's validator would cost more than the answer.
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        nb = {}
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            for line in ("".join(source) if isinstance(source, list) else source).splitlines():
                if line.startswith("# "):
                    return " ".join(re.sub(r"[*_`]", "", line[2:]).split())
    return Path(path).stem.lstrip("0123456789_").replace("_", " ").capitalize() or Path(path).stem


def page_headings(folder: Path) -> dict[str, str]:
    """Heading of every page a folder of executed notebooks makes, by stem (failed runs aside)."""
    return {
        p.stem: notebook_heading(p)
        for p in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))
        if not p.name.endswith(".failed.ipynb")
    }


def unlabelled_figures(nb) -> list[str]:
    """Cells showing an image with no HTML around it, hence no alt text or caption."""
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code" or REMOVE_CELL_TAGS & set(cell.metadata.get("tags", [])):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if {"image/png", "image/jpeg", "image/svg+xml"} & set(data) and "text/html" not in data:
                line = next((s.strip() for s in cell.source.splitlines() if s.strip()), "")
                found.append(f"cell {number} ({line[:60]})")
                break
    return found


def _source_notebook(nb, executed: Path) -> tuple[str, Path]:
    """Name of the notebook the page came from, and the folder its relative links start from."""
    given = nb.metadata.get("papermill", {}).get("input_path")
    if given:
        source = Path(given)
        folder = source.parent if source.parent.is_dir() else executed.parent
        return source.name, folder
    return executed.name, executed.parent


def page_places(folder: Path) -> dict[str, pages.Place]:
    """Place in the reading order of every page a folder of executed notebooks makes, by stem."""
    return pages.read_notebook_places(sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")))


def render_notebook(
    exporter,
    executed: Path,
    out_dir: Path,
    headings: dict[str, str] | None = None,
    places: dict[str, pages.Place] | None = None,
) -> Path:
    """Render one executed notebook to ``out_dir/{stem}.html``; raise ``RenderError`` if unfit.

    ``headings`` (stem to heading of every page) names the previous and next links, ``places``
    (stem to place, from each notebook's metadata) orders them; by default both are read from
    the executed notebooks beside this one.
    """
    import nbformat

    from . import chrome, provenance
    from .postprocess import finish_page
    from .snippets import banner_html

    executed = Path(executed)
    nb = nbformat.read(executed, as_version=4)
    bare = unlabelled_figures(nb)
    if bare:
        raise RenderError(
            f"{executed.name}: figure(s) without alt text or caption in {', '.join(bare)}; "
            "show them with pdu_analysis.present.show_figure(fig, name, caption=..., alt=...)"
        )
    synthetic = data_is_synthetic(nb)
    source_name, folder = _source_notebook(nb, executed)
    fallback = executed.stem.lstrip("0123456789_").replace("_", " ").capitalize() or executed.stem
    raw = raw_folder(nb)
    reports = Path(out_dir).resolve().parent
    described = provenance.description_href(provenance.copy_description(raw, reports))
    headings = dict(headings if headings is not None else page_headings(executed.parent))
    headings.setdefault(executed.stem, notebook_heading(executed))
    places = dict(places if places is not None else page_places(executed.parent))
    places[executed.stem] = pages.place_of_notebook(nb, executed.stem)  # ValueError names the notebook
    statement = chrome.data_statement_html(data_statement(synthetic), described)
    resources = {
        "metadata": {"name": executed.stem, "path": str(folder)},
        "pdu": {
            "title": fallback,
            "print_css": chrome.print_mark_css(synthetic),
            "place_meta": pages.meta_tags(places[executed.stem]),
            "header": chrome.header_html(
                executed.stem, headings, banner_html(synthetic, provenance_href=described), places=places
            ),
            "footer": chrome.footer_html(
                built=provenance.build_date(),
                commit=provenance.build_commit(),
                data=provenance.data_fingerprint(raw),
                code=provenance.code_version(),
                source=source_name,
                data_statement=statement,
            ),
        },
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    page, _title = finish_page(body, fallback, reports / "tables")
    if NO_ALT in page:
        raise RenderError(f"{executed.name}: an image has no alt text")
    problems = offline_problems(page)
    if problems:
        raise RenderError(f"{executed.name}: the page would not work offline: " + "; ".join(problems))
    out = Path(out_dir) / f"{executed.stem}.html"
    write_atomic(out, page.rstrip("\n").encode("utf-8") + b"\n")
    return out


def render_all(notebooks, out_dir: Path, *, stream=None) -> list[Path]:
    """Render many notebooks in one process with one exporter; stop at the first unfit page."""
    stream = stream or sys.stderr
    exporter = make_exporter()
    written = []
    headings: dict[Path, dict[str, str]] = {}
    places: dict[Path, dict[str, pages.Place]] = {}
    for path in map(Path, notebooks):
        if path.name.endswith(".failed.ipynb"):
            print(f"skipping {path} (a failed run)", file=stream)
            continue
        hidden = _count_stderr(path)
        folder = path.resolve().parent
        if folder not in headings:
            headings[folder] = page_headings(folder)
            places[folder] = page_places(folder)
        written.append(render_notebook(exporter, path, out_dir, headings[folder], places[folder]))
        note = f" ({hidden} warning output(s) left out; see {path})" if hidden else ""
        print(f"rendered {written[-1]}{note}", file=stream, flush=True)
    return written


def _count_stderr(path: Path) -> int:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return sum(
        o.get("output_type") == "stream" and o.get("name") == "stderr"
        for c in nb.get("cells", [])
        for o in c.get("outputs", [])
    )


def prune_pages(out_dir: Path, stems: set[str]) -> list[Path]:
    """Remove numbered pages (``NN_*.html``) in ``out_dir`` whose notebook is not in ``stems``,
    so a renamed notebook leaves no stale page for the index, the navigation or the manifest."""
    stale = [p for p in sorted(out_dir.glob("[0-9][0-9]_*.html")) if p.stem not in stems]
    for page in stale:
        page.unlink()
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_analysis.report.render", __doc__)
    parser.add_argument("notebooks", nargs="+", type=Path, help="executed .ipynb files")
    cli.path_option(parser, "--out", "output folder", unless="reports/html")
    parser.add_argument(
        "--prune",
        action="store_true",
        help="remove numbered pages whose notebook is not among those given (every notebook is given)",
    )
    parser.add_argument(
        "--changed",
        nargs="*",
        type=Path,
        default=None,
        help="the notebooks that ran since the last render (make's $?): only their pages are remade, "
        "unless a page's heading or place changed",
    )
    args = parser.parse_args(argv)
    out_dir = args.out or paths.reports_dir() / "html"
    started = time.monotonic()
    try:
        state = navigation(args.notebooks)
        wanted = to_render(args.notebooks, args.changed, out_dir, state)
        todo = [p for p in wanted if not prerender.is_current(p, out_dir, state)]
        written = render_all(todo, out_dir) if todo else []
    except (RenderError, FileNotFoundError, PDUInputError, ValueError) as err:  # ValueError: a page's place
        return cli.failed("render", err)
    nav = out_dir / NAVIGATION_FILE
    if not nav.is_file() or nav.read_text(encoding="utf-8") != state:
        write_atomic(nav, state.encode("utf-8"))
    if args.prune:
        for stale in prune_pages(out_dir, {p.stem for p in args.notebooks}):
            print(f"removed {stale} (its notebook is gone)", file=sys.stderr)
    kept = len(wanted) - len(todo)
    made = f"; kept {kept} made as their notebook ran" if kept else ""
    print(f"rendered {len(written)} page(s) in {time.monotonic() - started:.1f} s{made}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
