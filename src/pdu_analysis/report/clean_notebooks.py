"""Check that notebooks are committed without outputs (the pre-commit hook and ``make lint``).

    python -m pdu_analysis.report.clean_notebooks notebooks [more folders or .ipynb files]

Committed notebooks carry code and text only: outputs would put stale results (and possibly
personal data) into git, and papermill writes the executed copies to reports/executed anyway.
Exit status 1 lists every notebook with outputs and how to clear them; 0 when all are clean.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import cli
from ..errors import PDUInputError


def notebook_files(targets: list[Path]) -> list[Path]:
    """The ``.ipynb`` files named, and those under the folders named (checkpoints left out)."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            found += [p for p in sorted(target.rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts]
        elif target.suffix == ".ipynb":
            found.append(target)
    return found


def output_cells(path: Path) -> list[int]:
    """Numbers (from 1) of the code cells of ``path`` that carry outputs or an execution count."""
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = notebook["cells"]
        return [
            number
            for number, cell in enumerate(cells, start=1)
            if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count"))
        ]
    except OSError as err:
        raise PDUInputError(f"cannot be read ({err.strerror})", file=str(path)) from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise PDUInputError(
            "is not a notebook (expected nbformat JSON with a 'cells' list)", file=str(path)
        ) from None


def problems(targets: list[Path]) -> list[str]:
    """One line per notebook that is not clean (or not readable); empty when all are clean."""
    lines = []
    for path in notebook_files(targets):
        try:
            cells = output_cells(path)
        except PDUInputError as err:
            lines.append(str(err))
            continue
        if cells:
            lines.append(f"{path}: outputs in cell(s) {', '.join(map(str, cells))}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("pdu_analysis.report.clean_notebooks", __doc__)
    parser.add_argument("paths", nargs="+", type=Path, help="notebooks or folders of notebooks")
    found = problems(parser.parse_args(argv).paths)
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(
            "Clear the outputs before committing: in JupyterLab, Edit > Clear Outputs of All Cells, "
            "or: jupyter nbconvert --clear-output --inplace NOTEBOOK.ipynb",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
