"""Which figures on a page the report never published: the mark and its legend, in one place.

While the data are the synthetic reconstruction, a figure the February 2019 report does not publish
is an assumption of the reconstruction (``data/raw/PROVENANCE.md`` lists them), not a finding, and
must say so wherever it appears. The report's own figures are the rows of
``data/reference/published_figures.csv``; each is computed from the data in hand with the same
recipe the reproduction ledger uses (:mod:`pdu_analysis.reproduction`), and a figure reproduced
there counts as published *for its section of the report*. Every other figure in that section is
assumed. On real exports (no ``SYNTHETIC`` marker) nothing is marked: their figures are the
findings.

Examples
--------
>>> known = Published({"Links and collaboration": {(5, 12)}}, synthetic=True)
>>> known.mark("5 of 12", 5, 12, "Links and collaboration")
'5 of 12'
>>> known.mark("2 of 7", 2, 7, "Links and collaboration")
'2 of 7†'
>>> Published({}, synthetic=False).mark("2 of 7", 2, 7, "Links and collaboration")
'2 of 7'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

MARK = "†"
"""The visible mark after a figure the report never published."""
LEGEND = "assumed by the reconstruction, not a finding"
"""What the mark means, as the legend on every page that can carry it says."""


def legend_text() -> str:
    """The legend sentence a page shows while its data are synthetic (its HTML:
    :func:`pdu_analysis.report.snippets.legend_html`)."""
    return f"{MARK} {LEGEND}: a figure the February 2019 report does not publish."


@dataclass
class Published:
    """The report's figures that the data in hand reproduce, per report section.

    ``figures`` maps a report section title (``published_figures.csv``'s ``section``) to the set
    of (count, base) pairs it publishes; a bare count has base ``None``.
    """

    figures: dict[str, set[tuple[int, int | None]]] = field(default_factory=dict)
    synthetic: bool = True

    def published(self, count: int, base: int | None, section: str) -> bool:
        known = self.figures.get(section, set())
        return (int(count), None if base is None else int(base)) in known

    def assumed(self, count: int, base: int | None, section: str) -> bool:
        """True when ``count`` of ``base`` must carry the mark (synthetic data, not published)."""
        return self.synthetic and not self.published(count, base, section)

    def assumed_in_any(self, count: int, base: int | None) -> bool:
        """True when ``count`` of ``base`` is published in no section (a chart spans sections)."""
        return self.synthetic and not any(self.published(count, base, s) for s in self.figures)

    def mark(self, text: str, count: int, base: int | None, section: str) -> str:
        """``text`` followed by :data:`MARK` when the figure is assumed."""
        return f"{text}{MARK}" if self.assumed(count, base, section) else text


def assumed_rows(table: pd.DataFrame, published: Published | None, section: str | None = None) -> list[bool]:
    """Per row of ``table``: True where ``count`` of ``base`` is a figure the report never published
    (in ``section``, or in no section when it is None, as for a chart or table spanning sections).
    The one rule for charts (``figures.marks.flag_assumed``) and tables of k of n."""

    def assumed(k, n) -> bool:
        if published is None or pd.isna(k) or pd.isna(n):
            return False
        if section:
            return published.assumed(int(k), int(n), section)
        return published.assumed_in_any(int(k), int(n))

    return [assumed(k, n) for k, n in zip(table["count"], table["base"], strict=True)]


def published_figures(tidy: dict[str, pd.DataFrame], *, synthetic: bool) -> Published:
    """Run each published figure's recipe on ``tidy``; keep those the data reproduce.

    A percent published without its base counts as published with the base the data give (the
    report's percent is there; the reconstruction only chose its base).
    """
    from pdu_analysis.paths import PUBLISHED_FIGURES_FILE, REFERENCE_DIR
    from pdu_analysis.reference import text_table
    from pdu_analysis.reproduction import RECIPES, REPRODUCED, WITHIN_ROUNDING, Computed, judge

    ledger = text_table(REFERENCE_DIR / PUBLISHED_FIGURES_FILE)
    found: dict[str, set[tuple[int, int | None]]] = {}
    for row in ledger.itertuples(index=False):
        recipe = RECIPES.get(row.id)
        if recipe is None:
            continue
        try:
            got = recipe(tidy)
        except (KeyError, ValueError, TypeError):
            continue  # a table this figure needs is absent from these data
        if not isinstance(got, Computed):
            continue
        base = float(row.base) if row.base else None
        _, status, _ = judge(row.kind, float(row.value), base, got)
        if status not in (REPRODUCED, WITHIN_ROUNDING):
            continue
        pairs = found.setdefault(row.section, set())
        pairs.add((got.count, got.base))
        if row.kind == "count":
            pairs.add((got.count, None))
    return Published(found, synthetic=synthetic)
