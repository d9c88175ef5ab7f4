"""Mending what hand-edited and exported BibTeX files get wrong, before and after the
parser reads them: an entry without a key, a field without its closing comma, values
joined with '#', abbreviations the file does not define."""

from __future__ import annotations

import re
from typing import Any

from workbench.bibliography.bibtex_names import top_level_split
from workbench.bibliography.names import month_number

# `@book{author = …}`: no key before the first field (a comma after the brace makes
# it an entry with an empty key, which the import gives a key of its own)
KEYLESS = re.compile(r"^([ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(])(?=\s*[\w-]+\s*=)")
# a line that does not end in a comma, then one that starts a field: a comma may be missing
_MAYBE_NO_COMMA = re.compile(r"[^,\s{(=][ \t]*\n[ \t]*[A-Za-z][\w-]*[ \t]*=")
_FIELD_START = re.compile(r"[ \t]*[A-Za-z][\w-]*[ \t]*=")


def mend_commas(block: str) -> tuple[str, list[int]]:
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


_PIECE = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\{((?:[^{}]|\{[^{}]*\})*)\}|([\w.:-]+))\s*')


def bare_value(field: Any, macros: dict[str, str], notes: list[str]) -> Any:
    """A value the parser left as written, outside braces and quotes: pieces joined with
    '#' ("Journal of " # io) are joined, and an abbreviation the file does not define
    (no @string) is kept as written, with a note saying so."""
    value = field.value
    if getattr(field, "enclosing", None) != "no-enclosing" or not isinstance(value, str):
        return value
    pieces, unknown = [], []
    for part in top_level_split(value, "#") if "#" in value else [value]:
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
