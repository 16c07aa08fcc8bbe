"""What valid looks like, in one place: pandera schemas for raw and tidy tables.

Validation is lazy (every failure is collected) and the failures are turned into one readable
``PDUInputError``: file, column, the check that failed, how many values and a few examples with the
row a person would find them on.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .distinct import on_distinct
from .errors import PDUInputError
from .vocabulary import EVENT_KINDS, EVENT_STATUS, FOCUS_OF_WORK, SECTORS, SURVEYS  # noqa: F401

_ID = r"^[0-9a-f]{12}$"


def _text(*checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(object, checks=list(checks), nullable=nullable)


def _not_blank() -> pa.Check:
    return pa.Check(
        lambda s: on_distinct(s, lambda v: v.astype(str).str.strip() != ""), error="must not be blank"
    )


def _matches(pattern: str) -> pa.Check:
    """``str_matches`` evaluated once per distinct value (ids and dates repeat a lot)."""
    return pa.Check(
        lambda s: on_distinct(s, lambda v: v.astype(str).str.match(pattern)), name=f"str_matches('{pattern}')"
    )


# -- raw tables (as read; values are text or Excel dates) -------------------------------------
RAW_REGISTER = pa.DataFrameSchema(
    {
        "event": _text(_not_blank()),
        "date": pa.Column(object, nullable=False),
        "name": _text(_not_blank()),
        "email": _text(nullable=True),
        "organisation": _text(nullable=True),
        "sector_label": _text(_not_blank()),
        "focus": _text(_not_blank()),  # the fields themselves: clean.labels.canonical_focus
        "source_row": pa.Column("int64"),
    },
    strict=True,
    name="attendance register",
)

RAW_EVENTS = pa.DataFrameSchema(
    {
        "event_id": _text(
            _matches(r"^[A-Z][0-9]{2,}$"), pa.Check(lambda s: ~s.duplicated(), error="must be unique")
        ),
        "date": _text(_matches(r"^\d{4}-\d{2}-\d{2}$")),
        "title": _text(_not_blank()),
        "work_stream": _text(nullable=True),
        "kind": _text(pa.Check.isin(EVENT_KINDS)),
        "status": _text(pa.Check.isin(EVENT_STATUS)),
        "headcount": _text(_matches(r"^\d+$"), nullable=True),
        "source_row": pa.Column("int64"),
    },
    strict=True,
    name="events list",
)

RAW_HUB = pa.DataFrameSchema(
    {
        "user_id": _text(_not_blank(), pa.Check(lambda s: ~s.duplicated(), error="must be unique")),
        "registered": pa.Column(object, nullable=True),
        "name": _text(nullable=True),
        "email": _text(nullable=True),
        "organisation": _text(nullable=True),
        "sector_label": _text(_not_blank()),
        "source_row": pa.Column("int64"),
    },
    strict=True,
    name="hub registrations",
)

# -- tidy tables (what reaches data/processed) ------------------------------------------------
# Each column says what it means (``description``) and what type it has once loaded
# (``metadata["kind"]``, applied by ``pdu_analysis.tidy.load``): the data dictionary
# (``pdu_analysis.dictionary``) is made from these, so a column is described here and nowhere else.
DATE, PERIOD, ROUND, ANSWER, CATEGORY, COUNT, TEXT, ID = (
    "date",
    "period",
    "round",
    "answer option",
    "category",
    "count",
    "text",
    "identifier",
)
_DAY = r"^\d{4}-\d{2}-\d{2}$"


def _col(dtype, *checks: pa.Check, kind: str, description: str, **options) -> pa.Column:
    return pa.Column(dtype, checks=list(checks), description=description, metadata={"kind": kind}, **options)


def _person() -> pa.Column:
    return _col(str, _matches(_ID), kind=ID, description="pseudonymous person id (salted hash; no name)")


def _sector() -> pa.Column:
    return _col(str, pa.Check.isin(SECTORS), kind=CATEGORY, description="sector of the person's organisation")


def _focus() -> pa.Column:
    return _col(
        str, pa.Check.isin(FOCUS_OF_WORK), kind=CATEGORY, description="the person's main field of work"
    )


ATTENDANCES = pa.DataFrameSchema(
    {
        "event_id": _col(str, kind=ID, description="the event attended (as in the events list)"),
        "event_date": _col(str, _matches(_DAY), kind=DATE, description="the day of the event"),
        "person_id": _person(),
        "sector": _sector(),
        "focus": _focus(),
        "period": _col(str, kind=PERIOD, description="the study period the event falls in (see periods)"),
    },
    strict=True,
    unique=["event_id", "person_id"],
    name="attendances",
    description="One row per attendance: a person signing in at an event (repeat visits are rows).",
)

PEOPLE = pa.DataFrameSchema(
    {
        "person_id": _col(str, _matches(_ID), kind=ID, description="pseudonymous person id", unique=True),
        "sector": _sector(),
        "focus": _focus(),
        "attendances": _col("int64", pa.Check.ge(1), kind=COUNT, description="events the person attended"),
        "first_attended": _col(str, kind=DATE, description="day of the person's first attendance"),
        "last_attended": _col(str, kind=DATE, description="day of the person's latest attendance"),
    },
    strict=True,
    name="people",
    description="One row per person who attended at least one event.",
)

EVENTS = pa.DataFrameSchema(
    {
        "event_id": _col(str, kind=ID, description="event code from the events list", unique=True),
        "date": _col(str, kind=DATE, description="the day the event was (or is to be) held"),
        "title": _col(str, kind=TEXT, description="the event's title"),
        "work_stream": _col(str, kind=TEXT, description="the PDU work stream it belongs to", nullable=True),
        "kind": _col(
            str,
            pa.Check.isin(EVENT_KINDS),
            kind=CATEGORY,
            description="learning event or Community of Practice session",
        ),
        "status": _col(
            str, pa.Check.isin(EVENT_STATUS), kind=CATEGORY, description="held, or planned and not yet held"
        ),
        "headcount": _col(
            "Int64",
            pa.Check.ge(0),
            kind=COUNT,
            description="headcount noted by the co-ordinator, if any",
            nullable=True,
        ),
        "period": _col(str, kind=PERIOD, description="the study period of the event's date"),
    },
    strict=True,
    name="events",
    description="One row per event in the events list (learning events and Communities of Practice).",
)

HUB_USERS = pa.DataFrameSchema(
    {
        "user_ref": _col(str, _matches(_ID), kind=ID, description="pseudonymous hub user id", unique=True),
        "registered": _col(str, kind=DATE, description="day the user registered on the hub", nullable=True),
        "sector": _col(
            str, pa.Check.isin(SECTORS), kind=CATEGORY, description="sector of the user's organisation"
        ),
    },
    strict=True,
    name="hub users",
    description="One row per registration on the PDU's online hub.",
)

PERIODS = pa.DataFrameSchema(
    {
        "period": _col(str, kind=PERIOD, description="period name, in order", unique=True),
        "first_day": _col(str, _matches(_DAY), kind=DATE, description="first day of the period"),
        "last_day": _col(
            str,
            _matches(r"^(\d{4}-\d{2}-\d{2})?$"),
            kind=DATE,
            description="last day (blank: still open)",
            nullable=True,
        ),
        "report": _col(
            str,
            kind=TEXT,
            description="the report the period's figures went into (blank: none yet)",
            nullable=True,
        ),
    },
    strict=True,
    name="periods",
    description="The study's periods of attendance, from the cut-offs the cleaning applied.",
)

RESPONSES = pa.DataFrameSchema(
    {
        "response_id": _col(str, _matches(_ID), kind=ID, description="pseudonymous response id", unique=True),
        "survey": _col(
            str, pa.Check.isin(SURVEYS), kind=CATEGORY, description="post-event or follow-up survey"
        ),
        "wave": _col(str, kind=ROUND, description="round (follow-up) or period (post-event) of the response"),
        "responded_on": _col(str, _matches(_DAY), kind=DATE, description="day the response was submitted"),
        "event_id": _col(str, kind=ID, description="the event a post-event response is about", nullable=True),
        "questions_answered": _col(
            "int64", pa.Check.ge(1), kind=COUNT, description="questions the response answered"
        ),
    },
    strict=True,
    name="survey responses",
    description="One row per survey response that answered at least one question.",
)

ANSWERS = pa.DataFrameSchema(
    {
        "response_id": _col(str, _matches(_ID), kind=ID, description="the response (see survey responses)"),
        "survey": _col(
            str, pa.Check.isin(SURVEYS), kind=CATEGORY, description="post-event or follow-up survey"
        ),
        "wave": _col(str, kind=ROUND, description="round or period of the response"),
        "question_id": _col(str, kind=CATEGORY, description="question, as in data/reference/questions.csv"),
        "item": _col(
            str,
            kind=TEXT,
            description="option ticked (multi-select) or row (matrix); blank otherwise",
            nullable=True,
        ),
        "answer": _col(
            str, kind=ANSWER, description="the option chosen, in the codebook's order ('selected' for a tick)"
        ),
    },
    strict=True,
    unique=["response_id", "question_id", "item"],
    name="survey answers",
    description="One row per answer: a question (and item) of one response. Free text is not here.",
)


def _coded_source(what: str) -> dict[str, pa.Column]:
    """Survey, question and round of coded free text (``what``: "the text", "the texts")."""
    return {
        "survey": _col(str, kind=CATEGORY, description=f"survey of {what}, or 'interviews'"),
        "question_id": _col(
            str, kind=CATEGORY, description="the free-text question (or 'notes' for interviews)"
        ),
        "round": _col(str, kind=ROUND, description=f"round or period of {what}"),
    }


def _text_item() -> pa.Column:
    return _col(str, kind=ID, description="the text (a response's answer or an interview passage)")


def _theme_code() -> pa.Column:
    return _col(str, kind=CATEGORY, description="theme code, as in data/reference/themes.csv")


THEME_CODES = pa.DataFrameSchema(
    {
        "sheet": _col(str, kind=TEXT, description="the coding sheet the code was read from"),
        **_coded_source("the text"),
        "unit_id": _col(str, kind=ID, description="response or interview the text belongs to"),
        "item_id": _text_item(),
        "coder": _col(str, kind=CATEGORY, description="which coder gave the code (1 first, 2 second)"),
        "theme": _theme_code(),
    },
    strict=True,
    name="theme codes",
    description="One row per theme a coder gave a free-text answer or interview passage (no text).",
)

THEME_COUNTS = pa.DataFrameSchema(
    {
        "sheet": _col(str, kind=TEXT, description="the coding sheet the units were coded in"),
        **_coded_source("the texts"),
        "theme": _theme_code(),
        "label": _col(str, kind=TEXT, description="the theme as readers see it"),
        "count": _col(
            "int64",
            pa.Check.ge(0),
            kind=COUNT,
            description="units (respondents, interviewees) with the theme",
        ),
        "base": _col(
            "int64", pa.Check.ge(1), kind=COUNT, description="units whose texts the first coder coded"
        ),
    },
    strict=True,
    unique=["sheet", "round", "theme"],
    name="theme counts",
    description=(
        "k of n units with each theme, per coding sheet, round and theme, from the first coder's "
        "codes (no text); written by the open-text notebook for every page that counts a theme."
    ),
)

SECTION_QUOTES = pa.DataFrameSchema(
    {
        "section": _col(str, kind=CATEGORY, description="report section the quote informs (sections.csv)"),
        "quote": _col(str, kind=TEXT, description="the approved text, redacted as it was read"),
        "speaker": _col(str, kind=TEXT, description="the kind of speaker, never a person"),
        "theme": _col(str, kind=TEXT, description="label of the theme that places it in the section"),
        "dissent": _col(
            str, pa.Check.isin(["yes", "no"]), kind=CATEGORY, description="whether that theme records doubt"
        ),
        "sheet": _col(str, kind=TEXT, description="the coding sheet that approved it"),
        "item_id": _text_item(),
    },
    strict=True,
    unique=["section", "sheet", "item_id"],
    name="section quotes",
    description=(
        "One row per quote the first coder approved and report section it informs, in the coding "
        "sheets' order; written by the open-text notebook for the pages that set quotes beside findings."
    ),
)

TIDY = {
    "attendances": ATTENDANCES,
    "people": PEOPLE,
    "events": EVENTS,
    "hub_users": HUB_USERS,
    "periods": PERIODS,
    "survey_responses": RESPONSES,
    "survey_answers": ANSWERS,
    "theme_codes": THEME_CODES,
    "theme_counts": THEME_COUNTS,
    "section_quotes": SECTION_QUOTES,
}
"""Every tidy table in data/processed, by file name, with its schema."""


def _examples(cases: pd.DataFrame, frame: pd.DataFrame, limit: int = 3) -> str:
    shown = []
    for _, case in cases.head(limit).iterrows():
        value = case["failure_case"]
        where = ""
        index = case.get("index")
        if index is not None and not pd.isna(index) and "source_row" in frame.columns:
            try:
                where = f" (row {int(frame.loc[index, 'source_row'])})"
            except (KeyError, TypeError, ValueError):
                where = ""
        shown.append(f"{value!r}{where}")
    more = f" and {len(cases) - limit} more" if len(cases) > limit else ""
    return ", ".join(shown) + more


def describe_failures(
    errors: SchemaErrors, frame: pd.DataFrame, headers: dict[str, str] | None = None
) -> str:
    """One line per failing column and check, with counts and example values.

    ``headers`` maps internal column names back to the headers a person sees in the file.
    """
    cases = errors.failure_cases
    headers = headers or {}
    lines = []
    for (column, check), group in cases.groupby(["column", "check"], sort=False, dropna=False):
        column_text = "the table" if pd.isna(column) else f"column '{headers.get(column, column)}'"
        check_text = str(check)
        if check_text == "column_in_dataframe":
            lines.append(
                f"missing {column_text.replace('the table', 'a column')}: "
                f"{', '.join(map(str, group['failure_case']))}"
            )
            continue
        if check_text == "column_in_schema":
            lines.append(f"unexpected column(s): {', '.join(map(str, group['failure_case']))}")
            continue
        if check_text == "not_nullable":
            rows = _examples(group.assign(failure_case="blank"), frame, limit=5)
            lines.append(f"{column_text}: {len(group)} value(s) blank but must not be blank: {rows}")
            continue
        lines.append(
            f"{column_text}: {len(group)} value(s) fail '{check_text}', e.g. {_examples(group, frame)}"
        )
    return "; ".join(lines)


def validate(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, *, file: str, headers: dict[str, str] | None = None
) -> pd.DataFrame:
    """Validate lazily; on failure raise one readable ``PDUInputError`` for ``file``."""
    try:
        return schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        raise PDUInputError(
            f"{schema.name} does not meet the contract: {describe_failures(errors, frame, headers)}",
            file=file,
        ) from None
