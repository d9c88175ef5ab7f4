"""CaseListModel: the project's cases as a table, updated from the core's changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ui.row_table_model import RowTableModel
from workbench.commands import Change
from workbench.project import Project

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Title", "Period", "Region", "2×2")
SCORES_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class CaseListModel(RowTableModel):
    """Caches one summary row per case; refreshes only the rows a command touched."""

    COLUMNS = COLUMNS

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self.type_ids = [pt.id for pt in project.framework.power_types]
        self._rows: list[dict] = project.store.case_summaries()
        self._unsubscribe = project.subscribe(self._on_project_changed)

    # --- Qt model interface -------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == CASE_ID_ROLE:
            return row["id"]
        if role == SCORES_ROLE:
            return [row["scores"].get(t) for t in self.type_ids]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return row["title"]
            if column == 1:
                return row["period"]
            if column == 2:
                return row["region"]
            if column == 3:
                return " ".join(
                    "–" if s is None else str(s)
                    for s in (row["scores"].get(t) for t in self.type_ids)
                )
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row["short_label"] or row["title"]
        return None

    # --- helpers -------------------------------------------------------------------

    def case_id(self, row: int) -> int:
        return self._rows[row]["id"]

    # --- change propagation -------------------------------------------------------

    def _on_project_changed(self, changes: list[Change]) -> None:
        touched: set[int] = set()
        inserted: set[int] = set()
        deleted: set[int] = set()
        for change in changes:
            if change.entity == "study_case":
                case_id = change.key[0]
                {"insert": inserted, "delete": deleted}.get(change.op, touched).add(case_id)
            elif change.entity in ("matrix_cell", "evidence_link") and change.op != "noop":
                touched.add(change.key[0] if change.entity == "matrix_cell" else change.key[1])
        for case_id in deleted:
            row = self.row_of(case_id)
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        fresh = {
            r["id"]: r
            for r in self.project.store.case_summaries_for(sorted((touched | inserted) - deleted))
        }
        for case_id in sorted(inserted - deleted):
            if case_id in fresh and self.row_of(case_id) < 0:
                row = self._insert_position(fresh[case_id])
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, fresh[case_id])
                self.endInsertRows()
        for case_id in touched - inserted - deleted:
            row = self.row_of(case_id)
            if row >= 0 and case_id in fresh:
                self._rows[row] = fresh[case_id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _insert_position(self, summary: dict) -> int:
        key = (summary["position"], summary["id"])
        for i, r in enumerate(self._rows):
            if (r["position"], r["id"]) > key:
                return i
        return len(self._rows)
