import json
from pathlib import Path

import pytest

from workbench.errors import FrameworkError
from workbench.framework import load_framework
from workbench.resources import default_framework_path
from workbench.vocabularies import load_vocabularies


def test_shipped_framework_is_table_1():
    fw = load_framework()
    assert [pt.id for pt in fw.power_types] == [
        "compulsory",
        "institutional",
        "structural",
        "productive",
    ]
    assert fw.at("interaction", "direct").id == "compulsory"
    assert fw.at("interaction", "diffuse").id == "institutional"
    assert fw.at("constitution", "direct").id == "structural"
    assert fw.at("constitution", "diffuse").id == "productive"
    assert len(fw.mechanisms) == 14
    counts = {pt.id: len(pt.mechanisms) for pt in fw.power_types}
    assert counts == {"compulsory": 4, "institutional": 4, "structural": 3, "productive": 3}
    assert fw.score_labels == ("absent", "weak", "moderate", "strong", "dominant")
    assert fw.confidence_levels == ("low", "medium", "high")
    assert "Fernández-Molina" in json.dumps(fw.citation, ensure_ascii=False)


def test_default_effects_follow_the_article():
    fw = load_framework()
    by_effect = {}
    for m in fw.mechanisms:
        by_effect.setdefault(m.effect, set()).add(m.id)
    assert by_effect["capacities"] == {"containment", "funding", "capacity_building"}
    assert {"deterrence", "political_conditionality", "coercive_engineered_migration"} <= (
        by_effect["interests"]
    )
    assert {m.id for m in fw.power_type("institutional").mechanisms} <= by_effect["interests"]
    assert {m.id for m in fw.power_type("productive").mechanisms} <= by_effect["identities"]
    assert "migration_state_roles" in by_effect["identities"]


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "fw.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def _shipped() -> dict:
    return json.loads(default_framework_path().read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("mutate", "key"),
    [
        (lambda d: d.pop("power_types"), "power_types"),
        (
            lambda d: d["power_types"][1]["mechanisms"][0].update(effect="feelings"),
            "power_types[1].mechanisms[0].effect",
        ),
        (lambda d: d["power_types"][2].update(row="sideways"), "power_types[2].row"),
        (
            lambda d: d["power_types"][0]["mechanisms"][1].update(id="deterrence"),
            "power_types[0].mechanisms[1].id",
        ),
        (lambda d: d["scales"]["score"].update(labels=["a", "b"]), "scales.score"),
        (lambda d: d["power_types"][3].pop("label"), "power_types[3].label"),
        (lambda d: d.update(format_version=7), "format_version"),
    ],
)
def test_malformed_framework_names_file_and_key(tmp_path, mutate, key):
    data = _shipped()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(FrameworkError) as err:
        load_framework(path)
    assert err.value.key == key
    assert str(path) in str(err.value)


def test_framework_that_is_not_json_or_not_text(tmp_path):
    path = _write(tmp_path, '{"format": ')
    with pytest.raises(FrameworkError, match="not valid JSON"):
        load_framework(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FrameworkError, match="not UTF-8"):
        load_framework(path)
    with pytest.raises(FrameworkError, match="cannot be read"):
        load_framework(tmp_path / "missing.json")


def test_vocabularies():
    v = load_vocabularies()
    assert len(v.gcm_objectives) == 23
    assert v.label("gcm_objectives", "11").startswith("Manage borders")
    assert len(v.gcim_principles) == 6
    assert [t.id for t in v.diaspora_explanations] == [
        "national_interests",
        "national_identities",
        "international_expectations",
    ]
    assert {
        "state_sending",
        "state_transit",
        "state_destination",
        "organization_regional",
        "organization_universal",
        "non_state",
        "individual",
    } <= v.ids("actor_categories")
    assert v.ids("north_south") >= {"north", "south"}
    assert len(v.evidence_types) == 5


def test_project_keeps_its_framework_when_shipped_file_changes(tmp_path, monkeypatch):
    from workbench.project import Project

    p = Project.create(tmp_path / "a.mpw")
    p.close()
    changed = _shipped()
    changed["power_types"][0]["label"] = "Renamed"
    folder = tmp_path / "res" / "frameworks"
    folder.mkdir(parents=True)
    (folder / "migration_power.json").write_text(json.dumps(changed), encoding="utf-8")
    monkeypatch.setenv("MPW_RESOURCES", str(tmp_path / "res"))
    assert load_framework().power_types[0].label == "Renamed"
    with Project.open(tmp_path / "a.mpw", backup=False) as again:
        assert again.framework.power_types[0].label == "Compulsory"


def test_a_project_keeps_its_mechanisms_in_one_place(project):
    """The stored definition leaves mechanisms to the table that evidence points at."""
    from workbench.commands import AddMechanism

    stored = json.loads(project.store.meta("framework"))
    assert all(pt["mechanisms"] == [] for pt in stored["power_types"])
    shipped = load_framework()
    assert [m.id for m in project.framework.mechanisms] == [m.id for m in shipped.mechanisms]
    assert project.framework.power_type("compulsory").quotation == (
        shipped.power_type("compulsory").quotation
    )
    project.execute(
        AddMechanism(
            "structural", "visa_reward", "Visa liberalisation", "Visas as reward", "interests"
        )
    )
    custom = project.framework.power_type("structural").mechanisms[-1]
    assert custom.label == "Visa liberalisation" and custom.custom
