"""RIS to CSL-JSON with rispy; a last record without `ER` is closed, not dropped."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import rispy

from workbench.bibliography.model import ParsedReference, ParseResult, Skipped
from workbench.bibliography.names import date_parts, split_name

Progress = Callable[[int, int], None]
_TY = re.compile(r"^\s*TY  - ", re.MULTILINE)
_ER = re.compile(r"^\s*ER  -", re.MULTILINE)

TYPES = {
    "JOUR": "article-journal",
    "JFULL": "article-journal",
    "EJOUR": "article-journal",
    "ABST": "article-journal",
    "INPR": "article-journal",
    "MGZN": "article-magazine",
    "NEWS": "article-newspaper",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CTLG": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "RPRT": "report",
    "GOVDOC": "report",
    "THES": "thesis",
    "ELEC": "webpage",
    "WEB": "webpage",
    "BLOG": "post-weblog",
    "DATA": "dataset",
    "AGGR": "dataset",
    "COMP": "software",
    "PAT": "patent",
    "STAT": "legislation",
    "BILL": "bill",
    "CASE": "legal_case",
    "HEAR": "hearing",
    "UNPB": "manuscript",
    "MANSCPT": "manuscript",
    "PCOMM": "personal_communication",
    "ENCYC": "entry-encyclopedia",
    "DICT": "entry-dictionary",
    "MAP": "map",
    "SOUND": "song",
    "VIDEO": "motion_picture",
    "MPCT": "motion_picture",
    "GEN": "document",
    "SER": "book",
    "STAND": "standard",
}
_CONTAINER_FIRST = ("journal_name", "alternate_title3", "alternate_title2", "alternate_title1")


def parse_ris(text: str, result: ParseResult, progress: Progress | None = None) -> None:
    starts, line, position = [], 1, 0
    for m in _TY.finditer(text):
        line += text.count("\n", position, m.start())  # incremental: linear in file size
        position = m.start()
        starts.append(line)
    result.record_starts = len(starts)
    if not starts:
        return
    ends = len(_ER.findall(text))
    if ends < len(starts):
        last_er = [m.start() for m in _ER.finditer(text)]
        last_ty = list(_TY.finditer(text))[-1].start()
        if not last_er or last_er[-1] < last_ty:
            result.warnings.append(
                f"The record starting on line {starts[-1]} has no ER line; it was closed at the "
                "end of the file."
            )
            text = text.rstrip() + "\nER  - \n"
    try:
        records = rispy.loads(text, skip_unknown_tags=True, enforce_list_tags=False)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"the RIS structure is broken: {exc}") from exc
    if len(records) != len(starts):
        result.warnings.append(
            f"The file has {len(starts)} record starts (TY) but {len(records)} records were read; "
            "records without a matching ER were merged or dropped."
        )
    for i, (line, record) in enumerate(zip(starts, records, strict=False)):
        key = str(record.get("id") or "").strip()
        try:
            csl = record_to_csl(record)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            result.skipped.append(Skipped(line, key, f"cannot be read: {exc}"))
            continue
        if not csl.get("title"):
            result.skipped.append(Skipped(line, key, "the record has no title (TI/T1)"))
            continue
        result.references.append(ParsedReference(key, csl, line))
        if progress and i % 200 == 0:
            progress(i, len(starts))
    if progress:
        progress(len(starts), len(starts))


def _first(record: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = next((v for v in value if str(v).strip()), "")
        if value and str(value).strip():
            return " ".join(str(value).split())
    return ""


def record_to_csl(record: dict[str, Any]) -> dict[str, Any]:
    ris_type = str(record.get("type_of_reference") or "GEN").strip().upper()
    kind = TYPES.get(ris_type, "document")
    csl: dict[str, Any] = {"type": kind}
    title = _first(record, "title", "primary_title", "translated_title", "short_title")
    container = _first(record, *_CONTAINER_FIRST)
    secondary = _first(record, "secondary_title")
    if kind in ("book", "report", "thesis") and secondary and not title:
        title = secondary
    elif secondary and not container:
        container = secondary
    if title:
        csl["title"] = title
    if container:
        csl["container-title"] = container
    authors = [
        split_name(a)
        for a in (record.get("authors") or record.get("first_authors") or [])
        if str(a).strip()
    ]
    if authors:
        csl["author"] = authors
    editors = [split_name(a) for a in (record.get("secondary_authors") or []) if str(a).strip()]
    if editors:
        csl["editor"] = editors
    for ris, target in (
        ("volume", "volume"),
        ("edition", "edition"),
        ("publisher", "publisher"),
        ("place_published", "publisher-place"),
        ("issn", "ISSN"),
        ("abstract", "abstract"),
        ("language", "language"),
        ("tertiary_title", "collection-title"),
    ):
        value = _first(record, ris)
        if value:
            csl[target] = value
    number = _first(record, "number")
    if number:
        csl["issue" if kind.startswith("article") else "number"] = number
    start, end = _first(record, "start_page"), _first(record, "end_page")
    if start:
        csl["page"] = f"{start}-{end}" if end and end != start else start
    doi = _first(record, "doi")
    if doi:
        csl["DOI"] = doi
    url = _first(record, "urls", "url")
    if url:
        csl["URL"] = url
    issued = date_parts(_first(record, "date")) or date_parts(
        _first(record, "year", "publication_year")
    )
    if issued:
        csl["issued"] = issued
    accessed = date_parts(_first(record, "access_date"))
    if accessed:
        csl["accessed"] = accessed
    notes = record.get("notes") or []
    if isinstance(notes, str):
        notes = [notes]
    note = " ".join(" ".join(str(n).split()) for n in notes if str(n).strip())
    if note:
        csl["note"] = note
    return csl
