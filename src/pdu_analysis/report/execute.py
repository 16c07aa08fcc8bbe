"""Run one numbered notebook with papermill and keep the result only if every cell succeeded.

    python -m pdu_analysis.report.execute notebooks/03_who_attends.ipynb \
        reports/executed/03_who_attends.ipynb [-p raw_dir path/to/exports ...]

Why it wraps papermill rather than calling it from the Makefile:

- The kernel is always ``pdu-analysis`` whatever kernelspec a notebook was last saved with, so a
  notebook saved on a laptop with kernel "python3" or "conda-env-x" never fails with NoSuchKernel.
- The notebook runs in its own folder, as it does when opened in JupyterLab, with
  ``PDU_OUTPUT_ROOT`` always set (the project root unless the build chose a staging or scratch
  folder), which is how ``paths`` tells a build run from a hand run in JupyterLab.
- The kernel talks over ipc (Unix sockets in a folder of its own), not TCP ports: Jupyter picks free
  ports and then binds them, and notebooks started in parallel could race for the same port.
- Run-specific metadata (start/end times, durations, nbclient timestamps, papermill's random id for
  the injected cell, temp-file paths) is removed, so the same inputs give the same bytes.
- The output is written to a temporary file and moved into place only on success. On failure the
  previous output is left as it was, the failed run is kept beside it as ``NAME.failed.ipynb`` and
  one message names the notebook, the cell and the error. A ``PDUInputError`` (bad raw data) is
  printed as its message alone: it names the file, row and column, and a traceback would only hide
  it from the person who has to fix the spreadsheet.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import nbformat
from traitlets.config import Config

from .. import paths
from ..atomic import write_atomic
from . import KERNEL_NAME, prerender, warm_kernel

ENGINE_NAME = "pdu-progress"
INJECTED_TAG = "injected-parameters"
ERROR_MARKER_TAG = "papermill-error-cell-tag"
USER_ERROR = "PDUInputError"
TIMING_KEYS = ("start_time", "end_time", "duration")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_CELL_FRAME = re.compile(r"^Cell In\[\d*\], line (\d+)", re.M)
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
"""Quietens ipykernel's start-up warnings (the kernel is local)."""
KERNEL_DISPLAY_NAME = "PDU analysis (Python {}.{})".format(*sys.version_info[:2])
"""As ``make env`` registers it: the kernel runs the interpreter running this module."""


def ipc_config(folder: str | os.PathLike) -> Config:
    """Kernel manager settings: ipc sockets named under ``folder`` (one folder per run)."""
    return Config({"KernelManager": {"transport": "ipc", "ip": str(Path(folder) / "kernel")}})


class NotebookFailed(Exception):
    """Execution stopped; ``str()`` is the message for the person running ``make``."""

    def __init__(self, message: str, failed_copy: Path | None = None, *, input_error: bool = False) -> None:
        super().__init__(message)
        self.failed_copy = failed_copy
        self.input_error = input_error  # a PDUInputError: the message is all a person needs


def _register_engine() -> None:
    """A papermill engine that reports each code cell as it starts (papermill's bar is a tqdm)."""
    from papermill.engines import NBClientEngine, papermill_engines

    class ProgressEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            on_cell = kwargs.pop("on_cell", None)
            if on_cell is not None:
                started = nb_man.cell_start

                def cell_start(cell, cell_index=None, **kw):
                    started(cell, cell_index, **kw)
                    on_cell(nb_man.nb, cell_index)

                nb_man.cell_start = cell_start
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(ENGINE_NAME, ProgressEngine)


def source_number(nb, index: int) -> tuple[int, int]:
    """(position, total) of cell ``index`` counted as in the source notebook (1-based).

    Papermill inserts an ``injected-parameters`` cell; it is not counted, so "cell 5" is the fifth
    cell a person sees when opening the notebook in JupyterLab.
    """
    injected = [INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells]
    return index + 1 - sum(injected[:index]), len(nb.cells) - sum(injected)


