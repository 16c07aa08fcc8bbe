"""Small HTML fragments shared by notebooks, rendered pages and the index.

Kept free of matplotlib and nbconvert so that rendering and the index page start quickly. Each
fragment carries inline styles as well as a class, so it looks the same in JupyterLab (which does
not load the report stylesheet), in the rendered pages and in an e-mail attachment.
"""

from __future__ import annotations

import html

_BOX = "margin:1em 0;padding:0.75em 1em;border-radius:4px;"
CAVEAT_STYLE = _BOX + "border-left:6px solid #D55E00;background:#fdf0e6;color:#1a1a1a;"
BANNER_STYLE = _BOX + "border:2px solid #8a5a00;background:#fff4cc;color:#1a1a1a;"


def banner_html(synthetic: bool, *, provenance_href: str | None = None) -> str:
    """The banner every page carries while the data are the synthetic reconstruction; else ''.

    ``provenance_href`` links the data's own description (a copy kept beside the pages, so the
    link still works in a zipped reports folder); without it the banner names the raw file.
    """
    if not synthetic:
        return ""
    where = (
        f'<a href="{html.escape(provenance_href)}">the data description</a>'
        if provenance_href
        else "data/raw/PROVENANCE.md"
    )
    return (
        f'<div class="synthetic-banner" role="note" style="{BANNER_STYLE}">'
        "<strong>Synthetic data.</strong> These figures come from a synthetic reconstruction "
        "of the PDU's records, built so that its totals match those published in the final "
        "evaluation report (February 2019). They are not the PDU's real responses; see "
        f"{where} for how they were made and which details are assumptions.</div>"
    )


def caveat_html(text: str) -> str:
    """A set-apart warning box (class ``caveat``); blank lines in ``text`` start paragraphs."""
    paras = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
    body = "".join(f'<p style="margin:0.3em 0;">{html.escape(p)}</p>' for p in paras)
    return f'<aside class="caveat" role="note" style="{CAVEAT_STYLE}"><strong>Caveat</strong>{body}</aside>'
