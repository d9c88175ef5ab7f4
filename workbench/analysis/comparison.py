"""The numbers behind the cross-case comparison charts (no Qt, no pandas).

One `Comparison` holds every selected case with its four scores (and their
confidence and evidence) and its mechanism strengths, in framework order. The
functions below derive what each chart shows: the row order (by a power type,
by total, by similarity), the position on the 2×2 plane, the groups cases are
coloured by, the differences between cases shown side by side, and the table
of numbers a chart can be exported as (CSV).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.analysis.tables import CaseRow, case_table
from workbench.atomic import atomic_write_text
from workbench.changes import (
    ActorsChanged,
    CaseAdded,
    CaseEdited,
    CaseRemoved,
    CellChanged,
    ChangeEvent,
    CodingChanged,
    EvidenceChanged,
    FrameworkChanged,
)
from workbench.queries.case_detail import case_detail

if TYPE_CHECKING:
    from workbench.framework import Framework
    from workbench.project import Project

KINDS = ("heatmap", "mechanisms", "plane", "profiles", "compare")
GROUPINGS = {
    "none": "No grouping",
    "region": "Region",
    "period": "Period (decade of start)",
    "tag": "Tag (the most shared)",
    "north_south": "North–South (wielders → recipients)",
}
ORDERINGS_FIXED = {"list": "List order", "total": "Total score", "similarity": "Similarity"}
NO_GROUP = "(none)"


@dataclass(frozen=True)
class CaseScores:
    """One case with everything the charts show, in framework order."""

    case: CaseRow
    scores: tuple[int | None, ...]  # one per power type
    confidence: tuple[str | None, ...]
    evidence: tuple[int, ...]  # excerpt links per power type
    strengths: tuple[int | None, ...]  # one per mechanism
    mechanism_evidence: tuple[int, ...]

    @property
    def id(self) -> int:
        return self.case.id

    @property
    def name(self) -> str:
        return self.case.name

    @property
    def total(self) -> int:
        """Sum of the scores; a type not scored counts as 0 (see `complete`)."""
        return sum(s or 0 for s in self.scores)

    @property
    def complete(self) -> bool:
        """Every power type scored: only then is the total comparable across cases, and
        only then has the case a place on the plane."""
        return all(s is not None for s in self.scores)

    @property
    def evidence_total(self) -> int:
        return sum(self.evidence)


def total_text(case: CaseScores) -> str:
    """A case's total as a chart writes it: "≥ n" while a type is unscored (not
    comparable), "–" when none is scored (not "≥ 0")."""
    if all(s is None for s in case.scores):
        return "–"
    return str(case.total) if case.complete else f"≥ {case.total}"


@dataclass(frozen=True)
class Comparison:
    framework: Framework
    cases: tuple[CaseScores, ...]

    @property
    def power_types(self) -> tuple[str, ...]:
        return tuple(pt.id for pt in self.framework.power_types)

    @property
    def mechanisms(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.framework.mechanisms)

    @cached_property
    def _by_id(self) -> dict[int, CaseScores]:
        return {c.id: c for c in self.cases}

    def case(self, case_id: int) -> CaseScores:
        return self._by_id[case_id]

    def type_index(self, power_type: str) -> int:
        return self.power_types.index(power_type)

    def mechanism_index(self, mechanism_id: str) -> int:
        return self.mechanisms.index(mechanism_id)


@dataclass(frozen=True)
class ChartOptions:
    """How a chart is drawn: row order, grouping, the mechanism measure, the compared cases."""

    order: str = "list"  # see order_cases
    group_by: str = "none"  # see GROUPINGS
    measure: str = "strength"  # mechanism heatmap: "strength" or "evidence"
    compare_ids: tuple[int, ...] = ()  # side by side (default: the first two in order)
    # the groups that own a colour, in colour order (see colour_groups); () : those charted
    colour_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    """What a chart element stands for: a case, and a quadrant or mechanism of it."""

    case_id: int
    power_type: str | None = None
    mechanism: str | None = None


def load_comparison(project: Project, case_ids: Sequence[int] | None = None) -> Comparison:
    """The selected cases (all, or those given in that order) with scores and strengths.

    The same values as `score_table` and `strength_table`, read in one pass (each
    table read once) because the comparison window opens with every case.
    """
    store, framework = project.store, project.framework
    cases = case_table(project, case_ids)
    cells = {(r["case_id"], r["power_type_id"]): r for r in store.all_matrix_cells()}
    codings = {
        (r["case_id"], r["mechanism_id"]): r["strength"] for r in store.all_mechanism_codings()
    }
    counts = store.all_evidence_counts()
    types, mechanisms = framework.power_types, framework.mechanisms
    out = []
    for case in cases:
        own = [cells.get((case.id, pt.id)) or {} for pt in types]
        per_mechanism = tuple(counts.get((case.id, m.id), 0) for m in mechanisms)
        out.append(
            CaseScores(
                case=case,
                scores=tuple(c.get("score") for c in own),
                confidence=tuple(c.get("confidence") for c in own),
                evidence=tuple(
                    sum(counts.get((case.id, m.id), 0) for m in pt.mechanisms) for pt in types
                ),
                strengths=tuple(codings.get((case.id, m.id)) for m in mechanisms),
                mechanism_evidence=per_mechanism,
            )
        )
    return Comparison(framework, tuple(out))


def subset(comparison: Comparison, case_ids: Sequence[int] | None) -> Comparison:
    """The given cases of a loaded comparison, in that order (None: all); no reading."""
    if case_ids is None:
        return comparison
    by_id = comparison._by_id
    return Comparison(comparison.framework, tuple(by_id[i] for i in case_ids if i in by_id))


def follow_events(
    comparison: Comparison, events: Iterable[ChangeEvent]
) -> tuple[Comparison, set[int] | None]:
    """The comparison after a command, and the cases whose values must still be read.

    Scores, confidence and strengths that the events carry are applied in memory (a score
    key press reads nothing); evidence is read again for the cases it changed in (a few
    indexed reads, `refresh_cases`); a case added, removed or edited (its row: title,
    region, tags, actors) or a framework change means every case (None).
    """
    reread: set[int] = set()
    for event in events:
        if isinstance(event, (CaseAdded, CaseRemoved, CaseEdited, ActorsChanged, FrameworkChanged)):
            return comparison, None
        if isinstance(event, EvidenceChanged):
            if event.case_ids is None:
                return comparison, None
            reread |= event.case_ids
        elif isinstance(event, (CellChanged, CodingChanged)):
            updated = _with_values(comparison, event)
            if updated is None:
                reread.add(event.case_id)
            else:
                comparison = updated
    return comparison, {c for c in reread if c in comparison._by_id}


def _with_values(comparison: Comparison, event: CellChanged | CodingChanged) -> Comparison | None:
    """The comparison with what one event wrote; None when it must be read (the event does
    not carry its values)."""
    old = comparison._by_id.get(event.case_id)
    if old is None:
        return comparison  # not charted
    if event.values is None:
        return None
    values = event.values
    if isinstance(event, CellChanged):
        if not {"score", "confidence"} & set(values):
            return comparison  # a memo or an effect: nothing charted
        i = comparison.type_index(event.power_type)
        scores, confidence = list(old.scores), list(old.confidence)
        scores[i] = values.get("score", scores[i])
        confidence[i] = values.get("confidence", confidence[i])
        new = replace(old, scores=tuple(scores), confidence=tuple(confidence))
    else:
        if "strength" not in values:
            return comparison
        try:
            i = comparison.mechanism_index(event.mechanism_id)
        except ValueError:
            return None  # a mechanism the comparison does not know yet
        strengths = list(old.strengths)
        strengths[i] = values["strength"]
        new = replace(old, strengths=tuple(strengths))
    cases = tuple(new if c.id == event.case_id else c for c in comparison.cases)
    return Comparison(comparison.framework, cases)


def refresh_cases(project: Project, comparison: Comparison, case_ids: Iterable[int]) -> Comparison:
    """The comparison with the scores, strengths and evidence of some cases read again.

    A few small indexed reads per case: what keeps a redraw after one edit fast on a
    project of hundreds of cases.
    """
    framework = comparison.framework
    fresh = {}
    for case_id in case_ids:
        old = comparison._by_id.get(case_id)
        detail = case_detail(project, case_id) if old is not None else None
        if old is None or detail is None:
            continue
        cells = detail.cells
        codings = {m: c.strength for m, c in detail.codings.items()}
        counts = detail.evidence_counts
        fresh[case_id] = CaseScores(
            case=old.case,
            scores=tuple(
                cells[pt.id].score if pt.id in cells else None for pt in framework.power_types
            ),
            confidence=tuple(
                cells[pt.id].confidence if pt.id in cells else None for pt in framework.power_types
            ),
            evidence=tuple(
                sum(counts.get(m.id, 0) for m in pt.mechanisms) for pt in framework.power_types
            ),
            strengths=tuple(codings.get(m.id) for m in framework.mechanisms),
            mechanism_evidence=tuple(counts.get(m.id, 0) for m in framework.mechanisms),
        )
    if not fresh:
        return comparison
    return Comparison(framework, tuple(fresh.get(c.id, c) for c in comparison.cases))


def resolve_case_uids(project: Project, uids: Sequence[str]) -> list[int]:
    """Case ids for identifiers ("C3") or GUIDs; a KeyError names the first unknown one."""
    found = [project.store.case_id_for(u) for u in uids]
    for uid, case_id in zip(uids, found, strict=True):
        if case_id is None:
            raise KeyError(uid)
    return found  # type: ignore[return-value]


# --- grouping ---------------------------------------------------------------------------


def _side(positions: Sequence[str]) -> str:
    kinds = set(positions)
    if not kinds:
        return "?"
    if len(kinds) == 1:
        return {"north": "North", "south": "South"}.get(next(iter(kinds)), "mixed")
    return "mixed"


def _decade(period: str) -> str:
    match = re.search(r"(1[89]|20)\d\d", period)
    if not match:
        return period.strip() or NO_GROUP
    year = int(match.group(0))
    return f"{year // 10 * 10}s"


def _region(region: str) -> str:
    first = re.split(r"[/,;]", region, maxsplit=1)[0].strip()
    return first or NO_GROUP


def group_labels(cases: Sequence[CaseScores], by: str) -> dict[int, str]:
    """The group each case is coloured by.

    Region: the first place the case's region names. Period: the decade of the first
    year named. Tag: of a case's tags, the one most of the selected cases share (a
    case sits in one group only). North–South: the position of the wielders and of
    the recipients, each North, South or mixed.
    """
    if by == "none":
        return {c.id: NO_GROUP for c in cases}
    if by == "region":
        return {c.id: _region(c.case.region) for c in cases}
    if by == "period":
        return {c.id: _decade(c.case.period) for c in cases}
    if by == "north_south":
        return {
            c.id: f"{_side(c.case.wielder_positions)} → {_side(c.case.recipient_positions)}"
            for c in cases
        }
    if by == "tag":
        shared = Counter(t for c in cases for t in set(c.case.tags))
        return {
            c.id: min(c.case.tags, key=lambda t: (-shared[t], t.lower()))
            if c.case.tags
            else NO_GROUP
            for c in cases
        }
    raise ValueError(f"unknown grouping {by!r}; expected one of {', '.join(GROUPINGS)}")


def group_order(labels: dict[int, str]) -> list[str]:
    """Groups from the largest to the smallest (then by name); '(none)' last."""
    counts = Counter(labels.values())
    return sorted(counts, key=lambda g: (g == NO_GROUP, -counts[g], g.lower()))


COLOURED_GROUPS = 7  # distinct group colours; further groups share "other"
OTHER_SLOT = -1


def colour_groups(cases: Sequence[CaseScores], by: str) -> tuple[str, ...]:
    """The groups that own a colour, in colour order: the most frequent among `cases`
    (give all of a project's cases, so that a group keeps its colour whatever the
    selection), ties by name; '(none)' and groups beyond the seventh are "other"."""
    return () if by == "none" else colour_groups_of(group_labels(cases, by))


def group_colour_slots(labels: dict[int, str], coloured: Sequence[str] = ()) -> dict[str, int]:
    """Each charted group's colour: its place among the coloured groups, or OTHER_SLOT."""
    coloured = tuple(coloured) or colour_groups_of(labels)
    slot = {g: i for i, g in enumerate(coloured)}
    return {g: slot.get(g, OTHER_SLOT) for g in set(labels.values())}


