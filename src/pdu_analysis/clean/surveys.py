"""SurveyMonkey exports -> one row per response and one row per response, question and item.

The codebook (``data/reference/questions.csv``) says which question each header is, its kind and its
allowed answers. A multi-select question becomes one row per option ticked; a matrix question one
row per matrix row answered; free-text answers are counted and left behind, because free text can
identify people. Respondent metadata (e-mail, names, IP address) never leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import io, reference, schemas
from ..distinct import on_distinct
from ..errors import PDUInputError, quoted
from ..paths import QUESTIONS_FILE, REFERENCE_DIR, WAVES_FILE
from ..reference import waves as reference_waves
from .attendance import CleanResult, clean_events
from .dates import parse_series
from .inventory import take_stock
from .log import CleaningLog
from .people import pseudonymise, resolve_salt
from .rounds import log_loose_answers, log_round, post_event_periods
from .survey_messages import condensed_export, unknown_questions
from .waves import assign_round

SELECTED = "selected"
"""The answer recorded for a ticked multi-select option."""

OTHER = "Other (please specify)"


def _key(text: object) -> str:
    """Header text for matching: straight quotes, one space, case-folded."""
    value = str(text).replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return " ".join(value.replace("\u201d", '"').split()).casefold()


@dataclass(frozen=True)
class Question:
    survey: str
    question_id: str
    kind: str
    text: str
    options: tuple[str, ...]
    rows: tuple[str, ...]


def load_codebook(path: Path) -> dict[str, dict[str, Question]]:
    """Questions by survey, keyed by their normalised text."""
    table = reference.text_table(path)
    book: dict[str, dict[str, Question]] = {}
    for row in table.itertuples(index=False):
        question = Question(
            row.survey,
            row.question_id,
            row.kind,
            row.question_text,
            tuple(o for o in row.options.split("|") if o),
            tuple(r for r in row.matrix_rows.split("|") if r),
        )
        book.setdefault(row.survey, {})[_key(row.question_text)] = question
    return book


def _option_lookup(options: tuple[str, ...]) -> dict[str, str]:
    return {_key(o): o for o in options}


def _fail_values(export: io.SurveyExport, column: int, bad: pd.Series, what: str) -> PDUInputError:
    rows = export.body.loc[bad.index, "source_row"]
    examples = "; ".join(f"{quoted(v)} (row {r})" for v, r in zip(bad.head(3), rows.head(3), strict=True))
    return PDUInputError(
        f"column {column + 1} ({_column_label(export, column)}): {len(bad)} answer(s) not among the "
        f"question's options ({what}): {examples}",
        file=export.name,
    )


def _column_label(export: io.SurveyExport, column: int) -> str:
    question, option = export.columns[column]
    return f"'{question}'" + (f" / '{option}'" if option not in ("", "Response") else "")


def _loose(export: io.SurveyExport, column: int, cells: pd.Series, matched: pd.Series) -> dict | None:
    """Answers that equal their option only after normalising case, spacing or quotes."""
    loose = matched.notna() & (cells != matched.astype(object))
    if not loose.any():
        return None
    first = loose.idxmax()
    return {
        "column": column + 1,
        "label": _column_label(export, column),
        "answers": len(cells),
        "loose": int(loose.sum()),
        "example": f"'{cells[first]}' read as '{matched[first]}'",
    }


def _multi_answers(
    export: io.SurveyExport, column: int, text: str, option: str, question: Question, cells: pd.Series
) -> tuple[str, pd.Series, dict | None]:
    """A multi-select column: its option, every tick recorded as selected, and its loose matches."""
    item = _option_lookup(question.options).get(_key(option))
    if item is None:
        raise PDUInputError(
            f"column {column + 1}: option '{option}' of '{text}' is not in "
            f"the codebook (expected one of "
            f"{', '.join(question.options)})",
            file=export.name,
        )
    entry = None
    if item != OTHER:
        wrong = cells[on_distinct(cells, lambda c: c.map(_key)) != _key(item)]
        if len(wrong):
            raise _fail_values(export, column, wrong, f"a ticked box holds '{item}'")
        entry = _loose(export, column, cells, pd.Series(item, index=cells.index))
    return item, pd.Series(SELECTED, index=cells.index, dtype=object), entry


def _chosen_answers(
    export: io.SurveyExport, column: int, text: str, option: str, question: Question, cells: pd.Series
) -> tuple[str, pd.Series, dict | None]:
    """A single-choice or matrix column: its row (matrix only), each answer as the codebook
    spells it, and its loose matches."""
    item = ""
    if question.kind == "matrix":
        row = {_key(r): r for r in question.rows}.get(_key(option))
        if row is None:
            raise PDUInputError(
                f"column {column + 1}: row '{option}' of '{text}' is not "
                f"in the codebook (expected one of "
                f"{', '.join(question.rows)})",
                file=export.name,
            )
        item = row
    answers = on_distinct(cells, lambda c: c.map(_key)).map(_option_lookup(question.options))
    if answers.isna().any():
        raise _fail_values(
            export, column, cells[answers.isna()], "expected one of " + ", ".join(question.options)
        )
    return item, answers, _loose(export, column, cells, answers)


def _check_known_questions(export: io.SurveyExport, survey: str, questions: dict[str, Question]) -> None:
    """Stop at the first export column whose question the codebook does not know."""
    unknown = sorted(
        {q for q, _ in export.columns if q not in io.SURVEYMONKEY_METADATA and _key(q) not in questions}
    )
    if unknown:
        raise unknown_questions(export, survey, questions, unknown)


def _long_answers(
    export: io.SurveyExport, survey: str, questions: dict[str, Question], events: pd.DataFrame
) -> tuple[pd.DataFrame, pd.Series, int, list[dict]]:
    """Answers in long form (row position, question_id, item, answer), event per row, free texts,
    and the columns whose answers matched only after normalising case or spacing."""
    body = export.body
    pieces = []
    loose = []
    event = pd.Series(None, index=body.index, dtype="string")
    open_texts = 0
    titles = {_key(t): i for t, i in zip(events["title"], events["event_id"], strict=True)}
    title_of = dict(zip(events["event_id"], events["title"], strict=True))
    _check_known_questions(export, survey, questions)
    for column, (text, option) in enumerate(export.columns):
        if text in io.SURVEYMONKEY_METADATA:
            continue
        question = questions[_key(text)]
        cells = on_distinct(body[column].dropna(), lambda c: c.astype(str).str.strip())
        cells = cells[cells != ""]
        if question.kind == "open":
            open_texts += len(cells)
            continue
        if question.question_id == "event":
            mapped = on_distinct(cells, lambda c: c.map(lambda v: titles.get(_key(v))))
            if mapped.isna().any():
                raise _fail_values(export, column, cells[mapped.isna()], "an event title in events.csv")
            event.loc[mapped.index] = mapped.astype(str)
            loose.append(_loose(export, column, cells, mapped.map(title_of)))
            continue
        if question.kind in ("multi", "matrix") and _key(option) in ("response", ""):
            raise condensed_export(export, column, question.kind)
        read = _multi_answers if question.kind == "multi" else _chosen_answers
        item, answers, entry = read(export, column, text, option, question, cells)
        loose.append(entry)
        pieces.append(
            pd.DataFrame(
                {
                    "position": cells.index,
                    "question_id": question.question_id,
                    "item": item,
                    "answer": answers.to_numpy(),
                }
            )
        )
    long = (
        pd.concat(pieces, ignore_index=True)
        if pieces
        else pd.DataFrame(columns=["position", "question_id", "item", "answer"])
    )
    return long, event, open_texts, [entry for entry in loose if entry]


def _metadata(export: io.SurveyExport, name: str) -> pd.Series:
    position = [i for i, (q, _) in enumerate(export.columns) if q == name][0]
    return export.body[position]


def clean_export(
    path: Path,
    survey: str,
    questions: dict[str, Question],
    events: pd.DataFrame,
    waves: pd.DataFrame,
    salt: str,
    log: CleaningLog,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One export -> (responses, answers)."""
    export = io.read_surveymonkey(path)
    body = export.body
    source = f"{survey}: {path.name}"
    if body.empty:
        raise PDUInputError("the export has its two header rows but no responses", file=export.name)
    long, event, open_texts, loose = _long_answers(export, survey, questions, events)
    answered = long.groupby("position").size().reindex(body.index, fill_value=0)
    if survey == "post_event":
        answered = answered + event.notna().astype(int)
    keep = answered > 0
    log.add(
        source,
        "drop responses with no answer",
        len(body),
        int(keep.sum()),
        f"{int((~keep).sum())} response(s) opened but not answered",
    )

    respondent = _metadata(export, "Respondent ID").astype("string").str.strip()
    missing_id = keep & (respondent.isna() | (respondent == ""))
    if missing_id.any():
        raise PDUInputError(
            f"column 'Respondent ID': blank on rows {body.loc[missing_id, 'source_row'].head(5).tolist()}",
            file=export.name,
        )
    repeated = keep & respondent.duplicated(keep=False)
    if repeated.any():
        rows = body.loc[repeated, "source_row"].tolist()[:6]
        raise PDUInputError(
            f"column 'Respondent ID': {int(repeated.sum())} rows share a "
            f"respondent id (rows {rows}); each response must appear once",
            file=export.name,
        )
    started = parse_series(_metadata(export, "Start Date"), dayfirst=False)
    bad_date = keep & started.isna()
    if bad_date.any():
        rows = body.loc[bad_date, "source_row"].head(5).tolist()
        raise PDUInputError(
            f"column 'Start Date': not a date on rows {rows}; expected "
            f"MM/DD/YYYY HH:MM:SS AM or an Excel date-time",
            file=export.name,
        )
    collector = _metadata(export, "Collector ID").astype("string").str.strip()
    if survey == "follow_up":
        found = assign_round(path.name, collector[keep], started[keep], waves)
        wave = pd.Series(found.wave, index=body.index[keep], dtype=object)
        log_round(log, source, found)
    else:
        wave = post_event_periods(event[keep], started[keep], events, waves, log, source)
    log_loose_answers(log, source, loose)
    response_id = pseudonymise(survey + ":" + respondent[keep].astype(str), salt)
    responses = pd.DataFrame(
        {
            "response_id": response_id,
            "survey": survey,
            "wave": wave,
            "responded_on": on_distinct(started[keep], lambda s: s.map(lambda d: d.isoformat()).astype(str)),
            "event_id": event[keep].astype("string"),
            "questions_answered": long.loc[long["position"].isin(body.index[keep])]
            .groupby("position")["question_id"]
            .nunique()
            .reindex(body.index[keep], fill_value=0)
            .astype("int64"),
        }
    )
    responses["questions_answered"] += responses["event_id"].notna().astype("int64")
    long = long[long["position"].isin(body.index[keep])]
    answers = pd.DataFrame(
        {
            "response_id": long["position"].map(response_id).astype(str),
            "survey": survey,
            "wave": long["position"].map(wave).astype(str),
            "question_id": long["question_id"].astype(str),
            "item": long["item"].astype(str),
            "answer": long["answer"].astype(str),
        }
    )
    log.add(
        source,
        "answers to long form",
        len(responses),
        len(answers),
        f"{len(answers)} answer rows from {len(responses)} responses; {open_texts} free-text "
        f"answer(s) not carried forward (they can identify people); respondent e-mail, names "
        f"and IP addresses dropped",
    )
    return responses, answers


