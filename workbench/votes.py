"""Votes of a workshop: the room scores one quadrant of a case, the median may become the score.

A round of votes belongs to a case, a power type and a session (a workshop's date
or label). Each vote is one participant's score on the matrix's 0–4 scale. The
tally (distribution and median) is computed here, without Qt; recording, removing
and clearing votes, and adopting the median, are commands: undoable, one
transaction each.
"""

from __future__ import annotations

import statistics
from abc import abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from workbench.commands import Command, CompositeCommand, SetCell
from workbench.commands.cases import case_name
from workbench.commands.matrix import score_labels
from workbench.errors import CommandError
from workbench.scale import SCALE_MAX, SCALE_MIN, on_scale
from workbench.storage.store import Row, Store, new_guid

if TYPE_CHECKING:
    from workbench.project import Project

TABLE = "vote"
LEVELS = tuple(range(SCALE_MIN, SCALE_MAX + 1))


@dataclass(frozen=True)
class Vote:
    id: int
    case_id: int
    power_type: str
    session: str
    score: int
    recorded: str  # when it was recorded (ISO 8601, UTC)
    guid: str = ""  # the vote's stable identifier (exports)


@dataclass(frozen=True)
class Tally:
    """How many votes each level of the scale got."""

    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def scores(self) -> list[int]:
        return [level for level, n in zip(LEVELS, self.counts, strict=True) for _ in range(n)]

    @property
    def median(self) -> float | None:
        """The median vote; halfway between two levels when an even number splits there."""
        return statistics.median(self.scores()) if self.total else None

    @property
    def median_score(self) -> int | None:
        """The median as a score, or None: no votes, or an even split between two levels
        (the room has not decided; one more vote does)."""
        median = self.median
        if median is None or median != int(median):
            return None
        return int(median)


def tally(scores: Iterable[int]) -> Tally:
    counts = [0] * len(LEVELS)
    for score in scores:
        if not on_scale(score):
            raise CommandError(
                f"a vote is a whole number from {SCALE_MIN} to {SCALE_MAX}, not {score!r}"
            )
        counts[score - SCALE_MIN] += 1
    return Tally(tuple(counts))


def session_label(day: date) -> str:
    """The default name of a workshop session: its date."""
    return f"Workshop {day.isoformat()}"


def _vote(row: Row) -> Vote:
    return Vote(
        row["id"],
        row["case_id"],
        row["power_type_id"],
        row["session"],
        row["score"],
        row["created"],
        row.get("guid", ""),
    )


def round_votes(store: Store, case_id: int, power_type: str, session: str) -> list[Vote]:
    """One round's votes in the order they were recorded."""
    where = {"case_id": case_id, "power_type_id": power_type, "session": session}
    return [_vote(r) for r in store.select(TABLE, where, order_by=["id"])]


def votes(project: Project, case_id: int, power_type: str, session: str) -> list[Vote]:
    return round_votes(project.store, case_id, power_type, session)


def all_votes(project: Project) -> list[Vote]:
    """Every vote of the project, by session, case and order of recording."""
    rows = project.store.select(TABLE, order_by=["session", "case_id", "power_type_id", "id"])
    return [_vote(r) for r in rows]


def _round_name(store: Store, case_id: int, power_type: str) -> str:
    return f"{power_type} of {case_name(store, case_id)}"


