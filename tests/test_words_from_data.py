"""Words from the data: rounds in the glossary, points in the singular, verdicts as Holm allows."""

from __future__ import annotations

import pandas as pd

from pdu_analysis.reference import waves_by_cutoff
from pdu_analysis.report import index
from pdu_analysis.wording import chart_titles, findings
from pdu_analysis.wording.numbers import points_text


def _family(p_values: list[float], low: float = 2.0) -> pd.DataFrame:
    n = len(p_values)
    return pd.DataFrame(
        {
            "label": [f"Measure {i}" for i in range(n)],
            "p_value": p_values,
            "diff_ci_low": [low if p < 0.05 else -20.0 for p in p_values],
            "diff_ci_high": [30.0] * n,
            "mdd": [40.0] * n,
        }
    )


def _responses() -> pd.DataFrame:
    waves = list(waves_by_cutoff()["wave"].iloc[:2])
    return pd.DataFrame({"survey": "follow_up", "wave": waves, "responded_on": ["2018-06-10", "2019-01-10"]})


def test_one_point_is_singular():
    assert points_text(1.0) == "1 percentage point"
    assert points_text(-1.2) == "-1 percentage point"
    assert points_text(12.4) == "12 percentage points"


def test_a_comparison_is_evidence_only_when_it_survives_holm_in_its_family():
    lonely = _family([0.01])
    assert findings.adjusted_kinds(lonely) == ["evidence"]
    many = _family([0.01, *[0.6] * 19])  # 0.01 x 20 comparisons: Holm's p is 0.2
    kinds = findings.adjusted_kinds(many)
    assert kinds[0] == "alone" and "evidence" not in kinds
    point = findings.survey_limits_point(many, _responses())
    assert point.text.startswith("None of the 20 survey comparisons between rounds or periods is evidence")
    assert "1 would be taken alone, but not once the number of comparisons made is allowed for" in point.text
    assert chart_titles.differences_title(many).endswith("once the number of comparisons is allowed for")
    # the family is the table's: a subset shown keeps the adjustment made over the whole family
    subset = many.assign(p_holm=[0.2, *[1.0] * 19]).iloc[:3]
    assert findings.adjusted_kinds(subset)[0] == "alone"
    assert "1 of these 1" in chart_titles.differences_title(lonely)


def test_the_glossary_lists_the_rounds_in_the_data(tmp_path, monkeypatch):
    processed = tmp_path / "data" / "processed"
    processed.mkdir(parents=True)
    listed = list(waves_by_cutoff()["wave"])
    rows = [(w, f"2018-0{i + 3}-10") for i, w in enumerate(listed)] + [
        ("2019-07", "2019-07-02"),
        ("2019-10", "2019-10-05"),
    ]
    pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(rows))],
            "survey": "follow_up",
            "wave": [w for w, _ in rows],
            "responded_on": [d for _, d in rows],
        }
    ).to_csv(processed / "survey_responses.csv", index=False)
    monkeypatch.setenv("PDU_OUTPUT_ROOT", str(tmp_path))
    rounds = [r["label"] for r in index.vocabulary()["rounds"]]
    assert len(rounds) == len(listed) + 2
    assert rounds[-2:] == ["2019-07 (July 2019)", "2019-10 (October 2019)"]
