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


def doi_as_written(value: str) -> str:
    """'https://doi.org/10.1093/ISP/eky015' -> '10.1093/ISP/eky015' (the address taken
    off, the letters as the publisher wrote them)."""
    match = _DOI.search(value if isinstance(value, str) else "")
    return match.group(0).rstrip(".,;") if match else ""


def normalize_doi(value: str) -> str:
    """'https://doi.org/10.1/X' -> '10.1/x' (DOIs are case-insensitive: for matching)."""
    return doi_as_written(value).lower()


def year_of(item: dict[str, Any]) -> int | None:
    issued = item.get("issued") or {}
    try:
        return int(issued["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError, OverflowError):
        raw = str(issued.get("raw", "")) if isinstance(issued, dict) else str(issued)
        found = re.search(r"\d{4}", raw)
        return int(found.group(0)) if found else None


ET_AL = "et-al"  # key in an item's `custom`: the roles whose name list ends in "and others"
_ET_AL_WORDS = frozenset(["others", "et al.", "et al", "et. al.", "and others"])


def _part(name: dict[str, Any], key: str) -> str:
    value = name.get(key)
    return value.strip() if isinstance(value, str) else ""


def is_et_al_name(name: Any) -> bool:
    """A name that only says the list goes on ({"family": "others"}, as some converters
    and older imports wrote BibTeX's 'and others'): read as et al., never as a person."""
    if not isinstance(name, dict) or _part(name, "given"):
        return False
    text = _part(name, "literal") or _part(name, "family")
    return " ".join(text.split()).casefold() in _ET_AL_WORDS


def _family(name: Any) -> str:
    """The name as a citation shows it: 'van der Berg', 'Hernando de Larramendi',
    'International Organization for Migration'."""
    if is_et_al_name(name):
        return ""
    if isinstance(name, dict):
        if _part(name, "literal"):
            return _part(name, "literal")
        if not _part(name, "family"):  # a particle alone names no one
            return _part(name, "given")
        return _with_particle(name)
    return str(name) if isinstance(name, str) else ""


def _with_particle(name: dict[str, Any]) -> str:
    return " ".join(p for p in (_part(name, "non-dropping-particle"), _part(name, "family")) if p)


def name_text(name: Any) -> str:
    """One name, whole, as a person writes it in a list: 'van der Berg, Jan',
    'King, Martin Luther, Jr.', 'Beethoven, Ludwig van'; an organisation as it is
    (in braces when it holds a comma, so that it is not read as family and given)."""
    if not isinstance(name, dict):
        return str(name) if isinstance(name, str) else ""
    if is_et_al_name(name):
        return ""
    literal = _part(name, "literal")
    if literal:
        return f"{{{literal}}}" if "," in literal else literal
    family = _with_particle(name)
    given = " ".join(p for p in (_part(name, "given"), _part(name, "dropping-particle")) if p)
    return ", ".join(p for p in (family, given, _part(name, "suffix")) if p)


def has_et_al(item: Mapping[str, Any], role: str = "author") -> bool:
    """Whether the item's list of `role` ends in "and others" (BibTeX's et al.)."""
    custom = item.get("custom")
    roles = custom.get(ET_AL) if isinstance(custom, dict) else None
    names = item.get(role)
    return (isinstance(roles, list) and role in roles) or (
        isinstance(names, list) and any(map(is_et_al_name, names))
    )


def names_line(item: Mapping[str, Any], role: str = "author") -> str:
    """'Adamson, Fiona B.; Tsourapas, Gerasimos; et al.' (the workbook's Authors column)."""
    names = item.get(role)
    texts = [name_text(n) for n in names if isinstance(n, dict)] if isinstance(names, list) else []
    texts = [t for t in texts if t]
    if texts and has_et_al(item, role):
        texts.append("et al.")
    return "; ".join(texts)


def _role(item: Mapping[str, Any]) -> str:
    """The role a citation names: the authors, or the editors of a work without any."""
    for role in ("author", "editor"):
        names = item.get(role)
        if isinstance(names, list) and any(map(_family, names)):
            return role
    return "author"


def _names(item: Mapping[str, Any]) -> list[Any]:
    names = item.get(_role(item))
    return names if isinstance(names, list) else []


def first_author(item: Mapping[str, Any]) -> str:
    """The first name `author_date` writes (a name without one is passed over)."""
    return next((f for f in map(_family, _names(item)) if f), "")


def _families(item: Mapping[str, Any]) -> tuple[list[str], bool]:
    """The names a citation shows (the authors, or the editors of a work without any)
    and whether it shortens them to et al.; one pass over the names."""
    for role in ("author", "editor"):
        names = item.get(role)
        families = [f for f in map(_family, names) if f] if isinstance(names, list) else []
        if families:
            return families, len(families) > 2 or has_et_al(item, role)
    return [], False


def _who(item: Mapping[str, Any], both: str, named: tuple[list[str], bool] | None = None) -> str:
    families, et_al = named or _families(item)
    if not families:
        return str(item.get("title") or "Anon.")
    if et_al:
        return f"{families[0]} et al."
    return f" {both} ".join(families)


def author_date(item: Mapping[str, Any]) -> str:
    """'Greenhill 2010', 'Adamson and Tsourapas 2019', 'Lavenex et al. 2016',
    'van der Berg 2019' (the label lists and pickers show)."""
    year = year_of(dict(item))
    return f"{_who(item, 'and')} {year if year else 'n.d.'}"


def apa_author_date(item: Mapping[str, Any], label: str = "") -> str:
    """The same work in APA's in-text form: 'Fernández-Molina & Tsourapas, 2025',
    'Greenhill, 2010b' when `label` (its author-date label) carries a letter."""
    named = _families(item)
    found = year_of(dict(item))
    year = str(found) if found else "n.d."
    plain = f"{_who(item, 'and', named)} {year}"
    if label.startswith(plain) and label != plain:
        year += label[len(plain) :]
    return f"{_who(item, '&', named)}, {year}"


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
    written = doi_as_written(str(item.get("DOI") or doi or ""))
    doi = written.lower()
    if doi:
        # kept as written ('10.1093/ISP/eky015'); the `doi` column holds the matching form
        item["DOI"] = written
    return {
        "citation_key": citation_key,
        "doi": doi,
        "csl": json.dumps(item, ensure_ascii=False, sort_keys=True),
        "title": str(item.get("title", "")),
        "year": year_of(item),
        "first_author": first_author(item),
    }
