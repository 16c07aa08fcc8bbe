"""Two periods of attendances compared by one cluster-robust test: p, interval, design effect, MDD."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.genmod.cov_struct import Independence
from statsmodels.genmod.families import Binomial
from statsmodels.genmod.families.links import Identity
from statsmodels.genmod.generalized_estimating_equations import GEE

from pdu_analysis.stats import compare_periods_clustered, minimum_detectable_difference


def register(rng: np.random.Generator, people: int, repeat_rate: float) -> pd.DataFrame:
    """Attendances of people with a fixed sector, some coming repeatedly, across two periods."""
    rows = []
    for i in range(people):
        sector = "statutory" if rng.random() < 0.28 else "voluntary"
        visits = 1 + rng.poisson(repeat_rate)
        for _ in range(visits):
            rows.append({"person_id": f"p{i}", "sector": sector, "period": rng.choice(["one", "two"])})
    return pd.DataFrame(rows)


def test_closed_form_equals_statsmodels_identity_gee():
    att = register(np.random.default_rng(7), 120, 1.5)
    c = compare_periods_clustered(att, first="one", second="two")
    y = (att["sector"] == "statutory").to_numpy(float)
    later = (att["period"] == "two").to_numpy(float)
    groups = att["person_id"].astype("category").cat.codes.to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = GEE(
            y,
            np.column_stack([np.ones_like(y), later]),
            groups=groups,
            family=Binomial(link=Identity()),
            cov_struct=Independence(),
        ).fit()
    assert c.diff == pytest.approx(100 * fit.params[1], abs=1e-9)
    assert c.p_value == pytest.approx(fit.pvalues[1], rel=1e-6)
    low, high = fit.conf_int()[1]
    assert (c.ci_low, c.ci_high) == pytest.approx((100 * low, 100 * high), abs=1e-6)


def test_each_person_once_gives_design_effect_one():
    # One attendance per person: the sandwich variance is exactly p q / n in each period.
    att = pd.DataFrame(
        {
            "person_id": [f"p{i}" for i in range(30)],
            "period": ["one"] * 12 + ["two"] * 18,
            "sector": (["statutory"] * 3 + ["voluntary"] * 9 + ["statutory"] * 9 + ["voluntary"] * 9),
        }
    )
    c = compare_periods_clustered(att, first="one", second="two")
    assert c.design_effect == pytest.approx(1.0)
    assert (c.n_eff1, c.n_eff2) == pytest.approx((12, 18))
    se = math.sqrt(0.25 * 0.75 / 12 + 0.5 * 0.5 / 18)
    assert c.ci_high - c.ci_low == pytest.approx(2 * 1.959964 * 100 * se, rel=1e-5)


def test_m_identical_attendances_per_person_give_design_effect_m():
    # Every person comes m times in one period with one sector: variance is m times p q / n.
    m = 3
    people = [("one", "statutory")] * 4 + [("one", "voluntary")] * 6 + [("two", "statutory")] * 5
    people += [("two", "voluntary")] * 5
    rows = [(f"p{i}", per, sec) for i, (per, sec) in enumerate(people) for _ in range(m)]
    att = pd.DataFrame(rows, columns=["person_id", "period", "sector"])
    c = compare_periods_clustered(att, first="one", second="two")
    assert c.design_effect == pytest.approx(m)
    assert c.n1 == 30 and (c.n_eff1, c.n_eff2) == pytest.approx((10, 10))
    assert c.mdd == pytest.approx(
        minimum_detectable_difference(10, 10, 0.45, direction="rise", test="wald"), abs=1e-6
    )


def test_verdict_follows_the_clustered_test_not_fisher():
    # Few people, each coming many times: Fisher on attendances is far too confident.
    rows = []
    for i, (period, sector, visits) in enumerate(
        [
            ("one", "statutory", 36),
            ("one", "voluntary", 90),
            ("one", "voluntary", 75),
            ("one", "statutory", 9),
        ]
        + [
            ("two", "statutory", 75),
            ("two", "statutory", 9),
            ("two", "voluntary", 90),
            ("two", "voluntary", 36),
        ]
    ):
        rows += [(f"p{i}", period, sector)] * visits
    att = pd.DataFrame(rows, columns=["person_id", "period", "sector"])
    c = compare_periods_clustered(att, first="one", second="two")
    assert c.naive_p < 0.001 and c.p_value > 0.05
    assert c.ci_low < 0 < c.ci_high
    s = c.sentence()
    assert "is not evidence of change (cluster-robust p = " in s
    assert "Fisher's exact test, which treats every attendance as independent, gives p < 0.001" in s
    assert f"design effect {c.design_effect:.2f}" in s
    # The detectable difference is that of the clustered test at the effective bases.
    pooled = (c.k1 + c.k2) / (c.n1 + c.n2)
    assert c.mdd == pytest.approx(
        minimum_detectable_difference(c.n_eff1, c.n_eff2, pooled, direction="rise", test="wald"), abs=1e-6
    )


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_interval_and_p_always_agree(seed):
    c = compare_periods_clustered(register(np.random.default_rng(seed), 80, 1.0), first="one", second="two")
    assert (c.p_value < 0.05) == (c.ci_low > 0 or c.ci_high < 0)
    assert c.verdict != "mixed"


def test_bad_input_names_what_is_wrong():
    att = pd.DataFrame({"person_id": ["a", "b"], "period": ["one", "one"], "sector": ["statutory"] * 2})
    with pytest.raises(ValueError, match="period 'two' has no rows"):
        compare_periods_clustered(att, first="one", second="two")
    with pytest.raises(ValueError, match="two different periods"):
        compare_periods_clustered(att, first="one", second="one")
    with pytest.raises(KeyError, match="person"):
        compare_periods_clustered(att.drop(columns="person_id"), first="one", second="two")


def test_same_outcome_everywhere_is_not_tested():
    att = pd.DataFrame(
        {"person_id": list("abcd"), "period": ["one", "one", "two", "two"], "sector": ["voluntary"] * 4}
    )
    c = compare_periods_clustered(att, first="one", second="two")
    assert math.isnan(c.p_value)
    assert "cannot be tested" in c.sentence() and "evidence" not in c.sentence()


def test_people_in_both_periods_offset_the_clustering_of_the_difference():
    # Each person comes twice, once in each period, with one sector: each share alone has design
    # effect 1 (one attendance per person per period), and the difference has a covariance term
    # that cancels: var(p2 - p1) = sum_i ((y_i - p2) / n2 - (y_i - p1) / n1)^2 with p1 = p2 = 0.4, n1 = n2.
    sectors = ["statutory"] * 4 + ["voluntary"] * 6
    rows = [(f"p{i}", period, s) for i, s in enumerate(sectors) for period in ("one", "two")]
    c = compare_periods_clustered(
        pd.DataFrame(rows, columns=["person_id", "period", "sector"]), first="one", second="two"
    )
    assert c.diff == 0 and c.people_in_both == 10
    assert math.isnan(c.p_value)  # zero variance: perfectly paired, nothing to test
    assert "the observed difference of 0 points cannot be tested" in c.sentence()
    # Independent people in the second period: the usual binomial variance, design effect 1.
    rows2 = [(f"p{i}", "one", s) for i, s in enumerate(sectors)] + [
        (f"q{i}", "two", s) for i, s in enumerate(sectors)
    ]
    c2 = compare_periods_clustered(
        pd.DataFrame(rows2, columns=["person_id", "period", "sector"]), first="one", second="two"
    )
    assert c2.design_effect == pytest.approx(1.0) and c2.p_value == pytest.approx(1.0)
    assert (
        "design effect 1.00 for the difference, so repeat attendance makes no visible difference"
        in c2.sentence()
    )
