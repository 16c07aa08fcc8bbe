"""A build that fails changes nothing: run it in a staging copy, promote the outputs on success.

    python -m pdu_analysis.report.transaction [--root .] [--stage .build/stage] -- make pipeline O=...

The Makefile's ``reports`` target calls this. The steps:

1. seed: copy ``data/processed`` and ``reports`` into the staging folder, modification times kept,
   so make's incremental rules see exactly what the last good build left (a no-op stays a no-op);
2. run the command with ``PDU_OUTPUT_ROOT`` pointing at the staging folder (and
   ``PDU_PUBLISH_ROOT`` at the project, for links that must be right once promoted);
3. on success, promote: every staged file that is new or changed (size or modification time) is
   renamed into place, file by file, and files the build removed are removed. On failure nothing
   is promoted: ``data/processed`` and ``reports`` stay byte-identical to the last good build, and
   the staging folder (with the failed notebook) is left for inspection until the next build.

Copies, not hard links: a writer that rewrote a file in place would otherwise reach the real one.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .. import paths

OUTPUTS = ("data/processed", "reports")
"""The folders a build writes, relative to the output root."""
DEFAULT_STAGE = Path(".build") / "stage"


def _files(folder: Path) -> dict[str, Path]:
    """Every file under ``folder`` by its relative path (nothing when the folder is absent)."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def seed(root: Path, stage: Path) -> None:
    """A fresh staging folder holding a copy of the last good outputs (times kept)."""
    if stage.exists():
        shutil.rmtree(stage)
    for name in OUTPUTS:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, stage / name, symlinks=True)
        else:
            (stage / name).mkdir(parents=True)


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def promote(stage: Path, root: Path) -> list[str]:
    """Move new or changed staged files into ``root``; remove what the build removed.

    Returns the relative paths that changed (for the message and the tests).
    """
    changed = []
    for name in OUTPUTS:
        staged, real = _files(stage / name), _files(root / name)
        for rel, source in sorted(staged.items()):
            target = root / name / rel
            if rel in real and _same(source.lstat(), real[rel].lstat()):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            changed.append(f"{name}/{rel}")
        for rel in sorted(set(real) - set(staged)):
            (root / name / rel).unlink()
            changed.append(f"{name}/{rel}")
    return changed


def run(command: list[str], *, root: Path, stage: Path) -> int:
    """Seed, run ``command`` with its outputs in ``stage``, promote on success; the exit status.

    One build at a time per staging folder: a second ``make reports`` in the same project stops at
    once rather than wipe the first one's staging copy.
    """
    root, stage = root.resolve(), (root / stage).resolve()
    stage.parent.mkdir(parents=True, exist_ok=True)
    with open(stage.parent / f"{stage.name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f">> another build is running in {root}: wait for it to finish", file=sys.stderr)
            return 1
        return _run_locked(command, root, stage)


def _run_locked(command: list[str], root: Path, stage: Path) -> int:
    seed(root, stage)
    env = {**os.environ, paths.OUTPUT_ROOT_VARIABLE: str(stage), paths.PUBLISH_ROOT_VARIABLE: str(root)}
    try:
        status = subprocess.run(command, cwd=root, env=env).returncode
    except KeyboardInterrupt:
        status = 130
    if status != 0:
        shown = os.path.relpath(stage, Path.cwd())
        print(
            f">> build failed: nothing in data/processed or reports/ was changed; "
            f"the failed run is kept in {shown} until the next build",
            file=sys.stderr,
        )
        return status
    promote(stage, root)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdu_analysis.report.transaction",
        description="Run a build in a staging copy of the outputs; promote them only if it succeeds.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    parser.add_argument("--stage", type=Path, default=DEFAULT_STAGE, help="staging folder, under the root")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the build command")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given (put it after --)")
    return run(command, root=args.root, stage=args.stage)


if __name__ == "__main__":
    sys.exit(main())
