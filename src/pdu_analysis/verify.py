"""Rebuild everything from data/raw in a scratch folder and compare with the committed manifest.

``reports/MANIFEST.sha256`` lists a SHA-256 for every figure, table, processed table and HTML page
the pipeline makes. ``make verify`` copies the project's inputs and notebooks into a scratch folder,
runs the whole pipeline there with ``make reports`` (the same staged build; the working tree's
outputs are not touched), and prints
"reproduced N of N" or names every file that differs, is missing or is new; any difference exits
non-zero. ``python -m pdu_analysis.verify --update`` rewrites the manifest from the current outputs.

``--python python3.12`` (``make check-python``) does the same with another interpreter: the scratch
copy sets up its own ``.venv`` from the lock with that Python (as a new machine would) and builds
with ``make reports``, so a second Python version is checked against the same manifest.

The pages' footers print a build date taken from ``SOURCE_DATE_EPOCH`` (reproducible-builds.org),
which the Makefile sets from the last commit. The manifest records the value its outputs were
built with, and the rebuild uses that same value, so committing the manifest (a new commit, a new
time) does not by itself make the pages differ.

The footers also name the commit (``SOURCE_COMMIT``), recorded in the manifest the same way.

``--built DIR`` compares a build already made in ``DIR`` (a scratch copy laid out like the
project) with the manifest without building again, so a test session builds once.

Byte-identical is the claim. When a CSV differs, the verdict says which rows and columns differ
and the largest absolute difference, so a reviewer sees at once whether a change is a few units in
the last written digit or a changed result. The recorded version of the file to compare with is
``--against DIR``'s copy, else the working tree's own outputs when their checksum is the
manifest's (outputs are never committed, so a fresh clone has no copy to compare with and says so).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import cli
from .atomic import write_atomic
from .paths import PROJECT_ROOT

MANIFEST = Path("reports") / "MANIFEST.sha256"
TRACKED = (
    "data/processed/*.csv",
    "reports/figures/*.png",
    "reports/tables/*.csv",
    "reports/reproduction.csv",
    "reports/html/*.html",
)
INPUTS = (
    "Makefile",
    "pyproject.toml",
    "requirements.lock",
    "notebooks",
    "data/raw",
    "data/reference",
    "data/coding",
    "src",
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def collect(root: Path) -> dict[str, str]:
    """Checksums of every tracked output under ``root``, by relative path."""
    found = {}
    for pattern in TRACKED:
        for path in sorted(root.glob(pattern)):
            found[path.relative_to(root).as_posix()] = digest(path)
    return dict(sorted(found.items()))


BUILD_FACTS = {"SOURCE_DATE_EPOCH": ("%ct", str.isdigit), "SOURCE_COMMIT": ("%H", str.isalnum)}
"""What the footers print about the build: variable -> (git log format, check of a value)."""


def build_fact(variable: str, manifest: Path | None = None) -> str | None:
    """The value of ``variable`` to rebuild with: the manifest's recorded value, else the
    environment's, else the last commit's (None when none is known)."""
    git_format, valid = BUILD_FACTS[variable]
    prefix = f"# {variable}="
    if manifest is not None and manifest.is_file():
        for line in manifest.read_text().splitlines():
            if line.startswith(prefix) and valid(line[len(prefix) :].strip()):
                return line[len(prefix) :].strip()
    if os.environ.get(variable, "").strip():
        return os.environ[variable].strip()
    try:
        found = subprocess.run(
            ["git", "log", "-1", f"--format={git_format}"], cwd=PROJECT_ROOT, capture_output=True, text=True
        )
    except OSError:
        return None
    value = found.stdout.strip()
    return value if found.returncode == 0 and value and valid(value) else None


def source_date_epoch(manifest: Path | None = None) -> str | None:
    """The build date to rebuild with (see :func:`build_fact`)."""
    return build_fact("SOURCE_DATE_EPOCH", manifest)


def read_manifest(path: Path) -> dict[str, str]:
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            checksum, name = line.split(maxsplit=1)
            entries[name.strip()] = checksum
    return entries


def write_manifest(entries: dict[str, str], path: Path) -> None:
    """Record the checksums (and the build date and commit they were built with), written whole or
    not at all, so an interrupted ``make manifest`` never leaves half a manifest."""
    lines = ["# SHA-256 of every output `make reports` builds from data/raw (see `make verify`)."]
    for variable, (_, valid) in BUILD_FACTS.items():
        value = os.environ.get(variable, "").strip()
        if value and valid(value):
            lines.append(f"# {variable}={value}")
    lines += [f"{checksum}  {name}" for name, checksum in entries.items()]
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))


def compare(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """Human lines naming every file that differs, is missing or was not expected."""
    problems = []
    for name, checksum in expected.items():
        if name not in actual:
            problems.append(f"missing:  {name}")
        elif actual[name] != checksum:
            problems.append(f"differs:  {name}")
    problems += [f"new:      {name}" for name in actual if name not in expected]
    return problems


SHOWN_ROWS = 8
"""Row numbers listed at most per differing CSV (the count is always given)."""


def explain_csv(recorded: Path, rebuilt: Path) -> list[str]:
    """What differs between two versions of one CSV: rows, columns, largest absolute difference.

    Rows are numbered as data rows (1 is the line after the header). Cells are compared as text;
    a pair that both read as numbers also gives its absolute difference.
    """
    import pandas as pd

    try:
        old = pd.read_csv(recorded, dtype=str, keep_default_na=False)
        new = pd.read_csv(rebuilt, dtype=str, keep_default_na=False)
    except (ValueError, OSError) as error:
        return [f"cannot be read as a table: {error}"]
    lines = []
    if list(old.columns) != list(new.columns):
        gone = [c for c in old.columns if c not in new.columns]
        added = [c for c in new.columns if c not in old.columns]
        lines.append(
            "columns differ"
            + (f"; no longer there: {', '.join(gone)}" if gone else "")
            + (f"; new: {', '.join(added)}" if added else "")
        )
    if len(old) != len(new):
        lines.append(f"{len(old)} rows recorded, {len(new)} rebuilt")
    shared = [c for c in old.columns if c in new.columns]
    rows = min(len(old), len(new))
    old, new = old[shared].iloc[:rows].reset_index(drop=True), new[shared].iloc[:rows].reset_index(drop=True)
    changed = old.ne(new)
    if not changed.to_numpy().any():
        if not lines:
            lines.append("the same cells: the bytes differ in layout only (quoting, line endings, spaces)")
        return lines
    numbers_old = old.apply(pd.to_numeric, errors="coerce")
    numbers_new = new.apply(pd.to_numeric, errors="coerce")
    gap = (numbers_new - numbers_old).abs().where(changed)
    text_only = changed & gap.isna()
    numbered = [str(i + 1) for i in changed.index[changed.any(axis=1)]]
    listed = ", ".join(numbered[:SHOWN_ROWS]) + (", ..." if len(numbered) > SHOWN_ROWS else "")
    columns = [c for c in shared if changed[c].any()]
    lines.append(f"{len(numbered)} of {rows} rows differ ({listed}) in columns {', '.join(columns)}")
    if gap.notna().to_numpy().any():
        column = gap.max().idxmax()
        row = int(gap[column].idxmax())
        lines.append(
            f"largest absolute difference {gap[column][row]:.3g} (column {column}, row {row + 1}: "
            f"{old[column][row]} recorded, {new[column][row]} rebuilt)"
        )
    if text_only.to_numpy().any():
        words = [c for c in shared if text_only[c].any()]
        lines.append(f"text (not a number) changed in columns {', '.join(words)}")
    return lines


def explain(expected: dict[str, str], built: Path, against: Path | None) -> dict[str, list[str]]:
    """For each CSV that differs: what differs, compared with the recorded version when a copy
    of it is at hand (``against``, else the working tree's own output with the manifest's checksum)."""
    found = {}
    actual = collect(built)
    for name, checksum in expected.items():
        if not name.endswith(".csv") or name not in actual or actual[name] == checksum:
            continue
        copies = [against / name] if against is not None else [PROJECT_ROOT / name]
        recorded = next((p for p in copies if p.is_file() and digest(p) == checksum), None)
        if recorded is None:
            where = f"in {against}" if against is not None else "in this working tree"
            found[name] = [
                f"no copy of the recorded version {where} to compare with "
                "(build the commit that recorded the manifest, then pass --against its folder)"
            ]
        else:
            found[name] = explain_csv(recorded, built / name)
    return found


def copy_inputs(scratch: Path) -> None:
    """The project's inputs, code and notebooks (no outputs, no environment) into ``scratch``."""
    for name in INPUTS:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, scratch / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
            )
        else:
            shutil.copy2(source, scratch / name)


