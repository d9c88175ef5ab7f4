"""Redo answers to Ctrl+Y as well as Ctrl+Shift+Z: the habit of users coming from Windows,
also on desktops whose own Redo key is only Ctrl+Shift+Z (GNOME, KDE)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


@pytest.fixture
def gnome_keys(monkeypatch):
    """The key bindings of GNOME and KDE, where Redo is Ctrl+Shift+Z alone."""
    platform = QKeySequence.keyBindings

    def bindings(key):
        if key == QKeySequence.StandardKey.Redo:
            return [QKeySequence("Ctrl+Shift+Z")]
        return platform(key)

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(bindings))


def _score(window, power_type: str):
    store = window.project.store
    case_id = store.get("study_case", {"uid": "eu-turkey-2016"})["id"]
    return store.get("matrix_cell", {"case_id": case_id, "power_type_id": power_type})["score"]


def test_ctrl_y_redoes(qtbot, gnome_keys, window):
    quadrant = window.view.matrix.quadrant("structural")
    quadrant.setFocus()
    before = _score(window, "structural")
    qtbot.keyClick(quadrant, Qt.Key.Key_0)
    assert _score(window, "structural") == 0
    qtbot.keyClick(quadrant, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _score(window, "structural") == before
    qtbot.keyClick(quadrant, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _score(window, "structural") == 0
    shortcuts = [k.toString() for k in window.redo_action.shortcuts()]
    assert sorted(shortcuts) == ["Ctrl+Shift+Z", "Ctrl+Y"]  # each once
