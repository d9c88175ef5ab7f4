"""New rows in a returned workbook, proposed as additions: a case (Cases sheet, empty
Case ID) and an excerpt (Evidence sheet, empty link ID, with a known source key)."""

from __future__ import annotations

import json
from typing import Any

from workbench.csl import author_date
from workbench.excel.changes import CellChange
from workbench.excel.layout import CASE_FIELDS, human
from workbench.excel.returned_sheet import ReturnedSheet
from workbench.queries.sources import citation_labels
from workbench.vocabularies import load_vocabularies


def opening_words(text: str, count: int = 6) -> str:
    """“those cross-border population movements…”: how a reader recognises an excerpt."""
    words = text.split()
    return "“" + " ".join(words[:count]) + ("…" if len(words) > count else "") + "”"


def new_case(review: Any, sheet: ReturnedSheet, row: int, values: list[Any]) -> None:
    """A row with an empty Case ID: a proposed new case (once: not if already there)."""
    fields: dict[str, str] = {}
    for name in CASE_FIELDS:
        ok, text = sheet.text(values, name, row)
        if not ok:
            return
        fields[name] = text
    if not fields.get("title", "").strip():
        review.diff.problems.append(
            f"Cases!A{row}: a new case row needs a title; the row was not imported"
        )
        return
    title = fields["title"].strip()
    if any(c["title"] == title for c in review.cases.values()):
        review.diff.notes.append(
            f"Cases!A{row}: the new case {title!r} is in the project already "
            "(imported before?); not proposed again"
        )
        return
    review.add(
        CellChange(
            "Cases",
            f"A{row}",
            f"case “{title}”",
            None,
            fields,
            ("add_case", fields),
            addition=True,
            fields=tuple((human(k), v) for k, v in fields.items() if v.strip()),
        )
    )


def _has_excerpt(store: Any, source_id: int, text: str, case_id: int, mechanism: str) -> bool:
    same = [e["id"] for e in store.excerpts_for_source(source_id) if e["text"] == text]
    return any(
        link["case_id"] == case_id and link["mechanism_id"] == mechanism
        for link in store.links_for_excerpts(same)
    )


def new_excerpt(review: Any, sheet: ReturnedSheet, row: int, values: list[Any]) -> None:
    """A row with an empty link ID: a proposed new excerpt from a known source, linked
    to a case's mechanism (once: not if the project has it there already)."""
    place = f"Evidence!A{row}"
    got: dict[str, str] = {}
    for name in (
        "case_id",
        "mechanism",
        "text",
        "citation_key",
        "locator",
        "note",
        "evidence_type",
    ):
        if not sheet.has(name):
            got[name] = ""
            continue
        ok, text = sheet.text(values, name, row, located=name == "locator")
        if not ok:
            return
        got[name] = text.strip() if name not in ("text", "note") else text
    if not got["text"].strip():
        review.diff.problems.append(
            f"{place}: a row without a link ID and without a quotation was not imported"
        )
        return
    case = review.cases.get(got["case_id"])
    mechanism = next((m for m in review.fw.mechanisms if got["mechanism"] in (m.id, m.label)), None)
    source = review.store.get("source", {"citation_key": got["citation_key"]})
    vocab = load_vocabularies()
    kind = next(
        (t.id for t in vocab.evidence_types if got["evidence_type"] in (t.id, t.label)),
        None if got["evidence_type"] else "secondary_literature",
    )
    missing = [
        text
        for ok, text in (
            (case is not None, f"a known Case ID (not {got['case_id']!r})"),
            (mechanism is not None, f"a mechanism of the framework (not {got['mechanism']!r})"),
            (source is not None, f"a known citation key (not {got['citation_key']!r})"),
            (kind is not None, f"a known evidence type (not {got['evidence_type']!r})"),
        )
        if not ok
    ]
    if missing:
        review.diff.problems.append(
            f"{place}: a new excerpt needs {', '.join(missing)}; the row was not imported"
        )
        return
    assert case is not None and mechanism is not None and source is not None
    if _has_excerpt(review.store, source["id"], got["text"], case["id"], mechanism.id):
        review.diff.notes.append(
            f"{place}: this excerpt is linked there in the project already "
            "(imported before?); not proposed again"
        )
        return
    proposal = {
        "source_id": source["id"],
        "text": got["text"],
        "locator": got["locator"],
        "note": got["note"],
        "evidence_type": kind,
        "links": [(case["id"], mechanism.id)],
    }
    citation = citation_labels(review.store, [source["id"]]).get(source["id"]) or author_date(
        json.loads(source["csl"])
    )
    case_name = review.names[case["uid"]]
    shown = [
        ("Quotation", got["text"]),
        ("Citation", f"{citation} ({source['citation_key']})"),
        ("Locator", got["locator"]),
        ("Evidence type", vocab.label("evidence_types", kind)),
        ("Case", case_name),
        ("Mechanism", f"{mechanism.label} ({review.fw.power_type(mechanism.power_type).label})"),
        ("Note", got["note"]),
    ]
    review.add(
        CellChange(
            "Evidence",
            f"A{row}",
            f"excerpt {opening_words(got['text'])} ({citation}) for {mechanism.label} "
            f"in {case_name}",
            None,
            proposal,
            ("add_excerpt", proposal),
            addition=True,
            fields=tuple((k, v) for k, v in shown if v.strip()),
        )
    )
