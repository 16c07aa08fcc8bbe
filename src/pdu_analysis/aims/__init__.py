"""How far the PDU met its aims: the evidence per aim and the evaluator's checked conclusions.

``evidence`` turns ``data/reference/aims.csv`` into computed, rated indicators and one evidence
table per aim; ``prose`` reads the evaluator's conclusions kept with the dataset
(:func:`pdu_analysis.paths.conclusions_file`), renders their references and checks every literal
figure against the indicator it cites.
"""

from pdu_analysis.aims.evidence import (
    Indicator,
    aim_rating,
    evidence_records,
    evidence_table,
    indicators,
    load_aims,
)
from pdu_analysis.aims.prose import Conclusions, read_conclusions
from pdu_analysis.aims.summary import summary_records

__all__ = [
    "Conclusions",
    "Indicator",
    "aim_rating",
    "evidence_records",
    "evidence_table",
    "indicators",
    "load_aims",
    "read_conclusions",
    "summary_records",
]
