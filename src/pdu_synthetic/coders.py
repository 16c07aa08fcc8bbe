"""Two simulated coders who code each synthetic text from the themes it truly carries.

Real coders read a text, see most of its themes, miss some, take one theme for a neighbouring
one, and now and then add a theme that is not there; they do so more often on themes whose
definitions are loose than on sharp ones. Each simulated coder does exactly that, with their own
rates, from the text's true themes (``texts.TRUE_THEMES``, ``interview_notes``: the generator's
ground truth), never from the keyword suggestions or the other coder's codes. Their draws come from
a seed made of the coder's name, the sheet and the row's id, so the two are independent and a row is coded
the same way however many rows are added around it. Agreement between them then lands where it
does for real coders: high on sharp themes, lower (sometimes under 0.6) on loose ones.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from . import texts
from .interview_notes import NOTES


@dataclass(frozen=True)
class Coder:
    """A coder's error rates on a theme of ordinary looseness (scaled by ``LOOSENESS``)."""

    name: str
    miss: float
    confuse: float
    add: float


EVALUATOR = Coder("evaluator", miss=0.04, confuse=0.03, add=0.002)
"""The first coder: the evaluator, who knows the codebook well."""
SECOND = Coder("second reader", miss=0.07, confuse=0.05, add=0.004)
"""The second coder: a colleague who codes a sample, more quickly."""

LOOSENESS = {
    "pledge": 0.3,
    "pledge_plan": 0.3,
    "women": 0.4,
    "not_yet": 0.5,
    "other_routes": 0.6,
    "links": 0.8,
    "environment": 0.9,
    "time": 1.8,
    "wellbeing": 1.6,
    "knowledge": 2.0,
    "outcomes": 1.6,
    "reservations": 1.7,
    "improve": 1.8,
    "involvement": 1.8,
    "meam": 1.8,
}
"""How loosely each theme is bounded, as this reconstruction judges it (1 when not listed)."""

NEIGHBOURS = {
    "pledge": "pledge_plan",
    "pledge_plan": "pledge",
    "links": "sharing",
    "sharing": "links",
    "time": "paperwork",
    "paperwork": "time",
    "trauma_informed": "time",
    "environment": "paperwork",
    "involvement": "lived_experience",
    "lived_experience": "involvement",
    "involvement_risk": "reservations",
    "reservations": "improve",
    "improve": "follow_on",
    "follow_on": "improve",
    "knowledge": "links",
    "outcomes": "involvement",
    "attendance": "reservations",
    "meam": "trauma_informed",
    "wellbeing": "time",
    "women": "environment",
}
"""The theme a coder is most likely to take a theme for."""

_PLACEHOLDER = re.compile(r"\\\[[^\]]*\\\]")


def true_themes(item_id: str, text: str) -> tuple[str, ...]:
    """The themes a text was written to carry: interview passages by id, survey texts by wording.

    Survey texts are matched after redaction (a bracketed placeholder stands for any words).
    """
    code, _, number = item_id.rpartition("-")
    if code in NOTES and number.isdigit():
        return NOTES[code][3][int(number) - 1][1]
    if text in texts.TRUE_THEMES:
        return texts.TRUE_THEMES[text]
    pattern = re.compile(_PLACEHOLDER.sub(".+?", re.escape(text)))
    for original, themes in texts.TRUE_THEMES.items():
        if pattern.fullmatch(original):
            return themes
    raise KeyError(f"no true themes for text {text[:30]!r}")


def approved(item_id: str) -> bool:
    """Whether the evaluator approves an interview passage as a quote (as the notes say)."""
    code, _, number = item_id.rpartition("-")
    return code in NOTES and number.isdigit() and NOTES[code][3][int(number) - 1][2]


def _rng(coder: Coder, sheet: str, item_id: str) -> np.random.Generator:
    digest = hashlib.sha256(f"{coder.name}|{sheet}|{item_id}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def code(coder: Coder, sheet: str, item_id: str, truth: tuple[str, ...], theme_ids: list[str]) -> list[str]:
    """The themes ``coder`` gives one row of a sheet, in codebook order ([] means 'none')."""
    rng = _rng(coder, sheet, item_id)
    given = set()
    for theme in truth:
        loose = LOOSENESS.get(theme, 1.0)
        draw = rng.random()
        if draw < coder.miss * loose:
            continue
        if draw < (coder.miss + coder.confuse) * loose and theme in NEIGHBOURS:
            given.add(NEIGHBOURS[theme])
            continue
        given.add(theme)
    for theme in theme_ids:
        if theme not in truth and rng.random() < coder.add * LOOSENESS.get(theme, 1.0):
            given.add(theme)
    return [t for t in theme_ids if t in given]