def colour_groups_of(labels: dict[int, str]) -> tuple[str, ...]:
    counts = Counter(labels.values())
    ranked = sorted((g for g in counts if g != NO_GROUP), key=lambda g: (-counts[g], g.lower()))
    return tuple(ranked[:COLOURED_GROUPS])


# --- ordering ---------------------------------------------------------------------------


def order_cases(comparison: Comparison, by: str = "list", group_by: str = "none") -> list[int]:
    """Case ids in the order the rows are drawn, top to bottom.

    `by` is "list" (the project's order), "total" (highest first), "similarity"
    (average-linkage cluster order of the score profiles) or a power type id
    (highest score first, then total). Ties keep list order. With a grouping,
    groups come first (largest first) and the order applies within each.
    """
    cases = list(comparison.cases)
    if by == "list":
        ordered = cases
    elif by == "total":  # cases not fully scored after those that are
        ordered = sorted(cases, key=lambda c: (not c.complete, -c.total))
    elif by == "similarity":
        ordered = [cases[i] for i in similarity_order([c.scores for c in cases])]
    elif by in comparison.power_types:
        k = comparison.type_index(by)
        ordered = sorted(
            cases, key=lambda c: (-(c.scores[k] if c.scores[k] is not None else -1), -c.total)
        )
    else:
        raise ValueError(f"unknown order {by!r}")
    if group_by == "none":
        return [c.id for c in ordered]
    labels = group_labels(cases, group_by)
    rank = {g: i for i, g in enumerate(group_order(labels))}
    position = {c.id: i for i, c in enumerate(ordered)}
    return sorted(position, key=lambda cid: (rank[labels[cid]], position[cid]))


