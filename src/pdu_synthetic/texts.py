"""Open-ended answers for the synthetic surveys, each with the themes it truly carries.

Short, plausible answers in the voice of the report's survey quotes. None names a person. Texts
for the final follow-up round must be encodable in cp1252 (that file is written the way Excel
re-saves it; one of its answers has a curly apostrophe, cp1252 byte 0x92, so the reader's encoding
fallback is used). The themes beside each text are what a careful reader would code it to: the
generator's ground truth, used only by the simulated coders (``coders``), never written to the
raw folder and never read by the analysis. They are chosen by reading each text, not by any
keyword rule.

The answers are one table, ``texts.csv`` (question, text, themes separated by spaces; one row per
answer, each question's answers in the order the generator deals them out), kept as data so that
a reviewer reads the prose apart from any code.
"""

from __future__ import annotations

import csv
from pathlib import Path

TEXTS_FILE = Path(__file__).with_name("texts.csv")


def _rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    with open(TEXTS_FILE, encoding="utf-8", newline="") as handle:
        return tuple((r["question"], r["text"], tuple(r["themes"].split())) for r in csv.DictReader(handle))


_TEXTS = _rows()


def _texts(question: str) -> tuple[str, ...]:
    """The answers written for one question, in their order."""
    return tuple(text for asked, text, _ in _TEXTS if asked == question)


CHANGE_DETAIL = _texts("change_detail")
PLEDGE_POST_EVENT = _texts("pledge_post_event")
SHARE_PLAN_OTHER = _texts("share_plan_other")
INTERIM_ACTION_DETAIL = _texts("interim_action_detail")
FINAL_ACTION_DETAIL = _texts("final_action_detail")
HEARD_VIA_OTHER = _texts("heard_via_other")
SHARED_WITH_OTHER = _texts("shared_with_other")

TRUE_THEMES: dict[str, tuple[str, ...]] = {text: themes for _, text, themes in _TEXTS}
"""Survey text -> the themes it truly carries (ground truth for the simulated coders only)."""
