"""The comparison window: the five cross-case charts over a selection of cases.

Choose the cases (all, those the case list's filter shows, or picked by hand),
how to order and group them, and the chart. Hover shows case, type or
mechanism, score, confidence and evidence; a click opens that case in the main
window at that quadrant or mechanism with its evidence. Figures are saved as
SVG, PDF or PNG, copied, or their numbers saved as CSV.

pyqtgraph is imported when this window first draws a chart, never at launch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from ui.errors import show_error
from workbench.analysis.comparison import (
    GROUPINGS,
    KINDS,
    RELEVANT_ENTITIES,
    ChartOptions,
    Comparison,
    Target,
    affected_cases,
    load_comparison,
    refresh_cases,
    subset,
)
from workbench.analysis.tables import case_table
from workbench.project import Project

KIND_LABELS = {
    "heatmap": "Scores",
    "mechanisms": "Mechanisms",
    "plane": "2×2 plane",
    "profiles": "Profiles",
    "compare": "Side by side",
}
SELECTIONS = ("all", "filtered", "picked")


def open_case_at(main_window, target: Target) -> None:
    """Show a case in the main window at a quadrant or mechanism, with its evidence."""
    view = getattr(main_window, "view", None)
    if view is None:
        return
    # the main window first, so that the quadrant given focus becomes the selected one
    main_window.raise_()
    main_window.activateWindow()
    view.open_case(target.case_id, target.power_type, target.mechanism)


def open_comparison(main_window) -> ComparisonWindow | None:
    """Open (or bring forward) the comparison window of the main window's project."""
    project = getattr(main_window, "project", None)
    if project is None:
        return None
    existing = getattr(main_window, "comparison_window", None)
    if existing is not None and existing.project is project:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing

    def filtered_ids() -> list[int]:
        from ui.case_list_model import CASE_ID_ROLE

        view = getattr(main_window, "view", None)
        if view is None:
            return []
        proxy = view.case_list.proxy
        return [proxy.index(r, 0).data(CASE_ID_ROLE) for r in range(proxy.rowCount())]

    window = ComparisonWindow(
        project, filtered_ids, lambda t: open_case_at(main_window, t), main_window
    )
    view = getattr(main_window, "view", None)
    if view is not None:  # "Cases in the filtered list" follows the filter as it is typed
        view.case_list.filter.textChanged.connect(window.on_filter_changed)
    main_window.comparison_window = window
    window.show()
    return window


