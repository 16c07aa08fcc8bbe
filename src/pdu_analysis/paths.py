"""The one place that knows where things live.

Every other module asks here for a path, so that a different raw folder (the real exports) or a
scratch output folder (``make verify``) is a matter of two environment variables, not code edits.

- ``PDU_RAW_DIR``: folder holding the raw inputs (default ``data/raw``).
- ``PDU_OUTPUT_ROOT``: folder under which ``data/processed`` and ``reports`` are written
  (default: the project root).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DOCS_DIR = PROJECT_ROOT / "docs"
DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"

SYNTHETIC_MARKER = "SYNTHETIC"
"""File whose presence in the raw folder marks the data as the synthetic reconstruction."""


def raw_dir(override: str | os.PathLike | None = None) -> Path:
    """Folder of raw inputs: an explicit argument, else ``PDU_RAW_DIR``, else ``data/raw``."""
    chosen = Path(override or os.environ.get("PDU_RAW_DIR") or DEFAULT_RAW_DIR).expanduser()
    if not chosen.is_absolute() and not chosen.exists() and (PROJECT_ROOT / chosen).exists():
        chosen = PROJECT_ROOT / chosen  # "data/raw" typed in a notebook running in notebooks/
    return chosen.resolve()


def output_root() -> Path:
    """Root under which processed data and reports are written."""
    return Path(os.environ.get("PDU_OUTPUT_ROOT") or PROJECT_ROOT).expanduser().resolve()


def processed_dir() -> Path:
    return output_root() / "data" / "processed"


def reports_dir() -> Path:
    return output_root() / "reports"


def figures_dir() -> Path:
    return reports_dir() / "figures"


def tables_dir() -> Path:
    return reports_dir() / "tables"


def is_synthetic(raw: Path | None = None) -> bool:
    """True while the raw folder holds the synthetic reconstruction (drives the report banner)."""
    return (raw or raw_dir()).joinpath(SYNTHETIC_MARKER).exists()
