"""What the open-text notebook hands the other pages: theme counts and quotes by section.

Coding is read once per build. Notebook 07 reads the exports and the coding sheets, redacts every
text and writes two tidy tables beside the cleaned ones (``data/processed``): ``theme_counts``
(k of n units per sheet, round and theme; no text) and ``section_quotes`` (the approved, redacted
quotes by report section). The pages that count a theme or set quotes beside a finding (03 to 06,
09) read those tables, so in the build they wait for 07 (their metadata ``reads`` names it) and
are remade when a coding sheet changes; none of them reads the exports or redacts again.

A page run by hand before notebook 07 has written its tables (a fresh checkout in JupyterLab)
gets them computed here from the raw folder, exactly as 07 computes them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paths, store

COUNTS = "theme_counts"
QUOTES = "section_quotes"
INTERVAL_COLUMNS = ["percent", "ci_low", "ci_high"]
"""Left out of the theme counts: they follow from k and n (the open-text page shows them)."""


def tables(result: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The two tables notebook 07 writes, from ``qual.analyse``'s result."""
    quotes = result["voices"].copy()
    quotes["dissent"] = quotes["dissent"].map({True: "yes", False: "no"})
    return {COUNTS: result["shares"].drop(columns=INTERVAL_COLUMNS), QUOTES: quotes}


def _written(name: str) -> pd.DataFrame | None:
    path = paths.processed_dir() / f"{name}.csv"
    return store.read_processed(name) if path.is_file() else None


def _computed(raw: Path | None) -> dict[str, pd.DataFrame]:
    """As notebook 07 would write them, for a page run before it."""
    from . import analyse

    responses = store.read_processed("survey_responses")
    return tables(analyse(paths.raw_dir(raw), responses))


def theme_counts(raw: str | Path | None = None) -> pd.DataFrame:
    """k of n units per sheet, round and theme (``count`` and ``base`` as ``int``)."""
    table = _written(COUNTS)
    if table is None:
        table = _computed(Path(raw) if raw else None)[COUNTS]
    return table.astype({"count": int, "base": int})


def section_quotes(raw: str | Path | None = None) -> pd.DataFrame:
    """Approved quotes by report section (``dissent`` as ``bool``), in the sheets' order."""
    table = _written(QUOTES)
    if table is None:
        table = _computed(Path(raw) if raw else None)[QUOTES]
    return table.assign(dissent=table["dissent"].eq("yes"))
