"""Write survey responses the way SurveyMonkey exports them ("All responses, expanded").

Two header rows (question text, then answer option / row label), leading respondent metadata, one
column per option of a multi-select. Question texts and options come from the project codebook
(``data/reference/questions.csv``), so the files match the contract the readers check.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from pdu_analysis.io import SURVEYMONKEY_METADATA
from pdu_analysis.paths import REFERENCE_DIR

from . import xlsx

METADATA = SURVEYMONKEY_METADATA
"""The export's metadata columns: the format the analysis reads (one definition, in ``pdu_analysis.io``)."""
OTHER = "Other (please specify)"
DATE_FORMAT = "%m/%d/%Y %I:%M:%S %p"


@dataclass
class Response:
    respondent_id: int
    collector_id: int
    start: datetime
    end: datetime
    ip: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    custom_1: str = ""
    answers: dict = field(default_factory=dict)
    """question_id -> str (single, open); {option: cell text} (multi); {row: option} (matrix)."""


def codebook(survey: str) -> dict[str, dict]:
    """Questions of one survey, in codebook order."""
    with open(REFERENCE_DIR / "questions.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["survey"] == survey]
    return {r["question_id"]: r for r in rows}


def _columns(questions: dict[str, dict]) -> list[tuple[str, str | None, str, str]]:
    """(question_id, option or row, header row 1, header row 2) per answer column."""
    cols: list[tuple[str, str | None, str, str]] = []
    for qid, q in questions.items():
        kind, text = q["kind"], q["question_text"]
        if kind == "single":
            cols.append((qid, None, text, "Response"))
        elif kind == "open":
            cols.append((qid, None, text, "Open-Ended Response"))
        else:
            labels = (q["matrix_rows"] if kind == "matrix" else q["options"]).split("|")
            cols += [(qid, lab, text if i == 0 else "", lab) for i, lab in enumerate(labels)]
    return cols


def _cell(resp: Response, qid: str, key: str | None):
    value = resp.answers.get(qid)
    if value is None:
        return ""
    if key is None:
        return value
    return value.get(key, "")


def table(responses: list[Response], questions: dict[str, dict], dates_as_text: bool) -> list[list]:
    """The export as rows of cells, both header rows first."""
    cols = _columns(questions)
    head1 = list(METADATA) + [c[2] for c in cols]
    head2 = [""] * len(METADATA) + [c[3] for c in cols]
    rows: list[list] = [head1, head2]
    for r in responses:
        start: datetime | str = r.start
        end: datetime | str = r.end
        if dates_as_text:
            start, end = r.start.strftime(DATE_FORMAT), r.end.strftime(DATE_FORMAT)
        meta = [
            r.respondent_id,
            r.collector_id,
            start,
            end,
            r.ip,
            r.email,
            r.first_name,
            r.last_name,
            r.custom_1,
        ]
        rows.append(meta + [_cell(r, qid, key) for qid, key, _, _ in cols])
    return rows


def write_csv(path: Path, responses: list[Response], questions: dict[str, dict], encoding: str) -> None:
    """CSV export with CRLF line ends (as SurveyMonkey writes them)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in table(responses, questions, dates_as_text=True):
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))


def write_xlsx(path: Path, responses: list[Response], questions: dict[str, dict]) -> None:
    """XLSX export: same layout, Excel date-times for Start/End Date."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet"
    for row in table(responses, questions, dates_as_text=False):
        ws.append([None if v == "" else v for v in row])
    for col in ("C", "D"):
        for cell in ws[col][2:]:
            cell.number_format = "mm/dd/yyyy hh:mm:ss AM/PM"
    xlsx.save(wb, path)
