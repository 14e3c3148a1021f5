"""Krippendorff's alpha: agreement among any number of coders, with missing values.

``alpha(data)`` takes reliability data as a list of coders, each a list of values, one per
unit (``None`` where the coder gave no value).  It follows Krippendorff (2011), "Computing
Krippendorff's Alpha-Reliability": pairable values are the units coded by at least two
coders; the coincidence matrix counts, within each unit, every ordered pair of values from
different coders, weighted by ``1 / (m_u - 1)``; then

    alpha = 1 - (n - 1) * sum_{c,k} o_ck * delta_ck / sum_{c,k} n_c * n_k * delta_ck

with ``n`` the number of pairable values, ``o`` the coincidences, ``n_c`` their marginals and
``delta`` the difference function of the level of measurement (nominal: 0 for equal values,
1 otherwise; interval: the squared difference).

Limits: alpha is undefined (None is returned) when fewer than two values are pairable or
when every pairable value is the same (no variation to agree on); ordinal and ratio
metrics are not implemented.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

METRICS = ("nominal", "interval")


def _delta(metric: str, a: Hashable, b: Hashable) -> float:
    if metric == "nominal":
        return 0.0 if a == b else 1.0
    if metric == "interval":
        return (float(a) - float(b)) ** 2  # type: ignore[arg-type]
    raise ValueError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")


def coincidences(data: Sequence[Sequence[Hashable | None]]) -> Counter[tuple[Hashable, Hashable]]:
    """The coincidence matrix ``o_ck`` of the reliability data (coders x units)."""
    if not data:
        return Counter()
    n_units = max(len(row) for row in data)
    o: Counter[tuple[Hashable, Hashable]] = Counter()
    for u in range(n_units):
        values = [row[u] for row in data if u < len(row) and row[u] is not None]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nk - 1) if c == k else nc * nk
                if pairs:
                    o[(c, k)] += pairs / (m - 1)
    return o


def alpha(data: Sequence[Sequence[Hashable | None]], metric: str = "nominal") -> float | None:
    """Krippendorff's alpha of ``data`` (coders x units, ``None`` for missing); None when undefined."""
    o = coincidences(data)
    n_c: Counter[Hashable] = Counter()
    for (c, _k), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    if n < 2 or len(n_c) < 2:
        return None
    observed = sum(v * _delta(metric, c, k) for (c, k), v in o.items())
    values = list(n_c)
    expected = sum(n_c[c] * n_c[k] * _delta(metric, c, k) for c in values for k in values)
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def pairwise_with(reference: Sequence[Hashable | None], coders: Sequence[Sequence[Hashable | None]],
                  metric: str = "nominal") -> list[float]:
    """Alpha of each coder against ``reference`` (undefined pairs left out)."""
    out = []
    for row in coders:
        a = alpha([list(reference), list(row)], metric)
        if a is not None:
            out.append(a)
    return out
