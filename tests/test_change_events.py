"""The core's change vocabulary: each kind of command gives the events views follow, and
undo gives the inverse ones; the desktop application's hub only re-emits them."""

from __future__ import annotations

from workbench import queries
from workbench.changes import (
    ActorsChanged,
    CaseAdded,
    CaseEdited,
    CaseRemoved,
    CellChanged,
    CodingChanged,
    EvidenceChanged,
    ExcerptsEdited,
    FrameworkChanged,
    OverlapsChanged,
    SourceCountsChanged,
    SourcesChanged,
    VotesChanged,
    events_from,
)
from workbench.commands import (
    AddCase,
    AddCaseActor,
    AddMechanism,
    AddOverlap,
    DeleteCase,
    SetCaseTags,
    SetCell,
    SetMechanismCoding,
    UpdateCase,
)
from workbench.commands.evidence import AddSource, UnlinkExcerpt
from workbench.votes import RecordVote


def _events(project, command) -> list:
    seen: list = []
    unsubscribe = project.subscribe(seen.append)
    try:
        project.execute(command)
        project.history.undo()
    finally:
        unsubscribe()
    return seen


def _kinds(events) -> list[type]:
    return [type(e) for e in events]


def test_a_score_is_one_cell_event_with_its_values_and_undo_puts_the_old_ones(sample_project):
    case_id = queries.case_summaries(sample_project)[0].id
    done, undone = _events(sample_project, SetCell(case_id, "compulsory", score=1))
    assert done == [CellChanged(case_id, "compulsory", {"score": 1})]
    assert _kinds(undone) == [CellChanged] and undone[0].values["score"] != 1


def test_a_coding_an_overlap_and_a_case_edit(sample_project):
    case_id = queries.case_summaries(sample_project)[3].id
    done, _ = _events(sample_project, SetMechanismCoding(case_id, "deterrence", strength=3))
    assert _kinds(done) == [CodingChanged] and done[0].values["strength"] == 3
    done, _ = _events(sample_project, AddOverlap(case_id, "funding", "deterrence", "n"))
    assert done == [OverlapsChanged(case_id)]
    for command in (UpdateCase(case_id, region="Sahel"), SetCaseTags(case_id, ["new"])):
        done, undone = _events(sample_project, command)
        assert done == [CaseEdited(case_id)] == undone


def test_adding_and_deleting_a_case(sample_project):
    add = AddCase("Brand new")
    done, undone = _events(sample_project, add)
    assert done == [CaseAdded(add.case_id)]  # not its cells: they come with the case
    assert undone == [CaseRemoved(add.case_id)]
    case_id = queries.case_summaries(sample_project)[0].id
    done, undone = _events(sample_project, DeleteCase(case_id, confirm_evidence=True))
    assert done[0] == CaseRemoved(case_id) and undone[0] == CaseAdded(case_id)
    assert not [e for e in done if isinstance(e, (CellChanged, CodingChanged))]


def test_evidence_sources_actors_framework_and_votes(sample_project):
    case_id = queries.case_summaries(sample_project)[1].id
    link = sample_project.store.select("evidence_link", {"case_id": case_id})[0]
    done, _ = _events(
        sample_project, UnlinkExcerpt(link["excerpt_id"], case_id, link["mechanism_id"])
    )
    assert done == [EvidenceChanged(frozenset({case_id}))]
    done, _ = _events(sample_project, AddSource({"type": "book", "title": "T"}, "newkey2026"))
    assert done == [EvidenceChanged(None), SourcesChanged()]
    done, _ = _events(
        sample_project, AddCaseActor(case_id, "A new actor", "wielder", "state_origin", "south")
    )
    assert done == [CaseEdited(case_id), ActorsChanged()]
    done, _ = _events(
        sample_project, AddMechanism("structural", "remit", "Remittances", "d", "capacities")
    )
    assert done == [FrameworkChanged()]
    done, undone = _events(sample_project, RecordVote(case_id, "compulsory", "W1", 3))
    assert done == [VotesChanged(frozenset({case_id}))] == undone


def test_excerpt_edits_and_moves_between_sources():
    from workbench.changes import Change

    edited = events_from([Change("excerpt", "update", (7,), {"note": "n"})])
    assert edited == [ExcerptsEdited(frozenset({7}))]
    moved = events_from([Change("excerpt", "update", (7,), {"source_id": 2})])
    assert moved == [ExcerptsEdited(frozenset({7})), SourceCountsChanged()]


def test_several_updates_of_one_cell_merge_and_an_unknown_one_means_read_it():
    from workbench.changes import Change

    two = [
        Change("matrix_cell", "update", (1, "compulsory"), {"score": 1}),
        Change("matrix_cell", "update", (1, "compulsory"), {"confidence": "low"}),
    ]
    assert events_from(two) == [CellChanged(1, "compulsory", {"score": 1, "confidence": "low"})]
    unknown = [*two, Change("matrix_cell", "update", (1, "compulsory"))]
    assert events_from(unknown) == [CellChanged(1, "compulsory", None)]


def test_the_hub_re_emits_every_kind_of_event_as_its_own_signal(project, qtbot):
    from ui.change_hub import ChangeHub
    from workbench import changes

    kinds = {
        obj
        for obj in vars(changes).values()
        if isinstance(obj, type) and issubclass(obj, changes.ChangeEvent)
    } - {changes.ChangeEvent}
    hub = ChangeHub(project)
    assert set(hub._signals) == kinds
    assert len(set(hub._signals.values())) == len(kinds)
    with qtbot.waitSignal(hub.case_added) as added, qtbot.waitSignal(hub.changed) as everything:
        command = AddCase("Heard by the hub")
        project.execute(command)
    assert added.args == [command.case_id]
    assert everything.args == [[CaseAdded(command.case_id)]]
    hub.detach()
