"""Start a notebook's kernel before papermill is loaded, and let it import the notebook's modules.

Why: most of the time a one-notebook rebuild takes (an evaluator rewording a caption) is the
kernel starting and importing pandas, matplotlib and scipy, and this process importing papermill
and nbclient. Done one after the other they add up; on a machine with two cores they can overlap:
the kernel starts and imports on one core while papermill is imported on the other.

The notebook then runs in this kernel exactly as in one papermill would have started: the same
kernel spec, arguments, folder and ipc sockets, and nothing sent to it before the first cell but
imports, executed silently (no execution count, no history, no output kept), which bind no name
in the notebook's namespace. A module that fails to import is left for the notebook's own
import line to report, in its own cell.
"""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import nbformat
from traitlets.config import Config

HISTORY_ARGUMENT = "--HistoryManager.hist_file=:memory:"
"""What nbclient adds when it starts an IPython kernel itself (no history file written)."""


def imported_modules(nb) -> list[str]:
    """Modules named by the top-level import statements of the notebook's code cells, in order.

    ``from package import name`` also lists ``package.name``, since ``name`` is often a module
    (``from pdu_analysis import figures``); where it is not, its import attempt fails quietly.
    Cells that are not plain Python (IPython magics) are skipped.
    """
    found: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return list(dict.fromkeys(found))


def warm_up_code(modules: Sequence[str]) -> str:
    """Code importing ``modules`` that leaves the namespace as it found it."""
    return (
        f"for _pdu_module in {list(modules)!r}:\n"
        "    try:\n"
        "        __import__(_pdu_module)\n"
        "    except Exception:\n"
        "        pass\n"
        "del _pdu_module\n"
    )


@contextlib.contextmanager
def started(
    notebook: Path, kernel_name: str, config: Config, extra_arguments: Sequence[str]
) -> Iterator[object]:
    """A running kernel manager for ``notebook``, importing its modules; shut down on exit."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    modules = imported_modules(nbformat.read(notebook, as_version=4))
    manager = AsyncKernelManager(kernel_name=kernel_name, config=config)
    run_sync(manager.start_kernel)(
        extra_arguments=[*extra_arguments, HISTORY_ARGUMENT], cwd=str(notebook.resolve().parent)
    )
    client = manager.blocking_client()  # a plain socket: the message is sent before papermill's loop runs
    try:
        client.start_channels()
        if modules:
            client.execute(warm_up_code(modules), silent=True, store_history=False)
        yield manager
    finally:
        client.stop_channels()
        with contextlib.suppress(Exception):  # the kernel may already have died; say nothing more
            run_sync(manager.shutdown_kernel)(now=True)  # also removes the connection file and sockets
