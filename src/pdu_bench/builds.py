"""Build benchmarks: cold, no-op and incremental ``make reports``, and the per-notebook floor.

By default the builds run in a scratch copy of the project (code, notebooks, data, Makefile; the
environment is shared), so ``make bench`` never wipes the reports in the working tree and nothing
else running there disturbs it. ``--in-place`` runs them in the project itself instead (it runs
``make clean`` there first).

Which notebooks a build ran is read from the modification times of ``reports/executed/*.ipynb``
(a notebook that ran is rewritten); the wrapper's "executed NAME in S s" lines give each one's
seconds. What *should* run after touching a notebook is read from make's own database
(``make -p``): the notebook and every executed notebook whose rule depends on it, transitively.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pdu_analysis.paths import PROJECT_ROOT

EXECUTED = Path("reports") / "executed"
RENDER_STAMP = Path("reports") / "html" / ".rendered"
INDEX = Path("reports") / "html" / "index.html"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
DEFAULT_TOUCH = "04_event_feedback.ipynb"

COPY_IGNORE = (
    ".git",
    ".venv",
    ".lock-venv",
    "reports",
    "__pycache__",
    ".ipynb_checkpoints",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.egg-info",
    ".mypy_cache",
)
"""Not copied into the scratch project: history, the environment (shared), outputs and caches."""

MAKE_ENV_DROP = (
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
    "MAKEOVERRIDES",
    "MAKE_TERMOUT",
    "MAKE_TERMERR",
    "PDU_RAW_DIR",
    "PDU_OUTPUT_ROOT",
)
"""Left out of the builds' environment: the outer ``make bench`` must not steer the inner make."""

STACK_IMPORTS = ("pandas", "seaborn", "statsmodels.api", "matplotlib.pyplot")
"""The scientific stack every notebook's kernel loads (the floor imports these and whatever the
notebooks themselves import)."""

_EXECUTED_LINE = re.compile(r"^executed (\S+) in ([0-9.]+) s")
_RULE = re.compile(r"^reports/executed/(\d\d)_[^%:\s]*\.ipynb:(?!\s*\w+ :?=)(.*)$")
"""An executed notebook's prerequisites (the rules pdu_analysis.report.rules writes), not its variables."""
_PREREQ = re.compile(r"reports/executed/(\d\d)_[^\s]*\.ipynb")


@dataclass
class Workspace:
    """Where the builds run, and how make is called there."""

    root: Path
    env: dict[str, str]
    make_args: list[str]
    scratch: bool

    def notebooks(self) -> list[str]:
        return sorted(p.name for p in (self.root / "notebooks").glob(NOTEBOOK_GLOB))


@dataclass
class MakeRun:
    """One ``make`` invocation: wall seconds, exit status, output lines with their times."""

    target: str
    seconds: float
    returncode: int
    lines: list[tuple[float, str]] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    notebook_seconds: dict[str, float] = field(default_factory=dict)
    rendered: bool = False
    last_notebook_at: float | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def tail(self, n: int = 12) -> str:
        return "\n".join(line for _, line in self.lines[-n:])

    def to_record(self) -> dict:
        record = {
            "seconds": round(self.seconds, 3),
            "returncode": self.returncode,
            "notebooks_run": self.ran,
            "notebooks_run_count": len(self.ran),
            "notebook_seconds": {k: round(v, 2) for k, v in self.notebook_seconds.items()},
            "rendered": self.rendered,
        }
        if self.last_notebook_at is not None:
            record["after_last_notebook_seconds"] = round(self.seconds - self.last_notebook_at, 3)
        if not self.ok:
            record["error"] = self.tail()
        return record


def passthrough_overrides(makeflags: str | None = None) -> list[str]:
    """Command-line variables of the outer make (``make bench JOBS=3``), for the builds."""
    flags = os.environ.get("MAKEFLAGS", "") if makeflags is None else makeflags
    if " -- " in f" {flags} ":
        tail = f" {flags} ".split(" -- ", 1)[1]
        return [word for word in tail.split() if "=" in word]
    return []


