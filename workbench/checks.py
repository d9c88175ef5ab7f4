"""`workbench check`: everything that can be wrong with a project file, as a report,
and `--repair`, which removes schema objects that do not belong to a project."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from workbench.csl_types import check_item
from workbench.errors import DamagedProjectError, FrameworkError, ProjectError
from workbench.lock import ProjectLock
from workbench.project import Project, open_store_unchecked
from workbench.settings import backups_root
from workbench.storage import backup as backups
from workbench.storage.schema_check import drop_foreign, schema_problems
from workbench.storage.store import Store


@dataclass
class CheckReport:
    path: str
    schema: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    framework: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # stored items CSL-JSON cannot type
    repairable: bool = False  # every schema problem is an extra object `--repair` drops

    @property
    def ok(self) -> bool:
        return not (
            self.schema
            or self.integrity
            or self.foreign_keys
            or self.orphans
            or self.framework
            or self.search
            or self.sources
        )

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "ok": self.ok,
            "schema": self.schema,
            "integrity": self.integrity,
            "foreign_keys": self.foreign_keys,
            "orphans": self.orphans,
            "framework": self.framework,
            "search": self.search,
            "sources": self.sources,
        }


@dataclass(frozen=True)
class RepairResult:
    dropped: list[str]
    backup: Path | None  # the verified backup taken before anything was dropped


def check_project(path: Path) -> CheckReport:
    """Read-only, all in one read transaction (so a writer elsewhere cannot make two
    counts disagree): schema, integrity_check, foreign keys, orphans, framework, index.

    With a foreign schema only the integrity check runs: any other query could
    run a crafted view."""
    path = Path(path)
    store = open_store_unchecked(path, readonly=True)
    report = CheckReport(str(path))
    try:
        with store.read_transaction():
            problems = schema_problems(store.conn, store.pragma("user_version"))
            report.schema = [str(p) for p in problems]
            report.repairable = bool(problems) and all(p.repairable for p in problems)
            report.integrity = store.integrity_problems()
            if report.schema or report.integrity:
                return report
            store.refresh_schema()
            report.foreign_keys = store.foreign_key_problems()
            report.orphans = store.orphan_problems()
            report.search = store.search_problems()
            report.sources = source_problems(store)
            try:
                Project(path, store, None).framework  # noqa: B018 - parsing validates it
            except (FrameworkError, ProjectError) as exc:
                report.framework = [str(exc)]
        return report
    finally:
        store.close()


def repair_schema(path: Path, backup_root: Path | None = None) -> RepairResult:
    """Drop the tables, indexes, triggers and views that do not belong to a project,
    after a verified backup, in one transaction. Refused while the project is open,
    when the file is damaged, or when a project object itself was changed or removed
    (that needs a backup, not a repair)."""
    path = Path(path)
    lock = ProjectLock(path).acquire()
    try:
        store = open_store_unchecked(path, readonly=False)
        try:
            problems = schema_problems(store.conn, store.pragma("user_version"))
            if not problems:
                return RepairResult([], None)
            fixed = [p for p in problems if not p.repairable]
            if fixed:
                raise DamagedProjectError(
                    path,
                    "it cannot be repaired: "
                    + "; ".join(str(p) for p in fixed[:3])
                    + ". Restore it from a backup",
                )
            damage = store.integrity_problems(quick=True)
            if damage:
                raise DamagedProjectError(
                    path, "it is damaged (" + "; ".join(damage[:2]) + "); restore it from a backup"
                )
            root = backup_root or backups_root()
            keep = len(backups.list_backups(path, root)) + 1  # rotate nothing out now
            taken = backups.make_backup(path, root, keep, "safety")
            with store.transaction():
                dropped = drop_foreign(store.conn, problems)
                left = schema_problems(store.conn, store.pragma("user_version"))
                if left:
                    raise DamagedProjectError(
                        path, "the repair did not succeed: " + "; ".join(map(str, left[:3]))
                    )
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return RepairResult(dropped, taken.path)
        finally:
            store.close()
    finally:
        lock.release()


def source_problems(store: Store) -> list[str]:
    """Sources stored before items were checked field by field: what CSL-JSON cannot type
    (exports leave such fields out; the sources editor shows them)."""
    out = []
    for row in store.select("source", order_by=["citation_key"]):
        try:
            item = json.loads(row["csl"])
        except ValueError as exc:
            out.append(f"source {row['citation_key']}: its stored data is not JSON ({exc})")
            continue
        if not isinstance(item, dict):
            out.append(f"source {row['citation_key']}: its stored data is not an object")
            continue
        item.pop("id", None)
        problems = [p for p in check_item(item).problems if p != "the item has no title"]
        out += [f"source {row['citation_key']}: {p}" for p in problems]
    return out
