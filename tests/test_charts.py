"""The five charts drawn from the sample project; their figures (SVG, PDF, PNG); the CLI."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QByteArray, QPointF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from ui.charts.export import pdf_bytes, png_image, svg_bytes, write_figure
from ui.charts.headless import build_chart, parse_size
from ui.charts.style import ChartStyle
from ui.entry import main
from workbench.analysis.comparison import KINDS, ChartOptions, load_comparison, plane_points

SIZE = (760, 560)


@pytest.fixture
def comparison(sample_project):
    return load_comparison(sample_project)


@pytest.fixture
def chart_of(qapp, comparison):
    built = []

    def make(kind, options=None, size=SIZE, style=None):
        chart = build_chart(kind, comparison, options or ChartOptions(), size, style)
        built.append(chart)
        return chart

    yield make
    for chart in built:
        chart.close()
        chart.deleteLater()


def svg_texts(data: bytes) -> str:
    """All text of an SVG's <text> elements, joined."""
    svg = data.decode("utf-8")
    return " ".join(
        re.sub(r"\s+", " ", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    )


def differing_share(a: QImage, b: QImage) -> float:
    """Share of pixels whose colour differs by more than a little.

    Both images are halved first (smoothly), so that glyph hinting, which differs
    between a text laid out by Qt and one laid out by an SVG renderer, does not
    count, while anything out of place does.
    """
    assert a.size() == b.size()
    half = a.size() / 2
    smooth = Qt.TransformationMode.SmoothTransformation
    a = a.convertToFormat(QImage.Format.Format_RGB32).scaled(
        half, Qt.AspectRatioMode.IgnoreAspectRatio, smooth
    )
    b = b.convertToFormat(QImage.Format.Format_RGB32).scaled(
        half, Qt.AspectRatioMode.IgnoreAspectRatio, smooth
    )
    differ, total = 0, 0
    for y in range(a.height()):
        for x in range(a.width()):
            ca, cb = a.pixelColor(x, y), b.pixelColor(x, y)
            total += 1
            if (
                max(
                    abs(ca.red() - cb.red()),
                    abs(ca.green() - cb.green()),
                    abs(ca.blue() - cb.blue()),
                )
                > 60
            ):
                differ += 1
    return differ / total


@pytest.mark.parametrize("kind", KINDS)
def test_each_chart_exports_vector_svg_that_renders_like_the_png(chart_of, comparison, kind):
    chart = chart_of(kind, ChartOptions(group_by="region", compare_ids=(1, 2, 6)))
    data = svg_bytes(chart)
    texts = svg_texts(data)
    assert chart.title.split(":")[0] in texts
    assert "<image" not in data.decode("utf-8")  # nothing rasterised
    expected = {
        "heatmap": ["EU–Turkey 2016", "Compulsory", "3 strong", "low confidence"],
        "mechanisms": ["Libya GNA 2015", "Deterrence", "Institutional"],
        "plane": ["Australia–Nauru 2012", "Productive", "50%"],
        "profiles": ["Colombians in Ecuador", "4 dominant", "Structural"],
        "compare": ["EU–Turkey 2016", "UK–Rwanda 2022", "Belarus–EU 2021", "Containment"],
    }[kind]
    for label in expected:
        assert label in texts, label

    png = png_image(chart, dpi=96)
    assert differing_share(render_svg(data, png.size()), png) < 0.02


def render_svg(data: bytes, size) -> QImage:
    renderer = QSvgRenderer(QByteArray(data))
    assert renderer.isValid()
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def test_svg_at_the_generator_default_72_dpi_would_be_misplaced(chart_of):
    """Why the resolution is set: at 72 dpi the text and cells no longer line up."""
    chart = chart_of("heatmap")
    png = png_image(chart, dpi=96)
    assert differing_share(render_svg(svg_bytes(chart), png.size()), png) < 0.02
    assert differing_share(render_svg(svg_bytes(chart, resolution=72), png.size()), png) > 0.03


def test_png_is_drawn_at_the_chosen_dpi_and_says_so(chart_of, tmp_path):
    chart = chart_of("heatmap")
    image = png_image(chart, dpi=300)
    assert (image.width(), image.height()) == (round(760 * 300 / 96), round(560 * 300 / 96))
    assert image.dotsPerMeterX() == round(300 * 39.37007874)
    out = tmp_path / "figure.png"
    write_figure(chart, out, dpi=150)
    saved = QImage(str(out))
    assert saved.width() == round(760 * 150 / 96)
    assert abs(saved.dotsPerMeterX() - 150 / 0.0254) < 2
    # fonts and lines scale with the resolution: the 300 dpi image, scaled down, matches 96 dpi
    small = image.scaled(png_image(chart, dpi=96).size())
    assert differing_share(small, png_image(chart, dpi=96)) < 0.05


def test_pdf_is_a_single_page_of_the_chart_size(chart_of):
    data = pdf_bytes(chart_of("plane"))
    assert data.startswith(b"%PDF-")
    assert (
        data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page") >= 1
    )
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 760 * 72 / 96) < 1 and abs(height - 560 * 72 / 96) < 1


