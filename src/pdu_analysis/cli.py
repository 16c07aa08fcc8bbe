"""What the build's command-line tools do alike, made once.

A parser named as the tool is called (``python -m MODULE``) and described by the first line of its
module's docstring; a path option whose help says what is used when it is not given; one step run
so that an expected failure reads as one line (``TOOL failed: why``, exit status 1), never a
traceback, and success names the file written. Usage errors are argparse's: a usage line and exit
status 2. Only the standard library is imported, so the raw stamp, run at every ``make``, stays
quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def parser(module: str, doc: str | None) -> argparse.ArgumentParser:
    """The parser of ``python -m module``, its description the first line of ``doc``."""
    lines = (doc or "").strip().splitlines()
    return argparse.ArgumentParser(prog=f"python -m {module}", description=lines[0] if lines else None)


def path_option(
    parser: argparse.ArgumentParser, flag: str, what: str, *, default: Path | None = None, unless: str = ""
) -> None:
    """An optional file or folder (``default``, else None); the help says what stands in for it
    (``unless``, or the default itself)."""
    said = unless or (str(default) if default is not None else "")
    parser.add_argument(flag, type=Path, default=default, help=f"{what} (default: {said})" if said else what)


def failed(tool: str, err: object) -> int:
    """Say on stderr why ``tool`` stopped (``TOOL failed: why``); returns the exit status, 1."""
    print(f"{tool} failed: {err}", file=sys.stderr)
    return 1


def write_step(tool: str, step: Callable[[], Path], errors: tuple[type[Exception], ...]) -> int:
    """Run ``step``, which writes one file and returns its path: ``wrote PATH`` on stderr and 0; on
    one of ``errors``, :func:`failed` (1)."""
    try:
        out = step()
    except errors as err:
        return failed(tool, err)
    print(f"wrote {out}", file=sys.stderr)
    return 0
