"""The theme codebook (``data/reference/themes.csv``): validated, and used to suggest themes.

Each theme has an id coders type in the sheets, a label readers see, a definition with include
and exclude notes and an example, optional keywords, the report section it informs (an id of
``data/reference/sections.csv`` when that table is present), and ``dissent: yes`` for a theme
that records doubts, risks or no change (so a section's quotes can include the dissent it holds).
Keywords only *suggest* a theme in the coding sheet; the coder decides. A keyword matches whole
words in any case; a trailing ``*`` allows any ending ("refer*" matches "referral").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .. import paths, schemas
from ..errors import PDUInputError
from ..paths import REFERENCE_DIR
from ..reference import text_table

THEMES_FILE = paths.THEMES_FILE
COLUMNS = [
    "theme_id",
    "label",
    "definition",
    "include",
    "exclude",
    "example",
    "keywords",
    "section",
    "dissent",
]
SECTIONS_FILE = paths.SECTIONS_FILE
NO_THEME = "none"
"""What a coder types when a text was read and fits no theme (a blank cell means not coded yet)."""

_ID = r"^[a-z][a-z0-9_]*$"


def _filled() -> pa.Check:
    return pa.Check(lambda s: s.astype(str).str.strip() != "", error="must not be blank")


THEMES_SCHEMA = pa.DataFrameSchema(
    {
        "theme_id": pa.Column(
            object,
            checks=[
                pa.Check(lambda s: s.astype(str).str.match(_ID), error="lower-case letters, digits and _"),
                pa.Check(lambda s: s.astype(str) != NO_THEME, error=f"'{NO_THEME}' is reserved"),
            ],
            unique=True,
        ),
        "label": pa.Column(object, checks=[_filled()], unique=True),
        "definition": pa.Column(object, checks=[_filled()]),
        "include": pa.Column(object),
        "exclude": pa.Column(object),
        "example": pa.Column(object),
        "keywords": pa.Column(object),
        "section": pa.Column(
            object, checks=[pa.Check(lambda s: s.astype(str).str.match(_ID), error="a section id")]
        ),
        "dissent": pa.Column(
            object, checks=[pa.Check(lambda s: s.astype(str).isin(["yes", ""]), error="yes or blank")]
        ),
    },
    strict=True,
    ordered=True,
    name="the theme codebook",
)


@dataclass(frozen=True)
class Codebook:
    """Themes in codebook order, with their keyword patterns."""

    table: pd.DataFrame
    patterns: dict[str, re.Pattern | None]

    @property
    def ids(self) -> list[str]:
        return self.table["theme_id"].tolist()

    @property
    def labels(self) -> dict[str, str]:
        return dict(zip(self.table["theme_id"], self.table["label"], strict=True))

    @property
    def sections(self) -> dict[str, str]:
        """Theme id -> the report section it informs."""
        return dict(zip(self.table["theme_id"], self.table["section"], strict=True))

    @property
    def dissent(self) -> set[str]:
        """Themes that record doubts, risks or no change."""
        return set(self.table.loc[self.table["dissent"] == "yes", "theme_id"])

    def suggest(self, text: object) -> list[str]:
        """Theme ids whose keywords occur in ``text``, in codebook order."""
        value = "" if text is None else str(text)
        return [t for t, p in self.patterns.items() if p is not None and p.search(value)]


def keyword_pattern(keywords: str) -> re.Pattern | None:
    """One case-insensitive pattern for ``a|b*|c d``: whole words, ``*`` for any ending.

    >>> bool(keyword_pattern("refer*").search("Made referrals")), bool(keyword_pattern("PIE").search("piece"))
    (True, False)
    """
    parts = []
    for word in (w.strip() for w in keywords.split("|")):
        if not word:
            continue
        stem, open_end = (word[:-1], True) if word.endswith("*") else (word, False)
        body = re.escape(stem).replace(r"\ ", r"\s+")
        parts.append(rf"\b{body}" + (r"\w*" if open_end else r"\b"))
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _check_sections(table: pd.DataFrame, path: Path) -> None:
    """Every theme's section is a section of the report, when the sections table is there."""
    sections_path = Path(path).parent / SECTIONS_FILE
    if not sections_path.exists():
        return
    known = set(pd.read_csv(sections_path, dtype=str, keep_default_na=False)["section"].str.strip())
    for number, (theme, section) in enumerate(zip(table["theme_id"], table["section"], strict=True), 2):
        if section not in known:
            raise PDUInputError(
                f"row {number} (theme '{theme}'), column 'section': '{section}' is not a section in "
                f"{sections_path.name} (expected one of {', '.join(sorted(known))})",
                file=str(path),
            )


def load_codebook(path: Path | None = None) -> Codebook:
    """Read and validate the theme codebook; a bad row stops the run naming the file and row."""
    path = path or REFERENCE_DIR / THEMES_FILE
    table = text_table(path).astype(object)
    table = schemas.validate(table, THEMES_SCHEMA, file=str(path))
    table = table.map(lambda v: " ".join(str(v).split()))
    _check_sections(table, path)
    return Codebook(
        table=table,
        patterns={t: keyword_pattern(k) for t, k in zip(table["theme_id"], table["keywords"], strict=True)},
    )
