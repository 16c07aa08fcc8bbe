"""A page made by the process that ran its notebook is kept only when it is what the render step
would make now: same executed bytes, same headings and places of every page, same build."""

from __future__ import annotations

import json

import pytest
from test_render import make_tiny_notebook, run_in_process

from pdu_analysis.report import prerender, render


@pytest.fixture
def built(tmp_path, monkeypatch):
    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(tmp_path / "out"))
    monkeypatch.setenv("SOURCE_COMMIT", "a" * 40)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    executed = run_in_process(
        make_tiny_notebook(tmp_path / "01_tiny.ipynb"), tmp_path / "executed" / "01_tiny.ipynb"
    )
    return tmp_path, executed


def _render_step(executed, out, capsys) -> str:
    assert render.main([str(executed), "--out", str(out), "--changed", str(executed)]) == 0
    return capsys.readouterr().err


def test_the_render_step_keeps_the_page_made_as_the_notebook_ran(built, capsys):
    root, executed = built
    out = root / "html"
    page = prerender.PageRenderer(out).render(executed)
    assert page == out / "01_tiny.html" and prerender.stamp_path(out, "01_tiny").is_file()
    made = page.read_bytes()
    assert "kept 1 made as their notebook ran" in _render_step(executed, out, capsys)
    assert page.read_bytes() == made
    # the same bytes as the render step makes on its own
    fresh = root / "fresh"
    render.render_all([executed], fresh)
    assert (fresh / "01_tiny.html").read_bytes() == made


def test_a_new_heading_elsewhere_or_a_new_commit_renders_the_page_again(built, capsys, monkeypatch):
    root, executed = built
    out = root / "html"
    prerender.PageRenderer(out).render(executed)
    state = render.navigation([executed])
    assert prerender.is_current(executed, out, state)
    other = executed.with_name("02_other.ipynb")
    other.write_text(
        json.dumps(
            {
                "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# More"}],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    assert not prerender.is_current(executed, out, render.navigation([executed, other]))
    other.unlink()
    monkeypatch.setenv("SOURCE_COMMIT", "b" * 40)  # the footer names another commit
    assert not prerender.is_current(executed, out, state)
    assert "kept" not in _render_step(executed, out, capsys)


def test_a_stamp_is_forgotten_when_the_notebook_runs_again(built):
    root, executed = built
    out = root / "html"
    prerender.PageRenderer(out).render(executed)
    prerender.forget(out, "01_tiny")
    assert not prerender.is_current(executed, out, render.navigation([executed]))


def test_no_page_is_made_before_every_notebook_has_run(built):
    root, executed = built
    notebooks = root / "notebooks"
    notebooks.mkdir()
    (notebooks / "01_tiny.ipynb").write_text("{}")
    assert prerender.every_page_ran(executed, notebooks)
    (notebooks / "02_later.ipynb").write_text("{}")
    assert not prerender.every_page_ran(executed, notebooks)


def test_a_page_that_cannot_be_made_here_is_left_to_the_render_step(built):
    root, executed = built
    nb = json.loads(executed.read_text())
    nb["cells"].append(
        {
            "cell_type": "code",
            "id": "bare-figure",
            "metadata": {},
            "source": "plt.show()",
            "execution_count": 1,
            "outputs": [
                {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw0KGgo="}}
            ],
        }
    )
    executed.write_text(json.dumps(nb))
    out = root / "html"
    assert prerender.PageRenderer(out).render(executed) is None
    assert not prerender.stamp_path(out, "01_tiny").exists() and not (out / "01_tiny.html").exists()
