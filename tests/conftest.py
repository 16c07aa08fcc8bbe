"""Shared fixtures: a miniature raw folder in the real export formats (see rawkit.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import rawkit  # noqa: E402


@pytest.fixture
def mini_raw(tmp_path: Path) -> Path:
    return rawkit.write_raw(tmp_path / "raw")
