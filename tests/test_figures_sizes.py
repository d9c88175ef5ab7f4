"""Figures at a journal's sizes: every chart at single, 1.5 and double column, in every
grouping, holds every case and mechanism name whole, or is refused with the size it
needs; nothing is cut, nothing crashes."""

from __future__ import annotations

import re

import pytest

from ui.charts.figure import build_figure, svg_bytes
from ui.entry import main
from workbench.analysis.comparison import GROUPINGS, KINDS, ChartOptions, load_comparison
from workbench.analysis.figure_spec import FigureDoesNotFit, FigureSpec, parse_figure_size

SIZES_CM = ((8.5, 6), (8.5, 8), (8.5, 10), (12, 9), (17, 11))


@pytest.fixture(scope="module")
def comparison(qapp, tmp_path_factory):
    from workbench.project import Project
    from workbench.samples import build_sample_project

    path = tmp_path_factory.mktemp("figures") / "sample.mpw"
    build_sample_project(path).close()
    project = Project.open_readonly(path)
    try:
        yield load_comparison(project)
    finally:
        project.close()


def svg_text(data: bytes) -> str:
    """The text of the SVG's <text> elements in drawing order, one space between: a name
    wrapped onto two lines reads as one."""
    svg = data.decode("utf-8")
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    return " ".join(re.sub(r"\s+", " ", t).strip() for t in texts)


def names_expected(comparison, kind: str, figure) -> list[str]:
    if kind == "compare":
        names = [comparison.case(i).name for i in figure.ids]
    elif kind == "plane":
        names = [comparison.case(p.case_id).name for p in figure.points]
    else:
        names = [c.name for c in comparison.cases]
    return names


@pytest.mark.parametrize("group", list(GROUPINGS))
@pytest.mark.parametrize("kind", KINDS)
def test_every_name_whole_or_the_size_refused(comparison, kind, group):
    drawn = 0
    for width, height in SIZES_CM:
        spec = FigureSpec(width, height)
        try:
            figure = build_figure(kind, comparison, ChartOptions(group_by=group), spec)
        except FigureDoesNotFit as refusal:
            # the message names the smallest size, and that size is then drawn
            assert re.search(r"at least \d+(\.\d)? cm", str(refusal)), str(refusal)
            bigger = FigureSpec(max(width, refusal.width_cm), max(height, refusal.height_cm))
            figure = build_figure(kind, comparison, ChartOptions(group_by=group), bigger)
        else:
            drawn += 1
        text = svg_text(svg_bytes(figure))
        assert "…" not in text
        for name in names_expected(comparison, kind, figure):
            assert name in text, (kind, group, width, height, name)
        if kind in ("mechanisms", "compare"):
            for m in comparison.framework.mechanisms:
                assert m.label in text or m.short_label in text, (kind, width, m.label)
    if group == "none":
        assert drawn >= 1  # twelve cases fit a double column at least


def test_without_a_height_the_figure_takes_what_its_rows_need(comparison):
    figure = build_figure("mechanisms", comparison, ChartOptions(), FigureSpec(8.5, None))
    assert figure.height == pytest.approx(figure.needed_height(figure.width))
    with pytest.raises(FigureDoesNotFit, match=r"needs at least [\d.]+ cm of height"):
        build_figure("mechanisms", comparison, ChartOptions(), FigureSpec(8.5, 6))


def test_type_is_set_at_the_asked_size_in_a_real_font(comparison):
    figure = build_figure("heatmap", comparison, ChartOptions(), FigureSpec(8.5, None, 8.0))
    svg = svg_bytes(figure).decode("utf-8")
    sizes = {float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)}
    # 8 pt body text is 10.67 px at 96 per inch; the title a little larger; nothing smaller
    assert min(sizes) == pytest.approx(8 * 96 / 72, abs=0.01)
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert families and all(f.endswith("sans-serif") for f in families)
    assert not any("Sans Serif" in f for f in families)
    assert 'width="85.00mm"' in svg  # 8.5 cm on paper


def test_no_title_leaves_it_to_the_caption(comparison):
    with_title = build_figure("heatmap", comparison, ChartOptions(), FigureSpec(12, None))
    without = build_figure("heatmap", comparison, ChartOptions(), FigureSpec(12, None, title=False))
    assert "Power scores by case" in svg_text(svg_bytes(with_title))
    assert "Power scores by case" not in svg_text(svg_bytes(without))
    assert without.height < with_title.height


def test_size_presets_and_centimetres():
    assert parse_figure_size("single") == (8.5, None)
    assert parse_figure_size("1.5") == (12.0, None)
    assert parse_figure_size("double") == (17.0, None)
    assert parse_figure_size("8.5x8cm") == (8.5, 8.0)
    assert parse_figure_size("12cm") == (12.0, None)
    assert parse_figure_size("slide")[0] == pytest.approx(25.4)
    with pytest.raises(ValueError, match="at least 3 cm"):
        parse_figure_size("2x8cm")


def test_cli_refuses_a_size_too_small_naming_the_smallest(sample_path, tmp_path, capsys):
    out = tmp_path / "m.svg"
    code = main(["chart", str(sample_path), "mechanisms", str(out), "--size", "8.5x6cm"])
    assert code == 2
    err = capsys.readouterr().err
    assert re.search(r"needs at least [\d.]+ cm of height \(asked: 6 cm\): use 8\.5x[\d.]+cm", err)
    assert not out.exists()
    size = re.search(r"use (8\.5x[\d.]+cm)", err).group(1)
    assert main(["chart", str(sample_path), "mechanisms", str(out), "--size", size]) == 0


def test_cli_type_size_title_and_font_options(sample_path, tmp_path, capsys):
    out = tmp_path / "h.svg"
    args = ["chart", str(sample_path), "heatmap", str(out), "--size", "single"]
    assert main([*args, "--type-size", "9", "--no-title"]) == 0
    svg = out.read_text(encoding="utf-8")
    assert "Power scores by case" not in svg_text(svg.encode())  # not drawn; kept as metadata
    assert 'font-size="12"' in svg  # 9 pt
    assert main([*args, "--type-size", "4"]) == 2
    assert "--type-size 4: expected 7 to 12 points" in capsys.readouterr().err
    assert main([*args, "--font", "No Such Font"]) == 2
    assert "no such font is installed" in capsys.readouterr().err
