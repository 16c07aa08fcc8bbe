"""Adversarial identifiers injected into a copy of the raw folder reach no output, sheet or log.

The corpus (``redaction_corpus.py``) holds an identifier of every kind the redaction covers; it is
appended to every free-text answer and interview paragraph of a scratch copy of the project, which
then runs `make coding-sheets` and `make reports` as a person would. Every file the two write
(tables, figures' data, executed notebooks, pages, coding sheets) and everything they print is
scanned. Slow: one whole build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import redaction_corpus

from pdu_analysis import verify
from pdu_analysis.qual.redact import KINDS

pytestmark = pytest.mark.slow


def _make(scratch: Path, target: str) -> str:
    env = {**os.environ, "PDU_OUTPUT_ROOT": str(scratch), "PDU_RAW_DIR": str(scratch / "data/raw")}
    env.pop("PDU_CODING_DIR", None)  # the sheets beside the scratch raw folder
    command = [
        "make",
        "--no-print-directory",
        target,
        f"PY={sys.executable}",
        "ENV_STAMP=",
        "RAW_DIR=data/raw",
    ]
    done = subprocess.run(command, cwd=scratch, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"make {target} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


def _workbook_text(path: Path) -> tuple[str, list[str]]:
    """Every cell of every worksheet, and the 'redacted' column's cells."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    cells, redacted = [], []
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        header = [str(v) if v is not None else "" for v in (rows[0] if rows else [])]
        at = header.index("redacted") if "redacted" in header else None
        for row in rows:
            cells += [str(v) for v in row if v is not None]
            if at is not None and row is not rows[0] and at < len(row) and row[at]:
                redacted.append(str(row[at]))
    workbook.close()
    return "\n".join(cells), redacted


@pytest.fixture(scope="module")
def injected_build(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("corpus")
    verify.copy_inputs(scratch)
    corpus = redaction_corpus.inject(scratch / "data/raw")
    log = _make(scratch, "coding-sheets") + _make(scratch, "reports")
    return scratch, corpus, log


def test_the_corpus_is_in_the_raw_copy_and_the_scan_finds_it(injected_build):
    scratch, corpus, _ = injected_build
    for path in sorted((scratch / "data/raw/interviews").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert sorted(redaction_corpus.hits(text, corpus.needles)) == sorted(corpus.needles), path.name


def test_no_injected_identifier_in_any_output_sheet_or_log(injected_build):
    scratch, corpus, log = injected_build
    found = [f"build log: {n}" for n in redaction_corpus.hits(log, corpus.needles)]
    outputs = [scratch / "data/processed", scratch / "reports", scratch / "data/coding", scratch / ".build"]
    scanned = 0
    for folder in outputs:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if not path.is_file() or path.suffix == ".png":
                continue
            text = (
                _workbook_text(path)[0]
                if path.suffix == ".xlsx"
                else path.read_text(encoding="utf-8", errors="ignore")
            )
            found += [
                f"{path.relative_to(scratch)}: {n}" for n in redaction_corpus.hits(text, corpus.needles)
            ]
            scanned += 1
    assert scanned > 30, f"only {scanned} output files were scanned"
    assert not found, f"identifiers reached the outputs: {found[:20]}"


def test_every_kind_was_redacted_and_reached_the_quotes(injected_build):
    scratch, _, _ = injected_build
    kinds = set()
    for path in sorted((scratch / "data/coding").glob("*.xlsx")):
        for cell in _workbook_text(path)[1]:
            kinds.update(part.split(" (")[0] for part in cell.split("; "))
    assert kinds == set(KINDS)
    quotes = (scratch / "reports/tables/07_quotes.csv").read_text(encoding="utf-8")
    assert "[phone]" in quotes and "[NHS number]" in quotes and "[organisation]" in quotes
    page = (scratch / "reports/html/02_clean_surveys.html").read_text(encoding="utf-8")
    assert "NHS number" in page and "date of birth" in page