def survey_files(raw: Path) -> list[tuple[Path, str]]:
    """The survey exports present: one post-event export and any number of follow-up rounds,
    known by their names or by their questions (:mod:`.inventory`)."""
    stock = take_stock(raw)
    files = [(stock.one("post_event"), "post_event")]
    follow = stock.all("follow_up")
    if not follow:
        stock.one("follow_up")  # raises: none found, and what was expected
    return files + [(p, "follow_up") for p in follow]


def build(
    raw: Path,
    events: pd.DataFrame | None = None,
    *,
    reference: Path = REFERENCE_DIR,
    interim_cutoff: str | None = None,
) -> CleanResult:
    """Tidy survey responses and answers from every export in the raw folder.

    ``events`` (the tidy events table) maps the post-event survey's event titles to ids; when not
    given, the events list is cleaned here, so survey cleaning needs no earlier step.
    """
    log = CleaningLog()
    waves = reference_waves(reference, interim_cutoff=interim_cutoff)
    if events is None:
        events = clean_events(raw, waves, CleaningLog())
    codebook = load_codebook(reference / QUESTIONS_FILE)
    take_stock(raw, reference).note_by_content(log, ("post_event", "follow_up"))
    salt = resolve_salt(raw)
    all_responses, all_answers = [], []
    round_files: dict[str, str] = {}
    for path, survey in survey_files(raw):
        responses, answers = clean_export(path, survey, codebook[survey], events, waves, salt, log)
        for wave in sorted(set(responses["wave"])) if survey == "follow_up" else []:
            if wave in round_files:
                raise PDUInputError(
                    f"two follow-up exports fall in round '{wave}' ({round_files[wave]} and "
                    f"{path.name}); one export is one round: merge them, or give each its own row "
                    f"(file, label, cut-off) in {reference / WAVES_FILE}",
                    file=str(raw),
                )
            round_files[wave] = path.name
        all_responses.append(responses)
        all_answers.append(answers)
    responses = pd.concat(all_responses, ignore_index=True)
    repeated = responses["response_id"].duplicated(keep=False)
    if repeated.any():
        raise PDUInputError(
            "the same respondent id appears in more than one follow-up export: "
            "each response must be exported once",
            file=str(raw),
        )
    answers = pd.concat(all_answers, ignore_index=True)
    responses = responses.sort_values(["survey", "responded_on", "response_id"], kind="stable")
    answers = answers.sort_values(["survey", "response_id", "question_id", "item"], kind="stable")
    return CleanResult(
        tables={
            "survey_responses": schemas.validate(
                responses.reset_index(drop=True), schemas.RESPONSES, file="survey responses"
            ),
            "survey_answers": schemas.validate(
                answers.reset_index(drop=True), schemas.ANSWERS, file="survey answers"
            ),
        },
        log=log,
    )
