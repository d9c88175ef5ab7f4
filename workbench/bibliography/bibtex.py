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
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

from workbench.bibliography.model import ParseResult, Skipped
from workbench.bibliography.names import date_parts, is_et_al, is_suffix, month_number
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

_latex = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # we report problems ourselves
logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)


_BRACES = str.maketrans("", "", "{}")
_NEEDS_DECODING = re.compile(r"[\\~$]")  # commands, ties, math
# TeX's quotes and dashes, as the decoder reads them: replaced without it (it is slow)
_TEX_PUNCTUATION = re.compile(r"``|''|---|--")
_PUNCTUATION = {"``": "\u201c", "''": "\u201d", "---": "\u2014", "--": "\u2013"}
_CONTEXT = get_default_latex_context_db()  # built once: building it per field is slow


@lru_cache(maxsize=65536)
def detex(value: str) -> str:
    """LaTeX accents and braces to plain Unicode text; \\url and \\href keep their address."""
    if not _NEEDS_DECODING.search(value):  # only protective braces, quotes and dashes
        plain = value.translate(_BRACES)
        if "`" in plain or "''" in plain or "--" in plain:
            plain = _TEX_PUNCTUATION.sub(lambda m: _PUNCTUATION[m[0]], plain)
        return " ".join(plain.split())
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


_KEYLESS = re.compile(r"^([ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(])(?=\s*[\w-]+\s*=)")


# a line that does not end in a comma, then one that starts a field: a comma may be missing
_MAYBE_NO_COMMA = re.compile(r"[^,\s{(=][ \t]*\n[ \t]*[A-Za-z][\w-]*[ \t]*=")
_FIELD_START = re.compile(r"[ \t]*[A-Za-z][\w-]*[ \t]*=")


def _mend_commas(block: str) -> tuple[str, list[int]]:
    """An entry whose field lacks its closing comma, as hand-edited files have: the parser
    would read the next field into this one's value. The comma is put back where a line
    ends outside any braces or quotes and the next line starts a field; returns the block
    and the (0-based) lines mended."""
    if not _MAYBE_NO_COMMA.search(block):
        return block, []
    lines = block.split("\n")
    depth, quoted, mended = 0, False, []
    for i, line in enumerate(lines):
        j = 0
        while j < len(line):
            ch = line[j]
            if ch == "\\":
                j += 2
                continue
            if ch == '"' and depth == 1:
                quoted = not quoted
            elif ch == "{" and not quoted:
                depth += 1
            elif ch == "}" and not quoted:
                depth -= 1
            j += 1
        end = line.rstrip()
        if (
            depth == 1
            and not quoted
            and i + 1 < len(lines)
            and end
            and end[-1] not in ",{(="
            and _FIELD_START.match(lines[i + 1])
        ):
            lines[i] = end + ","
            mended.append(i)
    return "\n".join(lines), mended


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
            block, commas = _mend_commas(_KEYLESS.sub(r"\1,", block, count=1))
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
            fields = {f.key.lower(): _bare_value(f, macros, notes) for f in entry.fields}
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


_PIECE = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\{((?:[^{}]|\{[^{}]*\})*)\}|([\w.:-]+))\s*')


def _bare_value(field: Any, macros: dict[str, str], notes: list[str]) -> Any:
    """A value the parser left as written, outside braces and quotes: pieces joined with
    '#' ("Journal of " # io) are joined, and an abbreviation the file does not define
    (no @string) is kept as written, with a note saying so."""
    value = field.value
    if getattr(field, "enclosing", None) != "no-enclosing" or not isinstance(value, str):
        return value
    pieces, unknown = [], []
    for part in _top_level_split(value, "#") if "#" in value else [value]:
        match = _PIECE.fullmatch(part)
        if match is None:
            return value  # not pieces of a value: kept as the parser gave it
        quoted, braced, word = match.groups()
        if word is None:
            pieces.append(quoted if quoted is not None else braced)
        elif field.key.lower() == "month" and month_number(word):
            pieces.append(word)
        elif word.lower() in macros:
            pieces.append(str(macros[word.lower()]))
        else:
            pieces.append(word)
            if not word[0].isdigit():  # '2020-01': a value; a macro's name starts with a letter
                unknown.append(word)
    for word in unknown:
        notes.append(
            f"the field '{field.key}' uses the abbreviation '{word}', which the file does not "
            "define (no @string); it was kept as written"
        )
    return "".join(pieces)


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


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.?[ -]?)+")


def _top_level_split(text: str, separator: str) -> list[str]:
    """`text` cut at `separator` outside braces."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _comma_list(person: str) -> list[str] | None:
    """'Jane Doe, John Smith, Max Mustermann' or 'Doe, J., Smith, J.' (authors separated
    by commas, not 'and') as one string per person; None when it reads as one name
    ('King, Jr., Martin Luther') or when that cannot be told ('Garcia Lopez, Maria Jose')."""
    if ";" in person:
        people = [p for p in _top_level_split(person, ";") if p]
        return people if len(people) > 1 else None
    parts = _top_level_split(person, ",")
    if len(parts) < 3 or not all(parts) or (len(parts) == 3 and is_suffix(parts[1])):
        return None
    if all(len(p.split()) >= 2 for p in parts):
        return parts  # 'Given Family' each
    pairs = len(parts) % 2 == 0 and all(_INITIALS_ONLY.fullmatch(p) for p in parts[1::2])
    return [f"{parts[i]}, {parts[i + 1]}" for i in range(0, len(parts), 2)] if pairs else None


def _names(value: Any, role: str = "author", notes: list[str] | None = None) -> tuple[list, bool]:
    """A BibTeX name list as CSL names, and whether it ends in 'and others'."""
    if not isinstance(value, str) or not value.strip():
        return [], False
    persons = split_multiple_persons_names(value)
    if len(persons) == 1 and (listed := _comma_list(persons[0])):
        persons = listed
        if notes is not None:
            notes.append(
                f"the {role}s are separated by commas instead of 'and'; they were read as "
                f"{len(listed)} names"
            )
    out: list[dict[str, str]] = []
    et_al = False
    for person in persons:
        if is_et_al(person):
            et_al = True
            continue
        name = _one_name(person)
        if name:
            out.append(name)
    return out, et_al


def _one_name(person: str) -> dict[str, str]:
    try:
        parts = parse_single_name_into_parts(person, strict=False)
    except InvalidNameError:
        text = detex(person)
        return {"literal": text} if text else {}
    first = detex(" ".join(parts.first))
    von = detex(" ".join(parts.von))
    last = detex(" ".join(parts.last))
    jr = detex(" ".join(parts.jr))
    raw_last = " ".join(parts.last).strip()
    if not first and not von and raw_last.startswith("{") and raw_last.endswith("}"):
        return {"literal": last} if last else {}  # {World Bank}: an organisation
    if von and not von[:1].islower():
        # 'Hernando de Larramendi, Miguel': a family name of several words, no particle
        last, von = f"{von} {last}", ""
    item = {"family": last}
    if first:
        item["given"] = first
    if von:
        item["non-dropping-particle"] = von
    if jr:
        item["suffix"] = jr
    return item if last or first else {}


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
        names, more = _names(fields.get(role), role, notes)
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
