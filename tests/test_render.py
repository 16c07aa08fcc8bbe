"""The execute -> render -> index layer on a tiny notebook: offline, labelled, reproducible.

The page checks run on the tiny notebook executed in this process (its cells run here, their
``display`` calls kept as outputs, which is what the kernel would save), so they take a second.
The same checks, and the executor's own (kernel, progress, byte-identical reruns, failures), run on
the ``pdu-analysis`` kernel too: those start Jupyter kernels and are marked slow. Figures and
reports are written under a temporary ``PDU_OUTPUT_ROOT``, never into the project's own reports/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import nbformat
import pytest

from pdu_analysis.report import execute, index, render

PARAMETERS = "raw_dir = None  # folder of raw inputs; None means data/raw (or PDU_RAW_DIR)"
FIGURE = """\
import matplotlib.pyplot as plt
from pdu_analysis.figures.theme import SECTOR_COLOURS
from pdu_analysis.present import show_caveat, show_figure, show_table
import pandas as pd
fig, ax = plt.subplots()
ax.bar(["statutory", "voluntary", "private"], [12, 7, 2],
       color=[SECTOR_COLOURS[s] for s in ("statutory", "voluntary", "private")])
ax.set_ylabel("Attendances")
show_figure(fig, "tiny_by_sector", caption="Attendances by sector: 12 statutory, 7 voluntary, "
            "2 private (21 in all).",
            alt="Bar chart of attendances by sector: statutory 12, voluntary 7, private 2.")"""
CAVEAT = """\
show_caveat("Only 7 people answered the June 2018 follow-up: read these as counts, not rates.")
show_table(pd.DataFrame({"sector": ["statutory", "voluntary"], "count": [12, 7]}),
           "Attendances by sector")"""
ALT = "Bar chart of attendances by sector: statutory 12, voluntary 7, private 2."


def make_tiny_notebook(path: Path) -> Path:
    """H1, parameters, H2, a figure, a caveat and a table; saved with a kernel nobody has."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "conda-env-someone-else",
        "display_name": "Old env",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Who attends the PDU events\n\nA tiny test report."),
        params,
        nbformat.v4.new_markdown_cell("## Attendance by sector"),
        nbformat.v4.new_code_cell(FIGURE),
        nbformat.v4.new_markdown_cell("## Follow-up survey"),
        nbformat.v4.new_code_cell(CAVEAT),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"tiny-{i}"
    nbformat.write(nb, path)
    return path


def make_notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Broken")] + [nbformat.v4.new_code_cell(s) for s in sources]
    nb.cells[1].metadata["tags"] = ["parameters"]  # every build notebook has its tagged parameters cell
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    nbformat.write(nb, path)
    return path


def run_cli(module: str, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def space(tmp_path_factory):
    """Tiny notebook executed twice and rendered twice, with a synthetic raw folder."""
    root = tmp_path_factory.mktemp("render")
    raw = root / "raw"
    raw.mkdir()
    (raw / "SYNTHETIC").write_text("")
    env = {**os.environ, "PDU_OUTPUT_ROOT": str(root / "out"), "PDU_RAW_DIR": str(raw)}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PDU_OUTPUT_ROOT", env["PDU_OUTPUT_ROOT"])
        mp.setenv("PDU_RAW_DIR", env["PDU_RAW_DIR"])
        source = make_tiny_notebook(root / "01_tiny.ipynb")
        executed = root / "out" / "executed" / "01_tiny.ipynb"
        html_dir = root / "out" / "html"
        first = run_cli(
            "pdu_analysis.report.execute", str(source), str(executed), "-p", "raw_dir", str(raw), env=env
        )
        assert first.returncode == 0, first.stderr
        run1 = {
            "ipynb": executed.read_bytes(),
            "png": (root / "out" / "reports" / "figures" / "tiny_by_sector.png").read_bytes(),
        }
        render.render_all([executed], html_dir)
        run1["html"] = (html_dir / "01_tiny.html").read_bytes()
        execute.execute_notebook(source, executed, {"raw_dir": str(raw)}, progress=False)
        render.render_all([executed], html_dir)
        yield {
            "root": root,
            "env": env,
            "raw": raw,
            "executed": executed,
            "run1": run1,
            "cli_stderr": first.stderr,
            "html": html_dir / "01_tiny.html",
        }


def run_in_process(source: Path, executed: Path) -> Path:
    """Run ``source``'s code cells here and save what they display, as the kernel would."""
    nb = nbformat.read(source, as_version=4)
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        shown: list[dict] = []
        with mock.patch("IPython.display.display", lambda data, raw=False, kept=shown: kept.append(data)):
            exec(compile(cell.source, f"cell {cell.id}", "exec"), namespace)
        cell.outputs = [nbformat.v4.new_output("display_data", data=data) for data in shown]
    nb.metadata["pdu_analysis"] = {"synthetic_data": True}
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, executed)
    return executed