def test_heatmap_rows_follow_the_chosen_order_and_cells_find_their_case(chart_of, comparison):
    chart = chart_of("heatmap", ChartOptions(order="structural"))
    k = comparison.type_index("structural")
    scores = [comparison.case(i).scores[k] for i in chart.order]
    assert scores == sorted(scores, reverse=True)
    row = 3
    centre = chart.view.mapViewToScene(QPointF(k + 0.5, row + 0.5))
    target = chart.target_at(centre)
    assert (target.case_id, target.power_type, target.mechanism) == (
        chart.order[row],
        "structural",
        None,
    )
    text = chart.describe(target)
    case = comparison.case(chart.order[row])
    assert case.case.title in text
    assert f"Score: {case.scores[k]} (" in text
    assert f"Evidence: {case.evidence[k]} excerpt link(s)" in text


def test_mechanism_cells_find_their_mechanism_and_measure_toggles(chart_of, comparison):
    chart = chart_of("mechanisms", ChartOptions(measure="evidence"))
    assert "Evidence" in chart.title
    j = comparison.mechanism_index("funding")
    x = chart.positions[j] + 0.5
    target = chart.target_at(chart.view.mapViewToScene(QPointF(x, 0.5)))
    assert target.mechanism == "funding" and target.power_type == "structural"
    assert target.case_id == chart.order[0]


def test_plane_points_sit_at_their_shares(chart_of, comparison):
    chart = chart_of("plane")
    point = plane_points(comparison)[0]
    scene = chart.view.mapViewToScene(QPointF(point.x, point.y))
    target = chart.target_at(scene)
    assert target is not None
    assert target.case_id in {
        p.case_id for p in plane_points(comparison) if (p.x, p.y) == (point.x, point.y)
    }
    assert chart.target_at(chart.view.mapViewToScene(QPointF(0.98, 0.02))) is None


def test_large_type_grows_the_text(chart_of):
    normal = chart_of("heatmap")
    large = chart_of("heatmap", style=ChartStyle(large=True))
    assert large.labels.font.pointSizeF() == pytest.approx(normal.labels.font.pointSizeF() * 1.5)
    assert large.labels.minimumWidth() > normal.labels.minimumWidth()


def test_parse_size_in_pixels_and_centimetres():
    assert parse_size("1500x900", 300) == pytest.approx((480.0, 288.0))
    assert parse_size("2.54x5.08cm", 300) == pytest.approx((96.0, 192.0))
    assert parse_size(None, 300) is None
    with pytest.raises(ValueError, match="expected WIDTHxHEIGHT"):
        parse_size("wide", 300)
    with pytest.raises(ValueError, match="positive"):
        parse_size("0x10", 300)


@pytest.mark.parametrize("kind", KINDS)
def test_cli_draws_each_kind(sample_path, tmp_path, capsys, kind):
    out = tmp_path / f"{kind}.svg"
    code = main(
        [
            "chart",
            str(sample_path),
            kind,
            str(out),
            "--cases",
            "eu-turkey-2016,uk-rwanda-2022,libya-gna-2015",
        ]
    )
    assert code == 0, capsys.readouterr().err
    texts = svg_texts(out.read_bytes())
    assert "UK–Rwanda 2022" in texts
    assert "Australia–Nauru 2012" not in texts  # not among the chosen cases
    assert f"Wrote {out} ({kind}, 3 cases)" in capsys.readouterr().out


