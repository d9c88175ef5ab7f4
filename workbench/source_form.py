"""The source form's text, read as CSL-JSON: authors one a line ('van der Berg, Jan',
'King, Martin Luther, Jr.', an organisation as it is, 'et al.' last), and what a
citation key may hold. The desktop form shows and reads its fields through these."""

from __future__ import annotations

import unicodedata
from typing import Any

from workbench.bibliography.names import is_et_al, split_name
from workbench.csl import name_text


def names_text(names: Any, et_al: bool = False) -> str:
    """One name a line, whole ('van der Berg, Jan', 'King, Martin Luther, Jr.'), then
    'et al.' when the list goes on."""
    lines = [name_text(n) for n in names if isinstance(n, dict)] if isinstance(names, list) else []
    lines = [line for line in lines if line]
    if lines and et_al:
        lines.append("et al.")
    return "\n".join(lines)


def parse_names(
    text: str, known: list[dict[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], bool]:
    """The names typed, one a line, and whether the list ends in 'et al.'. A line that
    reads as one of the `known` names is that name, unchanged; 'Family, Given[, Jr.]'
    is a person, a line without a comma (or one in braces) an organisation."""
    by_text = {}
    for name in known or []:
        by_text.setdefault(name_text(name), name)
    out, et_al = [], False
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if is_et_al(line):
            et_al = True
        elif line in by_text:
            out.append(by_text[line])
        elif "," in line or line.startswith("{"):
            out.append(split_name(line))
        else:
            out.append({"literal": line})
    return out, et_al


# Characters a citation key cannot hold: BibTeX and pandoc read them as syntax
_KEY_SYNTAX = set("{}(),\"#%'=\\@[];")


def key_problem(key: str) -> str:
    """Why `key` cannot be a citation key, or '' when it can."""
    if not key or any(c.isspace() for c in key):
        return "The citation key is required and has no spaces."
    hidden = [c for c in key if unicodedata.category(c) in ("Cf", "Cc", "Co", "Cn")]
    if hidden:
        return (
            f"The citation key holds an invisible character (U+{ord(hidden[0]):04X}): "
            "type it again with letters, digits and - _ : ."
        )
    syntax = next((c for c in key if c in _KEY_SYNTAX), "")
    if syntax:
        return f"The citation key cannot hold {syntax!r}: use letters, digits and - _ : ."
    return ""