@pytest.fixture(scope="module", params=["in_process", pytest.param("kernel", marks=pytest.mark.slow)])
def tiny(request, tmp_path_factory):
    """The tiny notebook's page and executed notebook: run in this process, or on the kernel."""
    if request.param == "kernel":
        space = request.getfixturevalue("space")
        return {"html": space["html"], "executed": space["executed"]}
    root = tmp_path_factory.mktemp("page")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PDU_OUTPUT_ROOT", str(root / "out"))
        executed = run_in_process(
            make_tiny_notebook(root / "01_tiny.ipynb"), root / "executed" / "01_tiny.ipynb"
        )
        html = render.render_all([executed], root / "html")[0]
    return {"html": html, "executed": executed}


@pytest.mark.slow
def test_execute_reports_progress_and_uses_project_kernel(space):
    assert re.search(r"running 01_tiny: cell 4/6", space["cli_stderr"])
    nb = nbformat.read(space["executed"], as_version=4)
    assert nb.metadata.kernelspec.name == "pdu-analysis"
    assert nb.metadata.papermill.parameters == {"raw_dir": str(space["raw"])}


@pytest.mark.slow
def test_executed_notebook_has_no_run_specific_metadata(space):
    text = space["executed"].read_text()
    for word in ("start_time", "end_time", "duration", "iopub.", "shell.execute_reply", ".running.ipynb"):
        assert word not in text
    nb = nbformat.read(space["executed"], as_version=4)
    assert [c.id for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])] == [
        "injected-parameters"
    ]


@pytest.mark.slow
def test_second_run_is_byte_identical(space):
    png = space["root"] / "out" / "reports" / "figures" / "tiny_by_sector.png"
    assert png.read_bytes() == space["run1"]["png"]
    assert space["executed"].read_bytes() == space["run1"]["ipynb"]
    assert space["html"].read_bytes() == space["run1"]["html"]


def test_page_loads_nothing_from_the_network(tiny):
    page = tiny["html"].read_text()
    assert render.offline_problems(page) == []
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"url\(\s*['\"]?https?:", page, re.I)
    assert not re.search(r"\b(?:src|srcset|poster)\s*=\s*['\"]?https?:", page, re.I)
    for src in re.findall(r"<img[^>]*\bsrc=\"([^\"]*)\"", page):
        assert src.startswith("data:image/png;base64,")
    for word in ("mathjax", "require.js", "requirejs", "@font-face"):
        assert word not in page.lower()


def test_page_has_no_code_and_labels_every_figure(tiny):
    page = tiny["html"].read_text()
    assert "No description has been provided" not in page
    assert f'alt="{ALT}"' in page
    assert "<figcaption" in page and "21 in all" in page
    assert not re.search(r"<img(?![^>]*\balt=\"[^\"]+\")", page)
    assert "plt.subplots" not in page and "show_figure(" not in page
    assert "In&nbsp;[" not in page


def test_page_has_title_contents_caveat_banner_and_footer(tiny):
    page = tiny["html"].read_text()
    assert "<title>Who attends the PDU events · PDU evaluation study</title>" in page
    assert '<nav aria-label="Contents" class="contents">' in page
    assert '<a href="#Attendance-by-sector">Attendance by sector</a>' in page
    assert 'id="Attendance-by-sector"' in page
    assert 'class="caveat"' in page and "<caption>Attendances by sector</caption>" in page
    assert 'class="synthetic-banner"' in page
    assert "Generated from notebook <code>01_tiny.ipynb</code>" in page
    assert "synthetic reconstruction" in page


def test_no_banner_when_the_notebook_ran_on_real_exports(tiny, tmp_path):
    nb = nbformat.read(tiny["executed"], as_version=4)
    nb.metadata["pdu_analysis"]["synthetic_data"] = False
    real = tmp_path / "01_tiny.ipynb"
    nbformat.write(nb, real)
    page = render.render_all([real], tmp_path / "html")[0].read_text()
    assert 'class="synthetic-banner"' not in page
    assert "the PDU's own exports" in page.replace("&#x27;", "'")


