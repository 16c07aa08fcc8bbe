"""What every page's footer states about itself: when it was built, from which data, by which code.

- Build date: from ``SOURCE_DATE_EPOCH`` (the reproducible-builds.org convention; the Makefile
  sets it to the last commit's time and ``make verify`` passes it to its rebuild), never the
  clock, so two builds of the same commit give the same bytes. Unset: "not recorded".
- Commit: from ``SOURCE_COMMIT``, which the Makefile sets from git in a checkout and from
  ``.build-id`` (filled in by ``git archive``, see ``.gitattributes``) in a release archive, so a
  page built from a downloaded release still names the commit it came from.
- Data fingerprint: the first 12 hex digits of a SHA-256 over the raw folder's files (name and
  bytes, in name order), so a reader can tell whether two sets of pages came from the same data.
- Code version: the package version and a short hash of the analysis code and templates that
  ``make reports`` depends on (the Makefile's ``SRC``: every module but ``verify``).
- The raw folder's own description (``PROVENANCE.md``, ``README.md``) is copied into
  ``reports/data-source/`` so the pages link to it inside the reports folder, which then still
  works when zipped and e-mailed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from .. import __version__, fingerprint
from ..atomic import write_atomic
from ..calendar_words import day_text
from ..errors import PDUInputError

NOT_RECORDED = fingerprint.NOT_RECORDED
DESCRIPTION_FILES = ("PROVENANCE.md", "README.md")
"""The raw folder's own description, copied beside the pages (first one found is linked)."""
DESCRIPTION_DIR = "data-source"
"""Folder under ``reports/`` holding the copied description."""
PACKAGE_DIR = Path(__file__).resolve().parents[1]
_NOT_CODE = {"verify.py"}
"""Modules ``make reports`` does not depend on (see ``SRC`` in the Makefile)."""


def build_date(environ: Mapping[str, str] | None = None) -> str:
    """``SOURCE_DATE_EPOCH`` as a UTC date ("26 November 2026"), or "not recorded" when unset.

    A value that is not a whole number of seconds is a :class:`PDUInputError` naming the variable.
    """
    raw = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return NOT_RECORDED
    if not raw.isdigit():
        raise PDUInputError(f"SOURCE_DATE_EPOCH={raw!r}: expected a whole number of seconds since 1970")
    day = dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    return day_text(day)


COMMIT_DIGITS = 12


def build_commit(environ: Mapping[str, str] | None = None) -> str:
    """The first 12 hex digits of ``SOURCE_COMMIT``, or "not recorded" when unset.

    A value that is not a hexadecimal commit id is a :class:`PDUInputError` naming the variable.
    """
    raw = (os.environ if environ is None else environ).get("SOURCE_COMMIT", "").strip()
    if not raw:
        return NOT_RECORDED
    if len(raw) < 7 or any(c not in "0123456789abcdef" for c in raw.lower()):
        raise PDUInputError(f"SOURCE_COMMIT={raw!r}: expected a git commit id (hexadecimal)")
    return raw.lower()[:COMMIT_DIGITS]


def data_fingerprint(raw: Path) -> str:
    """Short SHA-256 of every file in the raw folder (hidden files aside), or "not recorded".

    The same digest the build's raw stamp holds (:mod:`pdu_analysis.fingerprint`), shortened.
    """
    return fingerprint.short(raw)


def code_files(package: Path = PACKAGE_DIR) -> list[tuple[str, Path]]:
    """(relative name, path) of the modules and templates the rendered pages depend on."""
    found = [
        (p.relative_to(package).as_posix(), p)
        for p in package.rglob("*.py")
        if p.name not in _NOT_CODE and "__pycache__" not in p.parts
    ]
    templates = package / "report" / "templates"
    found += [(p.relative_to(package).as_posix(), p) for p in templates.rglob("*") if p.is_file()]
    return found


def code_version(package: Path = PACKAGE_DIR) -> str:
    """``pdu-analysis 1.0.0 (code 0123456789ab)``: version and a short hash of the code's bytes."""
    digest = fingerprint.tree_digest(code_files(package))[: fingerprint.SHORT_DIGITS]
    return f"pdu-analysis {__version__} (code {digest})"


def copy_description(raw: Path, reports: Path) -> str | None:
    """Copy the raw folder's description into ``reports/data-source/``; the linked file's name.

    Returns None (nothing copied) when the raw folder describes itself with none of
    :data:`DESCRIPTION_FILES`. Copies only when the bytes differ, so an unchanged build rewrites
    nothing.
    """
    linked = None
    for name in DESCRIPTION_FILES:
        source = Path(raw) / name
        if not source.is_file():
            continue
        target = Path(reports) / DESCRIPTION_DIR / name
        data = source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)
        linked = linked or name
    return linked


def description_href(linked: str | None) -> str | None:
    """Link from a page in ``reports/html/`` to the copied description (relative, zip-safe)."""
    return f"../{DESCRIPTION_DIR}/{linked}" if linked else None
