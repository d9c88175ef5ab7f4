"""Cases as lists show them: title, period, region and the four scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from workbench.storage.store import Store

if TYPE_CHECKING:
    from workbench.project import Project


@dataclass(frozen=True)
class CaseHeading:
    """What names a case wherever it is listed; the typed rows of cases extend it."""

    id: int
    uid: str
    title: str
    short_label: str
    period: str
    region: str

    @property
    def name(self) -> str:
        return self.short_label or self.title


@dataclass(frozen=True)
class CaseSummary(CaseHeading):
    position: int
    scores: dict[str, int | None]  # power type id -> score (absent: no cell)
    links: int  # evidence links of the case

    def with_score(self, power_type: str, score: int | None) -> CaseSummary:
        return replace(self, scores={**self.scores, power_type: score})


def _summary(row: dict[str, Any]) -> CaseSummary:
    return CaseSummary(
        row["id"],
        row["uid"],
        row["title"],
        row["short_label"],
        row["period"],
        row["region"],
        row["position"],
        dict(row["scores"]),
        row["links"],
    )


def case_summaries(project: Project) -> list[CaseSummary]:
    """Every case in list order (one query)."""
    return [_summary(r) for r in project.store.case_summaries()]


def case_summaries_for(project: Project, case_ids: Sequence[int]) -> list[CaseSummary]:
    if not case_ids:
        return []
    return [_summary(r) for r in project.store.case_summaries_for(case_ids)]


def case_names(project: Project) -> dict[int, str]:
    """Case id -> the name lists show (short label, else title), in list order."""
    return {r["id"]: r["short_label"] or r["title"] for r in project.store.case_names()}


def case_id_for_uid(project: Project, uid: str) -> int | None:
    """The case a user names by its identifier ("C3") or by its GUID."""
    return project.store.case_id_for(uid)


def case_exists(project: Project, case_id: int) -> bool:
    return project.store.get("study_case", {"id": case_id}) is not None


def case_evidence(project: Project, case_id: int) -> tuple[int, int]:
    """(distinct excerpts, links) that tie evidence to a case."""
    return evidence_of_case(project.store, case_id)


def evidence_of_case(store: Store, case_id: int) -> tuple[int, int]:
    """(distinct excerpts, links) that tie evidence to a case; commands read it too."""
    links = store.select("evidence_link", {"case_id": case_id})
    return len({link["excerpt_id"] for link in links}), len(links)


@dataclass(frozen=True)
class ActorRecord:
    id: int
    name: str
    category: str
    north_south: str


def actors(project: Project) -> list[ActorRecord]:
    """Every actor of the project, by name (for completion when adding one to a case)."""
    rows = project.store.select("actor", order_by=["name"])
    return [ActorRecord(r["id"], r["name"], r["category"], r["north_south"]) for r in rows]