class CasePickerDialog(QDialog):
    """Tick the cases to compare."""

    def __init__(self, project: Project, chosen: list[int], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose cases to compare")
        self.list = QListWidget()
        self.list.setAccessibleName("Cases to compare")
        for case in case_table(project):
            item = QListWidgetItem(case.name)
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if case.id in chosen else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The charts show the ticked cases, in list order."))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(420, 520)

    def chosen(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]


# What the mouse does on each chart, in the status line
HINTS = {
    "heatmap": "Hover a cell for details; click it to open the case at that quadrant; "
    "click a type's heading to sort. Scroll or drag to move through the cases.",
    "mechanisms": "Hover a cell for details; click it to open the case at that mechanism "
    "with its evidence. Scroll or drag to move through the cases.",
    "plane": "Hover a point for details; click it to open the case at its strongest "
    "quadrant. Scroll or drag to zoom.",
    "profiles": "Hover a marker for details; click it to open the case at that quadrant. "
    "Scroll or drag to move through the cases.",
    "compare": "Choose up to three cases above; hover a quadrant or mechanism for details, "
    "click it to open the case there.",
}


class ComparisonWindow(QMainWindow):
    def __init__(
        self,
        project: Project,
        filtered_ids: Callable[[], list[int]],
        open_target: Callable[[Target], None],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Compare cases — {project.name}")
        self.project = project
        self.filtered_ids = filtered_ids
        self.open_target = open_target
        self.picked: list[int] = []
        self.comparison: Comparison | None = None
        self.charts: dict[str, object] = {}
        self.large = False

        self.kind_tabs = QTabBar()
        self.kind_tabs.setAccessibleName("Chart")
        self.kind_tabs.setDocumentMode(True)
        for kind in KINDS:
            self.kind_tabs.addTab(KIND_LABELS[kind])
        self.selection = QComboBox()
        self.selection.setAccessibleName("Cases")
        self.selection.addItems(["All cases", "Cases in the filtered list", "Chosen cases…"])
        self.order = QComboBox()
        self.order.setAccessibleName("Order")
        self.order.addItem("List order", "list")
        self.order.addItem("Total score", "total")
        self.order.addItem("Similarity (clusters)", "similarity")
        for pt in project.framework.power_types:
            self.order.addItem(pt.name.replace(" migration power", ""), pt.id)
        self.group = QComboBox()
        self.group.setAccessibleName("Group by")
        for key, label in GROUPINGS.items():
            self.group.addItem(label, key)
        self.measure = QComboBox()
        self.measure.setAccessibleName("Measure")
        self.measure.addItem("Strength", "strength")
        self.measure.addItem("Evidence count", "evidence")
        self.compare = [QComboBox() for _ in range(3)]
        for i, combo in enumerate(self.compare):
            combo.setAccessibleName(f"Case {'ABC'[i]}")
        for combo in (self.selection, self.order, self.group, self.measure, *self.compare):
            # long case names must not make the window wider than the screen
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18 if combo is self.group else 10)
        self.large_box = QCheckBox("Large type")
        self.export_button = QPushButton("Export")  # a push button makes room for the arrow
        menu = QMenu(self.export_button)
        self.save_action = QAction("Save Figure (SVG, PDF, PNG)…", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.copy_action = QAction("Copy Figure", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.csv_action = QAction("Save Chart Data as CSV…", self)
        for action in (self.save_action, self.copy_action, self.csv_action):
            menu.addAction(action)
            self.addAction(action)
        self.export_button.setMenu(menu)

        controls = QHBoxLayout()
        for label, widget in (
            ("Cases", self.selection),
            ("Order", self.order),
            ("Group", self.group),
        ):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        self.measure_label = QLabel("Show")
        controls.addWidget(self.measure_label)
        controls.addWidget(self.measure)
        self.compare_label = QLabel("Compare")
        controls.addWidget(self.compare_label)
        for combo in self.compare:
            controls.addWidget(combo)
        controls.addStretch(1)
        controls.addWidget(self.large_box)
        controls.addWidget(self.export_button)
        self.stack = QStackedWidget()
        self.status = QLabel()
        self.status.setWordWrap(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.kind_tabs)
        layout.addLayout(controls)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        self.resize(1200, 800)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:  # a laptop screen: leave room for the title bar and panels
            self.resize(min(1200, int(screen.width() * 0.92)), min(800, int(screen.height() * 0.9)))

        self.full: Comparison | None = None
        self._pending: set[int] | None = set()  # cases to read again; None: all
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._refresh)
        self.kind_tabs.currentChanged.connect(lambda _i: self.show_chart())
        self.selection.activated.connect(self._on_selection_activated)
        for combo in (self.order, self.group, self.measure, *self.compare):
            combo.activated.connect(lambda _i: self.show_chart())
        self.large_box.toggled.connect(self._on_large_toggled)
        self.save_action.triggered.connect(lambda: self.save_figure())
        self.copy_action.triggered.connect(self.copy_figure)
        self.csv_action.triggered.connect(lambda: self.save_data())
        self._unsubscribe = project.subscribe(self._on_project_changed)
        self.reload()

    # --- state ------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return KINDS[self.kind_tabs.currentIndex()]

    def selected_ids(self) -> list[int] | None:
        choice = SELECTIONS[self.selection.currentIndex()]
        if choice == "filtered":
            return self.filtered_ids()
        if choice == "picked":
            return self.picked
        return None

    def options(self) -> ChartOptions:
        compare = tuple(c.currentData() for c in self.compare if c.currentData() is not None)
        return ChartOptions(
            order=self.order.currentData(),
            group_by=self.group.currentData(),
            measure=self.measure.currentData(),
            compare_ids=tuple(dict.fromkeys(compare)),
        )

    def chart(self, kind: str | None = None):
        """The chart of a kind, built when first shown (pyqtgraph loads here)."""
        from ui.charts.headless import chart_class
        from ui.charts.style import current_style

        kind = kind or self.kind
        if kind not in self.charts:
            chart = chart_class(kind)(current_style(self.large))
            chart.setAccessibleName(f"{KIND_LABELS[kind]} chart")
            chart.clicked.connect(self._on_chart_clicked)
            chart.hovered.connect(self._on_chart_hovered)
            chart.sort_requested.connect(self._on_sort_requested)
            self.charts[kind] = chart
            self.stack.addWidget(chart)
        return self.charts[kind]

    # --- drawing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every case again (on opening, or after cases were added, removed or edited)."""
        self.full = load_comparison(self.project)
        self.select()

    def select(self) -> None:
        """Chart the selected cases (taken from what is loaded, nothing is read)."""
        self.comparison = subset(self.full, self.selected_ids())
        self._fill_compare_choices()
        self.show_chart()

    def show_chart(self) -> None:
        kind = self.kind
        chart = self.chart(kind)
        self.stack.setCurrentWidget(chart)
        for widget in (self.measure_label, self.measure):
            widget.setVisible(kind == "mechanisms")
        for widget in (self.compare_label, *self.compare):
            widget.setVisible(kind == "compare")
        self.order.setEnabled(kind not in ("compare",))
        if self.comparison is not None:
            chart.show_comparison(self.comparison, self.options())
        n = len(self.comparison.cases) if self.comparison else 0
        self.status.setText(f"{n} case(s). {HINTS[kind]}")

    def _fill_compare_choices(self) -> None:
        cases = self.comparison.cases if self.comparison else ()
        for i, combo in enumerate(self.compare):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if i == 2:
                combo.addItem("—", None)
            for c in cases:
                combo.addItem(c.name, c.id)
            index = combo.findData(current) if current is not None else -1
            if index < 0 and i < 2 and len(cases) > i:
                index = i
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def _on_selection_activated(self, index: int) -> None:
        if SELECTIONS[index] == "picked":
            dialog = CasePickerDialog(
                self.project, self.picked or [c.id for c in self.comparison.cases], self
            )
            if dialog.exec():
                self.picked = dialog.chosen()
            if not self.picked:
                self.selection.setCurrentIndex(0)
        self.select()

    def on_filter_changed(self, _text: str = "") -> None:
        if SELECTIONS[self.selection.currentIndex()] == "filtered":
            self.select()

    def _on_large_toggled(self, on: bool) -> None:
        self.large = on
        self._rebuild_charts()

    def _rebuild_charts(self) -> None:
        for chart in self.charts.values():
            self.stack.removeWidget(chart)
            chart.deleteLater()
        self.charts.clear()
        self.show_chart()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.charts:
            self._rebuild_charts()  # the theme changed: charts take its colours

    # --- the project changing -------------------------------------------------------------

    def _on_project_changed(self, changes) -> None:
        if not any(change.entity in RELEVANT_ENTITIES for change in changes):
            return
        cases = affected_cases(changes)
        if cases is None:
            self._pending = None
        elif self._pending is not None:
            self._pending |= cases
        self._refresh_timer.start(0)  # after the command, once per batch of changes

    def _refresh(self) -> None:
        pending, self._pending = self._pending, set()
        if pending is None:
            self.reload()
            return
        self.full = refresh_cases(self.project, self.full, pending)
        self.select()

    def closeEvent(self, event) -> None:
        self._unsubscribe()
        self._unsubscribe = lambda: None
        parent = self.parent()
        if parent is not None and getattr(parent, "comparison_window", None) is self:
            parent.comparison_window = None
        super().closeEvent(event)

    # --- hover and click ----------------------------------------------------------------

    def _on_chart_hovered(self, target) -> None:
        chart = self.chart()
        if target is not None:
            self.status.setText(chart.tooltip_text.replace("\n", " · "))

    def _on_sort_requested(self, order: str) -> None:
        index = self.order.findData(order)
        if index >= 0:
            self.order.setCurrentIndex(index)
            self.show_chart()

    def _on_chart_clicked(self, target: Target) -> None:
        self.open_target(target)

    # --- export ------------------------------------------------------------------------------

    def figure_chart(self):
        """The chart to export: the one shown, or in the dark theme a light copy of it
        (figures go on white paper), drawn offscreen at the same size."""
        from ui.charts.headless import build_chart
        from ui.charts.style import ChartStyle

        chart = self.chart()
        if not chart.chart_style.dark:
            return chart
        style = ChartStyle(dark=False, large=self.large)
        size = (chart.width(), chart.height())
        return build_chart(self.kind, self.comparison, self.options(), size, style)

    def save_figure(self) -> bool:
        from ui.charts.export import write_figure

        shown = self.chart()
        start = str(self.project.path.with_name(f"{self.project.path.stem}-{self.kind}.svg"))
        name, _ = QFileDialog.getSaveFileName(
            self, "Save figure", start, "SVG (*.svg);;PDF (*.pdf);;PNG image (*.png)"
        )
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in (".svg", ".pdf", ".png"):
            path = path.with_name(path.name + ".svg")
        dpi = 300
        if path.suffix.lower() == ".png":
            dpi, ok = QInputDialog.getInt(
                self,
                "PNG resolution",
                f"Dots per inch (the chart is {shown.width()} × {shown.height()} screen pixels):",
                300,
                72,
                1200,
            )
            if not ok:
                return False
        chart = self.figure_chart()
        try:
            write_figure(chart, path, dpi)
        except OSError as exc:
            show_error(self, "The figure was not saved", f"{path}: {exc.strerror or exc}")
            return False
        finally:
            self._discard(chart)
        self.status.setText(f"Saved {path}")
        return True

    def _discard(self, chart) -> None:
        if chart is not self.chart():  # the light copy made for the figure
            chart.close()
            chart.deleteLater()

    def copy_figure(self) -> None:
        from ui.charts.export import copy_to_clipboard

        chart = self.figure_chart()
        copy_to_clipboard(chart)
        self._discard(chart)
        self.status.setText("Copied the figure (image and SVG).")

    def save_data(self) -> bool:
        chart = self.chart()
        start = str(self.project.path.with_name(f"{self.project.path.stem}-{self.kind}.csv"))
        name, _ = QFileDialog.getSaveFileName(self, "Save chart data", start, "CSV (*.csv)")
        if not name:
            return False
        try:
            chart.table().write_csv(Path(name))
        except OSError as exc:
            show_error(self, "The data was not saved", f"{name}: {exc.strerror or exc}")
            return False
        self.status.setText(f"Saved {name}")
        return True
