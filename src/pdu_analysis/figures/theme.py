"""One look for every figure: the theme, the colour-blind-safe palette (Okabe & Ito) with fixed
colours for sectors and rounds, and deterministic saving of ``reports/figures/{name}.png``
(no software or date metadata, fixed dpi, bundled font) so hashes can be compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from io import BytesIO
from pathlib import Path

import matplotlib.figure
import seaborn as sns

from pdu_analysis.labels import PERIOD_ALL
from pdu_analysis.measures import ALL
from pdu_analysis.paths import figures_dir
from pdu_analysis.store import write_atomic

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
"""Okabe & Ito (2008) palette: distinguishable with the common forms of colour blindness."""


GREY = "#999999"
"""For 'other', 'unknown' and reference lines: not one of the data colours."""


PALETTE = [
    OKABE_ITO[k]
    for k in ("blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "yellow", "black")
]
"""Default colour cycle: strong colours first; yellow late because it is faint on white."""


SECTOR_COLOURS = {
    "statutory": OKABE_ITO["blue"],
    "voluntary": OKABE_ITO["orange"],
    "private": OKABE_ITO["bluish_green"],
    "other": GREY,
    "unknown": GREY,
}


WAVE_COLOURS = {
    "interim": OKABE_ITO["sky_blue"],  # June 2018 follow-up (7 responses)
    "final": OKABE_ITO["vermillion"],  # January 2019 follow-up (29 responses)
}


SAVE_DPI = 150
"""Pixels per inch of saved PNGs; fixed so figure files are identical on every machine."""


FIGURE_WIDTH = 4.8
"""Inches: saved at SAVE_DPI and shown at 100 px an inch, 480 px, so on a 390 px phone the image
shrinks by at most about a quarter and needs no sideways scroll."""


SMALLEST_PT = 9.0
"""The smallest chart text (points): about 9.5 px once a 4.8 in chart fits a 390 px phone."""


FIGURE_SIZE = (FIGURE_WIDTH, 3.4)


LABEL_WRAP = 46
"""Characters a line of an axis label holds on a 4.8 in chart."""


THEME_RC = {
    "figure.figsize": FIGURE_SIZE,
    "figure.dpi": 100,
    "savefig.dpi": SAVE_DPI,
    "savefig.facecolor": "white",
    "font.family": "DejaVu Sans",  # bundled with matplotlib: the same glyphs everywhere
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "axes.titleweight": "bold",
    "axes.titlesize": 10,
    "axes.labelsize": 9.5,
    "xtick.labelsize": SMALLEST_PT,
    "ytick.labelsize": SMALLEST_PT,
    "legend.fontsize": SMALLEST_PT,
    "svg.hashsalt": "pdu-analysis",  # SVG element ids fixed if anyone saves SVG
    "svg.fonttype": "path",
}


_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def apply_theme() -> None:
    """Set the one seaborn/matplotlib theme (called on import; call again after rc changes)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, rc=THEME_RC)


def save_figure(fig: matplotlib.figure.Figure, name: str) -> Path:
    """Write ``fig`` to ``reports/figures/{name}.png`` reproducibly and atomically; return the path.

    ``name`` is a short slug (``attendance_by_sector``): lower case, digits, ``_`` or ``-``.
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r}: use lower case letters, digits, '_' or '-'")
    png = BytesIO()
    fig.savefig(
        png, format="png", dpi=SAVE_DPI, metadata={"Software": None}, bbox_inches="tight", facecolor="white"
    )
    return write_atomic(figures_dir() / f"{name}.png", png.getvalue())


SUBTITLE_COLOUR = "#4d4d4d"


TEXT_COLOUR = "#1a1a1a"


DIVERGING_COLOURS = {
    # far negative, near negative | near positive, far positive
    "far_negative": OKABE_ITO["vermillion"],
    "near_negative": OKABE_ITO["orange"],
    "near_positive": OKABE_ITO["sky_blue"],
    "far_positive": OKABE_ITO["blue"],
}


_DARK = {
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["black"],
    GREY,
}


PERIOD_COLOURS = {PERIOD_ALL: GREY, **WAVE_COLOURS}
"""Pooled figures grey; each period in the colour of the report (wave) that first counted it."""


def group_colours(groups: Mapping[str, str | None]) -> dict[str, str]:
    """Colour for each display label of ``groups`` (label -> period; ``None`` = pooled)."""
    return {
        label: PERIOD_COLOURS.get(period or PERIOD_ALL, PALETTE[(i + 2) % len(PALETTE)])
        for i, (label, period) in enumerate(groups.items())
    }


POOLED_COLOUR = OKABE_ITO["black"]


def wave_colours(waves: Sequence[str]) -> dict[str, str]:
    """A colour for every wave: the fixed wave colours, else unused palette colours in turn.

    Examples
    --------
    >>> c = wave_colours(["interim", "final", "2019-07"])
    >>> c["interim"] == WAVE_COLOURS["interim"], c["2019-07"] in PALETTE
    (True, True)
    """
    fixed = {w: WAVE_COLOURS[w] for w in waves if w in WAVE_COLOURS}
    spare = [
        c
        for c in PALETTE
        if c not in fixed.values() and c != POOLED_COLOUR and c not in SECTOR_COLOURS.values()
    ]
    spare += [c for c in PALETTE if c not in spare and c != POOLED_COLOUR]
    colours, i = {}, 0
    for wave in waves:
        if wave == ALL:
            colours[wave] = POOLED_COLOUR
        elif wave in fixed:
            colours[wave] = fixed[wave]
        else:
            colours[wave] = spare[i % len(spare)]
            i += 1
    return colours
