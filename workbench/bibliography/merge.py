"""Planning an import against a project: what is new, what updates an existing source,
what is unchanged, and what duplicates another entry of the same file.

Sources match on citation key, then DOI, then title + year + first author. Inside one
file, the same DOI or title + year + first author is a duplicate; the same key on another
work is not: that work gets a key of its own. Ids that are addresses (Zotero item URIs)
are no citation keys: a key is made from author, year and title instead.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from workbench.bibliography.model import ParsedReference, ParseResult, Skipped
from workbench.csl import doi_as_written, first_author, normalize_doi, year_of
from workbench.csl_types import storable_item
from workbench.storage.store import Store

_KEY_CHARS = re.compile(r"[^A-Za-z0-9_:.\-]+")


@dataclass(frozen=True)
class Update:
    source_id: int
    citation_key: str  # the project's key is kept
    reference: ParsedReference
    changed: tuple[str, ...]
    csl: dict[str, Any]


@dataclass
class ImportPlan:
    new: list[tuple[str, ParsedReference]] = field(default_factory=list)  # (key, reference)
    updates: list[Update] = field(default_factory=list)
    unchanged: list[ParsedReference] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.new) + len(self.updates)

    def summary(self) -> str:
        return (
            f"{len(self.new)} new, {len(self.updates)} updated, {len(self.unchanged)} "
            f"unchanged, {len(self.skipped)} skipped"
        )


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"\W+", " ", plain).strip()


def _same(field: str, old: Any, new: Any) -> bool:
    if field == "DOI":  # stored lower-case before DOIs were kept as written
        return normalize_doi(str(old or "")) == normalize_doi(str(new))
    return old == new


def identity(csl: dict[str, Any]) -> tuple[str, int | None, str]:
    return (_fold(str(csl.get("title", ""))), year_of(csl), _fold(first_author(csl)))


def make_key(csl: dict[str, Any], taken: set[str]) -> str:
    """'greenhill2010weapons' (then a, b, … if taken)."""
    author = _fold(first_author(csl)).split(" ")[-1] if first_author(csl) else "anon"
    word = next((w for w in _fold(str(csl.get("title", ""))).split() if len(w) > 3), "ref")
    base = _KEY_CHARS.sub("", f"{author}{year_of(csl) or ''}{word}") or "ref"
    key, n = base, 0
    while key.lower() in taken:
        key = f"{base}{chr(ord('a') + n % 26)}{n // 26 or ''}"
        n += 1
    return key


def is_address(key: str) -> bool:
    """Zotero item addresses ('http://zotero.org/users/…/items/ABCD1234', '1234/ABCD1234'),
    DOIs and other URIs used as ids: they identify a record but make no citation key."""
    return "/" in key or key.lower().startswith(("urn:", "doi:", "info:"))


def plan_import(store: Store, result: ParseResult) -> ImportPlan:
    plan = ImportPlan(skipped=list(result.skipped), warnings=list(result.warnings))
    existing = store.select("source")
    by_key = {s["citation_key"].lower(): s for s in existing}
    by_doi = {s["doi"]: s for s in existing if s["doi"]}
    by_identity = {}
    for s in existing:
        by_identity.setdefault(identity(json.loads(s["csl"])), s)
    taken = set(by_key)
    seen_in_file: dict[str, int] = {}
    addresses = 0
    for ref in result.references:
        if ref.key and is_address(ref.key):
            # a key is made from author, year and title instead, like Better BibTeX does
            addresses += 1
            ref = ParsedReference("", ref.csl, ref.line)
        doi = normalize_doi(str(ref.csl.get("DOI", "")))
        ident = identity(ref.csl)
        marks = [m for m in (f"doi:{doi}" if doi else "", f"id:{ident}" if ident[0] else "") if m]
        duplicate = next((seen_in_file[m] for m in marks if m in seen_in_file), None)
        if duplicate is not None:
            plan.skipped.append(
                Skipped(ref.line, ref.key, f"the same reference as line {duplicate} of this file")
            )
            continue
        key_mark = f"key:{ref.key.lower()}"
        if ref.key and key_mark in seen_in_file:
            # another work under a key the file already used: kept, under a key of its own
            plan.warnings.append(
                f"line {ref.line}: citation key {ref.key!r} is also used on line "
                f"{seen_in_file[key_mark]} for another reference; this one gets a key of its own"
            )
            ref = ParsedReference("", ref.csl, ref.line)
        for m in [*marks, key_mark] if ref.key else marks:
            seen_in_file[m] = ref.line
        match = (
            (by_key.get(ref.key.lower()) if ref.key else None)
            or (by_doi.get(doi) if doi else None)
            or by_identity.get(ident)
        )
        if match is None:
            key = ref.key if ref.key and ref.key.lower() not in taken else make_key(ref.csl, taken)
            key = _KEY_CHARS.sub("", key) or make_key(ref.csl, taken)
            if ref.key and key != ref.key:
                plan.warnings.append(f"line {ref.line}: citation key {ref.key!r} became {key!r}")
            taken.add(key.lower())
            plan.new.append((key, ref))
            continue
        old = storable_item(json.loads(match["csl"]))
        old.pop("id", None)
        incoming = dict(ref.csl)
        if doi:
            incoming["DOI"] = doi_as_written(str(incoming["DOI"]))
        # Fields the file leaves out are kept: an export with fewer fields never erases data.
        changed = tuple(sorted(k for k in incoming if not _same(k, old.get(k), incoming[k])))
        if changed:
            merged = {**old, **incoming}
            plan.updates.append(Update(match["id"], match["citation_key"], ref, changed, merged))
        else:
            plan.unchanged.append(ref)
    if addresses:
        plan.warnings.append(
            f"{addresses} record(s) had an address (URI or item path) as id instead of a "
            "citation key; their keys were made from author, year and title."
        )
    return plan