def rebuild(scratch: Path, python: str, *, facts: dict[str, str | None] | None = None) -> None:
    """Copy inputs into ``scratch`` and run ``make reports`` there, outputs staying in scratch.

    The build date and commit are ``facts`` when given (a new manifest records this commit's),
    else the manifest's recorded ones (see :func:`build_fact`)."""
    copy_inputs(scratch)
    env = {**os.environ, "PDU_OUTPUT_ROOT": str(scratch), "PDU_RAW_DIR": str(scratch / "data/raw")}
    if facts is None:
        facts = {name: build_fact(name, PROJECT_ROOT / MANIFEST) for name in BUILD_FACTS}
    for name, value in facts.items():
        env.pop(name, None)
        if value:
            env[name] = value
    command = ["make", "--no-print-directory", "reports", f"PY={python}", "ENV_STAMP=", "RAW_DIR=data/raw"]
    subprocess.run(command, cwd=scratch, env=env, check=True)


def rebuild_with(scratch: Path, boot: str) -> str:
    """Copy inputs into ``scratch``, set up its own .venv with ``boot`` and build; the version used."""
    copy_inputs(scratch)
    drop = ("PDU_OUTPUT_ROOT", "PDU_RAW_DIR", "VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    command = ["make", "--no-print-directory", "reports", f"PYTHON_BOOT={boot}", "RAW_DIR=data/raw"]
    subprocess.run(command, cwd=scratch, env=env, check=True)
    version = [str(scratch / ".venv/bin/python"), "-c", "import platform; print(platform.python_version())"]
    return subprocess.run(version, capture_output=True, text=True, check=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_analysis.verify", __doc__)
    parser.add_argument(
        "--update",
        action="store_true",
        help="rebuild from data/raw in a scratch folder and rewrite the manifest from that build "
        "(never from this working tree's outputs, which may hold pages of notebooks since renamed)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--python",
        metavar="BOOT",
        help="set up a fresh .venv in the scratch copy with this interpreter (e.g. python3.12)",
    )
    parser.add_argument(
        "--built",
        metavar="DIR",
        type=Path,
        help="compare the outputs already built in DIR with the manifest instead of rebuilding",
    )
    parser.add_argument(
        "--against",
        metavar="DIR",
        type=Path,
        help="a folder holding the recorded version of the outputs, to explain a CSV that differs",
    )
    args = parser.parse_args(argv)
    manifest = PROJECT_ROOT / MANIFEST
    if args.update:
        return _update(manifest, keep=args.keep)
    if not manifest.exists():
        print(f"{MANIFEST} not found: run `make reports` then `make manifest`", file=sys.stderr)
        return 2
    expected = read_manifest(manifest)
    if args.built is not None:
        if not args.built.is_dir():
            print(f"--built {args.built}: no such folder", file=sys.stderr)
            return 2
        notes = explain(expected, args.built, args.against)
        return _report(expected, compare(expected, collect(args.built)), notes)
    scratch = Path(tempfile.mkdtemp(prefix="pdu-verify-"))
    try:
        print(f">> rebuilding from data/raw in {scratch}" + (f" with {args.python}" if args.python else ""))
        try:
            if args.python:
                print(f">> built with Python {rebuild_with(scratch, args.python)}")
            else:
                rebuild(scratch, sys.executable)
        except subprocess.CalledProcessError:
            print("the rebuild failed: see the messages above", file=sys.stderr)
            return 1
        problems = compare(expected, collect(scratch))
        notes = explain(expected, scratch, args.against)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    return _report(expected, problems, notes)


def _update(manifest: Path, *, keep: bool) -> int:
    """Rebuild from scratch with this commit's build date and id (never the old manifest's) and record
    that build's checksums."""
    facts = {name: build_fact(name, None) for name in BUILD_FACTS}
    for name, value in facts.items():
        if value:
            os.environ[name] = value
    scratch = Path(tempfile.mkdtemp(prefix="pdu-manifest-"))
    try:
        print(f">> rebuilding from data/raw in {scratch} to record the manifest")
        try:
            rebuild(scratch, sys.executable, facts=facts)
        except subprocess.CalledProcessError:
            print("the rebuild failed: see the messages above; the manifest is unchanged", file=sys.stderr)
            return 1
        entries = collect(scratch)
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    write_manifest(entries, manifest)
    print(f"wrote {MANIFEST} with {len(entries)} files")
    return 0


def _report(expected: dict[str, str], problems: list[str], notes: dict[str, list[str]] | None = None) -> int:
    """Print the verdict; non-zero when any file differs, is missing or is new."""
    if problems:
        print(f"NOT reproduced: {len(problems)} of {len(expected)} files")
        for problem in problems:
            print(problem)
            for note in (notes or {}).get(problem.split(maxsplit=1)[1], []):
                print(f"          {note}")
        return 1
    print(f"reproduced {len(expected)} of {len(expected)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
