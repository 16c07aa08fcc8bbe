"""Synthetic reconstruction of the PDU's raw exports, calibrated to the final report (Feb 2019).

The real register and survey exports are not public. ``generate`` writes files in the real
formats whose aggregates reproduce every figure the report publishes, so the pipeline can run end
to end; ``PROVENANCE.md`` (written alongside) says what is calibrated, what is assumed and what
mess is in them.
Run ``python -m pdu_synthetic [--out DIR]``. ``other_programme`` writes a second, invented programme
for tests only (see :mod:`.other`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from . import events, follow_up, hub, interviews, post_event, provenance, register, selfcheck, targets
from .other import other_programme
from .people import make_people
from .surveymonkey import codebook, write_csv, write_xlsx

__all__ = ["FILES", "generate", "other_programme"]

FILES = (
    "events.csv",
    "attendance_register.xlsx",
    "post_event_survey.csv",
    "follow_up_2018-06.xlsx",
    "follow_up_2019-01.csv",
    "hub_registrations.csv",
    "SYNTHETIC",
    "PROVENANCE.md",
    *(f"{interviews.FOLDER}/{code}.txt" for code in interviews.NOTES),
)
"""Everything ``generate`` writes (the raw folder's hand-written ``README.md`` is left alone)."""

_STREAMS = ("people", "register", "post_event", "interim", "final", "hub", "interviews")
"""Streams are spawned in this order: a new one goes at the end, so the others stay as they were."""


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def generate(out_dir: Path) -> list[Path]:
    """Write every synthetic raw file into ``out_dir``; return their paths in ``FILES`` order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds = np.random.SeedSequence(targets.SEED).spawn(len(_STREAMS))
    rng = {name: np.random.default_rng(s) for name, s in zip(_STREAMS, seeds, strict=True)}

    people = make_people(rng["people"])
    table, tally = register.build(rng["register"], people)
    selfcheck.check_register(table, len(people), sum(len(p.events) for p in people))
    post = post_event.build(rng["post_event"], people)
    follow = codebook("follow_up")
    interim_q = {q: follow[q] for q in follow_up.INTERIM_QUESTIONS}

    _write_csv(out_dir / "events.csv", events.rows())
    register.write(out_dir / "attendance_register.xlsx", table)
    write_csv(out_dir / "post_event_survey.csv", post, codebook("post_event"), "utf-8-sig")
    write_xlsx(out_dir / "follow_up_2018-06.xlsx", follow_up.interim(rng["interim"]), interim_q)
    write_csv(out_dir / "follow_up_2019-01.csv", follow_up.final(rng["final"]), follow, "cp1252")
    _write_csv(out_dir / "hub_registrations.csv", hub.build(rng["hub"], people))
    (out_dir / "SYNTHETIC").write_bytes(provenance.MARKER.encode("utf-8"))
    (out_dir / "PROVENANCE.md").write_bytes(provenance.render(tally).encode("utf-8"))
    interviews.write(out_dir, interviews.build(rng["interviews"], people))
    return [out_dir / name for name in FILES]
