"""The statistics the monitoring pages report, as plain functions over counts (no database).

- ``kaplan_meier``: survival from closure, with a log-log Greenwood 95 % interval (it stays inside
  0-100 % without clipping).
- ``aalen_johansen``: the cumulative incidence of closure when death and moving away compete with
  it, with the delta-method variance (Marubini and Valsecchi 1995, as Stata's ``stcompet``) and the
  same log-log transform.
- ``wilson``: a share's 95 % interval.
The rules, in words, are in docs/monitoring.md.
"""

import math
from dataclasses import dataclass

Z95 = 1.959964  # the normal quantile of a two-sided 95 % interval


@dataclass
class Step:
    """The counts at one time of the curve: ``at_risk`` families, ``closed`` of them closed then,
    ``competing`` of them died or moved away then (the rest of those leaving were censored)."""

    at_risk: int
    closed: int
    competing: int = 0


@dataclass
class Estimate:
    value: float | None = None
    low: float | None = None
    high: float | None = None


def _loglog_interval(value: float, variance: float) -> tuple[float | None, float | None]:
    """The 95 % interval of a probability through log(-log p): inside (0, 1) by construction."""
    if not 0 < value < 1 or not math.isfinite(variance):
        return None, None
    se = math.sqrt(variance) / abs(value * math.log(value))
    factor = math.exp(Z95 * se)
    return value ** factor, value ** (1 / factor)


def kaplan_meier(steps: list[Step]) -> list[Estimate]:
    """S(t) = prod(1 - closed / at risk); competing events count as censored here.

    Greenwood's variance V(S) = S^2 sum closed / (n (n - closed)). A step nobody was at risk in has
    no figure: the curve stops where the data stops. While S = 1 no interval is given.
    """
    survival, greenwood, out = 1.0, 0.0, []
    for step in steps:
        n, d = step.at_risk, step.closed
        if n == 0:
            out.append(Estimate())
            continue
        survival *= 1 - d / n
        greenwood = greenwood + d / (n * (n - d)) if n > d else math.inf
        low, high = _loglog_interval(survival, survival * survival * greenwood)
        out.append(Estimate(survival, low, high))
    return out


def aalen_johansen(steps: list[Step]) -> list[Estimate]:
    """F(t) = sum over times t_j <= t of S(t_j-) closed_j / n_j, with S the survival from any event
    (closure, death or moving away): the share that closed by t, not counting families who died or
    moved first as if they could still close (which 1 - Kaplan-Meier does).

    Delta-method variance: sum_j [F(t) - F(t_j)]^2 d_j / (n_j (n_j - d_j))
    + S(t_j-)^2 c_j (n_j - c_j) / n_j^3 - 2 [F(t) - F(t_j)] S(t_j-) c_j / n_j^2,
    with d_j every event at t_j and c_j the closures. Without censoring it is the binomial
    F (1 - F) / N (tested).
    """
    rows, s_before, incidence = [], 1.0, 0.0
    for step in steps:
        n, c, d = step.at_risk, step.closed, step.closed + step.competing
        if n == 0:
            rows.append(None)
            continue
        incidence += s_before * c / n
        rows.append((n, c, d, s_before, incidence))
        s_before *= 1 - d / n
    out = []
    for k, row in enumerate(rows):
        if row is None:
            out.append(Estimate())
            continue
        f_t = row[4]
        variance = 0.0
        for j in range(k + 1):
            if rows[j] is None:
                continue
            n, c, d, s_j, f_j = rows[j]
            gap = f_t - f_j
            if gap:
                variance += gap * gap * d / (n * (n - d)) if n > d else math.inf
            variance += s_j * s_j * c * (n - c) / n ** 3 - 2 * gap * s_j * c / n ** 2
        low, high = _loglog_interval(f_t, variance)
        out.append(Estimate(f_t, low, high))
    return out


def wilson(successes: int, n: int) -> tuple[float, float] | None:
    """The Wilson 95 % interval of ``successes / n``; none for n = 0."""
    if not n:
        return None
    p, z = successes / n, Z95
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)
