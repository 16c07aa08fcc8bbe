"""Open text and interviews: theme codebook, coding sheets, agreement, theme shares, quotes, voices.

Data flow: free-text answers (``clean.open_text``) and interview passages (``clean.interviews``),
redacted as they are read (``redact``) -> coding sheets the evaluator fills (``sheets``, in the
dataset's ``coding/`` folder, ``paths.dataset``: ``data/coding`` for ``data/raw``) -> codes read back and
validated -> theme shares (``shares``), coder agreement (``agreement``) and approved quotes
(``quotes``), and quotes by report section for the reader's pages (``voices``).
``python -m pdu_analysis.qual`` (``make coding-sheets``) writes or updates the sheets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .. import paths, reference

if TYPE_CHECKING:
    from .codebook import Codebook

__all__ = ["Codebook", "analyse", "coded_texts", "coding_dir", "collect_texts", "load_codebook"]


def __getattr__(name: str):
    """``Codebook`` and ``load_codebook`` load on first use: a page that only reads what notebook 07
    wrote (``qual.handoff``) never imports the codebook's schemas, the readers or the redactor."""
    if name in ("Codebook", "load_codebook"):
        from . import codebook

        return getattr(codebook, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


CODING_FOLDER = "coding"


def coding_dir(raw: Path | None = None) -> Path | None:
    """Where the dataset's filled coding sheets live (:func:`pdu_analysis.paths.dataset`).

    Sheets belong to the exports they code (their ids are those exports' response ids), so they
    travel with the dataset; a folder of exports alone has none (None).
    """
    return paths.dataset(raw).coding


def collect_texts(raw: Path, responses: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """Every survey free text and interview passage, redacted, with counts for the cleaning log."""
    from ..clean.interviews import read_interviews
    from ..clean.open_text import read_open_text
    from .redact import redactor_for

    redact = redactor_for(raw)
    survey, dropped = read_open_text(raw, responses, redact)
    rounds = reference.waves_by_cutoff()["wave"].tolist()
    interviews = read_interviews(raw, rounds, redact)
    texts = pd.concat([survey, interviews], ignore_index=True) if len(interviews) else survey
    counts = {
        "survey_texts": len(survey),
        "survey_texts_dropped": dropped,
        "interviews": int(interviews["unit_id"].nunique()) if len(interviews) else 0,
        "passages": len(interviews),
    }
    return texts.reset_index(drop=True), counts


_CODED: dict[tuple, pd.DataFrame] = {}
"""``coded_texts`` results of this process, by raw folder, coding folder and responses."""


def _signature(folder: Path | None) -> tuple:
    """Every file under ``folder`` with its size and modification time: changes when a file does."""
    if folder is None or not Path(folder).is_dir():
        return (str(folder),)
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    return (str(folder), *((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files))


def coded_texts(raw: Path, responses: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Every text with the codes its sheets give it (``sheets.read_sheets``), read once per process.

    A page asks for the coded text once per section (theme shares, quotes); reading the exports
    and the sheets and redacting every text is the slow part, and its answer only changes with
    the files of the raw folder and of the coding sheets' folder or with the survey responses,
    which make up the key.
    """
    from .codebook import load_codebook
    from .sheets import read_sheets

    codebook = codebook or load_codebook()
    coding = coding_dir(raw)
    key = (_signature(raw), _signature(coding), int(pd.util.hash_pandas_object(responses, index=False).sum()))
    if key not in _CODED:
        texts, _ = collect_texts(raw, responses)
        _CODED[key] = read_sheets(texts, codebook, coding)
    return _CODED[key].copy()


def analyse(
    raw: Path, responses: pd.DataFrame, names: dict[str, dict[str, str]] | None = None
) -> dict[str, pd.DataFrame]:
    """Texts, codes read back from the sheets, theme shares, round comparisons, kappa and quotes.

    Keys: ``coded`` (one row per text, with its codes), ``codes`` (tidy codes, no text),
    ``shares``, ``comparisons`` (rounds compared; ``names`` names them in sentences, default
    ``wording.group_names(responses, in_sentence=True)``), ``kappa``, ``quotes``, ``voices``
    (approved quotes by report section and kind of speaker).
    """
    from . import agreement, quotes, shares, voices
    from .codebook import load_codebook
    from .wording import group_names

    codebook = load_codebook()
    coded = coded_texts(raw, responses, codebook)
    rounds = reference.waves_by_cutoff()["wave"].tolist()
    theme_shares = shares.theme_shares(coded, codebook, rounds)
    extra = sorted(set(theme_shares["round"]) - set(rounds))
    return {
        "coded": coded,
        "codes": shares.codes_long(coded),
        "shares": theme_shares,
        "comparisons": shares.round_comparisons(
            theme_shares, rounds + extra, names or group_names(responses, in_sentence=True)
        ),
        "kappa": agreement.kappa_table(coded, codebook),
        "quotes": quotes.approved_quotes(coded, codebook),
        "voices": voices.voices_table(coded, codebook, voices.interview_groups(raw)),
    }
