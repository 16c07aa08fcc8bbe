"""The front door to the data: ``from pdu_analysis import load``.

``load()`` returns every tidy table the cleaning notebooks wrote, checked against its schema and
typed for analysis, so an evaluator asking a new question starts from the right types:

- dates are ``datetime64`` (``.dt`` works; a blank is ``NaT``);
- periods and rounds are ordered categoricals in the study's order (``groupby("wave")`` puts the
  interim round before the final one), the order of ``periods.csv`` and of the rounds' first
  responses;
- answer options are an ordered categorical in the codebook's order
  (``data/reference/questions.csv``), with any answer the codebook does not know kept at the end;
- sectors, fields of work, surveys and other codes are categoricals;
- counts are nullable integers (``Int64``), so a count a table withholds is ``<NA>``, not a float.

What each column means is in its schema (:mod:`pdu_analysis.schemas`) and in the data dictionary
made from it (:mod:`pdu_analysis.dictionary`). Run by hand (JupyterLab), the tables are read from
the scratch copy of the last build's outputs (see :mod:`pdu_analysis.paths`).

Examples
--------
>>> from pdu_analysis import load
>>> t = load()                                   # doctest: +SKIP
>>> t.attendances.groupby("period", observed=True).size()   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from . import schemas
from .vocabulary import EVENT_KINDS, EVENT_STATUS, FOCUS_OF_WORK, SECTORS, SURVEYS

SELECTED = "selected"
"""The answer of a ticked option in a multi-select question."""

KNOWN_CATEGORIES = {
    "sector": SECTORS,
    "focus": FOCUS_OF_WORK,
    "kind": EVENT_KINDS,
    "status": EVENT_STATUS,
    "survey": SURVEYS,
}
"""Categories whose values the study fixes, in the order tables show them."""


REQUIRED = ("attendances", "people", "events", "survey_responses", "survey_answers")
"""Tables every build writes; a missing one stops :func:`load` saying to run the build."""


class Tables(Mapping):
    """The tidy tables by name: ``t.attendances`` or ``t["attendances"]``; ``list(t)`` names them."""

    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        self._frames = dict(frames)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._frames[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.__dict__["_frames"][name]
        except KeyError:
            raise AttributeError(f"no tidy table {name!r}; the tables are {', '.join(self)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def __dir__(self):
        return [*super().__dir__(), *self._frames]

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name} ({len(frame)} rows)" for name, frame in self._frames.items())
        return f"Tables({sizes})"


def _ordered(values: pd.Series, order: list[str]) -> pd.Series:
    """An ordered categorical in ``order``; values outside it keep their place at the end."""
    present = [str(v) for v in pd.unique(values.dropna())]
    categories = list(dict.fromkeys([*order, *sorted(set(present) - set(order))]))
    return pd.Categorical(values, categories=categories, ordered=True)


def period_order(periods: pd.DataFrame | None) -> list[str]:
    """Periods in time order (``periods.csv`` by first day)."""
    if periods is None or periods.empty:
        return []
    return periods.sort_values("first_day", kind="stable")["period"].astype(str).tolist()


def round_order(responses: pd.DataFrame | None, periods: list[str]) -> list[str]:
    """Rounds in time order: by the day of their first response, periods' order breaking ties."""
    if responses is None or responses.empty:
        return list(periods)
    first = responses.groupby("wave", observed=True)["responded_on"].min()
    rank = {p: i for i, p in enumerate(periods)}
    return sorted(first.index.astype(str), key=lambda w: (str(first[w]), rank.get(w, len(rank)), w))


def answer_order() -> list[str]:
    """Every answer option of the codebook in its order (each question's options in turn), then a tick."""
    from .reference import load_codebook

    book = load_codebook()
    options = [o for text in book["options"] for o in str(text).split("|") if o]
    return list(dict.fromkeys([*options, SELECTED]))


def typed(name: str, frame: pd.DataFrame, orders: Mapping[str, list[str]]) -> pd.DataFrame:
    """One tidy table with the types its schema's columns declare (``metadata["kind"]``).

    ``orders`` gives the order of ``period``, ``round`` and ``answer option`` values.
    """
    schema = schemas.TIDY[name]
    out = frame.copy()
    for column, spec in schema.columns.items():
        if column not in out.columns:
            continue
        kind = (spec.metadata or {}).get("kind")
        values = out[column]
        if kind == schemas.DATE:
            out[column] = pd.to_datetime(values, format="%Y-%m-%d", errors="raise")
        elif kind in (schemas.PERIOD, schemas.ROUND, schemas.ANSWER):
            out[column] = _ordered(values, list(orders.get(kind, [])))
        elif kind == schemas.CATEGORY:
            known = KNOWN_CATEGORIES.get(column)
            present = sorted(set(values.dropna().astype(str)))
            categories = list(dict.fromkeys([*(known or []), *present]))
            out[column] = pd.Categorical(values, categories=categories)
        elif kind == schemas.COUNT:
            out[column] = pd.to_numeric(values).astype("Int64")
    return out


def load(folder: str | Path | None = None, *, validate: bool = True) -> Tables:
    """Every tidy table the cleaning wrote, checked against its schema and typed.

    Parameters
    ----------
    folder : str or Path, optional
        Folder of the tidy tables (default: ``data/processed`` of this run, see
        :func:`pdu_analysis.paths.processed_dir`).
    validate : bool, default True
        Check each table against its schema first; a table that does not meet it stops with a
        message naming the table, column and values.

    Returns
    -------
    Tables
        A mapping from table name to DataFrame, also readable as attributes (``t.attendances``).
        Tables not built yet (``theme_codes`` before the open-text notebook ran) are left out.

    Examples
    --------
    >>> t = load()                                            # doctest: +SKIP
    >>> t.attendances["event_date"].dt.year.value_counts()    # doctest: +SKIP
    >>> t.survey_responses.groupby("wave", observed=True).size()  # interim before final  # doctest: +SKIP
    """
    from .paths import processed_dir
    from .store import read_processed

    base = Path(folder) if folder is not None else processed_dir()
    raw: dict[str, pd.DataFrame] = {}
    for name, schema in schemas.TIDY.items():
        if name not in REQUIRED and not (base / f"{name}.csv").is_file():
            continue  # not built yet (theme codes before the open-text notebook ran)
        frame = read_processed(name, base)
        if validate:
            frame = schemas.validate(frame, schema, file=f"data/processed/{name}.csv")
        raw[name] = frame
    periods = period_order(raw.get("periods"))
    orders = {
        schemas.PERIOD: periods,
        schemas.ROUND: round_order(raw.get("survey_responses"), periods),
        schemas.ANSWER: answer_order(),
    }
    return Tables({name: typed(name, frame, orders) for name, frame in raw.items()})