def similarity_order(vectors: Sequence[Sequence[int | None]]) -> list[int]:
    """Leaf order of an average-linkage (UPGMA) clustering under mean absolute difference.

    A type not scored counts as 0. Uses the nearest-neighbour chain, O(n²), so
    500 cases take milliseconds; ties resolve to the earlier case, so the order
    is reproducible.
    """
    n = len(vectors)
    if n < 3:
        return list(range(n))
    import numpy as np

    data = np.array([[v or 0 for v in vec] for vec in vectors], dtype=float)
    dist = np.abs(data[:, None, :] - data[None, :, :]).mean(axis=2)
    np.fill_diagonal(dist, np.inf)
    size = np.ones(n)
    active = np.ones(n, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    chain: list[int] = []
    remaining = n
    while remaining > 1:
        if not chain:
            chain.append(int(np.argmax(active)))
        a = chain[-1]
        row = np.where(active, dist[a], np.inf)
        b = int(np.argmin(row))
        if len(chain) > 1 and row[chain[-2]] <= row[b]:
            b = chain[-2]
        if len(chain) > 1 and b == chain[-2]:
            chain.pop()
            chain.pop()
            first, second = sorted((a, b), key=lambda i: members[i][0])
            # Lance–Williams update for average linkage; the merged cluster keeps `first`.
            merged = (size[first] * dist[first] + size[second] * dist[second]) / (
                size[first] + size[second]
            )
            dist[first, :] = merged
            dist[:, first] = merged
            dist[first, first] = np.inf
            active[second] = False
            dist[second, :] = np.inf
            dist[:, second] = np.inf
            size[first] += size[second]
            members[first] = members[first] + members.pop(second)
            remaining -= 1
        else:
            chain.append(b)
    return members[int(np.argmax(active))]


# --- the 2×2 plane ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanePoint:
    case_id: int
    x: float  # share of diffuse power
    y: float  # share of constitutive power
    total: int
    evidence: int


def plane_axes(framework: Framework) -> tuple[str, str]:
    """The column counted on x (diffuse) and the row counted on y (constitution)."""
    return framework.columns[-1]["id"], framework.rows[-1]["id"]


def plane_points(comparison: Comparison) -> list[PlanePoint]:
    """Each fully scored case with a total > 0 at x = diffuse share, y = constitutive share.

    x = (institutional + productive) / total, y = (structural + productive) / total.
    A case with a type not scored has no position: counting the gap as 0 would place
    it as if that power were absent.
    """
    column, row = plane_axes(comparison.framework)
    types = comparison.framework.power_types
    diffuse = [i for i, pt in enumerate(types) if pt.column == column]
    constitutive = [i for i, pt in enumerate(types) if pt.row == row]
    points = []
    for c in comparison.cases:
        total = c.total
        if total == 0 or not c.complete:
            continue
        x = sum(c.scores[i] or 0 for i in diffuse) / total
        y = sum(c.scores[i] or 0 for i in constitutive) / total
        points.append(PlanePoint(c.id, x, y, total, c.evidence_total))
    return points


def plane_corners(framework: Framework) -> dict[tuple[int, int], str]:
    """The power type named in each corner: (x, y) in {0, 1}² → type id."""
    return {
        (x, y): framework.at(framework.rows[y]["id"], framework.columns[x]["id"]).id
        for x in (0, 1)
        for y in (0, 1)
    }


# --- evidence bins (the mechanism heatmap's second measure) ------------------------------

EVIDENCE_BINS = ((0, 0), (1, 1), (2, 3), (4, 7), (8, None))


def evidence_bin(count: int) -> int:
    """Evidence counts in five ordered classes (0, 1, 2–3, 4–7, 8+) for a five-step ramp."""
    for i, (low, high) in enumerate(EVIDENCE_BINS):
        if count >= low and (high is None or count <= high):
            return i
    return len(EVIDENCE_BINS) - 1


def evidence_bin_label(i: int) -> str:
    low, high = EVIDENCE_BINS[i]
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}–{high}"


