"""``make lab``: JupyterLab on the project, with notebooks that stay clean in git.

    python -m pdu_analysis.lab [--port 8888] [--token T] [--root DIR]

- Rooted at the project, so the file browser reaches ``notebooks/``, ``reports/`` and the
  ``.scratch/`` folder where hand runs write (see :mod:`pdu_analysis.paths`).
- The project kernel (``pdu-analysis``) is the default for a new notebook.
- Every save goes through :func:`pre_save_hook`, which strips outputs, execution counts and the
  metadata Lab adds on opening (language version, run timestamps, cell ids), so a notebook edited
  and saved in Lab is stored as it is committed: ``git status`` stays clean and ``make lint``
  passes. A pre-save hook was chosen over pairing each notebook with a text file (jupytext): the
  notebooks stay the one file papermill runs and nbconvert renders, nothing new enters the lock,
  and the clean copy is what is on disk, not a second file to keep in step.
- A browser is opened only where there is a display (``DISPLAY`` or ``WAYLAND_DISPLAY``); the
  server listens on the loopback interface only.

Build outputs (``reports/``, ``.build/``, ``.scratch/``) are saved as they are: an executed
notebook keeps its outputs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import PurePosixPath

from .paths import PROJECT_ROOT

KERNEL_NAME = "pdu-analysis"
KEPT_AS_IS = ("reports", ".build", ".scratch")
"""Top-level folders whose notebooks are outputs, saved with their outputs."""
RUN_METADATA = ("execution", "collapsed", "scrolled")
"""Cell metadata a run or a click adds, not the author."""


def kernelspec() -> dict[str, str]:
    """The project kernel as ``make env`` registers it (the Python running this module)."""
    version = "{}.{}".format(*sys.version_info[:2])
    return {"display_name": f"PDU analysis (Python {version})", "language": "python", "name": KERNEL_NAME}


def clean_notebook(nb: dict) -> dict:
    """Strip ``nb`` (a notebook as a dict, changed in place) to what is committed; return it."""
    for cell in nb.get("cells", []):
        cell.pop("id", None)
        for key in RUN_METADATA:
            cell.get("metadata", {}).pop(key, None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            if cell.get("cell_type") == "markdown" and not cell.get("attachments"):
                cell.pop("attachments", None)
    meta = nb.setdefault("metadata", {})
    if meta.get("kernelspec", {}).get("name") != KERNEL_NAME:
        meta["kernelspec"] = kernelspec()
    meta["language_info"] = {"name": "python"}
    meta.pop("widgets", None)
    nb["nbformat"], nb["nbformat_minor"] = 4, 4
    return nb


def kept_as_is(path: str) -> bool:
    """True for a notebook that is a build output (under ``reports/``, ``.build/``, ``.scratch/``)."""
    parts = PurePosixPath(path.strip("/")).parts
    return bool(parts) and parts[0] in KEPT_AS_IS


def pre_save_hook(model: dict, path: str, contents_manager=None, **kwargs) -> None:
    """Jupyter's ContentsManager.pre_save_hook: store notebooks without outputs."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict) and not kept_as_is(path):
        clean_notebook(model["content"])


def has_display(environ=os.environ) -> bool:
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def server_config(*, root: str, port: int | None, token: str | None, open_browser: bool):
    """The settings ``make lab`` starts JupyterLab with."""
    from traitlets.config import Config

    config = Config()
    config.ServerApp.root_dir = root
    config.ServerApp.ip = "127.0.0.1"
    config.ServerApp.open_browser = open_browser
    if port:
        config.ServerApp.port = port
        config.ServerApp.port_retries = 0  # the port asked for, or a clear error
    if token is not None:
        config.IdentityProvider.token = token
    if hasattr(os, "getuid") and os.getuid() == 0:
        config.ServerApp.allow_root = True
    config.ServerApp.default_url = "/lab"
    config.MappingKernelManager.default_kernel_name = KERNEL_NAME
    config.ContentsManager.pre_save_hook = pre_save_hook
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdu_analysis.lab", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--port", type=int, default=None, help="port (default: Jupyter's, 8888 or the next free)"
    )
    parser.add_argument("--token", default=None, help="token (default: a random one, printed)")
    parser.add_argument(
        "--root", default=str(PROJECT_ROOT), help="folder the file browser opens (the project)"
    )
    parser.add_argument("--no-browser", action="store_true", help="never open a browser")
    args = parser.parse_args(argv)
    from jupyter_server.serverapp import ServerApp

    config = server_config(
        root=args.root,
        port=args.port,
        token=args.token if args.token not in (None, "") else None,
        open_browser=has_display() and not args.no_browser,
    )
    os.environ.pop("PDU_OUTPUT_ROOT", None)  # runs started in Lab write under .scratch/
    app = ServerApp.instance(config=config)
    app.initialize(argv=[])  # loads JupyterLab as an extension, opening on /lab
    app.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
