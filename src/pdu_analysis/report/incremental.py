"""Which pages a render must remake: after an edit, only the pages of the notebooks that ran.

Every page's header links to its neighbours by heading, in the reading order, so a page must be
remade when any page's heading or place changes; otherwise only the pages of notebooks that ran
since the last render (make's ``$?``). The headings and places of the last render are kept beside
the pages (``.pages``), rewritten only when they change, so the index (which lists them) is remade
only then.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import pages

NAVIGATION_FILE = ".pages"
"""Beside the pages: every page's heading and place, rewritten only when one changes, so the
index (and the other pages' previous and next links) are remade only then."""


def navigation(notebooks) -> str:
    """The headings and places of these executed notebooks' pages, as the text of :data:`NAVIGATION_FILE`."""
    from .render import notebook_heading

    found = [Path(p) for p in notebooks if not Path(p).name.endswith(".failed.ipynb")]
    places = pages.read_notebook_places(found)
    state = {
        p.stem: [notebook_heading(p), places[p.stem].audience, places[p.stem].order]
        for p in sorted(found, key=lambda p: p.stem)
        if p.stem in places
    }
    return json.dumps(state, indent=1, ensure_ascii=False) + "\n"


def to_render(notebooks, changed, out_dir: Path, state: str) -> list[Path]:
    """The notebooks whose page must be (re)made: all when the navigation changed or nothing says
    what changed; else the changed ones and any without a page."""
    notebooks = [Path(p) for p in notebooks]
    previous = out_dir / NAVIGATION_FILE
    if changed is None or not previous.is_file() or previous.read_text(encoding="utf-8") != state:
        return notebooks
    changed = {Path(p).resolve() for p in changed}
    return [p for p in notebooks if p.resolve() in changed or not (out_dir / f"{p.stem}.html").is_file()]