# --- side by side -----------------------------------------------------------------------


@dataclass(frozen=True)
class SideBySideRow:
    """A power type (mechanism None) or a mechanism, with its value in each compared case."""

    power_type: str
    mechanism: str | None
    values: tuple[int | None, ...]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1

    @property
    def spread(self) -> int | None:
        scored = [v for v in self.values if v is not None]
        return max(scored) - min(scored) if scored else None

    def delta(self, i: int) -> int | None:
        """Value of case i minus that of the first case (None if either is missing)."""
        a, b = self.values[0], self.values[i]
        return None if a is None or b is None else b - a


def side_by_side(comparison: Comparison, case_ids: Sequence[int]) -> list[SideBySideRow]:
    """Each power type, followed by its mechanisms, across the compared cases."""
    cases = [comparison.case(i) for i in case_ids]
    rows = []
    for k, pt in enumerate(comparison.framework.power_types):
        rows.append(SideBySideRow(pt.id, None, tuple(c.scores[k] for c in cases)))
        for m in pt.mechanisms:
            j = comparison.mechanism_index(m.id)
            rows.append(SideBySideRow(pt.id, m.id, tuple(c.strengths[j] for c in cases)))
    return rows


# --- the data behind each chart, as a table -----------------------------------------------


@dataclass(frozen=True)
class ChartTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if v is None else v for v in row] for row in self.rows)
        return buffer.getvalue()

    def write_csv(self, path: Path) -> None:
        atomic_write_text(Path(path), self.to_csv())


