"""ChangeHub: turns each command's change list into typed signals, so that every view
refreshes only the part a change concerns (a score key press repaints one quadrant
and one case-list row, and reads nothing back from the file)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from workbench.commands import Change
from workbench.project import Project

CASE_PARTS = ("case_tag", "case_gcm_objective", "case_actor")


class ChangeHub(QObject):
    """One per open project. Signals carry named keys; `values` is the dict of columns an
    update wrote (None when the command did not say, and the view must read the row)."""

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
    changed = Signal(object)  # the raw list, for views that want everything

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._unsubscribe: Callable[[], None] | None = project.subscribe(self._on_project_changed)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_project_changed(self, changes: list[Change]) -> None:
        added: list[int] = []
        removed: list[int] = []
        touched: list[int] = []
        cells: dict[tuple[int, str], object] = {}
        codings: dict[tuple[int, str], object] = {}
        overlaps: set[int] = set()
        evidence: set[int] | None = set()
        edited: set[int] = set()
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
                values = change.values
                if change.op == "update" and values is not None:
                    edited.add(key[0])  # shown again where it is listed
                    counts |= bool({"source_id", "underlying_source_id"} & set(values))
                else:  # added or removed (its links come as their own changes)
                    edited.add(key[0])
                    counts = True
            elif entity == "source":
                sources = True
                evidence = None
            elif entity == "actor":
                actors = True
            elif entity == "mechanism":
                framework = True
        if framework:
            self.framework_changed.emit()
        for case_id in dict.fromkeys(removed):
            self.case_removed.emit(case_id)
        for case_id in dict.fromkeys(added):
            if case_id not in removed:
                self.case_added.emit(case_id)
        for case_id in dict.fromkeys(touched):
            if case_id not in removed and case_id not in added:
                self.case_changed.emit(case_id)
        gone = set(removed) | set(added)
        for (case_id, power_type), values in cells.items():
            if case_id not in gone:
                self.cell_changed.emit(case_id, power_type, values)
        for (case_id, mechanism_id), values in codings.items():
            if case_id not in gone:
                self.coding_changed.emit(case_id, mechanism_id, values)
        for case_id in overlaps - gone:
            self.overlaps_changed.emit(case_id)
        if evidence is None or evidence - gone:
            self.evidence_changed.emit(None if evidence is None else frozenset(evidence - gone))
        if edited:
            self.excerpts_edited.emit(frozenset(edited))
        if counts and not sources:
            self.source_counts_changed.emit()
        if sources:
            self.sources_changed.emit()
        if actors:
            self.actors_changed.emit()
        self.changed.emit(changes)


def _merge(before: object, change: Change) -> object:
    """Several updates of one row in one command: later values win; any update that did
    not report its values (or a delete/insert) means 'read the row'."""
    if before is None or change.values is None or change.op != "update":
        return None
    return {**before, **change.values}  # type: ignore[dict-item]
