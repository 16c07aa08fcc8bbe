"""``make new-page NAME=my_question``: a new numbered notebook that builds as a page at once.

    python -m pdu_analysis.report.new_page my_question [--audience readers] [--reads 01 02]

The notebook gets the next free number (``NN_my_question.ipynb``), the project kernel, the cell
tagged ``parameters`` papermill fills, its place in the reading order and what it reads in its
metadata (see :mod:`pdu_analysis.report.pages` and :mod:`pdu_analysis.report.rules`), a worked
example through the front door (``load``, ``crosstab``, ``bar_chart``, ``show_figure``) and a cell
that prints where its figures and tables went (``.scratch/`` when run by hand in JupyterLab, the
build's ``reports/`` under ``make reports``). Every sentence the example shows is computed from
the data in hand. Nothing else needs editing: ``make reports`` runs it, renders it and links it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

from .. import cli, paths
from . import KERNEL_NAME
from .pages import AUDIENCES, METADATA_KEY

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

PARAMETERS = """# Parameters (papermill overrides these; the defaults are what `make reports` uses)
raw_dir = None  # folder of raw exports; None means data/raw (or PDU_RAW_DIR)"""

SETUP = """from pdu_analysis import bar_chart, crosstab, load, paths, show_figure, show_table, store
from pdu_analysis.clean.waves import applied_cutoff
from pdu_analysis.labels import period_labels

t = load()  # every tidy table, typed; docs/data_dictionary.md says what each column means"""

EXAMPLE = """# Worked example: where did attendances come from, in each period? Replace the question, the
# columns and the words with your own; keep k of n, the interval and the suppression.
table = crosstab(t.attendances, "sector", by="period")  # small counts hidden, as on every page
names = period_labels(list(t.attendances["period"].cat.categories), applied_cutoff())
table["group"] = table["group"].map(lambda p: names.get(p, p))
statutory = table[table["label"] == "statutory"]
figure_name = "{stem}_sector_by_period"
show_figure(
    bar_chart(table, title="Sectors of the attendances, period by period", what="attendances"),
    figure_name,
    caption="Statutory sector: " + "; ".join(
        f"{{row.group}}: {{row.text or 'not shown (small numbers)'}}" for row in statutory.itertuples()
    ),
    alt="Bars of each sector's share of attendances in each period, with 95% intervals.",
)
shown = table[["group", "label", "count", "base", "text"]]
show_table(shown, "Attendances by sector and period", csv=figure_name)
store.write_tables({{figure_name: table}}, paths.tables_dir())  # the one table writer, as every page"""

WHERE = """# Where this run's outputs went (the build's reports/, or .scratch/ when run by hand)
print(f"figures: {paths.figures_dir()}")
print(f"tables:  {paths.tables_dir()}")"""


def next_number(folder: Path) -> str:
    """The two-digit number after the highest one in ``folder``."""
    taken = [int(p.name[:2]) for p in folder.glob("[0-9][0-9]_*.ipynb")]
    number = max(taken, default=0) + 1
    if number > 99:
        raise ValueError(f"{folder}: no two-digit number is left for a new page")
    return f"{number:02d}"


def notebook(stem: str, title: str, *, audience: str, reads: list[str]):
    """The new page's notebook (no outputs), ready to run."""
    cells = [
        nbformat.v4.new_markdown_cell(
            f"# {title}\n\nWhat this page asks, and why it matters for the PDU, in plain words."
        ),
        nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(SETUP),
        nbformat.v4.new_markdown_cell("## What the data show"),
        nbformat.v4.new_code_cell(EXAMPLE.format(stem=stem)),
        nbformat.v4.new_code_cell(WHERE, metadata={"tags": ["remove-cell"]}),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "PDU analysis", "language": "python", "name": KERNEL_NAME}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata[METADATA_KEY] = {"page": {"audience": audience}, "reads": reads}
    for cell in nb.cells:
        cell.pop("id", None)
    nb.nbformat_minor = 4
    return nb


def create(name: str, folder: Path | None = None, *, audience: str = "readers", reads=None) -> Path:
    """Write ``NN_name.ipynb`` into ``folder`` (default ``notebooks/``); never overwrite one."""
    folder = Path(folder or paths.NOTEBOOKS_DIR)
    name = re.sub(r"^\d{2}_", "", name.strip().removesuffix(".ipynb"))
    if not _NAME.match(name):
        raise ValueError(f"NAME={name!r}: use lower-case letters, digits and _ (e.g. NAME=my_question)")
    if audience not in AUDIENCES:
        raise ValueError(f"audience {audience!r}: expected one of {', '.join(AUDIENCES)}")
    existing = sorted(folder.glob(f"[0-9][0-9]_{name}.ipynb"))
    if existing:
        raise ValueError(f"{existing[0]} already exists")
    stem = f"{next_number(folder)}_{name}"
    title = name.replace("_", " ").capitalize()
    path = folder / f"{stem}.ipynb"
    nbformat.write(notebook(stem, title, audience=audience, reads=list(reads or ["01", "02"])), path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_analysis.report.new_page", __doc__)
    parser.add_argument("name", help="the page's name, e.g. my_question")
    parser.add_argument("--audience", default="readers", choices=AUDIENCES)
    parser.add_argument("--reads", nargs="*", default=["01", "02"], help="what it reads (see report.rules)")
    cli.path_option(parser, "--folder", "folder of the notebooks", unless="notebooks/")
    args = parser.parse_args(argv)
    try:
        path = create(args.name, args.folder, audience=args.audience, reads=args.reads)
    except ValueError as err:
        return cli.failed("new-page", err)
    print(f"created {path}: edit it in `make lab`, then `make reports` builds its page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
