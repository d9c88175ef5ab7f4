"""CaseListPanel: the sortable, filterable list of cases with their 2×2 glyphs."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.case_list_model import CASE_ID_ROLE, CaseListModel
from ui.change_hub import ChangeHub
from ui.matrix_glyph_delegate import MatrixGlyphDelegate
from workbench.project import Project

NO_CASES = "No cases yet.\n\nCase ▸ Add Case… (Ctrl+Shift+N) adds the first one."


class _CaseTable(QTableView):
    """The table, with a word in its empty space on what to do when it shows no row."""

    def __init__(self, hint) -> None:
        super().__init__()
        self._hint = hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        text = self._hint()
        if not text or self.model() is None or self.model().rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        area = self.viewport().rect().adjusted(12, 12, -12, -12)
        painter.drawText(
            area,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            text,
        )
        painter.end()


class CaseListPanel(QWidget):
    current_case_changed = Signal(object)  # case id or None
    hint_changed = Signal(str)  # what the matrix says while no case is shown

    def __init__(
        self, project: Project, hub: ChangeHub | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context_actions: list[QAction] = []
        self.model = CaseListModel(project, hub, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter cases (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter cases")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = _CaseTable(self.list_hint)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Cases")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # No sort indicator before sorting is enabled: the rows keep the project's order
        # and enabling sorting costs nothing (sorting 2,000 rows through Python would).
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(36)
        self.view.setWordWrap(False)
        self.view.setItemDelegateForColumn(3, MatrixGlyphDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.resizeSection(1, 78)
        header.resizeSection(2, 96)
        header.resizeSection(3, 48)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self.proxy.rowsRemoved.connect(self._on_rows_changed)
        # the source model's signals: the proxy's come while a removed row still counts
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._on_rows_shown_changed)
        self.proxy.rowsRemoved.connect(self.view.viewport().update)  # a filter hiding all

        self.setMinimumWidth(260)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)

    def list_hint(self) -> str:
        """What the empty list says: how to add a first case, or that the filter hides all."""
        if self.model.rowCount() == 0:
            return NO_CASES
        if self.proxy.rowCount() == 0:
            return (
                f"No case matches “{self.filter.text()}”.\n\n"
                "Clear the filter (×) to see every case."
            )
        return ""

    def matrix_hint(self) -> str:
        """What the matrix says while it shows no case."""
        if self.model.rowCount() == 0:
            return "No cases yet — add the first with Case ▸ Add Case… (Ctrl+Shift+N)"
        return "No case selected — choose one in the list of cases."

    def _on_rows_shown_changed(self) -> None:
        self.view.viewport().update()
        self.hint_changed.emit(self.matrix_hint())

    def set_context_actions(self, actions: list[QAction]) -> None:
        """The commands the list's context menu offers (right click, Menu key, Shift+F10)."""
        self._context_actions = list(actions)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_context_menu)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addActions(self._context_actions)
        return menu

    def _on_context_menu(self, pos: QPoint) -> None:
        self.context_menu().exec(self.view.viewport().mapToGlobal(pos))

    def sizeHint(self) -> QSize:
        return QSize(400, 600)

    def current_case_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(CASE_ID_ROLE) if index.isValid() else None

    def select_case(self, case_id: int | None) -> None:
        if case_id is None:
            self.view.setCurrentIndex(QModelIndex())
            return
        row = self.model.row_of(case_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by the filter
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def step(self, delta: int) -> bool:
        """Select the case `delta` rows away in the list as shown (sorted, filtered),
        stopping at either end; with none selected, the first or the last. False when
        there was nowhere to go."""
        rows = self.proxy.rowCount()
        if rows == 0:
            return False
        current = self.view.currentIndex()
        if current.isValid():
            row = min(max(current.row() + delta, 0), rows - 1)
            if row == current.row():
                return False
        else:
            row = 0 if delta > 0 else rows - 1
        index = self.proxy.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_case_changed.emit(current.data(CASE_ID_ROLE) if current.isValid() else None)

    def _on_rows_changed(self) -> None:
        if not self.view.currentIndex().isValid():
            self.current_case_changed.emit(None)
