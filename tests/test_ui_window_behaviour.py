"""The window as a user meets it: shortcuts that fire, forms that say what is missing,
a window that fits a laptop screen, edits that undo as one would expect."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
)

from ui.case_list_model import CASE_ID_ROLE
from ui.excerpt_editor_dialog import ExcerptEditorDialog
from ui.palette import apply_theme
from ui.source_editor_dialog import SourceEditorDialog
from workbench.errors import CommandError


def _case_id(window, uid: str) -> int:
    return window.project.store.get("study_case", {"uid": uid})["id"]


def _press_ok_then(monkeypatch, cls, check):
    """Replace the dialog's event loop: the user presses OK as the form stands, then
    `check(dialog)` looks at what the dialog shows; returns whether it was accepted."""

    def fake_exec(dialog):
        dialog.show()
        check(dialog, "before")
        buttons = dialog.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        check(dialog, "after")
        if dialog.result() != QDialog.DialogCode.Accepted:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(cls, "exec", fake_exec)


def test_an_incomplete_new_source_says_what_is_missing(qtbot, window, monkeypatch):
    seen = {}

    def check(dialog, when):
        if when == "after":
            seen["error"] = dialog.error.text()
            seen["visible"] = dialog.isVisible()

    _press_ok_then(monkeypatch, SourceEditorDialog, check)
    before = window.undo_stack.count()
    window.new_source_action.trigger()
    assert seen["error"] == "The citation key is required and has no spaces."
    assert seen["visible"]  # the form stays open for the user to complete
    assert window.undo_stack.count() == before


def test_an_incomplete_new_excerpt_says_what_is_missing(qtbot, window, monkeypatch):
    seen = {}

    def check(dialog, when):
        if when == "after":
            seen["error"] = dialog.error.text()

    _press_ok_then(monkeypatch, ExcerptEditorDialog, check)
    window.new_excerpt_action.trigger()
    assert seen["error"] == "The verbatim text is required."


def test_new_excerpt_from_a_quadrant_is_linked_to_it(qtbot, window, monkeypatch):
    view = window.view
    belarus = _case_id(window, "belarus-eu-2021")
    view.case_list.select_case(belarus)
    quadrant = view.matrix.quadrant("compulsory")
    qtbot.mouseClick(quadrant, Qt.MouseButton.LeftButton, pos=quadrant.rect().topLeft())
    shown = {}

    def check(dialog, when):
        if when == "before":
            shown["case"] = dialog.link_case.currentData()
            shown["mechanism"] = dialog.link_mechanism.currentData()
            shown["links"] = dialog.values().links
            shown["source"] = dialog.source.currentData()
            shown["hint"] = dialog.link_hint.text()
            dialog.text.setPlainText("Minsk opened a route to the Polish border.")
            dialog.source.setCurrentIndex(0)
            qtbot.mouseClick(dialog.add_link_button, Qt.MouseButton.LeftButton)

    _press_ok_then(monkeypatch, ExcerptEditorDialog, check)
    qtbot.keyClick(quadrant, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    first = window.project.framework.power_type("compulsory").mechanisms[0].id
    assert shown["case"] == belarus and shown["mechanism"] == first
    assert shown["links"] == []  # the quadrant is offered; the mechanism is the user's choice
    assert "compulsory migration power of Belarus" in shown["hint"]
    assert shown["source"] is None  # no source is guessed for the user
    item = view.evidence.current_item()
    assert item is not None and item.text.startswith("Minsk opened")
    links = window.project.store.select("evidence_link", {"excerpt_id": item.excerpt_id})
    assert [(r["case_id"], r["mechanism_id"]) for r in links] == [(belarus, first)]


def test_ctrl_e_works_from_the_case_filter(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(ExcerptEditorDialog, "exec", lambda d: opened.append(d) or 0)
    window.view.case_list.filter.setFocus()
    assert QApplication.focusWidget() is window.view.case_list.filter
    qtbot.keyClick(window.view.case_list.filter, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1


def test_no_shortcut_is_bound_twice_and_redo_works_by_key(qtbot, window):
    keys: dict[str, list[str]] = {}
    for action in window.findChildren(type(window.undo_action)):
        if not action.isEnabled() and action not in (window.undo_action, window.redo_action):
            continue
        for key in action.shortcuts():
            keys.setdefault(key.toString(), []).append(action.text())
    doubled = {k: v for k, v in keys.items() if len(v) > 1}
    assert doubled == {}
    quadrant = window.view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    old = window.view.case.cells["compulsory"].score
    qtbot.keyClick(quadrant, Qt.Key.Key_1)
    qtbot.keyClick(quadrant, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.view.case.cells["compulsory"].score == old
    redo = QKeySequence("Ctrl+Shift+Z")
    assert any(k == redo for k in window.redo_action.shortcuts())
    qtbot.keyClick(
        quadrant,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.view.case.cells["compulsory"].score == 1


def test_menu_mnemonics_are_unique(window):
    letters = []
    for action in window.menuBar().actions():
        text = action.text()
        letters.append(text[text.index("&") + 1].lower())
    assert len(letters) == len(set(letters)), letters
    view = next(a for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view.menu(), QMenu)


def test_the_window_fits_a_1280_by_800_screen(qtbot, window):
    window.resize(1280, 720)  # a 1280×800 screen less panels and title bar
    qtbot.wait(10)
    assert window.height() <= 720
    assert window.minimumSizeHint().height() <= 720
    window.resize(1280, 800)
    qtbot.wait(10)
    view = window.view  # the whole matrix shows, without scrolling
    assert view.matrix.height() <= view.matrix_scroll.viewport().height()


def test_unchecked_boxes_are_visible_in_the_dark_theme(qtbot, window):
    app = QApplication.instance()
    apply_theme(app, True)
    try:
        box = QCheckBox("effect")
        qtbot.addWidget(box)
        box.resize(120, 30)
        image = box.grab().toImage()
        background = QColor(image.pixel(image.width() - 2, image.height() // 2))

        def lum(c: QColor) -> float:
            def ch(v: float) -> float:
                return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

            return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

        best = max(
            (lum(QColor(image.pixel(x, y))) + 0.05) / (lum(background) + 0.05)
            for x in range(0, 24)
            for y in range(image.height())
        )
        assert best >= 3.0  # WCAG's contrast for the parts of a control
    finally:
        apply_theme(app, False)


def test_duplicates_can_be_told_apart(qtbot, window):
    window.duplicate_action.trigger()
    window.view.case_list.select_case(_case_id(window, "eu-turkey-2016"))
    window.duplicate_action.trigger()
    titles = [r["short_label"] for r in window.project.store.select("study_case")]
    assert "EU–Turkey 2016 (copy)" in titles and "EU–Turkey 2016 (copy 2)" in titles
    window.duplicate_action.trigger()  # a copy of the copy counts on
    titles = [r["short_label"] for r in window.project.store.select("study_case")]
    assert "EU–Turkey 2016 (copy 3)" in titles


def test_stepping_a_strength_with_arrows_is_one_undo_step(qtbot, window):
    quadrant = window.view.matrix.quadrant("compulsory")
    mechanism = next(iter(quadrant.strength_boxes))
    box = quadrant.strength_boxes[mechanism]
    box.setFocus()
    before = window.undo_stack.count()
    start = box.currentIndex()
    for _ in range(3):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentIndex() == min(start + 3, box.count() - 1)
    assert window.undo_stack.count() == before + 1
    window.undo_action.trigger()
    assert box.currentIndex() == start


def test_an_actor_can_be_edited_in_place(qtbot, window):
    window.view.tabs.setCurrentWidget(window.view.details_scroll)
    details = window.view.details
    details.actors.setCurrentItem(details.actors.topLevelItem(0))
    assert details.actor_name.text() == details.actors.topLevelItem(0).text(0)
    details.actor_name.setText("European Union (Council)")
    qtbot.keyClick(details.actor_name, Qt.Key.Key_Return)
    names = [
        details.actors.topLevelItem(i).text(0) for i in range(details.actors.topLevelItemCount())
    ]
    assert "European Union (Council)" in names
    window.undo_action.trigger()
    names = [
        details.actors.topLevelItem(i).text(0) for i in range(details.actors.topLevelItemCount())
    ]
    assert "European Union" in names


def test_enter_in_the_actor_name_never_reuses_the_previous_choices(qtbot, window):
    window.view.tabs.setCurrentWidget(window.view.details_scroll)
    details = window.view.details
    before = details.actors.topLevelItemCount()
    details.actor_name.setText("Frontex")
    qtbot.keyClick(details.actor_name, Qt.Key.Key_Return)
    assert details.actors.topLevelItemCount() == before
    assert details.actor_problem.text().startswith("Choose the actor's role")


def test_a_failed_undo_keeps_the_stack_and_the_file_in_step(qtbot, window, monkeypatch):
    quadrant = window.view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    qtbot.keyClick(quadrant, Qt.Key.Key_4)
    index = window.undo_stack.index()
    errors = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: errors.append(box.informativeText()) or 0)
    project = window.project

    def broken(command):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(project, "revert", broken)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(errors))
    assert window.undo_stack.index() == index  # still "done", as in the file
    assert (
        window.project.store.get(
            "matrix_cell", {"case_id": window.view.case.id, "power_type_id": "compulsory"}
        )["score"]
        == 4
    )
    monkeypatch.undo()
    window.undo_action.trigger()
    assert window.undo_stack.index() == index - 1


def test_a_refused_command_is_shown_and_changes_nothing(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)

    def refuse(command):
        raise CommandError("this case was removed meanwhile")

    monkeypatch.setattr(window.project, "apply", refuse)
    quadrant = window.view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    before = window.undo_stack.count()
    qtbot.keyClick(quadrant, Qt.Key.Key_2)
    assert shown == ["this case was removed meanwhile"]
    assert window.undo_stack.count() == before


def test_one_score_key_press_reads_nothing_back(qtbot, window):
    """The change itself carries the new score to the quadrant and the case list."""
    quadrant = window.view.matrix.quadrant("structural")
    quadrant.setFocus()
    statements = []
    window.project.store.conn.set_trace_callback(statements.append)
    try:
        qtbot.keyClick(quadrant, Qt.Key.Key_1)
    finally:
        window.project.store.conn.set_trace_callback(None)
    assert len(statements) <= 5, statements
    assert quadrant.score_badge.text().startswith("1 ·")
    model = window.view.case_list.model
    row = model.row_of(window.view.case.id)
    scores = model.data(model.index(row, 0), Qt.ItemDataRole.UserRole + 1)
    assert scores[2] == 1


def test_a_score_key_press_with_the_comparison_open_reads_nothing_and_is_charted(qtbot, window):
    """The comparison window follows the hub's events: the score the change carries is
    charted at once, with no statement beyond the key press's own."""
    window.compare_action.trigger()
    comparison = window.comparison_window
    qtbot.waitUntil(lambda: comparison.full is not None)
    case_id = window.view.case.id
    quadrant = window.view.matrix.quadrant("structural")
    window.activateWindow()
    quadrant.setFocus()
    statements = []
    window.project.store.conn.set_trace_callback(statements.append)
    try:
        qtbot.keyClick(quadrant, Qt.Key.Key_3)
        qtbot.wait(20)  # the comparison's redraw, after the command
    finally:
        window.project.store.conn.set_trace_callback(None)
    assert len(statements) <= 5, statements
    index = comparison.full.type_index("structural")
    assert comparison.full.case(case_id).scores[index] == 3
    assert comparison.comparison.case(case_id).scores[index] == 3
    comparison.close()
    assert window.comparison_window is None


