"""Make rules for the numbered notebooks, written from each notebook's own metadata.

    python -m pdu_analysis.report.rules notebooks/*.ipynb > .build/notebooks.mk

The Makefile has one pattern rule that runs any ``notebooks/NN_name.ipynb``; what a notebook
waits for is declared in the notebook, so a new page needs no edit to the Makefile. The metadata
``pdu_analysis.reads`` lists what the notebook reads:

- ``"raw"``: the dataset's raw exports (make variable ``RAW_PREREQ``);
- ``"coding"``: the dataset's coding sheets (``CODING_PREREQ``);
- ``"NN"``: the outputs of notebook ``NN`` (it waits for that notebook to run);
- ``"*"``: the outputs of every other notebook that does not itself read ``"*"``.

A notebook that declares nothing reads the tidy tables, so it waits for every notebook that reads
``"raw"``. The names assigned in the cell tagged ``parameters`` become the target's
``NOTEBOOK_PARAMETERS``, so the build passes a parameter (``interim_cutoff``) only to the
notebooks that take it. Only the standard library is used: this runs before every build.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

KEY = "pdu_analysis"
EXECUTED = "$(O)reports/executed/{}.ipynb"
PREREQ_VARIABLES = {"raw": "$(RAW_PREREQ)", "coding": "$(CODING_PREREQ)"}
EVERY_OTHER = "*"
_NUMBER = re.compile(r"^(\d{2})_")


class RulesError(Exception):
    """A notebook's metadata cannot be turned into rules; the message names the notebook."""


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def parameter_names(nb: dict) -> list[str]:
    """Names assigned in the code cell tagged ``parameters`` (empty when there is none)."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            try:
                tree = ast.parse(_source(cell))
            except SyntaxError:
                return []
            return [
                target.id
                for node in tree.body
                if isinstance(node, (ast.Assign, ast.AnnAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name)
            ]
    return []


def declared_reads(nb: dict, name: str) -> list[str] | None:
    """The notebook's ``reads`` list, or None when it declares none."""
    reads = (nb.get("metadata", {}).get(KEY) or {}).get("reads")
    if reads is None:
        return None
    if not isinstance(reads, list) or not all(isinstance(r, str) for r in reads):
        raise RulesError(f'{name}: metadata {KEY}.reads must be a list of strings, e.g. ["01", "02"]')
    return reads


def _number_of(stem: str) -> str:
    """The two digits a build notebook's name starts with."""
    found = _NUMBER.match(stem)
    if found is None:
        raise RulesError(f"{stem}.ipynb: a build notebook's name starts with its number, e.g. 03_")
    return found.group(1)


def dependencies(notebooks: dict[str, dict]) -> dict[str, tuple[list[str], list[str]]]:
    """For each notebook stem: (variables of inputs it reads, stems of notebooks it waits for)."""
    by_number = {_number_of(stem): stem for stem in notebooks}
    declared = {stem: declared_reads(nb, f"{stem}.ipynb") for stem, nb in notebooks.items()}
    cleaning = [s for s, reads in declared.items() if reads and "raw" in reads]
    result = {}
    for stem, reads in declared.items():
        variables: list[str] = []
        waits: list[str] = []
        for token in reads if reads is not None else cleaning:
            if token in PREREQ_VARIABLES:
                variables.append(PREREQ_VARIABLES[token])
            elif token == EVERY_OTHER:
                waits += [s for s, r in declared.items() if s != stem and EVERY_OTHER not in (r or [])]
            elif token in notebooks:
                waits.append(token)
            elif re.fullmatch(r"\d{2}", token) and token in by_number:
                waits.append(by_number[token])
            else:
                raise RulesError(
                    f'{stem}.ipynb: metadata {KEY}.reads names {token!r}; expected "raw", "coding", '
                    f'"*" or the number of a notebook in the folder ({", ".join(sorted(by_number))})'
                )
        result[stem] = (variables, sorted(set(waits) - {stem}))
    _check_acyclic({stem: waits for stem, (_, waits) in result.items()})
    return result


def _check_acyclic(graph: dict[str, list[str]]) -> None:
    state: dict[str, int] = {}

    def visit(stem: str, path: list[str]) -> None:
        if state.get(stem) == 2:
            return
        if state.get(stem) == 1:
            loop = path[path.index(stem) :] + [stem]
            raise RulesError(f"notebooks wait for each other in a circle: {' -> '.join(loop)}")
        state[stem] = 1
        for other in graph[stem]:
            visit(other, [*path, stem])
        state[stem] = 2

    for stem in sorted(graph):
        visit(stem, [])


def make_rules(paths: list[Path]) -> str:
    """The make fragment for these notebooks (prerequisites and parameters of each target)."""
    notebooks = {}
    for path in sorted(paths):
        if not _NUMBER.match(path.name) or path.suffix != ".ipynb":
            continue
        try:
            notebooks[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise RulesError(f"{path}: not a readable notebook ({err})") from None
    lines = [
        "# Written by `python -m pdu_analysis.report.rules` from the notebooks' metadata; not edited by hand."
    ]
    for stem, (variables, waits) in dependencies(notebooks).items():
        target = EXECUTED.format(stem)
        prerequisites = [*variables, *(EXECUTED.format(w) for w in waits)]
        if prerequisites:
            lines.append(f"{target}: {' '.join(prerequisites)}")
        lines.append(f"{target}: NOTEBOOK_PARAMETERS := {' '.join(parameter_names(notebooks[stem]))}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        sys.stdout.write(make_rules([Path(a) for a in args]))
    except RulesError as err:
        print(f"notebook rules: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
