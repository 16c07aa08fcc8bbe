"""Chi-square of sector by period with Cramér's V and an expected-count warning."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency, fisher_exact

from pdu_analysis.stats import sector_by_period_test


def long_table(table: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [(s, p) for (s, p), k in table.items() for _ in range(k)]
    return pd.DataFrame(rows, columns=["sector", "period"])


def test_matches_scipy_and_cramers_v_formula_on_3x2():
    counts = {
        ("voluntary", "to_interim"): 150,
        ("statutory", "to_interim"): 45,
        ("other", "to_interim"): 30,
        ("voluntary", "after"): 120,
        ("statutory", "after"): 75,
        ("other", "after"): 48,
    }
    df = long_table(counts)
    r = sector_by_period_test(df, "sector", "period")
    ref = chi2_contingency(pd.crosstab(df["sector"], df["period"]).to_numpy())
    assert r.chi2 == pytest.approx(ref.statistic)
    assert r.p == pytest.approx(ref.pvalue)
    assert r.dof == ref.dof == 2
    assert r.cramer_v == pytest.approx(math.sqrt(ref.statistic / (len(df) * 1)))
    assert r.expected_warning is None and r.n_small_expected == 0
    assert r.fisher_p is None
    assert r.n == len(df)


def test_2x2_uses_yates_by_default_and_gives_fisher():
    df = long_table(
        {
            ("statutory", "a"): 20,
            ("voluntary", "a"): 80,
            ("statutory", "b"): 40,
            ("voluntary", "b"): 60,
        }
    )
    obs = pd.crosstab(df["sector"], df["period"]).to_numpy()
    r = sector_by_period_test(df, "sector", "period")
    assert r.chi2 == pytest.approx(chi2_contingency(obs, correction=True).statistic)
    r0 = sector_by_period_test(df, "sector", "period", correction=False)
    assert r0.chi2 == pytest.approx(chi2_contingency(obs, correction=False).statistic)
    assert r.fisher_p == pytest.approx(fisher_exact(obs).pvalue)
    assert r.observed.to_numpy().tolist() == obs.tolist()


def test_expected_count_warning():
    df = long_table(
        {
            ("statutory", "a"): 2,
            ("voluntary", "a"): 10,
            ("statutory", "b"): 6,
            ("voluntary", "b"): 9,
        }
    )
    r = sector_by_period_test(df, "sector", "period")
    expected = np.outer([8, 19], [12, 15]) / 27
    assert r.min_expected == pytest.approx(expected.min())
    assert r.n_small_expected == int((expected < 5).sum())
    assert r.expected_warning is not None
    assert f"{int((expected < 5).sum())} of 4 expected counts are below 5" in r.expected_warning
    assert "Fisher" in r.expected_warning


def test_unused_categories_and_missing_rows_dropped():
    df = long_table(
        {
            ("statutory", "a"): 30,
            ("voluntary", "a"): 50,
            ("statutory", "b"): 35,
            ("voluntary", "b"): 45,
        }
    )
    df["sector"] = pd.Categorical(df["sector"], categories=["statutory", "voluntary", "unused"])
    df.loc[len(df)] = [None, "a"]
    r = sector_by_period_test(df, "sector", "period")
    assert r.n == 160
    assert r.observed.shape == (2, 2)


def test_one_level_raises():
    df = long_table({("statutory", "a"): 3, ("voluntary", "a"): 4})
    with pytest.raises(ValueError, match="period"):
        sector_by_period_test(df, "sector", "period")


@pytest.mark.parametrize("correction", [True, False])
def test_cramers_v_is_uncorrected_by_hand(correction):
    # [[3, 9], [8, 4]]: rows 12 and 12, columns 11 and 13, n = 24, expected 5.5 and 6.5 per row.
    # Pearson chi2 = 2 (2.5^2 / 5.5 + 2.5^2 / 6.5) = 4.1958; V = sqrt(4.1958 / 24) = 0.418.
    df = long_table(
        {("statutory", "a"): 3, ("voluntary", "a"): 9, ("statutory", "b"): 8, ("voluntary", "b"): 4}
    )
    r = sector_by_period_test(df, "sector", "period", correction=correction)
    chi2_by_hand = 2 * (2.5**2 / 5.5 + 2.5**2 / 6.5)
    assert r.cramer_v == pytest.approx(math.sqrt(chi2_by_hand / 24))
    assert round(r.cramer_v, 2) == 0.42
    if correction:  # the test itself keeps Yates' correction on 2 x 2, as documented
        assert r.chi2 < chi2_by_hand
