"""SearchPanel: one box over excerpts, notes, memos and summaries, with filters;
matches are emphasised, and a result opens where it belongs."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
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

from workbench.evidence import excerpt_item
from workbench.project import Project
from workbench.search import SearchFilters, SearchHit, SearchResult, search, snippet_parts
from workbench.vocabularies import load_vocabularies

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"excerpt": "Excerpt", "note": "Note on excerpt", "memo": "Memo", "summary": "Case"}


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

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
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
        self.box.returnPressed.connect(self.run_search)
        grid = QGridLayout()
        self.case = self._combo(
            "Case",
            [(c["short_label"] or c["title"], c["id"]) for c in project.store.case_summaries()],
        )
        self.power_type = self._combo(
            "Power type", [(pt.label, pt.id) for pt in framework.power_types]
        )
        self.mechanism = self._combo("Mechanism", [(m.label, m.id) for m in framework.mechanisms])
        self.source = self._combo(
            "Source", [(r["citation_key"], r["id"]) for r in project.store.source_summaries()]
        )
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
            box.activated.connect(lambda _i: self.run_search())
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

    def showEvent(self, event: QShowEvent) -> None:
        # cases and sources may have been added since the panel was built
        self._refill(
            self.case,
            [
                (c["short_label"] or c["title"], c["id"])
                for c in self.project.store.case_summaries()
            ],
        )
        self._refill(
            self.source,
            [(r["citation_key"], r["id"]) for r in self.project.store.source_summaries()],
        )
        super().showEvent(event)

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

    def run_search(self) -> SearchResult:
        self.timer.stop()
        result = search(self.project.store, self.box.text(), self.filters())
        self.model.set_hits(result.hits, [self._heading(h) for h in result.hits])
        if not self.box.text().strip():
            self.status.setText("")
        elif not result.hits:
            self.status.setText("No matches.")
        elif result.ranked:
            self.status.setText(f"{len(result.hits)} result(s), most relevant first.")
        else:
            self.status.setText(
                f"{result.total:,} texts contain these words; the newest "
                f"{len(result.hits)} are shown. Add words or filters to narrow."
            )
        return result

    def _heading(self, hit: SearchHit) -> str:
        store, framework = self.project.store, self.project.framework
        parts = [KIND_LABELS.get(hit.kind, hit.kind)]
        if hit.excerpt_id is not None:
            item = excerpt_item(store, hit.excerpt_id)
            if item is not None:
                parts.append(item.short_citation)
        if hit.case_id is not None:
            case = store.get("study_case", {"id": hit.case_id})
            if case:
                parts.append(case["short_label"] or case["title"])
        if hit.mechanism_id:
            parts.append(framework.mechanism(hit.mechanism_id).label)
        elif hit.power_type_id:
            parts.append(framework.power_type(hit.power_type_id).label)
        return " · ".join(parts)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.hit_activated.emit(index.data(HIT_ROLE))
