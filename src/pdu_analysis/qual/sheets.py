"""Coding sheets: one ``.xlsx`` per open-text question and round, written, merged and read back.

A sheet lists each response (or interview passage) once: its pseudonymous id, the redacted text,
the themes its keywords suggest (optional help for the first coder), then two columns the first
coder fills in Excel or JupyterLab: ``coder 1`` (theme ids separated by ``;``, or ``none``;
blank = not coded yet) and ``approve quote`` (``yes`` lets the text appear on a page).

Agreement needs a second coder who sees neither the first coder's codes nor the suggestions, so
the second coder has sheets of their own in ``second_coder/`` (same file names): id, text and
``coder 2`` only, for a fixed sample of about ``SECOND_SHARE`` of the rows (chosen from each id,
so a row's membership never changes as rows are added). Re-writing after new responses
arrive keeps every row and code already entered and appends the new rows. Reading validates every
cell: an unknown theme, an unknown id or an unclear approval stops the run naming the sheet, row
and column. The text in a sheet is already redacted (the first coder's sheet ends with a column,
``redacted``, saying which kinds of identifier were taken out of each row), so filled sheets are
safe to keep and share;
the text shown on pages is always taken from the data, never from the sheet.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from ..errors import PDUInputError, quoted
from ..store import write_atomic
from ..workbook import workbook_bytes
from .codebook import NO_THEME, Codebook
from .redact import kinds_cell

WORKSHEET = "Coding"
HEADERS = ["id", "text", "suggested themes", "coder 1", "approve quote"]
REDACTED = "redacted"
"""Written after the first coder's columns: the kinds of identifier taken out of the row's text
("name (2); phone"), so the evaluator sees what was redacted before approving a quote; never read back."""
FILLED = ["coder 1", "approve quote"]
SECOND_FOLDER = "second_coder"
SECOND_HEADERS = ["id", "text", "coder 2"]
SECOND_SHARE = 0.5
"""Share of rows the second coder codes: a sample fixed by each row's id."""
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def _letter(column: str, headers: list[str]) -> str:
    return "ABCDEF"[headers.index(column)]


def _where(path: Path, row: int, column: str) -> str:
    headers = SECOND_HEADERS if path.parent.name == SECOND_FOLDER else HEADERS
    name = f"{SECOND_FOLDER}/{path.name}" if path.parent.name == SECOND_FOLDER else path.name
    return f"sheet {name} ('{WORKSHEET}'), row {row}, column {_letter(column, headers)} ('{column}')"


def in_second_sample(item_id: str) -> bool:
    """True for the rows the second coder codes: fixed by the id, about ``SECOND_SHARE`` of them."""
    digest = hashlib.sha256(f"second coder:{item_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") < SECOND_SHARE * 2**32


def parse_themes(cell: object, codebook: Codebook, *, path: Path, row: int, column: str) -> list[str] | None:
    """Theme ids in a coder cell; None when blank (not coded yet); [] for ``none``."""
    text = "" if cell is None else str(cell).strip()
    if not text:
        return None
    ids = [t.casefold() for t in re.split(r"[;,\s]+", text) if t]
    unknown = [t for t in ids if t not in codebook.ids and t != NO_THEME]
    if unknown:
        raise PDUInputError(
            f"{_where(path, row, column)}: unknown theme(s) {', '.join(quoted(u) for u in unknown)}; "
            f"expected theme ids from data/reference/themes.csv ({', '.join(codebook.ids)}) or '{NO_THEME}'"
        )
    if NO_THEME in ids and len(ids) > 1:
        raise PDUInputError(f"{_where(path, row, column)}: '{NO_THEME}' cannot be combined with themes")
    return [t for t in dict.fromkeys(ids) if t != NO_THEME]


def _approval(cell: object, *, path: Path, row: int) -> bool:
    text = "" if cell is None else str(cell).strip().casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise PDUInputError(f"{_where(path, row, 'approve quote')}: {quoted(cell)} is not yes, no or blank")


