"""A fingerprint of the raw folder's contents: what decides whether the cleaning runs again.

    python -m pdu_analysis.fingerprint RAW_DIR STAMP

The build never lists the raw files to make: make splits names at spaces (SurveyMonkey's own
download names, a browser's "export (1).csv") and judges by modification times, which an unzip or
``cp -p`` sets into the past. Instead every file under the raw folder, recursively, enters as its
relative name and the SHA-256 of its bytes (hidden files such as ``.DS_Store`` are not data), and
the command writes the digest to ``STAMP`` only when it differs from what the stamp holds. The
cleaning notebooks depend on the stamp, so they run again exactly when the contents changed: a
file added, removed, renamed or rewritten, whatever its date. Page footers show the first digits
of the same digest (:func:`short`), so a page says which data it was built from.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from pdu_analysis import cli
from pdu_analysis.atomic import write_atomic

SHORT_DIGITS = 12
NOT_RECORDED = "not recorded"


def data_files(raw: Path) -> list[tuple[str, Path]]:
    """(relative name, path) of every file under ``raw``, hidden files and folders aside."""
    raw = Path(raw)
    return sorted(
        (p.relative_to(raw).as_posix(), p)
        for p in raw.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw).parts)
    )


def tree_digest(files: list[tuple[str, Path]]) -> str:
    """SHA-256 over each file's relative name and the SHA-256 of its bytes, in name order."""
    digest = hashlib.sha256()
    for name, path in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def of_folder(raw: Path) -> str:
    """The raw folder's fingerprint (full hex digest), or "not recorded" for no folder or no file."""
    raw = Path(raw)
    files = data_files(raw) if raw.is_dir() else []
    return tree_digest(files) if files else NOT_RECORDED


def short(raw: Path) -> str:
    """The first digits of :func:`of_folder`, as page footers show it."""
    full = of_folder(raw)
    return full if full == NOT_RECORDED else full[:SHORT_DIGITS]


def write_stamp(raw: Path, stamp: Path) -> bool:
    """Write the fingerprint to ``stamp`` when it differs from the stamp's content; True if written.

    An unchanged fingerprint leaves the stamp's bytes and modification time alone, so make runs
    nothing that depends on it.
    """
    line = f"{of_folder(raw)}\n"
    stamp = Path(stamp)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == line:
        return False
    write_atomic(stamp, line.encode("utf-8"))
    return True


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_analysis.fingerprint", __doc__)
    parser.add_argument("raw", type=Path, metavar="RAW_DIR", help="the raw folder")
    parser.add_argument("stamp", type=Path, metavar="STAMP", help="the file the fingerprint is written to")
    args = parser.parse_args(argv)
    raw, stamp = args.raw, args.stamp
    if not raw.is_dir():
        return cli.failed("fingerprint", f"raw data folder not found: {raw}")
    write_stamp(raw, stamp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
