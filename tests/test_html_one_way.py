"""Pages are built one way: every piece of HTML the package writes comes from a Jinja2 template.

The scan reads the package's source (``ast``, so comments and docstrings are left out) and looks
for HTML tags in string literals (f-strings included), regular expressions written over HTML, and
pandas' ``to_html`` (tables go through the table template). Each allowed exception names its
module, the statement that holds it and why; the list is meant to stay tiny.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pdu_analysis"

ELEMENTS = (
    "a abbr article aside audio b blockquote body br button caption code dd details div dl dt em embed "
    "figcaption figure footer form frame h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label "
    "li link main meta nav object ol option p pre script section select small source span strong style "
    "sub summary sup svg table tbody td th thead title tr track ul video"
).split()
TAG = re.compile(r"(?<!\?P)</?(?:" + "|".join(ELEMENTS) + r")(?![\w-])|<!DOCTYPE", re.IGNORECASE)
"""A tag's opening (``(?P<name>`` is a regular expression's named group, not markup)."""
ANY_TAG = re.compile(r"(?<!\(\?)</?\[\^>")
"""A regular expression for any tag at all (``<[^>]+>``); a lookbehind ``(?<...`` is not one."""
REGEX_CALLS = {"compile", "sub", "subn", "search", "match", "fullmatch", "findall", "finditer", "split"}

ALLOWED = {
    ("report/render.py", "_OFFLINE_CHECKS"): (
        "the offline check reads a finished page for anything a browser would fetch (a script, a "
        "stylesheet, a CSS url()); it writes no HTML, and must see the bytes as a browser gets them"
    ),
}


def _documentation(tree: ast.AST) -> set[int]:
    """ids of string statements (docstrings, attribute docstrings): words, not values."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _statement_name(stmt: ast.stmt) -> str:
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return stmt.name
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    return names[0] if names else type(stmt).__name__


def _is_regex_call(node: ast.AST) -> bool:
    func = getattr(node, "func", None)
    return (
        isinstance(node, ast.Call)
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "re"
        and func.attr in REGEX_CALLS
    )


def html_sites(source: str) -> list[tuple[int, str, str]]:
    """(line, top-level statement, what) for every place ``source`` makes or matches HTML by hand."""
    tree = ast.parse(source)
    words = _documentation(tree)
    found = []
    for stmt in tree.body:
        name = _statement_name(stmt)
        for node in ast.walk(stmt):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in words:
                if TAG.search(node.value):
                    found.append((node.lineno, name, f"HTML tag in a string: {node.value[:50]!r}"))
            elif _is_regex_call(node) and node.args and isinstance(node.args[0], ast.Constant):
                pattern = str(node.args[0].value)
                if TAG.search(pattern) or ANY_TAG.search(pattern):
                    found.append(
                        (node.lineno, name, f"regular expression over markup: {node.args[0].value!r}")
                    )
            elif isinstance(node, ast.Attribute) and node.attr == "to_html":
                found.append((node.lineno, name, "pandas to_html (use the table template)"))
    return found


def test_the_scan_finds_html_made_by_hand():
    made = '''
def page(name):
    """Docstrings may say <table> freely."""
    head = f"<h2 id='{name}'>"
    return re.sub(r"<tr>.*?</tr>", "", head) + df.to_html()

def bare(text):
    return re.sub(r"<[^>]+>", "", text)
'''
    sites = html_sites(made)
    assert [(line, name) for line, name, _ in sites] == [
        (4, "page"),
        (5, "page"),
        (5, "page"),
        (5, "page"),
        (8, "bare"),
    ]
    assert html_sites('x = "<new_question_id>, <aim id>, <NA>, a < b, (?P<figure>x)"\n') == []
    assert html_sites('y = re.compile(r"(?<![\\w@.])@x")\n') == []


def test_no_html_in_the_package_is_made_outside_the_templates():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        for line, name, what in html_sites(path.read_text(encoding="utf-8")):
            if (module, name) not in ALLOWED:
                problems.append(f"{module}:{line} ({name}): {what}")
    assert problems == []


def test_every_allowed_exception_is_still_needed_and_says_why():
    for (module, name), reason in ALLOWED.items():
        sites = html_sites((PACKAGE / module).read_text(encoding="utf-8"))
        assert any(n == name for _, n, _ in sites), f"{module} {name} no longer needs its exception"
        assert len(reason.split()) >= 8
    assert len(ALLOWED) <= 2
