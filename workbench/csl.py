"""Small helpers over CSL-JSON items (the format sources are stored in)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from string import ascii_lowercase
from typing import Any

from workbench.csl_types import storable_item

_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)


def normalize_doi(value: str) -> str:
    """'https://doi.org/10.1/X' -> '10.1/x' (DOIs are case-insensitive)."""
    match = _DOI.search(value if isinstance(value, str) else "")
    return match.group(0).rstrip(".,;").lower() if match else ""


def year_of(item: dict[str, Any]) -> int | None:
    issued = item.get("issued") or {}
    try:
        return int(issued["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError, OverflowError):
        raw = str(issued.get("raw", "")) if isinstance(issued, dict) else str(issued)
        found = re.search(r"\d{4}", raw)
        return int(found.group(0)) if found else None


def _family(name: Any) -> str:
    if isinstance(name, dict):
        value = name.get("family") or name.get("literal") or name.get("given") or ""
        return value if isinstance(value, str) else str(value)
    return str(name) if isinstance(name, str) else ""


def _names(item: dict[str, Any]) -> list[Any]:
    for role in ("author", "editor"):
        names = item.get(role)
        if isinstance(names, list) and names:
            return names
    return []


def first_author(item: dict[str, Any]) -> str:
    """The first name `author_date` writes (a name without one is passed over)."""
    return next((f for f in map(_family, _names(item)) if f), "")


def author_date(item: dict[str, Any]) -> str:
    """'Greenhill 2010', 'Adamson and Tsourapas 2019', 'Lavenex et al. 2016'."""
    families = [f for f in (_family(n) for n in _names(item)) if f]
    if not families:
        who = str(item.get("title") or "Anon.")
    elif len(families) == 1:
        who = families[0]
    elif len(families) == 2:
        who = f"{families[0]} and {families[1]}"
    else:
        who = f"{families[0]} et al."
    year = year_of(item)
    return f"{who} {year if year else 'n.d.'}"


def sort_key(text: str) -> str:
    """Accents and case set aside, so that "İçduygu" files under I and "Fernández"
    beside "Fernandez" (a reference list's order, without a locale)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _suffix(n: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa' (as citation styles continue)."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = ascii_lowercase[rest] + letters
    return letters


def author_date_labels(items: Iterable[tuple[int, Mapping[str, Any]]]) -> dict[int, str]:
    """Author-date labels that tell works apart, by source id: two works that would
    both read "Greenhill 2010" become "Greenhill 2010a" and "Greenhill 2010b"
    (ordered by title, as APA orders them), "n.d." works "Greenhill n.d.-a".
    Every work that could share a label must be among `items`."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for source_id, item in items:
        title = item.get("title")
        key = (title if isinstance(title, str) else "").casefold()
        groups.setdefault(author_date(dict(item)), []).append((key, source_id))
    labels: dict[int, str] = {}
    for label, members in groups.items():
        if len(members) == 1:
            labels[members[0][1]] = label
            continue
        joint = "-" if label.endswith("n.d.") else ""
        for n, (_title, source_id) in enumerate(sorted(members)):
            labels[source_id] = f"{label}{joint}{_suffix(n)}"
    return labels


def source_row(csl: dict[str, Any], citation_key: str, doi: str = "") -> dict[str, Any]:
    """The columns of a `source` row derived from a CSL-JSON item. Fields without a
    CSL-JSON type are left out, so that nothing stored can break an export later
    (imports report such fields before they get here)."""
    item = storable_item(csl)
    item["id"] = citation_key
    doi = normalize_doi(doi or item.get("DOI", ""))
    if doi:
        item["DOI"] = doi
    return {
        "citation_key": citation_key,
        "doi": doi,
        "csl": json.dumps(item, ensure_ascii=False, sort_keys=True),
        "title": str(item.get("title", "")),
        "year": year_of(item),
        "first_author": first_author(item),
    }
