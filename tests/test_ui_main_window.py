"""Drive the main window as a user would: clicks, keys, dialogs; check view and store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from ui.case_list_model import SCORES_ROLE
from ui.main_window import MainWindow
from workbench.project import Project


def _cell(window, uid, power_type):
    store = window.project.store
    case_id = store.get("study_case", {"uid": uid})["id"]
    return store.get("matrix_cell", {"case_id": case_id, "power_type_id": power_type})


def _select(qtbot, window, row):
    view = window.view.case_list.view
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_opens_sample_project_and_shows_first_case(window):
    assert window.view.case_list.proxy.rowCount() == 12
    assert window.view.matrix.case.uid == "eu-turkey-2016"
    assert "Sample project" in window.windowTitle()


def test_click_a_case_then_score_with_keys_undo_and_redo(qtbot, window):
    _select(qtbot, window, 1)  # UK–Rwanda
    assert window.view.matrix.case.uid == "uk-rwanda-2022"
    quadrant = window.view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    qtbot.keyClick(quadrant, Qt.Key.Key_1)
    assert _cell(window, "uk-rwanda-2022", "compulsory")["score"] == 1
    glyph = window.view.case_list.model.index(1, 3).data(SCORES_ROLE)
    assert glyph[0] == 1  # the list glyph follows at once
    assert quadrant.score_badge.text() == "1 · weak"
    assert window.undo_action.text() == "&Undo Set compulsory score of UK–Rwanda 2022 to 1 (weak)"

    qtbot.keyClick(quadrant, Qt.Key.Key_Right)  # move to the institutional quadrant
    right = window.view.matrix.quadrant("institutional")
    assert right.hasFocus()
    qtbot.keyClick(right, Qt.Key.Key_4)
    qtbot.keyClick(right, Qt.Key.Key_Down)
    assert window.view.matrix.quadrant("productive").hasFocus()
    assert _cell(window, "uk-rwanda-2022", "institutional")["score"] == 4

    window.undo_action.trigger()
    window.undo_action.trigger()
    assert _cell(window, "uk-rwanda-2022", "compulsory")["score"] == 3
    assert window.view.case_list.model.index(1, 3).data(SCORES_ROLE)[0] == 3
    assert quadrant.score_badge.text() == "3 · strong"
    window.redo_action.trigger()
    assert _cell(window, "uk-rwanda-2022", "compulsory")["score"] == 1
    assert window.undo_stack.count() == 2


def test_keyboard_shortcuts_reach_undo_and_redo(qtbot, window):
    window.activateWindow()
    quadrant = window.view.matrix.quadrant("structural")
    quadrant.setFocus()
    qtbot.keyClick(quadrant, Qt.Key.Key_0)
    assert _cell(window, "eu-turkey-2016", "structural")["score"] == 0
    qtbot.keyClick(quadrant, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _cell(window, "eu-turkey-2016", "structural")["score"] == 2
    qtbot.keyClick(
        quadrant,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _cell(window, "eu-turkey-2016", "structural")["score"] == 0


def test_clicking_a_score_button_and_confidence(qtbot, window):
    quadrant = window.view.matrix.quadrant("productive")
    qtbot.mouseClick(quadrant.score_group.button(4), Qt.MouseButton.LeftButton)
    assert _cell(window, "eu-turkey-2016", "productive")["score"] == 4
    quadrant.confidence.setCurrentIndex(quadrant.confidence.findData("high"))
    quadrant.confidence.activated.emit(quadrant.confidence.currentIndex())
    assert _cell(window, "eu-turkey-2016", "productive")["confidence"] == "high"
    qtbot.mouseClick(quadrant.effect_boxes["capacities"], Qt.MouseButton.LeftButton)
    assert _cell(window, "eu-turkey-2016", "productive")["effect_capacities"] == 1
    qtbot.mouseClick(quadrant.reset_effects, Qt.MouseButton.LeftButton)
    assert _cell(window, "eu-turkey-2016", "productive")["effect_capacities"] is None


def test_text_still_being_typed_is_saved_when_a_shortcut_moves_to_another_case(qtbot, window):
    """Ctrl+Page Down leaves the focus in the memo: the text goes to the case it was
    typed for, not lost and not given to the next case."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    quadrant = window.view.matrix.quadrant("structural")
    quadrant.memo.setFocus()
    qtbot.waitUntil(quadrant.memo.hasFocus)
    quadrant.memo.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(quadrant.memo, " Still typing.")
    before = _cell(window, "eu-turkey-2016", "structural")["memo"]
    assert not before.endswith("Still typing.")
    qtbot.keyClick(quadrant.memo, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.view.case.uid != "eu-turkey-2016"
    assert _cell(window, "eu-turkey-2016", "structural")["memo"] == before + " Still typing."
    assert "Still typing." not in _cell(window, window.view.case.uid, "structural")["memo"]
    # a field of the case details, the same way
    period = window.view.details.fields["period"]
    period.setFocus()
    qtbot.waitUntil(period.hasFocus)
    period.selectAll()
    qtbot.keyClicks(period, "2022-2023")
    moved_from = window.view.case.id
    qtbot.keyClick(period, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    store = window.project.store
    assert store.get("study_case", {"id": moved_from})["period"] == "2022-2023"
    window.undo_action.trigger()
    assert store.get("study_case", {"id": moved_from})["period"] != "2022-2023"


def test_memo_commits_when_leaving_the_field(qtbot, window):
    quadrant = window.view.matrix.quadrant("institutional")
    quadrant.memo.setFocus()
    quadrant.memo.selectAll()
    qtbot.keyClicks(quadrant.memo, "Readmission deal.")
    assert _cell(window, "eu-turkey-2016", "institutional")["memo"] != "Readmission deal."
    quadrant.setFocus()  # focus out commits
    assert _cell(window, "eu-turkey-2016", "institutional")["memo"] == "Readmission deal."
    assert window.undo_stack.count() == 1


def test_mechanism_strength(qtbot, window):
    quadrant = window.view.matrix.quadrant("structural")
    box = quadrant.strength_boxes["funding"]
    box.setCurrentIndex(box.findData(3))
    box.activated.emit(box.currentIndex())
    store = window.project.store
    case_id = window.view.matrix.case.id
    assert (
        store.get("mechanism_coding", {"case_id": case_id, "mechanism_id": "funding"})["strength"]
        == 3
    )
    window.undo_action.trigger()
    assert store.get("mechanism_coding", {"case_id": case_id, "mechanism_id": "funding"}) is None


def test_rename_with_f2(qtbot, window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("EU–Turkey deal renamed", True))
    window.view.case_list.view.setFocus()
    qtbot.keyClick(window.view.case_list.view, Qt.Key.Key_F2)
    row = window.project.store.get("study_case", {"uid": "eu-turkey-2016"})
    assert row["title"] == "EU–Turkey deal renamed"
    assert window.view.case_list.model.index(0, 0).data() == "EU–Turkey deal renamed"
    assert window.view.matrix.case_title.text().startswith("EU–Turkey deal renamed")


def test_delete_asks_names_the_evidence_and_can_be_undone(qtbot, window, monkeypatch):
    asked = []

    def fake_confirm(parent, title, text, detail="", action="Delete"):
        asked.append((text, detail))
        return True

    monkeypatch.setattr("ui.project_view.confirm", fake_confirm)
    store = window.project.store
    links = store.count("evidence_link", {"case_id": window.view.matrix.case.id})
    window.view.case_list.view.setFocus()
    qtbot.keyClick(window.view.case_list.view, Qt.Key.Key_Delete)
    assert asked and f"{links} evidence link(s)" in asked[0][1]
    assert store.get("study_case", {"uid": "eu-turkey-2016"}) is None
    assert window.view.case_list.proxy.rowCount() == 11
    assert window.view.matrix.case.uid == "uk-rwanda-2022"  # the next case is shown
    window.undo_action.trigger()
    assert store.get("study_case", {"uid": "eu-turkey-2016"}) is not None
    assert window.view.case_list.proxy.rowCount() == 12


def test_delete_cancelled_changes_nothing(qtbot, window, monkeypatch):
    monkeypatch.setattr("ui.project_view.confirm", lambda *a, **k: False)
    window.delete_action.trigger()
    assert window.project.store.count("study_case") == 12
    assert window.undo_stack.count() == 0


def test_add_and_duplicate_case(qtbot, window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("France visa cuts", True))
    window.add_case_action.trigger()
    assert window.view.matrix.case.title == "France visa cuts"
    assert window.view.case_list.proxy.rowCount() == 13
    window.duplicate_action.trigger()
    assert window.view.matrix.case.title == "France visa cuts (copy)"
    assert window.project.store.count("study_case") == 14


def test_undoing_a_new_case_with_text_still_typed_in_it_raises_nothing(qtbot, window, monkeypatch):
    """Undo first takes back the typing (saved just before), then the case; no command
    is pushed while the undo stack is undoing."""
    errors = []
    monkeypatch.setattr("ui.project_view.show_error", lambda *a: errors.append(a))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("France visa cuts", True))
    window.add_case_action.trigger()
    summary = window.view.details.summary
    window.view.tabs.setCurrentWidget(window.view.details_scroll)
    window.activateWindow()
    summary.setFocus()
    qtbot.waitUntil(summary.hasFocus)
    qtbot.keyClicks(summary, "Typed, not yet saved.")
    window.undo_action.trigger()
    assert summary.toPlainText() == ""
    assert window.project.store.count("study_case") == 13
    window.undo_action.trigger()
    assert errors == []
    assert window.project.store.count("study_case") == 12
    assert window.undo_stack.index() == 0 and window.undo_stack.count() == 2  # redo stays


def test_case_details_edits_are_commands(qtbot, window):
    details = window.view.details
    window.view.tabs.setCurrentIndex(1)
    region = details.fields["region"]
    region.setFocus()
    region.selectAll()
    qtbot.keyClicks(region, "Aegean Sea")
    qtbot.keyClick(region, Qt.Key.Key_Return)
    case = window.project.store.get("study_case", {"uid": "eu-turkey-2016"})
    assert case["region"] == "Aegean Sea"
    details.tags.setFocus()
    details.tags.selectAll()
    qtbot.keyClicks(details.tags, "deal, islands")
    qtbot.keyClick(details.tags, Qt.Key.Key_Return)
    tags = {r["tag"] for r in window.project.store.select("case_tag", {"case_id": case["id"]})}
    assert tags == {"deal", "islands"}
    details.objectives.item(0).setCheckState(Qt.CheckState.Checked)
    objectives = window.project.store.select("case_gcm_objective", {"case_id": case["id"]})
    assert {r["objective"] for r in objectives} >= {1}
    details.actor_name.setText("Greece")
    details.actor_role.setCurrentIndex(details.actor_role.findData("recipient"))
    details.actor_category.setCurrentIndex(details.actor_category.findData("state_destination"))
    qtbot.mouseClick(details.add_actor, Qt.MouseButton.LeftButton)
    assert details.actor_problem.text() == "Choose the actor's North/South."
    details.actor_ns.setCurrentIndex(details.actor_ns.findData("north"))
    qtbot.mouseClick(details.add_actor, Qt.MouseButton.LeftButton)
    names = [
        details.actors.topLevelItem(i).text(0) for i in range(details.actors.topLevelItemCount())
    ]
    assert "Greece" in names
    assert window.undo_stack.count() == 4
    for _ in range(4):
        window.undo_action.trigger()
    assert window.project.store.get("study_case", {"id": case["id"]})["region"] != "Aegean Sea"


def test_filter_box(qtbot, window):
    window.find_action.trigger()
    assert window.view.case_list.filter.hasFocus()
    qtbot.keyClicks(window.view.case_list.filter, "tunisia")
    assert window.view.case_list.proxy.rowCount() == 1


def test_text_from_data_is_shown_literally(qtbot, window):
    from workbench.commands import UpdateCase

    case_id = window.view.matrix.case.id
    window.undo_stack.run(UpdateCase(case_id, title="<b>Bold?</b> &amp;"))
    assert window.view.matrix.case_title.text().startswith("<b>Bold?</b> &amp;")
    assert window.view.matrix.case_title.textFormat() == Qt.TextFormat.PlainText


def test_overlap_dialog(qtbot, window, monkeypatch):
    from ui.overlap_dialog import OverlapDialog

    monkeypatch.setattr(OverlapDialog, "exec", lambda self: 0)
    dialogs = []
    original = OverlapDialog.__init__

    def spy(self, *a, **k):
        original(self, *a, **k)
        dialogs.append(self)

    monkeypatch.setattr(OverlapDialog, "__init__", spy)
    qtbot.mouseClick(window.view.matrix.overlaps_button, Qt.MouseButton.LeftButton)
    dialog = dialogs[0]
    assert dialog.list.count() == 1
    dialog.first.setCurrentIndex(dialog.first.findData("funding"))
    dialog.second.setCurrentIndex(dialog.second.findData("capacity_building"))
    dialog.note.setText("training paid by the EU")
    dialog._on_add_clicked()
    assert dialog.list.count() == 2
    assert window.view.matrix.overlaps_button.text() == "Overlaps (2)…"
    dialog.list.setCurrentRow(1)
    dialog._on_remove_clicked()
    assert dialog.list.count() == 1


def test_history_panel_lists_commands(qtbot, window):
    quadrant = window.view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    qtbot.keyClick(quadrant, Qt.Key.Key_2)
    qtbot.keyClick(quadrant, Qt.Key.Key_4)
    window.history_dock.toggleViewAction().trigger()
    assert window.history_dock.isVisible()
    model = window.undo_view.model()
    assert model.rowCount() == 3  # "Opened" plus two commands
    window.undo_view.setCurrentIndex(model.index(0, 0))  # jump back to the start
    assert _cell(window, "eu-turkey-2016", "compulsory")["score"] == 3


def test_framework_reference_escapes_text(window):
    from ui.framework_reference import framework_html

    html = framework_html(window.project.framework)
    assert "Coercive engineered migrations" in html
    assert "Social relations of constitution" in html
    assert "<script" not in html


@pytest.mark.parametrize("kind", ["damaged", "locked"])
def test_error_dialog_names_the_file(qtbot, tmp_path, monkeypatch, kind):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda self: shown.append((self.text(), self.informativeText())) or 0
    )
    path = tmp_path / f"{kind}.mpw"
    Project.create(path).close()
    holder = None
    if kind == "damaged":
        path.write_bytes(path.read_bytes()[:2000])
    else:
        holder = Project.open(path, backup=False)
    w = MainWindow()
    qtbot.addWidget(w)
    assert not w.open_path(path)
    assert shown and str(path) in shown[0][0]
    assert ("truncated" if kind == "damaged" else "already open") in shown[0][1]
    assert w.project is None
    if holder:
        holder.close()


