"""Typing saved at each pause is one undo step in the core's history (no Qt here)."""

from __future__ import annotations

from workbench.commands import AddCase, SetCaseTags, SetCell, UpdateCase
from workbench.history import coalesce


def _memo(project, case_id: int) -> str:
    return project.store.get("matrix_cell", {"case_id": case_id, "power_type_id": "compulsory"})[
        "memo"
    ]


def _new_case(project) -> int:
    add = AddCase("UK–Rwanda partnership", short_label="UK–Rwanda 2022")
    project.history.push(add)
    project.store.update(
        "matrix_cell", {"case_id": add.case_id, "power_type_id": "compulsory"}, {"memo": "was"}
    )
    return add.case_id


def test_pauses_in_one_run_of_typing_are_one_undo_step(project):
    history = project.history
    case_id = _new_case(project)
    for typed in ("Cash", "Cash for", "Cash for removals"):
        history.push(SetCell(case_id, "compulsory", memo=typed), typing=1)
    assert _memo(project, case_id) == "Cash for removals"
    assert history.labels()[-1] == "Edit compulsory memo of UK–Rwanda 2022"
    assert len(history.labels()) == 2  # the case, then the typing
    history.undo()
    assert _memo(project, case_id) == "was"  # from before the typing began
    history.redo()
    assert _memo(project, case_id) == "Cash for removals"


def test_another_run_of_typing_is_another_step(project):
    history = project.history
    case_id = _new_case(project)
    history.push(SetCell(case_id, "compulsory", memo="first"), typing=1)
    history.push(SetCell(case_id, "compulsory", memo="second"), typing=2)
    history.undo()
    assert _memo(project, case_id) == "first"


def test_typing_after_an_undo_starts_a_new_step(project):
    history = project.history
    case_id = _new_case(project)
    history.push(SetCell(case_id, "compulsory", memo="a"), typing=1)
    history.push(SetCell(case_id, "compulsory", score=2))
    history.undo()  # the score
    history.push(SetCell(case_id, "compulsory", memo="ab"), typing=1)
    history.undo()
    assert _memo(project, case_id) == "a"


def test_other_fields_or_rows_are_never_folded_together(project):
    history = project.history
    case_id = _new_case(project)
    history.push(SetCell(case_id, "compulsory", memo="m"), typing=1)
    history.push(SetCell(case_id, "structural", memo="s"), typing=1)
    history.push(UpdateCase(case_id, summary="s"), typing=1)
    assert len(history.labels()) == 4
    assert not coalesce(
        SetCell(case_id, "compulsory", memo="x"), SetCell(case_id, "compulsory", score=1)
    )


def test_typing_then_erasing_back_leaves_no_step(project):
    history = project.history
    case_id = _new_case(project)
    history.push(SetCell(case_id, "compulsory", memo="wasn't"), typing=1)
    history.push(SetCell(case_id, "compulsory", memo="was"), typing=1)
    assert history.labels() == ["Add case UK–Rwanda partnership"]


def test_a_renaming_typed_in_pauses_names_the_last_title(project):
    history = project.history
    add = AddCase("UK–Rwanda")
    history.push(add)
    history.push(UpdateCase(add.case_id, title="UK–Rwanda partner"), typing=1)
    history.push(UpdateCase(add.case_id, title="UK–Rwanda partnership"), typing=1)
    assert history.undo_label == "Rename case UK–Rwanda to UK–Rwanda partnership"
    history.undo()
    assert project.store.get("study_case", {"id": add.case_id})["title"] == "UK–Rwanda"


def test_tags_typed_in_pauses_are_one_step(project):
    history = project.history
    add = AddCase("EU–Turkey", tags=["deal"])
    history.push(add)
    history.push(SetCaseTags(add.case_id, ["deal", "readm"]), typing=1)
    history.push(SetCaseTags(add.case_id, ["deal", "readmission"]), typing=1)
    history.undo()
    tags = [r["tag"] for r in project.store.select("case_tag", {"case_id": add.case_id})]
    assert tags == ["deal"]
