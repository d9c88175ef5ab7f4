from PySide6.QtCore import Qt

from ui.case_list_model import CASE_ID_ROLE, SCORES_ROLE, CaseListModel
from workbench.commands import AddCase, DeleteCase, SetCell, UpdateCase


def test_case_list_model_passes_the_model_tester(qtmodeltester, sample_project):
    model = CaseListModel(sample_project)
    qtmodeltester.check(model)
    assert model.rowCount() == len(sample_project.store.case_summaries())


def test_case_list_follows_commands_undo_and_redo(qtbot, qtmodeltester, sample_project):
    model = CaseListModel(sample_project)
    qtmodeltester.check(model)
    case_id = sample_project.store.get("study_case", {"uid": "uk-rwanda-2022"})["id"]
    row = model.row_of(case_id)
    with qtbot.waitSignal(model.dataChanged):
        sample_project.execute(SetCell(case_id, "productive", score=4))
    assert model.index(row, 0).data(SCORES_ROLE)[3] == 4
    sample_project.history.undo()
    assert model.index(row, 0).data(SCORES_ROLE)[3] == 1

    sample_project.execute(UpdateCase(case_id, title="Renamed deal"))
    assert model.index(row, 0).data() == "Renamed deal"

    n = model.rowCount()
    with qtbot.waitSignal(model.rowsInserted):
        sample_project.execute(AddCase("Brand new"))
    assert model.rowCount() == n + 1
    assert model.index(n, 0).data() == "Brand new"
    with qtbot.waitSignal(model.rowsRemoved):
        sample_project.execute(DeleteCase(case_id, confirm_evidence=True))
    assert model.row_of(case_id) == -1
    sample_project.history.undo()
    assert model.index(model.row_of(case_id), 0).data(CASE_ID_ROLE) == case_id
    assert model.index(model.row_of(case_id), 0).data(Qt.ItemDataRole.DisplayRole) == (
        "Renamed deal"
    )