@pytest.mark.slow
def test_failed_notebook_names_cell_and_keeps_previous_output(space, tmp_path):
    source = make_notebook(
        tmp_path / "02_broken.ipynb", "total = 21", "rate = total / 0  # per event\nprint(rate)"
    )
    output = tmp_path / "executed" / "02_broken.ipynb"
    output.parent.mkdir()
    output.write_text("previous good run")
    done = run_cli("pdu_analysis.report.execute", str(source), str(output), env=space["env"])
    assert done.returncode != 0
    assert (
        "notebook 02_broken.ipynb failed at cell 3 (rate = total / 0  # per event): "
        "ZeroDivisionError: division by zero"
    ) in done.stderr
    assert output.read_text() == "previous good run"
    failed = output.with_name("02_broken.failed.ipynb")
    assert "ZeroDivisionError" in failed.read_text()
    assert not list(output.parent.glob(".*"))  # no temporary files left behind


@pytest.mark.slow
def test_input_error_prints_only_its_message(tmp_path, capsys):
    source = make_notebook(
        tmp_path / "03_input.ipynb",
        "from pdu_analysis.errors import PDUInputError\n"
        "raise PDUInputError(\"column 'Date': row 12 is not a date\", "
        "file='data/raw/attendance_register.xlsx')",
    )
    status = execute.main([str(source), str(tmp_path / "out.ipynb"), "-q"])
    stderr = capsys.readouterr().err
    assert status != 0
    assert stderr == "data/raw/attendance_register.xlsx: column 'Date': row 12 is not a date\n"


def test_render_refuses_a_figure_without_alt_text(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plt.show()")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Bare"), cell]
    path = tmp_path / "04_bare.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(render.RenderError, match=r"cell 2 \(plt.show\(\)\).*show_figure"):
        render.render_all([path], tmp_path / "html")
    assert not (tmp_path / "html" / "04_bare.html").exists()


@pytest.mark.parametrize(
    "snippet, bad",
    [
        ('<img alt="x" src="data:image/png;base64,AA">', False),
        ('<a href="https://www.practicalparticipation.co.uk">link</a>', False),
        ("<script>var inline = 1;</script>", False),
        ('<script src="https://cdn.example/require.js"></script>', True),
        ('<link rel="stylesheet" href="theme.css">', True),
        ('<img alt="x" src="figures/a.png">', True),
        ("<style>body{background:url(https://x/y.png)}</style>", True),
        ("<style>@import 'https://fonts.example/css';</style>", True),
    ],
)
def test_offline_check(snippet, bad):
    assert bool(render.offline_problems(snippet)) is bad


def test_index_page_with_and_without_headline_figures(tiny, tmp_path):
    out = tmp_path / "html" / "index.html"
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "01_tiny.html").write_bytes(tiny["html"].read_bytes())
    index.build_index(out, tmp_path / "missing.csv")
    page = out.read_text()
    assert "Headline figures are not available yet" in page
    assert '<a href="01_tiny.html">Who attends the PDU events</a>' in page
    assert 'class="synthetic-banner"' in page and "PROVENANCE.md" in page
    assert render.offline_problems(page) == []
    table = tmp_path / "headline_figures.csv"
    table.write_text(
        "measure,wave,count,base,percent,ci_low,ci_high\n"
        "Acted on what they learnt,final,19,29,65.5,47.3,80.1\n"
        "Attendances from the statutory sector,,245,540,45.37,41.2,49.6\n"
        "Intended to change practice,,40,45,88.9,76.5,95.2\n"
    )
    index.build_index(out, table)
    page = out.read_text()
    assert "<td>19 of 29</td>" in page and "65" not in page.split("19 of 29")[1][:20]
    assert "<td>45% (245 of 540)</td>" in page and "<td>41% to 50%</td>" in page
    assert "<td>89% (40 of 45)</td>" in page
    assert page.count("Indicative only") == 2
    again = out.read_bytes()
    index.build_index(out, table)
    assert out.read_bytes() == again


def test_prune_removes_only_pages_of_notebooks_that_are_gone(tmp_path):
    from pdu_analysis.report.render import prune_pages

    for name in ("03_who_attends.html", "07_reproduction.html", "08_reproduction.html", "index.html"):
        (tmp_path / name).write_text("x")
    removed = prune_pages(tmp_path, {"03_who_attends", "08_reproduction"})
    assert [p.name for p in removed] == ["07_reproduction.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "03_who_attends.html",
        "08_reproduction.html",
        "index.html",
    ]
