"""Cells holding a list, read back in one canonical form.

Tags ("border; funding"), GCM objectives ("1, 7, 23") and a quadrant's effects
("capacities, interests") are compared as sets: a co-author who only reorders or
re-spaces a list changed nothing. A value that cannot be read raises `ValueError`
with a message saying what is wrong; the caller locates it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.framework import EFFECTS

GCM_OBJECTIVES = range(1, 24)
_TAG_SPLIT = re.compile(r"[;\n]")
_LIST_SPLIT = re.compile(r"[,;\n]")


def tags_text(tags: Iterable[str]) -> str:
    return "; ".join(sorted({t.strip() for t in tags if t.strip()}))


def parse_tags(text: str) -> list[str]:
    return sorted({t.strip() for t in _TAG_SPLIT.split(text) if t.strip()})


def canonical_tags(text: str) -> str:
    return tags_text(parse_tags(text))


def objectives_text(objectives: Iterable[int]) -> str:
    return ", ".join(str(o) for o in sorted(set(objectives)))


def parse_objectives(text: str) -> list[int]:
    found: set[int] = set()
    for token in re.split(r"[,;\s]+", text.strip()):
        if not token:
            continue
        if not token.isdigit() or int(token) not in GCM_OBJECTIVES:
            raise ValueError(
                f"{token!r} is not a GCM objective (whole numbers 1 to 23, separated by commas)"
            )
        found.add(int(token))
    return sorted(found)


def canonical_objectives(text: str) -> str:
    return objectives_text(parse_objectives(text))


def effects_text(effects: Iterable[str]) -> str:
    chosen = set(effects)
    return ", ".join(e for e in EFFECTS if e in chosen)


def parse_effects(text: str, labels: dict[str, str] | None = None) -> list[str]:
    """Effects by id or by label ("Capacities"), in the framework's order."""
    names = {e: e for e in EFFECTS}
    names.update({label.casefold(): e for label, e in (labels or {}).items()})
    found: set[str] = set()
    for token in _LIST_SPLIT.split(text):
        word = token.strip()
        if not word:
            continue
        effect = names.get(word.casefold())
        if effect is None:
            raise ValueError(
                f"{word!r} is not an effect; use {', '.join(EFFECTS)} (separated by commas)"
            )
        found.add(effect)
    return [e for e in EFFECTS if e in found]


def canonical_effects(text: str, labels: dict[str, str] | None = None) -> str:
    return effects_text(parse_effects(text, labels))
