"""The index page from its Jinja2 template, and the notebook check behind the pre-commit hook.

Expected texts are written out by hand from the small tables below, not produced by the code.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from pdu_analysis.errors import PDUInputError
from pdu_analysis.report import clean_notebooks, index
from pdu_analysis.stats import conventions

ROOT = Path(__file__).resolve().parents[1]
HEADER = "measure,wave,count,base,percent,ci_low,ci_high\n"


def _page(tmp_path: Path, rows: str, *, synthetic: bool = True) -> str:
    table = tmp_path / "headline.csv"
    table.write_text(HEADER + rows, encoding="utf-8")
    out = tmp_path / "html" / "index.html"
    index.build_index(out, table, synthetic=synthetic)
    return out.read_text(encoding="utf-8")


def test_thresholds_come_from_the_conventions(tmp_path, monkeypatch):
    rows = "Some measure,,40,45,88.9,76.5,95.2\n"
    page = _page(tmp_path, rows)
    # 45 is at least 30 (a percentage) but under 50 (indicative).
    assert "<td>89% (40 of 45)</td>" in page
    assert "<td>Indicative only: base under 50</td>" in page
    assert "fewer than 30 people are given as counts" in page
    assert "Below 30 responses" in page and "below 50 it is marked" in page

    monkeypatch.setattr(conventions, "WORDS_ONLY_BASE", 60)
    monkeypatch.setattr(conventions, "INDICATIVE_BASE", 100)
    page = _page(tmp_path, rows)
    # Now 45 is under both thresholds: a count only, and the page's wording follows.
    assert "<td>40 of 45</td>" in page and "89%" not in page
    assert "<td>Indicative only: base under 100; shown as a count</td>" in page
    assert "fewer than 60 people are given as counts" in page
    assert "fewer than 100 people are indicative only" in page
    assert "Below 60 responses" in page and "below 100 it is marked" in page
    assert "fewer than 30" not in page and "Below 30" not in page


def test_the_count_example_is_taken_from_the_table(tmp_path):
    rows = "A,,90,200,45,38.3,51.9\nB,,4,7,57.1,25.0,84.2\nC,,3,12,25,8.9,53.2\nD,,5,12,41.7,19.3,68\n"
    page = _page(tmp_path, rows)
    # The largest base under 30 is 12 (C and D); the first of them is the example.
    assert '("3 of 12")' in page and '<dt>"3 of 12", "indicative only"</dt>' in page
    page = _page(tmp_path, "A,,90,200,45,38.3,51.9\n")
    assert '("k of n")' in page


def test_a_malicious_measure_label_is_escaped(tmp_path):
    page = _page(tmp_path, "\"<script>alert('x')</script> & co\",,90,200,45,38.3,51.9\n")
    assert "<script>" not in page
    assert "<td>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co</td>" in page
    from pdu_analysis.report.templating import ENVIRONMENT

    assert ENVIRONMENT.autoescape is True


def test_a_report_title_is_escaped_in_the_links(tmp_path):
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    (html_dir / "01_x.html").write_text("<title>Sector &lt;b&gt; &amp; hub</title>", encoding="utf-8")
    page = _page(tmp_path, "")
    assert (
        '<li><a href="01_x.html">Sector &lt;b&gt; &amp; hub</a> <span class="file">(01_x.html)</span></li>'
        in page
    )


def test_missing_and_unreadable_figures(tmp_path):
    page = _page(tmp_path, ",,,,,,\n")
    assert "<td>not available</td>" in page and "<td>\u2013</td>" in page
    page = _page(tmp_path, "Odd,,nan,inf,,,\n")
    assert "<td>not available</td>" in page and "NaN" not in page
    table = tmp_path / "bad.csv"
    table.write_text("measure,count\nA,1\n", encoding="utf-8")
    with pytest.raises(PDUInputError, match=r"bad\.csv: missing column\(s\) wave, base, percent"):
        index.build_index(tmp_path / "html" / "index.html", table)
    table.write_bytes(HEADER.encode() + b"\xff\xfe,,1,2,50,1,99\n")
    assert index.main(["--out", str(tmp_path / "x.html"), "--headline", str(table)]) == 1


def test_no_synthetic_note_on_real_data(tmp_path):
    real = _page(tmp_path, "", synthetic=False)
    assert 'class="synthetic-banner"' not in real and "<strong>Synthetic data:</strong>" not in real
    assert "the PDU's own exports" in real.replace("&#x27;", "'")
    fake = _page(tmp_path, "", synthetic=True)
    assert 'class="synthetic-banner"' in fake and "<strong>Synthetic data:</strong>" in fake


# ---- the notebook check (pre-commit hook and make lint) --------------------------------------------


def _notebook(path: Path, *, executed: bool) -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    if executed:
        cell.execution_count = 1
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    nbformat.write(nb, path)
    return path


def _check(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pdu_analysis.report.clean_notebooks", *map(str, paths)],
        capture_output=True,
        text=True,
    )


def test_notebook_check_fails_on_outputs(tmp_path):
    clean = _notebook(tmp_path / "clean.ipynb", executed=False)
    assert clean_notebooks.output_cells(clean) == []
    assert _check(tmp_path).returncode == 0
    dirty = _notebook(tmp_path / "dirty.ipynb", executed=True)
    assert clean_notebooks.output_cells(dirty) == [2]
    result = _check(tmp_path)
    assert result.returncode == 1
    assert f"{dirty}: outputs in cell(s) 2" in result.stderr and "clean.ipynb" not in result.stderr
    assert "Traceback" not in result.stderr


def test_notebook_check_counts_an_execution_count_alone(tmp_path):
    path = _notebook(tmp_path / "counted.ipynb", executed=False)
    data = json.loads(path.read_text())
    data["cells"][1]["execution_count"] = 3
    path.write_text(json.dumps(data))
    assert clean_notebooks.output_cells(path) == [2]


def test_notebook_check_names_a_broken_file(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    result = _check(tmp_path)
    assert result.returncode == 1 and "broken.ipynb: is not a notebook" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_lint_runs_the_pre_commit_hooks_commands():
    """The hooks and `make lint` run the same commands (the Makefile's $(PY) is .venv/bin/python)."""
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    hooks = re.findall(r"^\s+entry: (.+)$", config, re.M)
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    lint = [line.strip().lstrip("@").replace("$(PY)", ".venv/bin/python") for line in recipe.splitlines()]
    assert hooks == lint and len(hooks) == 4
    assert "repo: local" in config and "language: system" in config
    assert not re.search(r"repo: https?:", config)
    assert [shlex.split(h)[-1] for h in hooks] == ["notebooks", "notebooks", "mypy", "notebooks"]


def test_number_wording_examples_hold():
    """The worked examples in wording.numbers' docstrings (written by hand) are what it returns."""
    import doctest

    from pdu_analysis.wording import numbers

    result = doctest.testmod(numbers, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 3 and result.failed == 0


def test_study_text_counts_rounds_from_the_data_and_never_says_the_report_used_a_later_one(tmp_path):
    from pdu_analysis.report.index import study_text

    (tmp_path / "events.csv").write_text(
        "event_id,date,title,kind,status\nE1,2018-03-01,a,learning_event,held\n"
        "E2,2019-05-01,b,learning_event,held\nC1,2018-04-01,c,community_of_practice,held\n"
    )
    rows = ["response_id,survey,wave,responded_on"]
    rows += [f"a{i},follow_up,first,2018-06-0{i + 1}" for i in range(3)]
    rows += [f"b{i},follow_up,third,2019-07-0{i + 1}" for i in range(2)]
    rows += ["p1,post_event,first,2018-03-02"]
    (tmp_path / "survey_responses.csv").write_text("\n".join(rows) + "\n")
    text = study_text(tmp_path)
    assert "held 2 learning events" in text
    assert "between March 2018 and May 2019" in text
    assert "2 rounds of a follow-up survey (3 responses in June 2018, 2 responses in July 2019)" in text
    assert "drew on" not in text
