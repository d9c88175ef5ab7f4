"""How large a sheet prints: column widths in points, the page's printable width, and
the scale that keeps type legible on paper.

A spreadsheet prints a sheet "fitted to one page wide" at whatever scale that takes:
a matrix with four memo columns came out at 3-4 pt. Here the scale is worked out
beforehand and never goes below `MIN_SCALE`; a wider sheet continues on further
pages across, with its identifying columns repeated on each.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

BODY_POINTS = 11.0  # the workbook's type size (Calibri 11)
MIN_PRINTED_POINTS = 8.0  # the smallest type a co-author should have to read on paper
MIN_SCALE = 80  # percent: 11 pt prints at 8.8 pt
A4 = (595.3, 841.9)  # points, portrait
# A unit of column width prints as 7 pt in LibreOffice (measured: a 110-wide column is
# 770 pt at 100 %) and as 5.25 pt in Excel (7 px at 96 dpi). Fitting a page takes the
# wider, estimating how many lines a text wraps to the narrower: neither program then
# cuts a column off the page or a line off a cell.
WIDEST_POINTS_PER_UNIT = 7.0
NARROWEST_POINTS_PER_UNIT = 5.25


def column_points(width: float) -> float:
    """The widest a column `width` characters wide prints at 100 %."""
    return width * WIDEST_POINTS_PER_UNIT


def text_points(width: float) -> float:
    """The narrowest room for text a column `width` wide gives at 100 %."""
    return width * NARROWEST_POINTS_PER_UNIT


def printable_width(landscape: bool, left: float, right: float) -> float:
    """Points across an A4 page between margins given in inches."""
    paper = A4[1] if landscape else A4[0]
    return paper - (left + right) * 72


def print_scale(widths: Iterable[float], printable: float, floor: int = MIN_SCALE) -> int:
    """The percent at which the columns fit across the page, at most 100 and never below
    `floor` (wider sheets then take more than one page across)."""
    total = sum(column_points(w) for w in widths)
    if total <= 0:
        return 100
    return max(floor, min(100, math.floor(100 * printable / total)))


def printed_points(font_points: float, scale: int) -> float:
    return font_points * scale / 100
