"""The comparison window, driven as a user would: the menu action, mouse on the charts, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.conftest import in_a_new_process
from ui.comparison_view import CasePickerDialog, ComparisonWindow


# Mouse events sent to the chart's viewport the way pyqtgraph's own tests send them.
def _send(widget, kind, pos: QPointF, button, buttons) -> None:
    viewport = widget.viewport()
    global_pos = QPointF(viewport.mapToGlobal(pos.toPoint()))
    event = QMouseEvent(kind, pos, global_pos, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def mouse_move(widget, pos: QPointF) -> None:
    _send(widget, QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)


def mouse_click(widget, pos: QPointF) -> None:
    mouse_move(widget, pos)
    left = Qt.MouseButton.LeftButton
    _send(widget, QEvent.Type.MouseButtonPress, pos, left, left)
    _send(widget, QEvent.Type.MouseButtonRelease, pos, left, Qt.MouseButton.NoButton)


def view_pos(chart, scene_point: QPointF) -> QPointF:
    return QPointF(chart.mapFromScene(scene_point))


def cell_pos(chart, x: float, row: int) -> QPointF:
    return view_pos(chart, chart.view.mapViewToScene(QPointF(x, row + 0.5)))


@pytest.fixture
def comparison(qtbot, window) -> ComparisonWindow:
    window.compare_action.trigger()
    compare = window.comparison_window
    assert isinstance(compare, ComparisonWindow)
    compare.resize(1200, 800)
    qtbot.waitExposed(compare)
    QApplication.processEvents()
    compare.show_chart()  # at its final size
    return compare


def choose_kind(compare, kind: str) -> object:
    from workbench.analysis.comparison import KINDS

    compare.kind_tabs.setCurrentIndex(KINDS.index(kind))
    QApplication.processEvents()
    return compare.chart()


def test_launch_does_not_load_pyqtgraph_until_the_comparison_opens(sample_path, tmp_path):
    out = in_a_new_process(
        sample_path,
        tmp_path,
        """
        print("before", "pyqtgraph" in sys.modules, "pandas" in sys.modules)
        heavy = ("openpyxl", "bibtexparser", "rispy", "citeproc", "python_calamine")
        print("heavy", [m for m in heavy if m in sys.modules])
        w.compare_action.trigger()
        app.processEvents()
        print("after", "pyqtgraph" in sys.modules, w.comparison_window is not None)
        """,
    )
    assert "before False False" in out
    assert "heavy []" in out  # file formats load when a file is read or written
    assert "after True True" in out


def test_the_action_opens_the_heatmap_of_all_cases(window, comparison):
    assert window.compare_action.shortcut().toString() == "Ctrl+Shift+C"
    assert comparison.kind == "heatmap"
    chart = comparison.chart()
    assert len(chart.order) == 12
    assert comparison.isVisible()
    window.compare_action.trigger()  # again: the same window comes forward
    assert window.comparison_window is comparison


def test_hover_shows_case_type_score_confidence_and_evidence(qtbot, comparison):
    chart = comparison.chart()
    case = chart.comparison.case(chart.order[0])
    mouse_move(chart, cell_pos(chart, 0.5, 0))
    assert case.case.title in chart.tooltip_text
    assert "Compulsory migration power" in chart.tooltip_text
    assert f"Score: {case.scores[0]} (" in chart.tooltip_text
    assert f"Confidence: {case.confidence[0]}" in chart.tooltip_text
    assert f"Evidence: {case.evidence[0]} excerpt link(s)" in chart.tooltip_text
    assert case.case.title in comparison.status.text()


def test_click_on_a_score_opens_the_case_at_that_quadrant(qtbot, window, comparison):
    chart = comparison.chart()
    row = 4
    case_id = chart.order[row]
    mouse_click(chart, cell_pos(chart, 2.5, row))  # the structural column
    view = window.view
    assert view.case.id == case_id
    assert view.tabs.currentIndex() == 0  # the matrix
    qtbot.waitUntil(lambda: view.matrix.quadrant("structural").hasFocus())
    assert view.selected_type == "structural"
    assert "structural" in view.evidence.title.text().lower()


def test_click_on_a_mechanism_opens_it_with_its_evidence(qtbot, window, comparison):
    chart = choose_kind(comparison, "mechanisms")
    j = chart.comparison.mechanism_index("political_conditionality")
    row = next(
        i
        for i, cid in enumerate(chart.order)
        if chart.comparison.case(cid).case.uid == "eu-turkey-2016"
    )
    mouse_click(chart, cell_pos(chart, chart.positions[j] + 0.5, row))
    view = window.view
    assert view.case.uid == "eu-turkey-2016"
    assert view.selected_mechanism == "political_conditionality"
    assert "Political conditionality" in view.evidence.title.text()


def test_click_on_a_plane_point_opens_the_case_at_its_strongest_quadrant(qtbot, window, comparison):
    chart = choose_kind(comparison, "plane")
    point = chart.points[0]
    mouse_click(chart, view_pos(chart, chart.view.mapViewToScene(QPointF(point.x, point.y))))
    same_spot = {p.case_id for p in chart.points if (p.x, p.y) == (point.x, point.y)}
    assert window.view.case.id in same_spot
    case = chart.comparison.case(window.view.case.id)
    strongest = max(range(4), key=lambda k: (case.scores[k] or 0, -k))
    qtbot.waitUntil(lambda: window.view.selected_type == chart.comparison.power_types[strongest])


def test_profiles_hover_names_the_type_under_the_marker(qtbot, comparison):
    chart = choose_kind(comparison, "profiles")
    case = chart.comparison.case(chart.order[0])
    k = next(k for k, s in enumerate(case.scores) if s is not None)
    mouse_move(chart, cell_pos(chart, case.scores[k] + chart.slot(k), 0))
    name = chart.comparison.framework.power_types[k].name
    assert case.case.title in chart.tooltip_text and name in chart.tooltip_text


def test_a_score_changed_in_the_window_redraws_the_chart(qtbot, window, comparison):
    chart = comparison.chart()
    view = window.view
    case_id = view.case.id
    quadrant = view.matrix.quadrant("compulsory")
    quadrant.setFocus()
    before = chart.comparison.case(case_id).scores[0]
    new = 0 if before != 0 else 4
    qtbot.keyClick(quadrant, Qt.Key(Qt.Key.Key_0 + new))
    qtbot.waitUntil(lambda: comparison.chart().comparison.case(case_id).scores[0] == new)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: comparison.chart().comparison.case(case_id).scores[0] == before)


def test_cases_from_the_filtered_list_or_picked_by_hand(qtbot, window, comparison, monkeypatch):
    def titles() -> list[str]:
        chart = comparison.chart()
        return [chart.comparison.case(i).case.title for i in chart.order]

    window.view.case_list.filter.setText("EU")  # six cases name the EU in title or region
    assert window.view.case_list.proxy.rowCount() == 6
    comparison.selection.setCurrentIndex(1)
    comparison.selection.activated.emit(1)
    assert len(titles()) == 6 and "Belarus and the EU border crisis" in titles()
    qtbot.keyClicks(window.view.case_list.filter, " t")  # "EU t": the chart follows
    assert titles() == ["EU temporary protection for people fleeing Ukraine"]

    picked_ids = [1, 3]

    def exec_picker(dialog):
        for i in range(dialog.list.count()):
            item = dialog.list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in picked_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return 1

    monkeypatch.setattr(CasePickerDialog, "exec", exec_picker)
    comparison.selection.setCurrentIndex(2)
    comparison.selection.activated.emit(2)
    assert sorted(comparison.chart().order) == picked_ids


def test_group_and_order_controls(qtbot, comparison):
    comparison.group.setCurrentIndex(comparison.group.findData("region"))
    comparison.group.activated.emit(comparison.group.currentIndex())
    chart = comparison.chart()
    groups = [chart.groups[cid] for cid in chart.order]
    # the rows of a group stay together
    runs = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
    assert len(runs) == len(set(groups)) > 1
    comparison.order.setCurrentIndex(comparison.order.findData("total"))
    comparison.order.activated.emit(comparison.order.currentIndex())
    assert chart.options.order == "total"


def test_click_on_a_heading_sorts_the_rows(qtbot, comparison):
    chart = comparison.chart()
    header = chart.header
    column = next(c for c in header.columns if c.label == "Structural")
    x = header._x((column.x0 + column.x1) / 2)
    point = header.mapToScene(QPointF(x, header.boundingRect().height() / 2))
    mouse_click(chart, view_pos(chart, point))
    assert comparison.order.currentData() == "structural"
    k = chart.comparison.type_index("structural")
    scores = [chart.comparison.case(i).scores[k] or 0 for i in chart.order]
    assert scores == sorted(scores, reverse=True)


def test_side_by_side_compares_the_chosen_cases(qtbot, comparison):
    chart = choose_kind(comparison, "compare")
    assert comparison.compare[0].isVisible()
    comparison.compare[2].setCurrentIndex(3)
    comparison.compare[2].activated.emit(3)
    ids = chart.ids
    assert len(ids) == 3
    box = next(b for b in chart.scaled_boxes() if b.column == 2 and b.row.mechanism)
    mouse_move(chart, view_pos(chart, chart.canvas.mapToScene(box.rect.center())))
    assert chart.comparison.case(ids[2]).case.title in chart.tooltip_text


def test_save_figure_png_at_chosen_dpi_and_csv(qtbot, comparison, tmp_path, monkeypatch):
    from tests.test_comparison_export_dialog import export_with, type_into

    out = tmp_path / "scores.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def png_at_150(dialog):
        dialog.format.setCurrentIndex(dialog.format.findData("png"))
        type_into(qtbot, dialog.dpi, "150")

    export_with(qtbot, comparison, png_at_150)
    image = QImage(str(out))
    assert image.width() == round(8.5 / 2.54 * 150)  # a single column, not the window's size
    assert abs(image.dotsPerMeterX() - 150 / 0.0254) < 2
    data = tmp_path / "scores.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(data), ""))
    comparison.csv_action.trigger()
    assert len(data.read_text(encoding="utf-8").splitlines()) == 1 + 12 * 4


def test_copy_puts_image_and_svg_on_the_clipboard(qtbot, comparison):
    comparison.copy_action.trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasImage()
    assert bytes(mime.data("image/svg+xml")).startswith(b"<?xml")


def test_large_type_mode(qtbot, comparison):
    small = comparison.chart().labels.font.pointSizeF()
    qtbot.mouseClick(comparison.large_box, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert comparison.large_box.isChecked()
    assert comparison.chart().labels.font.pointSizeF() == pytest.approx(small * 1.5)


def test_in_large_type_every_row_keeps_room_for_its_name(qtbot, comparison):
    """Rows too thin for their names wrote every other one; a dozen cases now scroll."""
    from PySide6.QtGui import QFontMetricsF

    comparison.resize(1237, 740)
    qtbot.mouseClick(comparison.large_box, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    comparison.group.setCurrentIndex(comparison.group.findData("region"))
    comparison.group.activated.emit(comparison.group.currentIndex())
    for kind in ("heatmap", "mechanisms", "profiles"):
        chart = choose_kind(comparison, kind)
        QApplication.processEvents()
        line = QFontMetricsF(chart.labels.font).height()
        assert chart.row_pixels() >= line, kind
    (_, _), (top, bottom) = chart.view.viewRange()
    chart.view.setYRange(top + 1, bottom + 1, padding=0)  # the wheel scrolls to the rest
    assert chart.view.viewRange()[1][1] == pytest.approx(min(bottom + 1, len(chart.cases)))


def test_closing_the_project_closes_the_comparison(qtbot, window, comparison):
    assert comparison.isVisible()
    window.close_action.trigger()
    assert window.comparison_window is None
    assert not comparison.isVisible()


def test_in_the_dark_theme_figures_are_saved_light(
    qtbot, window, comparison, tmp_path, monkeypatch
):
    from tests.test_comparison_export_dialog import export_with

    window.dark_action.trigger()
    qtbot.waitUntil(lambda: comparison.chart().chart_style.dark)
    out = tmp_path / "dark.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    export_with(qtbot, comparison)
    svg = out.read_text(encoding="utf-8")
    assert '<g fill="#ffffff"' in svg  # the page
    assert "#2b2d30" not in svg  # the dark background of the screen
    assert comparison.chart().chart_style.dark  # the window itself stays dark
    window.dark_action.trigger()


def test_a_figure_that_cannot_be_written_is_reported(qtbot, comparison, tmp_path, monkeypatch):
    from tests.test_comparison_export_dialog import export_with

    errors = []
    monkeypatch.setattr(
        "ui.comparison_view.show_error", lambda _w, title, text: errors.append((title, text))
    )
    target = tmp_path / "no-such-folder" / "figure.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def as_pdf(dialog):
        dialog.format.setCurrentIndex(dialog.format.findData("pdf"))

    export_with(qtbot, comparison, as_pdf)
    assert errors and errors[0][0] == "The figure was not saved"
    assert str(target) in errors[0][1]
    assert not target.exists()


def test_the_status_line_says_what_the_mouse_does_on_each_chart(comparison):
    from workbench.analysis.comparison import KINDS

    for kind in KINDS:
        choose_kind(comparison, kind)
        text = comparison.status.text()
        assert text.startswith("12 case(s). ")
        assert ("sort" in text) == (kind == "heatmap"), kind
        assert ("zoom" in text) == (kind == "plane"), kind