def _rows(path: Path, headers: list[str]) -> list[dict[str, object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise PDUInputError(f"cannot open the coding sheet ({type(exc).__name__})", file=str(path)) from None
    try:
        if WORKSHEET not in workbook.sheetnames:
            raise PDUInputError(f"no worksheet named '{WORKSHEET}'", file=str(path))
        rows = [list(r) for r in workbook[WORKSHEET].iter_rows(values_only=True)]
    finally:
        workbook.close()
    header = [str(v).strip() if v is not None else "" for v in (rows[0] if rows else [])]
    missing = [h for h in headers if h not in header]
    if missing:
        raise PDUInputError(
            f"sheet {path.name} ('{WORKSHEET}'), row 1: missing column(s) "
            f"{', '.join(repr(m) for m in missing)}; expected {', '.join(headers)}"
        )
    at = {h: header.index(h) for h in headers}
    return [{h: (v[i] if i < len(v) else None) for h, i in at.items()} for v in rows[1:]]


def _read(path: Path, known_ids: set[str], codebook: Codebook, second: bool) -> pd.DataFrame:
    filled = ["coder 2"] if second else FILLED
    records: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(_rows(path, SECOND_HEADERS if second else HEADERS), start=2):
        item = "" if cells["id"] is None else str(cells["id"]).strip()
        if not item:
            if any(cells[h] not in (None, "") for h in filled):
                raise PDUInputError(f"{_where(path, number, 'id')}: codes on a row with no id")
            continue
        if item not in known_ids:
            raise PDUInputError(
                f"{_where(path, number, 'id')}: id '{item}' is not a response or passage of this "
                "question and round in the data (was the row typed by hand, or the export changed?)"
            )
        if item in seen:
            raise PDUInputError(f"{_where(path, number, 'id')}: id '{item}' is also on row {seen[item]}")
        seen[item] = number
        if second:
            coder = parse_themes(cells["coder 2"], codebook, path=path, row=number, column="coder 2")
            records.append({"item_id": item, "coder_2": coder})
        else:
            coder = parse_themes(cells["coder 1"], codebook, path=path, row=number, column="coder 1")
            approved = _approval(cells["approve quote"], path=path, row=number)
            records.append({"item_id": item, "coder_1": coder, "approved": approved})
    columns = ["item_id", "coder_2"] if second else ["item_id", "coder_1", "approved"]
    return pd.DataFrame(records, columns=columns)


def read_sheet(path: Path, known_ids: set[str], codebook: Codebook) -> pd.DataFrame:
    """The first coder's columns of one sheet, validated: item_id, coder_1, approved."""
    return _read(path, known_ids, codebook, second=False)


def read_second(path: Path, known_ids: set[str], codebook: Codebook) -> pd.DataFrame:
    """The second coder's column of one of their sheets, validated: item_id, coder_2."""
    return _read(path, known_ids, codebook, second=True)


def _cell_text(themes: list[str] | None) -> str | None:
    if themes is None:
        return None
    return "; ".join(themes) if themes else NO_THEME


def _save(workbook, path: Path) -> None:
    """Save with fixed timestamps, so an unchanged sheet is rewritten byte for byte."""
    write_atomic(path, workbook_bytes(workbook, "pdu_analysis"))


def _workbook(headers: list[str], rows: list[list], widths: tuple[int, ...], codebook: Codebook):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = WORKSHEET
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFG", widths, strict=False):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    guide = workbook.create_sheet("Themes")
    guide.append(["theme id", "label", "definition", "include", "exclude", "example"])
    for theme in codebook.table.itertuples(index=False):
        guide.append(
            [theme.theme_id, theme.label, theme.definition, theme.include, theme.exclude, theme.example]
        )
    guide.append([NO_THEME, "No theme", "Read and coded: fits no theme (a blank cell means not coded yet)"])
    return workbook


def write_sheet(
    path: Path, items: pd.DataFrame, codebook: Codebook, filled: pd.DataFrame | None = None
) -> None:
    """Write the first coder's sheet: ``items`` (item_id, text) in order, with ``filled``'s codes."""
    kept = {} if filled is None else {r.item_id: r for r in filled.itertuples(index=False)}
    rows = []
    for item in items.itertuples(index=False):
        previous = kept.get(item.item_id)
        rows.append(
            [
                item.item_id,
                item.text,
                "; ".join(codebook.suggest(item.text)),
                _cell_text(previous.coder_1) if previous is not None else None,
                ("yes" if previous.approved else None) if previous is not None else None,
                kinds_cell(item.text) or None,
            ]
        )
    _save(_workbook([*HEADERS, REDACTED], rows, (16, 80, 24, 24, 14, 24), codebook), path)


def write_second(
    path: Path, items: pd.DataFrame, codebook: Codebook, filled: pd.DataFrame | None = None
) -> None:
    """Write the second coder's sheet: id, text and ``coder 2`` only (no suggestion, no coder 1)."""
    kept = {} if filled is None else dict(zip(filled["item_id"], filled["coder_2"], strict=True))
    rows = [[i.item_id, i.text, _cell_text(kept.get(i.item_id))] for i in items.itertuples(index=False)]
    path.parent.mkdir(parents=True, exist_ok=True)
    _save(_workbook(SECOND_HEADERS, rows, (16, 80, 24), codebook), path)


def _ordered(items: pd.DataFrame, filled: pd.DataFrame | None) -> tuple[pd.DataFrame, int, int]:
    """Rows already in a sheet in their order, then the new ones: (rows, kept, added)."""
    order = [] if filled is None else filled["item_id"].tolist()
    new = [i for i in items["item_id"] if i not in set(order)]
    return items.set_index("item_id").loc[order + new].reset_index(), len(order), len(new)


def write_sheets(texts: pd.DataFrame, codebook: Codebook, folder: Path) -> pd.DataFrame:
    """Write or update each question and round's sheet, and its second coder's sheet.

    Codes already entered are kept. Returns one row per sheet: rows already there, rows added,
    and the rows in the second coder's sample.
    """
    folder.mkdir(parents=True, exist_ok=True)
    report = []
    for sheet, items in texts.groupby("sheet", sort=True):
        path = folder / f"{sheet}.xlsx"
        known = set(items["item_id"])
        filled = read_sheet(path, known, codebook) if path.exists() else None
        ordered, kept, added = _ordered(items, filled)
        write_sheet(path, ordered[["item_id", "text"]], codebook, filled)
        second_path = folder / SECOND_FOLDER / path.name
        sample = items[items["item_id"].map(in_second_sample)]
        second = read_second(second_path, set(sample["item_id"]), codebook) if second_path.exists() else None
        if len(sample):
            second_rows, _, _ = _ordered(sample, second)
            write_second(second_path, second_rows[["item_id", "text"]], codebook, second)
        report.append(
            {"sheet": path.name, "rows_kept": kept, "rows_added": added, "second_coder": len(sample)}
        )
    return pd.DataFrame(report, columns=["sheet", "rows_kept", "rows_added", "second_coder"])


def read_sheets(texts: pd.DataFrame, codebook: Codebook, folder: Path | None) -> pd.DataFrame:
    """Every sheet in ``folder`` (and ``second_coder/``) joined to its texts: one row per item.

    Columns: the texts' columns, then coder_1, coder_2 (lists of theme ids, or None when not
    coded) and approved. A sheet for a question and round not in the data is an error. No folder
    (a dataset of exports alone), or one without sheets, leaves every text uncoded.
    """
    sheets = set(texts["sheet"])
    frames = []
    for path in sorted(folder.glob("*.xlsx")) if folder is not None and folder.is_dir() else []:
        if path.name.startswith("~$"):
            continue  # Excel's lock file while a sheet is open
        if path.stem not in sheets:
            raise PDUInputError(
                f"sheet {path.name}: no question and round called '{path.stem}' in the data "
                f"(expected one of {', '.join(sorted(sheets))})"
            )
        items = texts[texts["sheet"] == path.stem]
        filled = read_sheet(path, set(items["item_id"]), codebook)
        frames.append(items.merge(filled, on="item_id", how="left"))
    merged = (
        pd.concat(frames, ignore_index=True)
        if frames
        else texts.iloc[0:0].assign(coder_1=None, approved=False)
    )
    uncoded = texts[~texts["sheet"].isin(merged["sheet"])]
    merged = pd.concat([merged, uncoded.assign(coder_1=None, approved=False)], ignore_index=True)
    seconds = []
    second_folder = folder / SECOND_FOLDER if folder is not None else None
    second_sheets = sorted(second_folder.glob("*.xlsx")) if second_folder and second_folder.is_dir() else []
    for path in second_sheets:
        if path.name.startswith("~$"):
            continue
        if path.stem not in sheets:
            raise PDUInputError(
                f"sheet {SECOND_FOLDER}/{path.name}: no question and round called '{path.stem}' in the data"
            )
        seconds.append(read_second(path, set(texts.loc[texts["sheet"] == path.stem, "item_id"]), codebook))
    second = (
        pd.concat(seconds, ignore_index=True) if seconds else pd.DataFrame(columns=["item_id", "coder_2"])
    )
    merged = merged.merge(second, on="item_id", how="left")
    merged["approved"] = merged["approved"].fillna(False).astype(bool)
    merged["coder_1"] = merged["coder_1"].astype(object).where(merged["coder_1"].notna(), None)
    merged["coder_2"] = merged["coder_2"].astype(object).where(merged["coder_2"].notna(), None)
    return merged.sort_values(["sheet", "item_id"], kind="stable").reset_index(drop=True)
