"""Exact power of Fisher's test, its normal approximation, and the clustered Wald test's power."""

import math

import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.stats import binom, fisher_exact, norm

from pdu_analysis.stats import power as pw
from pdu_analysis.stats.power import (
    EXACT_MAX_TABLES,
    fisher_power,
    fisher_power_approx,
    fisher_rejection_region,
    fisher_size,
    minimum_detectable_difference,
    power_for,
    wald_power,
)


def scipy_p(a: int, n1: int, b: int, n2: int) -> float:
    return fisher_exact([[a, n1 - a], [b, n2 - b]])[1]


@pytest.mark.parametrize(("n1", "n2"), [(1, 1), (1, 6), (4, 4), (7, 29), (12, 9), (25, 25), (3, 40)])
def test_rejection_region_equals_scipy_table_by_table(n1, n2):
    expected = np.array([[scipy_p(a, n1, b, n2) < 0.05 for b in range(n2 + 1)] for a in range(n1 + 1)])
    assert (fisher_rejection_region(n1, n2) == expected).all()


@pytest.mark.parametrize(("p1", "p2", "n1", "n2"), [(0.3, 0.8, 7, 29), (0.5, 0.1, 12, 9), (0.2, 0.2, 20, 15)])
def test_exact_power_equals_brute_force_loop(p1, p2, n1, n2):
    expected = sum(
        binom.pmf(a, n1, p1) * binom.pmf(b, n2, p2)
        for a in range(n1 + 1)
        for b in range(n2 + 1)
        if scipy_p(a, n1, b, n2) < 0.05
    )
    assert fisher_power(p1, p2, n1, n2) == pytest.approx(expected, abs=1e-12)


def test_exact_power_agrees_with_monte_carlo():
    rng = np.random.default_rng(20190201)
    p1, p2, n1, n2, draws = 0.25, 0.7, 10, 30, 20_000
    a = rng.binomial(n1, p1, draws)
    b = rng.binomial(n2, p2, draws)
    significant = {
        (x, y): scipy_p(x, n1, y, n2) < 0.05 for x, y in set(zip(a.tolist(), b.tolist(), strict=True))
    }
    hits = sum(significant[x, y] for x, y in zip(a.tolist(), b.tolist(), strict=True))
    estimate = hits / draws
    se = math.sqrt(estimate * (1 - estimate) / draws)
    assert fisher_power(p1, p2, n1, n2) == pytest.approx(estimate, abs=4 * se)


def test_power_of_an_array_of_shares_matches_one_at_a_time():
    grid = np.array([0.1, 0.4, 0.9])
    many = fisher_power(0.3, grid, 7, 29)
    assert many == pytest.approx([fisher_power(0.3, g, 7, 29) for g in grid])


def test_fisher_is_conservative_its_size_is_below_alpha():
    sizes = [fisher_size(7, 29, s) for s in (0.1, 0.3, 0.5, 0.7)]
    assert all(0 < s < 0.05 for s in sizes)
    assert fisher_size(7, 29, 0.0) == 0.0 and fisher_size(7, 29, 1.0) == 0.0


def test_mdd_is_the_last_crossing_power_stays_above_target_beyond_it():
    n1, n2, base = 12, 20, 0.3
    mdd = minimum_detectable_difference(n1, n2, base)
    beyond = np.linspace(base + mdd / 100 + 1e-6, 1.0, 400)
    assert (np.array([fisher_power(base, p, n1, n2) for p in beyond]) >= 0.80 - 1e-9).all()
    assert fisher_power(base, base + mdd / 100, n1, n2) == pytest.approx(0.80, abs=1e-8)


def test_approximation_agrees_with_exact_near_the_switch():
    n = int(math.isqrt(EXACT_MAX_TABLES)) - 1  # largest square size still enumerated
    assert (n + 1) ** 2 <= EXACT_MAX_TABLES < (n + 2) ** 2
    for base in (0.2, 0.5):
        exact = minimum_detectable_difference(n, n, base)
        grid = np.linspace(base, 1.0, 200_001)
        approx = 100 * (grid[np.argmax(fisher_power_approx(base, grid, n, n) >= 0.80)] - base)
        assert exact == pytest.approx(approx, abs=0.15)


def test_large_bases_use_the_approximation(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("enumerated above the documented size")

    monkeypatch.setattr(pw, "fisher_power", refuse)
    got = power_for(0.5, 0.55, 2000, 3000)
    assert got == pytest.approx(fisher_power_approx(0.5, 0.55, 2000, 3000))


def test_wald_power_closed_form():
    # Two-sided z-test, variance p q / n times the design effect.
    p1, p2, n1, n2, deff = 0.22, 0.33, 300, 168, 2.0
    se = math.sqrt(deff * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2))
    z = norm.ppf(0.975)
    expected = norm.cdf((p2 - p1) / se - z) + norm.cdf(-(p2 - p1) / se - z)
    assert wald_power(p1, p2, n1, n2, design_effect=deff) == pytest.approx(expected)


def test_wald_mdd_with_design_effect_is_the_mdd_at_effective_bases():
    n1, n2, base, deff = 300, 168, 0.26, 2.04
    with_deff = minimum_detectable_difference(n1, n2, base, test="wald", design_effect=deff)
    effective = minimum_detectable_difference(n1 / deff, n2 / deff, base, test="wald")
    naive = minimum_detectable_difference(n1, n2, base, test="wald")
    assert with_deff == pytest.approx(effective, abs=1e-6)
    assert with_deff > naive
    # Solve d = (z_alpha/2 + z_power) se(d) directly (the far tail is negligible here).
    z = norm.ppf(0.975) + norm.ppf(0.80)

    def gap(d):
        p2 = base + d
        return d - z * math.sqrt(deff * (base * (1 - base) / n1 + p2 * (1 - p2) / n2))

    assert with_deff == pytest.approx(100 * brentq(gap, 1e-6, 0.7), abs=0.01)


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="at least 1"):
        minimum_detectable_difference(0, 10, 0.5)
    with pytest.raises(ValueError, match="0-1"):
        minimum_detectable_difference(10, 10, 1.5)
    with pytest.raises(ValueError, match="direction"):
        minimum_detectable_difference(10, 10, 0.5, direction="up")
    with pytest.raises(ValueError, match="test must be"):
        power_for(0.5, 0.6, 10, 10, test="chi2")
