"""Messages that lead to the fix when a SurveyMonkey export does not fit the codebook.

A reworded question is told the nearest codebook question and the exact row to add (never to
remove it from the export, which would drop the question for that round); a condensed export is
told to export again as "All responses, expanded".
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .. import io
from ..errors import PDUInputError
from ..paths import REFERENCE_DIR

if TYPE_CHECKING:
    from .surveys import Question


def condensed_export(export: io.SurveyExport, column: int, kind: str) -> PDUInputError:
    """A multi-select or matrix question found in one column: the export was condensed."""
    text, option = export.columns[column]
    part = "option" if kind == "multi" else "row"
    return PDUInputError(
        f"column {column + 1} ('{text}'): a condensed export. This {kind} question is in one column "
        f"(answer option '{option or '(blank)'}') where an expanded export has a column per {part}. "
        f"Export the survey again from SurveyMonkey as 'All responses, expanded'",
        file=export.name,
    )


def unknown_questions(
    export: io.SurveyExport, survey: str, questions: dict[str, Question], unknown: list[str]
) -> PDUInputError:
    """What to do about questions the codebook does not know: the nearest codebook question and
    the row to add (same question_id when it asks the same thing, so its rounds are compared)."""
    texts = {q.text: q for q in questions.values()}
    parts = []
    for text in unknown:
        column = next(i for i, (q, _) in enumerate(export.columns) if q == text) + 1
        near = difflib.get_close_matches(text, list(texts), n=1, cutoff=0.5)
        if near:
            q = texts[near[0]]
            row = ",".join(
                [
                    survey,
                    q.question_id,
                    q.kind,
                    _csv_cell(text),
                    _csv_cell("|".join(q.options)),
                    _csv_cell("|".join(q.rows)),
                ]
            )
            parts.append(
                f"column {column}, '{text}': nearest codebook question is '{q.text}' "
                f"({q.question_id}). If it asks the same, add the row  {row}  (same question_id, so "
                f"its rounds are compared); if it is a new question, add a row with a new question_id"
            )
        else:
            parts.append(
                f"column {column}, '{text}': no codebook question is near it; add a row "
                f"{survey},<new_question_id>,<single|multi|matrix|open>,{_csv_cell(text)},<options>,"
            )
    return PDUInputError(
        f"{len(unknown)} question(s) not in the codebook for the {survey} survey "
        f"({REFERENCE_DIR / 'questions.csv'}): " + "; ".join(parts) + ". Every question in an "
        "export must be in the codebook, so that none is dropped",
        file=export.name,
    )


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"') else text
