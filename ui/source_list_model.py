"""SourceListModel: the project's bibliography as a table, refreshed when sources or
excerpts change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ui.change_hub import ChangeHub
from ui.row_table_model import RowTableModel
from workbench import queries
from workbench.project import Project
from workbench.queries import SourceSummary

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Citation", "Title", "Type", "Key", "Excerpts")
SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SourceListModel(RowTableModel):
    COLUMNS = COLUMNS

    def __init__(self, project: Project, hub: ChangeHub | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self.hub = hub or ChangeHub(project, self)
        self._rows: list[SourceSummary] = queries.source_summaries(project)
        self.hub.sources_changed.connect(self._reset)
        self.hub.source_counts_changed.connect(self._reset)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == SOURCE_ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.citation, row.title, row.type, row.citation_key, row.excerpts)[
                index.column()
            ]
        return None

    def source_id(self, row: int) -> int:
        return self._rows[row].id

    def _reset(self) -> None:
        self.beginResetModel()
        self._rows = queries.source_summaries(self.project)
        self.endResetModel()
