"""Another programme's exports, for tests only: the pipeline must run on anyone's files.

``other_programme(out_dir, seed=...)`` writes ``out_dir/raw`` (the raw files, laid out as
``data/raw/README.md`` describes) and ``out_dir/reference/waves.csv`` (one row per follow-up FILE:
wave, label, file, attendance cut-off), and returns what the generator intended the files to show,
from its own bookkeeping, so tests can compare any computation from the files with it. Nothing here
is calibrated to the published report; none of it is shipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..events import COLUMNS as EVENT_COLUMNS
from ..surveymonkey import write_csv, write_xlsx
from . import register, surveys
from .plan import ROUNDS, Intended, events

__all__ = ["OtherProgramme", "other_programme", "ROUNDS"]

DEFAULT_SEED = 4242
WAVE_COLUMNS = ("wave", "label", "file", "attendance_cutoff")


@dataclass(frozen=True)
class OtherProgramme:
    raw: Path
    waves: Path
    intended: Intended


def _write_csv(path: Path, rows: list[list]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def _event_rows(learning, cop) -> list[list[str]]:
    out = [list(EVENT_COLUMNS)]
    for e in (*learning, *cop):
        head = "" if e.headcount is None else str(e.headcount)
        out.append([e.event_id, e.date.isoformat(), e.title, e.work_stream, e.kind, e.status, head])
    return out


def _statutory(people, intended: Intended) -> None:
    pairs = [(e.date, p.sector) for p in people for e in p.events]
    for rnd in ROUNDS:
        before = [s for d, s in pairs if d <= rnd.cutoff]
        after = [s for d, s in pairs if d > rnd.cutoff]
        intended.statutory_up_to[rnd.wave] = (before.count("statutory"), len(before))
        intended.statutory_after[rnd.wave] = (after.count("statutory"), len(after))


def other_programme(out_dir: Path, seed: int = DEFAULT_SEED) -> OtherProgramme:
    """Write the other programme under ``out_dir``; the same seed always gives the same bytes."""
    out_dir = Path(out_dir)
    raw, reference = out_dir / "raw", out_dir / "reference"
    raw.mkdir(parents=True, exist_ok=True)
    reference.mkdir(parents=True, exist_ok=True)
    streams = ("people", "register", "post_event", "hub", *(r.wave for r in ROUNDS))
    rng = dict(
        zip(
            streams,
            (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(len(streams))),
            strict=True,
        )
    )

    learning, cop = events()
    people = register.attendees(rng["people"], learning)
    intended = Intended(attendances=sum(len(p.events) for p in people), people=len(people))
    _statutory(people, intended)
    variants = [0]

    _write_csv(raw / "events.csv", _event_rows(learning, cop))
    register.write(raw / "attendance_register.xlsx", register.rows(rng["register"], people))
    _write_csv(raw / "hub_registrations.csv", register.hub_rows(rng["hub"], people))
    post, late = surveys.post_event(rng["post_event"], learning, variants)
    write_csv(
        raw / "post_event_survey.csv",
        post,
        surveys.questions("post_event", surveys.POST_QUESTIONS),
        "utf-8-sig",
    )
    intended.post_event_responses = sum(1 for r in post if r.answers)
    intended.post_event_late = late
    follow_q = surveys.questions("follow_up", surveys.FOLLOW_QUESTIONS)
    for k, rnd in enumerate(ROUNDS):
        responses, took = surveys.follow_up(rng[rnd.wave], rnd, 1000 * (k + 1), variants)
        intended.took_action[rnd.file] = took
        if rnd.file.endswith(".xlsx"):
            write_xlsx(raw / rnd.file, responses, follow_q)
        else:
            write_csv(raw / rnd.file, responses, follow_q, rnd.encoding)
    intended.answer_variants = variants[0]
    marker = f"SYNTHETIC TEST PROGRAMME: written by pdu_synthetic.other_programme (seed {seed}); invented.\n"
    (raw / "SYNTHETIC").write_bytes(marker.encode("utf-8"))
    waves = reference / "waves.csv"
    rows = [[r.wave, r.label, r.file, r.cutoff.isoformat()] for r in ROUNDS]
    _write_csv(waves, [list(WAVE_COLUMNS), *rows])
    return OtherProgramme(raw=raw, waves=waves, intended=intended)
