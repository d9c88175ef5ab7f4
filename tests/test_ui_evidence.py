"""Evidence in the desktop application: import through the dialog, excerpts, linking by
drag and by menu, search, copy citation, undo — driven as a user would."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from ui.evidence_model import EXCERPT_MIME, EvidenceListModel, decode_ids, encode_ids
from ui.excerpt_editor_dialog import ExcerptEditorDialog
from ui.import_dialog import ImportReportDialog
from ui.search_panel import SearchResultModel, hit_html
from ui.source_list_model import SourceListModel
from workbench.csl import sort_key

REFS = Path(__file__).parent / "fixtures" / "refs"


def drag(widget, pos: QPoint, mime: QMimeData) -> bool:
    """Enter, move and drop, as Qt delivers a real drag; True if the drop was accepted."""
    args = (
        Qt.DropAction.LinkAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(pos, *args)
    QApplication.sendEvent(widget, enter)
    QApplication.sendEvent(widget, QDragMoveEvent(pos, *args))
    drop = QDropEvent(QPointF(pos), *args)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def _accept(monkeypatch, cls, prepare=None):
    def fake_exec(self):
        if prepare:
            prepare(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(cls, "exec", fake_exec)


def test_models_pass_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(SourceListModel(window.project))
    evidence = EvidenceListModel()
    evidence.set_items(window.view.evidence.model.items)
    qtmodeltester.check(evidence)
    results = SearchResultModel()
    window.view.search.box.setText("containment")
    hits = window.view.search.run_search().hits
    results.set_hits(hits, ["h"] * len(hits))
    qtmodeltester.check(results)


def test_import_through_the_dialog_and_undo(qtbot, window, monkeypatch, file_dialogs):
    shown = []
    _accept(
        monkeypatch,
        ImportReportDialog,
        lambda d: shown.append((d.summary.text(), d.details.toPlainText(), d.import_button.text())),
    )
    store = window.project.store
    before = store.count("source")
    file_dialogs.choose(REFS / "zotero.bib")
    window.import_refs_action.trigger()
    assert window.view.tabs.currentWidget() is window.view.sources_tab
    summary, details, button = shown[0]
    # the entry without a title is imported, with a warning
    assert "4 new, 3 updated" in summary and "1 skipped" in summary
    assert "line 55 (unbalanced2020): syntax error" in details
    assert "line 68 (notitle2021): the item has no title" in details
    assert button == "Import 7"
    assert store.count("source") == before + 4
    assert window.view.sources.model.rowCount() == before + 4
    assert window.undo_action.text().startswith("&Undo Import 7 references from zotero.bib")
    window.undo_action.trigger()
    assert store.count("source") == before


def test_an_unreadable_file_changes_nothing(qtbot, window, monkeypatch, tmp_path, file_dialogs):
    shown = []
    _accept(
        monkeypatch,
        ImportReportDialog,
        lambda d: shown.append((d.summary.text(), d.import_button.isEnabled())),
    )
    bad = tmp_path / "photo.bib"
    bad.write_bytes(b"\x89PNG\x00\x00binary")
    window.view.show_sources()
    file_dialogs.choose(bad)
    qtbot.mouseClick(window.view.sources.import_button, Qt.MouseButton.LeftButton)
    assert "binary" in shown[0][0] and shown[0][1] is False
    assert window.undo_stack.count() == 0


def test_encoding_can_be_chosen(qtbot, window):
    dialog = ImportReportDialog(window.project, REFS / "latin1.bib", window)
    dialog.read()
    assert "cp1252" in dialog.summary.text() and "not UTF-8" in dialog.details.toPlainText()
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("latin-1"))
    dialog.read()
    assert "latin-1" in dialog.summary.text()
    update = dialog.plan.updates[0]
    assert update.reference.csl["author"][0]["family"] == "García García"


def test_new_excerpt_through_the_editor(qtbot, window, monkeypatch):
    view = window.view
    quadrant = view.matrix.quadrant("structural")
    qtbot.mouseClick(quadrant.name_labels["funding"], Qt.MouseButton.LeftButton)
    assert view.selected_mechanism == "funding"

    def fill(dialog: ExcerptEditorDialog) -> None:
        dialog.text.setPlainText("Brussels pays Ankara six billion euros.")
        dialog.source.setCurrentIndex(
            dialog.source.findData(
                window.project.store.get("source", {"citation_key": "fine2023"})["id"]
            )
        )
        dialog.locator.setText("p. 7")
        dialog.evidence_type.setCurrentIndex(dialog.evidence_type.findData("media"))
        assert dialog.links.count() == 1  # the selected mechanism is proposed

    _accept(monkeypatch, ExcerptEditorDialog, fill)
    qtbot.mouseClick(view.evidence.new_button, Qt.MouseButton.LeftButton)
    items = view.evidence.model.items
    assert [i.short_citation for i in items] == ["Fine, 2023, p. 7"]
    assert quadrant.evidence_labels["funding"].text() == "1 excerpt"
    assert items[0].pandoc == "[@fine2023, p. 7]"
    window.undo_action.trigger()
    assert view.evidence.model.rowCount() == 0
    assert quadrant.evidence_labels["funding"].text() == "no evidence"


def test_drag_an_excerpt_onto_a_mechanism(qtbot, window):
    view = window.view
    view.selected_type = None
    view.show_evidence()  # all evidence of EU–Turkey
    item = view.evidence.model.items[0]
    mime = view.evidence.model.mimeData([view.evidence.model.index(0)])
    assert decode_ids(mime) == [item.excerpt_id]
    quadrant = view.matrix.quadrant("productive")
    target = quadrant.name_labels["categorization"]
    drag(quadrant, target.mapTo(quadrant, target.rect().center()), mime)
    store = window.project.store
    link = {
        "excerpt_id": item.excerpt_id,
        "case_id": view.case.id,
        "mechanism_id": "categorization",
    }
    assert store.get("evidence_link", link) is not None
    assert quadrant.evidence_labels["categorization"].text() == "1 excerpt"
    window.undo_action.trigger()
    assert store.get("evidence_link", link) is None


def test_a_drop_outside_a_mechanism_row_links_nothing(window):
    quadrant = window.view.matrix.quadrant("productive")
    drag(quadrant, QPoint(5, 5), encode_ids([1]))
    assert window.undo_stack.count() == 0
    foreign = QMimeData()
    foreign.setText("not ours")
    assert decode_ids(foreign) == [] and EXCERPT_MIME not in foreign.formats()


def test_link_by_menu_unlink_and_copy_citations(qtbot, window):
    view = window.view
    view.evidence.view.setCurrentIndex(view.evidence.model.index(0))
    item = view.evidence.current_item()
    menu = view.evidence.context_menu()
    link_menu = next(a.menu() for a in menu.actions() if a.text() == "Link to mechanism")
    next(a for a in link_menu.actions() if a.text() == "Deterrence").trigger()
    store = window.project.store
    assert (
        store.get(
            "evidence_link",
            {"excerpt_id": item.excerpt_id, "case_id": view.case.id, "mechanism_id": "deterrence"},
        )
        is not None
    )
    view.evidence.view.setCurrentIndex(view.evidence.model.index(0))
    for text, expected in (
        ("Copy citation (pandoc)", item.pandoc),
        ("Copy citation (author-date)", item.short_citation),
    ):
        next(a for a in view.evidence.context_menu().actions() if a.text() == text).trigger()
        assert QGuiApplication.clipboard().text() == expected
    assert item.pandoc.startswith("[@fernandezmolina2025, ")
    qtbot.mouseClick(
        view.matrix.quadrant("compulsory").name_labels["deterrence"], Qt.MouseButton.LeftButton
    )
    assert [i.excerpt_id for i in view.evidence.model.items] == [item.excerpt_id]
    view.evidence.view.setCurrentIndex(view.evidence.model.index(0))
    next(
        a for a in view.evidence.context_menu().actions() if a.text() == "Unlink from what is shown"
    ).trigger()
    assert view.evidence.model.rowCount() == 0


def test_find_by_search_and_open_in_context(qtbot, window):
    window.search_action.trigger()
    search = window.view.search
    assert search.box.hasFocus()
    qtbot.keyClicks(search.box, "recalcitrant")
    result = search.run_search()
    assert result.hits and "result" in search.status.text()
    row = next(i for i, h in enumerate(search.model.hits) if h.kind == "excerpt")
    hit = search.model.hits[row]
    search.view.setCurrentIndex(search.model.index(row))
    qtbot.keyClick(search.view, Qt.Key.Key_Return)
    view = window.view
    assert view.case.uid == "us-visa-sanctions-243d"
    assert view.tabs.currentWidget() is view.matrix_scroll
    assert view.evidence.current_item().excerpt_id == hit.excerpt_id
    # filters narrow the results
    search.evidence_type.setCurrentIndex(search.evidence_type.findData("interview"))
    assert not search.run_search().hits and search.status.text() == "No matches."


def test_search_snippets_escape_data():
    html = hit_html("<i>case</i>", "a \x02<script>\x03 b")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" in html


def test_delete_source_asks_and_undo(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        "ui.sources_panel.confirm", lambda *a, **k: asked.append(a[3] if len(a) > 3 else k) or True
    )
    sources = window.view.sources
    store = window.project.store
    sources.select_source(store.get("source", {"citation_key": "milan2024"})["id"])
    before = store.count("excerpt")
    window.view.show_sources()
    qtbot.mouseClick(sources.delete_button, Qt.MouseButton.LeftButton)
    assert "1 excerpt(s)" in asked[0]
    assert store.count("excerpt") == before - 1
    window.undo_action.trigger()
    assert store.count("excerpt") == before


def test_export_bibliography(qtbot, window, tmp_path, file_dialogs):
    target = tmp_path / "case.json"
    file_dialogs.choose(target, tmp_path / "all.bib", tmp_path / "button.bib")
    window.export_case_refs_action.trigger()
    assert "fine2023" in target.read_text()
    assert file_dialogs.asked[0].endswith("EU–Turkey 2016 bibliography.bib")
    window.export_refs_action.trigger()
    assert (tmp_path / "all.bib").read_text().count("@") == window.project.store.count("source")
    window.view.show_sources()
    qtbot.mouseClick(window.view.sources.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "button.bib").read_text() == (tmp_path / "all.bib").read_text()
    assert "Wrote" in window.statusBar().currentMessage()


def test_source_preview_is_formatted(qtbot, window):
    sources = window.view.sources
    sources.select_source(window.project.store.get("source", {"citation_key": "zardo2022"})["id"])
    assert sources.preview.text().startswith("Zardo, F. (2022). The EU Trust Fund for Africa")


def test_a_huge_import_parses_in_the_background_with_progress(qtbot, window, tmp_path, monkeypatch):
    import threading

    from PySide6.QtCore import QTimer

    entries = "\n".join(
        f"@book{{big{i}, title = {{Volume {i}}}, year = {{2000}}}}" for i in range(12000)
    )
    path = tmp_path / "big.bib"
    path.write_text(entries)
    maxima, threads = [], []
    from ui import background

    original_max = background.QProgressDialog.setMaximum
    monkeypatch.setattr(
        background.QProgressDialog,
        "setMaximum",
        lambda self, v: maxima.append(v) or original_max(self, v),
    )
    from workbench.operations import references as reference_import

    original_read = reference_import.read_references

    def slow_read(*args, **kwargs):
        threads.append(threading.current_thread())
        time.sleep(0.3)  # a slow disk: the window must keep running meanwhile
        return original_read(*args, **kwargs)

    monkeypatch.setattr(reference_import, "read_references", slow_read)
    ticks, during = [], []

    def tick() -> None:
        ticks.append(1)
        if len(ticks) == 3:  # a user presses Close Project while the file is read
            during.append(window.isEnabled())
            qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    dialog = ImportReportDialog(window.project, path, window)
    assert dialog.read()
    timer.stop()
    assert during == [False] and window.project is not None  # no input meanwhile
    assert window.isEnabled()
    assert dialog.plan is not None and len(dialog.plan.new) == 12000
    assert maxima and maxima[-1] == 12000
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 5  # the event loop ran while the file was parsed


def test_export_workbook_from_the_menu(qtbot, window, monkeypatch, tmp_path, file_dialogs):
    import openpyxl

    from ui.export_dialog import ExportOptionsDialog

    def choose(dialog):
        dialog.current.setChecked(True)
        dialog.memos.setChecked(False)

    _accept(monkeypatch, ExportOptionsDialog, choose)
    target = tmp_path / "for-coauthors.xlsx"
    file_dialogs.choose(target)
    window.export_xlsx_action.trigger()
    wb = openpyxl.load_workbook(target)
    assert len([r for r in wb["Cases"].iter_rows(min_row=2, values_only=True) if r[0]]) == 1
    assert "Wrote" in window.statusBar().currentMessage()


def test_an_imported_work_of_the_same_authors_and_year_relabels_the_views(
    qtbot, window, monkeypatch, tmp_path, file_dialogs
):
    _accept(monkeypatch, ImportReportDialog)
    bib = tmp_path / "agenda.bib"
    bib.write_text(
        "@article{fernandezmolina2025agenda,\n"
        "  author = {Fern{\\'a}ndez-Molina, Irene and Tsourapas, Gerasimos},\n"
        "  title = {Migration power beyond the state: a research agenda},\n"
        "  journal = {Journal of Ethnic and Migration Studies},\n"
        "  year = {2025}\n}\n",
        encoding="utf-8",
    )
    view = window.view
    view.evidence.view.setCurrentIndex(view.evidence.model.index(0))
    assert view.evidence.current_item().short_citation.startswith(
        "Fernández-Molina & Tsourapas, 2025, "
    )
    view.show_sources()
    file_dialogs.choose(bib)
    qtbot.mouseClick(view.sources.import_button, Qt.MouseButton.LeftButton)
    sources = view.sources
    store = window.project.store
    sources.select_source(store.get("source", {"citation_key": "fernandezmolina2025"})["id"])
    assert "(2025b)" in sources.preview.text()
    shown = view.evidence.model.data(view.evidence.model.index(0), Qt.ItemDataRole.DisplayRole)
    assert "Fernández-Molina & Tsourapas, 2025b, " in shown
    window.undo_action.trigger()
    shown = view.evidence.model.data(view.evidence.model.index(0), Qt.ItemDataRole.DisplayRole)
    assert "Tsourapas, 2025, " in shown


def test_the_search_source_filter_names_sources_by_citation(qtbot, window):
    window.search_action.trigger()
    labels = [
        window.view.search.source.itemText(i) for i in range(window.view.search.source.count())
    ]
    assert labels[0] == "Any"
    assert any(t.startswith("Greenhill 2010 — Weapons of mass migration") for t in labels)
    assert labels[1:] == sorted(labels[1:], key=sort_key)
