"""PresentationWindow: one case's matrix full screen for a room, driven from the keyboard
or a presenter's clicker (which sends PageUp, PageDown and B or .)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QScreen,
)
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from ui.presentation.canvas import Canvas, TextRun, TypeScale
from ui.presentation.content import ReferenceCache, evidence_lines, excerpt_counts
from ui.presentation.screens import Placement, holding, next_slide_screen, place
from ui.presentation.slide import (
    KEYS_HELP,
    SIDE_BY_SIDE_HELP,
    EvidenceLine,
    SlideContent,
    VoteView,
    differing_types,
    paint_evidence,
    paint_keys,
    paint_no_case,
    paint_side_by_side,
    paint_slide,
)
from ui.presentation.theme import BLANK, PresentationTheme, theme_for
from ui.save_places import remember_folder, start_folder
from ui.session import Session
from workbench import queries, votes
from workbench.changes import ExcerptsEdited, SourcesChanged
from workbench.commands import Command, SetCell
from workbench.commands.matrix import CONFIDENCE
from workbench.errors import CommandError
from workbench.queries import CaseDetail

if TYPE_CHECKING:
    from ui.presentation.presenter import PresenterView

DIGITS = {Qt.Key.Key_0: 0, Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}
ARROWS = {
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
}
NEXT_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_Space)
PREVIOUS_KEYS = (Qt.Key.Key_PageUp,)
MESSAGE_MS = 6000
SLIDE_FILTERS = "PNG image, 1920×1080 (*.png);;SVG drawing (*.svg)"


def screen_layout() -> list[tuple[QScreen, QRect]]:
    """The screens and where each sits on the desktop."""
    return [(screen, screen.geometry()) for screen in QGuiApplication.screens()]


@dataclass(frozen=True)
class PresenterInfo:
    """What the presenter view shows besides the slide."""

    current: str
    next: str
    votes: str
    notes_html: str


class PresentationWindow(QWidget):
    """Keys are handled here, not by child widgets: the whole slide is painted, so that the
    same drawing serves the screen, the slide files and the handouts."""

    def __init__(self, session: Session, compared: list[int] | None = None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.host = session  # the main window's project, hub and case list
        self.main_window = session.main_window
        self.project = session.project
        self.undo_stack = session.undo_stack
        self.hub = session.hub
        self.case_list = session.case_list
        self.compared = list(compared) if compared else None  # cases side by side
        self.theme: PresentationTheme = theme_for(session.dark())
        self.framework = self.project.framework
        self.case: CaseDetail | None = None
        self.focused = self.framework.at(
            self.framework.rows[0]["id"], self.framework.columns[0]["id"]
        ).id
        self.notes = False
        self.blank = False
        self.help = False
        self.evidence: list[EvidenceLine] | None = None  # the overlay, when open
        self.evidence_start = 0
        self.evidence_shown = 0  # how many excerpts the overlay's last paint held
        self.vote_mode = False
        self.revealed = False
        self.vote_level = 2
        self.session = votes.session_label(date.today())
        self.presented: list[int] = []  # the cases shown, in the order first shown
        self.adopted: set[tuple[int, str]] = set()  # (case, power type) given the median
        self.presenter: PresenterView | None = None  # the facilitator's screen, if two
        self.slide_screen = 0  # index into screen_layout()
        self.facilitator_screen = 0  # the main window's, where the presenter view goes
        self.handout_job = None  # a long handout being written
        self._next_slide: SlideContent | None = None  # the presenter view's next case
        self.message = ""
        self.runs: list[TextRun] = []  # what the last paint wrote, for checks
        self.references = ReferenceCache(self.project)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self._clear_message)
        self.setWindowTitle(f"Presenting — {self.project.name}")
        self.setAccessibleName("Presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(640, 360))
        self._build_actions()
        self.hub.changed.connect(self._on_events)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screens_changed)  # a projector plugged in or out
        app.screenRemoved.connect(self._screens_changed)
        if self.compared is not None:
            self.setWindowTitle(f"Side by side — {self.project.name}")
            for case_id in self.compared:
                self._note_presented(case_id)
            self.show_case(self.compared[0] if self.compared else None)
        else:
            current = session.current_case()
            self.show_case(current if current is not None else self._first_case())

    def _build_actions(self) -> None:
        from ui.main_window import redo_shortcuts  # loaded already: the window opens us

        self.undo_action = QAction("Undo", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction("Redo", self)
        self.redo_action.setShortcuts(redo_shortcuts())
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.slide_action = QAction("Save Slide…", self)
        self.slide_action.setShortcut(QKeySequence.StandardKey.Save)
        self.slide_action.triggered.connect(self.save_slide)
        self.handout_action = QAction("Save Handout…", self)
        self.handout_action.setShortcut(QKeySequence("Ctrl+P"))
        self.handout_action.triggered.connect(lambda: self.save_handout(presented=False))
        self.handouts_action = QAction("Save Handout of the Cases Presented…", self)
        self.handouts_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.handouts_action.triggered.connect(lambda: self.save_handout(presented=True))
        for action in (self.slide_action, self.handout_action, self.handouts_action):
            self.addAction(action)

    # --- cases --------------------------------------------------------------------------

    def case_order(self) -> list[int]:
        """The case list's order as the user sees it: sorted, filtered to a selection.
        Side by side, the compared cases: PageDown moves the focus among them."""
        if self.compared is not None:
            return list(self.compared)
        return self.host.listed_case_ids()

    def _first_case(self) -> int | None:
        order = self.case_order()
        return order[0] if order else None

    def show_case(self, case_id: int | None) -> None:
        self._message_timer.stop()
        self.message = ""  # what was said of the last slide
        self.case = queries.case_detail(self.project, case_id) if case_id is not None else None
        if self.case is not None:
            self._note_presented(self.case.id)
        self._count_excerpts()
        self.evidence = None
        self.vote_mode = False
        self.revealed = False
        if self.presenter is not None:
            self.presenter.case_changed()
        self.refresh()

    def _note_presented(self, case_id: int) -> None:
        if case_id not in self.presented:
            self.presented.append(case_id)

    def refresh(self) -> None:
        """Repaint the slide and the presenter view."""
        self.update()
        if self.presenter is not None:
            self.presenter.refresh()

    def step(self, delta: int) -> None:
        order = self.case_order()
        if not order:
            return
        current = self.case.id if self.case else None
        index = order.index(current) if current in order else -1
        target = min(max(index + delta, 0), len(order) - 1)
        if target == index:
            self.say("This is the last case." if delta > 0 else "This is the first case.")
            return
        self.show_case(order[target])
        if self.compared is None:
            self.case_list.select_case(order[target])  # the main window follows

    def _on_events(self, events) -> None:
        self._next_slide = None  # its scores or title may have changed
        if self.case is not None:
            self.case = queries.case_detail(self.project, self.case.id)
            if self.case is None:
                self.case = queries.case_detail(self.project, self._first_case() or 0)
            self._count_excerpts()
        if any(isinstance(e, (SourcesChanged, ExcerptsEdited)) for e in events):
            self.references.clear()
        if self.evidence is not None:
            self._load_evidence()
        self.refresh()

    # --- what is shown ------------------------------------------------------------------

    def _count_excerpts(self) -> None:
        self.excerpt_counts = excerpt_counts(self.project, self.case) if self.case else {}

    def content(self) -> SlideContent | None:
        if self.case is None:
            return None
        order = self.case_order()
        position = (order.index(self.case.id) + 1, len(order)) if self.case.id in order else None
        return SlideContent(
            case=self.case,
            framework=self.framework,
            theme=self.theme,
            focused=self.focused,
            notes=self.notes and self.presenter is None,  # two screens: notes stay on the laptop
            position=position,
            votes=self.vote_view(),
            footer=self.message or self.mode_line(),
            evidence_counts=self.excerpt_counts,
        )

    def compared_contents(self) -> list[SlideContent]:
        contents = []
        focus = self.case.id if self.case else None
        for case_id in self.compared or []:
            case = queries.case_detail(self.project, case_id)
            if case is not None:
                contents.append(
                    SlideContent(
                        case,
                        self.framework,
                        self.theme,
                        focused=self.focused if case_id == focus else None,
                        footer=self.message,
                    )
                )
        differs = differing_types(contents)
        for content in contents:
            content.differs = differs
        return contents

    def mode_line(self) -> str:
        parts = []
        if self.vote_mode:
            parts.append(f"Vote mode · {self.session} · + − at level {self.vote_level} (← →)")
        if self.notes:
            parts.append("Private notes shown (N hides them)")
        return "   ·   ".join(parts)

    def round_votes(self) -> list[votes.Vote]:
        if self.case is None:
            return []
        return votes.votes(self.project, self.case.id, self.focused, self.session)

    def vote_view(self) -> VoteView | None:
        if not self.vote_mode:
            return None
        result = votes.tally(v.score for v in self.round_votes())
        return VoteView(self.session, result, self.revealed, self.vote_level, self.adopted_score())

    def adopted_score(self) -> int | None:
        """The score the room's median became, while it still is the quadrant's score and
        the votes have not changed since."""
        if self.case is None or (self.case.id, self.focused) not in self.adopted:
            return None
        median = votes.tally(v.score for v in self.round_votes()).median_score
        cell = self.case.cells.get(self.focused)
        return median if cell is not None and median is not None and cell.score == median else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.runs = self.render_into(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def render_into(self, painter: QPainter, rect: QRectF) -> list[TextRun]:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # sized by the height, unless the screen is narrower than 4:3
        canvas = Canvas(painter, TypeScale(min(rect.height(), rect.width() * 0.75)))
        if self.blank:
            canvas.fill(rect, BLANK)
            return canvas.runs
        if self.help:
            keys = SIDE_BY_SIDE_HELP if self.compared is not None else KEYS_HELP
            paint_keys(canvas, rect, self.theme, keys)
            return canvas.runs
        content = self.content()
        if content is None:
            paint_no_case(canvas, rect, self.theme, self.message)
            return canvas.runs
        if self.evidence is not None:
            power_type = self.framework.power_type(self.focused)
            title = f"{power_type.label} · {content.case.name}: evidence"
            shown = paint_evidence(
                canvas,
                rect,
                self.theme,
                title,
                self.evidence,
                self.evidence_start,
                content.notes,
            )
            self.evidence_shown = shown
            return canvas.runs
        if self.compared is not None and not self.vote_mode:
            paint_side_by_side(canvas, rect, self.compared_contents())
            return canvas.runs
        paint_slide(canvas, rect, content)
        return canvas.runs

    def next_case_id(self) -> int | None:
        order = self.case_order()
        if self.case is None or self.case.id not in order:
            return order[0] if order and self.case is None else None
        index = order.index(self.case.id)
        return order[index + 1] if index + 1 < len(order) else None

    def next_slide(self) -> SlideContent | None:
        """The next case's slide, read once per case shown (and again after a change):
        the presenter view repaints at every key."""
        case_id = self.next_case_id()
        cached = self._next_slide
        if cached is not None and cached.case.id == case_id and cached.theme is self.theme:
            return cached
        case = queries.case_detail(self.project, case_id) if case_id is not None else None
        if case is None:
            self._next_slide = None
            return None
        counts = excerpt_counts(self.project, case)
        self._next_slide = SlideContent(
            case, self.framework, self.theme, hint="", evidence_counts=counts
        )
        return self._next_slide

    def render_next(self, painter: QPainter, rect: QRectF) -> bool:
        """The next case's slide, small, for the presenter view; False when none follows."""
        content = self.next_slide()
        if content is None:
            return False
        painter.save()
        painter.translate(rect.topLeft())
        canvas = Canvas(painter, TypeScale(min(rect.height(), rect.width() * 0.75)))
        paint_slide(canvas, QRectF(0, 0, rect.width(), rect.height()), content)
        painter.restore()
        return True

    def render_preview(self, painter: QPainter, rect: QRectF) -> None:
        """The slide drawn small for the presenter view (what is recorded of the slide's
        own paint is kept)."""
        shown = self.evidence_shown
        painter.save()
        painter.translate(rect.topLeft())
        self.render_into(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.restore()
        self.evidence_shown = shown

    def slide_image(self, size: QSize) -> QImage:
        image = QImage(size, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        try:
            self.render_into(painter, QRectF(0, 0, size.width(), size.height()))
        finally:
            painter.end()
        return image

    def say(self, message: str) -> None:
        self.message = message
        self._message_timer.start(MESSAGE_MS)
        self.refresh()

    def _clear_message(self) -> None:
        self.message = ""
        self.refresh()

    # --- commands -----------------------------------------------------------------------

    def run(self, command: Command, done: str) -> bool:
        problem = self.undo_stack.run(command)
        self.say(done if problem is None else f"Not saved: {problem}")
        return problem is None

    def score(self, value: int | None) -> None:
        if self.case is None:
            return
        label = self.framework.power_type(self.focused).label
        self.run(
            SetCell(self.case.id, self.focused, score=value),
            f"{label}: {value} ({self.framework.score_label(value)})"
            if value is not None
            else f"{label}: score cleared",
        )

    def cycle_confidence(self) -> None:
        """C: none → low → medium → high → none, on the framed quadrant."""
        if self.case is None:
            return
        cell = self.case.cells.get(self.focused)
        current = cell.confidence if cell is not None else None
        following = CONFIDENCE[(CONFIDENCE.index(current) + 1) % len(CONFIDENCE)]
        label = self.framework.power_type(self.focused).label
        self.run(
            SetCell(self.case.id, self.focused, confidence=following),
            f"{label}: {following} confidence" if following else f"{label}: confidence cleared",
        )

    def dialog_parent(self) -> QWidget:
        """Dialogs open on the facilitator's screen, never over the room's slide."""
        if self.presenter is not None and self.presenter.isVisible():
            return self.presenter
        return self

    def name_session(self) -> None:
        """Votes are kept per session: today's date unless the facilitator names it."""
        name, ok = QInputDialog.getText(
            self.dialog_parent(),
            "Workshop session",
            "Name of this session (its votes are kept under it):",
            text=self.session,
        )
        if ok and name.strip():
            self.session = name.strip()
            self.say(f"Session: {self.session}")

    def record_vote(self, value: int) -> None:
        if self.case is None:
            return
        try:
            command = votes.RecordVote(self.case.id, self.focused, self.session, value)
        except CommandError as exc:
            self.say(str(exc))
            return
        count = len(self.round_votes()) + 1
        self.run(command, f"Vote {count} recorded" + ("" if self.revealed else " (hidden)"))

    def remove_vote(self, level: int | None) -> None:
        """Remove the last vote, or the last one at a level."""
        round_votes = [v for v in self.round_votes() if level is None or v.score == level]
        if not round_votes:
            self.say(
                "No vote to remove." if level is None else f"No vote at level {level} to remove."
            )
            return
        self.run(votes.RemoveVote(round_votes[-1].id), "Vote removed")

    def clear_votes(self) -> None:
        if self.case is None:
            return
        self.run(votes.ClearVotes(self.case.id, self.focused, self.session), "Votes cleared")

    def adopt_median(self) -> None:
        if self.case is None:
            return
        if not self.revealed:
            self.say("Reveal the votes first (R).")
            return
        try:
            command = votes.adopt_median(self.project, self.case.id, self.focused, self.session)
        except CommandError as exc:
            self.say(f"Not adopted: {exc}")
            return
        if self.run(command, command.label):
            self.adopted.add((self.case.id, self.focused))

    # --- slides and handouts ------------------------------------------------------------

    def _suggested(self, suffix: str) -> str:
        name = self.case.name if self.case and self.compared is None else self.project.name
        safe = "".join(c if c.isalnum() or c in " -_" else "-" for c in name).strip()
        return str(start_folder("slides", self.project) / f"{safe or 'slide'}{suffix}")

    def save_slide(self) -> None:
        """The slide as the room sees it (one case, or the cases side by side): PNG
        (1920×1080) or SVG, by the chosen name."""
        from ui.presentation.export import write_side_by_side, write_slide

        if self.case is None:
            self.say("There is no case on the slide to save.")
            return
        name, _ = QFileDialog.getSaveFileName(
            self.dialog_parent(), "Save slide", self._suggested(".png"), SLIDE_FILTERS
        )
        if not name:
            return
        remember_folder("slides", name)
        path = Path(name)
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_name(path.name + ".png")
        try:
            if self.compared is not None:
                write_side_by_side(self.project, self.compared, path, self.theme)
            else:
                write_slide(self.project, self.case.id, path, self.theme)
        except (OSError, ValueError) as exc:
            self.say(f"The slide was not saved: {exc}")
            return
        self.say(f"Saved {path.name}")

    def save_handout(self, presented: bool) -> None:
        """A PDF handout, one page a case: this case (or the cases side by side), or every
        case presented in this session in the order shown, with the session's votes."""
        from ui.presentation.handout_job import HandoutJob

        if presented:
            cases = list(self.presented)
        else:
            cases = list(self.compared or ([self.case.id] if self.case else []))
        if not cases:
            self.say("No case has been presented yet.")
            return
        suffix = " handouts.pdf" if len(cases) > 1 else " handout.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self.dialog_parent(), "Save handout", self._suggested(suffix), "PDF (*.pdf)"
        )
        if not name:
            return
        remember_folder("slides", name)
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        if self.handout_job is not None:
            self.handout_job.cancel()
        self.handout_job = HandoutJob(
            self.dialog_parent(),
            self.project,
            cases,
            path,
            session=self.session,
            adopted={key for key in self.adopted},
        )
        self.handout_job.finished.connect(self._handout_finished)
        self.handout_job.start()

    def _handout_finished(self, outcome: str) -> None:
        self.handout_job = None
        self.say(outcome)
        QTimer.singleShot(0, self._take_keys_back)  # once the progress dialog has gone

    def _take_keys_back(self) -> None:
        keys = self.dialog_parent()
        if keys.isVisible():
            keys.activateWindow()
            keys.setFocus()

    # --- evidence -----------------------------------------------------------------------

    def _load_evidence(self) -> None:
        if self.case is None:
            self.evidence = None
            return
        power_type = self.framework.power_type(self.focused)
        self.evidence = evidence_lines(self.project, self.case, power_type, self.references)
        self.evidence_start = min(self.evidence_start, max(0, len(self.evidence) - 1))

    def open_evidence(self) -> None:
        self.evidence_start = 0
        self._load_evidence()
        self.refresh()

    # --- screens ------------------------------------------------------------------------

    def present(self) -> None:
        """The slide full screen on another screen than the main window's when there is
        one, and the presenter view on the main window's screen."""
        layout = screen_layout()
        geometries = [geometry for _, geometry in layout]
        facilitator = holding(geometries, self.main_window.frameGeometry().center())
        self.facilitator_screen = facilitator
        self._place(layout, place(geometries, facilitator))

    def swap_screen(self) -> None:
        layout = screen_layout()
        if len(layout) < 2:
            self.say("There is only one screen.")
            return
        geometries = [geometry for _, geometry in layout]
        facilitator = min(self.facilitator_screen, len(layout) - 1)
        placement = next_slide_screen(geometries, self.slide_screen, facilitator)
        self.facilitator_screen = placement.presenter
        self._place(layout, placement)

    def _screens_changed(self, _screen: QScreen | None = None) -> None:
        """The projector was unplugged (the slide comes back to the laptop and the
        presenter view goes) or plugged in (the slide goes to it)."""
        layout = screen_layout()
        if not layout or not self.isVisible():
            return
        geometries = [geometry for _, geometry in layout]
        facilitator = holding(geometries, self.main_window.frameGeometry().center())
        self.facilitator_screen = facilitator
        placement = place(geometries, facilitator)
        if placement.presenter is None and self.presenter is not None:
            presenter, self.presenter = self.presenter, None
            presenter.close()
            presenter.deleteLater()
        self._place(layout, placement)
        self.say(
            "The second screen is gone: the slide is on this one (N shows the notes)."
            if placement.presenter is None
            else "The slide is on the second screen, the presenter view on yours."
        )

    def _place(self, layout: list[tuple[QScreen, QRect]], placement: Placement) -> None:
        self.slide_screen = placement.slide
        if placement.presenter is not None:
            if self.presenter is None:
                from ui.presentation.presenter import PresenterView

                self.presenter = PresenterView(self)
            screen, geometry = layout[placement.presenter]
            self.presenter.setScreen(screen)
            self.presenter.setGeometry(geometry)
            self.presenter.showMaximized()
        self._to_screen(*layout[placement.slide])
        if self.presenter is not None:  # the keyboard stays with the facilitator
            self.presenter.raise_()
            self.presenter.activateWindow()
            self.presenter.setFocus()
            self.presenter.refresh()

    def _to_screen(self, screen: QScreen, geometry: QRect) -> None:
        if self.isFullScreen():
            self.showNormal()
        self.setScreen(screen)
        self.setGeometry(geometry)
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def press(self, key: Qt.Key) -> None:
        """A key from the presenter view's buttons, as if typed."""
        self.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))

    def presenter_info(self) -> PresenterInfo:
        case = self.case
        order = self.case_order()
        if case is None:
            return PresenterInfo("No case to show", "", "", "")
        index = order.index(case.id) if case.id in order else -1
        current = f"{index + 1} / {len(order)}  {case.title}" if index >= 0 else case.title
        if 0 <= index < len(order) - 1:
            following = self.next_slide()
            next_text = f"Next: {following.case.title}" if following else ""
        else:
            next_text = "Next: none, this is the last case"
        label = self.framework.power_type(self.focused).label
        count = len(self.round_votes())
        if self.vote_mode:
            median = votes.tally(v.score for v in self.round_votes()).median
            shown = "shown to the room" + (f", median {median:g}" if median is not None else "")
            state = shown if self.revealed else "hidden from the room (R reveals)"
            vote_text = f"Votes on {label}: {count}, {state}  ·  {self.session}"
        else:
            vote_text = f"Votes on {label}: {count}  ·  {self.session}  ·  V opens the vote"
        return PresenterInfo(current, next_text, vote_text, self._notes_html())

    def _notes_html(self) -> str:
        """The case's memos, the framed quadrant's first, and its evidence's coder's notes."""
        case = self.case
        assert case is not None
        types = sorted(self.framework.power_types, key=lambda pt: pt.id != self.focused)
        parts = []
        for power_type in types:
            cell = case.cells.get(power_type.id)
            if cell is not None and cell.memo.strip():
                mark = " (framed)" if power_type.id == self.focused else ""
                parts.append(f"<p><b>{escape(power_type.label)}{mark}:</b> {escape(cell.memo)}</p>")
        if not parts:
            parts.append("<p><i>No memo in this case.</i></p>")
        return "".join(parts)

    # --- keys ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if self.blank:
            if key in (Qt.Key.Key_B, Qt.Key.Key_Period, Qt.Key.Key_Escape):
                self.blank = False
                self.refresh()
            return  # a blank screen stays blank until B or . again
        if key in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self.blank = True
            self.refresh()
            return
        if self.help:
            if text == "?" or key in (Qt.Key.Key_Escape, Qt.Key.Key_Question):
                self.help = False
                self.refresh()
            return
        if text == "?" or key == Qt.Key.Key_Question:
            self.help = True
            self.refresh()
            return
        if self.evidence is not None:
            self._evidence_key(key)
            return
        if key == Qt.Key.Key_Escape:
            if self.vote_mode:
                self.vote_mode = False
                self.refresh()
            else:
                self.close()
            return
        if key in NEXT_KEYS:
            self.step(1)
        elif key in PREVIOUS_KEYS:
            self.step(-1)
        elif key == Qt.Key.Key_N:
            self.toggle_notes()
        elif key == Qt.Key.Key_S:
            self.swap_screen()
        elif key == Qt.Key.Key_T:
            self.theme = theme_for(self.theme.name != "dark")
            self.refresh()
        elif key == Qt.Key.Key_V:
            self.vote_mode = not self.vote_mode
            self.revealed = False
            self._clear_message()
        elif key == Qt.Key.Key_R:
            self.vote_mode = True
            self.revealed = not self.revealed
            self._clear_message()
        elif key == Qt.Key.Key_L:
            self.name_session()
        elif key == Qt.Key.Key_C:
            self.cycle_confidence()
        elif self.vote_mode:
            self._vote_key(key, text)
        elif key in DIGITS:
            self.score(DIGITS[key])
        elif key in (Qt.Key.Key_Delete,):
            self.score(None)
        elif key in ARROWS:
            self._move(*ARROWS[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_evidence()
        else:
            super().keyPressEvent(event)

    def _vote_key(self, key: int, text: str) -> None:
        if key in DIGITS:
            self.record_vote(DIGITS[key])
        elif text == "+" or key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.record_vote(self.vote_level)
        elif text == "-" or key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.remove_vote(self.vote_level)
        elif key == Qt.Key.Key_Backspace:
            self.remove_vote(None)
        elif key == Qt.Key.Key_Delete:
            self.clear_votes()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.vote_level = min(
                max(self.vote_level + (1 if key == Qt.Key.Key_Right else -1), 0), 4
            )
            self.refresh()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.adopt_median()

    def _evidence_key(self, key: int) -> None:
        assert self.evidence is not None
        shown = max(1, self.evidence_shown)
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.evidence = None
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            if self.evidence_start + shown < len(self.evidence):
                self.evidence_start += shown
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            self.evidence_start = max(0, self.evidence_start - 1)
        self.refresh()

    def toggle_notes(self) -> None:
        if self.presenter is not None:  # two screens: the notes are on the laptop already
            self.say("Private notes are on the presenter screen, never on the slide.")
            return
        if self.compared is not None:
            self.say("Private notes show on one case's slide, not side by side.")
            return
        self.notes = not self.notes
        self.say("Private notes shown." if self.notes else "Private notes hidden.")

    def _move(self, d_row: int, d_column: int) -> None:
        power_type = self.framework.power_type(self.focused)
        rows = [r["id"] for r in self.framework.rows]
        columns = [c["id"] for c in self.framework.columns]
        row = min(max(rows.index(power_type.row) + d_row, 0), len(rows) - 1)
        wanted = columns.index(power_type.column) + d_column
        column = min(max(wanted, 0), len(columns) - 1)
        if self.compared is not None and wanted != column and self.case is not None:
            # side by side, past a matrix's edge is the neighbouring case's matrix
            order = self.case_order()
            index = order.index(self.case.id) + (1 if wanted > column else -1)
            if 0 <= index < len(order):
                self.focused = self.framework.at(rows[row], columns[len(columns) - 1 - column]).id
                self.show_case(order[index])
                return
        self.focused = self.framework.at(rows[row], columns[column]).id
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QGuiApplication.instance()
        for signal in (app.screenAdded, app.screenRemoved):
            try:
                signal.disconnect(self._screens_changed)
            except (RuntimeError, TypeError):
                pass
        if self.handout_job is not None:
            self.handout_job.cancel()
        presenter, self.presenter = self.presenter, None
        if presenter is not None:
            presenter.close()
            presenter.deleteLater()
        try:
            self.hub.changed.disconnect(self._on_events)
        except (RuntimeError, TypeError):
            pass  # the project's view (and its hub) is already gone
        session = self.main_window.session()
        following = session is not None and session.case_list is self.case_list
        if following and self.case is not None and self.compared is None:
            self.case_list.select_case(self.case.id)  # the main window shows where we were
        self.host.closed(self)
        self.main_window.activateWindow()
        event.accept()


def open_presentation(main_window) -> PresentationWindow | None:
    """F5: present the current case; a second F5 brings the open presentation forward."""
    session = main_window.session()
    if session is None:
        return None
    existing = main_window.presentation_window
    if existing is not None:
        existing.raise_()
        existing.activateWindow()
        return existing
    window = PresentationWindow(session)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    main_window.presentation_window = window
    window.present()
    return window


def open_side_by_side(main_window) -> PresentationWindow | None:
    """Two or three cases' matrices on one screen, chosen from the case list."""
    from ui.presentation.case_picker import choose_cases, last_choice, remember_choice

    session = main_window.session()
    if session is None:
        return None
    order = session.listed_case_ids()
    names = queries.case_names(session.project)
    current = session.current_case()
    if current is None:
        current = order[0] if order else None
    start = order.index(current) if current in order else 0
    checked = order[start : start + 2] if start + 2 <= len(order) else order[-2:]
    project_path = str(session.project.path)
    remembered = [c for c in last_choice(project_path) if c in order]
    if len(remembered) >= 2:
        checked = remembered
    chosen = choose_cases(main_window, [(c, names[c]) for c in order], checked)
    if not chosen:
        return None
    remember_choice(project_path, chosen)
    existing = main_window.presentation_window
    if existing is not None:
        existing.close()
    window = PresentationWindow(session, compared=chosen)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    main_window.presentation_window = window
    window.present()
    return window
