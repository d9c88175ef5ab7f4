"""Sources as the views show them: decoded once here, never in a widget."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.csl import author_date, author_date_labels, sort_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    from workbench.project import Project
    from workbench.storage.store import Store


def _csl(raw: str) -> dict[str, Any]:
    try:
        item = json.loads(raw)
    except ValueError:
        return {}
    return item if isinstance(item, dict) else {}


def citation_labels(store: Store, source_ids: Iterable[int]) -> dict[int, str]:
    """Author-date labels that tell these sources apart from the project's other works
    of the same author and year ("Greenhill 2010a"). Only sources that share their
    first author and year with another are given; the rest read as `author_date`."""
    ids = list(source_ids)
    if not ids:
        return {}
    rows = store.same_author_year_sources(ids)
    return author_date_labels((r["id"], _csl(r["csl"])) for r in rows)


@dataclass(frozen=True)
class SourceSummary:
    id: int
    citation_key: str
    title: str
    year: int | None
    first_author: str
    doi: str
    citation: str  # author-date, told apart from the project's other works: "Greenhill 2010a"
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
    citation: str = ""  # author-date, told apart from works with the same: "Greenhill 2010a"

    def item(self) -> dict[str, Any]:
        """The CSL item with the citation key as its id (for citeproc and exports)."""
        return {**self.csl, "id": self.citation_key}


def source_summaries(project: Project) -> list[SourceSummary]:
    out = []
    rows = project.store.source_summaries()
    items = [(r["id"], _csl(r["csl"])) for r in rows]
    labels = author_date_labels(items)
    # a reference list's order: by author-date label ("Greenhill 2010a" before "…b")
    order = sorted(range(len(rows)), key=lambda i: (sort_key(labels[rows[i]["id"]]), i))
    rows, items = [rows[i] for i in order], [items[i] for i in order]
    for r, (_id, csl) in zip(rows, items, strict=True):
        out.append(
            SourceSummary(
                r["id"],
                r["citation_key"],
                r["title"],
                r["year"],
                r["first_author"],
                r["doi"],
                labels[r["id"]],
                str(csl.get("type", "")),
                r["excerpts"],
            )
        )
    return out


def source_choices(project: Project) -> list[SourceChoice]:
    rows = project.store.source_choice_rows()
    labels = author_date_labels((r["id"], _csl(r["csl"])) for r in rows)
    rows = sorted(rows, key=lambda r: sort_key(labels[r["id"]]))
    return [
        SourceChoice(
            r["id"], r["citation_key"], f"{labels[r['id']]} — {r['title']} [{r['citation_key']}]"
        )
        for r in rows
    ]


def source_record(project: Project, source_id: int) -> SourceRecord | None:
    store = project.store
    row = store.get("source", {"id": source_id})
    if row is None:
        return None
    related = store.excerpts_for_source(source_id)
    own = sum(1 for e in related if e["source_id"] == source_id)
    csl = _csl(row["csl"])
    label = citation_labels(store, [source_id]).get(source_id) or author_date(csl)
    return SourceRecord(row["id"], row["citation_key"], csl, own, len(related) - own, label)
