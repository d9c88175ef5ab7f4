"""Commands on sources, excerpts and the links from excerpts to case x mechanism."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from workbench.commands.base import Command, CompositeCommand, RemovedRows, SetFields
from workbench.commands.cases import case_name, new_uid
from workbench.csl import source_row
from workbench.errors import CommandError, EvidenceAffectedError
from workbench.storage.store import Row, Store, new_guid

if TYPE_CHECKING:  # the reference parsers load when a file is imported, not at start-up
    from workbench.bibliography.merge import ImportPlan

EVIDENCE_TYPES = ("primary_document", "secondary_literature", "interview", "media", "dataset")
EXCERPT_FIELDS = ("text", "locator", "evidence_type", "note", "source_id", "underlying_source_id")


class AddSource(Command):
    def __init__(
        self, csl: dict[str, Any], citation_key: str, doi: str = "", uid: str | None = None
    ) -> None:
        super().__init__()
        if not citation_key.strip():
            raise CommandError("a source needs a citation key")
        self.row: Row = {
            "uid": uid or new_uid(),
            "guid": new_guid(),  # the same row again on redo
            **source_row(csl, citation_key.strip(), doi),
        }
        self.source_id: int | None = None

    def describe(self, store: Store) -> str:
        return f"Add source {self.row['citation_key']}"

    def _apply(self, store: Store) -> None:
        if store.get("source", {"citation_key": self.row["citation_key"]}):
            raise CommandError(f"a source with key {self.row['citation_key']!r} exists already")
        row = dict(self.row)
        if self.source_id is not None:
            row["id"] = self.source_id
        self.source_id = store.insert("source", row)
        self._note("source", "insert", self.source_id)

    def _revert(self, store: Store) -> None:
        store.delete("source", {"id": self.source_id})
        self._note("source", "delete", self.source_id)


class UpdateSource(SetFields):
    """Replace a source's CSL-JSON (and key/DOI), keeping its identity and excerpts."""

    def __init__(
        self, source_id: int, csl: dict[str, Any], citation_key: str, doi: str = ""
    ) -> None:
        super().__init__("source", {"id": source_id}, source_row(csl, citation_key, doi))

    def describe(self, store: Store) -> str:
        return f"Edit source {self.values['citation_key']}"

    def _apply(self, store: Store) -> None:
        key = self.values["citation_key"]
        other = store.get("source", {"citation_key": key})
        if other is not None and other["id"] != self.key["id"]:
            raise CommandError(f"another source has the citation key {key!r}")
        super()._apply(store)


class DeleteSource(Command):
    """Delete a source; with `confirm_evidence=True` its excerpts and their links go too."""

    def __init__(self, source_id: int, *, confirm_evidence: bool = False) -> None:
        super().__init__()
        self.source_id = source_id
        self.confirm_evidence = confirm_evidence
        self.snapshot: RemovedRows | None = None
        self.cleared_underlying: list[int] = []

    def describe(self, store: Store) -> str:
        row = store.get("source", {"id": self.source_id})
        return f"Delete source {row['citation_key'] if row else self.source_id}"

    def _apply(self, store: Store) -> None:
        source = store.get("source", {"id": self.source_id})
        if source is None:
            raise CommandError(f"source {self.source_id} no longer exists")
        own = store.select("excerpt", {"source_id": self.source_id})
        links = store.links_for_excerpts([e["id"] for e in own])
        if own and not self.confirm_evidence:
            raise EvidenceAffectedError(
                f"Source {source['citation_key']} has {len(own)} excerpt(s) with "
                f"{len(links)} evidence link(s); deleting it deletes them too.",
                len(own),
                len(links),
            )
        snap = RemovedRows()
        for excerpt in own:
            snap.take(store, "evidence_link", {"excerpt_id": excerpt["id"]})
        for excerpt in own:
            snap.take(store, "excerpt", {"id": excerpt["id"]})
        snap.take(store, "source", {"id": self.source_id})
        # Excerpts of other sources that cite this one as the underlying work keep
        # their text; only the pointer is cleared (and restored on undo).
        self.cleared_underlying = [
            e["id"]
            for e in store.excerpts_for_source(self.source_id)  # through the indexes
            if e["source_id"] != self.source_id
        ]
        for excerpt_id in self.cleared_underlying:
            store.update("excerpt", {"id": excerpt_id}, {"underlying_source_id": None})
            self._note("excerpt", "update", excerpt_id)
        snap.delete_all(store, self)
        self.snapshot = snap

    def _revert(self, store: Store) -> None:
        assert self.snapshot is not None
        self.snapshot.restore_all(store, self)
        for excerpt_id in self.cleared_underlying:
            store.update("excerpt", {"id": excerpt_id}, {"underlying_source_id": self.source_id})
            self._note("excerpt", "update", excerpt_id)


def _check_excerpt(values: Row) -> None:
    if "text" in values and not str(values["text"]).strip():
        raise CommandError("an excerpt needs its verbatim text")
    if "evidence_type" in values and values["evidence_type"] not in EVIDENCE_TYPES:
        raise CommandError(
            f"evidence type is one of {', '.join(EVIDENCE_TYPES)}, not {values['evidence_type']!r}"
        )


