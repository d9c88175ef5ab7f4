"""Search results with the headings a list shows: kind, citation, case, mechanism."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.citations import short_citation
from workbench.queries.sources import citation_labels
from workbench.search import SearchFilters, SearchHit, SearchResult, search

if TYPE_CHECKING:
    from workbench.project import Project

KIND_LABELS = {"excerpt": "Excerpt", "note": "Note on excerpt", "memo": "Memo", "summary": "Case"}


@dataclass(frozen=True)
class HitView:
    hit: SearchHit
    heading: str  # "Excerpt · Greenhill 2010, p. 12 · EU–Turkey 2016 · Issue linkage"


def search_hits(
    project: Project, text: str, filters: SearchFilters | None = None
) -> tuple[list[HitView], SearchResult]:
    """Run a search and name each hit's source and case, with three queries for all hits."""
    result = search(project.store, text, filters or SearchFilters())
    framework = project.framework
    store = project.store
    excerpt_ids = [h.excerpt_id for h in result.hits if h.excerpt_id is not None]
    rows = store.excerpt_citation_rows(excerpt_ids) if excerpt_ids else []
    labels = citation_labels(store, {r["source_id"] for r in rows})
    citations = {
        r["id"]: short_citation(json.loads(r["csl"]), r["locator"], labels.get(r["source_id"], ""))
        for r in rows
    }
    names = (
        {r["id"]: r["short_label"] or r["title"] for r in store.case_names()}
        if any(h.case_id is not None for h in result.hits)
        else {}
    )
    views = []
    for hit in result.hits:
        parts = [KIND_LABELS.get(hit.kind, hit.kind)]
        if hit.excerpt_id in citations:
            parts.append(citations[hit.excerpt_id])
        if hit.case_id in names:
            parts.append(names[hit.case_id])
        if hit.mechanism_id:
            parts.append(framework.mechanism(hit.mechanism_id).label)
        elif hit.power_type_id:
            parts.append(framework.power_type(hit.power_type_id).label)
        views.append(HitView(hit, " · ".join(parts)))
    return views, result
