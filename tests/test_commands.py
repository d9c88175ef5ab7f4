"""Every command: apply, undo restores the exact previous state, redo re-applies it."""

import pytest

from tests.conftest import dump
from workbench.changes import CellChanged
from workbench.commands import (
    AddCase,
    AddCaseActor,
    AddExcerpt,
    AddMechanism,
    AddOverlap,
    AddSource,
    DeleteCase,
    DeleteExcerpt,
    DeleteSource,
    DuplicateCase,
    LinkExcerpt,
    RemoveCaseActor,
    SetCaseObjectives,
    SetCaseTags,
    SetCell,
    SetMechanismCoding,
    UnlinkExcerpt,
    UpdateActor,
    UpdateCase,
    UpdateExcerpt,
    UpdateSource,
)
from workbench.errors import CommandError, EvidenceAffectedError


def _case(sample_project, uid="eu-turkey-2016"):
    return sample_project.store.get("study_case", {"uid": uid})["id"]


def _strip_times(lines):
    # "modified" stamps legitimately change on redo; compare everything else.
    import re

    return [re.sub(r"'\d{4}-\d\d-\d\dT[\d:]+\+00:00'", "'T'", line) for line in lines]


def roundtrip(project, command):
    before = _strip_times(dump(project))
    project.execute(command)
    after = _strip_times(dump(project))
    assert after != before, "the command changed nothing"
    project.history.undo()
    assert _strip_times(dump(project)) == before
    project.history.redo()
    assert _strip_times(dump(project)) == after
    return command


def test_score_label_and_roundtrip(sample_project):
    case_id = _case(sample_project)
    cmd = roundtrip(sample_project, SetCell(case_id, "compulsory", score=1))
    assert cmd.label == "Set compulsory score of EU–Turkey 2016 to 1 (weak)"
    cell = sample_project.store.get(
        "matrix_cell", {"case_id": case_id, "power_type_id": "compulsory"}
    )
    assert cell["score"] == 1


@pytest.mark.parametrize(
    "make",
    [
        lambda p, c: SetCell(c, "productive", confidence="high", memo="new memo"),
        lambda p, c: SetCell(c, "structural", effect_capacities=0, effect_identities=True),
        lambda p, c: UpdateCase(c, title="Renamed", region="Aegean"),
        lambda p, c: SetCaseTags(c, ["one", "two"]),
        lambda p, c: SetCaseObjectives(c, [1, 2, 3]),
        lambda p, c: AddCaseActor(c, "Greece", "recipient", "state_destination", "north"),
        lambda p, c: AddCaseActor(c, "European Union", "recipient"),
        lambda p, c: SetMechanismCoding(c, "deterrence", strength=2, memo="why"),
        lambda p, c: SetMechanismCoding(c, "containment", strength=0),
        lambda p, c: AddOverlap(c, "funding", "political_conditionality", "shades"),
        lambda p, c: DuplicateCase(c),
        lambda p, c: DeleteCase(c, confirm_evidence=True),
        lambda p, c: AddCase("A new case", tags=["x"], gcm_objectives=[23]),
        lambda p, c: AddMechanism("structural", "remittances", "Remittances", "d", "capacities"),
    ],
)
def test_case_and_matrix_commands_undo_exactly(sample_project, make):
    roundtrip(sample_project, make(sample_project, _case(sample_project)))


def test_actor_commands(sample_project):
    case_id = _case(sample_project, "eu-turkey-2016")
    actor = sample_project.store.get("actor", {"name": "European Union"})
    roundtrip(sample_project, RemoveCaseActor(case_id, actor["id"], "wielder"))
    # The EU takes part in other cases, so only its role here went.
    assert sample_project.store.get("actor", {"name": "European Union"}) == actor
    roundtrip(sample_project, UpdateActor(actor["id"], north_south="south"))


