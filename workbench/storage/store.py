"""The store: the one module that speaks SQL to a project file.

Everything above it (commands, project, import/export) works with plain
dicts and dataclasses. Table and column names are checked against the live
schema, so no name that comes from data is ever spliced into SQL.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from workbench.errors import DamagedProjectError, WorkbenchError
from workbench.storage import search_index
from workbench.storage.connection import connect
from workbench.storage.schema import KEYS

Row = dict[str, Any]

# Almost every excerpt has no underlying source, so ANALYZE records that an equality
# on this column matches every row, and the planner then prefers a full scan: name the
# index wherever the column is searched (SQLite raises an error if it cannot be used).
_BY_UNDERLYING = "INDEXED BY excerpt_underlying"


def new_guid() -> str:
    """A stable identifier for a row that can leave the project: RFC 4122 version 4, in
    its canonical lowercase form."""
    return str(uuid.uuid4())


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A connection to one project file plus typed and generic row operations."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._in_transaction = False
        self._columns = self._read_columns()
        self._remembered: dict[str, Any] = {}

    # --- connection and transactions ------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, immutable: bool = False) -> Store:
        conn = connect(path, readonly=readonly, immutable=immutable)
        try:
            return cls(conn, path, readonly)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close the connection; never raises (a full disk may refuse the courtesies)."""
        if not self.readonly:
            try:
                self.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # optimisation is a courtesy; a busy database may refuse it
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    @contextmanager
    def read_transaction(self) -> Iterator[Store]:
        """Reads that must agree with each other (counts, checks): one read transaction,
        so another process's commit in between cannot make them disagree."""
        if self._in_transaction:
            yield self
            return
        self.conn.execute("BEGIN")
        self._in_transaction = True
        try:
            yield self
        finally:
            self._in_transaction = False
            self.conn.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One user action: BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""
        if self._in_transaction:
            raise WorkbenchError("nested transactions are not supported")
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield self
        except BaseException:
            # SQLite has already rolled back after some errors (a full disk): a second
            # ROLLBACK would fail and hide the error that matters.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._in_transaction = False

    @property
    def in_transaction(self) -> bool:
        return self._in_transaction

    def remembered(self, name: str, load: Callable[[], Any]) -> Any:
        """A value derived from data that no command changes (the stored framework's
        labels), computed once per open file."""
        if name not in self._remembered:
            self._remembered[name] = load()
        return self._remembered[name]

    def _read_columns(self) -> dict[str, tuple[str, ...]]:
        columns = {}
        for table in KEYS:
            info = self.conn.execute(f"PRAGMA table_info({table})").fetchall()
            if info:
                columns[table] = tuple(r["name"] for r in info)
        found = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_ref'"
        ).fetchone()
        self._searchable = found is not None
        return columns

    def refresh_schema(self) -> None:
        self._columns = self._read_columns()

    # --- PRAGMAs ----------------------------------------------------------------

    def pragma(self, name: str) -> Any:
        if name not in {
            "application_id",
            "user_version",
            "journal_mode",
            "page_count",
            "page_size",
            "freelist_count",
            "foreign_keys",
        }:
            raise ValueError(name)
        return self.conn.execute(f"PRAGMA {name}").fetchone()[0]

    def set_user_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")

    def set_application_id(self, app_id: int) -> None:
        self.conn.execute(f"PRAGMA application_id = {int(app_id)}")

    def execute_script(self, script: str) -> None:
        """Run DDL from schema.py / upgrades.py inside the current transaction."""
        for statement in _split_sql(script):
            self.conn.execute(statement)

    # --- generic row operations ---------------------------------------------------

    def _check(self, table: str, names: Iterable[str]) -> None:
        cols = self._columns.get(table)
        if cols is None:
            raise ValueError(f"unknown table {table!r}")
        for name in names:
            if name not in cols:
                raise ValueError(f"unknown column {table}.{name}")

    def columns(self, table: str) -> tuple[str, ...]:
        return self._columns[table]

    def insert(self, table: str, values: Row) -> int:
        values = dict(values)
        cols = self._columns.get(table, ())
        stamp = now_iso()
        for stamp_col in ("created", "modified"):
            if stamp_col in cols and not values.get(stamp_col):
                values[stamp_col] = stamp
        if "guid" in cols and not values.get("guid"):
            values["guid"] = new_guid()
        self._check(table, values)
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(values.values())
        )
        rowid = cur.lastrowid
        if self._searchable and table in search_index.INDEXED:
            key = {k: values.get(k, rowid if k == "id" else None) for k in KEYS[table]}
            self._reindex(table, key)
        return rowid

    def insert_many(self, table: str, rows: Sequence[Row]) -> None:
        if not rows:
            return
        if "guid" in self._columns.get(table, ()):
            rows = [r if r.get("guid") else {**r, "guid": new_guid()} for r in rows]
        names = tuple(rows[0])
        self._check(table, names)
        marks = ", ".join("?" for _ in names)
        self.conn.executemany(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
            (tuple(r[n] for n in names) for r in rows),
        )
        if self._searchable and table in search_index.INDEXED:
            entries = []
            for r in rows:
                entries.extend(search_index.entries_for(self.conn, table, r))
            search_index.put_many(self.conn, entries)

    def update(self, table: str, key: Row, values: Row) -> int:
        values = dict(values)
        if "modified" in self._columns.get(table, ()) and "modified" not in values:
            values["modified"] = now_iso()
        self._check(table, list(key) + list(values))
        sets = ", ".join(f"{k} = ?" for k in values)
        where, params = _where(key)
        cur = self.conn.execute(
            f"UPDATE {table} SET {sets} WHERE {where}", (*values.values(), *params)
        )
        if self._searchable and search_index.INDEXED_COLUMNS.get(table, frozenset()) & set(values):
            self._reindex(table, key)
        return cur.rowcount

    def delete(self, table: str, where: Row) -> int:
        self._check(table, where)
        clause, params = _where(where)
        refs: list[str] = []
        if self._searchable and table in search_index.INDEXED:
            for row in self.select(table, where):
                refs.extend(search_index.refs_for(table, row))
        count = self.conn.execute(f"DELETE FROM {table} WHERE {clause}", params).rowcount
        search_index.remove(self.conn, refs)
        return count

    # --- full-text search -------------------------------------------------------------

    def _reindex(self, table: str, key: Row) -> None:
        entries = []
        for row in self.select(table, key):
            entries.extend(search_index.entries_for(self.conn, table, row))
        search_index.put(self.conn, entries)

    def rebuild_search_index(self) -> int:
        return search_index.rebuild(self.conn)

    def search(
        self, match: str, filters: search_index.SearchFilters, limit: int = 200
    ) -> dict[str, Any]:
        return search_index.search(self.conn, match, filters, limit)

    def search_problems(self) -> list[str]:
        return search_index.problems(self.conn) if self._searchable else []

    def select(
        self, table: str, where: Row | None = None, order_by: Sequence[str] = ()
    ) -> list[Row]:
        self._check(table, list(where or {}) + list(order_by))
        sql = f"SELECT * FROM {table}"
        params: tuple = ()
        if where:
            clause, params = _where(where)
            sql += f" WHERE {clause}"
        if order_by:
            sql += " ORDER BY " + ", ".join(order_by)
        return self._rows(sql, params)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [dict(r) for r in self.conn.execute(sql, params)]

    def get(self, table: str, key: Row) -> Row | None:
        rows = self.select(table, key)
        return rows[0] if rows else None

    def count(self, table: str, where: Row | None = None) -> int:
        self._check(table, where or {})
        sql = f"SELECT count(*) FROM {table}"
        params: tuple = ()
        if where:
            clause, params = _where(where)
            sql += f" WHERE {clause}"
        return self.conn.execute(sql, params).fetchone()[0]

    def next_id(self, table: str) -> int:
        self._check(table, ["id"])
        return self.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]

    # --- meta -----------------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- queries the views need -----------------------------------------------------

    def case_id_for(self, identifier: str) -> int | None:
        """The case a user names by its identifier ("C3", typed wherever a case is asked
        for) or by its GUID."""
        row = self.get("study_case", {"uid": identifier}) or self.get(
            "study_case", {"guid": identifier.strip().lower()}
        )
        return None if row is None else row["id"]

    def case_summaries(self) -> list[Row]:
        """Every case with its four scores, in list order: one query, no N+1."""
        rows = self.conn.execute(
            """
            SELECT c.id, c.uid, c.title, c.short_label, c.period, c.region, c.position,
                   (SELECT json_group_object(power_type_id, score)
                      FROM matrix_cell m WHERE m.case_id = c.id) AS scores,
                   (SELECT count(*) FROM evidence_link l WHERE l.case_id = c.id) AS links
              FROM study_case c
             ORDER BY c.position, c.id
            """
        ).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["scores"] = json.loads(d["scores"] or "{}")
            out.append(d)
        return out

    def case_summary(self, case_id: int) -> Row | None:
        for row in self.case_summaries_for([case_id]):
            return row
        return None

    def case_summaries_for(self, case_ids: Sequence[int]) -> list[Row]:
        marks = ", ".join("?" for _ in case_ids)
        rows = self.conn.execute(
            f"""
            SELECT c.id, c.uid, c.title, c.short_label, c.period, c.region, c.position,
                   (SELECT json_group_object(power_type_id, score)
                      FROM matrix_cell m WHERE m.case_id = c.id) AS scores,
                   (SELECT count(*) FROM evidence_link l WHERE l.case_id = c.id) AS links
              FROM study_case c WHERE c.id IN ({marks})
            """,
            tuple(case_ids),
        ).fetchall()
        return [{**dict(r), "scores": json.loads(r["scores"] or "{}")} for r in rows]

    def evidence_counts(self, case_id: int) -> dict[str, int]:
        """Number of excerpts linked to each mechanism of one case."""
        rows = self.conn.execute(
            "SELECT mechanism_id, count(*) FROM evidence_link WHERE case_id = ? "
            "GROUP BY mechanism_id",
            (case_id,),
        )
        return {m: n for m, n in rows}

    def excerpts_for_source(self, source_id: int) -> list[Row]:
        """Excerpts quoting a source or relying on it. Two index searches, not one OR:
        once ANALYZE has seen a mostly-NULL underlying_source_id, SQLite answers an OR
        over the two columns with a scan of every excerpt."""
        return self._rows(
            f"""
            SELECT * FROM excerpt WHERE source_id = ?
            UNION ALL
            SELECT * FROM excerpt {_BY_UNDERLYING}
             WHERE underlying_source_id = ? AND source_id <> ?
            ORDER BY id
            """,
            (source_id, source_id, source_id),
        )

    def links_for_excerpts(self, excerpt_ids: Sequence[int]) -> list[Row]:
        return self._rows_for_ids(
            "SELECT * FROM evidence_link WHERE excerpt_id IN ({marks})", list(excerpt_ids)
        )

    def _rows_for_ids(self, sql: str, ids: Sequence[int]) -> list[Row]:
        """`sql` with `{marks}` where the ids go, run 500 ids at a time (SQLite limits
        the variables of one statement)."""
        out: list[Row] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            out += self._rows(sql.format(marks=", ".join("?" for _ in chunk)), chunk)
        return out

    def source_summaries(self) -> list[Row]:
        """Every source with the number of excerpts quoting it or relying on it.

        One grouped pass over each excerpt index, added up here: a count with
        `source_id = s.id OR underlying_source_id = s.id` per source becomes a scan of
        every excerpt per source once ANALYZE statistics exist (minutes on 100k excerpts).
        """
        counts: dict[int, int] = dict(
            self.conn.execute("SELECT source_id, count(*) FROM excerpt GROUP BY source_id")
        )
        relied_on = self.conn.execute(
            f"""
            SELECT underlying_source_id, count(*) FROM excerpt {_BY_UNDERLYING}
             WHERE underlying_source_id IS NOT NULL AND underlying_source_id <> source_id
             GROUP BY underlying_source_id
            """
        )
        for source_id, n in relied_on:
            counts[source_id] = counts.get(source_id, 0) + n
        rows = self.conn.execute("SELECT * FROM source")  # ordered by their labels above
        return [{**dict(r), "excerpts": counts.get(r["id"], 0)} for r in rows]

    def evidence_rows(self, case_id: int, mechanism_ids: Sequence[str]) -> list[Row]:
        """Excerpts linked to some mechanisms of a case, with their sources, one row each."""
        marks = ", ".join("?" for _ in mechanism_ids) or "NULL"
        return self._rows(
            f"""
            SELECT e.*, s.citation_key, s.csl,
                   group_concat(l.mechanism_id) AS mechanisms
              FROM evidence_link l
              JOIN excerpt e ON e.id = l.excerpt_id
              JOIN source s ON s.id = e.source_id
             WHERE l.case_id = ? AND l.mechanism_id IN ({marks})
             GROUP BY e.id ORDER BY s.first_author COLLATE NOCASE, s.year, e.id
            """,
            (case_id, *mechanism_ids),
        )

    def iter_evidence_links(self) -> Iterator[sqlite3.Row]:
        """Every excerpt-to-mechanism link with its excerpt, case, mechanism and source,
        streamed (for exports of large projects)."""
        return self.conn.execute(
            """
            SELECT l.case_id, c.uid AS case_uid, c.title AS case_title,
                   c.short_label AS case_label, m.power_type_id, m.id AS mechanism_id,
                   m.label AS mechanism_label, e.uid AS excerpt_uid, e.text, e.locator,
                   e.evidence_type, e.note, s.citation_key
              FROM evidence_link l
              JOIN study_case c ON c.id = l.case_id
              JOIN mechanism m ON m.id = l.mechanism_id
              JOIN excerpt e ON e.id = l.excerpt_id
              JOIN source s ON s.id = e.source_id
             ORDER BY c.position, c.id, m.power_type_id, m.position, e.id
            """
        )

    def evidence_link_keys(self) -> list[tuple[str, str, str]]:
        """(excerpt uid, case uid, mechanism id) of every link: the workbook's link ids."""
        return self.conn.execute(
            """
            SELECT e.uid, c.uid, l.mechanism_id FROM evidence_link l
              JOIN excerpt e ON e.id = l.excerpt_id JOIN study_case c ON c.id = l.case_id
            """
        ).fetchall()

    def excerpt_fields(self, columns: Sequence[str]) -> list[Row]:
        """Some columns of every excerpt (the text itself can be large)."""
        self._check("excerpt", columns)
        return self._rows(f"SELECT {', '.join(columns)} FROM excerpt")

    def case_actor_rows(self) -> list[Row]:
        return self._rows(
            """
            SELECT ca.case_id, ca.role, a.name, a.category, a.north_south
              FROM case_actor ca JOIN actor a ON a.id = ca.actor_id
             ORDER BY ca.case_id, ca.role DESC, a.name
            """
        )

    def sources_for_cases(self, case_ids: Sequence[int]) -> list[Row]:
        """Sources quoted, or relied on, by evidence linked to any of these cases."""
        marks = ", ".join("?" for _ in case_ids) or "NULL"
        # CROSS JOIN keeps the links of these cases as the outer loop: with many cases
        # the planner would otherwise walk every excerpt and probe the links (8x slower).
        return self._rows(
            f"""
            SELECT * FROM source WHERE id IN (
                SELECT e.source_id FROM evidence_link l CROSS JOIN excerpt e
                    ON e.id = l.excerpt_id
                 WHERE l.case_id IN ({marks})
                UNION
                SELECT e.underlying_source_id FROM evidence_link l CROSS JOIN excerpt e
                    ON e.id = l.excerpt_id
                 WHERE l.case_id IN ({marks}) AND e.underlying_source_id IS NOT NULL)
            ORDER BY first_author, year, citation_key
            """,
            (*case_ids, *case_ids),
        )

    # --- small lookups for the read layer -----------------------------------------------

    def case_names(self) -> list[Row]:
        return self._rows(
            "SELECT id, uid, title, short_label FROM study_case ORDER BY position, id"
        )

    def source_choice_rows(self) -> list[Row]:
        """Sources for pickers (ordered by their labels above): no counts, so it stays
        cheap on large projects."""
        return self._rows("SELECT id, citation_key, title, csl FROM source")

    def same_author_year_sources(self, source_ids: Sequence[int]) -> list[Row]:
        """id and CSL of the sources that share their first author and year (0 and
        none both read "n.d.") with another source, where one of these is among them:
        the works whose citation labels need telling apart. One pass over the sources
        finds the shared pairs, so most projects read no CSL here at all."""
        ids = json.dumps(list(dict.fromkeys(source_ids)))
        return self._rows(
            """
                WITH shared AS (
                    SELECT first_author, ifnull(nullif(year, 0), -1) FROM source
                     GROUP BY first_author, ifnull(nullif(year, 0), -1) HAVING count(*) > 1
                    INTERSECT
                    SELECT first_author, ifnull(nullif(year, 0), -1) FROM source
                     WHERE id IN (SELECT value FROM json_each(?))
                )
                SELECT id, csl FROM source
                 WHERE (first_author, ifnull(nullif(year, 0), -1)) IN shared
                """,
            (ids,),
        )

    def excerpt_citation_rows(self, excerpt_ids: Sequence[int]) -> list[Row]:
        return self._rows_for_ids(
            """
            SELECT e.id, e.locator, e.source_id, s.citation_key, s.csl
              FROM excerpt e JOIN source s ON s.id = e.source_id
             WHERE e.id IN ({marks})
            """,
            list(dict.fromkeys(excerpt_ids)),
        )

    # --- whole-project tables for analysis (one query each, grouped in Python) ---------

    def all_matrix_cells(self) -> list[Row]:
        return self._rows("SELECT case_id, power_type_id, score, confidence FROM matrix_cell")

    def all_mechanism_codings(self) -> list[Row]:
        return self._rows("SELECT case_id, mechanism_id, strength FROM mechanism_coding")

    def all_evidence_counts(self) -> dict[tuple[int, str], int]:
        """Excerpts linked to each (case, mechanism): one grouped scan of the link index."""
        rows = self.conn.execute(
            "SELECT case_id, mechanism_id, count(*) FROM evidence_link "
            "GROUP BY case_id, mechanism_id"
        )
        return {(c, m): n for c, m, n in rows}

    def all_case_tags(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.conn.execute("SELECT case_id, tag FROM case_tag")]

    def counts(self) -> dict[str, int]:
        tables = {
            "cases": "study_case",
            "actors": "actor",
            "sources": "source",
            "excerpts": "excerpt",
            "evidence_links": "evidence_link",
            "mechanism_codings": "mechanism_coding",
            "custom_mechanisms": "mechanism",
        }
        out = {}
        for label, table in tables.items():
            sql = f"SELECT count(*) FROM {table}"
            if label == "custom_mechanisms":
                sql += " WHERE custom = 1"
            out[label] = self.conn.execute(sql).fetchone()[0]
        return out

    # --- checks -----------------------------------------------------------------

    def integrity_problems(self, quick: bool = False) -> list[str]:
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = [r[0] for r in self.conn.execute(f"PRAGMA {pragma}")]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        return [] if rows == ["ok"] else rows

    def foreign_key_problems(self) -> list[str]:
        return [
            f"{r[0]} row {r[1]} refers to a missing {r[2]} row"
            for r in self.conn.execute("PRAGMA foreign_key_check")
        ]

    def orphan_problems(self) -> list[str]:
        """Rows that are legal for SQLite but meaningless for a study."""
        problems = []
        missing_cells = self.conn.execute(
            """
            SELECT c.id, c.title, count(m.power_type_id)
              FROM study_case c LEFT JOIN matrix_cell m ON m.case_id = c.id
             GROUP BY c.id HAVING count(m.power_type_id) <> (SELECT count(*) FROM power_type)
            """
        ).fetchall()
        for case_id, title, n in missing_cells:
            problems.append(f"case {case_id} ({title}) has {n} matrix cells instead of 4")
        actors = self.conn.execute(
            "SELECT id, name FROM actor WHERE id NOT IN (SELECT actor_id FROM case_actor)"
        ).fetchall()
        for actor_id, name in actors:
            problems.append(f"actor {actor_id} ({name}) takes part in no case")
        mech = self.conn.execute(
            """
            SELECT l.excerpt_id, l.case_id, l.mechanism_id FROM evidence_link l
              JOIN mechanism m ON m.id = l.mechanism_id
             WHERE NOT EXISTS (SELECT 1 FROM power_type p WHERE p.id = m.power_type_id)
            """
        ).fetchall()
        for excerpt_id, case_id, mechanism_id in mech:
            problems.append(
                f"link of excerpt {excerpt_id} to case {case_id} names mechanism "
                f"{mechanism_id} of an unknown power type"
            )
        return problems

    def quick_check_or_raise(self) -> None:
        problems = self.integrity_problems(quick=True)
        if problems:
            raise DamagedProjectError(
                self.path, "the integrity check failed: " + "; ".join(problems[:3])
            )


def _where(key: Row) -> tuple[str, tuple]:
    parts, params = [], []
    for name, value in key.items():
        if value is None:
            parts.append(f"{name} IS NULL")
        else:
            parts.append(f"{name} = ?")
            params.append(value)
    return " AND ".join(parts), tuple(params)


def _split_sql(script: str) -> list[str]:
    statements, current = [], []
    for line in script.splitlines():
        current.append(line)
        if line.rstrip().endswith(";") and sqlite3.complete_statement("\n".join(current)):
            statements.append("\n".join(current))
            current = []
    tail = "\n".join(current).strip()
    if tail:
        statements.append(tail)
    return [s for s in statements if s.strip()]
