"""The source dialog and the sources list, driven as a user would: names shown whole,
OK on an unchanged form records nothing, a key that cannot be one is refused inside
the dialog, and the formatted reference keeps the style's italics (preview, clipboard)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ui.source_editor_dialog import SourceEditorDialog
from workbench.commands import AddSource

CSL = {
    "type": "article-journal",
    "title": "Migration diplomacy in the western Mediterranean",
    "author": [
        {"family": "Fernández-Molina", "given": "Irene"},
        {"family": "Hernando de Larramendi", "given": "Miguel"},
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        {"literal": "United Nations, Department of Economic Affairs"},
    ],
    "custom": {"et-al": ["author"]},
    "container-title": "Mediterranean Politics",
    "volume": "27",
    "issued": {"date-parts": [[2022, 5, 3]]},
    "DOI": "10.1080/13629395.2022.MED",
}
SHOWN = (
    "Fernández-Molina, Irene\n"
    "Hernando de Larramendi, Miguel\n"
    "van der Berg, Jan\n"
    "King, Martin Luther, Jr.\n"
    "{United Nations, Department of Economic Affairs}\n"
    "et al."
)


def _press_ok_then(monkeypatch, change=None):
    """The dialog opens; the user changes what `change` changes, then clicks OK.
    Returns what the dialog showed (authors, error) after the click."""
    seen: dict[str, object] = {}

    def fake_exec(dialog):
        dialog.show()
        seen["authors"] = dialog.authors.toPlainText()
        if change:
            change(dialog)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.click()
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        if dialog.result() != QDialog.DialogCode.Accepted:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(SourceEditorDialog, "exec", fake_exec)
    return seen


def _add(window) -> int:
    command = AddSource(CSL, "fernandezmolina2022diplomacy")
    window.project.apply(command)
    return command.source_id


def _stored(window, source_id: int) -> dict:
    return json.loads(window.project.store.get("source", {"id": source_id})["csl"])


def _edit(qtbot, window, source_id):
    sources = window.view.sources
    window.view.show_sources()
    sources.select_source(source_id)
    qtbot.mouseClick(sources.edit_button, Qt.MouseButton.LeftButton)


def test_ok_on_an_unchanged_source_records_nothing(qtbot, window, monkeypatch):
    source_id = _add(window)
    before = _stored(window, source_id)
    undo_steps = window.undo_stack.count()
    seen = _press_ok_then(monkeypatch)
    _edit(qtbot, window, source_id)
    assert seen["authors"] == SHOWN  # every name whole, et al. on the last line
    assert not seen["open"] and seen["error"] == ""
    assert window.undo_stack.count() == undo_steps  # nothing recorded, nothing to undo
    assert _stored(window, source_id) == before  # the full date, the DOI's capitals kept


def test_editing_one_name_keeps_the_others_whole(qtbot, window, monkeypatch):
    source_id = _add(window)

    def add_a_name(dialog):
        dialog.authors.setPlainText(SHOWN.replace("et al.", "de la Cruz, María\net al."))

    _press_ok_then(monkeypatch, add_a_name)
    _edit(qtbot, window, source_id)
    stored = _stored(window, source_id)
    assert stored["author"] == [
        *CSL["author"],
        {"family": "Cruz", "given": "María", "non-dropping-particle": "de la"},
    ]
    assert stored["custom"] == {"et-al": ["author"]}
    assert stored["issued"] == CSL["issued"]
    window.undo_action.trigger()
    assert _stored(window, source_id)["author"] == CSL["author"]


def test_removing_et_al_in_the_dialog_ends_the_list(qtbot, window, monkeypatch):
    source_id = _add(window)

    def drop_et_al(dialog):
        dialog.authors.setPlainText(SHOWN.replace("\net al.", ""))

    _press_ok_then(monkeypatch, drop_et_al)
    _edit(qtbot, window, source_id)
    stored = _stored(window, source_id)
    assert "custom" not in stored and stored["author"] == CSL["author"]


def test_a_new_source_without_a_usable_key_is_refused_in_the_dialog(qtbot, window, monkeypatch):
    for key, error in (
        ("", "The citation key is required and has no spaces."),
        ("   ", "The citation key is required and has no spaces."),
        (
            "\u200b",
            "The citation key holds an invisible character (U+200B): type it again with "
            "letters, digits and - _ : .",
        ),
        ("smith{2020}", "The citation key cannot hold '{': use letters, digits and - _ : ."),
    ):

        def fill(dialog, key=key):
            dialog.key.setText(key)
            dialog.title.setText("Borders and power")

        seen = _press_ok_then(monkeypatch, fill)
        sources = window.project.store.count("source")
        steps = window.undo_stack.count()
        window.new_source_action.trigger()
        assert seen["error"] == error
        assert seen["open"]  # the form stays open for the user to mend the key
        assert window.project.store.count("source") == sources
        assert window.undo_stack.count() == steps


def test_the_preview_and_the_copied_reference_keep_the_italics(qtbot, window):
    source_id = _add(window)
    sources = window.view.sources
    window.view.show_sources()
    sources.select_source(source_id)
    assert "<i>Mediterranean Politics</i>" in sources.preview.text()
    assert sources.preview.textFormat() == Qt.TextFormat.RichText
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(sources.copy_reference_button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    assert "<i>Mediterranean Politics</i>, <i>27</i>" in mime.html()
    assert mime.text().startswith(
        "Fernández-Molina, I., Hernando de Larramendi, M., van der Berg, J., King, M. L., Jr., "
        "United Nations, Department of Economic Affairs, et al. (2022)."
    )
    assert "https://doi.org/10.1080/13629395.2022.MED" in mime.text()  # as written
    QGuiApplication.clipboard().clear()
    sources.view.setFocus()
    qtbot.keyClick(sources.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert "<i>Mediterranean Politics</i>" in QGuiApplication.clipboard().mimeData().html()


def test_an_imported_source_without_a_title_is_listed_and_edited_without_one(
    qtbot, window, monkeypatch, file_dialogs, tmp_path
):
    from ui.import_dialog import ImportReportDialog

    path = tmp_path / "untitled.ris"
    path.write_bytes(b"TY  - RPRT\nID  - weiss2023\nAU  - Weiss, Anna\nPY  - 2023\nER  - \n")
    shown = []

    def accept(dialog):
        shown.append(dialog.details.toPlainText())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReportDialog, "exec", accept)
    sources = window.view.sources
    window.view.show_sources()
    file_dialogs.choose(path)
    qtbot.mouseClick(sources.import_button, Qt.MouseButton.LeftButton)
    assert "new        weiss2023: (no title)" in shown[0]
    assert "warning    line 1 (weiss2023): the item has no title" in shown[0]
    source_id = window.project.store.get("source", {"citation_key": "weiss2023"})["id"]
    steps = window.undo_stack.count()
    seen = _press_ok_then(monkeypatch)
    _edit(qtbot, window, source_id)
    assert seen["error"] == "" and not seen["open"]  # no title asked of a source without one
    assert window.undo_stack.count() == steps


def test_a_key_stored_before_keys_were_checked_can_be_kept(qtbot, window, monkeypatch):
    command = AddSource({**CSL, "title": "Old entry"}, "oneil#2001")
    window.project.apply(command)

    def retitle(dialog):
        dialog.title.setText("Old entry, retitled")

    seen = _press_ok_then(monkeypatch, retitle)
    _edit(qtbot, window, command.source_id)
    assert seen["error"] == "" and not seen["open"]
    assert _stored(window, command.source_id)["title"] == "Old entry, retitled"
