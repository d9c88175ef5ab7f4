"""Screenshots of workshop mode on the sample project, for the documentation.

    python -m ui.presentation.screenshots [OUT_DIR]      (default: docs/screenshots)

Writes present-*.png at 1920×1080 and 1280×720, light and dark. Runs offscreen with
its own settings folders, on a copy of the sample project.

    python -m ui.presentation.screenshots --two-screens [OUT_DIR]

needs a display with two screens (an X server whose RandR monitors are a laptop and a
projector); it writes presenter-two-screens.png, the whole desktop: the presenter view
on the laptop, the slide on the projector, in the middle of a vote.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt

ROOT = Path(__file__).resolve().parent.parent.parent


def two_screens(out: Path) -> None:
    home = Path(tempfile.mkdtemp(prefix="mpw-presenter-shots-"))
    os.environ["MPW_DATA_DIR"] = str(home / "data")
    os.environ["MPW_CONFIG_DIR"] = str(home / "config")
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ui.app import create_application
    from ui.main_window import MainWindow
    from workbench.samples import build_sample_project

    app = create_application()
    screens = QGuiApplication.screens()
    if len(screens) < 2:
        sys.exit(f"two screens are needed, this display has {len(screens)}")
    build_sample_project(home / "sample.mpw").close()
    window = MainWindow()
    laptop = screens[0].geometry()
    window.setGeometry(laptop.adjusted(40, 40, -40, -40))
    window.show()
    window.open_path(home / "sample.mpw")
    window.present_action.trigger()
    shown = window.presentation_window
    for key in ("PageDown", "PageDown", "V", "3", "3", "4", "2", "3"):
        shown.press(getattr(Qt.Key, f"Key_{key}"))
    wait = QTimer()
    wait.setSingleShot(True)
    wait.start(1500)  # the window system places and paints both windows
    while wait.isActive():
        app.processEvents()
    desktop = QGuiApplication.primaryScreen().virtualGeometry()
    image = screens[0].grabWindow(0, desktop.x(), desktop.y(), desktop.width(), desktop.height())
    path = out / "presenter-two-screens.png"
    image.save(str(path))
    print(path)
    shown.close()
    window.close()
    QApplication.processEvents()


def main() -> None:
    if "--two-screens" in sys.argv:
        args = [a for a in sys.argv[1:] if a != "--two-screens"]
        out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        two_screens(out)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="mpw-present-shots-"))
    os.environ["MPW_DATA_DIR"] = str(home / "data")  # never the user's own settings
    os.environ["MPW_CONFIG_DIR"] = str(home / "config")
    from PySide6.QtWidgets import QApplication

    from ui.app import create_application
    from ui.main_window import MainWindow
    from workbench.samples import build_sample_project

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    build_sample_project(home / "sample.mpw").close()
    window = MainWindow()
    window.show()
    window.open_path(home / "sample.mpw")
    window.present_action.trigger()
    shown = window.presentation_window

    def shoot(name: str, width: int, height: int) -> None:
        shown.showNormal()
        shown.resize(width, height)
        QApplication.processEvents()
        path = out / f"present-{name}.png"
        shown.grab().save(str(path))
        print(path)

    def key(k: Qt.Key, text: str = "") -> None:
        from PySide6.QtGui import QKeyEvent

        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            app.sendEvent(shown, QKeyEvent(kind, k, Qt.KeyboardModifier.NoModifier, text))

    key(Qt.Key.Key_PageDown)
    key(Qt.Key.Key_PageDown)  # Australia–Nauru: every quadrant scored, mechanisms strong
    for theme in ("light", "dark"):
        if shown.theme.name != theme:
            key(Qt.Key.Key_T)
        for width, height in ((1920, 1080), (1280, 720)):
            shoot(f"{width}x{height}-{theme}", width, height)
    key(Qt.Key.Key_T)  # light
    key(Qt.Key.Key_N)
    shoot("notes-1920x1080-light", 1920, 1080)
    key(Qt.Key.Key_N)
    key(Qt.Key.Key_PageUp)
    key(Qt.Key.Key_PageUp)
    key(Qt.Key.Key_Return)
    shoot("evidence-1920x1080-light", 1920, 1080)
    key(Qt.Key.Key_Escape)
    key(Qt.Key.Key_Question, "?")
    shoot("keys-1920x1080-light", 1920, 1080)
    key(Qt.Key.Key_Question, "?")
    key(Qt.Key.Key_V)
    for digit in "3342313":  # seven participants
        key(getattr(Qt.Key, f"Key_{digit}"), digit)
    shoot("votes-hidden-1920x1080-light", 1920, 1080)
    key(Qt.Key.Key_R)
    shoot("votes-1920x1080-light", 1920, 1080)
    key(Qt.Key.Key_T)
    shoot("votes-1280x720-dark", 1280, 720)
    key(Qt.Key.Key_T)
    key(Qt.Key.Key_V)
    shown.close()
    from ui.presentation.window import PresentationWindow

    shown = PresentationWindow(window.session(), compared=[2, 3, 4])
    shown.show()
    shoot("side-by-side-1920x1080-light", 1920, 1080)
    shown.close()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