def test_cli_png_pdf_and_csv(sample_path, tmp_path):
    png = tmp_path / "plane.png"
    assert (
        main(["chart", str(sample_path), "plane", str(png), "--dpi", "150", "--size", "900x600"])
        == 0
    )
    image = QImage(str(png))
    assert (image.width(), image.height()) == (900, 600)
    assert abs(image.dotsPerMeterX() - 150 / 0.0254) < 2
    pdf = tmp_path / "heatmap.pdf"
    assert main(["chart", str(sample_path), "heatmap", str(pdf), "--size", "17x11cm"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    data = tmp_path / "heatmap.csv"
    assert main(["chart", str(sample_path), "heatmap", str(data), "--order", "total"]) == 0
    lines = data.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "case_uid,case,group,power_type,score,score_label,confidence,evidence"
    assert len(lines) == 1 + 12 * 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["heatmap", "out.gif"], "must end in .svg, .pdf, .png or .csv"),
        (
            ["heatmap", "out.svg", "--cases", "eu-turkey-2016,nope"],
            "no case with identifier 'nope'",
        ),
        (
            ["heatmap", "out.png", "--size", "big"],
            "expected a preset (single, onehalf, double, slide)",
        ),
        (["heatmap", "out.png", "--dpi", "5"], "--dpi 5: expected 30 to 2400"),
        (["compare", "out.svg", "--cases", "eu-turkey-2016"], "needs at least 2 cases"),
        (["heatmap", "out.svg", "--cases", ","], "no cases to chart"),
        (["heatmap", "out.svg", "--order", "colour"], "unknown order 'colour'"),
    ],
)
def test_cli_names_bad_input_and_writes_nothing(sample_path, tmp_path, capsys, args, message):
    kind, out, *rest = args
    target = tmp_path / out
    assert main(["chart", str(sample_path), kind, str(target), *rest]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_cli_keeps_an_earlier_figure_when_the_write_fails(sample_path, tmp_path, capsys):
    folder = tmp_path / "missing-folder"
    assert main(["chart", str(sample_path), "plane", str(folder / "plane.svg")]) == 2
    assert "an earlier file is unchanged" in capsys.readouterr().err


def test_cli_side_by_side_says_which_three_cases_it_shows(sample_path, tmp_path, capsys):
    out = tmp_path / "compare.svg"
    assert main(["chart", str(sample_path), "compare", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "note: side by side shows three cases (EU–Turkey 2016, UK–Rwanda 2022" in printed
    assert f"Wrote {out} (compare, 3 cases)" in printed


def test_text_and_marks_on_every_score_colour_meet_wcag_aa():
    """Score numbers and the low-confidence corner take black or white, whichever
    contrasts more: white on the middle grey (2) read at 4.2:1."""
    from ui.palette import contrast_ratio, score_colour, text_colour

    for score in (None, 0, 1, 2, 3, 4):
        assert contrast_ratio(text_colour(score), score_colour(score)) >= 4.5, score


def sixty_cases(comparison):
    """The sample's twelve cases five times over, each copy with an id of its own."""
    from dataclasses import replace

    from workbench.analysis.comparison import Comparison

    cases = [
        replace(c, case=replace(c.case, id=c.id + 1000 * n, title=f"{c.case.title} {n}"))
        for n in range(5)
        for c in comparison.cases
    ]
    return Comparison(comparison.framework, tuple(cases))


def test_a_figure_holds_every_case_though_the_window_scrolls(qapp, comparison, monkeypatch):
    many = sixty_cases(comparison)
    chart = build_chart("heatmap", many, ChartOptions(), (640, 420))
    try:
        (_, _), (top, bottom) = chart.view.viewRange()
        assert bottom - top < 60  # on screen: the rows that fit with their names
        drawn = []
        real = type(chart.scene()).render

        def spy(scene, *args):
            drawn.append(tuple(chart.view.viewRange()[1]))
            return real(scene, *args)

        monkeypatch.setattr(type(chart.scene()), "render", spy)
        svg_bytes(chart)
        assert drawn == [(0.0, 60.0)]  # the figure: all sixty
        assert tuple(chart.view.viewRange()[1]) == pytest.approx((top, bottom))  # as it was
        chart.resize(640, 1400)  # a taller window shows more rows
        qapp.processEvents()
        (_, _), (top2, bottom2) = chart.view.viewRange()
        assert bottom2 - top2 > bottom - top
    finally:
        chart.close()
        chart.deleteLater()
