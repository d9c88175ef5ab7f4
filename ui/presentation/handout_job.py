"""A handout written a page per turn of the event loop, so that the projected slide keeps
repainting and answering keys; a progress dialog (on the facilitator's screen) offers
Cancel. Pages are drawn in the GUI thread because they read the project's database,
whose connection belongs to it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.presentation.export import HandoutWriter, write_bytes
from workbench.project import Project

SHOW_PROGRESS_AFTER_MS = 400


class HandoutJob(QObject):
    """Emits `finished` with what to tell the facilitator: saved, cancelled or failed."""

    finished = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        project: Project,
        case_ids: Sequence[int],
        path: Path,
        session: str | None = None,
        adopted: Collection[tuple[int, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.keys = parent  # where the facilitator's keys go
        self.case_ids = list(case_ids)
        self.path = path
        self.done = 0
        self.writer = HandoutWriter(project, session, adopted)
        self.progress = QProgressDialog(
            f"Writing {path.name}…", "Cancel", 0, len(self.case_ids), parent
        )
        self.progress.setWindowTitle("Save handout")
        self.progress.setWindowModality(Qt.WindowModality.NonModal)  # the slide stays live
        # and keeps the keyboard: a clicker's keys still turn the slides (Cancel is clicked)
        self.progress.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.progress.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus)
        self.progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setValue(0)
        self.progress.canceled.connect(self.cancel)
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._next_page)
        self.over = False

    def start(self) -> None:
        self.timer.start()

    def _next_page(self) -> None:
        if self.over:
            return
        try:
            self.writer.add_page(self.case_ids[self.done])
        except (OSError, ValueError) as exc:
            self._end(f"The handout was not saved: {exc}", abandon=True)
            return
        self.done += 1
        self.progress.setLabelText(
            f"Writing {self.path.name}: page {self.done} of {len(self.case_ids)}"
        )
        self.progress.setValue(self.done)
        if self.progress.isActiveWindow():  # shown just now: the keyboard goes back
            self.keys.activateWindow()
        if self.done < len(self.case_ids):
            return
        self.timer.stop()
        try:
            write_bytes(self.writer.finish(), self.path)
        except (OSError, ValueError) as exc:
            self._end(f"The handout was not saved: {exc}")
            return
        pages = len(self.case_ids)
        self._end(f"Saved {self.path.name} ({pages} page{'s' if pages != 1 else ''})")

    def cancel(self) -> None:
        if not self.over:
            self._end(
                f"Handout cancelled after {self.done} of {len(self.case_ids)} pages: "
                "nothing was written.",
                abandon=True,
            )

    def _end(self, outcome: str, abandon: bool = False) -> None:
        self.over = True
        self.timer.stop()
        if abandon:
            self.writer.abandon()
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.progress.deleteLater()
        self.finished.emit(outcome)
        self.deleteLater()
