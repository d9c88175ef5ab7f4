"""Sources as the views show them: decoded once here, never in a widget."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.csl import author_date

if TYPE_CHECKING:
    from workbench.project import Project


def _csl(raw: str) -> dict[str, Any]:
    try:
        item = json.loads(raw)
    except ValueError:
        return {}
    return item if isinstance(item, dict) else {}


@dataclass(frozen=True)
class SourceSummary:
    id: int
    citation_key: str
    title: str
    year: int | None
    first_author: str
    doi: str
    citation: str  # author-date: "Greenhill 2010"
    type: str  # CSL type: "article-journal", "book", …
    excerpts: int  # excerpts quoting it or relying on it


@dataclass(frozen=True)
class SourceChoice:
    """A source in a picker: its id and a label to type-ahead in."""

    id: int
    citation_key: str
    label: str  # "Greenhill 2010 — Weapons of Mass Migration [greenhill2010]"


@dataclass(frozen=True)
class SourceRecord:
    id: int
    citation_key: str
    csl: dict[str, Any]
    own_excerpts: int  # excerpts that quote this source
    relying_excerpts: int  # excerpts of other sources that name it as the work relied on

    def item(self) -> dict[str, Any]:
        """The CSL item with the citation key as its id (for citeproc and exports)."""
        return {**self.csl, "id": self.citation_key}


def source_summaries(project: Project) -> list[SourceSummary]:
    out = []
    for r in project.store.source_summaries():
        csl = _csl(r["csl"])
        out.append(
            SourceSummary(
                r["id"],
                r["citation_key"],
                r["title"],
                r["year"],
                r["first_author"],
                r["doi"],
                author_date(csl),
                str(csl.get("type", "")),
                r["excerpts"],
            )
        )
    return out


def source_choices(project: Project) -> list[SourceChoice]:
    return [
        SourceChoice(
            r["id"],
            r["citation_key"],
            f"{author_date(_csl(r['csl']))} — {r['title']} [{r['citation_key']}]",
        )
        for r in project.store.source_choice_rows()
    ]


def source_record(project: Project, source_id: int) -> SourceRecord | None:
    store = project.store
    row = store.get("source", {"id": source_id})
    if row is None:
        return None
    related = store.excerpts_for_source(source_id)
    own = sum(1 for e in related if e["source_id"] == source_id)
    record = SourceRecord(row["id"], row["citation_key"], _csl(row["csl"]), own, len(related) - own)
    return record
