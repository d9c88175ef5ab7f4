"""Screenshots of the main window on the sample project, for looking at the UI.

    python tools/screenshots.py [OUT_DIR]              (default: docs/screenshots)
    python tools/screenshots.py --figures [OUT_DIR]    the figures only

Writes main window shots at 1280×800 and 1920×1080 in the light and the dark
palette, the case details tab, the framework reference, every comparison chart
at both sizes in both palettes, and every chart as a single-column figure
(8.5 cm, 8 pt): the exported SVG drawn into a PNG at 200 dpi, as it prints.
Runs offscreen. (The presentation's shots: `python -m ui.presentation.screenshots`.)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_home = Path(tempfile.mkdtemp(prefix="mpw-shots-"))
os.environ["MPW_DATA_DIR"] = str(_home / "data")  # never touch the user's own settings
os.environ["MPW_CONFIG_DIR"] = str(_home / "config")

from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.app import create_application, project_to_open  # noqa: E402
from ui.excerpt_editor_dialog import ExcerptEditorDialog  # noqa: E402
from ui.framework_reference import FrameworkReferenceDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.palette import apply_theme  # noqa: E402
from workbench import queries  # noqa: E402
from workbench.analysis.comparison import KINDS  # noqa: E402
from workbench.settings import Settings  # noqa: E402


def shoot(window: MainWindow, path: Path) -> None:
    QApplication.processEvents()
    window.grab().save(str(path))
    print(path)


def _coauthor_dialogs(window: MainWindow, out: Path) -> tuple:
    """A workbook exported, edited as a co-author would, and read back."""
    import openpyxl

    from ui.agreement_dialog import AgreementDialog
    from ui.workbook_review_dialog import WorkbookReviewDialog
    from workbench.analysis.agreement import compare
    from workbench.analysis.codings import project_codings, type_groups, workbook_codings
    from workbench.excel.diff import diff_workbook
    from workbench.excel.export import export_workbook

    exported = _home / "coauthor.xlsx"
    export_workbook(window.project, exported)
    wb = openpyxl.load_workbook(exported)
    wb["Matrix"]["C2"] = 2
    wb["Matrix"]["G2"] = "Conditionality is the core; the 2020 border opening is contested."
    wb["Matrix"]["C3"] = 7
    wb["Mechanisms"]["D4"] = 3
    wb["Matrix"]["F2"] = wb["Matrix"]["F2"].value + " The 2020 opening shows it cuts both ways."
    edited = _home / "edited.xlsx"
    wb.save(edited)
    diff = diff_workbook(window.project, edited)
    review = WorkbookReviewDialog(diff, edited.name, window)
    types = [pt.id for pt in window.project.framework.power_types]
    report = compare(project_codings(window.project), workbook_codings(edited), type_groups(types))
    agreement = AgreementDialog(report, window.project.name, edited.name, window)
    return review, agreement


def _comparison_charts(app: QApplication, window: MainWindow, out: Path) -> None:
    """Each chart as the comparison window shows it: ordered by similarity and grouped
    by region, where the chart offers those."""
    window.compare_action.trigger()
    compare = window.comparison_window
    for combo, key in ((compare.order, "similarity"), (compare.group, "region")):
        combo.setCurrentIndex(combo.findData(key))
        combo.activated.emit(combo.currentIndex())
    for dark in (False, True):
        apply_theme(app, dark)
        theme = "dark" if dark else "light"
        for width, height in ((1280, 800), (1920, 1080)):
            compare.resize(width, height)
            for i, kind in enumerate(KINDS):
                compare.kind_tabs.setCurrentIndex(i)
                QApplication.processEvents()
                compare.grab().save(str(out / f"comparison-{kind}-{width}x{height}-{theme}.png"))
    apply_theme(app, False)
    compare.close()


FIGURE_DPI = 200


def figures(project_path: Path, out: Path) -> None:
    """Each chart exported at a single column's width, grouped North–South, and its SVG
    rendered as a PNG the size it prints at FIGURE_DPI."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from ui.charts.figure import build_figure, svg_bytes
    from workbench.analysis.comparison import ChartOptions, load_comparison
    from workbench.analysis.figure_spec import FigureSpec
    from workbench.project import Project

    project = Project.open_readonly(project_path)
    try:
        comparison = load_comparison(project)
    finally:
        project.close()
    for kind in KINDS:
        options = ChartOptions(order="similarity", group_by="north_south")
        figure = build_figure(kind, comparison, options, FigureSpec(8.5, None))
        renderer = QSvgRenderer(svg_bytes(figure))
        scale = FIGURE_DPI / 96
        image = QImage(
            round(figure.width * scale), round(figure.height * scale), QImage.Format.Format_RGB32
        )
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.setDotsPerMeterX(round(FIGURE_DPI / 0.0254))
        image.setDotsPerMeterY(round(FIGURE_DPI / 0.0254))
        path = out / f"figure-{kind}-8.5cm.png"
        image.save(str(path))
        print(path)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--figures"]
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    if "--figures" in sys.argv:
        figures(project_to_open(None, Settings.load()), out)
        return
    window = MainWindow()
    window.show()
    window.open_path(project_to_open(None, Settings.load()))
    for dark in (False, True):
        apply_theme(app, dark)
        theme = "dark" if dark else "light"
        for width, height in ((1280, 800), (1920, 1080)):
            window.resize(width, height)
            window.view.show_matrix()
            window.view.case_list.select_case(window.view.case_list.model.case_id(2))
            shoot(window, out / f"main-{width}x{height}-{theme}.png")
        window.resize(1280, 800)
        window.view.tabs.setCurrentWidget(window.view.details_scroll)
        window.view.details.actors.setCurrentItem(window.view.details.actors.topLevelItem(0))
        shoot(window, out / f"details-1280x800-{theme}.png")
    apply_theme(app, False)
    view = window.view
    view.show_sources()
    view.sources.select_source(view.sources.model.source_id(5))
    shoot(window, out / "sources-1280x800.png")
    view.show_search()
    view.search.box.setText("conditionality")
    view.search.run_search()
    shoot(window, out / "search-1280x800.png")
    view.show_matrix()
    view.matrix.quadrant("structural").select_mechanism("funding")
    shoot(window, out / "evidence-1280x800.png")
    excerpt = view.evidence.model.items[0].excerpt_id if view.evidence.model.items else 1
    values = queries.excerpt_record(window.project, excerpt)
    editor = ExcerptEditorDialog(window.project, values, window)
    editor.show()
    QApplication.processEvents()
    editor.grab().save(str(out / "excerpt-editor.png"))
    editor.close()
    review, agreement = _coauthor_dialogs(window, out)
    for d in (review, agreement):
        d.show()
        QApplication.processEvents()
    review.list.setCurrentRow(1)  # the memo: both texts, the added words marked
    review.grab().save(str(out / "review-edits.png"))
    agreement.grab().save(str(out / "agreement.png"))
    review.close()
    agreement.close()
    _comparison_charts(app, window, out)
    figures(window.project.path, out)
    dialog = FrameworkReferenceDialog(window.project.framework, window)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(out / "framework-reference.png"))
    dialog.close()
    window.close()
    # Delete the widgets while the application still exists (avoids a crash at exit).
    dialog.deleteLater()
    window.deleteLater()
    QApplication.processEvents()
    del dialog, window


if __name__ == "__main__":
    main()
