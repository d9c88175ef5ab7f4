"""Commands on the 2x2 matrix: cell scores and fields, mechanism codings, overlaps."""

from __future__ import annotations

import json

from workbench.commands.base import Command, SetFields
from workbench.commands.cases import case_name
from workbench.errors import CommandError
from workbench.scale import SCALE_MAX, SCALE_MIN, on_scale
from workbench.storage.store import Row, Store, new_guid

CELL_FIELDS = (
    "score",
    "confidence",
    "memo",
    "effect_capacities",
    "effect_interests",
    "effect_identities",
)
CONFIDENCE = (None, "low", "medium", "high")


def score_labels(store: Store) -> tuple[str, ...]:
    """The stored framework's names of the scale's values, read once per open file."""

    def load() -> tuple[str, ...]:
        from workbench.framework import parse_framework

        raw = store.meta("framework") or "{}"
        return parse_framework(json.loads(raw), "stored framework", stored=True).score_labels

    return store.remembered("score_labels", load)


def _check_scale(name: str, value: int | None) -> None:
    if value is not None and not on_scale(value):
        raise CommandError(
            f"{name} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, not {value!r}"
        )


class SetCell(SetFields):
    """Edit one quadrant of a case's matrix (score, confidence, memo, effects)."""

    def __init__(self, case_id: int, power_type: str, **values: object) -> None:
        unknown = set(values) - set(CELL_FIELDS)
        if unknown:
            raise CommandError(f"a matrix cell has no {', '.join(sorted(unknown))}")
        if "score" in values:
            _check_scale("score", values["score"])  # type: ignore[arg-type]
        if "confidence" in values and values["confidence"] not in CONFIDENCE:
            raise CommandError(f"confidence is low, medium or high, not {values['confidence']!r}")
        for effect in ("effect_capacities", "effect_interests", "effect_identities"):
            if effect in values and values[effect] not in (None, 0, 1, True, False):
                raise CommandError(f"{effect} is yes, no or default")
            if isinstance(values.get(effect), bool):
                values[effect] = int(values[effect])  # type: ignore[arg-type]
        super().__init__("matrix_cell", {"case_id": case_id, "power_type_id": power_type}, values)
        self.case_id = case_id
        self.power_type = power_type

    def describe(self, store: Store) -> str:
        case = case_name(store, self.case_id)
        if set(self.values) == {"score"}:
            score = self.values["score"]
            if score is None:
                return f"Clear {self.power_type} score of {case}"
            return (
                f"Set {self.power_type} score of {case} to {score} ({score_labels(store)[score]})"
            )
        if set(self.values) == {"confidence"}:
            return f"Set {self.power_type} confidence of {case} to {self.values['confidence']}"
        if set(self.values) == {"memo"}:
            return f"Edit {self.power_type} memo of {case}"
        return f"Edit {self.power_type} cell of {case}"

    def _apply(self, store: Store) -> None:
        try:
            super()._apply(store)  # reads the old values and refuses a missing cell
        except CommandError:
            raise CommandError(f"case {self.case_id} has no {self.power_type} cell") from None


class SetMechanismCoding(Command):
    """Set strength and/or memo of a mechanism in a case (creating the coding if new)."""

    _UNSET = object()

    def __init__(
        self, case_id: int, mechanism_id: str, *, strength: object = _UNSET, memo: object = _UNSET
    ) -> None:
        super().__init__()
        self.key = {"case_id": case_id, "mechanism_id": mechanism_id}
        self.values: Row = {}
        if strength is not self._UNSET:
            _check_scale("strength", strength)  # type: ignore[arg-type]
            self.values["strength"] = strength
        if memo is not self._UNSET:
            self.values["memo"] = memo
        if not self.values:
            raise CommandError("nothing to change in the mechanism coding")
        self.old: Row | None = None

    def describe(self, store: Store) -> str:
        mech = store.get("mechanism", {"id": self.key["mechanism_id"]})
        label = mech["label"] if mech else self.key["mechanism_id"]
        case = case_name(store, self.key["case_id"])
        if set(self.values) == {"strength"} and self.values["strength"] is not None:
            s = self.values["strength"]
            return f"Set strength of {label} in {case} to {s} ({score_labels(store)[s]})"
        return f"Edit {label} in {case}"

    def merge_key(self) -> tuple | None:
        if set(self.values) != {"strength"}:
            return None
        return ("strength", self.key["case_id"], self.key["mechanism_id"])

    def absorb(self, later: Command) -> bool:
        if not isinstance(later, SetMechanismCoding) or later.merge_key() != self.merge_key():
            return False
        self.values = dict(later.values)
        self.label = later.label
        return True

    def _apply(self, store: Store) -> None:
        if store.get("mechanism", {"id": self.key["mechanism_id"]}) is None:
            raise CommandError(f"unknown mechanism {self.key['mechanism_id']!r}")
        self.old = store.get("mechanism_coding", self.key)
        if self.old is None:
            store.insert("mechanism_coding", {**self.key, "memo": "", **self.values})
        else:
            store.update("mechanism_coding", self.key, self.values)
        now = {"strength": None, "memo": "", **(self.old or {}), **self.values}
        self._note(
            "mechanism_coding",
            "update",
            *self.key.values(),
            values={k: now[k] for k in ("strength", "memo")},
        )

    def _revert(self, store: Store) -> None:
        if self.old is None:
            store.delete("mechanism_coding", self.key)
            was = {"strength": None, "memo": ""}
        else:
            store.update("mechanism_coding", self.key, self.old)
            was = self.old
        self._note(
            "mechanism_coding",
            "update",
            *self.key.values(),
            values={k: was[k] for k in ("strength", "memo")},
        )


