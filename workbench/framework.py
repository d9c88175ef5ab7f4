"""The migration power framework as data: dimensions, power types, mechanisms, scales.

The shipped definition lives in `resources/frameworks/`; a project stores the
framework it was built with, so it stays readable when the shipped file changes.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import FrameworkError
from workbench.resources import default_framework_path
from workbench.scale import SCALE_MAX, SCALE_MIN
from workbench.validation import Reader

EFFECTS = ("capacities", "interests", "identities")


@dataclass(frozen=True)
class Mechanism:
    id: str
    power_type: str
    label: str
    definition: str
    effect: str
    custom: bool = False
    short_label: str = ""  # for a chart column or a narrow figure; "" : none defined

    @property
    def label_short(self) -> str:
        """The short name when the framework defines one, else the label."""
        return self.short_label or self.label


@dataclass(frozen=True)
class PowerType:
    id: str
    label: str
    name: str
    row: str
    column: str
    definition: str
    quotation: str = ""
    locator: str = ""
    mechanisms: tuple[Mechanism, ...] = ()


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    title: str
    citation: dict[str, Any]
    rows: tuple[dict[str, str], ...]
    columns: tuple[dict[str, str], ...]
    row_label: str
    column_label: str
    power_types: tuple[PowerType, ...]
    score_labels: tuple[str, ...]
    strength_labels: tuple[str, ...]
    confidence_levels: tuple[str, ...]
    effects: tuple[dict[str, str], ...]
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def power_type(self, type_id: str) -> PowerType:
        for pt in self.power_types:
            if pt.id == type_id:
                return pt
        raise KeyError(type_id)

    def mechanism(self, mechanism_id: str) -> Mechanism:
        for pt in self.power_types:
            for m in pt.mechanisms:
                if m.id == mechanism_id:
                    return m
        raise KeyError(mechanism_id)

    @property
    def mechanisms(self) -> tuple[Mechanism, ...]:
        return tuple(m for pt in self.power_types for m in pt.mechanisms)

    def at(self, row: str, column: str) -> PowerType:
        """The power type in a quadrant of Table 1."""
        for pt in self.power_types:
            if pt.row == row and pt.column == column:
                return pt
        raise KeyError((row, column))

    def score_label(self, score: int | None) -> str:
        return "not scored" if score is None else self.score_labels[score]

    def from_tables(
        self, power_types: list[dict[str, Any]], mechanisms: list[dict[str, Any]]
    ) -> Framework:
        """The framework a project holds: its power types and mechanisms as the project's
        tables have them (the rows evidence and codings point at, custom ones included),
        everything else (dimensions, scales, quotations) from the stored definition."""
        rows = {r["id"]: r for r in power_types}
        shorts = _shipped_short_labels()
        types = []
        for pt in self.power_types:
            row = rows.get(pt.id, {})
            own = tuple(
                Mechanism(
                    m["id"],
                    pt.id,
                    m["label"],
                    m["definition"],
                    m["effect"],
                    custom=bool(m["custom"]),
                    # a short name only while the label is the one it abbreviates
                    short_label=shorts.get((m["id"], m["label"]), ""),
                )
                for m in mechanisms
                if m["power_type_id"] == pt.id
            )
            types.append(
                PowerType(
                    **{
                        **pt.__dict__,
                        "label": row.get("label", pt.label),
                        "name": row.get("name", pt.name),
                        "definition": row.get("definition", pt.definition),
                        "mechanisms": own,
                    }
                )
            )
        return Framework(**{**self.__dict__, "power_types": tuple(types)})

    def to_json(self) -> str:
        return json.dumps(self.raw, ensure_ascii=False, sort_keys=True)

    def structure_json(self) -> str:
        """The definition as a project stores it: without its mechanisms, which live in
        the project's mechanism table only (one source for them)."""
        data = json.loads(self.to_json())
        for pt in data.get("power_types", []):
            pt["mechanisms"] = []
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def load_framework(path: Path | str | None = None) -> Framework:
    """Load and validate a framework file; raise FrameworkError naming file and key."""
    path = Path(path) if path else default_framework_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError(path, "(file)", f"cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise FrameworkError(path, "(file)", f"is not UTF-8 text: {exc.reason}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FrameworkError(
            path, "(file)", f"is not valid JSON: {exc.msg} at line {exc.lineno}"
        ) from exc
    return parse_framework(data, path)


def parse_framework(data: Any, origin: Path | str, *, stored: bool = False) -> Framework:
    """Validate framework data (from a file or from a project) and build the Framework.
    A project's stored definition (`stored`) may leave its mechanisms to the tables."""
    r = Reader(origin)
    if r.get(data, "format", str, "") != "migration-power-framework":
        raise r.fail("format", "expected 'migration-power-framework'")
    if r.get(data, "format_version", int, "") != 1:
        raise r.fail("format_version", "this version of the application reads format_version 1")
    dims = r.get(data, "dimensions", dict, "")
    rows = _dimension(r, dims, "rows")
    columns = _dimension(r, dims, "columns")
    scales = r.get(data, "scales", dict, "")
    score = _scale(r, scales, "score")
    strength = _scale(r, scales, "strength")
    confidence = r.items(scales, "confidence", "scales")
    if not all(isinstance(c, str) and c for c in confidence):
        raise r.fail("scales.confidence", "expected a list of non-empty strings")
    effects = r.items(data, "effects", "", min_len=3)
    effect_ids = [r.get(e, "id", str, f"effects[{i}]") for i, e in enumerate(effects)]
    if tuple(effect_ids) != EFFECTS:
        raise r.fail("effects", f"expected the effects {', '.join(EFFECTS)}")

    row_ids = {v["id"] for v in rows[1]}
    column_ids = {v["id"] for v in columns[1]}
    types: list[PowerType] = []
    seen_mechanisms: set[str] = set()
    quadrants: set[tuple[str, str]] = set()
    for i, raw_type in enumerate(r.items(data, "power_types", "", min_len=1)):
        where = f"power_types[{i}]"
        type_id = r.get(raw_type, "id", str, where)
        row = r.get(raw_type, "row", str, where)
        column = r.get(raw_type, "column", str, where)
        if row not in row_ids:
            raise r.fail(f"{where}.row", f"'{row}' is not one of {sorted(row_ids)}")
        if column not in column_ids:
            raise r.fail(f"{where}.column", f"'{column}' is not one of {sorted(column_ids)}")
        if (row, column) in quadrants:
            raise r.fail(where, f"a second power type in quadrant {row}/{column}")
        quadrants.add((row, column))
        mechanisms = []
        listed = r.items(raw_type, "mechanisms", where, min_len=0 if stored else 1)
        for j, raw_m in enumerate(listed):
            mwhere = f"{where}.mechanisms[{j}]"
            mechanism = _mechanism(r, raw_m, mwhere, type_id)
            if mechanism.id in seen_mechanisms:
                raise r.fail(f"{mwhere}.id", f"duplicate mechanism id '{mechanism.id}'")
            seen_mechanisms.add(mechanism.id)
            mechanisms.append(mechanism)
        types.append(
            PowerType(
                id=type_id,
                label=r.get(raw_type, "label", str, where),
                name=r.get(raw_type, "name", str, where),
                row=row,
                column=column,
                definition=r.get(raw_type, "definition", str, where),
                quotation=r.optional(raw_type, "quotation", str, where, ""),
                locator=r.optional(raw_type, "locator", str, where, ""),
                mechanisms=tuple(mechanisms),
            )
        )
    if len({t.id for t in types}) != len(types):
        raise r.fail("power_types", "power type ids must be unique")
    citation = r.get(data, "citation", dict, "")
    r.get(citation, "title", str, "citation")
    return Framework(
        id=r.get(data, "id", str, ""),
        version=r.get(data, "version", str, ""),
        title=r.get(data, "title", str, ""),
        citation=citation,
        rows=rows[1],
        columns=columns[1],
        row_label=rows[0],
        column_label=columns[0],
        power_types=tuple(types),
        score_labels=score,
        strength_labels=strength,
        confidence_levels=tuple(confidence),
        effects=tuple(effects),
        raw=data,
    )


def _mechanism(r: Reader, raw: Any, where: str, type_id: str) -> Mechanism:
    effect = r.get(raw, "effect", str, where)
    if effect not in EFFECTS:
        raise r.fail(f"{where}.effect", f"'{effect}' is not one of {', '.join(EFFECTS)}")
    return Mechanism(
        id=r.get(raw, "id", str, where),
        power_type=type_id,
        label=r.get(raw, "label", str, where),
        definition=r.get(raw, "definition", str, where),
        effect=effect,
        short_label=r.optional(raw, "short_label", str, where, ""),
    )


@functools.cache
def _shipped_short_labels() -> dict[tuple[str, str], str]:
    """(mechanism id, label) → short name, from the shipped definition: a project keeps
    its mechanisms in its tables, which hold no short names."""
    try:
        shipped = load_framework()
    except FrameworkError:
        return {}
    return {(m.id, m.label): m.short_label for m in shipped.mechanisms if m.short_label}


def _dimension(r: Reader, dims: dict, key: str) -> tuple[str, tuple[dict[str, str], ...]]:
    dim = r.get(dims, key, dict, "dimensions")
    values = r.items(dim, "values", f"dimensions.{key}", min_len=2)
    for i, v in enumerate(values):
        for field_name in ("id", "label", "definition"):
            r.get(v, field_name, str, f"dimensions.{key}.values[{i}]")
    return r.get(dim, "label", str, f"dimensions.{key}"), tuple(values)


def _scale(r: Reader, scales: dict, key: str) -> tuple[str, ...]:
    scale = r.get(scales, key, dict, "scales")
    low = r.get(scale, "min", int, f"scales.{key}")
    high = r.get(scale, "max", int, f"scales.{key}")
    labels = r.items(scale, "labels", f"scales.{key}")
    if low != SCALE_MIN or high != SCALE_MAX or len(labels) != high - low + 1:
        raise r.fail(
            f"scales.{key}",
            f"expects min {SCALE_MIN}, max {SCALE_MAX} and one label per value",
        )
    return tuple(str(label) for label in labels)
