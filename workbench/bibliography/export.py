"""Writing a bibliography: BibTeX (UTF-8, through bibtexparser's writer) and CSL-JSON."""

from __future__ import annotations

import json
import re
from typing import Any

import bibtexparser
from bibtexparser.model import Entry, Field

from workbench.bibliography.bibtex import TYPES as BIBTEX_TO_CSL
from workbench.csl import has_et_al, is_et_al_name

CSL_TO_BIBTEX = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "entry-encyclopedia": "incollection",
    "paper-conference": "inproceedings",
    "report": "techreport",
    "thesis": "phdthesis",
    "webpage": "online",
    "post-weblog": "online",
    "manuscript": "unpublished",
    "dataset": "misc",
    "software": "misc",
    "patent": "patent",
    "legislation": "misc",
    "legal_case": "misc",
    "document": "misc",
}
# Who published a report or a thesis has its own BibTeX field
PUBLISHER_FIELD = {"techreport": "institution", "phdthesis": "school"}
_SPECIAL = re.compile(r"(?<!\\)([&%#$_])")  # LaTeX would read them as commands or math


def _escape(value: str) -> str:
    value = _SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    depth, out = 0, []
    for ch in value:  # drop braces that would unbalance the field
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                continue
            depth -= 1
        out.append(ch)
    return "".join(out) + "}" * depth


_WORD = re.compile(r"(?<![\\\w{])[^\W_]+")


def _protect_case(value: str) -> str:
    """Braces around the words with a capital letter ("the {EU} and {Turkey}"), but
    the title's first word when only its first letter is capital: BibTeX styles that
    lower-case titles leave those alone. A title already holding braces or LaTeX is
    kept as it is."""
    if "{" in value or "\\" in re.sub(r"\\[&%#$_]", "", value):
        return value

    def protect(m: re.Match[str]) -> str:
        word = m[0]
        if word == word.lower() or (m.start() == 0 and word[1:] == word[1:].lower()):
            return word  # no capital, or only the title's first letter
        return f"{{{word}}}"

    return _WORD.sub(protect, value)


def _family(n: dict[str, Any]) -> str:
    """'van der Berg' as BibTeX reads a particle; a family name of several words with a
    lower-case one inside ('Hernando de Larramendi') braced, so that BibTeX keeps it whole."""
    family = _escape(str(n.get("family") or ""))
    if any(w[:1].islower() for w in family.split()[1:]):
        family = f"{{{family}}}"
    particle = _escape(str(n.get("non-dropping-particle") or ""))
    return f"{particle} {family}".strip()


def _names(names: Any, et_al: bool = False) -> str:
    out = []
    for n in names if isinstance(names, list) else []:
        if not isinstance(n, dict) or is_et_al_name(n):
            continue
        if n.get("literal"):
            out.append("{" + _escape(n["literal"]) + "}")
            continue
        given = " ".join(str(n[k]) for k in ("given", "dropping-particle") if n.get(k))
        suffix = n.get("suffix", "")
        parts = (
            [_family(n)]
            + ([_escape(suffix)] if suffix else [])
            + ([_escape(given)] if given else [])
        )
        out.append(", ".join(parts))
    if out and et_al:
        out.append("others")  # BibTeX's et al.
    return " and ".join(out)


def csl_to_bibtex_fields(csl: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    kind = CSL_TO_BIBTEX.get(str(csl.get("type", "document")), "misc")
    fields: list[tuple[str, str]] = []

    def add(name: str, value: Any) -> None:
        if value not in (None, "", []):
            fields.append((name, _escape(str(value))))

    for role in ("author", "editor", "translator"):
        names = _names(csl.get(role), has_et_al(csl, role))
        if names:
            fields.append((role, names))
    if csl.get("title"):
        fields.append(("title", _protect_case(_escape(str(csl["title"])))))
    container = csl.get("container-title")
    if kind == "article":
        add("journal", container)
    elif container:
        fields.append(("booktitle", _protect_case(_escape(str(container)))))
    issued = (
        (csl.get("issued") or {}).get("date-parts", [[]])
        if isinstance(csl.get("issued"), dict)
        else [[]]
    )
    parts = issued[0] if issued and isinstance(issued[0], list) else []
    if parts:
        add("year", parts[0])
        if len(parts) > 1:
            add("month", parts[1])
    for key, name in (
        ("volume", "volume"),
        ("issue", "number"),
        ("number", "number"),
        ("publisher", PUBLISHER_FIELD.get(kind, "publisher")),
        ("publisher-place", "address"),
        ("edition", "edition"),
        ("collection-title", "series"),
        ("ISBN", "isbn"),
        ("ISSN", "issn"),
        ("note", "note"),
        ("genre", "type"),
        ("abstract", "abstract"),
    ):
        if not any(f[0] == name for f in fields):
            add(name, csl.get(key))
    if csl.get("page"):
        add("pages", str(csl["page"]).replace("-", "--").replace("–", "--"))
    if csl.get("DOI"):
        fields.append(("doi", str(csl["DOI"])))
    if csl.get("URL"):
        fields.append(("url", str(csl["URL"])))
    return kind, fields


def to_bibtex(items: list[tuple[str, dict[str, Any]]]) -> str:
    """[(citation key, CSL item)] -> BibTeX text (UTF-8)."""
    library = bibtexparser.Library()
    for key, csl in items:
        kind, fields = csl_to_bibtex_fields(csl)
        library.add(Entry(kind, key, [Field(name, value) for name, value in fields]))
    return bibtexparser.write_string(library)


def to_csl_json(items: list[tuple[str, dict[str, Any]]]) -> str:
    out = []
    for key, csl in items:
        item = {k: v for k, v in csl.items() if k != "id"}
        out.append({"id": key, **item})
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


__all__ = ["BIBTEX_TO_CSL", "to_bibtex", "to_csl_json"]
