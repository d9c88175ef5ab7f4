"""RIS to CSL-JSON with rispy; a record without `ER` is closed, not dropped or merged."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import rispy

from workbench.bibliography.model import ParseResult, Skipped
from workbench.bibliography.names import date_parts, is_et_al, split_name
from workbench.csl import ET_AL

Progress = Callable[[int, int], None]
# [ \t]: \s would start at a blank line; a bare 'TY  -' (no type) still starts a record
_TY = re.compile(r"^[ \t]*TY  -(?: |[ \t]*$)", re.MULTILINE)
_BARE = re.compile(r"[ \t]*TY  -[ \t]*(?:\n[ \t]*)*(?:ER  -[ \t]*\n?[ \t\n]*)?")
_ER = re.compile(r"^[ \t]*ER  -", re.MULTILINE)

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
_ISBN = re.compile(r"(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]")
# Full journal titles (JF, JO, then T2) before the abbreviations (JA, J2) Scopus and Zotero add
_FULL_JOURNAL = ("alternate_title3", "journal_name")
_ABBREVIATED_JOURNAL = ("alternate_title2", "alternate_title1")


def parse_ris(text: str, result: ParseResult, progress: Progress | None = None) -> None:
    """Each record is cut at its own TY line, so that a record without `ER` ends where the
    next one starts instead of swallowing it. Records are read in batches; a batch that
    fails is read again record by record, so that the failure has its own line."""
    text = _standard_tags(text, result)
    matches = list(_TY.finditer(text))
    starts, line, position = [], 1, 0
    for m in matches:
        line += text.count("\n", position, m.start())  # incremental: linear in file size
        position = m.start()
        starts.append(line)
    result.record_starts = len(starts)
    bounds = [m.start() for m in matches] + [len(text)]
    chunks = []
    for i, line in enumerate(starts):
        chunk = text[bounds[i] : bounds[i + 1]]
        if not _ER.search(chunk) and not _BARE.fullmatch(chunk):
            where = (
                f"where the next record starts (line {starts[i + 1]})"
                if i + 1 < len(starts)
                else "at the end of the file"
            )
            result.warnings.append(
                f"line {line}: the record has no ER line; it was closed {where}."
            )
            chunk = chunk.rstrip() + "\nER  - \n"
        chunks.append(chunk)
    for first in range(0, len(starts), BATCH):
        lines = starts[first : first + BATCH]
        batch = chunks[first : first + BATCH]
        records: list[dict[str, Any] | None] | None = _load("".join(batch))
        if records is None or len(records) != len(batch):
            records = [_single(chunk) for chunk in batch]
        for line, record, chunk in zip(lines, records, batch, strict=True):
            if _BARE.fullmatch(chunk):
                result.skipped.append(
                    Skipped(line, "", "the record is empty: a TY line with no type and no fields")
                )
                continue
            _add_record(record, line, result)
        if progress:
            progress(min(first + BATCH, len(starts)), len(starts))


BATCH = 200
_ONE_SPACE_TY = re.compile(r"^[ \t]*TY -[ \t]", re.MULTILINE)
_LOOSE_TAG = re.compile(r"^([ \t]*)([A-Z][A-Z0-9]) -(?:[ \t]|$)", re.MULTILINE)


def _standard_tags(text: str, result: ParseResult) -> str:
    """'TY - JOUR' (one space, as some catalogues write RIS) read as 'TY  - JOUR': only in
    a file that writes every tag so (no standard TY line), and only for RIS's tags."""
    if _TY.search(text) or not _ONE_SPACE_TY.search(text):
        return text
    count = 0

    def standard(m: re.Match[str]) -> str:
        nonlocal count
        if m[2] not in _MAPPING and m[2] not in ("TY", "ER"):
            return m[0]
        count += 1
        return f"{m[1]}{m[2]}  - "

    text = _LOOSE_TAG.sub(standard, text)
    result.warnings.append(
        f"The file writes its {count} tags with one space before the dash ('TY - ') instead "
        "of RIS's two; they were read as tags."
    )
    return text


