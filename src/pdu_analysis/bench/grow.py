"""Grow the raw reconstruction N-fold with new, distinct people, for the scale benchmark.

    python -m pdu_analysis.bench.grow --factor 1000 --out /tmp/raw-1000x [--raw data/raw]

Copy 0 is the shipped data unchanged; copies 1..N-1 repeat every register, hub and survey row with
the people made new: each e-mail gets ``+c<k>`` before its ``@``, each name a `` c<k>`` suffix,
each hub user id and survey respondent id is moved into a range of its own. Matching stays as
messy as the original within a copy (nicknames, e-mail case and spaces, blank e-mails, duplicate
sign-ins) and never reaches across copies, so N copies hold exactly N times the people,
attendances and responses. The events list is copied as it is (titles stay unique): the new
people attend the same 19 learning events, 1 to 4 each, as the originals do.

Every table is written as CSV, which the input contract allows (dates as ``YYYY-MM-DD`` in the
register and hub list, as SurveyMonkey's ``MM/DD/YYYY HH:MM:SS AM`` in the survey exports).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from .. import io, paths

SURVEY_DATE = "%m/%d/%Y %I:%M:%S %p"
COPY_TAG = "c{k}"
"""Tag that makes copy ``k`` of a person new: ``ann+c3@example.org``, ``Ann Example c3``."""


def tag(k: int) -> str:
    return COPY_TAG.format(k=k)


def new_email(value: str, k: int) -> str:
    """``value`` with the copy tag before the ``@`` (spaces and case kept, blanks left blank)."""
    if k == 0 or not value.strip():
        return value
    local, at, domain = value.partition("@")
    if not at:
        return f"{value.rstrip()}+{tag(k)}"
    return f"{local}+{tag(k)}@{domain}"


def new_name(value: str, k: int) -> str:
    """``value`` with the copy tag as a last word (blanks left blank)."""
    if k == 0 or not value.strip():
        return value
    return f"{value.rstrip()} {tag(k)}"


def id_mapper(ids: Sequence[str]) -> Callable[[str, int], str]:
    """New ids for copy ``k``: numeric ids shifted into a range of their own, others suffixed."""
    digits = [i.strip() for i in ids if i.strip()]
    if digits and all(i.isdigit() for i in digits):
        span = 10 ** len(str(max(int(i) for i in digits)))

        def shift(value: str, k: int) -> str:
            return value if k == 0 or not value.strip() else str(int(value) + k * span)
        return shift

    def suffix(value: str, k: int) -> str:
        return value if k == 0 or not value.strip() else f"{value.strip()}-{tag(k)}"
    return suffix


def _text(value: object, date_format: str) -> str:
    """A cell as CSV text: dates in ``date_format``, blanks empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(date_format)
    if isinstance(value, date):
        return value.strftime(date_format)
    return str(value)


def _read(path: Path, sheet: str | None = None, date_format: str = "%Y-%m-%d") -> list[list[str]]:
    return [[_text(v, date_format) for v in row] for row in io.read_rows(path, sheet)]


def _column(header: Sequence[str], name: str) -> int | None:
    stripped = [h.strip() for h in header]
    return stripped.index(name) if name in stripped else None


def _copies(body: list[list[str]], factor: int, *, emails: Sequence[int], names: Sequence[int],
            ids: dict[int, Callable[[str, int], str]]) -> Iterator[list[str]]:
    """``factor`` copies of ``body``, the people in copy k made new."""
    for k in range(factor):
        if k == 0:
            yield from body
            continue
        for row in body:
            new = list(row)
            for i in emails:
                if i < len(new):
                    new[i] = new_email(new[i], k)
            for i in names:
                if i < len(new):
                    new[i] = new_name(new[i], k)
            for i, mapper in ids.items():
                if i < len(new):
                    new[i] = mapper(new[i], k)
            yield new


def _write(path: Path, rows: Iterator[list[str]] | list[list[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _grow_table(path: Path, target: Path, factor: int, *, header_rows: int, sheet: str | None,
                date_format: str, emails: Sequence[str], names: Sequence[str],
                ids: dict[str, Callable[[str, int], str]] | None = None,
                id_columns: Sequence[str] = ()) -> int:
    rows = _read(path, sheet, date_format)
    header, body = rows[:header_rows], rows[header_rows:]
    first = header[0] if header else []
    positions = {name: _column(first, name) for name in (*emails, *names, *id_columns)}
    mappers = {}
    for name in id_columns:
        i = positions[name]
        if i is not None:
            mapper = (ids or {}).get(name) or id_mapper([r[i] for r in body if i < len(r)])
            mappers[i] = mapper
    email_at = [positions[n] for n in emails if positions[n] is not None]
    name_at = [positions[n] for n in names if positions[n] is not None]
    written = _write(target, iter(header))
    with target.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for row in _copies(body, factor, emails=email_at, names=name_at, ids=mappers):
            writer.writerow(row)
            written += 1
    return written - len(header)


def survey_exports(raw: Path) -> list[Path]:
    """The post-event export and every follow-up round, as ``clean.surveys`` finds them."""
    from ..clean.surveys import survey_files

    return [path for path, _ in survey_files(raw)]


def grow(raw: Path, out: Path, factor: int) -> dict[str, int]:
    """Write the raw folder grown ``factor``-fold into ``out``; rows written per file."""
    if factor < 1:
        raise ValueError(f"factor must be 1 or more, got {factor}")
    raw, out = Path(raw), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    marker = raw / paths.SYNTHETIC_MARKER
    if marker.exists():
        shutil.copy2(marker, out / marker.name)
    shutil.copy2(raw / "events.csv", out / "events.csv")
    written["events.csv"] = len(io.read_csv_rows(out / "events.csv")) - 1

    register = io.find_one(raw, "attendance_register")
    written["attendance_register.csv"] = _grow_table(
        register, out / "attendance_register.csv", factor, header_rows=1, sheet="Register",
        date_format="%Y-%m-%d", emails=["Email"], names=["Name"])

    hub = io.find_one(raw, "hub_registrations")
    written["hub_registrations.csv"] = _grow_table(
        hub, out / "hub_registrations.csv", factor, header_rows=1, sheet=None,
        date_format="%Y-%m-%d", emails=["Email"], names=["Name"], id_columns=["User ID"])

    exports = survey_exports(raw)
    # One id range per copy across every export: a respondent id must stay unique across rounds.
    all_ids = []
    for path in exports:
        rows = _read(path, None, SURVEY_DATE)
        at = _column(rows[0], "Respondent ID") if rows else None
        if at is not None:
            all_ids += [r[at] for r in rows[2:] if at < len(r)]
    respondent = id_mapper(all_ids)
    for path in exports:
        name = f"{path.stem}.csv"
        written[name] = _grow_table(
            path, out / name, factor, header_rows=2, sheet=None, date_format=SURVEY_DATE,
            emails=["Email Address"], names=["First Name", "Last Name"],
            ids={"Respondent ID": respondent}, id_columns=["Respondent ID"])
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdu_analysis.bench.grow",
                                     description="Grow the raw reconstruction N-fold.")
    parser.add_argument("--factor", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--raw", type=Path, default=None, help="raw folder (default data/raw)")
    args = parser.parse_args(argv)
    written = grow(paths.raw_dir(args.raw), args.out, args.factor)
    json.dump(written, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