def _build_env(root: Path, *, scratch: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in MAKE_ENV_DROP}
    if scratch:
        # The copy's own code is what its kernels import, and every output stays in the copy.
        env["PYTHONPATH"] = os.pathsep.join(
            [str(root / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        )
        env["PDU_OUTPUT_ROOT"] = str(root)
    return env


def scratch_workspace(
    dest: Path, *, project: Path = PROJECT_ROOT, extra_args: Sequence[str] = ()
) -> Workspace:
    """Copy the project into ``dest`` (modification times kept) for the builds to run in."""
    by_name = shutil.ignore_patterns(*COPY_IGNORE)
    processed = (project / "data" / "processed").resolve()

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(by_name(folder, names))
        if Path(folder).resolve() == processed:  # generated tables: make clean would remove them
            skipped |= {n for n in names if n != ".gitkeep"}
        return skipped

    shutil.copytree(project, dest, symlinks=True, ignore=ignore)
    (dest / "reports").mkdir(exist_ok=True)
    for keep in (".gitkeep", "MANIFEST.sha256"):
        if (project / "reports" / keep).exists():
            shutil.copy2(project / "reports" / keep, dest / "reports" / keep)
    # The environment is shared, never rebuilt: the builds use this interpreter directly.
    args = [f"PY={sys.executable}", "ENV_STAMP=", *extra_args]
    return Workspace(root=dest, env=_build_env(dest, scratch=True), make_args=args, scratch=True)


def in_place_workspace(*, project: Path = PROJECT_ROOT, extra_args: Sequence[str] = ()) -> Workspace:
    return Workspace(
        root=project, env=_build_env(project, scratch=False), make_args=list(extra_args), scratch=False
    )


def executed_state(root: Path) -> dict[str, int]:
    """Modification time (ns) of every executed notebook."""
    folder = root / EXECUTED
    if not folder.is_dir():
        return {}
    return {
        p.name: p.stat().st_mtime_ns
        for p in folder.glob(NOTEBOOK_GLOB)
        if not p.name.endswith(".failed.ipynb")
    }


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Executed notebooks written between two states (new or with a new modification time)."""
    return sorted(name for name, mtime in after.items() if before.get(name) != mtime)


def _mtime(path: Path) -> int | None:
    return path.stat().st_mtime_ns if path.exists() else None


def run_make(
    ws: Workspace, target: str, *, echo: Callable[[str], None] | None = None, timeout: float = 1800
) -> MakeRun:
    """Run ``make TARGET`` in the workspace; time it and note which notebooks it executed."""
    before, stamp = executed_state(ws.root), _mtime(ws.root / RENDER_STAMP)
    command = ["make", "--no-print-directory", target, *ws.make_args]
    lines: list[tuple[float, str]] = []
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ws.root,
        env=ws.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append((time.perf_counter() - started, line.rstrip("\n")))
            if echo:
                echo(line.rstrip("\n"))
        returncode = process.wait()
    finally:
        timer.cancel()
    seconds = time.perf_counter() - started
    run = MakeRun(target=target, seconds=seconds, returncode=returncode, lines=lines)
    run.ran = changed(before, executed_state(ws.root))
    run.rendered = _mtime(ws.root / RENDER_STAMP) != stamp
    for at, line in lines:
        match = _EXECUTED_LINE.match(line.strip())
        if match:
            run.notebook_seconds[f"{match.group(1)}.ipynb"] = float(match.group(2))
            run.last_notebook_at = at
    return run


def dependency_graph(ws: Workspace) -> dict[str, set[str]]:
    """Executed-notebook prerequisites by notebook number, from make's database (``make -p``)."""
    done = subprocess.run(
        ["make", "-pq", "--no-print-directory", "pipeline", *ws.make_args],
        cwd=ws.root,
        env=ws.env,
        capture_output=True,
        text=True,
        check=False,
    )
    graph: dict[str, set[str]] = {}
    for line in done.stdout.splitlines():
        match = _RULE.match(line)
        if match:
            graph.setdefault(match.group(1), set()).update(
                n for n in _PREREQ.findall(match.group(2)) if n != match.group(1)
            )
    return graph


def dependents(graph: dict[str, set[str]], number: str) -> set[str]:
    """Notebook numbers that depend on ``number``, directly or through others."""
    found: set[str] = set()
    frontier = {number}
    while frontier:
        frontier = {n for n, needs in graph.items() if needs & frontier} - found
        found |= frontier
    return found


def expected_after_touch(ws: Workspace, notebook: str) -> list[str]:
    """The executed notebooks that should be rebuilt after touching ``notebook``."""
    graph = dependency_graph(ws)
    numbers = {notebook[:2]} | dependents(graph, notebook[:2])
    return sorted(n for n in ws.notebooks() if n[:2] in numbers)


def choose_touch(notebooks: Sequence[str], wanted: str = DEFAULT_TOUCH) -> str | None:
    """The notebook to touch: ``wanted`` if present, else the first analysis notebook (03-06)."""
    if wanted in notebooks:
        return wanted
    analysis = [n for n in notebooks if n[:2] in ("03", "04", "05", "06")]
    if analysis:
        return analysis[0]
    return notebooks[-1] if notebooks else None


def touch(path: Path) -> None:
    """A newer modification time, as ``touch`` gives (at least 10 ms past the old one)."""
    old = path.stat().st_mtime_ns
    now = max(time.time_ns(), old + 10_000_000)
    os.utime(path, ns=(now, now))


# ---- the floor: one kernel start plus the imports, as each notebook pays it --------------------
def _imports_of(source: str) -> list[str]:
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []
    return [
        ast.unparse(node)
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not getattr(node, "level", 0)
    ]


def notebook_imports(paths: Iterable[Path]) -> list[str]:
    """Every top-level import statement in the notebooks' code cells, once each, in order."""
    import nbformat

    seen: dict[str, None] = {}
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                for statement in _imports_of(cell.source):
                    seen.setdefault(statement, None)
    return list(seen)


def floor_code(notebook_paths: Iterable[Path]) -> str:
    stack = [f"import {module}" for module in STACK_IMPORTS]
    return "\n".join(dict.fromkeys(stack + notebook_imports(notebook_paths)))


def kernel_floor(ws: Workspace, code: str, *, timeout: float = 180) -> dict:
    """Start the project's kernel as papermill does, run ``code`` (the imports), shut it down."""
    from jupyter_client.manager import KernelManager

    from pdu_analysis.report import KERNEL_NAME
    from pdu_analysis.report.execute import KERNEL_ARGUMENTS

    t0 = time.perf_counter()
    manager = KernelManager(kernel_name=KERNEL_NAME)
    manager.start_kernel(extra_arguments=list(KERNEL_ARGUMENTS), cwd=str(ws.root / "notebooks"), env=ws.env)
    client = manager.client()
    error = None
    try:
        client.start_channels()
        client.wait_for_ready(timeout=timeout)
        t1 = time.perf_counter()
        reply = client.execute_interactive(code, timeout=timeout, output_hook=lambda msg: None)
        t2 = time.perf_counter()
        if reply["content"].get("status") != "ok":
            error = f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)
    t3 = time.perf_counter()
    result: dict[str, float | str] = {
        "start_seconds": t1 - t0,
        "import_seconds": t2 - t1,
        "shutdown_seconds": t3 - t2,
        "seconds": t3 - t0,
    }
    if error:
        result["error"] = error
    return result


def process_start(ws: Workspace) -> float:
    """Seconds for a fresh interpreter to import papermill, as each notebook's wrapper does."""
    t0 = time.perf_counter()
    code = "import papermill, nbformat, pdu_analysis.report.execute"
    subprocess.run([sys.executable, "-c", code], cwd=ws.root, env=ws.env, check=True, capture_output=True)
    return time.perf_counter() - t0


def measure_floor(ws: Workspace, *, repeats: int = 2) -> dict:
    """The per-notebook floor (best of ``repeats``) and the imports it ran."""
    notebooks = [ws.root / "notebooks" / n for n in ws.notebooks()]
    code = floor_code(notebooks)
    runs = [kernel_floor(ws, code) for _ in range(repeats)]
    best = min(runs, key=lambda r: r["seconds"])
    return {
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in best.items()},
        "runs_seconds": [round(r["seconds"], 3) for r in runs],
        "papermill_process_seconds": round(min(process_start(ws) for _ in range(repeats)), 3),
        "imports": code.splitlines(),
    }
