"""Shared fixtures: a miniature raw folder in the real export formats (see rawkit.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import chromekit  # noqa: E402
import rawkit  # noqa: E402


@pytest.fixture
def mini_raw(tmp_path: Path) -> Path:
    return rawkit.write_raw(tmp_path / "raw")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """The whole pipeline run once from data/raw in a scratch copy of the project (slow)."""
    import sys as _sys

    from pdu_analysis import verify

    scratch = tmp_path_factory.mktemp("built")
    verify.rebuild(scratch, _sys.executable)
    return scratch


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by playwright, one per test module (tests/chromekit.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = chromekit.launch(p)
        yield chromium
        chromium.close()
