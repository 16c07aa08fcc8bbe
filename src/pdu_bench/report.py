"""The benchmark's verdicts and its table: each target met or MISSED, never a failed build.

``evaluate(results)`` turns the measurements into one row per line of the table (what, value,
target, status); ``format_table`` prints them; ``write_json`` saves everything, rows included, to
``reports/bench.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

COLD_TARGET_S = 30.0
NOOP_TARGET_S = 1.0
SCALE_TARGET_S = 20.0
SCALE_TARGET_MB = 2048.0
SCALE_TARGET_FACTOR = 1000
LINEAR_SLACK = 1.5
"""A tenfold size may cost at most 1.5 x 10 times the seconds and still count as about linear."""

MET, MISSED, INFO, FAILED = "met", "MISSED", "", "FAILED"


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    status: str = INFO


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _check(ok: bool) -> str:
    return MET if ok else MISSED


def _names(notebooks: Sequence[str]) -> str:
    return ", ".join(n.removesuffix(".ipynb") for n in notebooks) or "none"


def cold_rows(cold: dict | None) -> list[Row]:
    """The cold build, then each notebook's time and what came after the last one."""
    if cold is None:
        return []
    what, target = "cold build (make clean; make reports)", f"<= {COLD_TARGET_S:.0f} s"
    if cold.get("returncode", 0) != 0:
        return [Row(what, "build failed", target, FAILED)]
    rows = [
        Row(
            what,
            f"{_s(cold['seconds'])}, {cold['notebooks_run_count']} notebooks",
            target,
            _check(cold["seconds"] <= COLD_TARGET_S),
        )
    ]
    for name, seconds in sorted(cold.get("notebook_seconds", {}).items()):
        rows.append(Row(f"  {name.removesuffix('.ipynb')}", _s(seconds)))
    if "after_last_notebook_seconds" in cold:
        rows.append(
            Row("  render + index (after the last notebook)", _s(cold["after_last_notebook_seconds"]))
        )
    return rows


def floor_rows(floor: dict | None, cold: dict | None, jobs: object) -> list[Row]:
    """One kernel start and the stack's imports per notebook, and the cold build beside it."""
    if floor is None:
        return []
    if "error" in floor:
        return [Row("floor: kernel start + imports", f"failed: {floor['error']}", status=FAILED)]
    n = floor.get("notebooks", 0)
    rows = [
        Row(
            "floor: kernel start + imports, per notebook",
            f"{_s(floor['seconds'])} (start {floor['start_seconds']:.2f}, "
            f"imports {floor['import_seconds']:.2f}, "
            f"shutdown {floor['shutdown_seconds']:.2f})",
        ),
        Row("  papermill wrapper process start, per notebook", _s(floor["papermill_process_seconds"])),
    ]
    if n:
        total = floor["seconds"] * n
        rows.append(Row(f"floor x {n} notebooks", _s(total)))
        if cold is not None and cold.get("returncode", 0) == 0 and total > 0:
            rows.append(
                Row(
                    "cold / floor",
                    f"{cold['seconds'] / total:.2f} x (JOBS={jobs} runs notebooks in parallel)",
                )
            )
    return rows


def noop_rows(noop: dict | None) -> list[Row]:
    """The no-op build: the worst of its runs, and whether any notebook ran."""
    if noop is None:
        return []
    runs = noop.get("runs", [noop])
    worst = max(r["seconds"] for r in runs)
    executed = sorted({n for r in runs for n in r.get("notebooks_run", [])})
    ok = all(r.get("returncode", 0) == 0 for r in runs)
    return [
        Row(
            f"no-op build (make reports again, worst of {len(runs)})",
            f"{_s(worst)}, notebooks run: {_names(executed)}"
            + (", re-rendered" if any(r.get("rendered") for r in runs) else ""),
            f"< {NOOP_TARGET_S:.0f} s, none run",
            _check(ok and worst < NOOP_TARGET_S and not executed) if ok else FAILED,
        )
    ]


def incremental_rows(inc: dict | None) -> list[Row]:
    """The incremental build after touching one notebook: it and what depends on it only."""
    if inc is None:
        return []
    if inc.get("skipped"):
        return [Row("incremental build", f"skipped: {inc['skipped']}")]
    if inc.get("returncode", 0) != 0:
        return [Row(f"incremental (touch {inc['touched']})", "build failed", status=FAILED)]
    ran, expected = inc["notebooks_run"], inc["expected"]
    return [
        Row(
            f"incremental (touch {inc['touched']})",
            f"{_s(inc['seconds'])}, ran: {_names(ran)}",
            f"only: {_names(expected)}",
            _check(sorted(ran) == sorted(expected)),
        )
    ]


