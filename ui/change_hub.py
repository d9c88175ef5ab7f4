"""ChangeHub: re-emits the core's change events (`workbench.changes`) as Qt signals, so
every view refreshes only the part a change concerns (a score key press repaints one
quadrant and one case-list row, and reads nothing back from the file). What an event
means is decided in the core; a new kind of data is one event there and one signal here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from workbench.changes import (
    ActorsChanged,
    CaseAdded,
    CaseEdited,
    CaseRemoved,
    CellChanged,
    ChangeEvent,
    CodingChanged,
    EvidenceChanged,
    ExcerptsEdited,
    FrameworkChanged,
    OverlapsChanged,
    SourceCountsChanged,
    SourcesChanged,
    VotesChanged,
)
from workbench.project import Project


class ChangeHub(QObject):
    """One per open project. Signals carry the events' fields; `values` is the dict of
    columns an update wrote (None when the command did not say, and the view must read
    the row)."""

    case_added = Signal(int)  # case id
    case_removed = Signal(int)
    case_changed = Signal(int)  # title, period, tags, actors, objectives…
    cell_changed = Signal(int, str, object)  # case id, power type id, values | None
    coding_changed = Signal(int, str, object)  # case id, mechanism id, values | None
    overlaps_changed = Signal(int)  # case id
    evidence_changed = Signal(object)  # frozenset of case ids, or None: any case
    excerpts_edited = Signal(object)  # frozenset of excerpt ids whose text or fields changed
    source_counts_changed = Signal()  # excerpts added, removed or moved to another source
    sources_changed = Signal()
    actors_changed = Signal()  # an actor's name, category or North/South
    framework_changed = Signal()  # custom mechanisms added or removed
    votes_changed = Signal(object)  # frozenset of case ids
    changed = Signal(object)  # every command's events, for views that follow everything

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._signals = {
            FrameworkChanged: self.framework_changed,
            CaseRemoved: self.case_removed,
            CaseAdded: self.case_added,
            CaseEdited: self.case_changed,
            CellChanged: self.cell_changed,
            CodingChanged: self.coding_changed,
            OverlapsChanged: self.overlaps_changed,
            EvidenceChanged: self.evidence_changed,
            ExcerptsEdited: self.excerpts_edited,
            SourceCountsChanged: self.source_counts_changed,
            SourcesChanged: self.sources_changed,
            ActorsChanged: self.actors_changed,
            VotesChanged: self.votes_changed,
        }
        self._unsubscribe: Callable[[], None] | None = project.subscribe(self._on_events)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_events(self, events: Sequence[ChangeEvent]) -> None:
        for event in events:
            self._signals[type(event)].emit(*event.args())
        self.changed.emit(list(events))
