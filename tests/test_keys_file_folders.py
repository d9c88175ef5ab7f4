"""File dialogs start where the user last went for that kind of file: references from
one folder, bibliographies into another, each remembered on its own and after a
restart; a remembered folder that is gone gives way to the first choice."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QDialog

from ui.import_dialog import ImportReportDialog

REFS = Path(__file__).parent / "fixtures" / "refs"


def test_each_kind_of_file_starts_in_its_last_folder(qtbot, window, tmp_path, file_dialogs):
    papers = tmp_path / "papers"
    papers.mkdir()
    project_folder = str(window.project.path.parent)
    file_dialogs.choose(papers / "all.bib", tmp_path / "again.bib")
    window.export_refs_action.trigger()
    assert file_dialogs.asked[0] == str(Path(project_folder) / "bibliography.bib")
    window.export_refs_action.trigger()
    assert file_dialogs.asked[1] == str(papers / "bibliography.bib")  # where it went last


def test_references_are_looked_for_where_they_were_found(
    qtbot, window, tmp_path, file_dialogs, monkeypatch
):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    shutil.copy(REFS / "zotero.bib", downloads / "zotero.bib")
    monkeypatch.setattr(ImportReportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    file_dialogs.choose(downloads / "zotero.bib", None)
    window.import_refs_action.trigger()
    window.import_refs_action.trigger()
    assert file_dialogs.asked[1] == str(downloads)
    # the bibliography's folder is not the references' folder
    file_dialogs.choose(None)
    window.export_refs_action.trigger()
    assert file_dialogs.asked[2] == str(window.project.path.parent / "bibliography.bib")


def test_the_folder_is_remembered_after_a_restart(qtbot, window, tmp_path, file_dialogs):
    from ui.main_window import MainWindow

    elsewhere = tmp_path / "projects"
    elsewhere.mkdir()
    file_dialogs.choose(elsewhere / "Second.mpw")
    window.new_action.trigger()
    assert window.project.path == elsewhere / "Second.mpw"
    window.close_project()
    again = MainWindow()
    qtbot.addWidget(again)
    file_dialogs.choose(None)
    again.open_action.trigger()
    assert file_dialogs.asked[-1] == str(elsewhere)


def test_a_folder_that_is_gone_gives_way(qtbot, window, tmp_path, file_dialogs):
    papers = tmp_path / "papers"
    papers.mkdir()
    file_dialogs.choose(papers / "all.bib")
    window.export_refs_action.trigger()
    shutil.rmtree(papers)
    file_dialogs.choose(None)
    window.export_refs_action.trigger()
    assert file_dialogs.asked[-1] == str(window.project.path.parent / "bibliography.bib")
