"""``python -m pdu_synthetic [--out DIR]``: regenerate the synthetic raw files."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from pdu_analysis.paths import DEFAULT_RAW_DIR

from . import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdu_synthetic",
        description="Write the SYNTHETIC reconstruction of the PDU raw exports (fixed seed).",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_RAW_DIR, help=f"output folder (default: {DEFAULT_RAW_DIR})"
    )
    args = parser.parse_args(argv)
    for path in generate(args.out):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        print(f"wrote {path}  ({path.stat().st_size} bytes, sha256 {digest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
