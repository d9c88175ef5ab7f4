"""Reading a co-author's edited workbook back: a three-way, cell-level review.

    diff = diff_workbook(project, path)  # nothing changes yet

What applies is decided by `operations.workbook.apply_workbook_edits`.

Each editable cell has three values: what the workbook held when exported (its
record, see `export_record`), what the project holds now, and what the co-author's
file holds. A cell the co-author did not touch proposes nothing, whatever
happened in the project since; a co-author's change to a cell the project left
alone is a change; a cell both changed, differently, is a conflict showing all
three values. So several co-authors' copies of one export import one after
another, and importing a file twice proposes nothing the second time.

Each format version has its own reader (`versions`); this module is the one
comparison, whatever the version. A workbook without a trustworthy record
(exported by an earlier version, or its record was changed) is compared with the
project as it is now (two-way), with a notice. Rows are matched by the
identifier in column A and columns by their headers; every problem is located by
sheet and cell, and a cell with a problem is left out while the rest still counts.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import repeat
from pathlib import Path
from typing import Any

from workbench.csl import author_date
from workbench.excel.additions import new_case, new_excerpt
from workbench.excel.cells import cell_form, typed_text
from workbench.excel.changes import CellChange, WorkbookDiff, changes_command
from workbench.excel.column_reader import Fingerprint
from workbench.excel.evidence_columns import (
    EXCERPT_EDITS,
    DerivedEvidence,
    choose_derived,
    choose_evidence,
    decoded,
    prefetch,
    same_value,
)
from workbench.excel.export_record import ExportRecord, Key, digest
from workbench.excel.guards import ExcelImportError
from workbench.excel.layout import (
    CASE_FIELDS,
    CASE_LISTS,
    Column,
)
from workbench.excel.list_cells import (
    canonical_effects,
    canonical_objectives,
    canonical_tags,
    effects_text,
    objectives_text,
    tags_text,
)
from workbench.excel.reader import Book, open_book, release_freed_memory
from workbench.excel.returned_sheet import Prefetched, ReturnedSheet
from workbench.excel.versions import CHANGED_RECORD_NOTICE, RECORD_SHEET, read_version
from workbench.progress import Progress, no_progress
from workbench.project import Project
from workbench.queries.case_detail import Coding, default_effects
from workbench.queries.sources import citation_labels
from workbench.vocabularies import load_vocabularies

__all__ = ["CellChange", "WorkbookDiff", "changes_command", "diff_workbook"]

SHEETS = ("About", "Cases", "Matrix", "Mechanisms", "Evidence", "Sources", RECORD_SHEET)


def diff_workbook(project: Project, path: Path, progress: Progress = no_progress) -> WorkbookDiff:
    path = Path(path)
    with open_book(path, SHEETS, {"Evidence": choose_evidence}) as book:
        version = read_version(book, path, project.framework)
        diff = WorkbookDiff(export_id=version.export_id, three_way=version.three_way)
        if version.notice:
            diff.notes.append(version.notice)
        # The largest sheet first, kept to the columns the import reads, while little else
        # is in memory: the reader's full grid of it is then freed before the rest loads.
        prefetched = {"Evidence": prefetch(book, "Evidence", version.evidence_layout)}
        release_freed_memory()  # the reader's grid is gone; give its pages back
        record = version.read_record(book)
        columns = record.columns if record is not None else version.columns
        if record is None and version.three_way:
            diff.three_way = False
            diff.notes.append(CHANGED_RECORD_NOTICE)
        review = _Review(project, book, path, record, columns, diff, progress)
        review.prefetched = prefetched
        review.run()
        return diff


# Evidence columns repeating what the application holds elsewhere: a change is named
# as not imported (with where it is edited).
class _Review:
    def __init__(
        self,
        project: Project,
        book: Book,
        path: Path,
        record: ExportRecord | None,
        columns: dict[str, list[Column]],
        diff: WorkbookDiff,
        progress: Progress,
    ) -> None:
        self.project = project
        self.store = project.store
        self.fw = project.framework
        self.book = book
        self.path = path
        self.record = record
        self.columns = columns
        self.diff = diff
        self.progress = progress
        self.cases = {c["uid"]: c for c in self.store.select("study_case")}
        self.prefetched: dict[str, Prefetched | None] = {}
        self.names = {uid: c["short_label"] or c["title"] for uid, c in self.cases.items()}
        self.columns_by_key = {
            sheet: {c.key: c.header for c in cols} for sheet, cols in columns.items()
        }

    # --- the three-way rule ----------------------------------------------------------------

    def propose(
        self,
        sheet: ReturnedSheet,
        column: str,
        row: int,
        key: Key,
        theirs: Any,
        project_now: Any,
        what: str,
        target: tuple,
    ) -> CellChange | None:
        """The change a cell proposes, if any (see the module's docstring)."""
        now = cell_form(project_now or "").text if isinstance(theirs, str) else project_now
        exported = now
        if self.record is not None:
            exported = self.record.values.get(key, now)
            if isinstance(theirs, str) and exported is None:
                exported = ""
        if theirs in (exported, now) or (isinstance(theirs, str) and theirs == decoded(exported)):
            return None
        if self.record is not None and key in self.record.cut:
            sheet.problem(
                column,
                row,
                "this text was shortened in the workbook (longer than a cell holds); "
                "edit it in the application, the workbook's copy is not imported",
            )
            return None
        if self.record is not None and key in self.record.altered:
            what += " (the project's text holds characters a cell cannot; accepting replaces them)"
        return CellChange(
            sheet.name,
            sheet.where(column, row),
            what,
            project_now,
            theirs,
            target,
            exported=exported,
            conflict=now != exported,
        )

    def add(self, change: CellChange | None) -> None:
        if change is not None:
            self.diff.changes.append(change)

    def sheet(self, name: str, id_key: str) -> ReturnedSheet:
        return ReturnedSheet(
            self.book, self.diff, name, self.columns[name], id_key, self.prefetched.get(name)
        )

    # --- the sheets --------------------------------------------------------------------------

    def run(self) -> None:
        self._check_same_project()
        self.progress(0, 4)
        seen_cases = self._cases()
        self.progress(1, 4)
        seen_matrix = self._matrix()
        self.progress(2, 4)
        seen_mech = self._mechanisms()
        self.progress(3, 4)
        self._evidence(seen_cases)
        self._sources()
        for sheet, seen in (("Matrix", seen_matrix), ("Mechanisms", seen_mech)):
            gone = sorted(seen_cases - seen)
            if gone:
                self.diff.notes.append(
                    f"{sheet}: the row(s) of {self._listed(gone)} were deleted; "
                    "nothing was changed for them"
                )
        missing = sorted(set(self.cases) - seen_cases)
        if missing:
            self.diff.notes.append(
                f"{len(missing)} case(s) of the project are not in the workbook "
                f"(not exported, or rows deleted): {self._listed(missing)}"
            )
        self.progress(4, 4)

    def _check_same_project(self) -> None:
        """A workbook of another project shares no case with this one: one clear refusal
        instead of a problem per row."""
        if self.record is None or not self.cases:
            return
        exported = self.record.values.idents("cell")
        if exported and not exported & set(self.cases):
            raise ExcelImportError(
                self.path,
                f"this workbook was exported from another project ({self.record.project!r}): "
                f"none of its {len(exported)} case(s) is in this project",
            )

    def _cases(self) -> set[str]:
        sheet = self.sheet("Cases", "case_id")
        seen: set[str] = set()
        if not sheet.ok:
            return set(self.cases)  # nothing read: do not report every case as missing
        lists = self._case_lists()
        for row, uid, case, values in self._case_rows(
            sheet, seen, lambda row, values: new_case(self, sheet, row, values)
        ):
            self._case_list_edits(sheet, row, uid, case, values, lists)
            for name in CASE_FIELDS:
                ok, new = sheet.text(values, name, row)
                if not ok:
                    continue
                if name == "title" and not new.strip():
                    if case["title"].strip():
                        sheet.problem(
                            name, row, "a case needs a title; the title was left as it is"
                        )
                    continue
                self.add(
                    self.propose(
                        sheet,
                        name,
                        row,
                        ("case", uid, name),
                        new,
                        case[name],
                        f"{self.names[uid]}: {name.replace('_', ' ')}",
                        ("case", case["id"], name),
                    )
                )
        return seen

    def _case_lists(self) -> dict[int, dict[str, str]]:
        """Each case's tags, objectives and actors as the Cases sheet writes them."""
        out: dict[int, dict[str, str]] = {
            c["id"]: dict.fromkeys(CASE_LISTS, "") for c in self.cases.values()
        }
        tags: dict[int, list[str]] = {}
        for r in self.store.select("case_tag"):
            tags.setdefault(r["case_id"], []).append(r["tag"])
        objectives: dict[int, list[int]] = {}
        for r in self.store.select("case_gcm_objective"):
            objectives.setdefault(r["case_id"], []).append(r["objective"])
        vocab = load_vocabularies()
        actors: dict[tuple[int, str], list[str]] = {}
        for r in self.store.case_actor_rows():
            category = vocab.label("actor_categories", r["category"])
            position = vocab.label("north_south", r["north_south"])
            actors.setdefault((r["case_id"], r["role"]), []).append(
                f"{r['name']} ({category}; {position})"
            )
        for case_id, lists in out.items():
            lists["tags"] = tags_text(tags.get(case_id, []))
            lists["gcm_objectives"] = objectives_text(objectives.get(case_id, []))
            lists["wielders"] = "; ".join(actors.get((case_id, "wielder"), []))
            lists["recipients"] = "; ".join(actors.get((case_id, "recipient"), []))
        return out

    def _case_list_edits(
        self,
        sheet: ReturnedSheet,
        row: int,
        uid: str,
        case: dict[str, Any],
        values: list[Any],
        lists: dict[int, dict[str, str]],
    ) -> None:
        """Tags and GCM objectives are imported; a changed actor list is named as not
        imported (actors are edited in the application, with their category)."""
        now = lists[case["id"]]
        for name, canonical, kind, what in (
            ("tags", canonical_tags, "tags", "tags"),
            ("gcm_objectives", canonical_objectives, "objectives", "GCM objectives"),
        ):
            if sheet.has(name):
                self.add(
                    self.propose_list(
                        sheet,
                        name,
                        row,
                        ("case", uid, name),
                        values,
                        now[name],
                        canonical,
                        f"{self.names[uid]}: {what}",
                        (kind, case["id"]),
                    )
                )
        for name in ("wielders", "recipients"):
            self.not_imported(
                sheet,
                name,
                row,
                values,
                {now[name]},
                ("case", uid, name),
                "edit in the application",
            )

    def propose_list(
        self,
        sheet: ReturnedSheet,
        column: str,
        row: int,
        key: Key,
        values: list[Any],
        now: str,
        canonical: Callable[[str], str],
        what: str,
        target: tuple,
    ) -> CellChange | None:
        """The change a list cell proposes, compared as sets (order and spacing aside);
        a value that cannot be read is a located problem."""
        ok, text = sheet.text(values, column, row)
        if not ok:
            return None
        try:
            theirs = canonical(text)
        except ValueError as exc:
            sheet.problem(column, row, f"{exc}; not imported")
            return None
        exported = now
        if self.record is not None and key in self.record.values:
            try:
                exported = canonical(str(self.record.values.get(key) or ""))
            except ValueError:
                exported = now
        if theirs in (exported, now):
            return None
        return CellChange(
            sheet.name,
            sheet.where(column, row),
            what,
            now,
            theirs,
            target,
            exported=exported,
            conflict=now != exported,
        )

    def not_imported(
        self,
        sheet: ReturnedSheet,
        column: str,
        row: int,
        values: list[Any],
        now: set[str],
        key: Key | None,
        why: str,
    ) -> None:
        """Names a changed cell of a column the import does not apply."""
        if not sheet.has(column):
            return
        ok, theirs = sheet.text(values, column, row)
        if not ok:
            return
        known = set(now)
        if self.record is not None and key is not None and key in self.record.values:
            known.add(str(self.record.values.get(key) or ""))
        if theirs.strip() in {k.strip() for k in known} or any(
            same_value(theirs, k) for k in known
        ):
            return
        header = self.columns_by_key[sheet.name].get(column, column)
        self.diff.not_imported.append(f"{sheet.name}!{sheet.where(column, row)} ({header}): {why}")

    def _name_cell(self, sheet: ReturnedSheet, row: int, uid: str, values: list[Any]) -> None:
        """The Case column of Matrix and Mechanisms repeats the case's name, for reading."""
        case = self.cases[uid]
        names = {case["short_label"] or case["title"]}
        if self.record is not None:
            exported = self.record.values
            label = exported.get(("case", uid, "short_label"))
            names.add(str(label or exported.get(("case", uid, "title")) or ""))
        self.not_imported(
            sheet, "case", row, values, names, None, "a case's name is edited in the Cases sheet"
        )

    def _case_rows(
        self,
        sheet: ReturnedSheet,
        seen: set[str],
        without_id: Callable[[int, list[Any]], None],
    ) -> Iterator[tuple[int, str, dict[str, Any], list[Any]]]:
        """(row, identifier, the project's case, values) of each row naming a known case, adding its
        identifier to `seen`; rows without one go to `without_id`, unknown ones are
        reported."""
        for row, uid, values in sheet.records():
            if not uid:
                without_id(row, values)
                continue
            case = self.cases.get(uid)
            if case is None:
                self._unknown(sheet, row, uid, "case")
                continue
            seen.add(uid)
            yield row, uid, case, values

    def _without_case_id(
        self, sheet: ReturnedSheet, hint: str = ""
    ) -> Callable[[int, list[Any]], None]:
        """Reports a row that names no case (only the Cases sheet proposes new ones)."""

        def report(row: int, _values: list[Any]) -> None:
            problem = f"{sheet.name}!A{row}: a row without a case identifier was not imported"
            self.diff.problems.append(f"{problem} {hint}" if hint else problem)

        return report

    def _listed(self, uids: list[str], most: int = 10) -> str:
        """Cases by the names a reader knows them by: "Alpha 2016, Beta 2021 and 3 more"."""
        names = sorted(self.names.get(uid, uid) for uid in uids)
        more = f" and {len(names) - most} more" if len(names) > most else ""
        return ", ".join(names[:most]) + more

    def _unknown(self, sheet: ReturnedSheet, row: int, uid: str, kind: str) -> None:
        place = f"{sheet.name}!A{row}"
        exported = self.record is not None and uid in self.record.values.idents("cell")
        if exported:
            assert self.record is not None
            values = self.record.values
            name = values.get(("case", uid, "short_label")) or values.get(("case", uid, "title"))
            self.diff.notes.append(
                f"{place}: the {kind} “{name or uid}” was deleted from the project since the "
                "export; its edits were not imported"
            )
        else:
            self.diff.problems.append(
                f"{place}: unknown {kind} identifier {uid!r}; to propose a new {kind}, "
                "leave the identifier empty"
            )

    def _matrix(self) -> set[str]:
        sheet = self.sheet("Matrix", "case_id")
        seen: set[str] = set()
        if not sheet.ok:
            return set(self.cases)
        stored = {(r["case_id"], r["power_type_id"]): r for r in self.store.select("matrix_cell")}
        codings: dict[int, dict[str, Coding]] = {}
        for r in self.store.select("mechanism_coding"):
            codings.setdefault(r["case_id"], {})[r["mechanism_id"]] = Coding(
                r["mechanism_id"], r["strength"], r["memo"]
            )
        labels = {e.get("label", e["id"]): e["id"] for e in self.fw.effects}
        for row, uid, case, values in self._case_rows(
            sheet, seen, self._without_case_id(sheet, "(propose new cases in the Cases sheet)")
        ):
            self._name_cell(sheet, row, uid, values)
            for pt in self.fw.power_types:
                old = stored.get((case["id"], pt.id), {})
                column = f"{pt.id}_effects"
                if sheet.has(column):
                    defaults = default_effects(self.fw, pt.id, codings.get(case["id"], {}))
                    effects = effects_text(
                        e
                        for e in defaults
                        if (defaults[e] if old.get(f"effect_{e}") is None else old[f"effect_{e}"])
                    )
                    self.add(
                        self.propose_list(
                            sheet,
                            column,
                            row,
                            ("cell", uid, pt.id, "effects"),
                            values,
                            effects,
                            lambda text: canonical_effects(text, labels),
                            f"{self.names[uid]}: {pt.id} effects",
                            ("effects", case["id"], pt.id),
                        )
                    )
                column = f"{pt.id}_score"
                ok, score = sheet.scale(values, column, row)
                if ok:
                    self.add(
                        self.propose(
                            sheet,
                            column,
                            row,
                            ("cell", uid, pt.id, "score"),
                            score,
                            old.get("score"),
                            f"{self.names[uid]}: {pt.id} score",
                            ("cell", case["id"], pt.id, "score"),
                        )
                    )
                column = f"{pt.id}_confidence"
                ok, text = sheet.text(values, column, row)
                level = text.strip().lower()
                if ok and level and level not in self.fw.confidence_levels:
                    sheet.problem(
                        column,
                        row,
                        f"{text!r} is not one of {', '.join(self.fw.confidence_levels)}",
                    )
                elif ok:
                    change = self.propose(
                        sheet,
                        column,
                        row,
                        ("cell", uid, pt.id, "confidence"),
                        level,
                        old.get("confidence") or "",
                        f"{self.names[uid]}: {pt.id} confidence",
                        ("cell", case["id"], pt.id, "confidence"),
                    )
                    if change is not None:  # an empty cell is "no confidence", at every stage
                        change = replace(
                            change,
                            old=change.old or None,
                            new=change.new or None,
                            exported=change.exported or None,
                        )
                    self.add(change)
                column = f"{pt.id}_memo"
                if sheet.has(column):
                    ok, text = sheet.text(values, column, row)
                    if ok:
                        self.add(
                            self.propose(
                                sheet,
                                column,
                                row,
                                ("cell", uid, pt.id, "memo"),
                                text,
                                old.get("memo", ""),
                                f"{self.names[uid]}: {pt.id} memo",
                                ("cell", case["id"], pt.id, "memo"),
                            )
                        )
        return seen

    def _mechanisms(self) -> set[str]:
        sheet = self.sheet("Mechanisms", "case_id")
        seen: set[str] = set()
        if not sheet.ok:
            return set(self.cases)
        codings = {
            (r["case_id"], r["mechanism_id"]): r["strength"]
            for r in self.store.select("mechanism_coding")
        }
        for row, uid, case, values in self._case_rows(sheet, seen, self._without_case_id(sheet)):
            self._name_cell(sheet, row, uid, values)
            for m in self.fw.mechanisms:
                if not sheet.has(m.id):
                    continue
                ok, strength = sheet.scale(values, m.id, row)
                if ok:
                    self.add(
                        self.propose(
                            sheet,
                            m.id,
                            row,
                            ("strength", uid, m.id),
                            strength,
                            codings.get((case["id"], m.id)),
                            f"{self.names[uid]}: {m.label} strength",
                            ("strength", case["id"], m.id),
                        )
                    )
        return seen

    def _excerpt_heading(self, excerpt_id: int, uid: str) -> str:
        """'excerpt “those cross-border population movements…” (Greenhill 2010)': what a
        reviewer recognises; read only for the excerpts that changed."""
        excerpt = self.store.get("excerpt", {"id": excerpt_id})
        source = self.store.get("source", {"id": excerpt["source_id"]}) if excerpt else None
        if excerpt is None or source is None:
            return f"excerpt {uid}"
        words = excerpt["text"].split()
        opening = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
        label = citation_labels(self.store, [source["id"]]).get(source["id"])
        return f"excerpt “{opening}” ({label or author_date(json.loads(source['csl']))})"

    def _sources(self) -> None:
        """Sources are edited in the application: a changed cell of the Sources sheet is
        named as not imported (compared with the record of the exported values)."""
        recorded = self.record.values.by_kind.get("source") if self.record else None
        if not recorded or "Sources" not in self.book.names or "Sources" not in self.columns:
            return  # exported without that record: nothing to compare with
        sheet = self.sheet("Sources", "source_id")
        if not sheet.ok:
            return
        keys = [c.key for c in self.columns["Sources"] if c.key != "source_id"]
        header = self.columns_by_key["Sources"]
        for row, uid, values in sheet.records():
            if not uid or f"{uid}\tcitation_key" not in recorded:
                self.diff.not_imported.append(
                    f"Sources!A{row}: a source row that was not exported; sources are added "
                    "in the application"
                )
                continue
            for key in keys:
                if not sheet.has(key) or f"{uid}\t{key}" not in recorded:
                    continue
                exported = typed_text(recorded[f"{uid}\t{key}"])
                theirs = typed_text(sheet.raw(values, key))
                if theirs.strip() != exported.strip() and not same_value(theirs, exported):
                    self.diff.not_imported.append(
                        f"Sources!{sheet.where(key, row)} ({header.get(key, key)}): "
                        "sources are edited in the application"
                    )

    def _derived_again(self, derived: DerivedEvidence, excerpts: dict[str, Any]) -> None:
        """The Evidence columns repeating the project's values, read in a second pass."""
        again = self.book.columns_again("Evidence", choose_derived)
        if again is None:  # not plain after all: read in full
            rows: Iterable[tuple[int, Sequence[Any]]] = itertools.islice(
                self.book.rows("Evidence"), 1, None
            )
            link_at = derived.sheet.map.index["link_id"]
        else:
            width = max(again.values) + 1
            columns = [again.values.get(i, repeat(None)) for i in range(width)]
            rows = zip(again.numbers, zip(*columns, strict=False), strict=False)
            link_at = again.link
        for row, values in rows:
            link = values[link_at] if link_at < len(values) else None
            if type(link) is not str or "|" not in link:
                continue
            excerpt = excerpts.get(link.split("|", 1)[0])
            if excerpt is not None:
                derived.add(row, link, excerpt, values)

    def _quotation(
        self, sheet: ReturnedSheet, excerpt: dict[str, Any], found: list[tuple[int, str]]
    ) -> None:
        """A quotation's edit, three-way against the digest the record keeps: the
        exported text itself is known when the project still holds it."""
        assert self.record is not None
        uid = excerpt["uid"]
        recorded = self.record.values.get(("excerpt", uid, "text_digest"))
        now = excerpt["text"]
        changed = {text for _, text in found if digest(text) != recorded}
        if len(changed) > 1:
            places = ", ".join(sheet.where("text", r) for r, t in found if t in changed)
            self.diff.problems.append(
                f"Evidence!{places}: the same excerpt was given different quotations "
                "on its rows; edit it once"
            )
            return
        if not changed:
            return
        text = changed.pop()
        row = next(r for r, t in found if t == text)
        held = cell_form(now).text
        if text == held:
            return
        if ("excerpt", uid, "text") in self.record.cut:
            sheet.problem(
                "text",
                row,
                "this text was shortened in the workbook (longer than a cell holds); "
                "edit it in the application, the workbook's copy is not imported",
            )
            return
        conflict = digest(held) != recorded
        self.add(
            CellChange(
                sheet.name,
                sheet.where("text", row),
                f"{self._excerpt_heading(excerpt['id'], uid)}: quotation",
                now,
                text,
                ("excerpt", excerpt["id"], "text"),
                exported=None if conflict else now,
                conflict=conflict,
                exported_known=not conflict,
            )
        )

    def _evidence(self, seen_cases: set[str]) -> None:
        sheet = self.sheet("Evidence", "link_id")
        if not sheet.ok:
            return
        if not sheet.has("excerpt_id"):
            self.diff.problems.append("Evidence: the Excerpt ID column is missing; not read")
            return
        fields = [(f, sheet.map.index[f]) for f in EXCERPT_EDITS if sheet.has(f)]
        exported_values = self.record.values.by_kind.get("excerpt", {}) if self.record else {}
        # The project's quotations are read only for excerpts whose cell differs from the
        # exported one, when the record holds them (they are the bulk of a project).
        digests = any(k.endswith("\ttext_digest") for k in itertools.islice(exported_values, 4))
        lazy_text = digests
        # A sheet still protected has its locked columns as exported; otherwise the cells
        # repeating what the application holds are compared, from the rows read or in a
        # second pass over the sheet when only the compared columns were read.
        protected = self.book.extents["Evidence"].protected
        wanted = ["id", "uid"] + ([] if protected else ["source_id", "evidence_type"])
        wanted += [f for f, _ in fields if not (f == "text" and lazy_text)]
        excerpts = {r["uid"]: r for r in self.store.excerpt_fields(wanted)}
        derived = DerivedEvidence(self, sheet)
        in_rows = not protected and "Evidence" not in self.book.fast
        excerpt_at = sheet.map.index["excerpt_id"]
        # An excerpt shows on one row per link: its edits count once, from any of its
        # rows. Only cells that differ from their exported value are kept (the fast path:
        # a plain text cell equal to what was exported is untouched).
        edits: dict[tuple[str, str], list[tuple[int, str]]] = {}
        reread: list[tuple[int, str]] = []  # (row, excerpt) of quotations read as digests
        seen_links = 0
        formulas = sheet.formulas
        for row, link, values in sheet.records():
            if not link:
                new_excerpt(self, sheet, row, values)
                continue
            seen_links += 1
            excerpt_uid = values[excerpt_at] if excerpt_at < len(values) else ""
            if type(excerpt_uid) is not str:
                excerpt_uid = typed_text(excerpt_uid)
            excerpt = excerpts.get(excerpt_uid.strip())
            if excerpt is None:
                self.diff.problems.append(
                    f"Evidence!{sheet.where('excerpt_id', row)}: unknown excerpt identifier "
                    f"{excerpt_uid!r}"
                )
                continue
            if not link.startswith(f"{excerpt['uid']}|"):
                sheet.problem(
                    "excerpt_id",
                    row,
                    f"the excerpt identifier was changed (the row's link ID names "
                    f"{link.split('|')[0]!r}); the row was not read",
                )
                continue
            if in_rows:
                derived.add(row, link, excerpt, values)
            uid = excerpt["uid"]
            for name, at in fields:
                value = values[at] if at < len(values) else ""
                if type(value) is Fingerprint:  # a quotation read as its digest
                    if value == exported_values.get(f"{uid}\ttext_digest"):
                        continue
                    if "text" not in excerpt:
                        excerpt["text"] = self.store.get("excerpt", {"id": excerpt["id"]})["text"]
                    if value != digest(cell_form(excerpt["text"] or "").text):
                        reread.append((row, uid))
                    continue
                if type(value) is str and "\r" not in value and not formulas:
                    if name == "text" and digests:
                        if digest(value) == exported_values.get(f"{uid}\ttext_digest"):
                            continue
                    elif value == exported_values.get(f"{uid}\t{name}", excerpt.get(name)):
                        continue
                ok, text = sheet.text(values, name, row, located=name == "locator")
                if ok and name == "text" and not text.strip():
                    sheet.problem(name, row, "a quotation cannot be empty; the excerpt was kept")
                elif ok:
                    edits.setdefault((excerpt["uid"], name), []).append((row, text))
        if not protected and not in_rows:
            self._derived_again(derived, excerpts)
        derived.finish()
        if reread:  # the changed quotations' texts, from their cells
            texts = self.book.cell_texts(
                "Evidence", sheet.map.index["text"], {r for r, _ in reread}
            )
            for row, uid in reread:
                text = texts.get(row, "")
                if not text.strip():
                    sheet.problem("text", row, "a quotation cannot be empty; the excerpt was kept")
                else:
                    edits.setdefault((uid, "text"), []).append((row, text))
        for (uid, name), found in edits.items():
            excerpt = excerpts[uid]
            key = ("excerpt", uid, name)
            if name not in excerpt:  # a quotation not read yet
                excerpt[name] = self.store.get("excerpt", {"id": excerpt["id"]})[name]
            if name == "text" and digests:
                self._quotation(sheet, excerpt, found)
                continue
            exported = self.record.values.get(key) if self.record else None
            if exported is None:
                exported = cell_form(excerpt[name] or "").text
            changed = {text for _, text in found if not same_value(text, exported)}
            if len(changed) > 1:
                places = ", ".join(
                    sheet.where(name, r) for r, t in found if not same_value(t, exported)
                )
                self.diff.problems.append(
                    f"Evidence!{places}: the same excerpt was given different "
                    f"{EXCERPT_EDITS[name]}s on its rows; edit it once"
                )
                continue
            if not changed:
                continue
            text = changed.pop()
            row = next(r for r, t in found if t == text)
            self.add(
                self.propose(
                    sheet,
                    name,
                    row,
                    key,
                    text,
                    excerpt[name],
                    f"{self._excerpt_heading(excerpt['id'], uid)}: {EXCERPT_EDITS[name]}",
                    ("excerpt", excerpt["id"], name),
                )
            )
        if self.record is not None and "Evidence" in self.record.rows:
            exported_links = self.record.rows["Evidence"]
        else:
            exported_links = sum(
                1 for _e, c, _m in self.store.evidence_link_keys() if c in seen_cases
            )
        deleted = exported_links - seen_links
        if deleted > 0 and seen_links:
            self.diff.notes.append(
                f"Evidence: {deleted} row(s) were deleted in the workbook; "
                "evidence links are not removed by an import"
            )