def chart_table(
    comparison: Comparison,
    kind: str,
    order: Sequence[int] | None = None,
    group_by: str = "none",
    compare_ids: Sequence[int] | None = None,
) -> ChartTable:
    """The numbers a chart of this kind draws, one row per element, in drawing order."""
    framework = comparison.framework
    order = list(order) if order is not None else [c.id for c in comparison.cases]
    groups = group_labels(comparison.cases, group_by)
    head = ("case_uid", "case", "group")

    def lead(c: CaseScores) -> tuple[object, ...]:
        return (c.case.uid, c.name, groups[c.id])

    if kind in ("heatmap", "profiles"):
        rows = tuple(
            (
                *lead(c),
                pt.id,
                c.scores[k],
                framework.score_label(c.scores[k]),
                c.confidence[k],
                c.evidence[k],
            )
            for c in map(comparison.case, order)
            for k, pt in enumerate(framework.power_types)
        )
        return ChartTable(
            (*head, "power_type", "score", "score_label", "confidence", "evidence"), rows
        )
    if kind == "mechanisms":
        rows = tuple(
            (*lead(c), m.power_type, m.id, c.strengths[j], c.mechanism_evidence[j])
            for c in map(comparison.case, order)
            for j, m in enumerate(framework.mechanisms)
        )
        return ChartTable((*head, "power_type", "mechanism", "strength", "evidence"), rows)
    if kind == "plane":
        points = {p.case_id: p for p in plane_points(comparison)}
        rows = tuple(
            (*lead(c), round(p.x, 4), round(p.y, 4), p.total, p.evidence)
            for c in map(comparison.case, order)
            if (p := points.get(c.id)) is not None
        )
        return ChartTable((*head, "diffuse_share", "constitutive_share", "total", "evidence"), rows)
    if kind == "compare":
        ids = list(compare_ids or order[:2])
        cases = [comparison.case(i) for i in ids]
        rows = tuple(
            (r.power_type, r.mechanism or "", *r.values, "yes" if r.differs else "")
            for r in side_by_side(comparison, ids)
        )
        return ChartTable(
            ("power_type", "mechanism", *(c.case.uid for c in cases), "differs"), rows
        )
    raise ValueError(f"unknown chart kind {kind!r}; expected one of {', '.join(KINDS)}")
