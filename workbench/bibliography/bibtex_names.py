"""BibTeX name lists as CSL names: 'and others' as et al., particles and family names
of several words told apart, organisations in braces, lists separated by commas."""

from __future__ import annotations

import re
from typing import Any

from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from workbench.bibliography.latex import detex
from workbench.bibliography.names import is_et_al, is_suffix

_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.?[ -]?)+")


def top_level_split(text: str, separator: str) -> list[str]:
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
        people = [p for p in top_level_split(person, ";") if p]
        return people if len(people) > 1 else None
    parts = top_level_split(person, ",")
    if len(parts) < 3 or not all(parts) or (len(parts) == 3 and is_suffix(parts[1])):
        return None
    if all(len(p.split()) >= 2 for p in parts):
        return parts  # 'Given Family' each
    pairs = len(parts) % 2 == 0 and all(_INITIALS_ONLY.fullmatch(p) for p in parts[1::2])
    return [f"{parts[i]}, {parts[i + 1]}" for i in range(0, len(parts), 2)] if pairs else None


def bibtex_names(
    value: Any, role: str = "author", notes: list[str] | None = None
) -> tuple[list, bool]:
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
