"""Save openpyxl workbooks byte-for-byte reproducibly, as the analysis saves its coding sheets
(:func:`pdu_analysis.workbook.workbook_bytes`)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from pdu_analysis.workbook import workbook_bytes


def save(wb: Workbook, path: Path) -> None:
    """Write ``wb`` to ``path`` deterministically."""
    path.write_bytes(workbook_bytes(wb, "pdu_synthetic"))
