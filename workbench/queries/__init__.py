"""The read layer: what the views, the exports and scripts read from a project, as typed
rows. Nothing above this package touches the store's generic row access.

    from workbench import queries
    for case in queries.case_summaries(project):
        print(case.name, case.scores)
    detail = queries.case_detail(project, case.id)
"""

from workbench.queries.case_detail import CaseDetail, case_detail
from workbench.queries.cases import (
    ActorRecord,
    CaseSummary,
    actors,
    case_evidence,
    case_exists,
    case_id_for_uid,
    case_names,
    case_summaries,
    case_summaries_for,
)
from workbench.queries.evidence import (
    EvidenceItem,
    ExcerptRecord,
    evidence_items,
    excerpt_item,
    excerpt_links,
    excerpt_record,
    missing_links,
    present_links,
)
from workbench.queries.search_hits import HitView, search_hits
from workbench.queries.sources import (
    SourceChoice,
    SourceRecord,
    SourceSummary,
    source_choices,
    source_record,
    source_summaries,
)

__all__ = [
    "ActorRecord",
    "CaseDetail",
    "CaseSummary",
    "EvidenceItem",
    "ExcerptRecord",
    "HitView",
    "SourceChoice",
    "SourceRecord",
    "SourceSummary",
    "actors",
    "case_detail",
    "case_evidence",
    "case_exists",
    "case_id_for_uid",
    "case_names",
    "case_summaries",
    "case_summaries_for",
    "evidence_items",
    "excerpt_item",
    "excerpt_links",
    "excerpt_record",
    "missing_links",
    "present_links",
    "search_hits",
    "source_choices",
    "source_record",
    "source_summaries",
]