def test_removing_an_actors_last_role_removes_the_actor(sample_project):
    case_id = _case(sample_project, "belarus-eu-2021")
    actor = sample_project.store.get("actor", {"name": "Belarus"})
    sample_project.execute(RemoveCaseActor(case_id, actor["id"], "wielder"))
    assert sample_project.store.get("actor", {"name": "Belarus"}) is None
    sample_project.history.undo()
    assert sample_project.store.get("actor", {"name": "Belarus"}) == actor


def test_evidence_commands(sample_project):
    store = sample_project.store
    case_id = _case(sample_project)
    add_source = roundtrip(
        sample_project,
        AddSource(
            {
                "type": "book",
                "title": "A book",
                "author": [{"family": "Doe", "given": "J."}],
                "issued": {"date-parts": [[2020]]},
            },
            "doe2020",
            doi="https://doi.org/10.1234/ABC",
        ),
    )
    src = store.get("source", {"id": add_source.source_id})
    assert src["doi"] == "10.1234/abc" and src["year"] == 2020 and src["first_author"] == "Doe"
    add = roundtrip(
        sample_project,
        AddExcerpt(
            add_source.source_id, "Quoted words.", locator="p. 4", links=[(case_id, "deterrence")]
        ),
    )
    roundtrip(sample_project, UpdateExcerpt(add.excerpt_id, note="a note", locator="p. 5"))
    roundtrip(sample_project, LinkExcerpt(add.excerpt_id, case_id, "containment"))
    roundtrip(sample_project, UnlinkExcerpt(add.excerpt_id, case_id, "deterrence"))
    roundtrip(sample_project, UpdateSource(add_source.source_id, {"title": "Retitled"}, "doe2020"))
    roundtrip(sample_project, DeleteExcerpt(add.excerpt_id))
    roundtrip(sample_project, DeleteSource(add_source.source_id, confirm_evidence=True))


def test_deleting_a_case_with_evidence_needs_confirmation(sample_project):
    store = sample_project.store
    case_id = _case(sample_project)
    links_before = store.count("evidence_link", {"case_id": case_id})
    excerpts_before = store.count("excerpt")
    assert links_before > 0
    with pytest.raises(EvidenceAffectedError) as err:
        sample_project.execute(DeleteCase(case_id))
    assert err.value.link_count == links_before
    assert "evidence link" in str(err.value)
    assert store.get("study_case", {"id": case_id}) is not None
    sample_project.execute(DeleteCase(case_id, confirm_evidence=True))
    assert store.count("evidence_link", {"case_id": case_id}) == 0
    assert store.count("excerpt") == excerpts_before  # the excerpts themselves stay
    sample_project.history.undo()
    assert store.count("evidence_link", {"case_id": case_id}) == links_before


def test_deleting_a_source_with_excerpts_needs_confirmation(sample_project):
    store = sample_project.store
    src = store.get("source", {"citation_key": "fernandezmolina2025"})
    n_excerpts = store.count("excerpt")
    with pytest.raises(EvidenceAffectedError):
        sample_project.execute(DeleteSource(src["id"]))
    assert store.count("excerpt") == n_excerpts
    sample_project.execute(DeleteSource(src["id"], confirm_evidence=True))
    assert store.count("excerpt") < n_excerpts
    assert store.foreign_key_problems() == []
    sample_project.history.undo()
    assert store.count("excerpt") == n_excerpts


def test_deleting_an_underlying_source_keeps_the_excerpts(sample_project):
    store = sample_project.store
    src = store.get("source", {"citation_key": "greenhill2010"})
    citing = store.count("excerpt", {"underlying_source_id": src["id"]})
    assert citing > 0
    sample_project.execute(DeleteSource(src["id"]))  # it has no excerpts of its own
    assert store.count("excerpt", {"underlying_source_id": src["id"]}) == 0
    sample_project.history.undo()
    assert store.count("excerpt", {"underlying_source_id": src["id"]}) == citing


