"""MainWindow: the project's cases (the full workbench builds on this window)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTableView

from ui.case_list_model import CaseListModel
from workbench.project import Project


class MainWindow(QMainWindow):
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.case_model = CaseListModel(project, self)
        self.case_view = QTableView(self)
        self.case_view.setModel(self.case_model)
        self.case_view.setAccessibleName("Cases")
        self.case_view.horizontalHeader().setStretchLastSection(True)
        self.case_view.resizeColumnsToContents()
        self.setCentralWidget(self.case_view)
        self.setWindowTitle(f"{project.name} — Migration Power Workbench")
        self.resize(1100, 700)

    def close_project(self) -> None:
        if self.project is not None:
            self.case_model.detach()
            self.project.close()
            self.project = None
