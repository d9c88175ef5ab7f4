"""What the presentation reads from the project: cases in list order, evidence with full
references, a round's votes."""

from __future__ import annotations

from ui.presentation.slide import EvidenceLine
from workbench import queries
from workbench.citations import format_references
from workbench.framework import PowerType
from workbench.project import Project
from workbench.queries import CaseDetail


class ReferenceCache:
    """Formatted references by citation key: citeproc is slow, a slide is redrawn often."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._formatted: dict[str, str] = {}
        self._ids: dict[str, int] | None = None  # source ids by key: read once, not per page

    def get(self, keys: list[str]) -> dict[str, str]:
        missing = [k for k in dict.fromkeys(keys) if k not in self._formatted]
        if missing:
            if self._ids is None:
                self._ids = {s.citation_key: s.id for s in queries.source_summaries(self.project)}
            ids = self._ids
            items, labels = [], {}
            for key in missing:
                record = queries.source_record(self.project, ids[key]) if key in ids else None
                if record is not None:
                    items.append(record.item())
                    labels[key] = record.citation
            formatted = format_references(items, labels)
            for key in missing:
                self._formatted[key] = formatted.get(key, key)
        return {k: self._formatted[k] for k in keys}

    def clear(self) -> None:
        self._formatted.clear()
        self._ids = None


def evidence_lines(
    project: Project,
    case: CaseDetail,
    power_type: PowerType,
    references: ReferenceCache,
    limit: int | None = None,
) -> list[EvidenceLine]:
    """The excerpts of a quadrant's mechanisms with their short citations and references
    (the first `limit` of them: only those shown are given formatted references)."""
    labels = {m.id: m.label for m in power_type.mechanisms}
    items = queries.evidence_items(project, case.id, list(labels))[:limit]
    full = references.get([item.citation_key for item in items])
    return [
        EvidenceLine(
            item.text,
            item.short_citation,
            full.get(item.citation_key, item.citation_key),
            ", ".join(labels[m] for m in item.mechanisms if m in labels),
            item.note,
        )
        for item in items
    ]


def excerpt_counts(project: Project, case: CaseDetail) -> dict[str, int]:
    """Distinct excerpts per quadrant (the case's own counts are per mechanism link)."""
    return {
        pt.id: len(queries.evidence_items(project, case.id, [m.id for m in pt.mechanisms]))
        for pt in project.framework.power_types
    }
