"""Share of attendances with naive (Wilson) and person-clustered (GEE) intervals."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, logit
from scipy.stats import norm

from pdu_analysis.stats import proportion, sector_share_clustered
from pdu_analysis.stats.clustered import COLUMNS

Z = norm.ppf(0.975)


def simulate_register(seed: int, people: int = 80, *, rho_like: float = 0.9) -> pd.DataFrame:
    """People attend 1-8 times; each attendance repeats the person's own sector w.p. rho_like."""
    rng = np.random.default_rng(seed)
    rows = []
    for pid in range(people):
        own_statutory = rng.random() < 0.3
        for visit in range(int(rng.integers(1, 9))):
            same = rng.random() < rho_like
            statutory = own_statutory if same else rng.random() < 0.3
            period = "to_interim" if visit % 2 == 0 else "after_interim"
            rows.append((f"P{pid:03d}", "statutory" if statutory else "voluntary", period))
    return pd.DataFrame(rows, columns=["person", "sector", "period"])


def sandwich_interval(df: pd.DataFrame, y: np.ndarray) -> tuple[float, float, float]:
    """Cluster-robust logit interval for a share, written out (Liang & Zeger 1986)."""
    n, p = len(y), y.mean()
    resid = pd.Series(y - p).groupby(df["person"].to_numpy()).sum().to_numpy()
    info = n * p * (1 - p)
    var = (resid**2).sum() / info**2
    b = logit(p)
    return 100 * expit(b - Z * math.sqrt(var)), 100 * expit(b + Z * math.sqrt(var)), var * info


def test_columns_and_naive_interval_is_wilson():
    df = simulate_register(1)
    out = sector_share_clustered(df, outcome_col="sector", success="statutory", cluster_col="person")
    assert list(out.columns) == COLUMNS
    row = out.iloc[0]
    k = int((df["sector"] == "statutory").sum())
    assert (row["group"], row["count"], row["base"]) == ("all", k, len(df))
    assert row["n_clusters"] == df["person"].nunique()
    wilson = proportion(k, len(df))
    assert (row["naive_low"], row["naive_high"]) == pytest.approx((wilson.ci_low, wilson.ci_high))


def test_robust_interval_is_the_cluster_sandwich():
    df = simulate_register(2)
    y = (df["sector"] == "statutory").to_numpy(float)
    low, high, deff = sandwich_interval(df, y)
    row = sector_share_clustered(df, outcome_col="sector", success="statutory", cluster_col="person").iloc[0]
    assert row["robust_low"] == pytest.approx(low, abs=1e-6)
    assert row["robust_high"] == pytest.approx(high, abs=1e-6)
    assert row["design_effect"] == pytest.approx(deff, rel=1e-6)
    assert row["gee_percent"] == pytest.approx(row["percent"])


@pytest.mark.parametrize("cov_struct", ["independence", "exchangeable"])
def test_repeat_attenders_widen_the_interval(cov_struct):
    df = simulate_register(3)
    row = sector_share_clustered(
        df, outcome_col="sector", success="statutory", cluster_col="person", cov_struct=cov_struct
    ).iloc[0]
    naive_width = row["naive_high"] - row["naive_low"]
    robust_width = row["robust_high"] - row["robust_low"]
    assert robust_width > 1.2 * naive_width
    assert row["design_effect"] > 1.5


@pytest.mark.parametrize("cov_struct", ["independence", "exchangeable"])
def test_clusters_of_size_one_give_robust_close_to_naive(cov_struct):
    df = simulate_register(4, people=150)
    df["person"] = [f"X{i}" for i in range(len(df))]
    row = sector_share_clustered(
        df, outcome_col="sector", success="statutory", cluster_col="person", cov_struct=cov_struct
    ).iloc[0]
    assert row["n_clusters"] == row["base"]
    assert row["robust_low"] == pytest.approx(row["naive_low"], abs=1.0)
    assert row["robust_high"] == pytest.approx(row["naive_high"], abs=1.0)
    assert row["design_effect"] == pytest.approx(1.0, abs=0.05)
    assert "attended once" in row["note"]


def test_exchangeable_drifts_towards_share_of_people_when_sector_is_personal():
    # Statutory staff come five times, voluntary staff once: attendances and people disagree.
    rows = [(f"S{i}", 1) for i in range(20) for _ in range(5)] + [(f"V{i}", 0) for i in range(80)]
    df = pd.DataFrame(rows, columns=["person", "statutory"])
    # A little within-person variation so the GEE is identifiable.
    df.loc[df.index[::7], "statutory"] = 1 - df.loc[df.index[::7], "statutory"]
    people_share = 100 * df.groupby("person")["statutory"].mean().mean()
    ind = sector_share_clustered(df, outcome_col="statutory", cluster_col="person").iloc[0]
    exch = sector_share_clustered(
        df, outcome_col="statutory", cluster_col="person", cov_struct="exchangeable"
    ).iloc[0]
    assert ind["gee_percent"] == pytest.approx(ind["percent"])
    assert abs(exch["gee_percent"] - people_share) < abs(exch["gee_percent"] - exch["percent"])
    assert "differs from the attendance share" in exch["note"]


