"""Turn target counts into individual answers.

Single-choice answers are dealt out by ranking a per-respondent latent score (plus noise), so that
answers to related questions are plausibly correlated while every total stays exact. Multi-select
answers are dealt out option by option and then repaired so that every respondent ticks something.
"""

from __future__ import annotations

import numpy as np


def by_rank(
    rng: np.random.Generator, latent: np.ndarray, counts: dict[str, int], noise: float = 0.8
) -> list[str]:
    """Give the first option (best) to the highest ``latent + noise``, and so on; totals exact."""
    if sum(counts.values()) != len(latent):
        raise ValueError("counts must add up to the number of respondents")
    score = latent + rng.normal(0.0, noise, size=len(latent))
    order = np.argsort(-score, kind="stable")
    labels = [opt for opt, n in counts.items() for _ in range(n)]
    out = [""] * len(latent)
    for rank, i in enumerate(order):
        out[int(i)] = labels[rank]
    return out


def ticks(
    rng: np.random.Generator,
    n: int,
    counts: dict[str, int],
    eligible: dict[str, list[int]] | None = None,
    exclusive: str | None = None,
) -> list[set[str]]:
    """Per respondent, the set of options ticked; each option ``o`` ticked ``counts[o]`` times.

    ``eligible`` restricts an option to some respondents; ``exclusive`` names an option ticked alone
    (e.g. "I have not shared information").
    """
    eligible = eligible or {}
    chosen: list[set[str]] = [set() for _ in range(n)]
    alone: set[int] = set()
    if exclusive and counts.get(exclusive):
        alone = {int(i) for i in rng.choice(n, size=counts[exclusive], replace=False)}
        for i in alone:
            chosen[i].add(exclusive)
    for opt, k in counts.items():
        if opt == exclusive or k == 0:
            continue
        pool = [i for i in eligible.get(opt, range(n)) if i not in alone]
        for i in rng.choice(pool, size=k, replace=False):
            chosen[int(i)].add(opt)
    for i in rng.permutation(n):  # repair: move a tick from someone with two or more
        i = int(i)
        if chosen[i]:
            continue
        for opt in counts:
            if opt == exclusive or i not in eligible.get(opt, range(n)):
                continue
            donors = [j for j in range(n) if opt in chosen[j] and len(chosen[j]) > 1]
            if donors:
                j = donors[int(rng.integers(len(donors)))]
                chosen[j].discard(opt)
                chosen[i].add(opt)
                break
        if not chosen[i]:
            raise RuntimeError("not enough ticks to give every respondent one")
    return chosen
