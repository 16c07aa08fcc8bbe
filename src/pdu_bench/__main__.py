"""``make bench``: time the builds and the scale steps, print the table, write reports/bench.json.

    python -m pdu_bench [--skip-builds] [--skip-scale] [--sizes 1,10,100,1000]
                                 [--touch 04_event_feedback.ipynb] [--jobs N] [--in-place]
                                 [--keep] [--verbose] [--out reports/bench.json]

A missed target is printed as MISSED and the exit status stays 0 (a benchmark informs, it does not
break the build); the exit status is 1 only when something could not be measured at all (a build
or a scale step failed).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from pdu_analysis import paths

from . import builds, edit, report, scale


def _log(message: str) -> None:
    print(f">> bench: {message}", file=sys.stderr, flush=True)


def _machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def measure_builds(args: argparse.Namespace) -> dict:
    extra = builds.passthrough_overrides()
    if args.jobs:
        extra = [a for a in extra if not a.startswith("JOBS=")] + [f"JOBS={args.jobs}"]
    jobs = next((a.split("=", 1)[1] for a in extra if a.startswith("JOBS=")), "2")
    echo = (lambda line: print(f"   | {line}", file=sys.stderr, flush=True)) if args.verbose else None
    scratch_parent = None
    if args.in_place:
        ws = builds.in_place_workspace(extra_args=extra)
        _log(f"builds in place, in {ws.root} (make clean first)")
    else:
        scratch_parent = Path(tempfile.mkdtemp(prefix="pdu-bench-"))
        ws = builds.scratch_workspace(scratch_parent / "project", extra_args=extra)
        _log(f"builds in a scratch copy of the project: {ws.root}")
    result: dict = {
        "where": "in place" if args.in_place else "scratch copy",
        "jobs": jobs,
        "make_args": ws.make_args,
    }
    try:
        notebooks = ws.notebooks()
        result["notebooks"] = notebooks
        builds.run_make(ws, "clean")
        _log("floor: starting the kernel and importing the stack ...")
        try:
            floor = builds.measure_floor(ws)
        except Exception as err:  # noqa: BLE001 - reported as a failed measurement
            floor = {"error": f"{type(err).__name__}: {err}"}
        floor["notebooks"] = len(notebooks)
        result["floor"] = floor

        _log(f"cold: make reports after make clean ({len(notebooks)} notebooks) ...")
        cold = builds.run_make(ws, "reports", echo=echo)
        result["cold"] = cold.to_record()
        if not cold.ok:
            _log(f"cold build FAILED:\n{cold.tail()}")
            return result

        _log("no-op: make reports again, nothing changed ...")
        runs = [builds.run_make(ws, "reports", echo=echo) for _ in range(args.noop_runs)]
        result["noop"] = {"seconds": max(r.seconds for r in runs), "runs": [r.to_record() for r in runs]}

        touched = builds.choose_touch(notebooks, args.touch)
        if touched is None:
            result["incremental"] = {"skipped": "no notebook to touch"}
        else:
            if touched != args.touch:
                _log(f"{args.touch} not found; touching {touched} instead")
            expected = builds.expected_after_touch(ws, touched)
            _log(
                f"incremental: touch notebooks/{touched}; make reports "
                f"(expected to run: {', '.join(expected)}) ..."
            )
            builds.touch(ws.root / "notebooks" / touched)
            inc = builds.run_make(ws, "reports", echo=echo)
            result["incremental"] = {"touched": touched, "expected": expected, **inc.to_record()}
            _log(f"edit-to-page: one caption of notebooks/{touched} reworded; make reports ...")
            try:
                result["edit_to_page"] = edit.measure(ws, touched, echo=echo)
            except ValueError as err:
                result["edit_to_page"] = {"skipped": str(err)}
    finally:
        if scratch_parent is not None:
            if args.keep:
                _log(f"scratch copy kept: {ws.root}")
            else:
                shutil.rmtree(scratch_parent, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdu_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--skip-builds", action="store_true", help="only the scale steps")
    parser.add_argument("--skip-scale", action="store_true", help="only the builds")
    parser.add_argument(
        "--sizes", default="1,10,100,1000", help="scale factors, comma-separated (default 1,10,100,1000)"
    )
    parser.add_argument(
        "--touch", default=builds.DEFAULT_TOUCH, help="notebook touched for the incremental build"
    )
    parser.add_argument("--jobs", type=int, default=None, help="JOBS for the builds")
    parser.add_argument("--noop-runs", type=int, default=3, help="no-op builds to time")
    parser.add_argument(
        "--in-place", action="store_true", help="build in the project itself (runs make clean there)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy")
    parser.add_argument(
        "--raw", type=Path, default=None, help="raw folder grown for the scale steps (default data/raw)"
    )
    parser.add_argument("--verbose", action="store_true", help="show make's output")
    parser.add_argument("--out", type=Path, default=None, help="JSON file (default reports/bench.json)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    results: dict = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "targets": {
            "cold_s": report.COLD_TARGET_S,
            "noop_s": report.NOOP_TARGET_S,
            "scale_1000x_s": report.SCALE_TARGET_S,
            "scale_1000x_mb": report.SCALE_TARGET_MB,
            "edit_to_page_s": report.EDIT_TARGET_S,
        },
    }
    if not args.skip_builds:
        results["builds"] = measure_builds(args)
        step = results["builds"].get("edit_to_page", {})
        if "seconds" in step and step.get("returncode") == 0 and step.get("page_shows_it"):
            results["edit_to_page_s"] = step["seconds"]
    if not args.skip_scale:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        raw = (args.raw or paths.DEFAULT_RAW_DIR).resolve()
        results["scale"] = scale.measure(sizes, raw, log=_log)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)

    rows = report.evaluate(results)
    out = args.out or paths.reports_dir() / "bench.json"
    report.write_json(results, rows, out)
    print()
    print(report.format_table(rows))
    print()
    print(report.summary(rows))
    print(f"(written to {out}; the bench took {results['bench_seconds']:.0f} s)")
    return 1 if any(r.status == report.FAILED for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
