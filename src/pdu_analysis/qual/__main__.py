"""``python -m pdu_analysis.qual [--raw DIR] [--out DIR]`` (``make coding-sheets``): write the sheets."""

from __future__ import annotations

from .. import cli, paths
from ..clean import build_surveys
from ..errors import PDUInputError
from . import coding_dir, collect_texts, load_codebook
from .sheets import write_sheets


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_analysis.qual", __doc__)
    cli.path_option(parser, "--raw", "raw folder", unless="PDU_RAW_DIR or data/raw")
    cli.path_option(
        parser, "--out", "coding folder", unless="the dataset's coding/, see pdu_analysis.paths.dataset"
    )
    parser.add_argument("--interim-cutoff", default=None)
    args = parser.parse_args(argv)
    raw = paths.raw_dir(args.raw)
    out = args.out or coding_dir(args.raw)
    if out is None:
        return cli.failed(
            "coding sheets",
            f"{raw} is a folder of exports alone, with no coding folder; "
            "put it in a dataset folder as raw/ (make coding-sheets DATA=folder) or give --out",
        )
    try:
        responses = build_surveys(raw, interim_cutoff=args.interim_cutoff).tables["survey_responses"]
        texts, counts = collect_texts(raw, responses)
        report = write_sheets(texts, load_codebook(), out)
    except PDUInputError as error:
        return cli.failed("coding sheets", error)
    for row in report.itertuples(index=False):
        print(f"{row.sheet}: {row.rows_kept} row(s) kept with their codes, {row.rows_added} added")
    print(
        f"{counts['survey_texts']} survey text(s), {counts['passages']} passage(s) from "
        f"{counts['interviews']} interview(s); sheets in {out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
