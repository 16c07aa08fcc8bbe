"""The one place that knows where things live, and who may write the build's outputs.

Every other module asks here for a path, so that a different raw folder (the real exports) or a
scratch output folder (``make verify``) is a matter of two environment variables, not code edits.

- ``PDU_DATA_DIR``: a dataset folder (``make reports DATA=...``): everything that belongs to one
  dataset travels together in it: ``raw/`` (the exports) and ``coding/`` (the filled coding sheets
  and, beside them, ``conclusions.md``, the evaluator's written conclusions). :func:`dataset` is the one place
  that says where each of them is.
- ``PDU_RAW_DIR``: folder holding the raw inputs (default ``data/raw``). Given alone, it is a
  dataset of exports alone, unless it is the ``raw/`` folder of a dataset laid out as above
  (``data/raw`` is the shipped dataset ``data``'s).
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
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
WAVES_FILE = "waves.csv"
"""Rounds, their export files and attendance cut-offs (read through :mod:`pdu_analysis.reference`)."""
QUESTIONS_FILE = "questions.csv"
"""The survey codebook: questions and their answer options."""
SECTIONS_FILE = "sections.csv"
"""The report's findings sections in reading order."""
THEMES_FILE = "themes.csv"
"""The open-text theme codebook."""
SECTOR_MAP_FILE = "sector_map.csv"
"""Typed sector labels to the three sectors."""
FIELDS_OF_WORK_FILE = "fields_of_work.csv"
"""The fields of work, in the order pages list them."""
FIRST_NAMES_FILE = "first_names.csv"
"""Common first names the redaction looks for."""
PUBLISHED_FIGURES_FILE = "published_figures.csv"
"""Every figure the report publishes (the reproduction ledger's source)."""
AIMS_FILE = "aims.csv"
"""The PDU's aims and the indicators that evidence them."""
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DOCS_DIR = PROJECT_ROOT / "docs"
DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"
SCRATCH_ROOT = PROJECT_ROOT / ".scratch"
"""Output root of runs the build did not start (JupyterLab): never the build's own outputs."""
DATA_DIR_VARIABLE = "PDU_DATA_DIR"
CODING_DIR_VARIABLE = "PDU_CODING_DIR"
"""Overrides where the coding sheets are read and written (a folder of sheets kept elsewhere)."""
RAW_FOLDER, CODING_FOLDER = "raw", "coding"
CONCLUSIONS_FILE = "conclusions.md"
"""The evaluator's written conclusions, kept with the coding sheets of the dataset they judge."""
"""The parts of a dataset folder."""
OUTPUT_ROOT_VARIABLE = "PDU_OUTPUT_ROOT"
PUBLISH_ROOT_VARIABLE = "PDU_PUBLISH_ROOT"
"""Set by a staged build: where its outputs will be read from once promoted."""

SYNTHETIC_MARKER = "SYNTHETIC"
"""File whose presence in the raw folder marks the data as the synthetic reconstruction."""

_announced = False


def _data_root() -> Path | None:
    chosen = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    return _in_project(Path(chosen).expanduser()).resolve() if chosen else None


def _in_project(chosen: Path) -> Path:
    if not chosen.is_absolute() and not chosen.exists() and (PROJECT_ROOT / chosen).exists():
        return PROJECT_ROOT / chosen  # "data/raw" typed in a notebook running in notebooks/
    return chosen


def raw_dir(override: str | os.PathLike | None = None) -> Path:
    """Folder of raw inputs: an explicit argument, else the dataset's ``raw/`` (``PDU_DATA_DIR``),
    else ``PDU_RAW_DIR``, else ``data/raw``."""
    root = _data_root()
    fallback = root / RAW_FOLDER if root is not None else None
    chosen = Path(override or fallback or os.environ.get("PDU_RAW_DIR") or DEFAULT_RAW_DIR).expanduser()
    return _in_project(chosen).resolve()


@dataclass(frozen=True)
class Dataset:
    """Where one dataset's parts are. ``root`` is None for a folder of exports alone, which then
    has no coding sheets and no conclusions (never another dataset's)."""

    root: Path | None
    raw: Path
    coding: Path | None
    conclusions: Path | None

    @property
    def has_coding(self) -> bool:
        """True when the dataset holds at least one coding sheet."""
        return self.coding is not None and self.coding.is_dir() and any(self.coding.glob("*.xlsx"))


def dataset(raw: str | os.PathLike | None = None) -> Dataset:
    """The dataset this run reads: its raw exports, coding sheets and written conclusions.

    ``PDU_DATA_DIR`` (``make reports DATA=folder``) names the dataset folder. Otherwise the raw
    folder (``raw``, else ``PDU_RAW_DIR``, else ``data/raw``) decides: the ``raw/`` folder of a
    dataset folder (``data/raw`` of ``data``) belongs to that dataset; any other folder is a
    dataset of exports alone. ``PDU_CODING_DIR`` overrides where the sheets are.
    """
    root = _data_root() if raw is None else None
    exports = raw_dir(raw)
    if root is None and exports.name == RAW_FOLDER:
        root = exports.parent
    override = os.environ.get(CODING_DIR_VARIABLE, "").strip()
    coding = Path(override).expanduser().resolve() if override else (root / CODING_FOLDER if root else None)
    return Dataset(
        root=root,
        raw=exports,
        coding=coding,
        conclusions=coding / CONCLUSIONS_FILE if coding is not None else None,
    )


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


def coding_dir(raw: Path | None = None) -> Path | None:
    """The dataset's coding folder (:func:`dataset`; None for a folder of exports alone)."""
    return dataset(raw).coding


def conclusions_file(raw: Path | None = None) -> Path | None:
    """The dataset's written conclusions, beside its coding sheets (None without a coding folder)."""
    return dataset(raw).conclusions


def is_synthetic(raw: Path | None = None) -> bool:
    """True while the raw folder holds the synthetic reconstruction (drives the report banner)."""
    return (raw or raw_dir()).joinpath(SYNTHETIC_MARKER).exists()


def main(argv: list[str] | None = None) -> int:
    """``python -m pdu_analysis.paths raw|coding|conclusions``: print where that part of the dataset is."""
    args = sys.argv[1:] if argv is None else argv
    part = args[0] if args else "raw"
    found = dataset()
    value = {
        "raw": found.raw,
        "coding": found.coding,
        "conclusions": found.conclusions,
        "root": found.root,
    }.get(part)
    if part not in ("raw", "coding", "conclusions", "root"):
        print("usage: python -m pdu_analysis.paths raw|coding|conclusions|root", file=sys.stderr)
        return 2
    print(value if value is not None else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
