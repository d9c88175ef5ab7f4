"""EvidencePanel: the excerpts behind the selected quadrant or mechanism of a case."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.evidence_model import ITEM_ROLE, EvidenceListModel
from ui.widgets import ElidedLabel
from workbench.queries.evidence import EvidenceItem


class EvidencePanel(QWidget):
    open_requested = Signal(int)  # excerpt id
    new_requested = Signal()
    unlink_requested = Signal(int)  # excerpt id, from the mechanisms shown
    link_requested = Signal(int, str)  # excerpt id, mechanism id (in the current case)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mechanism_choices: list[tuple[str, str]] = []  # (id, label) for "Link to"
        self.title = ElidedLabel("Evidence")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.new_button = QPushButton("New excerpt…")
        self.new_button.clicked.connect(self.new_requested)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.new_button)
        self.model = EvidenceListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Evidence")
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.view.doubleClicked.connect(self._on_double_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)

    def show_items(self, title: str, items: list[EvidenceItem]) -> None:
        self.title.setText(f"{title} — {len(items)} excerpt{'s' if len(items) != 1 else ''}")
        self.title.setToolTip(self.title.text())
        self.model.set_items(items)

    def current_item(self) -> EvidenceItem | None:
        index = self.view.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None

    def select_excerpt(self, excerpt_id: int) -> bool:
        for row, item in enumerate(self.model.items):
            if item.excerpt_id == excerpt_id:
                self.view.setCurrentIndex(self.model.index(row))
                return True
        return False

    def copy(self, form: str) -> None:
        item = self.current_item()
        if item is None:
            return
        text = {"pandoc": item.pandoc, "plain": item.short_citation, "quotation": item.quotation()}[
            form
        ]
        QGuiApplication.clipboard().setText(text)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.open_requested.emit(index.data(ITEM_ROLE).excerpt_id)

    def _on_context_menu(self, pos: QPoint) -> None:
        self.context_menu().exec(self.view.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        item = self.current_item()
        for text, form in (
            ("Copy citation (pandoc)", "pandoc"),
            ("Copy citation (author-date)", "plain"),
            ("Copy quotation with citation", "quotation"),
        ):
            action = menu.addAction(text)
            action.setEnabled(item is not None)
            action.triggered.connect(lambda _=False, f=form: self.copy(f))
        menu.addSeparator()
        opener = menu.addAction("Open excerpt…")
        opener.setEnabled(item is not None)
        opener.triggered.connect(lambda: item and self.open_requested.emit(item.excerpt_id))
        link = menu.addMenu("Link to mechanism")
        link.setEnabled(item is not None)
        for mechanism_id, label in self.mechanism_choices:
            action = link.addAction(label)
            action.triggered.connect(
                lambda _=False, m=mechanism_id: (
                    item and self.link_requested.emit(item.excerpt_id, m)
                )
            )
        unlink = menu.addAction("Unlink from what is shown")
        unlink.setEnabled(item is not None)
        unlink.triggered.connect(lambda: item and self.unlink_requested.emit(item.excerpt_id))
        return menu
