"""SearchPanel: one box over excerpts, notes, memos and summaries, with filters;
matches are emphasised, and a result opens where it belongs."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.change_hub import ChangeHub
from workbench import queries
from workbench.project import Project
from workbench.search import SearchFilters, SearchHit, SearchResult, snippet_parts
from workbench.vocabularies import load_vocabularies

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def hit_html(heading: str, snippet: str) -> str:
    """Escaped text; only our own <b> marks the matches, so data is never markup."""
    body = "".join(
        f"<b>{escape(t)}</b>" if match else escape(t) for t, match in snippet_parts(snippet)
    )
    return f"<span style='color:gray'>{escape(heading)}</span><br>{body}"


class SearchResultModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self.headings: list[str] = []

    def set_hits(self, hits: list[SearchHit], headings: list[str]) -> None:
        self.beginResetModel()
        self.hits, self.headings = list(hits), list(headings)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            plain = "".join(t for t, _ in snippet_parts(hit.snippet))
            return f"{self.headings[index.row()]}\n{plain}"
        if role == Qt.ItemDataRole.UserRole:
            return hit_html(self.headings[index.row()], hit.snippet)
        return None


class RichTextDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(Qt.ItemDataRole.UserRole) or "")
        doc.setTextWidth(max(100, option.rect.width() - 8))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_role = QPalette.ColorRole.Text
        if option.state & QStyle.StateFlag.State_Selected:
            text_role = QPalette.ColorRole.HighlightedText
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(text_role))
        context.clip = QRectF(0, 0, option.rect.width(), option.rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 6)


class SearchPanel(QWidget):
    hit_activated = Signal(object)  # SearchHit

    def __init__(
        self, project: Project, hub: ChangeHub | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.hub = hub or ChangeHub(project, self)
        self._stale_cases = self._stale_sources = self._stale_results = False
        for signal in (self.hub.case_added, self.hub.case_removed, self.hub.case_changed):
            signal.connect(self._on_hub_cases_changed)
        self.hub.sources_changed.connect(self._on_hub_sources_changed)
        for signal in (
            self.hub.evidence_changed,
            self.hub.cell_changed,
            self.hub.coding_changed,
            self.hub.case_changed,
            self.hub.case_added,  # a duplicate's texts, a deleted case's hits
            self.hub.case_removed,
            self.hub.excerpts_edited,
        ):
            signal.connect(self._on_hub_texts_changed)
        framework = project.framework
        self.box = QLineEdit()
        self.box.setPlaceholderText(
            'Search excerpts, notes, memos and summaries — "quotes" for a phrase'
        )
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search text")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(lambda _t: self.timer.start())
        # Enter opens the first result, Down walks into the results
        self.box.returnPressed.connect(self._on_box_return_pressed)
        self.box.installEventFilter(self)
        grid = QGridLayout()
        self.case = self._combo("Case", self._case_items())
        self._make_typeable(self.case)
        self.power_type = self._combo(
            "Power type", [(pt.label, pt.id) for pt in framework.power_types]
        )
        self.mechanism = self._combo("Mechanism", [(m.label, m.id) for m in framework.mechanisms])
        self.source = self._combo("Source", self._source_items())
        self.evidence_type = self._combo(
            "Evidence type", [(t.label, t.id) for t in load_vocabularies().evidence_types]
        )
        for i, (label, box) in enumerate(
            (
                ("Case", self.case),
                ("Power type", self.power_type),
                ("Mechanism", self.mechanism),
                ("Source", self.source),
                ("Evidence", self.evidence_type),
            )
        ):
            grid.addWidget(QLabel(label), 0, i)
            grid.addWidget(box, 1, i)
            box.currentIndexChanged.connect(lambda _i: self.run_search())
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = SearchResultModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Search results")
        self.view.setItemDelegate(RichTextDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.activated.connect(self._on_view_activated)
        self.view.doubleClicked.connect(self._on_view_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def _case_items(self) -> list[tuple[str, Any]]:
        return [(name, case_id) for case_id, name in queries.case_names(self.project).items()]

    def _source_items(self) -> list[tuple[str, Any]]:
        return [(s.label, s.id) for s in queries.source_choices(self.project)]

    def _on_hub_cases_changed(self, _case_id: int = 0) -> None:
        self._stale_cases = True
        self._refresh_if_shown()

    def _on_hub_sources_changed(self) -> None:
        self._stale_sources = True
        self._refresh_if_shown()

    def _on_hub_texts_changed(self, *_args: object) -> None:
        self._stale_results = True
        self._refresh_if_shown()

    def _refresh_if_shown(self) -> None:
        """Filters and results follow the project's changes, read only while visible."""
        if not self.isVisible():
            return
        if self._stale_cases:
            self._refill(self.case, self._case_items())
        if self._stale_sources:
            self._refill(self.source, self._source_items())
        if self._stale_results and self.box.text().strip():
            self.run_search()
        self._stale_cases = self._stale_sources = self._stale_results = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_if_shown()

    @staticmethod
    def _refill(box: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("Any", None)
        for label, value in items:
            box.addItem(label, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _make_typeable(self, box: QComboBox) -> None:
        """Hundreds of cases: the box filters the names as one types (any part of a
        name), and its list stays a few rows high instead of filling the screen."""
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.setMaxVisibleItems(15)
        box.setStyleSheet("QComboBox { combobox-popup: 0; }")
        box.lineEdit().setPlaceholderText("Type to find a case")
        completer = QCompleter(box.model(), box)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(15)
        box.setCompleter(completer)
        box.lineEdit().editingFinished.connect(lambda: self._settle_typed(box))
        box.installEventFilter(self)

    def _settle_typed(self, box: QComboBox) -> None:
        """Typed text names an entry or nothing: pick the entry, or say why the filter
        is unchanged and show its name again."""
        typed = box.lineEdit().text().strip()
        chosen = box.itemText(box.currentIndex())  # currentText() is what is typed
        if typed == chosen:
            return
        if not typed:
            box.setCurrentIndex(0)  # an emptied box means any case
            box.setEditText(box.itemText(0))
            return
        found = box.findText(typed, Qt.MatchFlag.MatchFixedString)
        if found < 0:
            matching = [
                i for i in range(box.count()) if typed.casefold() in box.itemText(i).casefold()
            ]
            found = matching[0] if len(matching) == 1 else -1
        if found >= 0:
            box.setCurrentIndex(found)
            box.setEditText(box.itemText(found))
            return
        self.status.setText(f'No case is named "{typed}"; the case filter stays "{chosen}".')
        box.setEditText(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.case and event.type() == QEvent.Type.FocusIn:
            # typing replaces the name shown ("Any"), as in a search box
            QTimer.singleShot(0, self.case.lineEdit().selectAll)
        if (
            watched is self.box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self._enter_results()
            return True
        return super().eventFilter(watched, event)

    def _enter_results(self) -> None:
        if self.timer.isActive():
            self.run_search()
        if self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.TabFocusReason)
            self.view.setCurrentIndex(self.model.index(0))

    def _on_box_return_pressed(self) -> None:
        if self.timer.isActive() or not self.model.rowCount():
            self.run_search()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))
            self.hit_activated.emit(self.model.hits[0])

    def _combo(self, name: str, items: list[tuple[str, Any]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"Filter by {name.lower()}")
        box.addItem("Any", None)
        for label, value in items:
            box.addItem(label, value)
        box.setMinimumContentsLength(10)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return box

    def filters(self) -> SearchFilters:
        return SearchFilters(
            self.case.currentData(),
            self.power_type.currentData(),
            self.mechanism.currentData(),
            self.source.currentData(),
            self.evidence_type.currentData(),
        )

    def _filtered(self) -> bool:
        return any(v not in (None, "") for v in vars(self.filters()).values())

    def run_search(self) -> SearchResult:
        self.timer.stop()
        views, result = queries.search_hits(self.project, self.box.text(), self.filters())
        self.model.set_hits([v.hit for v in views], [v.heading for v in views])
        self._stale_results = False
        if not self.box.text().strip():
            self.status.setText("")
        elif not result.hits:
            self.status.setText("No matches.")
        elif result.total <= len(result.hits):
            order = "most relevant first" if result.ranked else "newest first"
            self.status.setText(f"{len(result.hits):,} result(s), {order}.")
        else:
            which = "most relevant" if result.ranked else "newest"
            scope = "these words and filters" if self._filtered() else "these words"
            self.status.setText(
                f"{result.total:,} texts match {scope}; the {which} "
                f"{len(result.hits)} are shown. Add words or filters to narrow."
            )
        return result

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.hit_activated.emit(index.data(HIT_ROLE))
