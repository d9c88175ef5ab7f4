"""The numbers behind the comparison charts, tested without Qt."""

from __future__ import annotations

import csv
import io
import random

import pytest

from workbench.analysis.comparison import (
    KINDS,
    NO_GROUP,
    chart_table,
    evidence_bin,
    evidence_bin_label,
    follow_events,
    group_labels,
    group_order,
    load_comparison,
    order_cases,
    plane_corners,
    plane_points,
    refresh_cases,
    resolve_case_uids,
    side_by_side,
    similarity_order,
    subset,
)
from workbench.analysis.tables import score_table, strength_table
from workbench.changes import events_from
from workbench.commands.cases import AddCase, AddCaseActor, SetCaseTags
from workbench.commands.evidence import UnlinkExcerpt
from workbench.commands.matrix import SetCell, SetMechanismCoding

TYPES = ("compulsory", "institutional", "structural", "productive")


def add_case(project, title, scores, *, region="", period="", tags=(), confidence=None):
    command = AddCase(title, region=region, period=period)
    project.execute(command)
    case_id = command.case_id
    for power_type, score in zip(TYPES, scores, strict=True):
        if score is not None:
            project.execute(SetCell(case_id, power_type, score=score))
    if confidence:
        for power_type, level in confidence.items():
            project.execute(SetCell(case_id, power_type, confidence=level))
    if tags:
        project.execute(SetCaseTags(case_id, tags))
    return case_id


def test_load_comparison_matches_the_tidy_tables(sample_project):
    comparison = load_comparison(sample_project)
    scores = score_table(sample_project)
    strengths = strength_table(sample_project)
    assert len(comparison.cases) == 12
    assert comparison.power_types == TYPES
    flat_scores = [s for c in comparison.cases for s in c.scores]
    assert flat_scores == [r.score for r in scores]
    assert [e for c in comparison.cases for e in c.evidence] == [r.evidence for r in scores]
    assert [s for c in comparison.cases for s in c.strengths] == [r.strength for r in strengths]
    assert comparison.cases[0].confidence == tuple(r.confidence for r in scores[:4])


def test_a_selection_keeps_the_order_given(sample_project):
    ids = resolve_case_uids(sample_project, ["libya-gna-2015", "eu-turkey-2016"])
    comparison = load_comparison(sample_project, ids)
    assert [c.case.uid for c in comparison.cases] == ["libya-gna-2015", "eu-turkey-2016"]
    with pytest.raises(KeyError) as info:
        resolve_case_uids(sample_project, ["eu-turkey-2016", "no-such-case"])
    assert info.value.args[0] == "no-such-case"


def test_plane_coordinates_are_shares_of_the_total(project):
    a = add_case(project, "A", (4, 0, 0, 0))  # all compulsory: top left
    b = add_case(project, "B", (0, 2, 0, 2))  # all diffuse, half constitutive
    c = add_case(project, "C", (1, 1, 1, 1))  # the centre
    d = add_case(project, "D", (3, None, 1, None))  # a gap is not an absence: no position
    e = add_case(project, "E", (None, None, None, None))  # no position
    f = add_case(project, "F", (3, 0, 1, 0))  # what D would wrongly have been
    points = {p.case_id: p for p in plane_points(load_comparison(project))}
    assert (points[a].x, points[a].y) == (0.0, 0.0)
    assert (points[b].x, points[b].y) == (1.0, 0.5)
    assert (points[c].x, points[c].y) == (0.5, 0.5)
    assert (points[f].x, points[f].y) == (0.0, 0.25)
    assert points[f].total == 4
    assert d not in points and e not in points


def test_plane_corners_follow_the_matrix(sample_project):
    corners = plane_corners(sample_project.framework)
    assert corners == {
        (0, 0): "compulsory",
        (1, 0): "institutional",
        (0, 1): "structural",
        (1, 1): "productive",
    }