def test_groups_one_row_each_in_category_order_and_str_dtype_ok():
    df = simulate_register(5)
    assert df["period"].dtype == "str"  # pandas 3 default
    df["period"] = pd.Categorical(df["period"], categories=["to_interim", "after_interim"])
    out = sector_share_clustered(
        df, outcome_col="sector", success="statutory", cluster_col="person", group_col="period"
    )
    assert out["group"].tolist() == ["to_interim", "after_interim"]
    assert out["base"].sum() == len(df)
    for _, row in out.iterrows():
        part = df[df["period"] == row["group"]]
        y = (part["sector"] == "statutory").to_numpy(float)
        low, high, _ = sandwich_interval(part, y)
        assert row["robust_low"] == pytest.approx(low, abs=1e-6)
        assert row["robust_high"] == pytest.approx(high, abs=1e-6)
        assert row["n_clusters"] == part["person"].nunique()


def test_group_with_a_single_outcome_falls_back_to_wilson():
    df = simulate_register(6)
    df.loc[df["period"] == "after_interim", "sector"] = "voluntary"
    out = sector_share_clustered(
        df, outcome_col="sector", success="statutory", cluster_col="person", group_col="period"
    ).set_index("group")
    flat = out.loc["after_interim"]
    assert flat["count"] == 0
    assert (flat["robust_low"], flat["robust_high"]) == (flat["naive_low"], flat["naive_high"])
    assert math.isnan(flat["design_effect"])
    assert "same outcome" in flat["note"] and "Wilson" in flat["note"]
    fitted = out.loc["to_interim"]
    assert fitted["robust_high"] - fitted["robust_low"] > fitted["naive_high"] - fitted["naive_low"]


def test_single_person_falls_back():
    df = pd.DataFrame({"person": ["a"] * 6, "y": [1, 0, 1, 1, 0, 1]})
    row = sector_share_clustered(df, outcome_col="y", cluster_col="person").iloc[0]
    assert "only one person" in row["note"]
    assert row["robust_low"] == row["naive_low"]


def test_boolean_column_equals_success_value():
    df = simulate_register(7)
    df["is_statutory"] = df["sector"] == "statutory"
    a = sector_share_clustered(df, outcome_col="is_statutory", cluster_col="person")
    b = sector_share_clustered(df, outcome_col="sector", success="statutory", cluster_col="person")
    pd.testing.assert_frame_equal(a, b)


def test_bad_inputs():
    df = simulate_register(8)
    with pytest.raises(ValueError, match="boolean or 0/1"):
        sector_share_clustered(df, outcome_col="sector", cluster_col="person")
    with pytest.raises(KeyError):
        sector_share_clustered(df, outcome_col="nope", cluster_col="person")
    gap = df.assign(person=df["person"].where(df.index > 0))
    with pytest.raises(ValueError, match="missing person"):
        sector_share_clustered(gap, outcome_col="sector", success="statutory", cluster_col="person")
    with pytest.raises(ValueError, match="cov_struct"):
        sector_share_clustered(
            df, outcome_col="sector", success="statutory", cluster_col="person", cov_struct="ar"
        )


def test_independence_closed_form_equals_statsmodels_gee():
    """The direct formula is the GEE: same estimate and robust variance as statsmodels."""
    import numpy as np
    from statsmodels.genmod.cov_struct import Independence
    from statsmodels.genmod.families import Binomial
    from statsmodels.genmod.generalized_estimating_equations import GEE

    from pdu_analysis.stats.clustered import independence_gee

    rng = np.random.default_rng(7)
    people = rng.integers(0, 120, size=400)
    leaning = rng.random(120) < 0.3
    y = (leaning[people] ^ (rng.random(400) < 0.1)).astype(float)
    _, clusters = np.unique(people, return_inverse=True)
    fit = GEE(y, np.ones((400, 1)), groups=clusters, family=Binomial(), cov_struct=Independence()).fit()
    beta, variance = independence_gee(y, clusters)
    assert beta == pytest.approx(float(fit.params[0]), abs=1e-9)
    assert variance == pytest.approx(float(fit.cov_robust[0, 0]), rel=1e-9)
