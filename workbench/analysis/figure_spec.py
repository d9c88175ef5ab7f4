"""What a figure for a paper or a slide is asked to be: its size on paper and its type.

A figure is laid out for its final size (journals ask for 8.5 cm single column,
about 12 cm for 1.5 columns, 17 cm double, text 7–9 pt), never drawn at the
screen's size and scaled. A height left open is the height the content needs.
"""

from __future__ import annotations

from dataclasses import dataclass

CM_PER_INCH = 2.54
PX_PER_INCH = 96.0  # the logical pixel a figure is laid out in

# name: (label, width cm, height cm or None for "as the content needs")
PRESETS: dict[str, tuple[str, float, float | None]] = {
    "single": ("Single column (8.5 cm)", 8.5, None),
    "onehalf": ("1.5 columns (12 cm)", 12.0, None),
    "double": ("Double column (17 cm)", 17.0, None),
    "slide": ("Slide 16:9 (25.4 × 14.29 cm)", 25.4, 14.2875),
}
TYPE_SIZES = (7.0, 12.0)  # the type sizes a figure may be set in, points
DEFAULT_TYPE_SIZE = 8.0
SMALLEST_CM = 3.0  # below this no chart is readable


class FigureDoesNotFit(ValueError):
    """The figure's content needs more room than the size asked for."""

    def __init__(self, message: str, width_cm: float, height_cm: float) -> None:
        super().__init__(message)
        self.width_cm = width_cm
        self.height_cm = height_cm


@dataclass(frozen=True)
class FigureSpec:
    width_cm: float = 17.0
    height_cm: float | None = None  # None: the height the content needs
    type_size: float = DEFAULT_TYPE_SIZE  # points, body text
    title: bool = True  # journals put the title in the caption: it can be left out
    font_family: str = ""  # "" : the application's font

    @property
    def width_px(self) -> float:
        return cm_to_px(self.width_cm)

    @property
    def height_px(self) -> float | None:
        return None if self.height_cm is None else cm_to_px(self.height_cm)

    def describe(self) -> str:
        height = "auto" if self.height_cm is None else f"{self.height_cm:g}"
        return f"{self.width_cm:g} × {height} cm, {self.type_size:g} pt"


def cm_to_px(cm: float) -> float:
    return cm / CM_PER_INCH * PX_PER_INCH


def px_to_cm(px: float) -> float:
    return px / PX_PER_INCH * CM_PER_INCH


def parse_figure_size(text: str, dpi: float = 300.0) -> tuple[float, float | None]:
    """'single', 'onehalf', 'double', 'slide', '8.5x8cm', '12cm' (width only) or
    '1600x1000' (pixels at `dpi`) → (width cm, height cm or None).

    Raises ValueError naming what is wrong.
    """
    raw = text.strip().lower().replace("×", "x").replace(" ", "")
    aliases = {"1.5": "onehalf", "one-half": "onehalf", "1.5column": "onehalf"}
    raw = aliases.get(raw, raw)
    if raw in PRESETS:
        _, width, height = PRESETS[raw]
        return width, height
    unit_cm = raw.endswith("cm")
    body = raw.removesuffix("cm").removesuffix("px")
    parts = body.split("x")
    usage = (
        f"--size {text!r}: expected a preset ({', '.join(PRESETS)}), "
        "WIDTHxHEIGHT in cm (8.5x8cm), a width in cm (12cm) or pixels (2000x1300)"
    )
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise ValueError(usage) from None
    if len(numbers) not in (1, 2) or (len(numbers) == 1 and not unit_cm):
        raise ValueError(usage)
    if any(n <= 0 for n in numbers):
        raise ValueError(f"--size {text!r}: width and height must be positive")
    if unit_cm:
        width, height = numbers[0], (numbers[1] if len(numbers) == 2 else None)
    else:
        width, height = (n / dpi * CM_PER_INCH for n in numbers)
    if width < SMALLEST_CM or (height is not None and height < SMALLEST_CM):
        raise ValueError(f"--size {text!r}: a figure needs at least {SMALLEST_CM:g} cm each way")
    return width, height


def check_type_size(points: float) -> float:
    low, high = TYPE_SIZES
    if not low <= points <= high:
        raise ValueError(f"--type-size {points:g}: expected {low:g} to {high:g} points")
    return points
