"""Free-text survey answers, keyed by the same pseudonymous response ids as the tidy tables.

The survey cleaning drops free text; this module reads it back from the exports (through
``io.read_surveymonkey`` and the survey codebook): the open questions and the typed text of each
multi-select's "Other (please specify)". Every text is redacted on the way in (names, e-mail
addresses, phone numbers, organisations), so nothing downstream ever holds the raw words. Rounds
come from the tidy responses table, so the rounds here are always the rounds there.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import io
from ..errors import PDUInputError
from ..paths import QUESTIONS_FILE, REFERENCE_DIR
from .people import pseudonymise, resolve_salt
from .surveys import OTHER, _key, load_codebook, survey_files

OTHER_SUFFIX = "_other"
"""Question id of a multi-select's typed "Other" text: ``heard_via`` -> ``heard_via_other``."""

COLUMNS = ["sheet", "survey", "question_id", "round", "unit_id", "item_id", "text"]


def response_ids(survey: str, respondent: pd.Series, salt: str) -> pd.Series:
    """The pseudonymous response id of each SurveyMonkey respondent id.

    The same key and salt as ``clean.surveys.clean_export`` (``survey:respondent``), so a free
    text joins its response in ``survey_responses.csv``; ``tests/test_open_text.py`` checks that
    the two agree on the shipped exports.
    """
    return pseudonymise(survey + ":" + respondent.astype(str).str.strip(), salt)


def sheet_name(survey: str, question_id: str, round_: str) -> str:
    """The coding sheet a text belongs to: one per question and round."""
    return f"{survey}-{question_id}-{round_}"


def _texts_of_export(path: Path, survey: str, questions: dict) -> pd.DataFrame:
    export = io.read_surveymonkey(path)
    body = export.body
    respondent_column = [i for i, (q, _) in enumerate(export.columns) if q == "Respondent ID"][0]
    respondent = body[respondent_column].astype("string").str.strip()
    pieces = []
    for column, (text, option) in enumerate(export.columns):
        question = questions.get(_key(text))
        if question is None:
            continue
        if question.kind == "open":
            qid = question.question_id
        elif question.kind == "multi" and _key(option) == _key(OTHER):
            qid = question.question_id + OTHER_SUFFIX
        else:
            continue
        cells = body[column].dropna().astype(str).map(lambda v: " ".join(v.split()))
        cells = cells[cells != ""]
        pieces.append(pd.DataFrame({"respondent": respondent[cells.index], "question_id": qid, "raw": cells}))
    if not pieces:
        return pd.DataFrame(columns=["respondent", "question_id", "raw"])
    return pd.concat(pieces, ignore_index=True)


def read_open_text(
    raw: Path, responses: pd.DataFrame, redact, *, reference: Path = REFERENCE_DIR
) -> tuple[pd.DataFrame, int]:
    """Every free-text answer of a kept response, redacted: (table with ``COLUMNS``, texts dropped).

    ``responses`` is the tidy ``survey_responses`` table; a text whose response the cleaning
    dropped (opened, nothing ticked) is left out and counted. ``redact`` turns raw text into
    shareable text (see ``qual.redact``).
    """
    codebook = load_codebook(reference / QUESTIONS_FILE)
    salt = resolve_salt(raw)
    rounds = dict(zip(responses["response_id"].astype(str), responses["wave"].astype(str), strict=True))
    frames, dropped = [], 0
    for path, survey in survey_files(raw):
        texts = _texts_of_export(path, survey, codebook[survey])
        if texts.empty:
            continue
        if (texts["respondent"].isna() | (texts["respondent"] == "")).any():
            raise PDUInputError(
                "column 'Respondent ID': blank on a row with free text", file=io.display_path(path)
            )
        texts["response_id"] = response_ids(survey, texts["respondent"], salt)
        texts["round"] = texts["response_id"].map(rounds)
        dropped += int(texts["round"].isna().sum())
        texts = texts[texts["round"].notna()]
        frames.append(
            pd.DataFrame(
                {
                    "sheet": [
                        sheet_name(survey, q, r)
                        for q, r in zip(texts["question_id"], texts["round"], strict=True)
                    ],
                    "survey": survey,
                    "question_id": texts["question_id"].astype(str),
                    "round": texts["round"].astype(str),
                    "unit_id": texts["response_id"].astype(str),
                    "item_id": texts["response_id"].astype(str),
                    "text": texts["raw"].map(redact).astype(str),
                }
            )
        )
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    table = table.sort_values(["sheet", "item_id"], kind="stable").reset_index(drop=True)
    return table[COLUMNS], dropped
