"""Controlled vocabularies (actor categories, GCM objectives, GCIM principles...) as data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from workbench.errors import FrameworkError
from workbench.resources import vocabularies_path
from workbench.validation import Reader


@dataclass(frozen=True)
class Term:
    id: str
    label: str


@dataclass(frozen=True)
class Vocabularies:
    actor_categories: tuple[Term, ...]
    north_south: tuple[Term, ...]
    actor_roles: tuple[Term, ...]
    evidence_types: tuple[Term, ...]
    gcm_objectives: tuple[Term, ...]
    gcim_principles: tuple[Term, ...]
    diaspora_explanations: tuple[Term, ...]

    def label(self, vocabulary: str, term_id: str) -> str:
        for term in getattr(self, vocabulary):
            if term.id == term_id:
                return term.label
        return term_id

    def ids(self, vocabulary: str) -> set[str]:
        return {t.id for t in getattr(self, vocabulary)}


@lru_cache(maxsize=4)
def load_vocabularies(path: Path | None = None) -> Vocabularies:
    """Load and validate the vocabularies file; raise FrameworkError naming file and key."""
    path = Path(path) if path else vocabularies_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FrameworkError(path, "(file)", f"cannot be read: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise FrameworkError(path, "(file)", f"is not valid JSON: {exc}") from exc
    r = Reader(path)
    if r.get(data, "format", str, "") != "migration-power-vocabularies":
        raise r.fail("format", "expected 'migration-power-vocabularies'")

    def flat(key: str) -> tuple[Term, ...]:
        return tuple(
            Term(r.get(t, "id", str, f"{key}[{i}]"), r.get(t, "label", str, f"{key}[{i}]"))
            for i, t in enumerate(r.items(data, key, ""))
        )

    def numbered(key: str, expected: int) -> tuple[Term, ...]:
        block = r.get(data, key, dict, "")
        items = r.items(block, "items", key)
        terms = []
        for i, t in enumerate(items):
            number = r.get(t, "number", int, f"{key}.items[{i}]")
            if number != i + 1:
                raise r.fail(f"{key}.items[{i}].number", f"expected {i + 1}, found {number}")
            terms.append(Term(str(number), r.get(t, "label", str, f"{key}.items[{i}]")))
        if len(terms) != expected:
            raise r.fail(f"{key}.items", f"expected {expected} items, found {len(terms)}")
        return tuple(terms)

    explanations = r.get(data, "diaspora_explanations", dict, "")
    return Vocabularies(
        actor_categories=flat("actor_categories"),
        north_south=flat("north_south"),
        actor_roles=flat("actor_roles"),
        evidence_types=flat("evidence_types"),
        gcm_objectives=numbered("gcm_objectives", 23),
        gcim_principles=numbered("gcim_principles", 6),
        diaspora_explanations=tuple(
            Term(
                r.get(t, "id", str, f"diaspora_explanations.items[{i}]"),
                r.get(t, "label", str, f"diaspora_explanations.items[{i}]"),
            )
            for i, t in enumerate(r.items(explanations, "items", "diaspora_explanations"))
        ),
    )
