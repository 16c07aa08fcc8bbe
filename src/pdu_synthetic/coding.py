"""Fill the coding sheets for the synthetic data as an evaluator would (``data/coding``).

Coder 1 starts from the keyword suggestions and corrects them where reading the text says
otherwise (``CORRECTIONS``); coder 2 codes every other row of each sheet from the suggestions
alone, so the two disagree where a correction was needed, as a quicker second reader would.
``APPROVED`` texts are approved as quotes. Run ``python -m pdu_synthetic.coding [--out DIR]``;
the result is byte-for-byte reproducible (``tests/test_open_text_synthetic.py`` checks it).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from pdu_analysis.clean import build_surveys
from pdu_analysis.paths import DEFAULT_RAW_DIR, PROJECT_ROOT
from pdu_analysis.qual import collect_texts, load_codebook
from pdu_analysis.qual.sheets import write_sheet

DEFAULT_OUT = PROJECT_ROOT / "data" / "coding"

CORRECTIONS = {
    "Ask about gender-specific needs": ["women"],
    "Changed the wording of our letters": ["trauma_informed"],
    "Feed what I learnt into our service review": ["sharing"],
    "Review how we end support": ["trauma_informed"],
    "Offer more choice about where we meet": ["environment"],
    "Ask people what they expect of us": ["involvement"],
    "Make sure basic needs are met": ["time"],
    "Added questions about staff wellbeing": ["wellbeing"],
    "Met [name] from [organisation]": ["links"],
    "Volunteers": ["other_routes"],
}
"""Text opening -> the themes coder 1 gives instead of the suggestions."""

APPROVED = (
    "We plan to adopt the Pledge",
    "Our breach procedure is now trauma informed",
    "We changed how we do our initial meeting",
    "Streamlined the notices",
    "Be more aware of how trauma can show up",
    "Met [name] from [organisation]",
    "Their service adopted the Pledge",
)
"""Text openings approved as quotes."""


def _first_coder(text: str, suggested: list[str]) -> list[str]:
    for opening, themes in CORRECTIONS.items():
        if text.startswith(opening):
            return themes
    return suggested


def fill(raw: Path = DEFAULT_RAW_DIR, out: Path = DEFAULT_OUT) -> list[Path]:
    """Write every sheet for ``raw`` into ``out``, filled; return the paths written."""
    codebook = load_codebook()
    responses = build_surveys(raw).tables["survey_responses"]
    texts, _ = collect_texts(raw, responses)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet, items in texts.groupby("sheet", sort=True):
        items = items.sort_values("item_id", kind="stable").reset_index(drop=True)
        records = []
        for i, item in enumerate(items.itertuples(index=False)):
            suggested = codebook.suggest(item.text)
            records.append(
                {
                    "item_id": item.item_id,
                    "coder_1": _first_coder(item.text, suggested),
                    "coder_2": suggested if i % 2 == 0 else None,
                    "approved": item.text.startswith(APPROVED),
                }
            )
        path = out / f"{sheet}.xlsx"
        write_sheet(path, items[["item_id", "text"]], codebook, pd.DataFrame(records))
        written.append(path)
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
