"""The one place HTML is made: Jinja2 templates, rendered by one environment.

Every page, box, table and link the package writes comes from a template under ``templates/``
(whole pages there, pieces in ``templates/fragments/``), so a piece of markup has one home and
every value is escaped on its way in. Values are escaped as :func:`html.escape` does (``'`` as
``&#x27;``), the project's escaping since before the templates; a value already marked safe
(:class:`markupsafe.Markup`, e.g. another fragment) passes through. A name the template uses and
the caller did not give is an error, never an empty string.
"""

from __future__ import annotations

import html
from pathlib import Path

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")


def _escape(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(value) if hasattr(value, "__html__") else Markup(html.escape(str(value)))


def markdown(text: str) -> Markup:
    """Markdown as HTML (mistune, the parser nbconvert itself uses), raw HTML in it escaped."""
    import mistune

    out = mistune.create_markdown(escape=True)(text)
    if not isinstance(out, str):  # mistune gives tokens, not HTML, only when asked to
        raise TypeError("mistune returned tokens instead of HTML")
    return Markup(out)


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    finalize=_escape,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,  # a file's last newline is the file's: pieces are set inline
)
ENVIRONMENT.filters["markdown"] = markdown


def render(name: str, /, **context: object) -> Markup:
    """The template ``name`` (a path under ``templates/``) rendered with ``context``, marked safe."""
    return Markup(ENVIRONMENT.get_template(name).render(**context))


def fragment(name: str, /, **context: object) -> Markup:
    """A piece of a page: ``templates/fragments/{name}.html.j2`` rendered with ``context``."""
    return render(f"fragments/{name}.html.j2", **context)
