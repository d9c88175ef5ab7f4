"""BibTeX and BibLaTeX (Zotero, Better BibTeX) to CSL-JSON, with bibtexparser v2.

Large files are parsed in chunks of entries so that progress can be reported;
@string macros are given to every chunk. Every record start is counted and
compared with what the parser returned, so that no record disappears unseen.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import bibtexparser

from workbench.bibliography.bibtex_names import bibtex_names
from workbench.bibliography.bibtex_repairs import KEYLESS, bare_value, mend_commas
from workbench.bibliography.latex import detex
from workbench.bibliography.model import ParseResult, Skipped
from workbench.bibliography.names import date_parts
from workbench.csl import ET_AL

Progress = Callable[[int, int], None]
CHUNK = 400
_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_NON_ENTRIES = {"string", "preamble", "comment"}
_VERBATIM = {"doi", "url", "file", "eprint", "isbn", "issn"}

TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "manual": "book",
    "booklet": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "unpublished": "manuscript",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "periodical": "periodical",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "legal": "legal_case",
    "misc": "document",
}

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # we report problems ourselves


def _record_starts(text: str) -> list[tuple[int, str]]:
    out = []
    line, position = 1, 0
    for match in _START.finditer(text):
        line += text.count("\n", position, match.start())  # counted once, incrementally
        position = match.start()
        out.append((line, match.group(1).lower()))
    return out


def _chunks(
    text: str, starts: list[tuple[int, str]], mended: list[int] | None = None
) -> tuple[str, int, list[tuple[int, str, int]]]:
    """(@string prefix, its line count, [(first line, chunk text, entries in it)]);
    the lines where a missing comma was put back are added to `mended`."""
    lines = text.split("\n")
    boundaries = [line for line, _ in starts] + [len(lines) + 1]
    strings, entry_blocks = [], []
    for (line, kind), end in zip(starts, boundaries[1:], strict=True):
        block = "\n".join(lines[line - 1 : end - 1])
        if kind == "string":
            strings.append(block)
        elif kind not in ("comment", "preamble"):
            # `@book{author = …}`: no key before the first field; an empty key is read
            # (the import makes one) where the parser would give up on the entry
            block, commas = mend_commas(KEYLESS.sub(r"\1,", block, count=1))
            if mended is not None:
                mended.extend(line + i for i in commas)
            entry_blocks.append((line, block))
    prefix = "\n".join(strings)
    prefix_lines = prefix.count("\n") + 1 if prefix else 0
    chunks = []
    for i in range(0, len(entry_blocks), CHUNK):
        group = entry_blocks[i : i + CHUNK]
        first = group[0][0]
        # keep the original line spacing inside the chunk so that line numbers map back
        body_lines: list[str] = []
        for line, block in group:
            while first + len(body_lines) < line:
                body_lines.append("")
            body_lines.extend(block.split("\n"))
        chunks.append((first, "\n".join(body_lines), len(group)))
    return prefix, prefix_lines, chunks


def parse_bibtex(text: str, result: ParseResult, progress: Progress | None = None) -> None:
    starts = _record_starts(text)
    entry_starts = [line for line, kind in starts if kind not in _NON_ENTRIES]
    result.record_starts = len(entry_starts)
    mended: list[int] = []
    prefix, prefix_lines, chunks = _chunks(text, starts, mended)
    result.warnings.extend(
        f"line {n}: a comma is missing at the end of the line; one was put in so that "
        "the next line is read as a field of its own"
        for n in mended
    )
    seen_lines: set[int] = set()
    done = 0
    for first_line, chunk, entries_in_chunk in chunks:
        source = f"{prefix}\n{chunk}" if prefix else chunk
        offset = first_line - (prefix_lines if prefix else 0)
        library = _parse(source)
        macros = {m.key.lower(): m.value for m in library.strings}
        entries = [(entry.start_line + offset, entry) for entry in library.entries]
        for block in library.failed_blocks:
            line = block.start_line + offset
            if line < first_line:
                continue
            seen_lines.add(line)
            again = _duplicate_read_alone(block, prefix) or _first_of_twice_given(
                block, prefix, line, result
            )
            if again is not None:  # the file decides what a reused key means (see merge)
                entries.append((line, again))
                continue
            key = getattr(block, "key", "") or _key_near(block)
            reason = _failure_reason(block)
            result.skipped.append(Skipped(line, key, reason))
        for line, entry in sorted(entries, key=lambda pair: pair[0]):
            seen_lines.add(line)
            notes: list[str] = []
            fields = {f.key.lower(): bare_value(f, macros, notes) for f in entry.fields}
            try:
                csl = entry_to_csl(entry.entry_type, fields, notes)
            except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
                result.skipped.append(Skipped(line, entry.key, f"cannot be read: {exc}"))
                continue
            who = f" ({entry.key})" if entry.key else ""
            result.warnings.extend(f"line {line}{who}: {note}" for note in notes)
            if not entry.key.strip():
                result.warnings.append(
                    f"line {line}: the entry has no citation key; one is made from its "
                    "author, year and title"
                )
            result.admit(entry.key.strip(), csl, line)
        done += entries_in_chunk
        if progress:
            progress(min(done, len(entry_starts)), len(entry_starts))
    missing = [line for line in entry_starts if line not in seen_lines]
    if missing:
        shown = ", ".join(str(n) for n in missing[:10])
        result.warnings.append(
            f"{len(missing)} record start(s) produced no entry and no error (line {shown}); "
            "they were not imported."
        )
        result.skipped.extend(Skipped(n, "", "not recognised as an entry") for n in missing)


def _parse(source: str) -> Any:
    # names are split here (`_names`), not by the parser: it would read "others" as a
    # name and a list separated by commas as one person
    return bibtexparser.parse_string(source)


def _first_of_twice_given(block: Any, prefix: str, line: int, result: ParseResult) -> Any:
    """An entry that gives a field twice, read with the first value (as BibTeX does);
    a warning names the field and the value left out. None for every other failure."""
    entry = getattr(block, "ignore_error_block", None)
    if type(block).__name__ != "DuplicateFieldKeyBlock" or entry is None:
        return None
    kept: dict[str, Any] = {}
    for f in entry.fields:
        name = f.key.lower()
        if name not in kept:
            kept[name] = f
            continue
        raw = str(f.value).strip().strip('"')
        left_out = " ".join(raw.strip("{}").split()) if name in _VERBATIM else detex(raw)
        if len(left_out) > 60:
            left_out = left_out[:57] + "..."
        who = f" ({entry.key})" if entry.key else ""
        result.warnings.append(
            f"line {line}{who}: the field '{f.key}' is given twice; the first value was "
            f'kept and the second one ("{left_out}") left out'
        )
    body = ",\n".join(f"  {f.key} = {f.value}" for f in kept.values())
    raw = f"@{entry.entry_type}{{{entry.key},\n{body}\n}}"
    alone = _parse(f"{prefix}\n{raw}" if prefix else raw)
    return alone.entries[0] if len(alone.entries) == 1 and not alone.failed_blocks else None


def _duplicate_read_alone(block: Any, prefix: str) -> Any:
    """An entry whose key an earlier entry of the file already uses, read on its own (the
    parser leaves it unprocessed); None for every other failure."""
    if type(block).__name__ != "DuplicateBlockKeyBlock" or not getattr(block, "raw", ""):
        return None
    alone = _parse(f"{prefix}\n{block.raw}" if prefix else block.raw)
    return alone.entries[0] if len(alone.entries) == 1 and not alone.failed_blocks else None


def _key_near(block: Any) -> str:
    raw = getattr(block, "raw", "") or ""
    match = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s]+)", raw)
    return match.group(1) if match else ""


def _failure_reason(block: Any) -> str:
    error = getattr(block, "error", None)
    name = type(block).__name__
    if "DuplicateBlockKey" in name or "Duplicate" in type(error).__name__:
        return "the citation key is used twice in the file"
    if error is not None and str(error):
        return f"syntax error: {error}"
    return "syntax error (unbalanced braces or quotes, or a missing comma)"


def entry_to_csl(
    entry_type: str, fields: dict[str, Any], notes: list[str] | None = None
) -> dict[str, Any]:
    """One BibTeX/BibLaTeX entry (fields as the parser gives them) as a CSL-JSON item;
    what was read in a way the user should know of is added to `notes`."""
    kind = TYPES.get(entry_type.lower(), "document")

    def text(name: str) -> str:
        value = fields.get(name)
        if value is None or isinstance(value, list):
            return ""
        value = str(value)
        return " ".join(value.split()) if name in _VERBATIM else detex(value)

    csl: dict[str, Any] = {"type": kind}
    title = text("title")
    if text("subtitle"):
        title = f"{title}: {text('subtitle')}"
    if title:
        csl["title"] = title
    et_al = []
    for role in ("author", "editor", "translator"):
        names, more = bibtex_names(fields.get(role), role, notes)
        if names:
            csl[role] = names
        if more:
            et_al.append(role)
    if et_al:
        csl["custom"] = {ET_AL: et_al}
    container = text("journaltitle") or text("journal") or text("booktitle")
    if container:
        csl["container-title"] = container
    simple = {
        "volume": "volume",
        "edition": "edition",
        "publisher": "publisher",
        "address": "publisher-place",
        "location": "publisher-place",
        "doi": "DOI",
        "url": "URL",
        "isbn": "ISBN",
        "issn": "ISSN",
        "abstract": "abstract",
        "language": "language",
        "series": "collection-title",
        "type": "genre",
        "howpublished": "medium",
        "chapter": "chapter-number",
    }
    for bib, target in simple.items():
        value = text(bib)
        if value and target not in csl:
            csl[target] = value
    for org in ("institution", "school", "organization"):
        if text(org) and "publisher" not in csl:
            csl["publisher"] = text(org)
    number = text("number") or text("issue")
    if number:
        csl[
            "issue"
            if kind in ("article-journal", "article-magazine", "article-newspaper")
            else "number"
        ] = number
    pages = text("pages")
    if pages:
        csl["page"] = pages.replace("--", "-").replace("–", "-")
    issued = date_parts(text("date")) or date_parts(text("year"), fields.get("month"))
    if issued:
        csl["issued"] = issued
    accessed = date_parts(text("urldate"))
    if accessed:
        csl["accessed"] = accessed
    notes = [n for n in (text("note"), text("addendum")) if n]
    if notes:
        csl["note"] = " ".join(notes)
    return csl
