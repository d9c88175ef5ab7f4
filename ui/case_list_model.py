"""CaseListModel: the project's cases as a table, updated from the change hub."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ui.change_hub import ChangeHub
from ui.row_table_model import RowTableModel
from workbench import queries
from workbench.project import Project
from workbench.queries import CaseSummary

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Title", "Period", "Region", "2×2")
SCORES_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class CaseListModel(RowTableModel):
    """Caches one summary per case; a score change updates its row from the change itself,
    other changes re-read only the rows they touched."""

    COLUMNS = COLUMNS

    def __init__(self, project: Project, hub: ChangeHub | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self.hub = hub or ChangeHub(project, self)
        self.type_ids = [pt.id for pt in project.framework.power_types]
        self._rows: list[CaseSummary] = queries.case_summaries(project)
        self.hub.case_added.connect(self._on_hub_case_added)
        self.hub.case_removed.connect(self._on_hub_case_removed)
        self.hub.case_changed.connect(self._reload)
        self.hub.cell_changed.connect(self._on_hub_cell_changed)
        self.hub.evidence_changed.connect(self._on_hub_evidence_changed)

    # --- Qt model interface -------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == CASE_ID_ROLE:
            return row.id
        if role == SCORES_ROLE:
            return [row.scores.get(t) for t in self.type_ids]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return row.title
            if column == 1:
                return row.period
            if column == 2:
                return row.region
            if column == 3:
                return " ".join(
                    "–" if s is None else str(s) for s in (row.scores.get(t) for t in self.type_ids)
                )
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.name
        return None

    # --- helpers -------------------------------------------------------------------

    def case_id(self, row: int) -> int:
        return self._rows[row].id

    def summary(self, case_id: int) -> CaseSummary | None:
        row = self.row_of(case_id)
        return self._rows[row] if row >= 0 else None

    def case_ids(self) -> list[int]:
        return [r.id for r in self._rows]

    # --- change propagation -------------------------------------------------------

    def _replace(self, row: int, summary: CaseSummary) -> None:
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _on_hub_cell_changed(self, case_id: int, power_type: str, values: Any) -> None:
        row = self.row_of(case_id)
        if row < 0:
            return
        if values is None:
            self._reload(case_id)
        elif "score" in values:
            self._replace(row, self._rows[row].with_score(power_type, values["score"]))

    def _on_hub_evidence_changed(self, case_ids: Any) -> None:
        if case_ids:
            for case_id in case_ids:
                self._reload(case_id)

    def _reload(self, case_id: int) -> None:
        row = self.row_of(case_id)
        for summary in queries.case_summaries_for(self.project, [case_id]):
            if row >= 0:
                self._replace(row, summary)

    def _on_hub_case_added(self, case_id: int) -> None:
        if self.row_of(case_id) >= 0:
            return
        for summary in queries.case_summaries_for(self.project, [case_id]):
            row = self._insert_position(summary)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, summary)
            self.endInsertRows()

    def _on_hub_case_removed(self, case_id: int) -> None:
        row = self.row_of(case_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def _insert_position(self, summary: CaseSummary) -> int:
        key = (summary.position, summary.id)
        for i, r in enumerate(self._rows):
            if (r.position, r.id) > key:
                return i
        return len(self._rows)
