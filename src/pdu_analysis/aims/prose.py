"""The evaluator's conclusions: Markdown kept with the dataset, every figure checked against it.

The file (``conclusions.md`` in the dataset's folder, :func:`pdu_analysis.paths.conclusions_file`)
has one ``## <aim id>`` section per aim of ``data/reference/aims.csv``, then ``## Issues arising``
and ``## Next steps``. A figure in the prose is either

- a reference, rendered from the data at build time: ``{{ took_action.final }}`` (the share as
  every page words it), or ``{{ took_action.final.count }}``, ``.base``, ``.percent``, ``.points``,
  ``.strength`` (the rating word), ``.checks`` (a change: how it fares in the clustering checks);
- or a literal figure followed by the indicator it cites: ``4 of 7 [took_action.interim]``,
  ``66% [took_action.final]``, ``11 points [statutory_share.change]``, ``19 [took_action.final]``.

Any other number in a sentence is refused (a figure nobody can check), as is a citation of an
indicator outside the aims table (or, in an aim's section, outside that aim's indicators). A
literal that disagrees with the data stops the build naming the file, the sentence, the figure
written and the figure computed. While the data are synthetic, a figure the report never
published carries the mark every page uses (``wording.assumed.MARK``, "†") where it appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pdu_analysis.aims.evidence import Indicator
from pdu_analysis.errors import PDUInputError
from pdu_analysis.wording.assumed import MARK
from pdu_analysis.wording.numbers import percent_text, points_text

ISSUES = "Issues arising"
NEXT_STEPS = "Next steps"
GENERAL = (ISSUES, NEXT_STEPS)

_ID = r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*"
PLACEHOLDER = re.compile(
    r"\{\{\s*(?P<id>" + _ID + r")(?:\.(?P<part>count|base|percent|points|strength|checks))?\s*\}\}"
)
CITED = re.compile(
    r"(?P<figure>\d+ of \d+|\d+(?:\.\d+)?%|[+-]?\d+(?:\.\d+)? points?|\d+)\s*\[(?P<id>" + _ID + r")\]"
)
NUMBER = re.compile(r"\d")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
ASSUMED_MARK = MARK


@dataclass(frozen=True)
class Conclusions:
    """Rendered Markdown per section: aim id (or "Issues arising", "Next steps") -> text."""

    path: Path
    sections: dict[str, str]


def _sections(text: str, path: Path) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            if current in sections:
                raise PDUInputError(f"section '## {current}' appears twice", file=str(path))
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph or list item (split after ., ! or ? before a capital)."""
    return [s for s in SENTENCE_END.split(" ".join(paragraph.split())) if s]


def _computed(indicator: Indicator, written: str) -> str:
    """The computed figure in the form the literal was written in."""
    if written.endswith("%"):
        return percent_text(indicator.percent) if indicator.percent is not None else "none"
    if "point" in written:
        diff = indicator.diff
        return "none" if diff is None else points_text(abs(diff), "point")
    if " of " in written:
        return f"{indicator.count} of {indicator.base}"
    return str(indicator.count)


def _same(indicator: Indicator, written: str) -> bool:
    computed = _computed(indicator, written)
    if "point" in written:
        number = float(re.sub(r"[^\d.]", "", written))
        return computed == points_text(number, "point")
    return computed == written


def _reference(indicator: Indicator, part: str | None) -> str:
    if part == "count":
        return str(indicator.count)
    if part == "base":
        return str(indicator.base)
    if part == "percent":
        return percent_text(indicator.known("percent"))
    if part == "strength":
        return indicator.rating
    if part == "checks":
        return indicator.extra["summary"].clause()
    if part == "points":
        return points_text(abs(indicator.known("diff")), "point")
    return indicator.text


def _check_sentence(
    sentence: str, allowed: dict[str, Indicator], known: set[str], path: Path, synthetic: bool
) -> str:
    """The sentence with references rendered and citations dropped, or an error naming it."""

    def indicator(ident: str) -> Indicator:
        if ident not in known:
            raise PDUInputError(
                f'sentence "{sentence}": cites {ident!r}, '
                "which is not an indicator of data/reference/aims.csv",
                file=str(path),
            )
        if ident not in allowed:
            raise PDUInputError(
                f'sentence "{sentence}": cites {ident!r}, which is not an indicator of this aim '
                f"(its indicators: {', '.join(sorted(allowed))})",
                file=str(path),
            )
        found = allowed[ident]
        if not found.available:
            raise PDUInputError(
                f'sentence "{sentence}": cites {ident!r}, which these data cannot give', file=str(path)
            )
        return found

    def mark(found: Indicator) -> str:
        return ASSUMED_MARK if synthetic and not found.published else ""

    def render_reference(match: re.Match) -> str:
        found = indicator(match["id"])
        if match["part"] in ("strength", "checks"):
            if match["part"] == "checks" and found.kind != "change":
                raise PDUInputError(
                    f'sentence "{sentence}": {found.id} is not a change, so it has no clustering checks',
                    file=str(path),
                )
            return _reference(found, match["part"])
        return _reference(found, match["part"]) + mark(found)

    def render_cited(match: re.Match) -> str:
        found = indicator(match["id"])
        written = match["figure"]
        if not _same(found, written):
            raise PDUInputError(
                f'sentence "{sentence}": the figure written is "{written}" for {found.id}, '
                f'the figure computed from the data is "{_computed(found, written)}"',
                file=str(path),
            )
        return written + mark(found)

    stripped = CITED.sub("", PLACEHOLDER.sub("", sentence))
    if NUMBER.search(stripped):
        raise PDUInputError(
            f'sentence "{sentence}": a figure cites no indicator (write it as "{{{{ id }}}}" or '
            '"4 of 7 [id]" so the build can check it)',
            file=str(path),
        )
    return CITED.sub(render_cited, PLACEHOLDER.sub(render_reference, sentence))


def _render_block(
    block: str, allowed: dict[str, Indicator], known: set[str], path: Path, synthetic: bool
) -> str:
    """Every paragraph and list item of a section, checked sentence by sentence."""
    out = []
    for paragraph in re.split(r"\n\s*\n", block):
        lines = paragraph.splitlines()
        items: list[str] = []
        for line in lines:
            if re.match(r"^\s*[-*] ", line):
                items.append(line)
            elif items:
                items[-1] += " " + line.strip()
            else:
                items.append(line)
        rendered = []
        for item in items:
            bullet = re.match(r"^\s*[-*] ", item)
            body = item[bullet.end() :] if bullet else item
            text = " ".join(_check_sentence(s, allowed, known, path, synthetic) for s in sentences(body))
            rendered.append(("- " if bullet else "") + text)
        out.append("\n".join(rendered))
    return "\n\n".join(out)


def read_conclusions(
    path: Path | None, aim_ids: list[str], found: dict[str, Indicator], *, synthetic: bool
) -> Conclusions | None:
    """The conclusions rendered and checked, or None when the dataset has none written."""
    if path is None or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    sections = _sections(text, path)
    unknown = [s for s in sections if s not in aim_ids and s not in GENERAL]
    if unknown:
        raise PDUInputError(
            f"section(s) {unknown} are neither an aim of data/reference/aims.csv ({', '.join(aim_ids)}) "
            f"nor {' or '.join(GENERAL)}",
            file=str(path),
        )
    known = set(found)
    rendered = {}
    for name, block in sections.items():
        allowed = found if name in GENERAL else {k: v for k, v in found.items() if v.aim == name}
        rendered[name] = _render_block(block, allowed, known, path, synthetic)
    return Conclusions(path=path, sections=rendered)
