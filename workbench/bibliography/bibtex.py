"""BibTeX and BibLaTeX (Zotero, Better BibTeX) to CSL-JSON, with bibtexparser v2.

Large files are parsed in chunks of entries so that progress can be reported;
@string macros are given to every chunk. Every record start is counted and
compared with what the parser returned, so that no record disappears unseen.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import bibtexparser
from bibtexparser import middlewares
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

from workbench.bibliography.model import ParseResult, Skipped
from workbench.bibliography.names import date_parts

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

_latex = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # we report problems ourselves
logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)


_BRACES = str.maketrans("", "", "{}")
_CONTEXT = get_default_latex_context_db()  # built once: building it per field is slow


@lru_cache(maxsize=65536)
def detex(value: str) -> str:
    """LaTeX accents and braces to plain Unicode text; \\url and \\href keep their address."""
    if "\\" not in value and "~" not in value and "$" not in value:
        return " ".join(value.translate(_BRACES).split())  # only protective braces
    out = []
    for is_url, part in _split_links(value):
        out.append(part if is_url else _latex_to_text(part))
    return " ".join("".join(out).split())


def _latex_to_text(value: str) -> str:
    walker = LatexWalker(value, latex_context=_CONTEXT, tolerant_parsing=True)
    try:
        return _latex.nodelist_to_text(walker.get_latex_nodes()[0])
    except Exception:  # noqa: BLE001 - pylatexenc fails in many ways on odd input; keep the text
        return _ESCAPED.sub(r"\1", _COMMAND.sub(" ", value)).translate(_BRACES)


_LINK = re.compile(r"\\(href|url)\s*\{")
_URL_ESCAPES = re.compile(r"\\([#%&_~$\\{}])")  # Better BibTeX escapes these in addresses
_ESCAPED = re.compile(r"\\([#%&_$])")
_COMMAND = re.compile(r"\\[A-Za-z]+\*?")


def _braced(text: str, start: int) -> int:
    """Index just past the group whose '{' is at `start` (escaped braces do not count)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _split_links(value: str) -> list[tuple[bool, str]]:
    """[(is an address, text)]: `\\href{address}{text}` -> 'text <address>', `\\url{a}` -> 'a'.
    Addresses are taken verbatim (after unescaping), never read as LaTeX: '%', '#' and '\\o'
    mean something else there."""
    parts: list[tuple[bool, str]] = []
    position = 0
    for match in _LINK.finditer(value):
        if match.start() < position:
            continue
        url_end = _braced(value, match.end() - 1)
        if url_end < 0:
            break
        url = _URL_ESCAPES.sub(r"\1", value[match.end() : url_end - 1]).strip()
        parts.append((False, value[position : match.start()]))
        position = url_end
        if match.group(1) == "href":
            rest = value[url_end:]
            gap = len(rest) - len(rest.lstrip())
            if rest[gap : gap + 1] == "{" and (text_end := _braced(value, url_end + gap)) > 0:
                parts.append((False, value[url_end + gap + 1 : text_end - 1]))
                position = text_end
                url = f" <{url}>" if url else ""
        parts.append((True, url))
    parts.append((False, value[position:]))
    return [p for p in parts if p[1]]


def _record_starts(text: str) -> list[tuple[int, str]]:
    out = []
    line, position = 1, 0
    for match in _START.finditer(text):
        line += text.count("\n", position, match.start())  # counted once, incrementally
        position = match.start()
        out.append((line, match.group(1).lower()))
    return out


def _chunks(
    text: str, starts: list[tuple[int, str]]
) -> tuple[str, int, list[tuple[int, str, int]]]:
    """(@string prefix, its line count, [(first line, chunk text, entries in it)])."""
    lines = text.split("\n")
    boundaries = [line for line, _ in starts] + [len(lines) + 1]
    strings, entry_blocks = [], []
    for (line, kind), end in zip(starts, boundaries[1:], strict=True):
        block = "\n".join(lines[line - 1 : end - 1])
        if kind == "string":
            strings.append(block)
        elif kind not in ("comment", "preamble"):
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
    prefix, prefix_lines, chunks = _chunks(text, starts)
    seen_lines: set[int] = set()
    done = 0
    for first_line, chunk, entries_in_chunk in chunks:
        source = f"{prefix}\n{chunk}" if prefix else chunk
        offset = first_line - (prefix_lines if prefix else 0)
        library = _parse(source)
        entries = [(entry.start_line + offset, entry) for entry in library.entries]
        for block in library.failed_blocks:
            line = block.start_line + offset
            if line < first_line:
                continue
            seen_lines.add(line)
            again = _duplicate_read_alone(block, prefix)
            if again is not None:  # the file decides what a reused key means (see merge)
                entries.append((line, again))
                continue
            key = getattr(block, "key", "") or _key_near(block)
            reason = _failure_reason(block)
            result.skipped.append(Skipped(line, key, reason))
        for line, entry in sorted(entries, key=lambda pair: pair[0]):
            seen_lines.add(line)
            try:
                csl = entry_to_csl(entry.entry_type, {f.key.lower(): f.value for f in entry.fields})
            except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
                result.skipped.append(Skipped(line, entry.key, f"cannot be read: {exc}"))
                continue
            if not csl.get("title"):
                result.skipped.append(Skipped(line, entry.key, "the entry has no title"))
                continue
            result.admit(entry.key, csl, line)
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
    return bibtexparser.parse_string(
        source,
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()],
    )


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


def _names(value: Any) -> list[dict[str, str]]:
    out = []
    for name in value if isinstance(value, list) else []:
        if isinstance(name, str):
            text = detex(name)
            if text:
                out.append({"literal": text})
            continue
        first = detex(" ".join(name.first))
        von = detex(" ".join(name.von))
        last = detex(" ".join(name.last))
        jr = detex(" ".join(name.jr))
        raw_last = " ".join(name.last).strip()
        if not first and not von and raw_last.startswith("{") and raw_last.endswith("}"):
            out.append({"literal": last})  # {World Bank}: an organisation
            continue
        item = {"family": last}
        if first:
            item["given"] = first
        if von:
            item["non-dropping-particle"] = von
        if jr:
            item["suffix"] = jr
        if last or first:
            out.append(item)
    return out


def entry_to_csl(entry_type: str, fields: dict[str, Any]) -> dict[str, Any]:
    """One BibTeX/BibLaTeX entry (fields as the parser gives them) as a CSL-JSON item."""
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
    for role, key in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        names = _names(fields.get(key))
        if names:
            csl[role] = names
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
