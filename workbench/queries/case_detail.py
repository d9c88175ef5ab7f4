"""Everything one case holds, read in one go for the case panels and the matrix editor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from workbench.framework import EFFECTS, Framework
from workbench.queries.cases import CaseHeading

if TYPE_CHECKING:
    from workbench.project import Project
    from workbench.storage.store import Store


@dataclass(frozen=True)
class ActorRole:
    actor_id: int
    name: str
    category: str
    north_south: str
    role: str


@dataclass(frozen=True)
class Cell:
    power_type: str
    score: int | None
    confidence: str | None
    memo: str
    overrides: dict[str, bool | None]  # None: follow the mechanisms' default
    defaults: dict[str, bool]

    def effect(self, name: str) -> bool:
        value = self.overrides[name]
        return self.defaults[name] if value is None else value

    def updated(self, values: Mapping[str, Any]) -> Cell:
        """This cell after an update of some of its columns (as a command reports them)."""
        overrides = dict(self.overrides)
        for effect in EFFECTS:
            if f"effect_{effect}" in values:
                value = values[f"effect_{effect}"]
                overrides[effect] = None if value is None else bool(value)
        return replace(
            self,
            score=values.get("score", self.score),
            confidence=values.get("confidence", self.confidence),
            memo=values.get("memo", self.memo),
            overrides=overrides,
        )


@dataclass(frozen=True)
class Coding:
    mechanism_id: str
    strength: int | None
    memo: str


@dataclass(frozen=True)
class Overlap:
    id: int
    mechanism_a: str
    mechanism_b: str
    note: str


@dataclass(frozen=True)
class CaseDetail(CaseHeading):
    summary: str
    tags: tuple[str, ...]
    gcm_objectives: tuple[int, ...]
    actors: tuple[ActorRole, ...]
    cells: dict[str, Cell]
    codings: dict[str, Coding]
    evidence_counts: dict[str, int]
    overlaps: tuple[Overlap, ...] = field(default=())

    def with_cell(self, power_type: str, values: Mapping[str, Any]) -> CaseDetail:
        cells = {**self.cells, power_type: self.cells[power_type].updated(values)}
        return replace(self, cells=cells)

    def with_coding(
        self, framework: Framework, mechanism_id: str, values: Mapping[str, Any]
    ) -> CaseDetail:
        """After a mechanism's strength or memo changed: the defaults of its quadrant's
        effects follow the mechanisms present."""
        old = self.codings.get(mechanism_id)
        coding = Coding(
            mechanism_id,
            values.get("strength", old.strength if old else None),
            values.get("memo", old.memo if old else ""),
        )
        codings = {**self.codings, mechanism_id: coding}
        power_type = framework.mechanism(mechanism_id).power_type
        cells = dict(self.cells)
        if power_type in cells:
            defaults = default_effects(framework, power_type, codings)
            cells[power_type] = replace(cells[power_type], defaults=defaults)
        return replace(self, codings=codings, cells=cells)


def case_detail(project: Project, case_id: int) -> CaseDetail | None:
    """Everything one case holds, or None when the case no longer exists."""
    return load_case(project.store, project.framework, case_id)


def default_effects(
    framework: Framework, power_type: str, codings: dict[str, Coding]
) -> dict[str, bool]:
    """The effects the article maps to the mechanisms present in this quadrant.

    A mechanism counts as present when it is coded with strength > 0. When no
    mechanism of the type is coded, every mechanism of the type counts.
    """
    mechanisms = framework.power_type(power_type).mechanisms
    present = [
        m for m in mechanisms if codings.get(m.id) is not None and (codings[m.id].strength or 0) > 0
    ]
    used = present or list(mechanisms)
    return {effect: any(m.effect == effect for m in used) for effect in EFFECTS}


def load_case(store: Store, framework: Framework, case_id: int) -> CaseDetail | None:
    row = store.get("study_case", {"id": case_id})
    if row is None:
        return None
    codings = {
        r["mechanism_id"]: Coding(r["mechanism_id"], r["strength"], r["memo"])
        for r in store.select("mechanism_coding", {"case_id": case_id})
    }
    cells = {}
    for r in store.select("matrix_cell", {"case_id": case_id}):
        pt = r["power_type_id"]
        overrides = {
            e: (None if r[f"effect_{e}"] is None else bool(r[f"effect_{e}"])) for e in EFFECTS
        }
        cells[pt] = Cell(
            pt,
            r["score"],
            r["confidence"],
            r["memo"],
            overrides,
            default_effects(framework, pt, codings),
        )
    actors = []
    for r in store.select("case_actor", {"case_id": case_id}):
        a = store.get("actor", {"id": r["actor_id"]})
        if a is not None:
            actors.append(ActorRole(a["id"], a["name"], a["category"], a["north_south"], r["role"]))
    actors.sort(key=lambda a: (a.role != "wielder", a.name.lower()))
    return CaseDetail(
        id=row["id"],
        uid=row["uid"],
        title=row["title"],
        short_label=row["short_label"],
        period=row["period"],
        region=row["region"],
        summary=row["summary"],
        tags=tuple(sorted(r["tag"] for r in store.select("case_tag", {"case_id": case_id}))),
        gcm_objectives=tuple(
            sorted(r["objective"] for r in store.select("case_gcm_objective", {"case_id": case_id}))
        ),
        actors=tuple(actors),
        cells=cells,
        codings=codings,
        evidence_counts=store.evidence_counts(case_id),
        overlaps=tuple(
            Overlap(r["id"], r["mechanism_a"], r["mechanism_b"], r["note"])
            for r in store.select("mechanism_overlap", {"case_id": case_id}, order_by=["id"])
        ),
    )
