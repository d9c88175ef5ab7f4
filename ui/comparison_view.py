"""The comparison window: the five cross-case charts over a selection of cases.

Choose the cases (all, those the case list's filter shows, or picked by hand),
how to order and group them, and the chart. Hover shows case, type or
mechanism, score, confidence and evidence; a click opens that case in the main
window at that quadrant or mechanism with its evidence. Figures are saved as
SVG, PDF or PNG, copied, or their numbers saved as CSV.

pyqtgraph is imported when this window first draws a chart, never at launch.
"""

from __future__ import annotations

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

from ui.comparison_settings import ComparisonSettings
from ui.errors import show_error
from ui.save_places import remember_folder, start_folder
from ui.session import Session
from workbench.analysis.comparison import (
    GROUPINGS,
    KINDS,
    ChartOptions,
    Comparison,
    Target,
    colour_groups,
    follow_events,
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


def open_comparison(main_window) -> ComparisonWindow | None:
    """Open (or bring forward) the comparison window of the main window's project."""
    session = main_window.session()
    if session is None:
        return None
    existing = main_window.comparison_window
    if existing is not None and existing.project is session.project:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    window = ComparisonWindow(session, main_window)
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
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        project = session.project
        self.setWindowTitle(f"Compare cases — {project.name}")
        self.session = session
        self.project = project
        self.picked: list[int] = []
        self.comparison: Comparison | None = None
        self.charts: dict[str, object] = {}
        self.large = False

        self.kind_tabs = QTabBar()
        self.kind_tabs.setAccessibleName("Chart")
        self.kind_tabs.setDocumentMode(True)
        for kind in KINDS:
            index = self.kind_tabs.addTab(KIND_LABELS[kind])
            self.kind_tabs.setTabData(index, kind)
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
        self.save_action = QAction("Export Figure (SVG, PDF, PNG)…", self)
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
        self.settings = ComparisonSettings.load()
        self._restore_geometry(parent)

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
        session.hub.changed.connect(self._on_events)
        # "Cases in the filtered list" follows the filter as it is typed
        session.case_list.filter.textChanged.connect(self.on_filter_changed)
        self._restore_choices()
        self.reload()

    # --- remembered settings ----------------------------------------------------------------

    def _restore_geometry(self, parent) -> None:
        """Where it was last, if that is on a screen now; else centred on the main
        window's screen. Never larger than the screen's free area."""
        from PySide6.QtCore import QRect
        from PySide6.QtGui import QGuiApplication

        saved = QRect(*self.settings.geometry) if self.settings.geometry else None
        screen = None
        if saved is not None:
            screen = QGuiApplication.screenAt(saved.center())
        if screen is None:
            screen = (parent.screen() if parent is not None else None) or self.screen()
            saved = None
        area = screen.availableGeometry()
        width = min(saved.width() if saved else 1200, int(area.width() * 0.92))
        height = min(saved.height() if saved else 800, int(area.height() * 0.9))
        self.resize(width, height)
        width, height = self.width(), self.height()  # not below the controls' minimum
        if saved is not None:
            x = min(max(saved.x(), area.left()), area.right() + 1 - width)
            y = min(max(saved.y(), area.top()), area.bottom() + 1 - height)
        else:
            x = area.left() + (area.width() - width) // 2
            y = area.top() + (area.height() - height) // 2
        self.move(max(x, area.left()), max(y, area.top()))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """Once its controls have set its least width, the window moves (and at most
        shrinks) to lie inside its screen's free area."""
        screen = self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.resize(min(self.width(), area.width()), min(self.height(), area.height()))
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, area.left()), max(y, area.top()))

    def _restore_choices(self) -> None:
        s = self.settings
        self.show_kind(s.kind)
        for combo, key in ((self.order, s.order), (self.group, s.group), (self.measure, s.measure)):
            index = combo.findData(key)
            if index >= 0:
                combo.setCurrentIndex(index)
        if s.large:
            self.large_box.setChecked(True)

    def show_kind(self, kind: str) -> None:
        """Show the tab of a chart kind, found by the kind it holds (unknown: no change)."""
        bar = self.kind_tabs
        for i in range(bar.count()):
            if bar.tabData(i) == kind:
                bar.setCurrentIndex(i)

    def _remember(self) -> None:
        s = self.settings
        geometry = self.geometry()
        s.geometry = [geometry.x(), geometry.y(), geometry.width(), geometry.height()]
        s.kind = self.kind
        s.order = self.order.currentData()
        s.group = self.group.currentData()
        s.measure = self.measure.currentData()
        s.large = self.large
        s.save()

    # --- state ------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return KINDS[self.kind_tabs.currentIndex()]

    def selected_ids(self) -> list[int] | None:
        choice = SELECTIONS[self.selection.currentIndex()]
        if choice == "filtered":
            return self.session.listed_case_ids()
        if choice == "picked":
            return self.picked
        return None

    def options(self) -> ChartOptions:
        compare = tuple(c.currentData() for c in self.compare if c.currentData() is not None)
        group_by = self.group.currentData()
        every_case = self.full.cases if self.full is not None else ()
        return ChartOptions(
            order=self.order.currentData(),
            group_by=group_by,
            measure=self.measure.currentData(),
            compare_ids=tuple(dict.fromkeys(compare)),
            # colours by the groups of every case: a group keeps its colour in any selection
            colour_groups=colour_groups(every_case, group_by),
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

    def _on_events(self, events) -> None:
        """Values the events carry are charted at once; what they do not carry is read
        after the command, once per batch of changes."""
        if self.full is None:
            return
        full, reread = follow_events(self.full, events)
        if full is self.full and reread == set():
            return  # nothing charted changed
        self.full = full
        if reread is None:
            self._pending = None
        elif self._pending is not None:
            self._pending |= reread
        self._refresh_timer.start(0)

    def _refresh(self) -> None:
        pending, self._pending = self._pending, set()
        if pending is None:
            self.reload()
            return
        self.full = refresh_cases(self.project, self.full, pending)
        self.select()

    def closeEvent(self, event) -> None:
        self._remember()
        for signal, slot in (
            (self.session.hub.changed, self._on_events),
            (self.session.case_list.filter.textChanged, self.on_filter_changed),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass  # the project's view is already gone
        self.session.closed(self)
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
        self.session.open_case(target.case_id, target.power_type, target.mechanism)

    # --- export ------------------------------------------------------------------------------

    def figure_options(self) -> ChartOptions:
        return self.options()

    def figure_problem(self, spec):
        """None when the figure fits `spec` with every name whole, else FigureDoesNotFit
        saying why and the smallest size that fits."""
        from ui.charts.figure import FigureDoesNotFit, build_figure

        try:
            build_figure(self.kind, self.comparison, self.figure_options(), spec)
        except FigureDoesNotFit as exc:
            return exc
        return None

    def save_figure(self) -> bool:
        """Export Figure: size, type and format chosen in a dialog, the figure laid out for
        them (always on white: figures go on paper), then the file's name."""
        from ui.charts.figure import build_figure, write_figure_file
        from ui.figure_export_dialog import FigureExportDialog

        if self.comparison is None or not self.comparison.cases:
            show_error(self, "No figure to export", "There are no cases in this chart.")
            return False
        dialog = FigureExportDialog(self.settings.figure, self.figure_problem, self)
        if not dialog.exec():
            return False
        choice = dialog.choice()
        self.settings.figure = choice
        self.settings.save()
        suffix = f".{choice.fmt}"
        folder = start_folder("figures", None, self.project.path.parent)
        start = str(folder / f"{self.project.path.stem}-{self.kind}{suffix}")
        filters = {"svg": "SVG (*.svg)", "pdf": "PDF (*.pdf)", "png": "PNG image (*.png)"}
        name, _ = QFileDialog.getSaveFileName(self, "Save figure", start, filters[choice.fmt])
        if not name:
            return False
        remember_folder("figures", name)
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        figure = build_figure(self.kind, self.comparison, self.figure_options(), dialog.spec())
        try:
            write_figure_file(figure, path, choice.dpi)
        except OSError as exc:
            show_error(self, "The figure was not saved", f"{path}: {exc.strerror or exc}")
            return False
        self.status.setText(f"Saved {path} ({dialog.spec().describe()})")
        return True

    def copy_figure(self) -> None:
        """The figure at the last export's size (or a single column when that does not
        fit), as an image and as SVG, so that vector-aware programs paste it sharp."""
        from PySide6.QtCore import QByteArray, QMimeData
        from PySide6.QtWidgets import QApplication

        from ui.charts.figure import FigureDoesNotFit, build_figure, png_image, svg_bytes
        from workbench.analysis.figure_spec import FigureSpec

        choice = self.settings.figure
        spec = FigureSpec(
            choice.width_cm, choice.height_cm, choice.type_size, choice.title, choice.font_family
        )
        try:
            figure = build_figure(self.kind, self.comparison, self.figure_options(), spec)
        except FigureDoesNotFit:
            spec = FigureSpec(choice.width_cm, None, choice.type_size, choice.title)
            figure = build_figure(self.kind, self.comparison, self.figure_options(), spec)
        mime = QMimeData()
        mime.setImageData(png_image(figure, 192))
        mime.setData("image/svg+xml", QByteArray(svg_bytes(figure)))
        QApplication.clipboard().setMimeData(mime)
        self.status.setText(f"Copied the figure, {spec.describe()} (image and SVG).")

    def save_data(self) -> bool:
        chart = self.chart()
        folder = start_folder("chart data", None, self.project.path.parent)
        start = str(folder / f"{self.project.path.stem}-{self.kind}.csv")
        name, _ = QFileDialog.getSaveFileName(self, "Save chart data", start, "CSV (*.csv)")
        if not name:
            return False
        remember_folder("chart data", name)
        try:
            chart.table().write_csv(Path(name))
        except OSError as exc:
            show_error(self, "The data was not saved", f"{name}: {exc.strerror or exc}")
            return False
        self.status.setText(f"Saved {name}")
        return True
