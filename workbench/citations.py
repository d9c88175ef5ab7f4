"""Citations: full references with citeproc-py and a bundled author-date CSL style,
in-text citations in APA's form ("Greenhill, 2010, p. 12") and pandoc citations
("[@greenhill2010, p. 12]") for pasting evidence into a manuscript.
"""

from __future__ import annotations

import json
import re
import threading
import warnings
from collections.abc import Mapping
from functools import lru_cache
from html import escape
from typing import Any

from workbench.csl import apa_author_date, author_date, has_et_al, is_et_al_name
from workbench.resources import citation_style_path

_LOCATOR_TERMS = re.compile(
    r"^\s*(p|pp|page|pages|para|paras|paragraph|sec|section|chap|chapter|fig|figure|"
    r"fn|footnote|n|note|col|line|vol|table|§)\b\.?",
    re.IGNORECASE,
)
_lock = threading.Lock()
_ET_AL_NAME = "et al."  # given to the style as a last name of a list that ends in "and others"


@lru_cache(maxsize=1)
def _style() -> Any:
    from citeproc import CitationStylesStyle

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(citation_style_path()), validate=False)


def format_references(
    items: list[dict[str, Any]], labels: Mapping[str, str] | None = None, *, html: bool = False
) -> dict[str, str]:
    """{citation key: formatted reference} in the bundled style: plain text, or HTML with
    the style's italics (`html=True`, for the preview and the clipboard's rich text).
    `labels` (by citation key) are the works' author-date labels where the project
    tells works of one author and year apart: their letter goes after the year."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    cleaned = [_for_citeproc(item) for item in items if item.get("id")]
    if not cleaned:
        return {}
    # citeproc-py's HTML writer takes text as it is: '&' and '<' are escaped before
    given = [_escaped(item) for item in cleaned] if html else cleaned
    out: dict[str, str] = {}
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            source = CiteProcJSON(given)
            style = formatter.html if html else formatter.plain
            bibliography = CitationStylesBibliography(_style(), source, style)
            for item in cleaned:
                bibliography.register(Citation([CitationItem(item["id"].lower())]))
            keys = [k for k in bibliography.keys]
            for key, entry in zip(keys, bibliography.bibliography(), strict=False):
                out[key] = _tidy(" ".join(str(entry).split()))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            out = {}
    by_lower = {item["id"].lower(): item["id"] for item in cleaned}
    result = {by_lower.get(k, k): v for k, v in out.items()}
    for item in cleaned:  # anything citeproc could not format gets a plain fallback
        if item["id"] not in result:
            plain = fallback_reference(item)
            result[item["id"]] = escape(plain, quote=False) if html else plain
    for item in cleaned:
        label = (labels or {}).get(item["id"], "")
        reference = with_year_suffix(result[item["id"]], item, label)
        if not item.get("author") and item.get("editor"):
            reference = _REPEATED_EDITORS.sub("", reference, count=1)
        result[item["id"]] = reference
    return result


# "Is it cooperation?." and "“… cooperation?”.": the style adds its period after a title
# that already ends a sentence
_DOUBLE_STOP = re.compile(r"([?!])((?:</i>)?[”’\"]?(?:</i>)?)\.(?=\s|$)")
# an "and others" list: the style puts its '&' before the et al. it was given as a name
_AND_ET_AL = re.compile(r",?\s*(?:&amp;|&)\s*" + re.escape(_ET_AL_NAME))


# APA writes the editors' role capitalised: "(Ed.)", "(Eds.)"
_EDITOR_ROLE = re.compile(r"(\(|, )(ed|eds)\.\)")
# an edited book names its editors first, so the style's "(A. Smith, ed.)" after the title
# repeats them: the style's substitution is one citeproc-py does not carry out
_REPEATED_EDITORS = re.compile(r" \([^()]*, Eds?\.\)(?=\.)")


def _tidy(reference: str) -> str:
    reference = _AND_ET_AL.sub(", " + _ET_AL_NAME, reference)
    reference = _EDITOR_ROLE.sub(lambda m: f"{m[1]}{m[2].capitalize()}.)", reference)
    return _DOUBLE_STOP.sub(r"\1\2", reference)


def format_reference(item: dict[str, Any], label: str = "", *, html: bool = False) -> str:
    key = item.get("id", "")
    found = format_references([item], {key: label} if label else None, html=html).get(key)
    if found is not None:
        return found
    plain = with_year_suffix(fallback_reference(item), item, label)
    return escape(plain, quote=False) if html else plain


def with_year_suffix(reference: str, item: dict[str, Any], label: str) -> str:
    """'Greenhill, K. M. (2010). …' -> '… (2010a). …' when the label carries a letter."""
    plain = author_date(item)
    if not label.startswith(plain) or label == plain:
        return reference
    suffix = label[len(plain) :]
    year = plain.rsplit(" ", 1)[-1]  # "2010" or "n.d."
    date = re.search(rf"\({re.escape(year)}(?=[),])", reference)  # "(2010)", "(2010, May 3)"
    if date:
        return reference[: date.end()] + suffix + reference[date.end() :]
    if reference.startswith(plain):  # the plain fallback: "Greenhill 2010. Title."
        return label + reference[len(plain) :]
    return reference


def _for_citeproc(item: dict[str, Any]) -> dict[str, Any]:
    """citeproc-py is strict about shapes: keep only well-formed dates and names."""
    clean = json.loads(json.dumps(item))
    for key in ("issued", "accessed"):
        parts = (
            (clean.get(key) or {}).get("date-parts") if isinstance(clean.get(key), dict) else None
        )
        if not (
            isinstance(parts, list)
            and parts
            and isinstance(parts[0], list)
            and all(isinstance(p, int) for p in parts[0])
        ):
            clean.pop(key, None)
    for role in ("author", "editor", "translator"):
        names = clean.get(role)
        if names is not None:
            clean[role] = [
                n
                for n in names
                if isinstance(n, dict)
                and any(isinstance(n.get(k), str) for k in ("family", "literal"))
                and not is_et_al_name(n)
            ]
            if clean[role] and has_et_al(item, role):
                clean[role].append({"literal": _ET_AL_NAME})
    clean.pop("custom", None)  # the style has no use for it, and the et al. mark is spent
    clean.setdefault("type", "document")
    return clean


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("id", "type") else _escaped(v) for k, v in value.items()}
    return value


def fallback_reference(item: dict[str, Any]) -> str:
    parts = [author_date(item) + "."]
    if item.get("title"):
        parts.append(f"{item['title']}.")
    if item.get("container-title"):
        parts.append(f"{item['container-title']}.")
    if item.get("DOI"):
        parts.append(f"https://doi.org/{item['DOI']}")
    return " ".join(parts)


def short_citation(item: dict[str, Any], locator: str = "", label: str = "") -> str:
    """The in-text citation in APA's form: 'Fernández-Molina & Tsourapas, 2025, p. 4';
    `label` is the work's author-date label when the project tells it apart from
    another ("Greenhill 2010a" gives 'Greenhill, 2010a')."""
    return with_locator(apa_author_date(item, label), locator)


def with_locator(cite: str, locator: str = "") -> str:
    """An author-date citation with its locator after it ('…, 2025, p. 4')."""
    locator = locator.strip()
    if not locator:
        return cite
    if _LOCATOR_TERMS.match(locator):
        return f"{cite}, {locator}"
    if re.fullmatch(r"\d+(\s*[-–]\s*\d+)?", locator):
        return f"{cite}, {'pp.' if re.search('[-–]', locator) else 'p.'} {locator}"
    return f"{cite}, {locator}"


def pandoc_citation(key: str, locator: str = "") -> str:
    """'[@key, p. 12]'; a locator pandoc would not recognise goes in braces."""
    locator = locator.strip()
    if not locator:
        return f"[@{key}]"
    if re.fullmatch(r"\d+(\s*[-–]\s*\d+)?", locator):
        locator = f"{'pp.' if re.search('[-–]', locator) else 'p.'} {locator}"
    if _LOCATOR_TERMS.match(locator) and not re.search(r"[\[\];{}]", locator):
        return f"[@{key}, {locator}]"
    safe = locator.replace("{", "(").replace("}", ")")
    return f"[@{key}, {{{safe}}}]"
