"""Evidence as the views show it: an excerpt with its citation forms."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.citations import pandoc_citation, short_citation, with_locator
from workbench.csl import apa_author_date
from workbench.queries.sources import citation_labels

if TYPE_CHECKING:
    from workbench.project import Project
    from workbench.storage.store import Store


@dataclass(frozen=True)
class EvidenceItem:
    excerpt_id: int
    text: str
    locator: str
    evidence_type: str
    note: str
    citation_key: str
    short_citation: str  # "Greenhill 2010, p. 12"
    pandoc: str  # "[@greenhill2010, p. 12]"
    mechanisms: tuple[str, ...]

    def quotation(self) -> str:
        """The excerpt as a quotation with its author-date citation, for a manuscript."""
        return f"“{self.text}” ({self.short_citation})"


def evidence_items(
    project: Project, case_id: int, mechanism_ids: Sequence[str]
) -> list[EvidenceItem]:
    """The excerpts linked to some mechanisms of a case, one item per excerpt."""
    return evidence_for(project.store, case_id, list(mechanism_ids))


def evidence_for(store: Store, case_id: int, mechanism_ids: list[str]) -> list[EvidenceItem]:
    out = []
    rows = store.evidence_rows(case_id, mechanism_ids)
    labels = citation_labels(store, {row["source_id"] for row in rows})
    cites: dict[int, str] = {}  # a case cites few works many times: each named once
    for row in rows:
        cite = cites.get(row["source_id"])
        if cite is None:
            csl = json.loads(row["csl"])
            cite = cites[row["source_id"]] = apa_author_date(csl, labels.get(row["source_id"], ""))
        out.append(
            EvidenceItem(
                row["id"],
                row["text"],
                row["locator"],
                row["evidence_type"],
                row["note"],
                row["citation_key"],
                with_locator(cite, row["locator"]),
                pandoc_citation(row["citation_key"], row["locator"]),
                tuple(sorted((row["mechanisms"] or "").split(","))),
            )
        )
    return out


def excerpt_item(project: Project, excerpt_id: int) -> EvidenceItem | None:
    store = project.store
    row = store.get("excerpt", {"id": excerpt_id})
    if row is None:
        return None
    source = store.get("source", {"id": row["source_id"]})
    csl = json.loads(source["csl"])
    links = store.select("evidence_link", {"excerpt_id": excerpt_id})
    return EvidenceItem(
        row["id"],
        row["text"],
        row["locator"],
        row["evidence_type"],
        row["note"],
        source["citation_key"],
        short_citation(
            csl, row["locator"], citation_labels(store, [source["id"]]).get(source["id"], "")
        ),
        pandoc_citation(source["citation_key"], row["locator"]),
        tuple(sorted({link["mechanism_id"] for link in links})),
    )


@dataclass
class ExcerptRecord:
    """An excerpt's editable values with the (case id, mechanism id) pairs it is linked to."""

    text: str
    source_id: int | None
    underlying_source_id: int | None
    locator: str
    evidence_type: str
    note: str
    links: list[tuple[int, str]] = field(default_factory=list)


def excerpt_record(project: Project, excerpt_id: int) -> ExcerptRecord | None:
    store = project.store
    row = store.get("excerpt", {"id": excerpt_id})
    if row is None:
        return None
    return ExcerptRecord(
        row["text"],
        row["source_id"],
        row["underlying_source_id"],
        row["locator"],
        row["evidence_type"],
        row["note"],
        excerpt_links(project, excerpt_id),
    )


def excerpt_links(project: Project, excerpt_id: int) -> list[tuple[int, str]]:
    """(case id, mechanism id) of every link of an excerpt."""
    return [
        (r["case_id"], r["mechanism_id"])
        for r in project.store.select("evidence_link", {"excerpt_id": excerpt_id})
    ]


def _linked(project: Project, excerpt_id: int, case_id: int, mechanism_id: str) -> bool:
    key = {"excerpt_id": excerpt_id, "case_id": case_id, "mechanism_id": mechanism_id}
    return project.store.get("evidence_link", key) is not None


def missing_links(
    project: Project, excerpt_ids: Sequence[int], case_id: int, mechanism_id: str
) -> list[int]:
    """Those excerpts not yet linked to this mechanism in this case."""
    return [e for e in excerpt_ids if not _linked(project, e, case_id, mechanism_id)]


def present_links(
    project: Project, excerpt_id: int, case_id: int, mechanism_ids: Sequence[str]
) -> list[str]:
    """Those mechanisms this excerpt is linked to in this case."""
    return [m for m in mechanism_ids if _linked(project, excerpt_id, case_id, m)]
