"""Colours and marks that mean one thing everywhere: a group's colour by its name in
any selection, 'other' beyond seven groups, no evidence lightest, an unscored total
'–', the plane's markers as in its legend and its shares growing upwards."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF

from ui.charts.base import OTHER_GROUPS
from ui.charts.headless import build_chart
from ui.charts.style import OTHER_GROUP, ChartStyle
from ui.comparison_view import ComparisonWindow
from ui.palette import SCORE_COLOURS
from workbench.analysis.comparison import (
    COLOURED_GROUPS,
    OTHER_SLOT,
    ChartOptions,
    Comparison,
    colour_groups,
    group_colour_slots,
    group_labels,
    load_comparison,
    plane_points,
    total_text,
)


@pytest.fixture
def comparison(sample_project):
    return load_comparison(sample_project)


def test_a_group_keeps_its_colour_whatever_the_selection(comparison):
    every = colour_groups(comparison.cases, "region")
    full = group_colour_slots(group_labels(comparison.cases, "region"), every)
    few = comparison.cases[5:8]
    alone = group_colour_slots(group_labels(few, "region"), every)
    assert all(alone[g] == full[g] for g in alone)
    # without the project's groups, the selection would have coloured them afresh
    assert group_colour_slots(group_labels(few, "region")) != alone


def test_beyond_seven_groups_the_rest_are_an_explicit_other(comparison, qapp):
    cases = tuple(
        replace(c, case=replace(c.case, region=f"Region {i:02d}"))
        for i, c in enumerate(comparison.cases)
    )
    many = Comparison(comparison.framework, cases)
    slots = group_colour_slots(group_labels(cases, "region"))
    assert sorted(v for v in slots.values() if v != OTHER_SLOT) == list(range(COLOURED_GROUPS))
    assert list(slots.values()).count(OTHER_SLOT) == len(cases) - COLOURED_GROUPS
    chart = build_chart("heatmap", many, ChartOptions(group_by="region"), (900, 700))
    try:
        sections = dict(chart.legend.sections)
        coloured, other = sections["Group:"], sections[OTHER_GROUPS]
        assert len({e.fill.name() for e in coloured}) == len(coloured) == COLOURED_GROUPS
        assert {e.fill.name() for e in other} == {OTHER_GROUP.lower()}  # and named each
        assert len(other) == len(cases) - COLOURED_GROUPS
    finally:
        chart.close()


def test_window_colours_follow_every_case_not_the_filtered_ones(qtbot, window):
    window.compare_action.trigger()
    compare = window.comparison_window
    assert isinstance(compare, ComparisonWindow)
    compare.group.setCurrentIndex(compare.group.findData("region"))
    compare.group.activated.emit(compare.group.currentIndex())
    chart = compare.chart()
    before = {g: chart.colour_of_group(g).name() for g in chart.group_names}
    qtbot.keyClicks(window.view.case_list.filter, "Libya")
    compare.selection.setCurrentIndex(1)  # the filtered list
    compare.selection.activated.emit(1)
    chart = compare.chart()
    assert len(chart.order) == 1
    group = chart.groups[chart.order[0]]
    assert chart.colour_of_group(group).name() == before[group]


def test_no_evidence_is_the_lightest_class_not_the_absent_yellow():
    style = ChartStyle()
    none = style.evidence(0)
    assert none.name() != SCORE_COLOURS[0]
    assert all(none.lightnessF() > style.evidence(i).lightnessF() for i in range(1, 5))
    assert all(none.lightnessF() > style.ramp(i).lightnessF() for i in range(5))


def test_a_total_reads_dash_with_nothing_scored_and_at_least_while_partial(comparison):
    case = comparison.cases[0]
    assert total_text(replace(case, scores=(None,) * 4)) == "–"
    assert total_text(replace(case, scores=(2, None, 1, None))) == "≥ 3"
    assert total_text(replace(case, scores=(2, 1, 1, 0))) == "4"


def test_plane_shares_grow_upwards_and_markers_are_the_legends(qapp, comparison):
    chart = build_chart("plane", comparison, ChartOptions(group_by="north_south"), (800, 600))
    try:
        points = sorted(plane_points(comparison), key=lambda p: p.y)
        low, high = points[0], points[-1]
        y_low = chart.view.mapViewToScene(QPointF(low.x, low.y)).y()
        y_high = chart.view.mapViewToScene(QPointF(high.x, high.y)).y()
        assert y_high < y_low  # a higher constitutive share sits higher
        assert chart.plot.getAxis("left").labelText.endswith("→")
        legend = dict(chart.legend.sections)["Group:"]
        for i, entry in enumerate(legend):
            case = next(c for c in chart.order if chart.groups[c] == entry.label)
            assert entry.marker == chart.chart_style.symbol(chart.group_index(case)), i
            assert entry.fill.name() == chart.group_colour(case).name()
    finally:
        chart.close()


def test_the_window_prints_each_groups_name_beside_its_rows(qapp, comparison):
    import re

    from ui.charts.export import svg_bytes

    chart = build_chart("heatmap", comparison, ChartOptions(group_by="north_south"), (900, 600))
    try:
        svg = svg_bytes(chart).decode("utf-8")
        texts = [t.strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]
        for group in chart.group_names:  # once in the legend, once beside the rows
            assert texts.count(group) >= 2, group
    finally:
        chart.close()