class AddExcerpt(Command):
    """A verbatim excerpt from a source, optionally linked to case x mechanism pairs."""

    def __init__(
        self,
        source_id: int,
        text: str,
        *,
        locator: str = "",
        evidence_type: str = "secondary_literature",
        note: str = "",
        underlying_source_id: int | None = None,
        links: Iterable[tuple[int, str]] = (),
        uid: str | None = None,
    ) -> None:
        super().__init__()
        self.row: Row = {
            "uid": uid or new_uid(),
            "guid": new_guid(),
            "source_id": source_id,
            "underlying_source_id": underlying_source_id,
            "text": text,
            "locator": locator,
            "evidence_type": evidence_type,
            "note": note,
        }
        _check_excerpt(self.row)
        self.links = list(dict.fromkeys(links))
        self.excerpt_id: int | None = None

    def describe(self, store: Store) -> str:
        src = store.get("source", {"id": self.row["source_id"]})
        return f"Add excerpt from {src['citation_key'] if src else 'source'}"

    def _apply(self, store: Store) -> None:
        if store.get("source", {"id": self.row["source_id"]}) is None:
            raise CommandError("the excerpt's source no longer exists")
        row = dict(self.row)
        if self.excerpt_id is not None:
            row["id"] = self.excerpt_id
        self.excerpt_id = store.insert("excerpt", row)
        self._note("excerpt", "insert", self.excerpt_id)
        for case_id, mechanism_id in self.links:
            store.insert(
                "evidence_link",
                {"excerpt_id": self.excerpt_id, "case_id": case_id, "mechanism_id": mechanism_id},
            )
            self._note("evidence_link", "insert", self.excerpt_id, case_id, mechanism_id)

    def _revert(self, store: Store) -> None:
        store.delete("evidence_link", {"excerpt_id": self.excerpt_id})
        for case_id, mechanism_id in self.links:
            self._note("evidence_link", "delete", self.excerpt_id, case_id, mechanism_id)
        store.delete("excerpt", {"id": self.excerpt_id})
        self._note("excerpt", "delete", self.excerpt_id)


class UpdateExcerpt(SetFields):
    def __init__(self, excerpt_id: int, **values: Any) -> None:
        unknown = set(values) - set(EXCERPT_FIELDS)
        if unknown:
            raise CommandError(f"an excerpt has no {', '.join(sorted(unknown))}")
        _check_excerpt(values)
        super().__init__("excerpt", {"id": excerpt_id}, values)

    def describe(self, store: Store) -> str:
        return f"Edit {', '.join(f.replace('_', ' ') for f in self.values)} of excerpt"


class DeleteExcerpt(Command):
    def __init__(self, excerpt_id: int) -> None:
        super().__init__()
        self.excerpt_id = excerpt_id
        self.snapshot: RemovedRows | None = None

    def describe(self, store: Store) -> str:
        return "Delete excerpt"

    def _apply(self, store: Store) -> None:
        snap = RemovedRows()
        snap.take(store, "evidence_link", {"excerpt_id": self.excerpt_id})
        if not snap.take(store, "excerpt", {"id": self.excerpt_id}):
            raise CommandError("this excerpt no longer exists")
        snap.delete_all(store, self)
        self.snapshot = snap

    def _revert(self, store: Store) -> None:
        assert self.snapshot is not None
        self.snapshot.restore_all(store, self)


class LinkExcerpt(Command):
    """Link an excerpt as evidence for a mechanism in a case."""

    def __init__(self, excerpt_id: int, case_id: int, mechanism_id: str) -> None:
        super().__init__()
        self.key = {"excerpt_id": excerpt_id, "case_id": case_id, "mechanism_id": mechanism_id}

    def describe(self, store: Store) -> str:
        mech = store.get("mechanism", {"id": self.key["mechanism_id"]})
        label = mech["label"] if mech else self.key["mechanism_id"]
        return f"Link excerpt to {label} in {case_name(store, self.key['case_id'])}"

    def _apply(self, store: Store) -> None:
        if store.get("evidence_link", self.key):
            raise CommandError("the excerpt is already linked there")
        store.insert("evidence_link", self.key)
        self._note("evidence_link", "insert", *self.key.values())

    def _revert(self, store: Store) -> None:
        store.delete("evidence_link", self.key)
        self._note("evidence_link", "delete", *self.key.values())


class UnlinkExcerpt(LinkExcerpt):
    def describe(self, store: Store) -> str:
        return super().describe(store).replace("Link excerpt to", "Unlink excerpt from")

    def _apply(self, store: Store) -> None:
        if not store.delete("evidence_link", self.key):
            raise CommandError("the excerpt is not linked there")
        self._note("evidence_link", "delete", *self.key.values())

    def _revert(self, store: Store) -> None:
        store.insert("evidence_link", self.key)
        self._note("evidence_link", "insert", *self.key.values())


def import_command(plan: ImportPlan, file_name: str) -> CompositeCommand:
    """All new and updated sources of an import plan as one undoable command."""
    commands: list[Command] = [AddSource(ref.csl, key) for key, ref in plan.new]
    commands += [UpdateSource(u.source_id, u.csl, u.citation_key) for u in plan.updates]
    return CompositeCommand(
        f"Import {plan.changes} reference{'s' if plan.changes != 1 else ''} from {file_name}",
        commands,
    )
