"""Tidy tables of a project: one row per case, per case × power type, per case × mechanism.

The Excel and CSV exports, the agreement statistics and the comparison charts
all read these, so every output counts and orders the same way. Rows are plain
frozen dataclasses (cheap to build, no pandas needed); `to_frame` turns any
list of them into a pandas DataFrame for analysis code, importing pandas only
then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from workbench.queries.cases import CaseHeading

if TYPE_CHECKING:
    import pandas

    from workbench.project import Project


@dataclass(frozen=True)
class CaseRow(CaseHeading):
    """A case with what charts group and colour by."""

    position: int
    tags: tuple[str, ...]
    wielder_positions: tuple[str, ...]  # North/South position of each wielding actor
    recipient_positions: tuple[str, ...]


@dataclass(frozen=True)
class ScoreRow:
    """One case × power type: the ordinal score (None: not scored) and its evidence."""

    case_id: int
    case_uid: str
    power_type: str
    row: str  # the matrix row: how power works (interaction / constitution)
    column: str  # the matrix column: how it reaches its target (direct / diffuse)
    score: int | None
    confidence: str | None
    evidence: int  # excerpt links to the type's mechanisms in this case


@dataclass(frozen=True)
class StrengthRow:
    """One case × mechanism: the coded strength (None: not coded) and its evidence."""

    case_id: int
    case_uid: str
    power_type: str
    mechanism: str
    strength: int | None
    evidence: int


def case_table(project: Project, case_ids: Sequence[int] | None = None) -> list[CaseRow]:
    """Cases in list order (all of them, or those given, in the order given)."""
    store = project.store
    tags: dict[int, list[str]] = defaultdict(list)
    for case_id, tag in store.all_case_tags():
        tags[case_id].append(tag)
    actors: dict[tuple[int, str], list[str]] = defaultdict(list)
    for r in store.case_actor_rows():
        actors[(r["case_id"], r["role"])].append(r["north_south"])
    rows = {
        r["id"]: CaseRow(
            id=r["id"],
            uid=r["uid"],
            title=r["title"],
            short_label=r["short_label"],
            period=r["period"],
            region=r["region"],
            position=r["position"],
            tags=tuple(sorted(tags[r["id"]])),
            wielder_positions=tuple(actors[(r["id"], "wielder")]),
            recipient_positions=tuple(actors[(r["id"], "recipient")]),
        )
        for r in store.case_summaries()
    }
    if case_ids is None:
        return list(rows.values())
    return [rows[i] for i in case_ids if i in rows]


def score_table(project: Project, case_ids: Sequence[int] | None = None) -> list[ScoreRow]:
    """Every case × every power type, in case order then framework order."""
    store, framework = project.store, project.framework
    cases = case_table(project, case_ids)
    cells = {(r["case_id"], r["power_type_id"]): r for r in store.all_matrix_cells()}
    counts = store.all_evidence_counts()
    out = []
    for case in cases:
        for pt in framework.power_types:
            cell = cells.get((case.id, pt.id), {})
            evidence = sum(counts.get((case.id, m.id), 0) for m in pt.mechanisms)
            out.append(
                ScoreRow(
                    case.id,
                    case.uid,
                    pt.id,
                    pt.row,
                    pt.column,
                    cell.get("score"),
                    cell.get("confidence"),
                    evidence,
                )
            )
    return out


def strength_table(project: Project, case_ids: Sequence[int] | None = None) -> list[StrengthRow]:
    """Every case × every mechanism, in case order then framework order."""
    store, framework = project.store, project.framework
    cases = case_table(project, case_ids)
    codings = {(r["case_id"], r["mechanism_id"]): r for r in store.all_mechanism_codings()}
    counts = store.all_evidence_counts()
    return [
        StrengthRow(
            case.id,
            case.uid,
            m.power_type,
            m.id,
            (codings.get((case.id, m.id)) or {}).get("strength"),
            counts.get((case.id, m.id), 0),
        )
        for case in cases
        for m in framework.mechanisms
    ]


def to_frame(rows: Iterable[Any]) -> pandas.DataFrame:
    """A DataFrame with one column per dataclass field (pandas is imported here only)."""
    import pandas

    rows = list(rows)
    if not rows:
        return pandas.DataFrame()
    names = [f.name for f in fields(rows[0])]
    return pandas.DataFrame([[getattr(r, n) for n in names] for r in rows], columns=names)