class RecordVote(Command):
    """One participant's vote in a round."""

    def __init__(self, case_id: int, power_type: str, session: str, score: int) -> None:
        super().__init__()
        if not session.strip():
            raise CommandError("a vote needs a session (the workshop's date or name)")
        if not on_scale(score):
            raise CommandError(
                f"a vote is a whole number from {SCALE_MIN} to {SCALE_MAX}, not {score!r}"
            )
        self.row: Row = {
            "guid": new_guid(),
            "case_id": case_id,
            "power_type_id": power_type,
            "session": session.strip(),
            "score": score,
        }
        self.vote_id: int | None = None

    def describe(self, store: Store) -> str:
        name = _round_name(store, self.row["case_id"], self.row["power_type_id"])
        return f"Record a vote of {self.row['score']} on {name}"

    def _apply(self, store: Store) -> None:
        if (
            store.get(
                "matrix_cell",
                {"case_id": self.row["case_id"], "power_type_id": self.row["power_type_id"]},
            )
            is None
        ):
            raise CommandError(
                f"case {self.row['case_id']} has no {self.row['power_type_id']} cell to vote on"
            )
        row = dict(self.row)
        if self.vote_id is not None:  # redo: the same row again
            row["id"] = self.vote_id
        self.vote_id = store.insert(TABLE, row)
        self._note(TABLE, "insert", self.vote_id, values=row)

    def _revert(self, store: Store) -> None:
        store.delete(TABLE, {"id": self.vote_id})
        self._note(TABLE, "delete", self.vote_id, values=self.row)


class _RemoveVotes(Command):
    """Removes some vote rows, keeping them so that undo puts them back unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.removed: list[Row] = []

    @abstractmethod
    def _targets(self, store: Store) -> list[Row]:
        """The rows to remove (refusing, with CommandError, when there are none)."""

    def _apply(self, store: Store) -> None:
        self.removed = self._targets(store)
        for row in self.removed:
            store.delete(TABLE, {"id": row["id"]})
            self._note(TABLE, "delete", row["id"], values=row)

    def _revert(self, store: Store) -> None:
        for row in self.removed:
            store.insert(TABLE, row)
            self._note(TABLE, "insert", row["id"], values=row)


class RemoveVote(_RemoveVotes):
    """Remove one vote (a mistyped one)."""

    def __init__(self, vote_id: int) -> None:
        super().__init__()
        self.vote_id = vote_id

    def describe(self, store: Store) -> str:
        row = store.get(TABLE, {"id": self.vote_id})
        if row is None:
            return "Remove a vote"
        name = _round_name(store, row["case_id"], row["power_type_id"])
        return f"Remove a vote of {row['score']} on {name}"

    def _targets(self, store: Store) -> list[Row]:
        row = store.get(TABLE, {"id": self.vote_id})
        if row is None:
            raise CommandError(f"vote {self.vote_id} no longer exists")
        return [row]


class ClearVotes(_RemoveVotes):
    """Remove every vote of a round (to vote again)."""

    def __init__(self, case_id: int, power_type: str, session: str) -> None:
        super().__init__()
        self.where = {"case_id": case_id, "power_type_id": power_type, "session": session}

    def describe(self, store: Store) -> str:
        name = _round_name(store, self.where["case_id"], self.where["power_type_id"])
        return f"Clear the votes on {name}"

    def _targets(self, store: Store) -> list[Row]:
        rows = store.select(TABLE, self.where, order_by=["id"])
        if not rows:
            raise CommandError("there are no votes to clear in this round")
        return rows


def adopt_median(project: Project, case_id: int, power_type: str, session: str) -> Command:
    """The round's median as the quadrant's score: one command, undone in one step.
    Raises CommandError when there is no median score to adopt."""
    store = project.store
    result = tally(v.score for v in round_votes(store, case_id, power_type, session))
    if result.total == 0:
        raise CommandError("there are no votes to adopt in this round")
    score = result.median_score
    if score is None:
        low, high = int(result.median), int(result.median) + 1  # type: ignore[arg-type]
        raise CommandError(
            f"the {result.total} votes split evenly between {low} and {high}: "
            "record one more vote or score the quadrant by hand"
        )
    label = (
        f"Adopt the median of {result.total} vote{'s' if result.total != 1 else ''} "
        f"({score}, {score_labels(store)[score]}) as the {power_type} score of "
        f"{case_name(store, case_id)}"
    )
    return CompositeCommand(label, [SetCell(case_id, power_type, score=score)])
