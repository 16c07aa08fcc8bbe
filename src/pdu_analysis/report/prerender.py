"""A notebook's page rendered by the process that ran it, while its kernel was busy.

Why: an evaluator rewording a caption waits for one notebook and then its page. Rendering in a
process of its own costs another Python start, nbconvert's import and its template loading
(about a second on two cores). Here they happen in a thread of the process that runs the
notebook, on the other core while the kernel runs the cells, and the page is written as soon as
the executed notebook is.

The render step (``render``) stays the one that decides what reaches ``reports/html``: it keeps a
page made here only when the stamp written beside it matches what it would render now, that is
the executed notebook's bytes, every page's heading and place (``incremental.navigation``), and
the build date, commit and code the footer names. Anything else (another page's heading changed
meanwhile; a cold build, whose neighbours had not run yet) and it renders the page again, so the
pages are the same bytes whichever process made them.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from ..atomic import write_atomic

STAMPS = ".made-by-run"
"""Folder beside the pages: one stamp per page made by the process that ran its notebook."""


def stamp_path(out_dir: Path, stem: str) -> Path:
    return Path(out_dir) / STAMPS / f"{stem}.sha256"


def stamp(executed: Path, state: str) -> str:
    """What the page of ``executed`` depends on, as one digest (see the module's docstring)."""
    from . import provenance

    digest = hashlib.sha256(Path(executed).read_bytes())
    for part in (state, provenance.build_date(), provenance.build_commit(), provenance.code_version()):
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def forget(out_dir: Path, stem: str) -> None:
    """Drop the page's stamp: called as its notebook starts, so a stamp is always from its last run."""
    stamp_path(out_dir, stem).unlink(missing_ok=True)


def is_current(executed: Path, out_dir: Path, state: str) -> bool:
    """True when the page of ``executed`` was made by its run and nothing it shows has changed since."""
    executed = Path(executed)
    recorded = stamp_path(out_dir, executed.stem)
    if not recorded.is_file() or not (Path(out_dir) / f"{executed.stem}.html").is_file():
        return False
    return recorded.read_text(encoding="utf-8").strip() == stamp(executed, state)


def siblings(executed: Path) -> list[Path]:
    """The executed notebooks beside ``executed`` (failed runs left out)."""
    return [
        p
        for p in sorted(Path(executed).parent.glob("[0-9][0-9]_*.ipynb"))
        if not p.name.endswith(".failed.ipynb")
    ]


def every_page_ran(executed: Path, notebooks_folder: Path) -> bool:
    """Whether every numbered notebook has an executed copy, so the neighbours' headings are known."""
    ran = {p.stem for p in siblings(executed)} | {Path(executed).stem}
    wanted = {p.stem for p in Path(notebooks_folder).glob("[0-9][0-9]_*.ipynb")}
    return wanted <= ran


class PageRenderer:
    """Loads nbconvert and the page template in a thread; ``render`` then writes one page."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self._exporter = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._warm, name="pdu-page-renderer", daemon=True)

    def start(self) -> None:
        """Begin loading nbconvert (called once the kernel is starting)."""
        self._thread.start()

    def _warm(self) -> None:
        try:
            from . import render

            exporter = render.make_exporter()
        except BaseException as err:  # noqa: BLE001 - the render step renders the page and says why
            self._error = err
            return
        try:
            exporter.from_notebook_node(_empty_notebook())  # loads and compiles the templates
        except Exception:  # noqa: BLE001 - only a warm-up: the page itself is exported in ``render``
            pass
        self._exporter = exporter

    def render(self, executed: Path) -> Path | None:
        """Write the page of ``executed`` and its stamp; None (and no stamp) if it cannot be made here.

        A page that cannot be made here (a figure without alt text, say) is left to the render
        step, whose message names what to fix.
        """
        from . import render
        from .incremental import navigation

        if self._thread.ident is None:  # not started while the kernel ran: load now
            self._thread.start()
        self._thread.join()
        if self._error is not None or self._exporter is None:
            return None
        executed = Path(executed)
        try:
            state = navigation(siblings(executed))
            page = render.render_notebook(self._exporter, executed, self.out_dir)
        except Exception:  # noqa: BLE001 - the render step renders it again and says why
            return None
        write_atomic(stamp_path(self.out_dir, executed.stem), (stamp(executed, state) + "\n").encode("utf-8"))
        return page


def _empty_notebook():
    import nbformat

    return nbformat.v4.new_notebook(metadata={"pdu_analysis": {"synthetic_data": True}})


def for_run(out_dir: Path, executed: Path, notebooks_folder: Path) -> PageRenderer | None:
    """The renderer for one run of a notebook, or None when its page is left to the render step.

    The page's old stamp is dropped first, so a stamp is always from the notebook's last run.
    """
    forget(out_dir, Path(executed).stem)
    if not enabled() or not every_page_ran(executed, notebooks_folder):
        return None
    return PageRenderer(out_dir)


def enabled() -> bool:
    """Off with ``PDU_PRERENDER=0`` (to time or debug the render step on its own)."""
    return os.environ.get("PDU_PRERENDER", "1") != "0"
