"""``python -m pdu_analysis.qual [--raw DIR] [--out DIR]`` (``make coding-sheets``): write the sheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..clean import build_surveys
from ..errors import PDUInputError
from . import coding_dir, collect_texts, load_codebook
from .sheets import write_sheets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdu_analysis.qual", description=__doc__)
    parser.add_argument(
        "--raw", type=Path, default=None, help="raw folder (default: PDU_RAW_DIR or data/raw)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="coding folder (default: the dataset's coding/, see pdu_analysis.paths.dataset)",
    )
    parser.add_argument("--interim-cutoff", default=None)
    args = parser.parse_args(argv)
    raw = paths.raw_dir(args.raw)
    out = args.out or coding_dir(args.raw)
    if out is None:
        print(
            f"coding sheets not written: {raw} is a folder of exports alone, with no coding folder; "
            "put it in a dataset folder as raw/ (make coding-sheets DATA=folder) or give --out",
            file=sys.stderr,
        )
        return 1
    try:
        responses = build_surveys(raw, interim_cutoff=args.interim_cutoff).tables["survey_responses"]
        texts, counts = collect_texts(raw, responses)
        report = write_sheets(texts, load_codebook(), out)
    except PDUInputError as error:
        print(f"coding sheets not written: {error}", file=sys.stderr)
        return 1
    for row in report.itertuples(index=False):
        print(f"{row.sheet}: {row.rows_kept} row(s) kept with their codes, {row.rows_added} added")
    print(
        f"{counts['survey_texts']} survey text(s), {counts['passages']} passage(s) from "
        f"{counts['interviews']} interview(s); sheets in {out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
