"""The aims table, the strength-of-evidence rule, the clustering checks and the checked conclusions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pdu_analysis import aims, paths
from pdu_analysis.aims.evidence import Indicator
from pdu_analysis.errors import PDUInputError
from pdu_analysis.stats import compare_periods_clustered, robustness, strength


# ---- clustering checks -------------------------------------------------------------------------
def _attendances(statutory_by_event: dict[str, tuple[str, int, int]], seed: int = 3) -> pd.DataFrame:
    """Attendances per event: (period, attendances, statutory among them), people drawn at random."""
    rng = np.random.default_rng(seed)
    rows = []
    for event, (period, n, k) in statutory_by_event.items():
        for i in range(n):
            rows.append(
                {
                    "event_id": event,
                    "period": period,
                    "person_id": f"p{rng.integers(0, 400)}",
                    "sector": "statutory" if i < k else "voluntary",
                }
            )
    return pd.DataFrame(rows)


EVEN = {f"A{i}": ("first", 40, 8) for i in range(8)} | {f"B{i}": ("second", 40, 16) for i in range(8)}
"""A rise from 20% to 40% spread over every later event: it holds however attendances group."""

ONE_EVENT = {f"A{i}": ("first", 40, 8) for i in range(8)} | {f"B{i}": ("second", 40, 9) for i in range(7)}
ONE_EVENT["B7"] = ("second", 60, 48)
"""The same periods, but the rise comes from one later event with 80% statutory attendance."""


def test_checks_cover_every_clustering_and_every_event_left_out():
    checks = robustness.change_checks(_attendances(EVEN), first="first", second="second")
    assert checks["kind"].value_counts().to_dict() == {
        "leave_one_out": 16,
        "person": 1,
        "event": 1,
        "person_event": 1,
    }
    # the difference is the same in every full-data check: only its variance changes
    full = checks[checks["kind"] != "leave_one_out"]
    assert np.allclose(full["diff"], full["diff"].iloc[0])


def test_person_check_is_the_lead_test_of_the_pages():
    att = _attendances(EVEN)
    lead = compare_periods_clustered(att, first="first", second="second")
    row = robustness.change_checks(att, first="first", second="second").iloc[0]
    assert row["kind"] == "person"
    assert row["p_value"] == pytest.approx(lead.p_value)
    assert row["ci_low"] == pytest.approx(lead.ci_low)


def test_a_rise_spread_over_events_is_strong():
    summary = robustness.summarise(
        robustness.change_checks(_attendances(EVEN), first="first", second="second")
    )
    assert summary.rating == "strong"
    assert summary.held == summary.checks


def test_a_rise_carried_by_one_event_is_not_strong():
    att = _attendances(ONE_EVENT)
    checks = robustness.change_checks(att, first="first", second="second")
    summary = robustness.summarise(checks)
    assert checks.iloc[0]["holds"]  # the lead test, by person, says change
    without = checks[checks["left_out"] == "B7"].iloc[0]
    assert not without["holds"]
    assert summary.rating in ("moderate", "weak")
    assert "B7" in summary.clause()
    assert summary.sentence("this change").endswith(f"the evidence is {summary.rating}.")


def test_readers_know_the_event_that_carries_a_rise_by_its_day_not_its_id():
    att = _attendances(ONE_EVENT)
    att["event_date"] = np.where(att["event_id"] == "B7", "2018-12-11", "2018-09-04")
    summary = robustness.change_robustness(att, first="first", second="second", success="statutory")
    assert "without one event (the one held on 11 December 2018;" in summary.clause()
    assert "B7" not in summary.clause()


def test_event_clustering_is_wider_than_person_clustering_when_events_differ():
    checks = robustness.change_checks(_attendances(ONE_EVENT), first="first", second="second")
    by = checks.set_index("kind")
    assert by.loc["event", "p_value"] > by.loc["person", "p_value"]
    assert by.loc["person_event", "clusters"] == by.loc["event", "clusters"]


def test_no_change_is_none():
    flat = {f"A{i}": ("first", 40, 10) for i in range(6)} | {f"B{i}": ("second", 40, 10) for i in range(6)}
    summary = robustness.summarise(
        robustness.change_checks(_attendances(flat), first="first", second="second")
    )
    assert summary.rating == "none"


# ---- the rule ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("k", "n", "interviews", "expected"),
    [
        (300, 600, None, "strong"),  # base 600, interval about 8 points
        (300, 600, 0, "moderate"),  # paired theme never raised by an interviewee
        (300, 600, 2, "strong"),
        (20, 40, None, "moderate"),  # base 30-49 caps it; width about 30
        (10, 20, None, "weak"),
        (3, 9, None, "none"),
    ],
)
def test_rate_share(k, n, interviews, expected):
    assert strength.rate_share(k, n, interview_count=interviews) == expected


def test_aim_takes_the_strength_two_indicators_reach():
    def ind(rating):
        return Indicator(
            id=rating, aim="a", kind="headline", label="", published=True, available=True, rating=rating
        )

    assert aims.aim_rating("a", {"x": ind("strong"), "y": ind("weak"), "z": ind("weak")}) == "weak"
    assert aims.aim_rating("a", {"x": ind("strong"), "y": ind("moderate")}) == "moderate"
    assert aims.aim_rating("a", {"x": ind("moderate")}) == "moderate"
    assert aims.aim_rating("b", {"x": ind("moderate")}) == "none"


def test_shipped_aims_table_is_valid_and_names_five_aims():
    table = aims.load_aims()
    assert table["aim"].nunique() == 5
    assert set(table["kind"]) <= {"headline", "change", "theme"}
    published = pd.read_csv(paths.REFERENCE_DIR / "published_figures.csv", dtype=str)
    assert set(table.loc[table["published"] != "", "published"]) <= set(published["id"])


# ---- the conclusions ---------------------------------------------------------------------------
def _found() -> dict[str, Indicator]:
    return {
        "act.final": Indicator(
            id="act.final",
            aim="alpha",
            kind="headline",
            label="acted",
            published=True,
            available=True,
            count=12,
            base=20,
            percent=60.0,
            text="12 of 20",
        ),
        "theme.interviews": Indicator(
            id="theme.interviews",
            aim="beta",
            kind="theme",
            label="theme",
            published=False,
            available=True,
            count=2,
            base=5,
            percent=40.0,
            text="2 of 5 interviewees",
        ),
    }


def _write(tmp_path, body: str):
    path = tmp_path / "conclusions.md"
    path.write_text(body, encoding="utf-8")
    return path


def _read(path, synthetic=True):
    return aims.read_conclusions(path, ["alpha", "beta"], _found(), synthetic=synthetic)


def test_checked_figures_and_references_render(tmp_path):
    path = _write(
        tmp_path,
        "## alpha\n\nOf them, 12 of 20 [act.final] acted, that is 60% [act.final]. "
        "Also {{ act.final.base }} answered.\n\n"
        "## beta\n\nIn interviews {{ theme.interviews }} said so.\n\n"
        "## Issues arising\n\n- First issue, citing 12 [act.final].\n- Second issue.\n",
    )
    done = _read(path)
    assert done.sections["alpha"] == "Of them, 12 of 20 acted, that is 60%. Also 20 answered."
    assert done.sections["beta"] == "In interviews 2 of 5 interviewees† said so."
    assert done.sections["Issues arising"].splitlines() == ["- First issue, citing 12.", "- Second issue."]
    assert "†" not in _read(path, synthetic=False).sections["beta"]


def test_a_wrong_figure_names_file_sentence_and_both_figures(tmp_path):
    path = _write(tmp_path, "## alpha\n\nAll went well. Of them, 13 of 20 [act.final] acted.\n")
    with pytest.raises(PDUInputError) as caught:
        _read(path)
    message = str(caught.value)
    assert str(path) in message
    assert '"Of them, 13 of 20 [act.final] acted."' in message
    assert '"13 of 20"' in message and '"12 of 20"' in message
    assert "All went well" not in message


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("## alpha\n\nSome 12 people acted.\n", "cites no indicator"),
        ("## alpha\n\nIn interviews {{ theme.interviews }} said so.\n", "not an indicator of this aim"),
        ("## alpha\n\nOf them, 12 [nothing.here] acted.\n", "not an indicator of data/reference/aims.csv"),
        ("## gamma\n\nText.\n", "neither an aim"),
        ("## alpha\n\nIt {{ act.final.checks }}.\n", "not a change"),
        ("## alpha\n\nThat is 61% [act.final].\n", '"60%"'),
    ],
)
def test_refused_prose(tmp_path, body, fragment):
    with pytest.raises(PDUInputError, match=None) as caught:
        _read(_write(tmp_path, body))
    assert fragment in str(caught.value)


def test_no_conclusions_file_means_none(tmp_path):
    assert _read(tmp_path / "absent.md") is None


def test_conclusions_live_beside_the_coding_sheets(tmp_path, monkeypatch):
    monkeypatch.delenv("PDU_CODING_DIR", raising=False)
    raw = tmp_path / "exports" / "raw"
    raw.mkdir(parents=True)
    assert paths.conclusions_file(raw) == (tmp_path / "exports" / "coding" / "conclusions.md").resolve()
    monkeypatch.setenv("PDU_CODING_DIR", str(tmp_path / "elsewhere"))
    assert paths.conclusions_file(raw).parent == (tmp_path / "elsewhere").resolve()


def test_shipped_conclusions_cite_only_their_aims_indicators():
    """Every citation in the shipped conclusions names an indicator of the aims table, and an aim's
    section names only its own (checked without the data: the figures are checked by the build)."""
    table = aims.load_aims()
    text = paths.conclusions_file(paths.DEFAULT_RAW_DIR).read_text(encoding="utf-8")
    sections = aims.prose._sections(text, paths.conclusions_file(paths.DEFAULT_RAW_DIR))
    assert set(table["aim"]) <= set(sections)
    for name, block in sections.items():
        cited = {m["id"] for m in aims.prose.CITED.finditer(block)} | {
            m["id"] for m in aims.prose.PLACEHOLDER.finditer(block)
        }
        allowed = (
            set(table["indicator"])
            if name in aims.prose.GENERAL
            else set(table.loc[table["aim"] == name, "indicator"])
        )
        assert cited <= allowed, (name, cited - allowed)