@pytest.mark.parametrize(
    "make",
    [
        lambda: SetCell(1, "compulsory", score=5),
        lambda: SetCell(1, "compulsory", score=True),
        lambda: SetCell(1, "compulsory", confidence="certain"),
        lambda: SetCell(1, "compulsory", colour="red"),
        lambda: SetCaseObjectives(1, [24]),
        lambda: AddCase("   "),
        lambda: AddCaseActor(1, "X", "bystander", "individual", "north"),
        lambda: SetMechanismCoding(1, "deterrence", strength=-1),
        lambda: AddExcerpt(1, "text", evidence_type="rumour"),
        lambda: AddOverlap(1, "funding", "funding"),
    ],
)
def test_invalid_commands_are_refused_before_touching_storage(make):
    with pytest.raises(CommandError):
        make()


def test_command_on_a_deleted_case_fails_without_partial_change(sample_project):
    case_id = _case(sample_project)
    sample_project.execute(DeleteCase(case_id, confirm_evidence=True))
    before = dump(sample_project)
    with pytest.raises(CommandError):
        sample_project.execute(SetCell(case_id, "compulsory", score=2))
    with pytest.raises(CommandError):
        sample_project.execute(UpdateCase(case_id, title="Ghost"))
    assert dump(sample_project) == before


def test_listeners_receive_what_changed(sample_project):
    seen = []
    unsubscribe = sample_project.subscribe(seen.append)
    case_id = _case(sample_project)
    before = sample_project.store.get(
        "matrix_cell", {"case_id": case_id, "power_type_id": "institutional"}
    )["score"]
    sample_project.execute(SetCell(case_id, "institutional", score=0))
    sample_project.history.undo()
    unsubscribe()
    sample_project.history.redo()
    assert len(seen) == 2  # typed events: the score written, then the score put back
    assert seen[0] == [CellChanged(case_id, "institutional", {"score": 0})]
    assert seen[1] == [CellChanged(case_id, "institutional", {"score": before})]


def test_history_labels_and_limits(project):
    add = AddCase("Case one", short_label="One")
    project.execute(add)
    project.execute(SetCell(add.case_id, "productive", score=4))
    assert project.history.undo_label == "Set productive score of One to 4 (dominant)"
    project.history.undo()
    assert project.history.redo_label.startswith("Set productive score")
    project.history.undo()
    assert not project.history.can_undo
    assert project.store.count("study_case") == 0


def test_custom_mechanism_joins_the_project_framework(project):
    project.execute(
        AddMechanism("structural", "remittances", "Remittances", "Money sent home.", "capacities")
    )
    fw = project.framework
    assert fw.mechanism("remittances").custom
    assert [m.id for m in fw.power_type("structural").mechanisms][-1] == "remittances"
    project.history.undo()
    with pytest.raises(KeyError):
        project.framework.mechanism("remittances")


def test_a_failing_listener_leaves_history_and_file_in_step(sample_project, caplog):
    from workbench.commands import SetCell

    def broken(changes):
        raise RuntimeError("a view crashed")

    sample_project.subscribe(broken)
    case_id = sample_project.store.select("study_case")[0]["id"]
    sample_project.execute(SetCell(case_id, "compulsory", score=0))
    assert sample_project.history.can_undo and "a view failed to follow" in caplog.text
    sample_project.history.undo()
    assert not sample_project.history.can_undo


def test_names_that_clash_are_refused_in_words(sample_project):
    from workbench.commands import UpdateActor, UpdateSource
    from workbench.errors import CommandError

    actors = sample_project.store.select("actor", order_by=["id"])
    with pytest.raises(CommandError, match="another actor is called"):
        sample_project.execute(UpdateActor(actors[0]["id"], name=actors[1]["name"]))
    sources = sample_project.store.select("source", order_by=["id"])
    with pytest.raises(CommandError, match="another source has the citation key"):
        sample_project.execute(
            UpdateSource(sources[0]["id"], {"title": "T"}, sources[1]["citation_key"])
        )
