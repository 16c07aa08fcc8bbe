"""Kernels started in parallel by the build never race for a TCP port (slow: starts kernels).

Jupyter's TCP transport picks free ports and binds them later, so two kernels starting at once could
take the same port (``ZMQError: Address already in use``). The build's kernels use ipc sockets in a
folder of their own; this starts several runs at once and asks each kernel how it was connected.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from pdu_analysis.report import execute

pytestmark = pytest.mark.slow

PROBE = """\
import os
from ipykernel.kernelapp import IPKernelApp
print("transport:", IPKernelApp.instance().transport)
print("output root:", os.environ.get("PDU_OUTPUT_ROOT"))"""


def test_parallel_runs_all_start_and_use_ipc(tmp_path):
    source = tmp_path / "probe.ipynb"
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("raw_dir = None", metadata={"tags": ["parameters"]})
    nb.cells = [parameters, nbformat.v4.new_code_cell(PROBE)]  # every build notebook has its parameters cell
    nbformat.write(nb, source)
    env = {**os.environ, "PDU_OUTPUT_ROOT": str(tmp_path / "out")}
    outputs = [tmp_path / f"run{i}.ipynb" for i in range(5)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "pdu_analysis.report.execute", str(source), str(out), "-q"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outputs
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * len(runs), errors
    for out in outputs:
        probe = [c for c in nbformat.read(out, as_version=4).cells if c.source == PROBE][0]
        text = "".join(probe.outputs[0]["text"])
        assert "transport: ipc" in text
        assert f"output root: {tmp_path / 'out'}" in text


def test_ipc_sockets_are_named_in_the_run_folder(tmp_path):
    config = execute.ipc_config(tmp_path)
    assert config.KernelManager.transport == "ipc"
    assert Path(config.KernelManager.ip).parent == tmp_path
