"""Edit-to-page: change one caption in one notebook, rebuild, and time until its page shows it.

This is what an evaluator does all day: reword a caption and look at the page. The edit is made
as a person makes it, in the notebook's source: the first ``caption="..."`` of a code cell gets
words appended. The build must then run only that notebook (and what reads its outputs), render
its page, and leave the other pages as they were; the new caption must be on the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import builds

MARK = " (reworded)"
_CAPTION = re.compile(r'(caption=(?:f)?")([^"]*)(")')


def edit_caption(notebook: Path, mark: str = MARK) -> str:
    """Append ``mark`` to the first ``caption="..."`` literal in a code cell; return the new caption text."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        match = _CAPTION.search(source)
        if match:
            edited = source[: match.end(2)] + mark + source[match.end(2) :]
            cell["source"] = edited.splitlines(keepends=True)
            notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            return match.group(2) + mark
    raise ValueError(f'{notebook.name}: no caption="..." in a code cell to edit')


EDIT_RUNS = 3
"""Edits timed; the median is the figure (one build on a shared 2-core machine can be a second
slower than the next for reasons of its own). Every run is recorded."""


def _one_edit(ws: builds.Workspace, notebook_name: str, mark: str, echo=None) -> dict:
    path = ws.root / "notebooks" / notebook_name
    original = path.read_bytes()
    try:
        caption = edit_caption(path, mark)
        run = builds.run_make(ws, "reports", echo=echo)
        page = ws.root / "reports" / "html" / f"{path.stem}.html"
        shown = page.is_file() and mark.strip() in page.read_text(encoding="utf-8")
    finally:
        path.write_bytes(original)
    return {"caption_starts": caption[:40], "page_shows_it": bool(shown), **run.to_record()}


def measure(ws: builds.Workspace, notebook_name: str, *, runs: int = EDIT_RUNS, echo=None) -> dict:
    """Edit one caption of ``notebook_name``, run ``make reports``, check the page, ``runs`` times
    (a new wording each time, the notebook restored after each); the record, timed by the median."""
    records = [_one_edit(ws, notebook_name, f"{MARK[:-1]} {i + 1})", echo) for i in range(runs)]
    seconds = [r["seconds"] for r in records]
    middle = sorted(range(len(records)), key=lambda i: seconds[i])[len(records) // 2]
    return {
        **records[middle],
        "edited": notebook_name,
        "page_shows_it": all(r["page_shows_it"] for r in records),
        "returncode": max(r["returncode"] for r in records),
        "notebooks_run": sorted({n for r in records for n in r["notebooks_run"]}),
        "runs_seconds": seconds,
        "expected": builds.expected_after_touch(ws, notebook_name),
    }
