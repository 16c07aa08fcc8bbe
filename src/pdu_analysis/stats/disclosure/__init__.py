"""Disclosure control: hide counts of 1 to 4, and prove the hidden ones cannot be worked out.

- :mod:`.audit` -- what a reader can work out about each hidden count from everything published
  together (a small integer programme solved with :func:`scipy.optimize.milp`).
- :mod:`.publication` -- every table a page publishes as figures over one set of cells, so the
  audit sees what a reader could subtract across tables.
- :mod:`.suppress` -- hide counts of 1 to 4 in a table, then hide further cells until the audit
  passes with the table's totals published.

>>> import pandas as pd
>>> s = suppress_small(pd.DataFrame({"a": [4], "b": [4], "c": [20]}), ["a", "b", "c"])
>>> s.table.iloc[0].tolist(), s.audit.passed
(['<5', '<5', '[c]'], True)
"""

from pdu_analysis.stats.disclosure.audit import (
    AuditResult,
    DisclosureError,
    Figure,
    Finding,
    audit_figures,
)
from pdu_analysis.stats.disclosure.publication import Publication
from pdu_analysis.stats.disclosure.suppress import Suppressed, suppress_small

__all__ = [
    "AuditResult",
    "DisclosureError",
    "Figure",
    "Finding",
    "Publication",
    "Suppressed",
    "audit_figures",
    "suppress_small",
]
