"""Actors in the case details: choosing another case with an actor row selected, and
actor fields saved as they are typed or chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _select_case(qtbot, window, row: int) -> None:
    view = window.view.case_list.view
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click_actor(qtbot, details, row: int) -> None:
    tree = details.actors
    rect = tree.visualItemRect(tree.topLevelItem(row))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _names(details) -> list[str]:
    tree = details.actors
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_choosing_another_case_with_an_actor_selected_shows_only_that_case(qtbot, window):
    window.view.tabs.setCurrentWidget(window.view.details_scroll)
    details = window.view.details
    _click_actor(qtbot, details, 1)  # the second actor of the first case
    assert details.actor_name.text() == details.actors.topLevelItem(1).text(0)
    _select_case(qtbot, window, 1)
    case = window.view.case
    assert case.uid == "uk-rwanda-2022"
    assert details.fields["title"].text() == case.title
    assert _names(details) == [a.name for a in case.actors]
    # the editor holds no actor of the case left behind
    assert details.actors.currentItem() is None
    assert details.actor_name.text() == ""
    assert not details.remove_actor.isEnabled()


SAVED_WITHIN = 3000  # ms


def _actor_named(window, name: str):
    return window.project.store.get("actor", {"name": name})


def _edit_first_actor(qtbot, window):
    window.view.tabs.setCurrentWidget(window.view.details_scroll)
    details = window.view.details
    _click_actor(qtbot, details, 0)  # European Union, in the first case
    qtbot.mouseClick(details.actor_name, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(details.actor_name.hasFocus)
    qtbot.keyClick(details.actor_name, Qt.Key.Key_End)
    return details


def test_an_actor_name_is_saved_after_a_pause_and_stays_selected(qtbot, window):
    details = _edit_first_actor(qtbot, window)
    steps = window.undo_stack.count()
    actor_id = _actor_named(window, "European Union")["id"]
    qtbot.keyClicks(details.actor_name, " (Council")
    qtbot.waitUntil(
        lambda: _actor_named(window, "European Union (Council") is not None,
        timeout=SAVED_WITHIN,
    )
    qtbot.keyClicks(details.actor_name, ") ")  # a trailing space, the next word to come
    qtbot.waitUntil(
        lambda: _actor_named(window, "European Union (Council)") is not None,
        timeout=SAVED_WITHIN,
    )
    assert details.actor_name.hasFocus()
    assert details.actor_name.text() == "European Union (Council) "  # nothing taken away
    assert details.actors.currentItem().text(0) == "European Union (Council)"
    assert window.undo_stack.count() == steps + 1  # one step for the whole name
    window.undo_action.trigger()
    assert window.project.store.get("actor", {"id": actor_id})["name"] == "European Union"
    assert details.actor_name.text() == "European Union"


def test_an_actor_choice_is_saved_at_once(qtbot, window):
    details = _edit_first_actor(qtbot, window)
    actor_id = _actor_named(window, "European Union")["id"]
    before = window.project.store.get("actor", {"id": actor_id})["category"]
    details.actor_category.setFocus()
    qtbot.keyClick(details.actor_category, Qt.Key.Key_Down)
    after = window.project.store.get("actor", {"id": actor_id})["category"]
    assert after != before and after == details.actor_category.currentData()
    assert details.actors.currentItem().text(0) == "European Union"
    role = details.actor_role.currentData()
    details.actor_role.setFocus()
    other = "recipient" if role == "wielder" else "wielder"
    qtbot.keyClick(details.actor_role, Qt.Key.Key_Down if other == "recipient" else Qt.Key.Key_Up)
    assert details.actor_role.currentData() == other
    item = details.actors.currentItem()  # the same actor, selected in its new role
    assert item.text(0) == "European Union" and item.text(1) == other


def test_an_actor_name_taken_by_another_is_said_beside_the_buttons(qtbot, window, monkeypatch):
    dialogs = []
    monkeypatch.setattr("ui.project_view.show_error", lambda *a: dialogs.append(a))
    details = _edit_first_actor(qtbot, window)
    details.actor_name.selectAll()
    qtbot.keyClicks(details.actor_name, "Turkey")
    qtbot.waitUntil(lambda: details.actor_problem.text() != "", timeout=SAVED_WITHIN)
    assert details.actor_problem.text() == "Another actor is called Turkey: choose another name."
    assert dialogs == []  # no box popping up while typing
    assert _actor_named(window, "European Union") is not None
    qtbot.keyClicks(details.actor_name, " and EU")
    qtbot.waitUntil(lambda: _actor_named(window, "Turkey and EU") is not None, timeout=SAVED_WITHIN)
    assert details.actor_problem.text() == ""


def test_add_actor_with_a_row_selected_starts_a_new_actor(qtbot, window):
    details = _edit_first_actor(qtbot, window)
    before = _names(details)
    qtbot.mouseClick(details.add_actor, Qt.MouseButton.LeftButton)
    assert _names(details) == before  # the selected actor was not added again
    assert details.actors.currentItem() is None
    assert details.actor_name.text() == "" and details.actor_name.hasFocus()
    qtbot.keyClicks(details.actor_name, "Frontex")
    for box in (details.actor_role, details.actor_category, details.actor_ns):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.mouseClick(details.add_actor, Qt.MouseButton.LeftButton)
    assert sorted(_names(details)) == sorted([*before, "Frontex"])
    assert details.actor_name.text() == ""
