"""SourceListModel: the project's bibliography as a table, refreshed when sources change."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ui.row_table_model import RowTableModel
from workbench.commands import Change
from workbench.csl import author_date
from workbench.project import Project

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Citation", "Title", "Type", "Key", "Excerpts")
SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SourceListModel(RowTableModel):
    COLUMNS = COLUMNS

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self._rows = self._load()
        self._unsubscribe = project.subscribe(self._on_project_changed)

    def _load(self) -> list[dict]:
        rows = self.project.store.source_summaries()
        for r in rows:
            csl = json.loads(r["csl"])
            r["citation"] = author_date(csl)
            r["type"] = str(csl.get("type", ""))
        return rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == SOURCE_ID_ROLE:
            return row["id"]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                row["citation"],
                row["title"],
                row["type"],
                row["citation_key"],
                row["excerpts"],
            )[index.column()]
        return None

    def source_id(self, row: int) -> int:
        return self._rows[row]["id"]

    def _on_project_changed(self, changes: list[Change]) -> None:
        if any(c.entity in ("source", "excerpt") for c in changes):
            self.beginResetModel()  # the bibliography is small; re-reading it is cheap
            self._rows = self._load()
            self.endResetModel()
