"""Commands on cases and their actors, tags and GCM objectives."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from workbench.commands.base import Command, RemovedRows, SetFields
from workbench.errors import CommandError, EvidenceAffectedError
from workbench.queries.cases import evidence_of_case
from workbench.storage.store import Row, Store, new_guid

CASE_FIELDS = ("title", "short_label", "period", "region", "summary")

# Children of a case, children first: the order in which they are deleted.
CASE_CHILDREN = (
    "vote",
    "evidence_link",
    "mechanism_overlap",
    "mechanism_coding",
    "matrix_cell",
    "case_actor",
    "case_gcm_objective",
    "case_tag",
)


def remove_new_case(store: Store, case_id: int) -> None:
    """Undo the creation of a case: it and everything its command wrote."""
    for table in CASE_CHILDREN:
        store.delete(table, {"case_id": case_id})
    store.delete("study_case", {"id": case_id})


def case_name(store: Store, case_id: int) -> str:
    row = store.get("study_case", {"id": case_id})
    if row is None:
        raise CommandError(f"case {case_id} no longer exists")
    return row["short_label"] or row["title"]


def new_uid() -> str:
    return uuid.uuid4().hex[:12]


class AddCase(Command):
    """A new case with its four empty matrix cells."""

    def __init__(
        self,
        title: str,
        *,
        short_label: str = "",
        period: str = "",
        region: str = "",
        summary: str = "",
        tags: Iterable[str] = (),
        gcm_objectives: Iterable[int] = (),
        uid: str | None = None,
        position: int | None = None,
    ) -> None:
        super().__init__()
        if not title.strip():
            raise CommandError("a case needs a title")
        self.values: Row = {
            "uid": uid or new_uid(),
            "guid": new_guid(),  # the same row again on redo
            "title": title.strip(),
            "short_label": short_label,
            "period": period,
            "region": region,
            "summary": summary,
        }
        self.tags = sorted({t.strip() for t in tags if t.strip()})
        self.objectives = sorted(set(gcm_objectives))
        self.position = position
        self.case_id: int | None = None

    def describe(self, store: Store) -> str:
        return f"Add case {self.values['title']}"

    def _apply(self, store: Store) -> None:
        values = dict(self.values)
        if self.case_id is not None:
            values["id"] = self.case_id  # redo re-creates the same row
        if self.position is None:
            self.position = store.next_id("study_case")
        values["position"] = self.position
        self.case_id = store.insert("study_case", values)
        for pt in store.select("power_type", order_by=["position"]):
            store.insert("matrix_cell", {"case_id": self.case_id, "power_type_id": pt["id"]})
        for tag in self.tags:
            store.insert("case_tag", {"case_id": self.case_id, "tag": tag})
        for objective in self.objectives:
            store.insert("case_gcm_objective", {"case_id": self.case_id, "objective": objective})
        self._note("study_case", "insert", self.case_id)

    def _revert(self, store: Store) -> None:
        assert self.case_id is not None
        remove_new_case(store, self.case_id)
        self._note("study_case", "delete", self.case_id)


class DeleteCase(Command):
    """Delete a case and everything that belongs to it; undo puts it all back.

    Excerpts stay in the project: only their links to this case go. Without
    `confirm_evidence=True` a case with linked evidence is refused.
    """

    def __init__(self, case_id: int, *, confirm_evidence: bool = False) -> None:
        super().__init__()
        self.case_id = case_id
        self.confirm_evidence = confirm_evidence
        self.snapshot: RemovedRows | None = None

    def describe(self, store: Store) -> str:
        return f"Delete case {case_name(store, self.case_id)}"

    def _apply(self, store: Store) -> None:
        excerpts, links = evidence_of_case(store, self.case_id)
        if links and not self.confirm_evidence:
            raise EvidenceAffectedError(
                f"Case {case_name(store, self.case_id)} has {links} evidence link(s) to "
                f"{excerpts} excerpt(s). Deleting it removes these links (the excerpts stay "
                "in the project).",
                excerpts,
                links,
            )
        snap = RemovedRows()
        actor_ids = {r["actor_id"] for r in store.select("case_actor", {"case_id": self.case_id})}
        for table in CASE_CHILDREN:
            snap.take(store, table, {"case_id": self.case_id})
        if not snap.take(store, "study_case", {"id": self.case_id}):
            raise CommandError(f"case {self.case_id} no longer exists")
        snap.delete_all(store, self)
        # Actors who took part only in this case go too (and come back on undo).
        orphans = RemovedRows()
        for actor_id in sorted(actor_ids):
            if store.count("case_actor", {"actor_id": actor_id}) == 0:
                orphans.take(store, "actor", {"id": actor_id})
        orphans.delete_all(store, self)
        snap.rows = snap.rows + orphans.rows  # undo restores actors before their roles
        self.snapshot = snap

    def _revert(self, store: Store) -> None:
        assert self.snapshot is not None
        self.snapshot.restore_all(store, self)


_COPY_SUFFIX = re.compile(r" \(copy(?: (\d+))?\)$")


def copy_name(name: str, taken: set[str]) -> str:
    """'EU–Turkey (copy)', then '(copy 2)', '(copy 3)'…: every copy can be told apart,
    and a copy of a copy counts on from its original."""
    base = _COPY_SUFFIX.sub("", name)
    candidate = f"{base} (copy)"
    n = 1
    while candidate in taken:
        n += 1
        candidate = f"{base} (copy {n})"
    return candidate


class DuplicateCase(Command):
    """A copy of a case with its matrix, codings, actors, tags and evidence links."""

    def __init__(self, case_id: int, title: str | None = None) -> None:
        super().__init__()
        self.source_id = case_id
        self.title = title
        self.uid = new_uid()
        self.guid = new_guid()
        # the copies' GUIDs by the original's (overlaps, votes): new rows, the same on redo
        self.child_guids: dict[str, str] = {}
        self.case_id: int | None = None

    def describe(self, store: Store) -> str:
        return f"Duplicate case {case_name(store, self.source_id)}"

    def _apply(self, store: Store) -> None:
        original = store.get("study_case", {"id": self.source_id})
        if original is None:
            raise CommandError(f"case {self.source_id} no longer exists")
        row = {k: v for k, v in original.items() if k not in ("id", "created", "modified")}
        row["guid"] = self.guid
        cases = store.case_names()
        titles = {c["title"] for c in cases}
        labels = {c["short_label"] for c in cases}
        row.update(uid=self.uid, title=self.title or copy_name(original["title"], titles))
        label = original["short_label"]
        row["short_label"] = copy_name(label, labels) if label else ""
        row["position"] = original["position"]
        if self.case_id is not None:
            row["id"] = self.case_id
        self.case_id = store.insert("study_case", row)
        for table in reversed(CASE_CHILDREN):
            for child in store.select(table, {"case_id": self.source_id}):
                child = {k: v for k, v in child.items() if k != "id"}
                child["case_id"] = self.case_id
                if "guid" in child:
                    child["guid"] = self.child_guids.setdefault(child["guid"], new_guid())
                store.insert(table, child)
        self._note("study_case", "insert", self.case_id)

    def _revert(self, store: Store) -> None:
        assert self.case_id is not None
        remove_new_case(store, self.case_id)
        self._note("study_case", "delete", self.case_id)


class UpdateCase(SetFields):
    """Edit title, short label, period, region or summary of a case."""

    def __init__(self, case_id: int, **values: str) -> None:
        unknown = set(values) - set(CASE_FIELDS)
        if unknown:
            raise CommandError(f"cannot edit {', '.join(sorted(unknown))} of a case")
        if "title" in values and not values["title"].strip():
            raise CommandError("a case needs a title")
        super().__init__("study_case", {"id": case_id}, values)
        self.case_id = case_id

    def describe(self, store: Store) -> str:
        name = case_name(store, self.case_id)
        if set(self.values) == {"title"}:
            return f"Rename case {name} to {self.values['title']}"
        fields = ", ".join(f.replace("_", " ") for f in self.values)
        return f"Edit {fields} of {name}"


class _ReplaceSet(Command):
    """Replace the rows (case_id, <column>) of a case by a new set of values."""

    table = ""
    column = ""
    what = ""

    def __init__(self, case_id: int, values: Iterable) -> None:
        super().__init__()
        self.case_id = case_id
        self.new = sorted(set(values))
        self.old: list = []

    def describe(self, store: Store) -> str:
        return f"Set {self.what} of {case_name(store, self.case_id)}"

    def _write(self, store: Store, values: list) -> None:
        store.delete(self.table, {"case_id": self.case_id})
        for v in values:
            store.insert(self.table, {"case_id": self.case_id, self.column: v})
        self._note("study_case", "update", self.case_id)

    def _apply(self, store: Store) -> None:
        if store.get("study_case", {"id": self.case_id}) is None:
            raise CommandError(f"case {self.case_id} no longer exists")
        self.old = [r[self.column] for r in store.select(self.table, {"case_id": self.case_id})]
        self._write(store, self.new)

    def _revert(self, store: Store) -> None:
        self._write(store, self.old)


class SetCaseTags(_ReplaceSet):
    table, column, what = "case_tag", "tag", "tags"

    def __init__(self, case_id: int, tags: Iterable[str]) -> None:
        super().__init__(case_id, (t.strip() for t in tags if t.strip()))


class SetCaseObjectives(_ReplaceSet):
    table, column, what = "case_gcm_objective", "objective", "GCM objectives"

    def __init__(self, case_id: int, objectives: Iterable[int]) -> None:
        objectives = list(objectives)
        bad = [o for o in objectives if not isinstance(o, int) or not 1 <= o <= 23]
        if bad:
            raise CommandError(f"GCM objectives are numbered 1 to 23, not {bad}")
        super().__init__(case_id, objectives)


class AddCaseActor(Command):
    """Give a case an actor in a role; the actor is created if the name is new."""

    def __init__(
        self, case_id: int, name: str, role: str, category: str = "", north_south: str = ""
    ) -> None:
        super().__init__()
        if role not in ("wielder", "recipient"):
            raise CommandError(f"an actor's role is wielder or recipient, not {role!r}")
        if not name.strip():
            raise CommandError("an actor needs a name")
        self.case_id = case_id
        self.name = name.strip()
        self.role = role
        self.category = category
        self.north_south = north_south
        self.actor_id: int | None = None
        self.created_actor: Row | None = None

    def describe(self, store: Store) -> str:
        return f"Add {self.name} as {self.role} in {case_name(store, self.case_id)}"

    def _apply(self, store: Store) -> None:
        existing = store.get("actor", {"name": self.name})
        if existing is None:
            if not self.category or not self.north_south:
                raise CommandError(f"new actor {self.name} needs a category and North/South")
            row = self.created_actor or {
                "uid": new_uid(),
                "guid": new_guid(),
                "name": self.name,
                "category": self.category,
                "north_south": self.north_south,
            }
            row = dict(row)
            row["id"] = store.insert("actor", row)
            self.created_actor = row
            self._note("actor", "insert", row["id"])
            existing = row
        self.actor_id = existing["id"]
        key = {"case_id": self.case_id, "actor_id": self.actor_id, "role": self.role}
        if store.get("case_actor", key):
            raise CommandError(f"{self.name} is already a {self.role} in this case")
        store.insert("case_actor", key)
        self._note("case_actor", "insert", self.case_id, self.actor_id, self.role)

    def _revert(self, store: Store) -> None:
        store.delete(
            "case_actor", {"case_id": self.case_id, "actor_id": self.actor_id, "role": self.role}
        )
        self._note("case_actor", "delete", self.case_id, self.actor_id, self.role)
        if self.created_actor is not None:
            store.delete("actor", {"id": self.actor_id})
            self._note("actor", "delete", self.actor_id)


class RemoveCaseActor(Command):
    """Take an actor's role in a case away; an actor left in no case is removed too."""

    def __init__(self, case_id: int, actor_id: int, role: str) -> None:
        super().__init__()
        self.key = {"case_id": case_id, "actor_id": actor_id, "role": role}
        self.removed_actor: Row | None = None

    def describe(self, store: Store) -> str:
        actor = store.get("actor", {"id": self.key["actor_id"]})
        name = actor["name"] if actor else "actor"
        return f"Remove {name} as {self.key['role']} from {case_name(store, self.key['case_id'])}"

    def _apply(self, store: Store) -> None:
        if not store.delete("case_actor", self.key):
            raise CommandError("this actor no longer has that role in the case")
        self._note("case_actor", "delete", *self.key.values())
        actor_id = self.key["actor_id"]
        self.removed_actor = None
        if store.count("case_actor", {"actor_id": actor_id}) == 0:
            self.removed_actor = store.get("actor", {"id": actor_id})
            store.delete("actor", {"id": actor_id})
            self._note("actor", "delete", actor_id)

    def _revert(self, store: Store) -> None:
        if self.removed_actor is not None:
            store.insert("actor", self.removed_actor)
            self._note("actor", "insert", self.removed_actor["id"])
        store.insert("case_actor", self.key)
        self._note("case_actor", "insert", *self.key.values())


class UpdateActor(SetFields):
    def __init__(self, actor_id: int, **values: str) -> None:
        unknown = set(values) - {"name", "category", "north_south"}
        if unknown:
            raise CommandError(f"cannot edit {', '.join(sorted(unknown))} of an actor")
        super().__init__("actor", {"id": actor_id}, values)

    def describe(self, store: Store) -> str:
        actor = store.get("actor", self.key)
        return f"Edit actor {actor['name'] if actor else self.key['id']}"

    def _apply(self, store: Store) -> None:
        name = self.values.get("name")
        if name is not None:
            if not str(name).strip():
                raise CommandError("an actor needs a name")
            other = store.get("actor", {"name": name})
            if other is not None and other["id"] != self.key["id"]:
                raise CommandError(f"another actor is called {name!r}: choose another name")
        super()._apply(store)
