"""Long work (parsing a huge file, writing a workbook) in a thread, with a progress dialog,
while the window keeps repainting; work that can stop cleanly offers Cancel."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from workbench.errors import WorkbenchError
from workbench.failures import describe
from workbench.progress import Cancelled

Progress = Callable[[int, int], None]


class _Worker(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.stop = threading.Event()  # set from the GUI thread by Cancel

    def report(self, done: int, total: int) -> None:
        if self.stop.is_set():
            raise Cancelled
        self.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.work(self.report)
        except Cancelled:
            self.failed.emit(CANCELLED)
            return
        except WorkbenchError as exc:
            self.failed.emit(getattr(exc, "problem", str(exc)))
            return
        except (OSError, sqlite3.Error) as exc:
            error = describe(exc, "", "the work was not finished")
            where = getattr(error, "path", "")
            self.failed.emit(f"{where}: {error.problem}" if where else error.problem)
            return
        except Exception as exc:
            logging.getLogger("workbench.gui").error("background work failed", exc_info=True)
            self.failed.emit(f"an unexpected error ({type(exc).__name__}: {exc}); see the log")
            return
        self.done.emit(result)


class _Relay(QObject):
    """Lives in the GUI thread, so the worker's signals reach it queued, and the
    progress dialog is only ever touched from the GUI thread."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.outcome: list[Any] = []

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)

    @Slot(object)
    def on_done(self, result: object) -> None:
        self.outcome.append(result)

    @Slot(str)
    def on_failed(self, text: str) -> None:
        self.outcome.append(UserCancelled(text) if text == CANCELLED else Failure(text))


class Failure(str):
    """What went wrong, as text (returned instead of a result)."""


class UserCancelled(Failure):
    """The user pressed Cancel and the work stopped, leaving nothing half-done."""


CANCELLED = "cancelled"


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[Progress], Any],
    cancellable: bool = False,
) -> Any:
    """Run `work(progress)` in a thread; return its result, or a Failure.

    With `cancellable`, the dialog has a Cancel button: the next `progress` call then
    raises `Cancelled` in the work, which must leave nothing behind, and the result is
    a `UserCancelled`."""
    thread = QThread(parent)
    worker = _Worker(work)
    worker.moveToThread(thread)
    # The window is disabled below, and with it every widget it parents: a dialog
    # that must take a click on Cancel is a window of its own, shown over it.
    dialog = QProgressDialog(
        label, "Cancel" if cancellable else "", 0, 0, None if cancellable else parent
    )
    if cancellable:
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumWidth(380)  # room for a file name in the label
        dialog.canceled.connect(worker.stop.set)
        dialog.canceled.connect(lambda: dialog.setLabelText("Cancelling…"))
        if parent is not None:
            dialog.setWindowTitle(parent.window().windowTitle())
            centre = parent.window().frameGeometry().center()
            dialog.move(centre - dialog.rect().center())
    else:
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    relay = _Relay(dialog)
    worker.progress.connect(relay.on_progress)
    worker.done.connect(relay.on_done)
    worker.failed.connect(relay.on_failed)
    worker.done.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.started.connect(worker.run)
    # The window keeps painting but takes no input until the work is done: closing the
    # project (or starting other work) meanwhile would act on a project being read.
    window = parent.window() if parent is not None else None
    while window is not None and window.parentWidget() is not None:  # up from a dialog
        window = window.parentWidget().window()
    was_enabled = window.isEnabled() if window is not None else True
    if window is not None:
        window.setEnabled(False)
    thread.start()
    try:
        while thread.isRunning():
            QApplication.processEvents()
            thread.wait(20)
        QApplication.processEvents()  # deliver the last queued signals
    finally:
        if window is not None:
            window.setEnabled(was_enabled)
    dialog.close()
    if cancellable:
        dialog.deleteLater()  # no parent to take it along
    thread.deleteLater()
    outcome = relay.outcome
    return outcome[0] if outcome else Failure("the work did not finish")
