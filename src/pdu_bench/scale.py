"""The scale benchmark: cleaning and statistics on the reconstruction grown 10x, 100x, 1000x.

Each size runs in two fresh processes: one grows the raw folder (``bench.grow``, not timed as part
of the step), one runs the step and reports its own seconds and peak memory, so the peak of one size
never hides in another's. The step is what a real export of that size would cost:

1. ``clean.build_attendance`` (register, events, hub list -> tidy tables),
2. ``clean.build_surveys`` (every SurveyMonkey export -> responses and answers),
3. ``tables.build_headline`` on those tables in memory,
4. ``stats.sector_share_clustered`` (GEE, person as cluster, one fit per period) on the
   attendances.

    python -m pdu_bench.scale RAW_DIR     # one step, JSON on stdout
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pdu_analysis import cli

PHASES = ("build_attendance", "build_surveys", "headline", "gee")


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (``ru_maxrss`` is KB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def step(raw: Path) -> dict:
    """Run the step on ``raw`` in this process; seconds per phase, row counts and peak MB."""
    started = time.perf_counter()
    from pdu_analysis import clean, stats
    from pdu_analysis.tables import build_headline

    imported = time.perf_counter()
    seconds: dict[str, float] = {}

    def timed(name: str, call: Callable):
        t0 = time.perf_counter()
        value = call()
        seconds[name] = time.perf_counter() - t0
        return value

    attendance = timed("build_attendance", lambda: clean.build_attendance(raw))
    surveys = timed("build_surveys", lambda: clean.build_surveys(raw, attendance.tables["events"]))
    tables = {**attendance.tables, **surveys.tables}
    table = timed("headline", lambda: build_headline(tables))
    gee = timed(
        "gee",
        lambda: stats.sector_share_clustered(
            tables["attendances"],
            outcome_col="sector",
            success="statutory",
            cluster_col="person_id",
            group_col="period",
        ),
    )
    return {
        "import_seconds": imported - started,
        "phase_seconds": seconds,
        "seconds": sum(seconds.values()),
        "peak_mb": peak_mb(),
        "rows": {name: len(frame) for name, frame in tables.items()},
        "headline_rows": len(table),
        "gee_groups": len(gee),
    }


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PDU_RAW_DIR", None)
    return env


def _run_json(args: Sequence[str], timeout: float) -> dict:
    done = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_child_env(),
        check=False,
    )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"{' '.join(args[:3])} failed (exit {done.returncode}): {tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_size(factor: int, raw: Path, *, workdir: Path, timeout: float = 900) -> dict:
    """Grow ``raw`` ``factor``-fold under ``workdir`` and run the step on it in a fresh process."""
    grown = workdir / f"raw-{factor}x"
    t0 = time.perf_counter()
    written = _run_json(
        ["-m", "pdu_bench.grow", "--factor", str(factor), "--out", str(grown), "--raw", str(raw)],
        timeout,
    )
    grow_seconds = time.perf_counter() - t0
    result = _run_json(["-m", "pdu_bench.scale", str(grown)], timeout)
    return {"factor": factor, "grow_seconds": grow_seconds, "raw_rows": written, **result}


def measure(
    factors: Sequence[int], raw: Path, *, log: Callable[[str], None] = print, timeout: float = 900
) -> list[dict]:
    """Every size in turn (each grown folder deleted before the next is made)."""
    results = []
    for factor in factors:
        with tempfile.TemporaryDirectory(prefix=f"pdu-bench-{factor}x-") as tmp:
            log(f"scale {factor}x: growing the reconstruction and running the step ...")
            try:
                result = measure_size(factor, raw, workdir=Path(tmp), timeout=timeout)
            except (RuntimeError, subprocess.TimeoutExpired, ValueError) as err:
                result = {"factor": factor, "error": str(err).strip()}
                log(f"scale {factor}x: FAILED: {result['error']}")
            else:
                log(
                    f"scale {factor}x: {result['seconds']:.2f} s, {result['peak_mb']:.0f} MB peak "
                    f"({result['rows']['attendances']:,} attendances)"
                )
        results.append(result)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_bench.scale", __doc__)
    parser.add_argument("raw", type=Path, metavar="RAW_DIR", help="the raw folder to run the step on")
    json.dump(step(parser.parse_args(argv).raw.resolve()), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
