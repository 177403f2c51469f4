"""Exact rank tests for a few seeds: is one code's accuracy higher than another's beyond noise?

With five runs against five, a t-test's assumptions cannot be checked; these tests assume only
that, were the two codes alike, every split of the pooled runs into the two groups would be
equally likely. Every split is enumerated, so each p-value is exact (one-sided: "``b`` scores
higher than ``a``").

- ``p_higher``: the Mann-Whitney count of pairs in which ``b``'s run beats ``a``'s (a tie counts
  half), against all splits of the pooled runs.
- ``p_higher_all``: the same count summed over several models, each model's runs split within
  that model only (a stratified test: it pools the evidence without mixing models' accuracies).
- ``p_paired``: runs of ``a`` and ``b`` on the same seeds; the sum of the differences against
  all the ways of swapping the two runs of a seed (a sign-flip permutation test).
"""

from collections import Counter
from itertools import combinations, product


def wins(a: list[float], b: list[float]) -> float:
    """How many pairs (one run of each) ``b`` wins, ties counting half."""
    return sum((y > x) + 0.5 * (y == x) for x in a for y in b)


def _null(a: list[float], b: list[float]) -> Counter:
    """How many splits of the pooled runs give each count of ``wins``."""
    pooled = [*a, *b]
    found = Counter()
    for picked in combinations(range(len(pooled)), len(b)):
        chosen = set(picked)
        found[wins([v for i, v in enumerate(pooled) if i not in chosen],
                   [pooled[i] for i in picked])] += 1
    return found


def _tail(null: Counter, observed: float) -> float:
    return sum(n for w, n in null.items() if w >= observed) / sum(null.values())


def p_higher(a: list[float], b: list[float]) -> float:
    return _tail(_null(a, b), wins(a, b))


def p_higher_all(groups: list[tuple[list[float], list[float]]]) -> float:
    """``p_higher`` over several ``(a, b)`` groups at once, each split within itself."""
    total, observed = Counter({0.0: 1}), 0.0
    for a, b in groups:
        null = _null(a, b)
        summed = Counter()
        for (w1, n1), (w2, n2) in product(total.items(), null.items()):
            summed[w1 + w2] += n1 * n2
        total, observed = summed, observed + wins(a, b)
    return _tail(total, observed)


def p_paired(a: list[float], b: list[float]) -> float:
    """One-sided p that ``b`` beats ``a`` on the same seeds (``a[i]`` and ``b[i]``: one seed)."""
    if len(a) != len(b):
        raise ValueError(f"paired runs: {len(a)} against {len(b)}")
    differences = [y - x for x, y in zip(a, b, strict=True)]
    observed = sum(differences)
    sums = [sum(s * d for s, d in zip(signs, differences, strict=True))
            for signs in product((1, -1), repeat=len(differences))]
    # A tolerance, so that the observed sum, reached again in another order, counts as reached.
    return sum(s >= observed - 1e-12 for s in sums) / len(sums)