def first_line(source: str, width: int = 60) -> str:
    """First non-blank line of a cell, shortened: enough to find the cell by eye."""
    line = next((s.strip() for s in source.splitlines() if s.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"


def scrub(nb, *, output_path: str):
    """Remove what differs between two runs of the same notebook on the same inputs."""
    meta = nb.metadata.setdefault("papermill", {})
    for key in TIMING_KEYS:
        meta.pop(key, None)
    meta["output_path"] = output_path
    nb.metadata["kernelspec"] = {
        "name": KERNEL_NAME,
        "display_name": KERNEL_DISPLAY_NAME,
        "language": "python",
    }
    if (nb.nbformat, nb.get("nbformat_minor", 0)) < (4, 5):
        nb.nbformat, nb.nbformat_minor = 4, 5
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)  # nbclient's iopub/shell timestamps
        for key in TIMING_KEYS:
            cell.metadata.get("papermill", {}).pop(key, None)
        tags = cell.metadata.get("tags", [])
        if INJECTED_TAG in tags:
            cell["id"] = INJECTED_TAG  # papermill gives it a random id
        elif ERROR_MARKER_TAG in tags:
            cell["id"] = f"papermill-error-{i}"
        else:  # nbformat's 4.4 -> 4.5 upgrade gives id-less source cells random ids
            cell["id"] = f"cell-{i}"
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain")
            if isinstance(text, str) and _ADDRESS.search(text):
                output["data"]["text/plain"] = _ADDRESS.sub(" at 0x…", text)
    return nb


def parse_value(text: str):
    """Command-line parameter text to a Python value, as papermill's ``-p`` does."""
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("none", "null"):
        return None
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def _absolute_locations(parameters: dict) -> dict:
    """Relative folders are meant from where ``make`` runs, but the kernel runs in notebooks/.

    ``PDU_OUTPUT_ROOT`` is always set for the kernel: a build run writes the build's outputs.
    """
    os.environ.setdefault(paths.OUTPUT_ROOT_VARIABLE, str(paths.PROJECT_ROOT))
    for var in ("PDU_RAW_DIR", "PDU_OUTPUT_ROOT"):
        if os.environ.get(var):
            os.environ[var] = str(Path(os.environ[var]).expanduser().resolve())
    if isinstance(parameters.get("raw_dir"), str) and parameters["raw_dir"]:
        parameters["raw_dir"] = str(Path(parameters["raw_dir"]).expanduser().resolve())
    return parameters


def _shown(output: Path) -> str:
    """The output's path from the output root, so a staged or scratch build records the same."""
    try:
        return output.resolve().relative_to(paths.output_root()).as_posix()
    except ValueError:
        return str(output)


def _progress_printer(name: str, stream) -> Callable:
    def report(nb, index: int) -> None:
        if nb.cells[index].cell_type == "code":
            position, total = source_number(nb, index)
            label = (
                "parameters"
                if INJECTED_TAG in nb.cells[index].metadata.get("tags", [])
                else f"cell {position}/{total}"
            )
            print(f"running {name}: {label}", file=stream, flush=True)

    return report


def _keep_failed(tmp: Path, failed: Path, output_path: str) -> Path | None:
    """Move the partly executed notebook to ``failed`` (scrubbed); None if nothing was written."""
    try:
        nb = nbformat.read(tmp, as_version=4)
    except Exception:  # noqa: BLE001 - nothing readable was saved before the failure
        return None
    write_atomic(failed, nbformat.writes(scrub(nb, output_path=output_path)).encode("utf-8"))
    return failed


def failing_line(source: str, traceback: list[str] | None) -> tuple[int, str] | None:
    """(line number, text) of the line in the cell that raised, read from IPython's traceback.

    The traceback's first ``Cell In[n], line k`` frame is the cell itself; deeper frames are
    library code. None when there is no such frame (a dead kernel, a timeout).
    """
    text = _ANSI.sub("", "\n".join(traceback or []))
    match = _CELL_FRAME.search(text)
    lines = source.splitlines()
    if not match or not 1 <= int(match.group(1)) <= len(lines):
        return None
    number = int(match.group(1))
    return number, first_line(lines[number - 1])


def _describe(notebook: Path, nb, index: int | None, ename: str, evalue: str, traceback=None) -> str:
    """One line: which notebook, which cell (as numbered in JupyterLab) and line, which error."""
    evalue = _ANSI.sub("", evalue or "").strip()
    if ename == USER_ERROR:
        return evalue
    where = ""
    if nb is not None and index is not None:
        # papermill has already inserted its error-marker cells; count without them
        cells = [c for c in nb.cells if ERROR_MARKER_TAG not in c.metadata.get("tags", [])]
        if 0 <= index < len(cells):
            view = nbformat.from_dict({"cells": cells})
            position, _ = source_number(view, index)
            cell = cells[index]
            label = (
                "the injected parameters cell"
                if INJECTED_TAG in cell.metadata.get("tags", [])
                else f"cell {position}"
            )
            line = failing_line(cell.source, traceback)
            if line and line[0] > 1:  # on line 1 the text alone finds it
                label += f", line {line[0]}"
            where = f" at {label} ({line[1] if line else first_line(cell.source)})"
    detail = evalue.splitlines()[0] if evalue else ""
    if len(evalue.splitlines()) > 1:
        detail += " […]"
    return f"notebook {notebook.name} failed{where}: {ename}" + (f": {detail}" if detail else "")


def _papermill(notebook, tmp, parameters, kernel_name, cell_timeout, on_cell, sockets, renderer):
    """papermill on a kernel started first (``warm_kernel``), so its start overlaps papermill's import."""
    config = ipc_config(sockets)
    with warm_kernel.started(notebook, kernel_name, config, KERNEL_ARGUMENTS) as manager:
        if renderer is not None:
            renderer.start()  # nbconvert loads on this core while the kernel imports on the other
        import papermill

        _register_engine()
        return papermill.execute_notebook(
            str(notebook),
            str(tmp),
            parameters=parameters or None,
            engine_name=ENGINE_NAME,
            kernel_name=kernel_name,
            language="python",
            progress_bar=False,
            cwd=str(notebook.resolve().parent),
            execution_timeout=cell_timeout,
            on_cell=on_cell,
            km=manager,
            config=config,
        )


def _run(notebook, tmp, failed, output, parameters, kernel_name, cell_timeout, on_cell, state, renderer):
    """papermill on the pdu-analysis kernel; each way it can fail becomes one ``NotebookFailed``.

    papermill is imported only once the kernel is starting (``_papermill``), so its exception
    class is looked up when something failed.
    """
    from jupyter_client.kernelspec import NoSuchKernel

    try:
        with tempfile.TemporaryDirectory(prefix="pdu-kernel-") as sockets:
            return _papermill(
                notebook, tmp, parameters, kernel_name, cell_timeout, on_cell, sockets, renderer
            )
    except NoSuchKernel:
        raise NotebookFailed(
            f"notebook {notebook.name}: the Jupyter kernel '{kernel_name}' is not registered; "
            f"run: .venv/bin/python -m ipykernel install --sys-prefix --name {kernel_name} "
            f'--display-name "{KERNEL_DISPLAY_NAME}"'
        ) from None
    except Exception as err:  # a failing cell; a dead kernel, cell timeout, unreadable notebook
        raise _failure(err, notebook, tmp, failed, output, state) from None


def _failure(err: Exception, notebook, tmp, failed, output, state) -> NotebookFailed:
    """The one message for ``err``, with the partly executed notebook kept beside the output."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(err, PapermillExecutionError):
        kept = _keep_failed(tmp, failed, _shown(output))
        return NotebookFailed(
            _describe(notebook, state["nb"], err.cell_index, err.ename, err.evalue, err.traceback),
            kept,
            input_error=err.ename == USER_ERROR,
        )
    kept = _keep_failed(tmp, failed, _shown(output)) if tmp.stat().st_size else None
    return NotebookFailed(
        _describe(notebook, state["nb"], state["index"], type(err).__name__, str(err)), kept
    )


def check_parameters_cell(notebook: Path) -> None:
    """Stop, naming the notebook, unless a code cell is tagged ``parameters`` (papermill would
    only warn, and the notebook's own defaults would then overwrite the build's parameters)."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except (OSError, ValueError) as err:
        raise NotebookFailed(f"{notebook}: not a readable notebook ({err})") from None
    if not [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]:
        raise NotebookFailed(
            f"{notebook}: no code cell is tagged 'parameters'; tag the cell that sets raw_dir "
            "(JupyterLab: Property Inspector > Cell Tags > parameters), or start from `make new-page`"
        )


def execute_notebook(
    notebook: str | os.PathLike,
    output: str | os.PathLike,
    parameters: Mapping[str, object] | None = None,
    *,
    kernel_name: str = KERNEL_NAME,
    progress: bool = True,
    cell_timeout: int | None = 600,
    stream=None,
    page_dir: str | os.PathLike | None = None,
) -> Path:
    """Execute ``notebook`` into ``output``; raise ``NotebookFailed`` (output untouched) on error.

    ``parameters`` go to the cell tagged ``parameters``. Progress lines
    ("running 03_who_attends: cell 5/23") go to ``stream`` (stderr by default). With ``page_dir``
    the page is rendered there too, by this process (``prerender``), when every other notebook
    has run, so the neighbours' headings are known.
    """
    stream = stream or sys.stderr
    notebook, output = Path(notebook), Path(output)
    failed = output.with_name(output.name.removesuffix(".ipynb") + ".failed.ipynb")
    if not notebook.is_file():
        raise NotebookFailed(f"notebook {notebook} not found")
    check_parameters_cell(notebook)
    parameters = _absolute_locations(dict(parameters or {}))
    raw = paths.raw_dir(parameters.get("raw_dir") or None)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.stem}.", suffix=".running.ipynb")
    os.close(fd)
    tmp = Path(tmp_name)
    state = {"nb": None, "index": None}
    printer = _progress_printer(notebook.stem, stream) if progress else None

    def on_cell(nb, index):
        state["nb"], state["index"] = nb, index
        if printer:
            printer(nb, index)

    renderer = prerender.for_run(Path(page_dir), output, notebook.parent) if page_dir is not None else None
    started = time.monotonic()
    try:
        nb = _run(
            notebook,
            tmp,
            failed,
            output,
            parameters,
            kernel_name,
            cell_timeout,
            on_cell,
            state,
            renderer,
        )
    except BaseException:  # failure or Ctrl-C: leave no temporary file behind
        tmp.unlink(missing_ok=True)
        raise

    nb.metadata.setdefault("pdu_analysis", {})["synthetic_data"] = paths.is_synthetic(raw)
    write_atomic(output, nbformat.writes(scrub(nb, output_path=_shown(output))).encode("utf-8"))
    tmp.unlink(missing_ok=True)
    failed.unlink(missing_ok=True)
    page = renderer.render(output) if renderer is not None else None
    if progress:
        print(
            f"executed {notebook.stem} in {time.monotonic() - started:.1f} s -> {output}"
            + (f"; page {page}" if page else ""),
            file=stream,
            flush=True,
        )
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdu_analysis.report.execute",
        description="Execute one notebook with papermill on the pdu-analysis kernel.",
    )
    parser.add_argument("notebook", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a parameter (repeatable)",
    )
    parser.add_argument(
        "--cell-timeout", type=int, default=600, help="seconds one cell may run (default 600; 0 = no limit)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    parser.add_argument(
        "--page-dir",
        type=Path,
        default=None,
        help="also render the page into this folder (the build's reports/html)",
    )
    args = parser.parse_args(argv)
    parameters = {name: parse_value(value) for name, value in args.parameter}
    try:
        execute_notebook(
            args.notebook,
            args.output,
            parameters,
            progress=not args.quiet,
            cell_timeout=args.cell_timeout or None,
            page_dir=args.page_dir,
        )
    except NotebookFailed as failure:
        print(failure, file=sys.stderr)
        if failure.failed_copy is not None and not failure.input_error:
            print(f"  (executed copy with the full error: {failure.failed_copy})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
