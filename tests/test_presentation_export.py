"""Side by side, slides and handouts, driven from the View menu and the presentation's keys."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ui.presentation.case_picker import CasePicker


@pytest.fixture
def presentation(qtbot, window):
    window.present_action.trigger()
    shown = window.presentation_window
    qtbot.waitExposed(shown)
    return shown


def painted(presentation) -> str:
    presentation.grab()
    return "\n".join(run.text for run in presentation.runs)


def test_side_by_side_shows_the_chosen_cases(qtbot, window, monkeypatch):
    picked = {}

    def answer(dialog: QDialog) -> int:
        assert isinstance(dialog, CasePicker)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert dialog.chosen() == [1, 2] and ok.isEnabled()  # the current case and the next
        dialog.list.item(2).setCheckState(Qt.CheckState.Checked)
        dialog.list.item(3).setCheckState(Qt.CheckState.Checked)
        assert not ok.isEnabled()  # four is too many
        assert "choose 2 or 3" in dialog.hint.text()
        dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
        picked["cases"] = dialog.chosen()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", answer)
    window.side_by_side_action.trigger()
    shown = window.presentation_window
    shown.showNormal()
    shown.resize(1920, 1080)
    qtbot.waitUntil(lambda: shown.height() == 1080)
    assert picked["cases"] == [2, 3, 4]
    assert shown.compared == [2, 3, 4]
    text = painted(shown)
    for title in (
        "UK–Rwanda Migration and Economic Development Partnership",
        "Australia–Nauru regional processing",
        "EU Emergency Trust Fund for Africa",
    ):
        assert title in text
    assert text.count("Compulsory") == 3
    assert shown.case.id == 2 and shown.focused == "compulsory"  # the first case is framed
    qtbot.keyClick(shown, Qt.Key.Key_0)  # scores the framed quadrant of the case in focus
    assert window.undo_stack.count() == 1
    assert shown.compared_contents()[0].case.cells["compulsory"].score == 0
    qtbot.keyClick(shown, Qt.Key.Key_B)
    assert shown.blank
    qtbot.keyClick(shown, Qt.Key.Key_B)
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert window.presentation_window is None


def test_cancelling_the_picker_presents_nothing(window, monkeypatch):
    monkeypatch.setattr(QDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    window.side_by_side_action.trigger()
    assert getattr(window, "presentation_window", None) is None


def test_ctrl_s_saves_the_slide_as_png_and_svg(qtbot, presentation, file_dialogs, tmp_path):
    file_dialogs.choose(tmp_path / "slide.png", tmp_path / "slide.svg")
    qtbot.keyClick(presentation, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    image = QImage(str(tmp_path / "slide.png"))
    assert (image.width(), image.height()) == (1920, 1080)
    assert "Saved slide.png" in painted(presentation)
    qtbot.keyClick(presentation, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    svg = (tmp_path / "slide.svg").read_text(encoding="utf-8")
    assert "EU–Turkey statement and readmission cooperation" in svg  # text kept as text
    assert "Containment" in svg
    renderer = QSvgRenderer(str(tmp_path / "slide.svg"))
    assert renderer.isValid()
    box = renderer.viewBoxF()
    assert (box.width(), box.height()) == (1920, 1080)
    assert 'width="508mm"' in svg  # 1920 CSS pixels (96 to the inch)
    assert file_dialogs.asked[0].endswith("EU-Turkey 2016.png")


def test_a_slide_with_an_unknown_extension_is_saved_as_png(
    qtbot, presentation, file_dialogs, tmp_path
):
    file_dialogs.choose(tmp_path / "slide")
    qtbot.keyClick(presentation, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert QImage(str(tmp_path / "slide.png")).width() == 1920


def test_a_refused_write_is_named_and_changes_nothing(qtbot, presentation, file_dialogs, tmp_path):
    folder = tmp_path / "slides"
    folder.mkdir()
    target = folder / "slide.png"
    target.mkdir()  # a folder of that name: the file cannot take its place
    (target / "kept.txt").write_text("kept")
    file_dialogs.choose(target)
    qtbot.keyClick(presentation, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (target / "kept.txt").read_text() == "kept"
    assert sorted(p.name for p in folder.iterdir()) == ["slide.png"]  # no temporary left
    assert "The slide was not saved" in painted(presentation)


def test_ctrl_p_saves_a_one_page_handout_and_ctrl_shift_p_the_cases_presented(
    qtbot, presentation, file_dialogs, tmp_path
):
    file_dialogs.choose(tmp_path / "one.pdf", tmp_path / "all.pdf")
    qtbot.keyClick(presentation, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (tmp_path / "one.pdf").exists())
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")
    for _ in range(3):  # four cases shown, one of them twice
        qtbot.keyClick(presentation, Qt.Key.Key_PageDown)
    qtbot.keyClick(presentation, Qt.Key.Key_PageUp)
    qtbot.keyClick(presentation, Qt.Key.Key_V)
    qtbot.keyClicks(presentation, "22342")
    qtbot.keyClick(presentation, Qt.Key.Key_R)
    qtbot.keyClick(presentation, Qt.Key.Key_Return)  # the median, 2, adopted
    qtbot.keyClick(
        presentation,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "Saved all.pdf (4 pages)" in painted(presentation))
    assert pdf_pages(tmp_path / "all.pdf") == 4  # not the project's twelve
    assert pdf_pages(tmp_path / "one.pdf") == 1
    text = pdf_text(tmp_path / "all.pdf")
    titles = [
        "EU–Turkey statement",
        "UK–Rwanda Migration",
        "Australia–Nauru regional",
        "EU Emergency Trust Fund",
    ]
    assert [text.index(t) for t in titles] == sorted(text.index(t) for t in titles)
    assert "Compulsory: 5 votes (0: 0, 1: 0, 2: 3, 3: 1, 4: 1); median 2 (moderate), adopted" in (
        " ".join(text.split())
    )


def pdf_text(path) -> str:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the handout back")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path) -> int:
    """Page objects in a PDF (the page tree's own node is /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def test_a_handout_page_holds_matrix_memos_excerpts_and_references(window):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    from ui.presentation.content import ReferenceCache
    from ui.presentation.export import paint_handout

    page = QRectF(0, 0, 2126, 3154)  # A4 inside 15 mm margins at 300 dpi
    image = QImage(page.size().toSize(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        runs = paint_handout(painter, page, window.project, 1, ReferenceCache(window.project))
    finally:
        painter.end()
    texts = [run.text for run in runs]
    assert texts[0] == "EU–Turkey statement and readmission cooperation"
    assert "Compulsory" in texts and "Productive" in texts and "Containment" in texts
    assert "Memos" in texts and "Key excerpts" in texts and "References" in texts
    memo = next(t for t in texts if t.startswith("Compulsory: "))
    assert memo.startswith("Compulsory: Conditionality runs both ways")
    assert any(
        "(Fernández-Molina & Tsourapas, 2025, section ‘Compulsory migration power’, para. 5)" in t
        for t in texts
    )
    assert any(t.startswith("Fernández-Molina, I., & Tsourapas, G. (2025).") for t in texts)
    assert all(page.contains(run.rect) for run in runs)  # all on the one page
    assert min(run.pixel_size for run in runs) >= 33  # 8 pt at 300 dpi


def test_first_sentence_summarises_a_memo():
    from ui.presentation.export import first_sentence

    assert first_sentence("Short one. And more.", 100) == "Short one."
    assert first_sentence("No full stop here", 100) == "No full stop here"
    assert first_sentence("word " * 30, 22) == "word word word word …"