def test_order_by_type_total_and_list(project):
    a = add_case(project, "A", (1, 4, 0, 0))
    b = add_case(project, "B", (3, 0, 0, 0))
    c = add_case(project, "C", (3, 2, 2, 2))
    d = add_case(project, "D", (None, 1, 0, 0))
    comparison = load_comparison(project)
    assert order_cases(comparison, "list") == [a, b, c, d]
    # by a type: highest first, ties by total, not scored last
    assert order_cases(comparison, "compulsory") == [c, b, a, d]
    assert order_cases(comparison, "institutional") == [a, c, d, b]
    assert order_cases(comparison, "total") == [c, a, b, d]
    with pytest.raises(ValueError, match="unknown order"):
        order_cases(comparison, "alphabetical")


def test_similarity_order_puts_alike_profiles_together(project):
    ids = [
        add_case(project, "compulsory 1", (4, 0, 0, 0)),
        add_case(project, "productive 1", (0, 0, 3, 4)),
        add_case(project, "institutional", (0, 4, 1, 0)),
        add_case(project, "compulsory 2", (4, 1, 0, 0)),
        add_case(project, "productive 2", (0, 0, 4, 4)),
    ]
    order = order_cases(load_comparison(project), "similarity")
    assert sorted(order) == sorted(ids)
    position = {case_id: i for i, case_id in enumerate(order)}
    assert abs(position[ids[0]] - position[ids[3]]) == 1
    assert abs(position[ids[1]] - position[ids[4]]) == 1


def test_similarity_order_of_many_profiles_is_a_reproducible_permutation():
    rng = random.Random(7)
    vectors = [tuple(rng.choice([None, 0, 1, 2, 3, 4]) for _ in range(4)) for _ in range(300)]
    order = similarity_order(vectors)
    assert sorted(order) == list(range(300))
    assert similarity_order(vectors) == order
    # identical profiles end up next to each other
    twins = [i for i, v in enumerate(vectors) if v == vectors[order[0]]]
    assert sorted(order[: len(twins)]) == sorted(twins)


def test_groups_by_region_period_tag_and_north_south(project):
    a = add_case(
        project, "A", (1, 1, 1, 1), region="Europe / Middle East", period="2016–", tags=("x", "y")
    )
    b = add_case(project, "B", (1, 1, 1, 1), region="Europe", period="2022–2024", tags=("y",))
    c = add_case(project, "C", (1, 1, 1, 1), region="", period="2000s–2010s")
    project.execute(AddCaseActor(a, "EU", "wielder", "state", "north"))
    project.execute(AddCaseActor(a, "Turkey", "recipient", "state", "south"))
    project.execute(AddCaseActor(b, "UK", "wielder", "state", "north"))
    project.execute(AddCaseActor(b, "Rwanda", "recipient", "state", "south"))
    project.execute(AddCaseActor(b, "UNHCR", "recipient", "international_organization", "mixed"))
    cases = load_comparison(project).cases
    assert group_labels(cases, "region") == {a: "Europe", b: "Europe", c: NO_GROUP}
    assert group_labels(cases, "period") == {a: "2010s", b: "2020s", c: "2000s"}
    assert group_labels(cases, "tag") == {a: "y", b: "y", c: NO_GROUP}
    assert group_labels(cases, "north_south") == {
        a: "North → South",
        b: "North → mixed",
        c: "? → ?",
    }
    labels = group_labels(cases, "region")
    assert group_order(labels) == ["Europe", NO_GROUP]
    # grouped rows: the groups in turn, the order kept within each
    assert order_cases(load_comparison(project), "list", "period") == [c, a, b]
    grouped = order_cases(load_comparison(project), "list", "region")
    assert grouped == [a, b, c]
    with pytest.raises(ValueError, match="unknown grouping"):
        group_labels(cases, "colour")


def test_side_by_side_marks_differences(project):
    a = add_case(project, "A", (3, 2, None, 1))
    b = add_case(project, "B", (3, 4, 1, 1))
    project.execute(SetMechanismCoding(a, "deterrence", strength=2))
    project.execute(SetMechanismCoding(b, "deterrence", strength=2))
    project.execute(SetMechanismCoding(b, "containment", strength=3))
    rows = {(r.power_type, r.mechanism): r for r in side_by_side(load_comparison(project), [a, b])}
    assert rows[("compulsory", None)].values == (3, 3)
    assert not rows[("compulsory", None)].differs
    institutional = rows[("institutional", None)]
    assert institutional.differs and institutional.spread == 2 and institutional.delta(1) == 2
    structural = rows[("structural", None)]
    assert structural.differs and structural.delta(1) is None  # not scored in A
    assert not rows[("compulsory", "deterrence")].differs
    assert rows[("compulsory", "containment")].values == (None, 3)
    assert len(rows) == 4 + 14


