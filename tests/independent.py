"""Headline figures computed straight from raw files, without the project's readers or cleaning.

A second path to the numbers, for comparing with what the pipeline or a generator says: files are
read with csv and openpyxl only, people are matched with the simple rule written out here (e-mail
first, else name + organisation), and each follow-up export FILE is one round whatever collectors it
holds. Works on the shipped reconstruction and on any raw folder laid out as data/raw/README.md says.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl

METADATA = 9  # Respondent ID .. Custom Data 1
REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"


def norm(value) -> str:
    """Strip, casefold, collapse internal whitespace."""
    return re.sub(r"\s+", " ", str(value if value is not None else "")).strip().casefold()


def _dicts(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def rows(path: Path, sheet: str | None = None) -> list[list]:
    """Cells of a CSV (UTF-8, else cp1252) or of one worksheet (the named one, else the first)."""
    if path.suffix.lower() == ".csv":
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        return [list(r) for r in csv.reader(text.splitlines())]
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[sheet] if sheet in wb.sheetnames else wb.worksheets[0]
    out = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return out


def _one(raw: Path, stem: str) -> Path:
    return next(p for p in sorted(raw.glob(f"{stem}.*")) if p.suffix.lower() in (".csv", ".xlsx"))


def follow_up_files(raw: Path) -> list[Path]:
    return sorted(p for p in raw.glob("follow_up_*") if p.suffix.lower() in (".csv", ".xlsx"))


@dataclass(frozen=True)
class Wave:
    name: str
    cutoff: date
    file: str


def waves(waves_csv: Path, raw: Path) -> list[Wave]:
    """Rounds in cut-off order, each tied to its export file.

    Reads either layout: one row per file (``file`` column) or one row per collector
    (``collector_id``, the shipped layout), in which case the file is the one holding that collector.
    """
    table = _dicts(waves_csv)
    out = []
    for w in table:
        if "file" in w:
            file = w["file"]
        else:
            file = next(
                p.name
                for p in follow_up_files(raw)
                if w["collector_id"] in {str(r[1]).strip() for r in rows(p)[2:] if r and len(r) > 1}
            )
        out.append(Wave(w["wave"], date.fromisoformat(w["attendance_cutoff"]), file))
    return sorted(out, key=lambda w: w.cutoff)


def attendances(raw: Path, sector_map: dict[str, str]) -> list[tuple[str, date, str]]:
    """(person, event date, sector) per attendance: blank rows and repeated sign-ins dropped."""
    title_date = {norm(e["title"]): date.fromisoformat(e["date"]) for e in _dicts(raw / "events.csv")}
    head, *body = rows(_one(raw, "attendance_register"), sheet="Register")
    col = {norm(h): i for i, h in enumerate(head) if h is not None}
    body = [r for r in body if any(norm(v) for v in r)]

    def get(r, name):
        return r[col[name]] if col[name] < len(r) else None

    email_of: dict[tuple[str, str], str] = {}
    for r in body:
        if norm(get(r, "email")):
            email_of.setdefault((norm(get(r, "name")), norm(get(r, "organisation"))), norm(get(r, "email")))
    seen, out = set(), []
    for r in body:
        name_org = (norm(get(r, "name")), norm(get(r, "organisation")))
        person = norm(get(r, "email")) or email_of.get(name_org, "|".join(name_org))
        pair = (person, norm(get(r, "event")))
        if pair not in seen:
            seen.add(pair)
            out.append((person, title_date[pair[1]], sector_map[norm(get(r, "sector"))]))
    return out


def responses(path: Path) -> list[dict[tuple[str, str], str]]:
    """Each response as {(question, option or row): cell as typed}, blanks left out; metadata under "meta"."""
    head1, head2, *body = rows(path)
    cols, question = [], None
    for i, (h1, h2) in enumerate(zip(head1, head2, strict=False)):
        question = norm(h1) if norm(h1) else question
        cols.append((question if i >= METADATA else "meta", norm(h1) if i < METADATA else norm(h2)))
    return [{cols[i]: str(v) for i, v in enumerate(r) if i < len(cols) and norm(v)} for r in body]


def answered(resps: list[dict]) -> list[dict]:
    return [r for r in resps if any(k[0] != "meta" for k in r)]


@dataclass
class Figures:
    attendances: int = 0
    people: int = 0
    statutory_up_to: dict[str, tuple[int, int]] = field(default_factory=dict)
    statutory_after: dict[str, tuple[int, int]] = field(default_factory=dict)
    post_event_responses: int = 0
    took_action: dict[str, tuple[int, int]] = field(default_factory=dict)
    collectors: dict[str, set[str]] = field(default_factory=dict)


def figures(raw: Path, waves_csv: Path, reference: Path = REFERENCE) -> Figures:
    """The headline figures of the raw folder ``raw``, rounds and cut-offs from ``waves_csv``."""
    sector_map = {norm(r["label"]): r["sector"] for r in _dicts(reference / "sector_map.csv")}
    took_text = next(
        norm(q["question_text"])
        for q in _dicts(reference / "questions.csv")
        if q["question_id"] == "took_action"
    )
    att = attendances(raw, sector_map)
    fig = Figures(attendances=len(att), people=len({p for p, _, _ in att}))
    for w in waves(waves_csv, raw):
        before = [s for _, d, s in att if d <= w.cutoff]
        after = [s for _, d, s in att if d > w.cutoff]
        fig.statutory_up_to[w.name] = (before.count("statutory"), len(before))
        fig.statutory_after[w.name] = (after.count("statutory"), len(after))
    fig.post_event_responses = len(answered(responses(_one(raw, "post_event_survey"))))
    for path in follow_up_files(raw):
        resps = answered(responses(path))
        took = Counter(norm(r[(took_text, "response")]) for r in resps if (took_text, "response") in r)
        fig.took_action[path.name] = (took["yes"], sum(took.values()))
        fig.collectors[path.name] = {r[("meta", "collector id")].strip() for r in resps}
    return fig


def late_post_event(raw: Path) -> int:
    """Post-event responses started in a later calendar month than the event they answer."""
    held = {norm(e["title"]): date.fromisoformat(e["date"]) for e in _dicts(raw / "events.csv")}
    late = 0
    for r in answered(responses(_one(raw, "post_event_survey"))):
        event = next(v for (q, _), v in r.items() if q == norm("Which learning event did you attend?"))
        start = r[("meta", "start date")].strip()
        started = datetime.strptime(start, "%m/%d/%Y %I:%M:%S %p").date()
        day = held[norm(event)]
        late += (started.year, started.month) > (day.year, day.month)
    return late
