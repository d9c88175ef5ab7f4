"""LaTeX in BibTeX fields to plain Unicode text: accents, TeX's quotes and dashes,
protective braces; the addresses of \\url and \\href are kept as written."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

_latex = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)  # problems are reported as text

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
