"""Grow the raw reconstruction N-fold with new, distinct people, for the scale benchmark.

    python -m pdu_bench.grow --factor 1000 --out /tmp/raw-1000x [--raw data/raw]

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

from pdu_analysis import io, paths

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


def _read(path: Path, sheet: str | None = None, *, date_format: str = "%Y-%m-%d") -> list[list[str]]:
    """Every row of a raw file as text (dates written in ``date_format``)."""
    return [[_text(v, date_format) for v in row] for row in io.read_rows(path, sheet)]


def _column(header: Sequence[str], name: str) -> int | None:
    stripped = [h.strip() for h in header]
    return stripped.index(name) if name in stripped else None


def _copies(
    body: list[list[str]],
    factor: int,
    *,
    emails: Sequence[int],
    names: Sequence[int],
    ids: dict[int, Callable[[str, int], str]],
) -> Iterator[list[str]]:
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


def _grow_rows(
    rows: list[list[str]],
    target: Path,
    factor: int,
    *,
    header_rows: int,
    emails: Sequence[str],
    names: Sequence[str],
    ids: dict[str, Callable[[str, int], str]],
) -> int:
    """Write the header rows once and ``factor`` copies of the body; body rows written."""
    header, body = rows[:header_rows], rows[header_rows:]
    first = header[0] if header else []
    email_at = [i for i in (_column(first, n) for n in emails) if i is not None]
    name_at = [i for i in (_column(first, n) for n in names) if i is not None]
    id_at = {i: mapper for n, mapper in ids.items() if (i := _column(first, n)) is not None}
    written = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerows(header)
        for row in _copies(body, factor, emails=email_at, names=name_at, ids=id_at):
            writer.writerow(row)
            written += 1
    return written


def survey_exports(raw: Path) -> list[Path]:
    """The post-event export and every follow-up round, as ``clean.surveys`` finds them."""
    from pdu_analysis.clean.surveys import survey_files

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
    written["attendance_register.csv"] = _grow_rows(
        _read(register, "Register"),
        out / "attendance_register.csv",
        factor,
        header_rows=1,
        emails=["Email"],
        names=["Name"],
        ids={},
    )

    hub = io.find_one(raw, "hub_registrations")
    hub_rows = _read(hub)
    users = _column(hub_rows[0], "User ID") if hub_rows else None
    user_ids = [r[users] for r in hub_rows[1:] if users is not None and users < len(r)]
    written["hub_registrations.csv"] = _grow_rows(
        hub_rows,
        out / "hub_registrations.csv",
        factor,
        header_rows=1,
        emails=["Email"],
        names=["Name"],
        ids={"User ID": id_mapper(user_ids)},
    )

    # One id range per copy across every export: a respondent id must stay unique across rounds.
    exports = {path: _read(path, date_format=SURVEY_DATE) for path in survey_exports(raw)}
    respondent_ids = []
    for rows in exports.values():
        at = _column(rows[0], "Respondent ID") if rows else None
        respondent_ids += [r[at] for r in rows[2:] if at is not None and at < len(r)]
    respondent = id_mapper(respondent_ids)
    for path, rows in exports.items():
        written[f"{path.stem}.csv"] = _grow_rows(
            rows,
            out / f"{path.stem}.csv",
            factor,
            header_rows=2,
            emails=["Email Address"],
            names=["First Name", "Last Name"],
            ids={"Respondent ID": respondent},
        )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdu_bench.grow", description="Grow the raw reconstruction N-fold."
    )
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
