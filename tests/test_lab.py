"""``make lab`` keeps notebooks clean: a notebook saved with outputs, through a running Lab
server's contents API, is stored without them (loopback only, bounded in time)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from pdu_analysis import lab

TOKEN = "pdu-test-token"


def _notebook_with_outputs() -> dict:
    return {
        "cells": [
            {"cell_type": "markdown", "id": "a1", "metadata": {}, "source": "# A question"},
            {
                "cell_type": "code",
                "id": "b2",
                "execution_count": 7,
                "metadata": {"tags": ["parameters"], "execution": {"iopub.status.busy": "2026-01-01"}},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "printed\n"}],
                "source": "raw_dir = None\nprint('printed')",
            },
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.9", "mimetype": "text/x-python"},
            "pdu_analysis": {"page": {"audience": "readers"}},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_clean_notebook_strips_outputs_and_run_metadata_but_keeps_the_authors():
    nb = lab.clean_notebook(_notebook_with_outputs())
    code = nb["cells"][1]
    assert code["outputs"] == [] and code["execution_count"] is None and "id" not in code
    assert code["metadata"] == {"tags": ["parameters"]}
    assert nb["metadata"]["kernelspec"]["name"] == "pdu-analysis"
    assert nb["metadata"]["language_info"] == {"name": "python"}
    assert nb["metadata"]["pdu_analysis"] == {"page": {"audience": "readers"}}
    assert lab.kept_as_is("reports/executed/03_x.ipynb") and not lab.kept_as_is("notebooks/03_x.ipynb")


def test_no_browser_without_a_display():
    assert not lab.has_display({})
    assert lab.has_display({"DISPLAY": ":0"}) and lab.has_display({"WAYLAND_DISPLAY": "wayland-0"})
    config = lab.server_config(root="/tmp", port=9999, token="t", open_browser=False)
    assert config.ServerApp.ip == "127.0.0.1" and config.ServerApp.port == 9999
    assert config.MappingKernelManager.default_kernel_name == "pdu-analysis"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(url: str, method: str = "GET", body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", f"token {TOKEN}")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


@pytest.mark.slow
def test_a_notebook_saved_through_the_running_server_is_stored_without_outputs(tmp_path):
    (tmp_path / "notebooks").mkdir()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pdu_analysis.lab",
            "--port",
            str(port),
            "--token",
            TOKEN,
            "--root",
            str(tmp_path),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _request(f"{base}/api/status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if server.poll() is not None or time.monotonic() > deadline:
                    why = server.stderr.read()[-2000:] if server.poll() is not None else "no answer in 90 s"
                    pytest.fail(f"the Lab server did not start: {why}")
                time.sleep(0.5)
        saved = _request(
            f"{base}/api/contents/notebooks/09_question.ipynb",
            "PUT",
            {"type": "notebook", "format": "json", "content": _notebook_with_outputs()},
        )
        assert saved["type"] == "notebook"
        kernels = _request(f"{base}/api/kernelspecs")
        assert kernels["default"] == "pdu-analysis"
        with urllib.request.urlopen(f"{base}/lab?token={TOKEN}", timeout=10) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    stored = json.loads((tmp_path / "notebooks" / "09_question.ipynb").read_text())
    code = [c for c in stored["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert stored["metadata"]["language_info"] == {"name": "python"}
    assert "printed" not in (tmp_path / "notebooks" / "09_question.ipynb").read_text().replace(
        "print('printed')", ""
    )
