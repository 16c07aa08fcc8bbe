"""The study's controlled values (sectors, fields of work, event kinds), in one light module.

``schemas`` checks data against them; analysis code and notebooks use them for ordering without
loading pandera. Fields of work can grow (a programme's register may name a field the PDU's did
not): they are the rows of ``data/reference/fields_of_work.csv``, in the order pages list them.
"""

import csv

from . import paths
from .paths import REFERENCE_DIR

FIELDS_OF_WORK_FILE = REFERENCE_DIR / paths.FIELDS_OF_WORK_FILE


def _fields_of_work() -> tuple[str, ...]:
    with open(FIELDS_OF_WORK_FILE, encoding="utf-8", newline="") as handle:
        return tuple(row["field"].strip() for row in csv.DictReader(handle) if row["field"].strip())


SECTORS = ("statutory", "voluntary", "private")
FOCUS_OF_WORK = _fields_of_work()
EVENT_KINDS = ("learning_event", "community_of_practice")
EVENT_STATUS = ("held", "planned")
SURVEYS = ("post_event", "follow_up")
