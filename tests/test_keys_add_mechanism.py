"""Case ▸ Add Mechanism…: a project's own mechanism, added in the window as a user
would, shows in its quadrant at once, can be coded, and goes away with one undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ui.mechanism_dialog import AddMechanismDialog, mechanism_id_for


def _fill_and_press_ok(monkeypatch, qtbot, label: str, power_type: str = "structural"):
    seen: dict[str, object] = {}

    def fake_exec(dialog: AddMechanismDialog) -> int:
        dialog.show()
        dialog.power_type.setCurrentIndex(dialog.power_type.findData(power_type))
        qtbot.keyClicks(dialog.label, label)
        qtbot.keyClicks(dialog.definition, "Money migrants send home shapes what states can do.")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["ok_enabled"] = ok.isEnabled()
        seen["error"] = dialog.error.text()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        if dialog.result() != QDialog.DialogCode.Accepted:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(AddMechanismDialog, "exec", fake_exec)
    return seen


def test_an_added_mechanism_shows_in_its_quadrant_and_undoes(window, qtbot, monkeypatch):
    quadrant = window.view.matrix.quadrant("structural")
    before = set(quadrant.name_labels)
    _fill_and_press_ok(monkeypatch, qtbot, "Remittances")

    window.add_mechanism_action.trigger()

    added = set(quadrant.name_labels) - before
    assert added == {"custom_remittances"}
    assert quadrant.name_labels["custom_remittances"].text() == "Remittances"
    assert window.project.framework.mechanism("custom_remittances").power_type == "structural"
    # it is chosen, so its evidence (none yet) is what the list shows
    assert window.view.selected_mechanism == "custom_remittances"

    # it can be coded like any other mechanism
    box = quadrant.strength_boxes["custom_remittances"]
    box.setCurrentIndex(box.findData(3))
    box.activated.emit(box.currentIndex())
    assert window.view.case.codings["custom_remittances"].strength == 3

    window.undo_action.trigger()  # the coding
    window.undo_action.trigger()  # the mechanism
    assert set(quadrant.name_labels) == before
    assert window.view.selected_mechanism is None
    window.redo_action.trigger()
    assert "custom_remittances" in quadrant.name_labels


def test_a_name_the_project_has_is_refused_inside_the_dialog(window, qtbot, monkeypatch):
    seen = _fill_and_press_ok(monkeypatch, qtbot, "deterrence", power_type="compulsory")
    count = len(window.project.framework.mechanisms)

    window.add_mechanism_action.trigger()

    assert seen["ok_enabled"] is False
    assert "exists already" in seen["error"]
    assert len(window.project.framework.mechanisms) == count


def test_the_identifier_is_made_from_the_name_and_kept_unique():
    assert mechanism_id_for("Remittances", set()) == "custom_remittances"
    assert mechanism_id_for("Diáspora bonds!", set()) == "custom_diaspora_bonds"
    assert mechanism_id_for("Remittances", {"custom_remittances"}) == "custom_remittances_2"
