"""Typed text is saved about a second after typing stops, without leaving the field; one
run of typing in one field is one undo step; typed text survives undo, case changes and
deleting the case it was typed for."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.widgets import AUTOSAVE_MS

SAVED_WITHIN = AUTOSAVE_MS * 3  # ms: the pause, plus room for a slow machine


def _case(window, uid: str) -> dict:
    return window.project.store.get("study_case", {"uid": uid})


def _memo(window, uid: str, power_type: str = "compulsory") -> str:
    case_id = _case(window, uid)["id"]
    cell = window.project.store.get(
        "matrix_cell", {"case_id": case_id, "power_type_id": power_type}
    )
    return cell["memo"]


def _select_case(qtbot, window, row: int) -> None:
    view = window.view.case_list.view
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click_into(qtbot, editor) -> None:
    """Click at the end of the editor's text, as a user starting to type there.
    (Typed texts below are ASCII: the test keyboard has no other keys.)"""
    target = editor.viewport() if hasattr(editor, "viewport") else editor
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)


def _memo_editor(qtbot, window, row: int = 1):
    _select_case(qtbot, window, row)
    editor = window.view.matrix.quadrant("compulsory").memo
    _click_into(qtbot, editor)
    return editor


def test_a_memo_is_saved_after_a_pause_without_leaving_it(qtbot, window):
    before = _memo(window, "uk-rwanda-2022")
    editor = _memo_editor(qtbot, window)
    qtbot.keyClicks(editor, " Removals were paid for.")
    assert _memo(window, "uk-rwanda-2022") == before  # not at each key
    qtbot.waitUntil(
        lambda: _memo(window, "uk-rwanda-2022") == before + " Removals were paid for.",
        timeout=SAVED_WITHIN,
    )
    assert editor.hasFocus()
    assert editor.toPlainText() == before + " Removals were paid for."


def test_typing_with_pauses_is_one_undo_step(qtbot, window):
    before = _memo(window, "uk-rwanda-2022")
    editor = _memo_editor(qtbot, window)
    steps = window.undo_stack.count()
    typed = before
    for words in (" Cash", " for", " removals."):
        qtbot.keyClicks(editor, words)
        typed += words
        qtbot.waitUntil(
            lambda now=typed: _memo(window, "uk-rwanda-2022") == now, timeout=SAVED_WITHIN
        )
    assert window.undo_stack.count() == steps + 1
    assert window.undo_action.text() == "&Undo Edit compulsory memo of UK–Rwanda 2022"
    window.undo_action.trigger()
    assert _memo(window, "uk-rwanda-2022") == before  # from before the typing began
    assert editor.toPlainText() == before
    window.redo_action.trigger()
    assert editor.toPlainText() == typed


def test_leaving_the_field_and_coming_back_is_a_new_step(qtbot, window):
    before = _memo(window, "uk-rwanda-2022")
    editor = _memo_editor(qtbot, window)
    qtbot.keyClicks(editor, " One.")
    window.view.matrix.quadrant("structural").setFocus()  # leaving saves at once
    assert _memo(window, "uk-rwanda-2022") == before + " One."
    _click_into(qtbot, editor)
    qtbot.keyClicks(editor, " Two.")
    qtbot.waitUntil(
        lambda: _memo(window, "uk-rwanda-2022") == before + " One. Two.", timeout=SAVED_WITHIN
    )
    window.undo_action.trigger()
    assert _memo(window, "uk-rwanda-2022") == before + " One."


def test_typing_then_erasing_it_leaves_no_undo_step(qtbot, window):
    before = _memo(window, "uk-rwanda-2022")
    editor = _memo_editor(qtbot, window)
    steps = window.undo_stack.count()
    qtbot.keyClicks(editor, " x")
    qtbot.waitUntil(lambda: _memo(window, "uk-rwanda-2022") == before + " x", timeout=SAVED_WITHIN)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: _memo(window, "uk-rwanda-2022") == before, timeout=SAVED_WITHIN)
    assert window.undo_stack.count() == steps


def test_undo_while_typing_takes_back_the_typing(qtbot, window):
    editor = _memo_editor(qtbot, window)
    before = editor.toPlainText()
    quadrant = window.view.matrix.quadrant("compulsory")
    qtbot.mouseClick(quadrant.score_group.button(1), Qt.MouseButton.LeftButton)
    _click_into(qtbot, editor)
    qtbot.keyClicks(editor, " Not yet saved.")
    window.undo_action.trigger()  # Edit ▸ Undo, before the pause
    assert editor.toPlainText() == before
    assert _memo(window, "uk-rwanda-2022") == before
    assert _case_score(window, "uk-rwanda-2022") == 1  # the step before stays
    window.redo_action.trigger()
    assert editor.toPlainText() == before + " Not yet saved."


def _case_score(window, uid: str) -> int | None:
    case_id = _case(window, uid)["id"]
    return window.project.store.get(
        "matrix_cell", {"case_id": case_id, "power_type_id": "compulsory"}
    )["score"]


def test_a_change_made_while_typing_comes_after_the_typing(qtbot, window):
    """Ctrl+D in the memo duplicates the case with what was typed a moment before."""
    editor = _memo_editor(qtbot, window)
    before = editor.toPlainText()
    qtbot.keyClicks(editor, " Typed first.")
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copy = window.view.case
    assert copy.uid != "uk-rwanda-2022"
    assert copy.cells["compulsory"].memo == before + " Typed first."
    assert _memo(window, "uk-rwanda-2022") == before + " Typed first."
    window.undo_action.trigger()  # the copy
    window.undo_action.trigger()  # the typing
    assert _memo(window, "uk-rwanda-2022") == before


def test_text_typed_then_another_case_chosen_stays_with_its_case(qtbot, window):
    editor = _memo_editor(qtbot, window, row=1)
    before = editor.toPlainText()
    qtbot.keyClicks(editor, " For UK-Rwanda.")
    qtbot.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.view.case.uid != "uk-rwanda-2022"
    assert _memo(window, "uk-rwanda-2022") == before + " For UK-Rwanda."
    assert "For UK-Rwanda" not in editor.toPlainText()
    qtbot.wait(AUTOSAVE_MS + 300)  # no late save lands in the case now shown
    assert "For UK-Rwanda" not in _memo(window, window.view.case.uid)


def test_deleting_a_case_while_typing_keeps_the_text_for_undo(qtbot, window, monkeypatch):
    monkeypatch.setattr("ui.project_view.confirm", lambda *a, **k: True)
    editor = _memo_editor(qtbot, window, row=1)
    before = editor.toPlainText()
    qtbot.keyClicks(editor, " Typed just before deleting.")
    window.delete_action.trigger()
    assert _case(window, "uk-rwanda-2022") is None
    qtbot.wait(AUTOSAVE_MS + 300)  # nothing is saved to a case that is gone
    window.undo_action.trigger()
    assert _memo(window, "uk-rwanda-2022") == before + " Typed just before deleting."


def test_the_summary_and_line_fields_are_saved_after_a_pause(qtbot, window):
    window.view.tabs.setCurrentWidget(window.view.details_scroll)
    details = window.view.details
    _click_into(qtbot, details.summary)
    qtbot.keyClicks(details.summary, " Courts stopped the flights.")
    qtbot.waitUntil(
        lambda: _case(window, "eu-turkey-2016")["summary"].endswith("stopped the flights."),
        timeout=SAVED_WITHIN,
    )
    region = details.fields["region"]
    _click_into(qtbot, region)
    region.selectAll()
    qtbot.keyClicks(region, "Aegean")
    qtbot.waitUntil(
        lambda: _case(window, "eu-turkey-2016")["region"] == "Aegean", timeout=SAVED_WITHIN
    )
    assert region.hasFocus() and details.summary.toPlainText().endswith("the flights.")


def test_a_title_erased_to_be_retyped_is_not_put_back_while_typing(qtbot, window):
    window.view.tabs.setCurrentWidget(window.view.details_scroll)
    title = window.view.details.fields["title"]
    old = title.text()
    _click_into(qtbot, title)
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    qtbot.wait(AUTOSAVE_MS + 300)
    assert title.text() == ""  # still the user's to retype
    assert _case(window, "eu-turkey-2016")["title"] == old
    qtbot.keyClicks(title, "EU-Turkey statement")
    qtbot.waitUntil(
        lambda: _case(window, "eu-turkey-2016")["title"] == "EU-Turkey statement",
        timeout=SAVED_WITHIN,
    )
    assert window.undo_action.text() == "&Undo Rename case EU–Turkey 2016 to EU-Turkey statement"
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    window.view.details.summary.setFocus()  # leaving it empty: a case keeps a title
    assert title.text() == "EU-Turkey statement"


def test_tags_typed_keep_their_commas_while_saved(qtbot, window):
    window.view.tabs.setCurrentWidget(window.view.details_scroll)
    tags = window.view.details.tags
    _click_into(qtbot, tags)
    qtbot.keyClick(tags, Qt.Key.Key_End)
    qtbot.keyClicks(tags, ", deterrence, ")
    qtbot.waitUntil(
        lambda: (
            window.project.store.get(
                "case_tag", {"case_id": _case(window, "eu-turkey-2016")["id"], "tag": "deterrence"}
            )
            is not None
        ),
        timeout=SAVED_WITHIN,
    )
    assert tags.text().endswith("deterrence, ")  # the next tag is typed right there
    qtbot.keyClicks(tags, "aid")
    qtbot.waitUntil(lambda: "aid" in window.view.case.tags, timeout=SAVED_WITHIN)
    window.undo_action.trigger()
    assert "deterrence" not in window.view.case.tags and "aid" not in window.view.case.tags


def test_ctrl_z_in_the_memo_takes_back_its_typing_and_leaves_no_step(qtbot, window):
    editor = _memo_editor(qtbot, window)
    before = editor.toPlainText()
    steps = window.undo_stack.count()
    qtbot.keyClicks(editor, " abc")
    qtbot.waitUntil(
        lambda: _memo(window, "uk-rwanda-2022") == before + " abc", timeout=SAVED_WITHIN
    )
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == before
    qtbot.waitUntil(lambda: _memo(window, "uk-rwanda-2022") == before, timeout=SAVED_WITHIN)
    assert window.undo_stack.count() == steps