class AddOverlap(Command):
    """Record that two mechanisms shade into each other in a case."""

    def __init__(self, case_id: int, mechanism_a: str, mechanism_b: str, note: str = "") -> None:
        super().__init__()
        if mechanism_a == mechanism_b:
            raise CommandError("an overlap links two different mechanisms")
        a, b = sorted((mechanism_a, mechanism_b))
        self.row: Row = {
            "case_id": case_id,
            "mechanism_a": a,
            "mechanism_b": b,
            "note": note,
            "guid": new_guid(),
        }
        self.overlap_id: int | None = None

    def describe(self, store: Store) -> str:
        return f"Link {self.row['mechanism_a']} and {self.row['mechanism_b']} in " + case_name(
            store, self.row["case_id"]
        )

    def _apply(self, store: Store) -> None:
        pair = {k: self.row[k] for k in ("case_id", "mechanism_a", "mechanism_b")}
        if store.get("mechanism_overlap", pair) is not None:
            raise CommandError("these two mechanisms are already linked in this case")
        row = dict(self.row)
        if self.overlap_id is not None:
            row["id"] = self.overlap_id
        self.overlap_id = store.insert("mechanism_overlap", row)
        self._note("mechanism_overlap", "insert", self.overlap_id, values=row)

    def _revert(self, store: Store) -> None:
        store.delete("mechanism_overlap", {"id": self.overlap_id})
        self._note("mechanism_overlap", "delete", self.overlap_id, values=self.row)


class RemoveOverlap(Command):
    def __init__(self, overlap_id: int) -> None:
        super().__init__()
        self.overlap_id = overlap_id
        self.row: Row | None = None

    def describe(self, store: Store) -> str:
        return "Remove overlap"

    def _apply(self, store: Store) -> None:
        self.row = store.get("mechanism_overlap", {"id": self.overlap_id})
        if self.row is None:
            raise CommandError("this overlap no longer exists")
        store.delete("mechanism_overlap", {"id": self.overlap_id})
        self._note("mechanism_overlap", "delete", self.overlap_id, values=self.row)

    def _revert(self, store: Store) -> None:
        assert self.row is not None
        store.insert("mechanism_overlap", self.row)
        self._note("mechanism_overlap", "insert", self.overlap_id, values=self.row)


class AddMechanism(Command):
    """A project's own mechanism under one of the four power types."""

    def __init__(
        self, power_type: str, mechanism_id: str, label: str, definition: str, effect: str
    ) -> None:
        super().__init__()
        if effect not in ("capacities", "interests", "identities"):
            raise CommandError(f"effect is capacities, interests or identities, not {effect!r}")
        if not mechanism_id.strip() or not label.strip():
            raise CommandError("a mechanism needs an id and a label")
        self.row: Row = {
            "id": mechanism_id.strip(),
            "power_type_id": power_type,
            "label": label.strip(),
            "definition": definition,
            "effect": effect,
            "custom": 1,
        }

    def describe(self, store: Store) -> str:
        return f"Add mechanism {self.row['label']} to {self.row['power_type_id']}"

    def _apply(self, store: Store) -> None:
        if store.get("power_type", {"id": self.row["power_type_id"]}) is None:
            raise CommandError(f"unknown power type {self.row['power_type_id']!r}")
        if store.get("mechanism", {"id": self.row["id"]}) is not None:
            raise CommandError(f"a mechanism with id {self.row['id']!r} exists already")
        position = store.count("mechanism", {"power_type_id": self.row["power_type_id"]})
        store.insert("mechanism", {**self.row, "position": position})
        self._note("mechanism", "insert", self.row["id"])

    def _revert(self, store: Store) -> None:
        store.delete("mechanism", {"id": self.row["id"]})
        self._note("mechanism", "delete", self.row["id"])
