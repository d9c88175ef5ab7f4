"""What the comparison window remembers between sessions: where it was, the chart and
its options, and the last figure's size and type. A small JSON file beside the
user's settings; anything missing or unreadable falls back to the defaults."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from workbench.analysis.figure_spec import DEFAULT_TYPE_SIZE, TYPE_SIZES
from workbench.atomic import atomic_write_text
from workbench.settings import config_dir

FILE_NAME = "comparison.json"


@dataclass
class FigureChoice:
    preset: str = "single"  # a key of PRESETS, or "custom"
    width_cm: float = 8.5
    height_cm: float | None = None  # None: as the content needs
    type_size: float = DEFAULT_TYPE_SIZE
    title: bool = True
    font_family: str = ""
    fmt: str = "svg"
    dpi: int = 300


@dataclass
class ComparisonSettings:
    geometry: list[int] = field(default_factory=list)  # x, y, width, height
    kind: str = "heatmap"
    order: str = "list"
    group: str = "none"
    measure: str = "strength"
    large: bool = False
    figure: FigureChoice = field(default_factory=FigureChoice)

    @classmethod
    def load(cls) -> ComparisonSettings:
        try:
            data = json.loads((config_dir() / FILE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        settings = cls()
        for f in fields(cls):
            value = data.get(f.name)
            if f.name == "figure":
                settings.figure = _figure(value)
            elif f.name == "geometry":
                if (
                    isinstance(value, list)
                    and len(value) == 4
                    and all(isinstance(v, int) for v in value)
                ):
                    settings.geometry = value
            elif isinstance(value, type(getattr(settings, f.name))):
                setattr(settings, f.name, value)
        return settings

    def save(self) -> None:
        folder = config_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(folder / FILE_NAME, json.dumps(asdict(self), indent=1))
        except OSError:
            pass  # a read-only home: the window works, it only forgets


def _figure(value: object) -> FigureChoice:
    choice = FigureChoice()
    if not isinstance(value, dict):
        return choice
    for f in fields(FigureChoice):
        v = value.get(f.name)
        if f.name == "height_cm":
            if v is None or (isinstance(v, (int, float)) and v > 0):
                choice.height_cm = v
        elif isinstance(v, bool) != isinstance(getattr(choice, f.name), bool):
            continue
        elif isinstance(v, (int, float)) and isinstance(getattr(choice, f.name), (int, float)):
            setattr(choice, f.name, type(getattr(choice, f.name))(v))
        elif isinstance(v, str) and isinstance(getattr(choice, f.name), str):
            setattr(choice, f.name, v)
    low, high = TYPE_SIZES
    choice.type_size = min(high, max(low, choice.type_size))
    return choice
