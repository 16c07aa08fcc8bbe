"""The one place that knows where things live, and who may write the build's outputs.

Every other module asks here for a path, so that a different raw folder (the real exports) or a
scratch output folder (``make verify``) is a matter of two environment variables, not code edits.

- ``PDU_RAW_DIR``: folder holding the raw inputs (default ``data/raw``).
- ``PDU_OUTPUT_ROOT``: folder under which ``data/processed`` and ``reports`` are written. The build
  (``make reports``, ``pdu_analysis.report.execute``) always sets it.

When it is not set (a notebook run by hand in JupyterLab, a helper called from a Python prompt), the
build's outputs are read-only: output goes under ``.scratch/`` in the project, which starts as a
copy of the build's tidy tables, so ``make reports`` afterwards still sees exactly what it built.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DOCS_DIR = PROJECT_ROOT / "docs"
DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"
SCRATCH_ROOT = PROJECT_ROOT / ".scratch"
"""Output root of runs the build did not start (JupyterLab): never the build's own outputs."""
OUTPUT_ROOT_VARIABLE = "PDU_OUTPUT_ROOT"
PUBLISH_ROOT_VARIABLE = "PDU_PUBLISH_ROOT"
"""Set by a staged build: where its outputs will be read from once promoted."""

SYNTHETIC_MARKER = "SYNTHETIC"
"""File whose presence in the raw folder marks the data as the synthetic reconstruction."""

_announced = False


def raw_dir(override: str | os.PathLike | None = None) -> Path:
    """Folder of raw inputs: an explicit argument, else ``PDU_RAW_DIR``, else ``data/raw``."""
    chosen = Path(override or os.environ.get("PDU_RAW_DIR") or DEFAULT_RAW_DIR).expanduser()
    if not chosen.is_absolute() and not chosen.exists() and (PROJECT_ROOT / chosen).exists():
        chosen = PROJECT_ROOT / chosen  # "data/raw" typed in a notebook running in notebooks/
    return chosen.resolve()


def run_by_build() -> bool:
    """True when the build (or ``make verify``) chose where outputs go."""
    return bool(os.environ.get(OUTPUT_ROOT_VARIABLE))


def output_root() -> Path:
    """Root under which processed data and reports are written (``.scratch`` outside the build)."""
    if run_by_build():
        return Path(os.environ[OUTPUT_ROOT_VARIABLE]).expanduser().resolve()
    _announce()
    return SCRATCH_ROOT


def _announce() -> None:
    global _announced
    if not _announced:
        _announced = True
        print(
            f"Not run by the build: outputs go to {SCRATCH_ROOT} "
            "(reports/ and data/processed are left as `make reports` wrote them).",
            file=sys.stdout,
            flush=True,
        )


def _refresh_scratch(folder: Path) -> None:
    """Copy the build's tidy tables into the scratch folder where the build's copy is newer.

    So a notebook run by hand reads what the last build wrote, or what an earlier hand-run
    cleaning notebook wrote since then, and never writes into ``data/processed`` itself.
    """
    built = PROJECT_ROOT / "data" / "processed"
    if not built.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for source in built.glob("*.csv"):
        target = folder / source.name
        if not target.exists() or target.stat().st_mtime_ns < source.stat().st_mtime_ns:
            shutil.copy2(source, target)


def published(path: str | os.PathLike) -> Path:
    """Where ``path``, written under the output root, will be read from once the build promotes it.

    A staged build writes to ``.build/stage/reports/...`` but a page's relative links must be
    right from ``reports/...``. Outside a staged build (or outside the output root) the path itself.
    """
    path = Path(path).resolve()
    final = os.environ.get(PUBLISH_ROOT_VARIABLE)
    if not final or not run_by_build():
        return path
    try:
        return Path(final).resolve() / path.relative_to(output_root())
    except ValueError:
        return path


def processed_dir() -> Path:
    folder = output_root() / "data" / "processed"
    if not run_by_build():
        _refresh_scratch(folder)
    return folder


def reports_dir() -> Path:
    return output_root() / "reports"


def figures_dir() -> Path:
    return reports_dir() / "figures"


def tables_dir() -> Path:
    return reports_dir() / "tables"


CONCLUSIONS_FILE = "conclusions.md"
"""The evaluator's written conclusions, kept with the coding sheets of the dataset they judge."""


def coding_dir(raw: Path | None = None) -> Path:
    """The dataset's own folder of evaluator's inputs (coding sheets, written conclusions).

    ``PDU_CODING_DIR``, else ``coding`` beside the raw folder: sheets and conclusions belong to
    the exports they describe, so another programme's raw folder never inherits the shipped ones.
    """
    chosen = os.environ.get("PDU_CODING_DIR")
    return (
        Path(chosen).expanduser().resolve() if chosen else Path(raw or raw_dir()).resolve().parent / "coding"
    )


def conclusions_file(raw: Path | None = None) -> Path:
    """The evaluator's written conclusions of this dataset (:func:`coding_dir`)."""
    return coding_dir(raw) / CONCLUSIONS_FILE


def is_synthetic(raw: Path | None = None) -> bool:
    """True while the raw folder holds the synthetic reconstruction (drives the report banner)."""
    return (raw or raw_dir()).joinpath(SYNTHETIC_MARKER).exists()
