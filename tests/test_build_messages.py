"""A failing notebook is named by the line that raised, not by its cell's first line."""

from __future__ import annotations

from pathlib import Path

import nbformat

from pdu_analysis.report import execute

SOURCE = "import pandas as pd\nimport math\n\nvalue = math.log(0)\nprint(value)"
# IPython's traceback for an error on line 4 of the cell, colours and all
TRACEBACK = [
    "\x1b[0;31m-----------------------------------------------------------\x1b[0m",
    "\x1b[0;31mValueError\x1b[0m                Traceback (most recent call last)",
    "Cell \x1b[0;32mIn[3], line 4\x1b[0m\n\x1b[1;32m      2\x1b[0m \x1b[38;5;28;01mimport\x1b[39;00m math\n"
    "\x1b[0;32m----> 4\x1b[0m value \x1b[38;5;241m=\x1b[39m math"
    "\x1b[38;5;241m.\x1b[39mlog(\x1b[38;5;241m0\x1b[39m)\n",
    "File \x1b[0;32m/usr/lib/python3.11/site-packages/x.py:9\x1b[0m, in \x1b[0;36mf\x1b[0;34m()\x1b[0m\n"
    "\x1b[0;32m----> 9\x1b[0m \x1b[38;5;28;01mreturn\x1b[39;00m\n",
    "\x1b[0;31mValueError\x1b[0m: math domain error",
]


def test_failing_line_is_read_from_the_cell_frame():
    assert execute.failing_line(SOURCE, TRACEBACK) == (4, "value = math.log(0)")


def test_no_cell_frame_means_no_line():
    assert execute.failing_line(SOURCE, ["DeadKernelError: kernel died"]) is None
    assert execute.failing_line(SOURCE, None) is None
    # a frame pointing past the cell's end (source changed since) is ignored, not guessed
    assert execute.failing_line("x = 1", TRACEBACK) is None


def test_message_names_cell_line_and_failing_text():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell(SOURCE)]
    message = execute._describe(Path("03_x.ipynb"), nb, 1, "ValueError", "math domain error", TRACEBACK)
    assert message == (
        "notebook 03_x.ipynb failed at cell 2, line 4 (value = math.log(0)): ValueError: math domain error"
    )