def test_a_text_field_that_claims_ctrl_e_still_lets_new_excerpt_fire(qtbot, window):
    """As X11's Emacs-style line editing does: the field accepts the override."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    class EmacsField(QLineEdit):
        def event(self, event):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            return super().event(event)

    field = EmacsField()
    window.view.case_list.layout().addWidget(field)
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    override = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
    )
    QApplication.sendEvent(field, override)
    assert not override.isAccepted()
    other = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
    )
    QApplication.sendEvent(field, other)
    assert other.isAccepted()  # only the window's own shortcuts are released


def test_escape_asks_before_throwing_typed_text_away(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Cancel),
    )
    dialog = ExcerptEditorDialog(window.project, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText("A passage not yet saved.")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Discard the excerpt?"] and dialog.isVisible()


def test_a_taken_citation_key_is_refused_inside_the_dialog(qtbot, window, monkeypatch):
    seen = {}

    def check(dialog, when):
        if when == "before":
            dialog.key.setText("greenhill2010")
            dialog.title.setText("Weapons of mass migration")
        else:
            seen["error"] = dialog.error.text()
            seen["title"] = dialog.title.text()

    _press_ok_then(monkeypatch, SourceEditorDialog, check)
    window.new_source_action.trigger()
    assert seen["error"] == "Another source has the key 'greenhill2010': choose another one."
    assert seen["title"] == "Weapons of mass migration"  # nothing typed is lost


def test_an_empty_selection_shows_nothing_of_the_last_case(qtbot, window):
    quadrant = window.view.matrix.quadrant("compulsory")
    qtbot.keyClicks(window.view.case_list.filter, "no case has this title")
    assert window.view.case is None
    assert all(box.currentData() is None for box in quadrant.strength_boxes.values())
    assert all(label.text() == "" for label in quadrant.evidence_labels.values())
    assert quadrant.confidence.currentData() is None


def test_deleting_a_source_others_rely_on_says_so(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr("ui.sources_panel.confirm", lambda *a, **k: asked.append(a[3]) or False)
    store = window.project.store
    relied = store.conn.execute(
        "SELECT s.id FROM source s JOIN excerpt e ON e.underlying_source_id = s.id "
        "WHERE e.source_id <> s.id LIMIT 1"
    ).fetchone()[0]
    window.view.show_sources()
    window.view.sources.select_source(relied)
    qtbot.mouseClick(window.view.sources.delete_button, Qt.MouseButton.LeftButton)
    assert "name it as the work they rely on" in asked[0]


def test_ok_on_an_unchanged_excerpt_changes_nothing(qtbot, window, monkeypatch):
    store = window.project.store
    excerpt = store.select("excerpt", order_by=["id"])[0]
    with store.transaction():  # a quotation stored with white space at its end
        store.update("excerpt", {"id": excerpt["id"]}, {"text": excerpt["text"] + "\n"})
    _press_ok_then(monkeypatch, ExcerptEditorDialog, lambda dialog, when: None)
    before = window.undo_stack.count()
    window.view.open_excerpt(excerpt["id"])
    assert window.undo_stack.count() == before
    assert store.get("excerpt", {"id": excerpt["id"]})["text"] == excerpt["text"] + "\n"


def test_delete_deletes_a_case_only_from_the_case_list(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr("ui.project_view.confirm", lambda *a, **k: asked.append(a[2]) or False)
    evidence = window.view.evidence.view
    evidence.setFocus()
    evidence.setCurrentIndex(window.view.evidence.model.index(0))
    qtbot.keyClick(evidence, Qt.Key.Key_Delete)
    assert asked == []
    cases = window.view.case_list.view
    cases.setFocus()
    qtbot.keyClick(cases, Qt.Key.Key_Delete)
    assert len(asked) == 1 and asked[0].startswith("Delete the case")


def test_editing_an_excerpt_note_refreshes_its_listing_not_the_bibliography(qtbot, window):
    from workbench.commands import UpdateExcerpt

    view = window.view
    view.show_sources()
    resets = []
    view.sources.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    item = view.evidence.model.items[0]
    view.run(UpdateExcerpt(item.excerpt_id, note="Checked against the original."))
    assert resets == []  # no count changed: the 2,000-row bibliography is not re-read
    shown = next(i for i in view.evidence.model.items if i.excerpt_id == item.excerpt_id)
    assert shown.note == "Checked against the original."


def test_save_dialogs_never_start_in_the_application_data_folder(
    qtbot, window, file_dialogs, monkeypatch
):
    from ui.export_dialog import ExportOptionsDialog
    from workbench.settings import data_dir

    monkeypatch.setattr(ExportOptionsDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    window.close_project()  # then the empty window's "Open the sample project"
    sample = next(
        b for b in window.centralWidget().findChildren(QPushButton) if "sample" in b.text()
    )
    qtbot.mouseClick(sample, Qt.MouseButton.LeftButton)
    assert window.project.path.resolve().is_relative_to(data_dir().resolve())
    file_dialogs.choose(None, None)  # the user looks where the dialog starts, then cancels
    window.export_refs_action.trigger()
    window.export_xlsx_action.trigger()
    inside = str(data_dir().resolve())
    assert file_dialogs.asked and not any(a.startswith(inside) for a in file_dialogs.asked)


def test_next_and_previous_case_from_anywhere_in_the_window(qtbot, window):
    cases = window.view.case_list
    view = cases.view
    cases.select_case(None)
    window.next_case_action.trigger()
    assert view.currentIndex().row() == 0
    focus = window.view.matrix.quadrant("compulsory")
    focus.setFocus()
    window.activateWindow()
    qtbot.waitUntil(focus.hasFocus)
    qtbot.keyClick(focus, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex().row() == 1
    shown = view.currentIndex().data(CASE_ID_ROLE)
    assert window.view.case.id == shown  # the matrix follows
    qtbot.keyClick(focus, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focus, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex().row() == 0  # stops at the first case
    last = cases.proxy.rowCount() - 1
    for _ in range(last + 3):
        window.next_case_action.trigger()
    assert view.currentIndex().row() == last
    assert window.statusBar().currentMessage() == "This is the last case in the list."
    # in the list as shown: filtered
    cases.filter.setText("EU")
    first_shown = cases.proxy.index(0, 0).data(CASE_ID_ROLE)
    cases.select_case(first_shown)
    window.next_case_action.trigger()
    assert view.currentIndex().data(CASE_ID_ROLE) == cases.proxy.index(1, 0).data(CASE_ID_ROLE)
