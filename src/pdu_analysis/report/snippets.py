"""Small HTML fragments shared by notebooks, rendered pages and the index.

Kept free of matplotlib and nbconvert so that rendering and the index page start quickly. Each
fragment (a template in ``templates/fragments``) carries inline styles as well as a class, so it
looks the same in JupyterLab (which does not load the report stylesheet), in the rendered pages
and in an e-mail attachment.
"""

from __future__ import annotations

from markupsafe import Markup

from .templating import fragment


def banner_html(synthetic: bool, *, provenance_href: str | None = None) -> Markup:
    """The banner every page carries while the data are the synthetic reconstruction; else ''.

    ``provenance_href`` links the data's own description (a copy kept beside the pages, so the
    link still works in a zipped reports folder); without it the banner names the raw file.
    """
    return fragment("banner", href=provenance_href) if synthetic else Markup("")


def caveat_html(text: str) -> Markup:
    """A set-apart warning box (class ``caveat``); blank lines in ``text`` start paragraphs."""
    return fragment("caveat", paragraphs=[p.strip() for p in text.strip().split("\n\n") if p.strip()])


def legend_html() -> Markup:
    """The legend of the mark on figures the report never published (reader pages, the index)."""
    from ..wording.assumed import LEGEND, MARK

    return fragment("assumed_legend", mark=MARK, legend=LEGEND)
