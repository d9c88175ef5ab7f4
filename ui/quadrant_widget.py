"""QuadrantWidget: one power type of one case — score, confidence, effects, mechanisms, memo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.evidence_model import decode_ids
from ui.palette import score_colour, text_colour
from ui.widgets import CommitTextEdit, ElidedLabel
from workbench.commands import Command, SetCell, SetMechanismCoding
from workbench.framework import EFFECTS, Framework, PowerType
from workbench.queries.case_detail import CaseDetail

SCORE_KEYS = {Qt.Key.Key_0: 0, Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}
ARROWS = {
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
}


class QuadrantWidget(QFrame):
    """Keys on the focused quadrant: 0–4 set the score, Delete clears it, arrows move."""

    move_requested = Signal(int, int)  # row and column step
    mechanism_selected = Signal(str)
    quadrant_selected = Signal(str)  # power type id
    excerpts_dropped = Signal(str, list)  # mechanism id, excerpt ids

    def __init__(
        self,
        framework: Framework,
        power_type: PowerType,
        run: Callable[[Command], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self.power_type = power_type
        self.run = run
        self.case: CaseDetail | None = None
        self.setObjectName("quadrant")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{power_type.name} quadrant")
        self.setAccessibleDescription(
            "Press 0 to 4 to set the score, Delete to clear it, arrow keys to move. "
            "Drop excerpts on a mechanism to link them."
        )
        self.setAcceptDrops(True)
        self._build()

    # --- construction ---------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(6)

        head = QHBoxLayout()
        title = QLabel(self.power_type.name)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        title.setToolTip(self.power_type.definition)
        head.addWidget(title, 1)
        self.score_badge = QLabel("–")
        self.score_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.score_badge.setMinimumSize(110, 30)
        self.score_badge.setAutoFillBackground(True)
        badge_font = self.score_badge.font()
        badge_font.setBold(True)
        self.score_badge.setFont(badge_font)
        self.score_badge.setAccessibleName(f"{self.power_type.label} score")
        head.addWidget(self.score_badge)
        outer.addLayout(head)

        scores = QHBoxLayout()
        scores.setSpacing(3)
        self.score_group = QButtonGroup(self)
        self.score_group.setExclusive(False)
        for value, label in enumerate(self.framework.score_labels):
            button = QPushButton(f"{value}\n{label}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the quadrant takes the keys
            button.setToolTip(
                f"Score {value}: {label} (key {value}). Click the chosen score again to clear it."
            )
            button.setAccessibleName(f"{self.power_type.label} score {value}, {label}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(20)
            self.score_group.addButton(button, value)
            scores.addWidget(button)
        self.score_group.idClicked.connect(self._on_score_clicked)
        outer.addLayout(scores)

        row = QHBoxLayout()
        row.addWidget(QLabel("Confidence"))
        self.confidence = QComboBox()
        self.confidence.addItem("—", None)
        for level in self.framework.confidence_levels:
            self.confidence.addItem(level, level)
        self.confidence.setAccessibleName(f"{self.power_type.label} confidence")
        self.confidence.activated.connect(self._on_confidence_activated)
        row.addWidget(self.confidence)
        row.addStretch(1)
        outer.addLayout(row)

        row = QHBoxLayout()
        row.addWidget(QLabel("Effects on"))
        self.effect_boxes: dict[str, QCheckBox] = {}
        for effect in EFFECTS:
            box = QCheckBox(effect)
            box.setAccessibleName(f"{self.power_type.label} effect on {effect}")
            box.clicked.connect(lambda checked, e=effect: self._on_effect_clicked(e, checked))
            self.effect_boxes[effect] = box
            row.addWidget(box)
        self.reset_effects = QToolButton()
        self.reset_effects.setText("↺")
        self.reset_effects.setToolTip("Reset the effects to the mechanisms' defaults")
        self.reset_effects.setAccessibleName(f"Reset {self.power_type.label} effects")
        self.reset_effects.clicked.connect(self._on_reset_effects_clicked)
        row.addWidget(self.reset_effects)
        row.addStretch(1)
        outer.addLayout(row)

        # the mechanisms' rows live in a widget of their own: a project's own mechanism
        # added later rebuilds them without touching the rest of the quadrant
        self.mechanism_rows = QWidget()
        outer.addWidget(self.mechanism_rows)
        self.strength_boxes: dict[str, QComboBox] = {}
        self.evidence_labels: dict[str, QLabel] = {}
        self.name_labels: dict[str, QLabel] = {}
        self._build_mechanism_rows()

        self.memo = CommitTextEdit()
        self.memo.setPlaceholderText("Memo: why this score?")
        self.memo.setAccessibleName(f"{self.power_type.label} memo")
        self.memo.setMinimumHeight(44)
        self.memo.committed.connect(self._on_memo_committed)
        outer.addWidget(self.memo, 1)

    def _build_mechanism_rows(self) -> None:
        # rows keep their height (a squeezed combo box clips its text); the memo gives way
        self.mechanism_rows.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid = QGridLayout(self.mechanism_rows)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for i, mechanism in enumerate(self.power_type.mechanisms):
            name = ElidedLabel(mechanism.label)
            name.setToolTip(
                f"{mechanism.label}\n{mechanism.definition}\nDefault effect: on {mechanism.effect}"
            )
            strength = QComboBox()
            strength.addItem("not coded", None)
            for value, label in enumerate(self.framework.strength_labels):
                strength.addItem(f"{value} {label}", value)
            strength.setAccessibleName(f"Strength of {mechanism.label}")
            strength.activated.connect(
                lambda _i, m=mechanism.id, box=strength: self._on_strength_activated(m, box)
            )
            evidence = QLabel("")
            evidence.setAccessibleName(f"Evidence for {mechanism.label}")
            evidence.setMinimumWidth(70)
            grid.addWidget(name, i, 0)
            grid.addWidget(strength, i, 1)
            grid.addWidget(evidence, i, 2)
            self.strength_boxes[mechanism.id] = strength
            self.evidence_labels[mechanism.id] = evidence
            self.name_labels[mechanism.id] = name
            for clickable in (name, evidence):
                clickable.setCursor(Qt.CursorShape.PointingHandCursor)
                clickable.setProperty("mechanism", mechanism.id)
                clickable.installEventFilter(self)
        grid.setColumnStretch(0, 1)

    def set_power_type(self, power_type: PowerType) -> None:
        """The same quadrant with the mechanisms the project has now."""
        self.power_type = power_type
        old, self.mechanism_rows = self.mechanism_rows, QWidget()
        self.layout().replaceWidget(old, self.mechanism_rows)
        old.hide()  # painted no more, even before Qt deletes it
        old.deleteLater()
        self.strength_boxes.clear()
        self.evidence_labels.clear()
        self.name_labels.clear()
        self._build_mechanism_rows()
        self.show_case(self.case)

    # --- showing a case -----------------------------------------------------------

    def show_case(self, case: CaseDetail | None) -> None:
        self.case = case
        enabled = case is not None
        for child in self.findChildren(QWidget):
            child.setEnabled(enabled)
        if case is None:  # nothing of the last case shown may stay on screen
            self._show_score(None)
            self.memo.show_value("")
            self.confidence.setCurrentIndex(0)
            for box in self.effect_boxes.values():
                box.setChecked(False)
            for mechanism_id, box in self.strength_boxes.items():
                box.setCurrentIndex(0)
                self.evidence_labels[mechanism_id].setText("")
            return
        cell = case.cells[self.power_type.id]
        self._show_score(cell.score)
        self.confidence.setCurrentIndex(max(0, self.confidence.findData(cell.confidence)))
        for effect, box in self.effect_boxes.items():
            box.setChecked(cell.effect(effect))
            overridden = cell.overrides[effect] is not None
            font = box.font()
            font.setItalic(not overridden)
            box.setFont(font)
            box.setToolTip("Set by you" if overridden else "Default from the mechanisms coded")
        self.reset_effects.setEnabled(any(v is not None for v in cell.overrides.values()))
        for mechanism_id, box in self.strength_boxes.items():
            coding = case.codings.get(mechanism_id)
            strength = coding.strength if coding else None
            box.setCurrentIndex(max(0, box.findData(strength)))
            n = case.evidence_counts.get(mechanism_id, 0)
            self.evidence_labels[mechanism_id].setText(
                f"{n} excerpt{'s' if n != 1 else ''}" if n else "no evidence"
            )
        self.memo.show_value(cell.memo)

    def _show_score(self, score: int | None) -> None:
        for button in self.score_group.buttons():
            button.setChecked(self.score_group.id(button) == score)
        label = "not scored" if score is None else f"{score} · {self.framework.score_labels[score]}"
        self.score_badge.setText(label)
        self.score_badge.setPalette(_score_palette(self.score_badge.palette(), score))
        for button in self.score_group.buttons():
            value = self.score_group.id(button)
            font = button.font()
            font.setBold(value == score)
            button.setFont(font)
            # the chosen score wears its colour; the others follow the application palette
            button.setPalette(
                _score_palette(button.palette(), value) if value == score else QPalette()
            )

    # --- user actions → commands ---------------------------------------------------

    def set_score(self, score: int | None) -> None:
        if self.case is None or self.case.cells[self.power_type.id].score == score:
            return
        self.run(SetCell(self.case.id, self.power_type.id, score=score))

    def _on_score_clicked(self, value: int) -> None:
        current = self.case.cells[self.power_type.id].score if self.case else None
        self.set_score(None if current == value else value)
        if self.case is not None:
            self._show_score(self.case.cells[self.power_type.id].score)
        self.setFocus()

    def _on_confidence_activated(self, index: int) -> None:
        if self.case is None:
            return
        value = self.confidence.itemData(index)
        if value != self.case.cells[self.power_type.id].confidence:
            self.run(SetCell(self.case.id, self.power_type.id, confidence=value))

    def _on_effect_clicked(self, effect: str, checked: bool) -> None:
        if self.case is not None:
            self.run(SetCell(self.case.id, self.power_type.id, **{f"effect_{effect}": checked}))

    def _on_reset_effects_clicked(self) -> None:
        if self.case is not None:
            self.run(
                SetCell(self.case.id, self.power_type.id, **{f"effect_{e}": None for e in EFFECTS})
            )

    def _on_strength_activated(self, mechanism_id: str, box: QComboBox) -> None:
        if self.case is None:
            return
        value = box.currentData()
        coding = self.case.codings.get(mechanism_id)
        if (coding.strength if coding else None) != value:
            self.run(SetMechanismCoding(self.case.id, mechanism_id, strength=value))
        self.mechanism_selected.emit(mechanism_id)

    def _on_memo_committed(self, text: str) -> None:
        if self.case is not None and text != self.case.cells[self.power_type.id].memo:
            self.run(SetCell(self.case.id, self.power_type.id, memo=text))

    # --- keyboard and focus -----------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Claim our keys before window shortcuts see them: Delete here clears the
        # score; it must not reach the window's "Delete case" action.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            key = event.key()
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and (
                key in SCORE_KEYS
                or key in ARROWS
                or key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            ):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in SCORE_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.set_score(SCORE_KEYS[Qt.Key(key)])
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.set_score(None)
            return
        if key in ARROWS and not event.modifiers():
            self.move_requested.emit(*ARROWS[Qt.Key(key)])
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        # focus given back by a closing menu, dialog or window is no new choice: the
        # mechanism chosen in this quadrant stays chosen (New Excerpt links it)
        if event.reason() not in (
            Qt.FocusReason.PopupFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
        ):
            self.quadrant_selected.emit(self.power_type.id)
        super().focusInEvent(event)

    # --- choosing a mechanism, and dropping evidence on one -------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and watched.property("mechanism"):
            self.select_mechanism(watched.property("mechanism"))
        return super().eventFilter(watched, event)

    def select_mechanism(self, mechanism_id: str) -> None:
        self.mark_mechanism(mechanism_id)
        self.mechanism_selected.emit(mechanism_id)

    def mark_mechanism(self, mechanism_id: str | None) -> None:
        """Underline the mechanism whose evidence is listed (None: none of ours)."""
        for mid, label in self.name_labels.items():
            font = label.font()
            font.setUnderline(mid == mechanism_id)
            label.setFont(font)

    def mechanism_at(self, y: int) -> str | None:
        """The mechanism whose row is at height y (quadrant coordinates)."""
        y -= self.mechanism_rows.y()  # the rows' geometry is within their own widget
        for mid, label in self.name_labels.items():
            box = self.strength_boxes[mid]
            top = min(label.geometry().top(), box.geometry().top()) - 2
            bottom = max(label.geometry().bottom(), box.geometry().bottom()) + 2
            if top <= y <= bottom:
                return mid
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.case is not None and decode_ids(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.mechanism_at(int(event.position().y())) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mechanism_id = self.mechanism_at(int(event.position().y()))
        ids = decode_ids(event.mimeData())
        if mechanism_id is None or not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.excerpts_dropped.emit(mechanism_id, ids)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded border; thick and in the highlight colour when the quadrant has focus."""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focused = self.hasFocus()
        role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
        width = 3 if focused else 1
        painter.setPen(QPen(self.palette().color(role), width))
        inset = width / 2 + 0.5
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 6, 6)


def _score_palette(base: QPalette, score: int | None) -> QPalette:
    palette = QPalette(base)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Button):
        palette.setColor(role, score_colour(score))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(role, text_colour(score))
    return palette
