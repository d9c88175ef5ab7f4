"""Inter-coder agreement: percent agreement, Cohen's kappa and Krippendorff's alpha.

    report = compare(codings_a, codings_b)   # {(case uid, variable): value or None}

Alpha uses the coincidence matrix of Krippendorff (2011, "Computing Krippendorff's
alpha-reliability"), with the nominal, ordinal and interval difference functions;
units coded by fewer than two coders are left out, as the method prescribes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import permutations

Value = Hashable
Key = tuple[str, str]  # (case uid, variable such as "score:compulsory")


def percent_agreement(pairs: Iterable[tuple[Value | None, Value | None]]) -> float | None:
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    if not both:
        return None
    return sum(a == b for a, b in both) / len(both)


def cohen_kappa(pairs: Iterable[tuple[Value | None, Value | None]]) -> float | None:
    """Unweighted Cohen's kappa over the units both coders coded; None when undefined."""
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    n = len(both)
    if n == 0:
        return None
    observed = sum(a == b for a, b in both) / n
    count_a = Counter(a for a, _ in both)
    count_b = Counter(b for _, b in both)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    if expected == 1:
        return None  # both coders used one and the same value throughout
    return (observed - expected) / (1 - expected)


def _delta(level: str, values: list, n_c: Mapping) -> dict[tuple, float]:
    out = {}
    for i, c in enumerate(values):
        for j, k in enumerate(values):
            if level == "nominal":
                d = 0.0 if c == k else 1.0
            elif level == "interval":
                d = float(c - k) ** 2
            elif level == "ordinal":
                lo, hi = min(i, j), max(i, j)
                between = sum(n_c[values[g]] for g in range(lo, hi + 1))
                d = (between - (n_c[c] + n_c[k]) / 2) ** 2
            else:
                raise ValueError(f"unknown level of measurement {level!r}")
            out[(c, k)] = d
    return out


def krippendorff_alpha(
    units: Iterable[Sequence[Value | None]], level: str = "ordinal"
) -> float | None:
    """Alpha for any number of coders; each unit lists the coders' values (None: missing)."""
    coincidences: dict[tuple, float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for a, b in permutations(range(m), 2):
            coincidences[(values[a], values[b])] += 1 / (m - 1)
    n_c: dict = defaultdict(float)
    for (c, _k), count in coincidences.items():
        n_c[c] += count
    n = sum(n_c.values())
    if n <= 1:
        return None
    values = sorted(n_c)
    delta = _delta(level, values, n_c)
    observed = sum(count * delta[pair] for pair, count in coincidences.items()) / n
    expected = sum(n_c[c] * n_c[k] * delta[(c, k)] for c in values for k in values)
    expected /= n * (n - 1)
    if expected == 0:
        return None  # no variation at all: alpha is undefined
    return 1 - observed / expected


@dataclass(frozen=True)
class Disagreement:
    case: str
    variable: str
    coder_a: Value | None
    coder_b: Value | None


@dataclass(frozen=True)
class AgreementRow:
    label: str
    units: int  # coded by both
    percent: float | None
    kappa: float | None
    alpha: float | None


@dataclass
class AgreementReport:
    rows: list[AgreementRow] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)  # both coded, differently
    one_coder_only: list[Disagreement] = field(default_factory=list)  # not in the statistics

    def as_dict(self) -> dict:
        return {
            "rows": [r.__dict__ for r in self.rows],
            "disagreements": [d.__dict__ for d in self.disagreements],
            "one_coder_only": [d.__dict__ for d in self.one_coder_only],
        }


def _row(label: str, pairs: list[tuple]) -> AgreementRow:
    return AgreementRow(
        label,
        sum(1 for a, b in pairs if a is not None and b is not None),
        percent_agreement(pairs),
        cohen_kappa(pairs),
        krippendorff_alpha(pairs, "ordinal"),
    )


def compare(
    a: Mapping[Key, Value | None],
    b: Mapping[Key, Value | None],
    groups: Sequence[tuple[str, str]] = (),
) -> AgreementReport:
    """Agreement per group of variables (label, variable prefix) and overall, plus every
    disagreement. Keys present for only one coder count as missing for the other."""
    keys = sorted(set(a) | set(b))
    report = AgreementReport()
    for label, prefix in groups:
        pairs = [(a.get(k), b.get(k)) for k in keys if k[1].startswith(prefix)]
        report.rows.append(_row(label, pairs))
    report.rows.append(_row("Overall", [(a.get(k), b.get(k)) for k in keys]))
    differing = [Disagreement(k[0], k[1], a.get(k), b.get(k)) for k in keys if a.get(k) != b.get(k)]
    # Only units both coded enter the statistics; the others are listed apart, so the list
    # of disagreements and the agreement figures tell the same story.
    report.disagreements = [d for d in differing if None not in (d.coder_a, d.coder_b)]
    report.one_coder_only = [d for d in differing if None in (d.coder_a, d.coder_b)]
    return report
