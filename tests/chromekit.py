"""Headless Debian chromium for the page-chrome, accessibility and PDF tests (network cut off).

Skips when chromium (or playwright) is missing, except on CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser check must run)")
    pytest.skip(reason)


def chromium_path() -> str:
    found = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    if not found:
        unavailable("Debian's chromium not found (apt-get install chromium)")
    return found


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)


def offline(context) -> None:
    """Refuse every request that is not a local file or inline data, as a reader offline has it."""
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )


def offline_page(browser, width: int, height: int = 800):
    """A page in a new offline context whose viewport is ``width`` by ``height`` CSS pixels."""
    context = browser.new_context(viewport={"width": width, "height": height})
    offline(context)
    return context.new_page()
