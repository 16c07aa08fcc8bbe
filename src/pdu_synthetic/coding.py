"""Fill the coding sheets for the synthetic data as two coders would (``data/coding``).

``python -m pdu_analysis.qual`` (``make coding-sheets``) writes the sheets: the first coder's, with
the keyword suggestions as optional help, and the second coder's (``second_coder/``: id, text and
``coder 2`` only) for a fixed sample of rows. This tool then fills them: each coder codes every
row of their own sheets from the text's true themes with their own errors (``coders``), blind to
the suggestions and to each other. Interview passages the notes mark as quotable are approved;
survey answers are approved where the evaluator would quote them (``APPROVED``). Run
``python -m pdu_synthetic.coding [--out DIR]``; the result is byte-for-byte reproducible
(``tests/test_open_text_synthetic.py`` checks it).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from pdu_analysis.clean import build_surveys
from pdu_analysis.paths import DEFAULT_RAW_DIR, PROJECT_ROOT
from pdu_analysis.qual import collect_texts, load_codebook
from pdu_analysis.qual.sheets import SECOND_FOLDER, in_second_sample, write_second, write_sheet

from . import coders

DEFAULT_OUT = PROJECT_ROOT / "data" / "coding"

APPROVED = (
    "We have introduced the Pledge",
    "Our breach procedure is now trauma informed",
    "We changed how we do our initial meeting",
    "Streamlined the notices",
    "Be more aware of how trauma can show up",
    "Started a monthly drop-in",
    "Made referrals to a mental health housing project",
    "Signpost clients to the mental health services",
    "Used the handouts in team meetings",
)
"""Openings of the survey answers approved as quotes."""


def fill(raw: Path = DEFAULT_RAW_DIR, out: Path = DEFAULT_OUT) -> list[Path]:
    """Write every sheet for ``raw`` into ``out``, filled by both coders; return the paths written."""
    codebook = load_codebook()
    responses = build_surveys(raw).tables["survey_responses"]
    texts, _ = collect_texts(raw, responses)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet, items in texts.groupby("sheet", sort=True):
        items = items.sort_values("item_id", kind="stable").reset_index(drop=True)
        first, second = [], []
        for item in items.itertuples(index=False):
            truth = coders.true_themes(item.item_id, item.text)
            first.append(
                {
                    "item_id": item.item_id,
                    "coder_1": coders.code(coders.EVALUATOR, sheet, item.item_id, truth, codebook.ids),
                    "approved": coders.approved(item.item_id) or item.text.startswith(APPROVED),
                }
            )
            if in_second_sample(item.item_id):
                second.append(
                    {
                        "item_id": item.item_id,
                        "coder_2": coders.code(coders.SECOND, sheet, item.item_id, truth, codebook.ids),
                    }
                )
        path = out / f"{sheet}.xlsx"
        write_sheet(path, items[["item_id", "text"]], codebook, pd.DataFrame(first))
        written.append(path)
        if second:
            sample = items[items["item_id"].isin([r["item_id"] for r in second])]
            second_path = out / SECOND_FOLDER / f"{sheet}.xlsx"
            write_second(second_path, sample[["item_id", "text"]], codebook, pd.DataFrame(second))
            written.append(second_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdu_synthetic.coding", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for path in fill(args.raw, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