def build_rows(builds: dict) -> list[Row]:
    """Rows for cold, no-op, incremental and the floor."""
    cold = builds.get("cold")
    return [
        *cold_rows(cold),
        *floor_rows(builds.get("floor"), cold, builds.get("jobs", "?")),
        *noop_rows(builds.get("noop")),
        *incremental_rows(builds.get("incremental")),
        *edit_rows(builds.get("edit_to_page")),
    ]


EDIT_TARGET_S = 5.0


def _runs(step: dict) -> str:
    runs = step.get("runs_seconds") or [step["seconds"]]
    return ", ".join(f"{s:.2f}" for s in runs)


def edit_rows(step: dict | None) -> list[Row]:
    """The edit-to-page row: one caption reworded, until its page shows it."""
    if step is None:
        return []
    if step.get("skipped"):
        return [Row("edit-to-page", f"skipped: {step['skipped']}")]
    what = f"edit-to-page (one caption of {step['edited']})"
    if step.get("returncode", 0) != 0 or not step.get("page_shows_it"):
        return [Row(what, "build failed or the page does not show the edit", status=FAILED)]
    ran = step["notebooks_run"]
    return [
        Row(
            what,
            f"{_s(step['seconds'])} (median of {_runs(step)}), ran: {_names(ran)}",
            f"<= {EDIT_TARGET_S:.0f} s, only: {_names(step['expected'])}",
            _check(step["seconds"] <= EDIT_TARGET_S and sorted(ran) == sorted(step["expected"])),
        )
    ]


def scale_rows(scale: Sequence[dict]) -> list[Row]:
    """One row per size, then the growth between sizes and the 1000x verdict."""
    rows: list[Row] = []
    ok = [r for r in scale if "error" not in r]
    for r in scale:
        if "error" in r:
            rows.append(Row(f"scale {r['factor']}x", f"failed: {r['error'][:200]}", status=FAILED))
            continue
        phases = ", ".join(f"{k} {v:.2f}" for k, v in r["phase_seconds"].items())
        target, status = "", INFO
        if r["factor"] == SCALE_TARGET_FACTOR:
            target = f"< {SCALE_TARGET_S:.0f} s, < {SCALE_TARGET_MB / 1024:.0f} GB"
            status = _check(r["seconds"] < SCALE_TARGET_S and r["peak_mb"] < SCALE_TARGET_MB)
        rows.append(
            Row(
                f"scale {r['factor']}x ({r['rows']['attendances']:,} attendances, "
                f"{r['rows']['survey_responses']:,} responses)",
                f"{_s(r['seconds'])}, {r['peak_mb']:.0f} MB peak ({phases})",
                target,
                status,
            )
        )
    for small, large in zip(ok, ok[1:], strict=False):
        size = large["factor"] / small["factor"]
        time_ratio = large["seconds"] / small["seconds"] if small["seconds"] else math.inf
        mem_ratio = large["peak_mb"] / small["peak_mb"] if small["peak_mb"] else math.inf
        linear = time_ratio <= size * LINEAR_SLACK
        rows.append(
            Row(
                f"growth {small['factor']}x -> {large['factor']}x (size x{size:g})",
                f"time x{time_ratio:.1f}, peak memory x{mem_ratio:.1f}",
                f"time <= x{size * LINEAR_SLACK:g} (about linear)",
                _check(linear),
            )
        )
    return rows


def evaluate(results: dict) -> list[Row]:
    rows = build_rows(results.get("builds") or {})
    rows += scale_rows(results.get("scale") or [])
    return rows


def format_table(rows: Sequence[Row]) -> str:
    """A plain-text table that reads in a terminal and in a CI log."""
    header = Row("measure", "value", "target", "status")
    widths = [max(len(getattr(r, f)) for r in [header, *rows]) for f in ("what", "value", "target")]
    widths = [min(w, 90) for w in widths]

    def line(r: Row) -> str:
        return (
            f"{r.what:<{widths[0]}}  {r.value:<{widths[1]}}  {r.target:<{widths[2]}}  {r.status}"
        ).rstrip()

    rule = "-" * (sum(widths) + 6 + len(MISSED))
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def summary(rows: Sequence[Row]) -> str:
    missed = [r.what.strip() for r in rows if r.status == MISSED]
    failed = [r.what.strip() for r in rows if r.status == FAILED]
    met = sum(r.status == MET for r in rows)
    parts = [f"{met} target(s) met"]
    if missed:
        parts.append(f"MISSED: {'; '.join(missed)}")
    if failed:
        parts.append(f"FAILED to measure: {'; '.join(failed)}")
    return ". ".join(parts)


def write_json(results: dict, rows: Sequence[Row], path: Path) -> Path:
    """Everything measured, plus the table rows, as JSON (written whole, then moved into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {**results, "table": [asdict(r) for r in rows]}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