def test_window_geometry_persists(qtbot, sample_path):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 520)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 520)


def test_close_project_shows_the_empty_state_and_reopens_recent(qtbot, window, sample_path):
    window.close_action.trigger()
    assert window.project is None
    assert not window.add_case_action.isEnabled()
    window.files.fill_recent_menu()
    recent = [a.toolTip() for a in window.recent_menu.actions()]
    assert str(sample_path.resolve()) in recent
    window.recent_menu.actions()[0].trigger()
    assert window.project is not None


def test_accessible_names(window):
    for quadrant in window.view.matrix.quadrants.values():
        assert quadrant.accessibleName().endswith("quadrant")
        assert quadrant.memo.accessibleName()
        assert quadrant.confidence.accessibleName()
    assert window.view.case_list.view.accessibleName() == "Cases"
    assert QApplication.instance() is not None


def test_delete_key_on_a_quadrant_clears_the_score_not_the_case(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr("ui.project_view.confirm", lambda *a, **k: asked.append(a) or True)
    quadrant = window.view.matrix.quadrant("institutional")
    quadrant.setFocus()
    qtbot.keyClick(quadrant, Qt.Key.Key_Delete)
    assert not asked
    assert window.project.store.count("study_case") == 12
    assert _cell(window, "eu-turkey-2016", "institutional")["score"] is None
    assert quadrant.score_badge.text() == "not scored"


def test_tab_walks_through_the_quadrant_fields(qtbot, window):
    quadrant = window.view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert quadrant.confidence in seen
    assert quadrant.memo in seen
    assert quadrant.strength_boxes["deterrence"] in seen
