"""Voices beside the numbers: approved, redacted quotes for each section of the report.

A quote is a text the first coder approved in a coding sheet (its words taken from the data,
already redacted, never from the sheet). It belongs to every report section one of its themes
informs (the ``section`` column of ``data/reference/themes.csv``). It is attributed to a kind of
speaker, never a person: for interviews the ``Group`` line of the notes ("a steering group
member"), for surveys the survey it came from ("an attender, on the feedback form after an
event"). A section's quotes are chosen across kinds of speaker in turn, and when the section holds
a quote carrying a dissenting theme (``dissent: yes``), one is always among them.

>>> section_quotes("model", limit=3)  # doctest: +SKIP
   quote                                   speaker                        theme
0  Honestly there was too much to take ...  a repeat attender              Reservations about the model
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .. import reference

if TYPE_CHECKING:
    from .codebook import Codebook

QUOTE_COLUMNS = ["quote", "speaker", "theme"]
TABLE_COLUMNS = ["section", "quote", "speaker", "theme", "dissent", "sheet", "item_id"]

SURVEY_SPEAKERS = {
    "post_event": "an attender, on the feedback form after an event",
    "follow_up": "an attender, in the follow-up survey months later",
}
"""How a survey's respondents are described beside their words."""
OTHER_SPEAKER = "a respondent"


def with_article(kind: str) -> str:
    """'steering group member' -> 'a steering group member'; 'Expert Citizens' review' -> 'an ...'."""
    kind = " ".join(kind.split())
    if kind.lower().startswith(("a ", "an ", "the ")):
        return kind
    return ("an " if kind[:1].lower() in "aeiou" else "a ") + kind


def interview_groups(raw: Path) -> dict[str, str]:
    """Interview code -> the group the notes say the interviewee belongs to."""
    from ..clean.interviews import FOLDER, parse_notes  # the interview reader, only when building

    folder = Path(raw) / FOLDER
    rounds = reference.waves_by_cutoff()["wave"].tolist()
    groups = {}
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        header, _ = parse_notes(path, rounds)
        groups[header["Interview"]] = header["Group"]
    return groups


def speaker(survey: str, unit_id: str, groups: dict[str, str]) -> str:
    """The kind of speaker of one text."""
    from ..clean.interviews import SURVEY

    if survey == SURVEY:
        return with_article(groups.get(unit_id, "interviewee"))
    return SURVEY_SPEAKERS.get(survey, OTHER_SPEAKER)


def voices_table(coded: pd.DataFrame, codebook: Codebook, groups: dict[str, str]) -> pd.DataFrame:
    """One row per approved quote and section it informs, in the coded table's order."""
    sections, labels, dissent = codebook.sections, codebook.labels, codebook.dissent
    rows = []
    for item in coded[coded["approved"]].itertuples(index=False):
        themes = [t for t in codebook.ids if t in (item.coder_1 or [])]
        seen: dict[str, str] = {}
        for theme in sorted(themes, key=lambda t: t not in dissent):  # dissent first, then codebook order
            seen.setdefault(sections[theme], theme)
        for section, theme in seen.items():
            in_section = [t for t in themes if sections[t] == section]
            rows.append(
                {
                    "section": section,
                    "quote": item.text,
                    "speaker": speaker(item.survey, item.unit_id, groups),
                    "theme": labels[theme],
                    "dissent": any(t in dissent for t in in_section),
                    "sheet": item.sheet,
                    "item_id": item.item_id,
                }
            )
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def choose(table: pd.DataFrame, section: str, limit: int = 3, exclude: Collection[str] = ()) -> pd.DataFrame:
    """Up to ``limit`` quotes of a section: kinds of speaker in turn, a dissenting one included.

    ``exclude`` holds quotes already shown on the page, so a page never sets one quote twice.
    """
    rows = table[(table["section"] == section) & ~table["quote"].isin(list(exclude))]
    if rows.empty or limit <= 0:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    by_speaker = [list(g.index) for _, g in rows.groupby("speaker", sort=False)]
    order = []
    while any(by_speaker):
        for queue in by_speaker:
            if queue:
                order.append(queue.pop(0))
    picked = order[:limit]
    dissenting = [i for i in order if rows.at[i, "dissent"]]
    if dissenting and not any(rows.at[i, "dissent"] for i in picked):
        picked = picked[:-1] + [dissenting[0]]
    return rows.loc[picked, QUOTE_COLUMNS].reset_index(drop=True)


def section_quotes(
    section: str, limit: int = 3, raw: str | Path | None = None, exclude: Collection[str] = ()
) -> pd.DataFrame:
    """Approved, redacted quotes for one report section: columns ``quote, speaker, theme``.

    The quotes are those notebook 07 wrote (``qual.handoff``); before it has run, those of the
    raw folder ``raw`` (default ``paths.raw_dir()``) and its coding sheets. A section no approved
    quote informs gives an empty table.
    """
    from .handoff import section_quotes as quotes_by_section

    return choose(quotes_by_section(raw), section, limit, exclude)
