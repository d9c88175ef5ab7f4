"""Evidence as the views show it: an excerpt with its citation forms."""

from __future__ import annotations

import json
from dataclasses import dataclass

from workbench.citations import pandoc_citation, short_citation
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


def evidence_for(store: Store, case_id: int, mechanism_ids: list[str]) -> list[EvidenceItem]:
    out = []
    for row in store.evidence_rows(case_id, mechanism_ids):
        csl = json.loads(row["csl"])
        out.append(
            EvidenceItem(
                row["id"],
                row["text"],
                row["locator"],
                row["evidence_type"],
                row["note"],
                row["citation_key"],
                short_citation(csl, row["locator"]),
                pandoc_citation(row["citation_key"], row["locator"]),
                tuple(sorted((row["mechanisms"] or "").split(","))),
            )
        )
    return out


def excerpt_item(store: Store, excerpt_id: int) -> EvidenceItem | None:
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
        short_citation(csl, row["locator"]),
        pandoc_citation(source["citation_key"], row["locator"]),
        tuple(sorted({link["mechanism_id"] for link in links})),
    )
