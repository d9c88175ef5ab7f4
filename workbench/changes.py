"""The one vocabulary of change: what a command touched, as typed events.

A command records raw `Change`s (table, operation, key, the values an update wrote):
undo needs rows. `events_from` turns one command's changes into the events views
follow (a case added, a cell changed, the evidence of some cases changed…), once, in
the core; the desktop application only re-emits them as signals. A new kind of data (a
relation, a slice, a document) is one event class here and one rule in `events_from`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Change:
    """What a command touched: a table, an operation, the row's key and, for an update
    that knows them, the values the row now holds (so a view can show them without
    reading the row back)."""

    entity: str
    op: str  # "insert" | "update" | "delete"
    key: tuple
    values: Mapping[str, Any] | None = field(default=None, compare=False)


class ChangeEvent:
    """Base of the events; `args` are its fields in order (what a signal carries)."""

    def args(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]


@dataclass(frozen=True)
class FrameworkChanged(ChangeEvent):
    """A mechanism of the project's own was added or removed."""


@dataclass(frozen=True)
class CaseRemoved(ChangeEvent):
    case_id: int


@dataclass(frozen=True)
class CaseAdded(ChangeEvent):
    case_id: int


@dataclass(frozen=True)
class CaseEdited(ChangeEvent):
    """Its title, label, period, region, summary, tags, objectives or actors."""

    case_id: int


@dataclass(frozen=True)
class CellChanged(ChangeEvent):
    """A quadrant's score, confidence, effects or memo. `values`: the columns written
    (None: read the row)."""

    case_id: int
    power_type: str
    values: Mapping[str, Any] | None


@dataclass(frozen=True)
class CodingChanged(ChangeEvent):
    """A mechanism's strength or memo in a case. `values` as for a cell."""

    case_id: int
    mechanism_id: str
    values: Mapping[str, Any] | None


@dataclass(frozen=True)
class OverlapsChanged(ChangeEvent):
    case_id: int


@dataclass(frozen=True)
class EvidenceChanged(ChangeEvent):
    """Evidence links of these cases changed (None: of any case, e.g. a source removed)."""

    case_ids: frozenset[int] | None


@dataclass(frozen=True)
class ExcerptsEdited(ChangeEvent):
    """Excerpts added, removed, or with their text or fields changed."""

    excerpt_ids: frozenset[int]


@dataclass(frozen=True)
class SourceCountsChanged(ChangeEvent):
    """Excerpts added, removed or moved to another source: the sources' counts."""


@dataclass(frozen=True)
class SourcesChanged(ChangeEvent):
    pass


@dataclass(frozen=True)
class ActorsChanged(ChangeEvent):
    """An actor's name, category or North/South."""


@dataclass(frozen=True)
class VotesChanged(ChangeEvent):
    """Workshop votes recorded or removed in these cases."""

    case_ids: frozenset[int]


CASE_PARTS = frozenset({"case_tag", "case_gcm_objective", "case_actor"})


def events_from(changes: Sequence[Change]) -> list[ChangeEvent]:
    """The events of one command's changes, in the order views should follow them:
    the framework first, then removed, added and edited cases, then the parts of cases
    that remain. A case added and removed in one command is neither; its parts are not
    reported."""
    added: list[int] = []
    removed: list[int] = []
    touched: list[int] = []
    cells: dict[tuple[int, str], Any] = {}
    codings: dict[tuple[int, str], Any] = {}
    overlaps: set[int] = set()
    evidence: set[int] | None = set()
    edited: set[int] = set()
    votes: set[int] = set()
    sources = counts = actors = framework = False
    for change in changes:
        entity, key = change.entity, change.key
        if entity == "study_case":
            target = {"insert": added, "delete": removed}.get(change.op, touched)
            target.append(key[0])
        elif entity in CASE_PARTS:
            touched.append(key[0])
        elif entity == "matrix_cell":
            cells[(key[0], key[1])] = _merge(cells.get((key[0], key[1]), {}), change)
        elif entity == "mechanism_coding":
            codings[(key[0], key[1])] = _merge(codings.get((key[0], key[1]), {}), change)
        elif entity == "mechanism_overlap" and change.values:
            overlaps.add(change.values["case_id"])
        elif entity == "evidence_link":
            if evidence is not None:
                evidence.add(key[1])
        elif entity == "excerpt":
            edited.add(key[0])  # shown again where it is listed
            values = change.values
            if change.op == "update" and values is not None:
                counts |= bool({"source_id", "underlying_source_id"} & set(values))
            else:  # added or removed (its links come as their own changes)
                counts = True
        elif entity == "source":
            sources = True
            evidence = None
        elif entity == "actor":
            actors = True
        elif entity == "mechanism":
            framework = True
        elif entity == "vote" and change.values:
            votes.add(change.values["case_id"])

    events: list[ChangeEvent] = []
    if framework:
        events.append(FrameworkChanged())
    events.extend(CaseRemoved(c) for c in dict.fromkeys(removed))
    events.extend(CaseAdded(c) for c in dict.fromkeys(added) if c not in removed)
    events.extend(
        CaseEdited(c) for c in dict.fromkeys(touched) if c not in removed and c not in added
    )
    gone = set(removed) | set(added)
    events.extend(
        CellChanged(case_id, power_type, values)
        for (case_id, power_type), values in cells.items()
        if case_id not in gone
    )
    events.extend(
        CodingChanged(case_id, mechanism_id, values)
        for (case_id, mechanism_id), values in codings.items()
        if case_id not in gone
    )
    events.extend(OverlapsChanged(c) for c in sorted(overlaps - gone))
    if evidence is None or evidence - gone:
        events.append(EvidenceChanged(None if evidence is None else frozenset(evidence - gone)))
    if edited:
        events.append(ExcerptsEdited(frozenset(edited)))
    if counts and not sources:
        events.append(SourceCountsChanged())
    if sources:
        events.append(SourcesChanged())
    if actors:
        events.append(ActorsChanged())
    if votes:
        events.append(VotesChanged(frozenset(votes - gone)))
    return events


def _merge(before: Any, change: Change) -> Any:
    """Several updates of one row in one command: later values win; any update that did
    not report its values (or a delete/insert) means 'read the row'."""
    if before is None or change.values is None or change.op != "update":
        return None
    return {**before, **change.values}