# Older exports (EndNote, RefWorks) write the title as CT, a book's title as BT, editors as ED
_MAPPING = {**rispy.TAG_KEY_MAPPING, "BT": "book_title", "CT": "caption_title", "ED": "editors"}
_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED"]


def _load(text: str) -> list[dict[str, Any]] | None:
    try:
        return rispy.loads(
            text,
            mapping=_MAPPING,
            list_tags=_LIST_TAGS,
            skip_unknown_tags=True,
            enforce_list_tags=False,
        )
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _single(chunk: str) -> dict[str, Any] | None:
    records = _load(chunk)
    return records[0] if records and len(records) == 1 else None


def _add_record(record: dict[str, Any] | None, line: int, result: ParseResult) -> None:
    if record is None:
        result.skipped.append(Skipped(line, "", "the record cannot be read (broken RIS lines)"))
        return
    key = str(record.get("id") or "").strip()
    who = f" ({key})" if key else ""
    result.warnings.extend(f"line {line}{who}: {note}" for note in _given_twice(record))
    try:
        csl = record_to_csl(record)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        result.skipped.append(Skipped(line, key, f"cannot be read: {exc}"))
        return
    result.admit(key, csl, line)


_TAG_OF = {key: tag for tag, key in _MAPPING.items()}
_SEVERAL_ALLOWED = {"issn"}  # SN: a journal's print and online ISSN, both kept


def _given_twice(record: dict[str, Any]) -> list[str]:
    """A tag that holds one value given more than once: the first is used (as for every
    such tag), and the user is told which value was left out."""
    notes = []
    for key, value in record.items():
        tag = _TAG_OF.get(key, "")
        if not isinstance(value, list) or tag in _LIST_TAGS or key in _SEVERAL_ALLOWED:
            continue
        values = list(dict.fromkeys(" ".join(str(v).split()) for v in value if str(v).strip()))
        for other in values[1:]:
            shown = other if len(other) <= 60 else other[:57] + "..."
            notes.append(
                f"the tag {tag} is given twice; the first value was kept and the second one "
                f'("{shown}") left out'
            )
    return notes


def _all(record: dict[str, Any], key: str) -> list[str]:
    value = record.get(key)
    values = value if isinstance(value, list) else [value]
    return [" ".join(str(v).split()) for v in values if v is not None and str(v).strip()]


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
    title = _first(record, "title", "primary_title", "caption_title")
    secondary = _first(record, "secondary_title", "book_title")  # the journal, or the book
    if kind in ("book", "report", "thesis") and secondary and not title:
        title, secondary = secondary, ""
    title = title or _first(record, "translated_title", "short_title")
    container = _first(record, *_FULL_JOURNAL) or secondary
    short = _first(record, *_ABBREVIATED_JOURNAL)
    if title:
        csl["title"] = title
    if container or short:
        csl["container-title"] = container or short
    if container and short and short != container:
        csl["container-title-short"] = short
    et_al = []
    for role, keys in (
        ("author", ("authors", "first_authors")),
        ("editor", ("secondary_authors", "editors")),
    ):
        given = next((record[k] for k in keys if record.get(k)), [])
        given = [str(a) for a in (given if isinstance(given, list) else [given]) if str(a).strip()]
        names = [split_name(a) for a in given if not is_et_al(a)]
        if names:
            csl[role] = names
        if len(names) < len(given):  # 'AU  - et al.': the list goes on
            et_al.append(role)
    if et_al:
        csl["custom"] = {ET_AL: et_al}
    for ris, target in (
        ("volume", "volume"),
        ("edition", "edition"),
        ("publisher", "publisher"),
        ("place_published", "publisher-place"),
        ("abstract", "abstract"),
        ("language", "language"),
        ("tertiary_title", "collection-title"),
    ):
        value = _first(record, ris)
        if value:
            csl[target] = value
    numbers = _all(record, "issn")  # SN: ISSN of a journal, ISBN of a book; WoS gives two
    if numbers:
        csl["ISBN" if all(_ISBN.fullmatch(n) for n in numbers) else "ISSN"] = ", ".join(numbers)
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
