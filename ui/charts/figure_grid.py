"""Figures with a row per case: the score heatmap, the mechanism heatmap, the profiles.

Names sit left of their rows, wrapped onto two lines when long (a row grows to
hold them); a grouping prints each group's name above its rows with its colour.
Column names stand upright when they fit across a column, else turned, in the
framework's short form when the full one is long. Every case gets its row: when
the rows cannot fit the height asked for, the figure says how tall it must be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.charts.base import LegendEntry, draw_corner, draw_marker
from ui.charts.figure_base import FigureBase, draw_lines
from ui.charts.style import SYMBOLS, TYPE_COLOURS
from workbench.analysis.comparison import (
    CaseScores,
    evidence_bin,
    evidence_bin_label,
    total_text,
)
from workbench.analysis.figure_spec import cm_to_px

TURNED_LIMIT_CM = 2.3  # a turned column name longer than this takes its short form
NAME_SHARE = 0.5  # of the width, for case names at most
GROUP_COLUMN_FROM_CM = 11.0
GAP_UNITS = 0.22  # between the column groups (mechanisms of two power types)


@dataclass(frozen=True)
class Column:
    x: float  # in column units
    w: float
    label: str
    short: str = ""


@dataclass(frozen=True)
class Band:
    x0: float
    x1: float
    label: str
    letter: str


@dataclass
class Row:
    case: CaseScores | None  # None: a group's heading
    lines: list[str]
    height: float
    group: str = ""
    group_lines: list[str] = field(default_factory=list)  # the group's name beside it


class GridFigure(FigureBase):
    def columns(self) -> tuple[list[Column], list[Band], float]:
        """The columns, the bands naming groups of columns, the width in column units."""
        raise NotImplementedError

    def paint_cells(self, painter: QPainter, case: CaseScores, rect: QRectF, unit: float) -> None:
        raise NotImplementedError

    def min_unit(self) -> float:
        """The narrowest a column unit may be for its values to stay legible."""
        return self.type.width(self.type.body, "4") + 5

    # --- layout ------------------------------------------------------------------------

    def _cases(self) -> list[CaseScores]:
        return [self.comparison.case(i) for i in self.order]

    def _name_width(self, inner: float) -> float:
        widest = max(self.type.width(self.type.body, c.name) for c in self._cases())
        return min(widest, inner * NAME_SHARE)

    def _name_lines(self, name: str, width: float) -> list[str] | None:
        return self.type.wrap(self.type.body, name, width, max_lines=3)

    def min_width(self) -> float:
        longest_word = max(
            self.type.width(self.type.body, w) for c in self._cases() for w in c.name.split()
        )
        _, bands, units = self.columns()
        unit = self.min_unit()
        for band in bands:  # a band's letter at least
            unit = max(
                unit, (self.type.width(self.type.bold, band.letter) + 4) / (band.x1 - band.x0)
            )
        plot = units * unit
        names = max(longest_word, 0.0)
        need = 2 * self.margin + names + 8 + plot
        # the names may take NAME_SHARE of the width only
        return max(need, (names / NAME_SHARE) + 2 * self.margin)

    def layout(self, width: float) -> dict:
        """The layout at a width; of a few widths for the names, the one that makes the
        figure least tall (names on one line with turned column names, or wrapped names
        with upright ones)."""
        inner = width - 2 * self.margin
        widest = self._name_width(inner)
        best = None
        for share in (1.0, 0.85, 0.7, 0.55):
            lay = self._layout(width, widest * share)
            if lay is None:
                continue
            height = lay["header"]["height"] + sum(r.height for r in lay["rows"])
            if best is None or height < best[0] - 0.5:
                best = (height, lay)
        lay = best[1] if best else self._layout(width, widest, force=True)
        self.band_letters = lay["band_letters"]
        return lay

    def _layout(self, width: float, name_w: float, force: bool = False) -> dict | None:
        inner = width - 2 * self.margin
        if not force and any(self._name_lines(c.name, name_w) is None for c in self._cases()):
            return None
        grouped = self.options.group_by != "none"
        strip = 4.0 if grouped else 0.0
        line = self.type.line
        cell_min = line * 1.1
        group_w, side = self._group_column(width) if grouped else (0.0, {})
        rows: list[Row] = []
        current = None
        for case in self._cases():
            group = self.groups[case.id]
            first = grouped and group != current
            current = group
            if first and not side:  # a heading line above the group's rows
                heading = self.type.wrap(self.type.bold, group, inner - line, 3) or [group]
                rows.append(Row(None, heading, len(heading) * line + line * 0.35, group))
            lines = self._name_lines(case.name, name_w) or [case.name]
            row = Row(case, lines, max(cell_min, len(lines) * line + 3), group)
            if first and side:  # the group's name beside its first row
                row.group_lines = side[group]
                row.height = max(row.height, len(row.group_lines) * line + 3)
            rows.append(row)
        left = self.margin + (group_w + 6 if group_w else 0) + name_w + strip + 6
        columns, bands, units = self.columns()
        unit = (width - self.margin - left) / units
        header = self._header(columns, unit)
        band_labels = [
            band.label
            if self.type.width(self.type.bold, band.label) + 4 <= (band.x1 - band.x0) * unit
            else band.letter
            for band in bands
        ]
        band_h = line * 1.4 if bands else 0.0
        # bands too narrow for their name show its letter; the legend says what it stands for
        band_letters = [
            (b.letter, b.label)
            for b, shown in zip(bands, band_labels, strict=True)
            if shown != b.label
        ]
        return {
            "name_w": name_w,
            "group_w": group_w,
            "strip": strip,
            "rows": rows,
            "left": left,
            "unit": unit,
            "columns": columns,
            "header": header,
            "bands": list(zip(bands, band_labels, strict=True)),
            "band_h": band_h,
            "band_letters": band_letters,
        }

    def _header(self, columns: list[Column], unit: float) -> dict:
        """Upright names when each fits across its column on two lines, else turned."""
        line = self.type.line
        upright = []
        for c in columns:
            lines = self.type.wrap(self.type.body, c.label, c.w * unit - 3, max_lines=2)
            if lines is None:
                break
            upright.append(lines)
        else:
            most = max((len(lines) for lines in upright), default=1)
            return {"turned": False, "texts": upright, "height": most * line + line * 0.4}
        limit = cm_to_px(TURNED_LIMIT_CM)
        texts = []
        for c in columns:
            across = max(1, int((c.w * unit) // line))  # lines a turned name may take
            lines = self.type.wrap(self.type.body, c.label, limit, max_lines=across)
            if lines is None and c.short:
                lines = self.type.wrap(self.type.body, c.short, limit, max_lines=across)
            texts.append(lines or [c.short or c.label])
        length = max(self.type.width(self.type.body, t) for lines in texts for t in lines)
        return {"turned": True, "texts": texts, "height": length + line * 0.6}

    def _group_column(self, width: float) -> tuple[float, dict[str, list[str]]]:
        """At 11 cm and wider, group names stand in a column left of the case names
        (on up to two lines); narrower, each group gets a heading line above its rows."""
        if width < cm_to_px(GROUP_COLUMN_FROM_CM):
            return 0.0, {}
        names = sorted(set(self.groups.values()))
        column = min(
            max(self.type.width(self.type.bold, g) for g in names),
            (width - 2 * self.margin) * 0.2,
        )
        lines = {g: self.type.wrap(self.type.bold, g, column, 2) for g in names}
        if any(v is None for v in lines.values()):
            return 0.0, {}
        return column, lines

    def fixed_height(self, width: float, lay: dict) -> float:
        """Everything but the rows."""
        return (
            2 * self.margin
            + self.title_height(width - 2 * self.margin)
            + lay["band_h"]
            + lay["header"]["height"]
            + self.type.line * 0.6
            + self.legend_height(width - 2 * self.margin)
        )

    def needed_height(self, width: float) -> float:
        lay = self.layout(width)
        return self.fixed_height(width, lay) + sum(r.height for r in lay["rows"])

    def natural_height(self, width: float) -> float:
        return self.needed_height(width)

    # --- painting ----------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        width = self.width
        lay = self.layout(width)
        style = self.style
        line = self.type.line
        top = self.paint_title(painter, width - 2 * self.margin)
        left, unit = lay["left"], lay["unit"]
        rows_total = sum(r.height for r in lay["rows"])
        spare = self.height - self.fixed_height(width, lay) - rows_total
        # spare room makes the case rows taller, up to 1.6 times; the rest stays below
        case_rows = [r for r in lay["rows"] if r.case is not None]
        grow = 0.0
        if spare > 0 and case_rows:
            grow = min(spare / len(case_rows), min(r.height for r in case_rows) * 0.6)
        if lay["bands"]:
            painter.setFont(self.type.bold)
            for band, label in lay["bands"]:
                x0, x1 = left + band.x0 * unit, left + band.x1 * unit
                painter.setPen(QPen(style.muted, 0.8))
                painter.drawLine(
                    QPointF(x0 + 1, top + lay["band_h"] - 3),
                    QPointF(x1 - 1, top + lay["band_h"] - 3),
                )
                painter.setPen(style.foreground)
                painter.drawText(
                    QRectF(x0, top, x1 - x0, lay["band_h"] - 4), Qt.AlignmentFlag.AlignCenter, label
                )
            top += lay["band_h"]
        self._paint_header(painter, lay, top)
        top += lay["header"]["height"]
        y = top
        painter.setPen(style.foreground)
        for row in lay["rows"]:
            if row.case is None:
                colour = style.group_colour(self.colour_slots[row.group])
                swatch = QRectF(self.margin, y + line * 0.2, line * 0.7, line * 0.7)
                painter.fillRect(swatch, colour)
                painter.setPen(style.foreground)
                draw_lines(
                    painter,
                    self.type.bold,
                    row.lines,
                    QRectF(swatch.right() + 4, y, width, row.height),
                    line,
                )
                y += row.height
                continue
            height = row.height + grow
            names_x = self.margin + (lay["group_w"] + 6 if lay["group_w"] else 0)
            if row.group_lines:
                if y > top + 1:  # a rule between two groups
                    painter.setPen(QPen(style.grid, 0.8))
                    painter.drawLine(QPointF(self.margin, y), QPointF(width - self.margin, y))
                painter.setPen(style.foreground)
                block = QRectF(self.margin, y, lay["group_w"], len(row.group_lines) * line + 3)
                draw_lines(painter, self.type.bold, row.group_lines, block, line)
            if lay["strip"]:
                painter.fillRect(
                    QRectF(names_x + lay["name_w"] + 3, y + 0.5, lay["strip"], height - 1),
                    self.group_colour(row.case.id),
                )
            painter.setPen(style.foreground)
            draw_lines(
                painter,
                self.type.body,
                row.lines,
                QRectF(names_x, y, lay["name_w"], height),
                line,
                Qt.AlignmentFlag.AlignRight,
            )
            self.paint_cells(
                painter, row.case, QRectF(left, y, width - self.margin - left, height), unit
            )
            y += height
        legend_top = y + line * 0.6
        self.paint_legend(painter, self.margin, legend_top, width - 2 * self.margin)

    def _paint_header(self, painter: QPainter, lay: dict, top: float) -> None:
        header = lay["header"]
        left, unit = lay["left"], lay["unit"]
        line = self.type.line
        painter.setPen(self.style.foreground)
        for column, lines in zip(lay["columns"], header["texts"], strict=True):
            x0 = left + column.x * unit
            w = column.w * unit
            if not header["turned"]:
                rect = QRectF(x0, top, w, header["height"] - line * 0.2)
                painter.setFont(self.type.body)
                y0 = rect.bottom() - line * len(lines)
                for i, text in enumerate(lines):
                    painter.drawText(
                        QRectF(x0, y0 + i * line, w, line), Qt.AlignmentFlag.AlignCenter, text
                    )
                continue
            painter.save()
            painter.translate(x0 + w / 2 + line * len(lines) / 2, top + header["height"] - 3)
            painter.rotate(-90)
            draw_lines(
                painter,
                self.type.body,
                lines,
                QRectF(0, -line * len(lines), header["height"], line * len(lines)),
                line,
            )
            painter.restore()

    def cell_text(self, painter: QPainter, rect: QRectF, text: str, fill: QColor | None) -> None:
        if self.type.width(self.type.body, text) > rect.width() - 1:
            return  # the value reads from the colour and the legend
        painter.setFont(self.type.body)
        painter.setPen(self.style.muted if fill is None else self.style.text_on(fill))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class HeatmapFigure(GridFigure):
    kind = "heatmap"
    title_text = "Power scores by case"
    total_gap = 0.12
    total_w = 0.7

    def columns(self):
        types = self.comparison.framework.power_types
        columns = [
            Column(k, 1, pt.name.replace(" migration power", "")) for k, pt in enumerate(types)
        ]
        n = len(types)
        columns.append(Column(n + self.total_gap, self.total_w, "Total"))
        return columns, [], n + self.total_gap + self.total_w

    def min_unit(self) -> float:
        return self.type.width(self.type.body, "≥ 12") + 6

    def legend_sections(self):
        style = self.style
        labels = self.comparison.framework.score_labels
        scores = [LegendEntry(f"{i} {label}", style.ramp(i)) for i, label in enumerate(labels)]
        scores.append(LegendEntry("not scored", style.unscored))
        return [
            ("Score:", scores),
            ("", [LegendEntry("low confidence", corner=True)]),
            *self.group_legend(),
        ]

    def paint_cells(self, painter, case, rect, unit) -> None:
        labels = self.comparison.framework.score_labels
        for k, score in enumerate(case.scores):
            cell = QRectF(rect.left() + k * unit + 1, rect.top() + 1, unit - 2, rect.height() - 2)
            fill = self.style.unscored if score is None else self.style.ramp(score)
            painter.fillRect(cell, fill)
            if case.confidence[k] == "low":
                draw_corner(painter, cell, self.style.text_on(fill))
            if score is None:
                self.cell_text(painter, cell, "–", None)
                continue
            wide = f"{score} {labels[score]}"
            text = wide if self.type.width(self.type.body, wide) < cell.width() - 4 else str(score)
            self.cell_text(painter, cell, text, fill)
        n = len(case.scores)
        total = QRectF(
            rect.left() + (n + self.total_gap) * unit,
            rect.top(),
            self.total_w * unit,
            rect.height(),
        )
        painter.setFont(self.type.body)
        painter.setPen(self.style.foreground)
        painter.drawText(total, Qt.AlignmentFlag.AlignCenter, total_text(case))


class MechanismFigure(GridFigure):
    kind = "mechanisms"

    @property
    def title_text(self) -> str:
        if self.options.measure == "evidence":
            return "Evidence per mechanism by case (excerpt links)"
        return "Mechanism strength by case"

    def columns(self):
        columns, bands = [], []
        x = 0.0
        for g, pt in enumerate(self.comparison.framework.power_types):
            if g:
                x += GAP_UNITS
            start = x
            for m in pt.mechanisms:
                columns.append(Column(x, 1, m.label, m.short_label))
                x += 1
            name = pt.name.replace(" migration power", "")
            bands.append(Band(start, x, name, name[0]))
        self.positions = [c.x for c in columns]
        return columns, bands, x

    def legend_sections(self):
        style = self.style
        if self.options.measure == "evidence":
            entries = [LegendEntry(evidence_bin_label(i), style.evidence(i)) for i in range(5)]
            sections = [("Excerpt links:", entries)]
        else:
            labels = self.comparison.framework.strength_labels
            entries = [LegendEntry(f"{i} {label}", style.ramp(i)) for i, label in enumerate(labels)]
            entries.append(LegendEntry("not coded", style.unscored))
            sections = [("Strength:", entries)]
        letters = getattr(self, "band_letters", [])
        if letters:
            sections.append(("", [LegendEntry(f"{a} = {name}") for a, name in letters]))
        return sections + self.group_legend()

    def paint_cells(self, painter, case, rect, unit) -> None:
        evidence = self.options.measure == "evidence"
        for j, x in enumerate(self.positions):
            cell = QRectF(rect.left() + x * unit + 1, rect.top() + 1, unit - 2, rect.height() - 2)
            if evidence:
                count = case.mechanism_evidence[j]
                fill = self.style.evidence(evidence_bin(count))
                painter.fillRect(cell, fill)
                self.cell_text(painter, cell, str(count), fill)
                continue
            value = case.strengths[j]
            fill = self.style.unscored if value is None else self.style.ramp(value)
            painter.fillRect(cell, fill)
            self.cell_text(
                painter, cell, "–" if value is None else str(value), None if value is None else fill
            )


class ProfileFigure(GridFigure):
    kind = "profiles"
    title_text = "Score profiles: each case across the four power types"

    def columns(self):
        labels = self.comparison.framework.score_labels
        columns = [Column(i, 1, f"{i} {label}") for i, label in enumerate(labels)]
        return columns, [], float(len(labels))

    def min_unit(self) -> float:
        return len(self.comparison.power_types) * 6.0 / 0.84  # markers of 5.4 px at least

    def legend_sections(self):
        entries = [
            LegendEntry(
                pt.name.replace(" migration power", ""),
                QColor(TYPE_COLOURS[k % len(TYPE_COLOURS)]),
                marker=SYMBOLS[k % len(SYMBOLS)],
            )
            for k, pt in enumerate(self.comparison.framework.power_types)
        ]
        hollow = LegendEntry("low confidence", QColor(self.style.muted), marker="o", outline=True)
        return [("Power type:", entries), ("", [hollow]), *self.group_legend()]

    def paint_cells(self, painter, case, rect, unit) -> None:
        n = len(case.scores)
        painter.setPen(QPen(self.style.grid, 0.6))
        for i in range(1, len(self.comparison.framework.score_labels)):
            x = rect.left() + i * unit
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        slot = unit * 0.84 / n  # each type its own slot in a score's column: none hides another
        size = min(rect.height() * 0.6, slot * 0.9, 9.0)
        for k, score in enumerate(case.scores):
            if score is None:
                continue
            x = rect.left() + score * unit + unit * 0.08 + slot * (k + 0.5)
            draw_marker(
                painter,
                SYMBOLS[k % len(SYMBOLS)],
                QPointF(x, rect.center().y()),
                size,
                QColor(TYPE_COLOURS[k % len(TYPE_COLOURS)]),
                case.confidence[k] == "low",
                self.style,
            )
