"""Export Figure: the size on paper (a journal's column, a slide, or centimetres), the
type size, the title, the font and the file format. The dialog says at once
whether every name fits whole at that size, and if not the smallest size that does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.comparison_settings import FigureChoice
from workbench.analysis.figure_spec import (
    PRESETS,
    SMALLEST_CM,
    TYPE_SIZES,
    FigureDoesNotFit,
    FigureSpec,
)

FORMATS = (("svg", "SVG (vector, for journals)"), ("pdf", "PDF (vector)"), ("png", "PNG image"))


class FigureExportDialog(QDialog):
    """`check(spec)` returns None when the figure fits, else FigureDoesNotFit saying why
    and the smallest size that fits, which one click takes."""

    def __init__(
        self,
        choice: FigureChoice,
        check: Callable[[FigureSpec], FigureDoesNotFit | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Figure")
        self.check = check
        self.preset = QComboBox()
        self.preset.setAccessibleName("Size")
        for key, (label, _w, _h) in PRESETS.items():
            self.preset.addItem(label, key)
        self.preset.addItem("Custom size", "custom")
        self.width = self._cm_box("Width")
        self.height = self._cm_box("Height")
        self.auto_height = QCheckBox("As tall as needed")
        self.type_size = QDoubleSpinBox()
        self.type_size.setAccessibleName("Type size")
        self.type_size.setRange(*TYPE_SIZES)
        self.type_size.setSingleStep(0.5)
        self.type_size.setDecimals(1)
        self.type_size.setSuffix(" pt")
        self.title = QCheckBox("Draw the title (journals put it in the caption)")
        self.font = QFontComboBox()
        self.font.setAccessibleName("Font")
        self.font.setFontFilters(QFontComboBox.FontFilter.ScalableFonts)
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for key, label in FORMATS:
            self.format.addItem(label, key)
        self.dpi = QSpinBox()
        self.dpi.setAccessibleName("PNG resolution")
        self.dpi.setRange(72, 1200)
        self.dpi.setSuffix(" dpi")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Fit")
        self.fit_button = QPushButton()
        self.fit_button.setAccessibleName("Use the smallest size that fits")
        self.fit_button.clicked.connect(self._on_fit_clicked)
        self.problem: FigureDoesNotFit | None = None
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        size_row = QHBoxLayout()
        size_row.addWidget(self.width)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height)
        size_row.addWidget(self.auto_height)
        form = QFormLayout()
        form.addRow("Size", self.preset)
        form.addRow("Width × height", size_row)
        form.addRow("Type size", self.type_size)
        form.addRow("Font", self.font)
        form.addRow("", self.title)
        form.addRow("Format", self.format)
        form.addRow("Resolution", self.dpi)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        fit_row = QHBoxLayout()
        fit_row.addWidget(self.fit_button)
        fit_row.addStretch(1)
        layout.addLayout(fit_row)
        layout.addWidget(self.buttons)

        self._set_choice(choice)
        self.preset.activated.connect(self._on_preset_activated)
        for box in (self.width, self.height, self.type_size):
            box.valueChanged.connect(self._on_size_edited)
        self.auto_height.toggled.connect(self._on_size_edited)
        self.title.toggled.connect(lambda _on: self._refresh())
        self.font.currentFontChanged.connect(lambda _f: self._refresh())
        self.format.currentIndexChanged.connect(lambda _i: self._refresh())
        self._refresh()

    def _cm_box(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setAccessibleName(name)
        box.setRange(SMALLEST_CM, 100.0)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setSuffix(" cm")
        return box

    def _set_choice(self, choice: FigureChoice) -> None:
        index = self.preset.findData(choice.preset)
        self.preset.setCurrentIndex(index if index >= 0 else self.preset.count() - 1)
        self.width.setValue(choice.width_cm)
        self.auto_height.setChecked(choice.height_cm is None)
        self.height.setValue(choice.height_cm or 10.0)
        self.type_size.setValue(choice.type_size)
        self.title.setChecked(choice.title)
        if choice.font_family:
            self.font.setCurrentFont(QFont(choice.font_family))
        self.format.setCurrentIndex(max(0, self.format.findData(choice.fmt)))
        self.dpi.setValue(choice.dpi)

    def _on_preset_activated(self, _index: int) -> None:
        key = self.preset.currentData()
        if key in PRESETS:
            _, width, height = PRESETS[key]
            for box in (self.width, self.height, self.auto_height):
                box.blockSignals(True)
            self.width.setValue(width)
            self.auto_height.setChecked(height is None)
            if height is not None:
                self.height.setValue(height)
            for box in (self.width, self.height, self.auto_height):
                box.blockSignals(False)
        self._refresh()

    def _on_size_edited(self, *_args) -> None:
        """A size typed by hand is a custom size, unless it is a preset's."""
        key = "custom"
        for name, (_label, width, height) in PRESETS.items():
            same_height = (height is None) == self.auto_height.isChecked() and (
                height is None or abs(self.height.value() - height) < 0.05
            )
            if abs(self.width.value() - width) < 0.05 and same_height:
                key = name
        self.preset.setCurrentIndex(self.preset.findData(key))
        self._refresh()

    def spec(self) -> FigureSpec:
        return FigureSpec(
            self.width.value(),
            None if self.auto_height.isChecked() else self.height.value(),
            self.type_size.value(),
            self.title.isChecked(),
            self.font.currentFont().family(),
        )

    def choice(self) -> FigureChoice:
        spec = self.spec()
        return FigureChoice(
            self.preset.currentData(),
            spec.width_cm,
            spec.height_cm,
            spec.type_size,
            spec.title,
            spec.font_family,
            self.format.currentData(),
            self.dpi.value(),
        )

    def _refresh(self) -> None:
        self.height.setEnabled(not self.auto_height.isChecked())
        self.dpi.setEnabled(self.format.currentData() == "png")
        problem = self.problem = self.check(self.spec())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
        self.verdict.setText(
            f"Every name fits whole at {self.spec().describe()}."
            if problem is None
            else f"Too small: {problem}."
        )
        self.fit_button.setVisible(problem is not None)
        if problem is not None:
            width = max(problem.width_cm, self.width.value())
            height = max(problem.height_cm, self.height.value())
            self.fit_button.setText(f"Use {width:g} × {height:g} cm")

    def _on_fit_clicked(self) -> None:
        problem = self.problem
        if problem is None:
            return
        self.width.setValue(max(problem.width_cm, self.width.value()))
        if not self.auto_height.isChecked():
            self.height.setValue(max(problem.height_cm, self.height.value()))
