"""EvidenceListModel: excerpts as list items that can be dragged onto a mechanism."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from workbench.queries.evidence import EvidenceItem
from workbench.vocabularies import load_vocabularies

Index = QModelIndex | QPersistentModelIndex
EXCERPT_MIME = "application/x-mpw-excerpt-ids"
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def encode_ids(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(EXCERPT_MIME, ",".join(str(i) for i in ids).encode())
    return mime


def decode_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(EXCERPT_MIME):
        return []
    raw = bytes(mime.data(EXCERPT_MIME)).decode(errors="ignore")
    return [int(x) for x in raw.split(",") if x.strip().isdigit()]


class EvidenceListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[EvidenceItem] = []
        self._types = {t.id: t.label for t in load_vocabularies().evidence_types}

    def set_items(self, items: list[EvidenceItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            head = f"{item.short_citation} · {self._types.get(item.evidence_type, '')}"
            text = f"“{item.text}”"
            note = f"\nNote: {item.note}" if item.note else ""
            return f"{head}\n{text}{note}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.pandoc
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [EXCERPT_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = sorted({self.items[i.row()].excerpt_id for i in indexes if i.isValid()})
        return encode_ids(ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction | Qt.DropAction.CopyAction
