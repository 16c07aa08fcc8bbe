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
ATTENDANCES = pa.DataFrameSchema(
    {
        "event_id": pa.Column(str),
        "event_date": pa.Column(str, _matches(r"^\d{4}-\d{2}-\d{2}$")),
        "person_id": pa.Column(str, _matches(_ID)),
        "sector": pa.Column(str, pa.Check.isin(SECTORS)),
        "focus": pa.Column(str, pa.Check.isin(FOCUS_OF_WORK)),
        "period": pa.Column(str),
    },
    strict=True,
    unique=["event_id", "person_id"],
    name="attendances",
)

PEOPLE = pa.DataFrameSchema(
    {
        "person_id": pa.Column(str, _matches(_ID), unique=True),
        "sector": pa.Column(str, pa.Check.isin(SECTORS)),
        "focus": pa.Column(str, pa.Check.isin(FOCUS_OF_WORK)),
        "attendances": pa.Column("int64", pa.Check.ge(1)),
        "first_attended": pa.Column(str),
        "last_attended": pa.Column(str),
    },
    strict=True,
    name="people",
)

EVENTS = pa.DataFrameSchema(
    {
        "event_id": pa.Column(str, unique=True),
        "date": pa.Column(str),
        "title": pa.Column(str),
        "work_stream": pa.Column(str, nullable=True),
        "kind": pa.Column(str, pa.Check.isin(EVENT_KINDS)),
        "status": pa.Column(str, pa.Check.isin(EVENT_STATUS)),
        "headcount": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "period": pa.Column(str),
    },
    strict=True,
    name="events",
)

HUB_USERS = pa.DataFrameSchema(
    {
        "user_ref": pa.Column(str, _matches(_ID), unique=True),
        "registered": pa.Column(str, nullable=True),
        "sector": pa.Column(str, pa.Check.isin(SECTORS)),
    },
    strict=True,
    name="hub users",
)

PERIODS = pa.DataFrameSchema(
    {
        "period": pa.Column(str, unique=True),
        "first_day": pa.Column(str, _matches(r"^\d{4}-\d{2}-\d{2}$")),
        "last_day": pa.Column(str, _matches(r"^(\d{4}-\d{2}-\d{2})?$")),
        "report": pa.Column(str),
    },
    strict=True,
    name="periods",
)

RESPONSES = pa.DataFrameSchema(
    {
        "response_id": pa.Column(str, _matches(_ID), unique=True),
        "survey": pa.Column(str, pa.Check.isin(SURVEYS)),
        "wave": pa.Column(str),
        "responded_on": pa.Column(str, _matches(r"^\d{4}-\d{2}-\d{2}$")),
        "event_id": pa.Column(str, nullable=True),
        "questions_answered": pa.Column("int64", pa.Check.ge(1)),
    },
    strict=True,
    name="survey responses",
)

ANSWERS = pa.DataFrameSchema(
    {
        "response_id": pa.Column(str, _matches(_ID)),
        "survey": pa.Column(str, pa.Check.isin(SURVEYS)),
        "wave": pa.Column(str),
        "question_id": pa.Column(str),
        "item": pa.Column(str, nullable=True),
        "answer": pa.Column(str),
    },
    strict=True,
    unique=["response_id", "question_id", "item"],
    name="survey answers",
)


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
