"""Reading sources for display and export (no SQL here: the store answers)."""

from __future__ import annotations

import json
from typing import Any

from workbench.csl_types import storable_item
from workbench.storage.store import Store


def csl_item(row: dict[str, Any]) -> dict[str, Any]:
    # checked again on reading: projects may hold items stored before items were checked
    item = storable_item(json.loads(row["csl"]))
    item["id"] = row["citation_key"]
    return item


def bibliography_items(
    store: Store, case_uids: list[str] | None = None, case_ids: list[int] | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """[(key, CSL item)] of the project, or of the sources cited by evidence in some cases
    (both the quoted source and the underlying work)."""
    ids = list(case_ids or [])
    for uid in case_uids or []:
        case_id = store.case_id_for(uid)
        if case_id is None:
            from workbench.errors import WorkbenchError

            raise WorkbenchError(f"no case with identifier {uid!r}")
        ids.append(case_id)
    rows = (
        store.sources_for_cases(ids)
        if (case_uids or case_ids)
        else store.select("source", order_by=["first_author", "year", "citation_key"])
    )
    return [(r["citation_key"], csl_item(r)) for r in rows]
