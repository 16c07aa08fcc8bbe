"""Edit-to-page: only the pages of notebooks that ran are re-rendered unless a heading or a place
changed, and the bench's caption edit changes exactly one caption."""

import json

from pdu_analysis.report import incremental as render
from pdu_bench import edit, report


def _executed(folder, stem, heading, audience="readers"):
    nb = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": f"# {heading}"}],
        "metadata": {"pdu_analysis": {"page": {"audience": audience}}},
        "nbformat": 4,
        "nbformat_minor": 4,
    }
    path = folder / f"{stem}.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_only_changed_pages_are_rendered_while_the_navigation_stands(tmp_path):
    out = tmp_path / "html"
    out.mkdir()
    a, b = _executed(tmp_path, "03_a", "Who came"), _executed(tmp_path, "04_b", "What they said")
    state = render.navigation([a, b])
    assert render.to_render([a, b], [b], out, state) == [a, b], "no record of the navigation: every page"
    (out / render.NAVIGATION_FILE).write_text(state)
    (out / "03_a.html").write_text("page")
    (out / "04_b.html").write_text("page")
    assert render.to_render([a, b], [b], out, state) == [b]
    assert render.to_render([a, b], [], out, state) == []
    assert render.to_render([a, b], None, out, state) == [a, b]
    (out / "03_a.html").unlink()
    assert render.to_render([a, b], [b], out, state) == [a, b]
    _executed(tmp_path, "04_b", "What they said afterwards")  # a new heading changes every header
    assert render.navigation([a, b]) != state
    assert render.to_render([a, b], [b], out, render.navigation([a, b])) == [a, b]
    _executed(tmp_path, "04_b", "What they said", audience="reviewers")  # so does a new place
    assert render.navigation([a, b]) != state


def test_the_bench_rewords_exactly_one_caption(tmp_path):
    source = 'show(fig, caption="Understanding after the event")\nshow(t, caption="Second")'
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": source, "outputs": []}], "metadata": {}}
    path = tmp_path / "04_x.ipynb"
    path.write_text(json.dumps(nb))
    assert edit.edit_caption(path) == "Understanding after the event" + edit.MARK
    edited = "".join(json.loads(path.read_text())["cells"][0]["source"])
    assert edited == source.replace("the event", "the event" + edit.MARK, 1)


def test_edit_to_page_is_judged_against_five_seconds_and_the_notebooks_that_ran():
    step = {"edited": "04_x.ipynb", "seconds": 4.2, "returncode": 0, "page_shows_it": True}
    fast = report.edit_rows({**step, "notebooks_run": ["04_x"], "expected": ["04_x"]})[0]
    assert fast.status == report.MET
    slow = report.edit_rows({**step, "seconds": 5.6, "notebooks_run": ["04_x"], "expected": ["04_x"]})[0]
    assert slow.status == report.MISSED
    extra = report.edit_rows({**step, "notebooks_run": ["04_x", "08_y"], "expected": ["04_x"]})[0]
    assert extra.status == report.MISSED
    unseen = report.edit_rows({**step, "page_shows_it": False, "notebooks_run": [], "expected": []})[0]
    assert unseen.status == report.FAILED


def test_edit_to_page_is_the_median_of_its_runs_and_needs_every_page_right(monkeypatch):
    times = iter([6.1, 3.9, 4.4])
    shown = iter([True, True, True])

    def one(ws, name, mark, echo=None):
        assert mark.strip().startswith("(reworded") and mark.strip().endswith(")")
        return {
            "seconds": next(times),
            "returncode": 0,
            "notebooks_run": ["04_x"],
            "page_shows_it": next(shown),
        }

    monkeypatch.setattr(edit, "_one_edit", one)
    monkeypatch.setattr(edit.builds, "expected_after_touch", lambda ws, name: ["04_x"])
    step = edit.measure(None, "04_x.ipynb", runs=3)
    assert step["seconds"] == 4.4 and step["runs_seconds"] == [6.1, 3.9, 4.4] and step["page_shows_it"]
    times, shown = iter([4.0, 4.0, 4.0]), iter([True, False, True])
    assert not edit.measure(None, "04_x.ipynb", runs=3)["page_shows_it"]