def test_evidence_bins_are_ordered_classes():
    assert [evidence_bin(n) for n in (0, 1, 2, 3, 4, 7, 8, 500)] == [0, 1, 2, 2, 3, 3, 4, 4]
    assert [evidence_bin_label(i) for i in range(5)] == ["0", "1", "2–3", "4–7", "8+"]


@pytest.mark.parametrize("kind", KINDS)
def test_chart_tables_hold_one_row_per_element(sample_project, kind, tmp_path):
    comparison = load_comparison(sample_project)
    order = order_cases(comparison, "total")
    table = chart_table(comparison, kind, order, "region")
    expected_rows = {
        "heatmap": 12 * 4,
        "profiles": 12 * 4,
        "mechanisms": 12 * 14,
        "plane": len(plane_points(comparison)),
        "compare": 4 + 14,
    }[kind]
    assert len(table.rows) == expected_rows
    out = tmp_path / f"{kind}.csv"
    table.write_csv(out)
    read = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(read[0]) == table.columns
    assert len(read) == expected_rows + 1
    if kind != "compare":
        first_uid = comparison.case(order[0]).case.uid
        assert read[1][0] == first_uid  # rows in drawing order


def test_an_unknown_chart_kind_is_named(sample_project):
    with pytest.raises(ValueError, match="unknown chart kind 'pie'"):
        chart_table(load_comparison(sample_project), "pie")


def test_subset_keeps_the_order_given_and_reads_nothing(sample_project):
    full = load_comparison(sample_project)
    ids = [full.cases[5].id, full.cases[0].id, 999]
    part = subset(full, ids)
    assert [c.id for c in part.cases] == ids[:2]
    assert part.cases[0] is full.cases[5]
    assert subset(full, None) is full


def test_scores_and_strengths_an_edit_carries_are_charted_without_reading(sample_project):
    full = load_comparison(sample_project)
    case = full.cases[2]
    command = SetCell(case.id, "productive", score=0, confidence="high")
    sample_project.execute(command)
    coding = SetMechanismCoding(case.id, "categorization", strength=4)
    sample_project.execute(coding)
    events = events_from(command.changes() + coding.changes())
    followed, reread = follow_events(full, events)
    assert reread == set()  # nothing to read: the events carried the values
    assert followed == load_comparison(sample_project)  # the same as reading everything
    assert followed.case(case.id).scores[3] == 0
    assert followed.case(case.id).confidence[3] == "high"
    assert followed.cases[0] is full.cases[0]  # the others are kept as they were


def test_evidence_changes_read_only_the_cases_they_touch(sample_project):
    full = load_comparison(sample_project)
    case = full.cases[1]
    link = sample_project.store.select("evidence_link", {"case_id": case.id})[0]
    command = UnlinkExcerpt(link["excerpt_id"], case.id, link["mechanism_id"])
    sample_project.execute(command)
    followed, reread = follow_events(full, events_from(command.changes()))
    assert reread == {case.id} and followed is full
    fresh = refresh_cases(sample_project, followed, reread)
    assert fresh == load_comparison(sample_project)


def test_a_new_case_asks_for_a_full_reload(project):
    command = AddCase("New")
    project.execute(command)
    full = load_comparison(project)
    assert follow_events(full, events_from(command.changes()))[1] is None
    assert follow_events(full, []) == (full, set())


def test_a_partly_scored_case_has_no_place_on_the_plane_and_sorts_last_by_total(sample_project):
    from workbench.analysis.comparison import load_comparison, order_cases, plane_points
    from workbench.commands import AddCase, SetCell

    add = AddCase("Partly scored")
    sample_project.execute(add)
    sample_project.execute(SetCell(add.case_id, "compulsory", score=4))
    comparison = load_comparison(sample_project)
    partial = next(c for c in comparison.cases if c.id == add.case_id)
    assert not partial.complete and partial.total == 4
    assert add.case_id not in {p.case_id for p in plane_points(comparison)}
    assert order_cases(comparison, "total")[-1] == add.case_id
