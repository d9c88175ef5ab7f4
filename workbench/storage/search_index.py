"""The full-text index (FTS5) over excerpts, notes, memos and case summaries.

SQLite refuses FTS5 inside triggers when `trusted_schema` is off, so the store
calls this module after every write to an indexed table, inside the same
transaction: the index can never disagree with the data it was built from.
Each indexed text has a stable `ref` ("excerpt:12", "cell:3:compulsory"); its
row in `search_ref` carries the columns the search filters on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

INDEXED = ("excerpt", "study_case", "matrix_cell", "mechanism_coding")
# The columns whose text the index holds: an update touching none of them (a score,
# a strength) leaves the index as it is and costs no statement.
INDEXED_COLUMNS = {
    "excerpt": frozenset({"text", "note"}),
    "study_case": frozenset({"title", "summary"}),
    "matrix_cell": frozenset({"memo"}),
    "mechanism_coding": frozenset({"memo"}),
}
_CLEAN = str.maketrans({"\x02": " ", "\x03": " "})  # our highlight markers


@dataclass(frozen=True)
class Entry:
    ref: str
    kind: str
    body: str
    excerpt_id: int | None = None
    case_id: int | None = None
    power_type_id: str | None = None
    mechanism_id: str | None = None


@dataclass(frozen=True)
class SearchFilters:
    case_id: int | None = None
    power_type_id: str | None = None
    mechanism_id: str | None = None
    source_id: int | None = None
    evidence_type: str | None = None


def entries_for(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> list[Entry]:
    if table == "excerpt":
        return [
            Entry(f"excerpt:{row['id']}", "excerpt", row["text"], excerpt_id=row["id"]),
            Entry(f"note:{row['id']}", "note", row["note"], excerpt_id=row["id"]),
        ]
    if table == "study_case":
        body = f"{row['title']}\n{row['summary']}"
        return [Entry(f"case:{row['id']}", "summary", body, case_id=row["id"])]
    if table == "matrix_cell":
        return [
            Entry(
                f"cell:{row['case_id']}:{row['power_type_id']}",
                "memo",
                row["memo"],
                case_id=row["case_id"],
                power_type_id=row["power_type_id"],
            )
        ]
    if table == "mechanism_coding":
        found = conn.execute(
            "SELECT power_type_id FROM mechanism WHERE id = ?", (row["mechanism_id"],)
        ).fetchone()
        return [
            Entry(
                f"coding:{row['case_id']}:{row['mechanism_id']}",
                "memo",
                row["memo"],
                case_id=row["case_id"],
                power_type_id=found[0] if found else None,
                mechanism_id=row["mechanism_id"],
            )
        ]
    return []


def refs_for(table: str, key: dict[str, Any]) -> list[str]:
    if table == "excerpt":
        return [f"excerpt:{key['id']}", f"note:{key['id']}"]
    if table == "study_case":
        return [f"case:{key['id']}"]
    if table == "matrix_cell":
        return [f"cell:{key['case_id']}:{key['power_type_id']}"]
    if table == "mechanism_coding":
        return [f"coding:{key['case_id']}:{key['mechanism_id']}"]
    return []


def put(conn: sqlite3.Connection, entries: Iterable[Entry]) -> None:
    for e in entries:
        found = conn.execute("SELECT id FROM search_ref WHERE ref = ?", (e.ref,)).fetchone()
        if found:
            conn.execute("DELETE FROM search_index WHERE rowid = ?", (found[0],))
        body = (e.body or "").translate(_CLEAN)
        if not body.strip():
            if found:
                conn.execute("DELETE FROM search_ref WHERE id = ?", (found[0],))
            continue
        values = (e.kind, e.excerpt_id, e.case_id, e.power_type_id, e.mechanism_id)
        if found:
            rowid = found[0]
            conn.execute(
                "UPDATE search_ref SET kind = ?, excerpt_id = ?, case_id = ?, power_type_id = ?, "
                "mechanism_id = ? WHERE id = ?",
                (*values, rowid),
            )
        else:
            rowid = conn.execute(
                "INSERT INTO search_ref (ref, kind, excerpt_id, case_id, power_type_id, "
                "mechanism_id) VALUES (?, ?, ?, ?, ?, ?)",
                (e.ref, *values),
            ).lastrowid
        conn.execute("INSERT INTO search_index (rowid, body) VALUES (?, ?)", (rowid, body))


def remove(conn: sqlite3.Connection, refs: Iterable[str]) -> None:
    for ref in refs:
        found = conn.execute("SELECT id FROM search_ref WHERE ref = ?", (ref,)).fetchone()
        if found:
            conn.execute("DELETE FROM search_index WHERE rowid = ?", (found[0],))
            conn.execute("DELETE FROM search_ref WHERE id = ?", (found[0],))


def put_many(conn: sqlite3.Connection, entries: list[Entry]) -> None:
    """Bulk indexing of rows known to be new (sample building, benchmarks, rebuild)."""
    start = conn.execute("SELECT coalesce(max(id), 0) FROM search_ref").fetchone()[0]
    refs, bodies = [], []
    for e in entries:
        body = (e.body or "").translate(_CLEAN)
        if not body.strip():
            continue
        start += 1
        refs.append(
            (start, e.ref, e.kind, e.excerpt_id, e.case_id, e.power_type_id, e.mechanism_id)
        )
        bodies.append((start, body))
    conn.executemany("INSERT INTO search_ref VALUES (?, ?, ?, ?, ?, ?, ?)", refs)
    conn.executemany("INSERT INTO search_index (rowid, body) VALUES (?, ?)", bodies)


def rebuild(conn: sqlite3.Connection) -> int:
    conn.execute("DELETE FROM search_index")
    conn.execute("DELETE FROM search_ref")
    entries: list[Entry] = []
    for table in INDEXED:
        for row in conn.execute(f"SELECT * FROM {table}"):
            entries.extend(entries_for(conn, table, dict(row)))
    put_many(conn, entries)
    return len(entries)


def problems(conn: sqlite3.Connection) -> list[str]:
    """Read-only consistency checks of the index against the rows it indexes."""
    out = []
    try:
        refs = conn.execute("SELECT count(*) FROM search_ref").fetchone()[0]
        docs = conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
        excerpts = conn.execute("SELECT count(*) FROM excerpt WHERE trim(text) <> ''").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM search_ref WHERE kind = 'excerpt'").fetchone()[
            0
        ]
    except sqlite3.DatabaseError as exc:
        return [f"search index: {exc}"]
    if refs != docs:
        out.append(f"the search index has {docs} documents for {refs} references")
    if excerpts != indexed:
        out.append(f"{excerpts} excerpts but {indexed} indexed for search")
    return out


RANK_LIMIT = 5000  # above this many matches, bm25 ranking costs more than it helps


def _row_filter(f: SearchFilters) -> tuple[str, list[Any]]:
    """A per-row condition on `r` (search_ref), checked as the index is walked."""
    link, link_params = [], []
    rows, row_params = ["r.excerpt_id IS NULL"], []
    for value, link_sql, row_sql in (
        (f.case_id, "l.case_id = ?", "r.case_id = ?"),
        (f.power_type_id, "m.power_type_id = ?", "r.power_type_id = ?"),
        (f.mechanism_id, "l.mechanism_id = ?", "r.mechanism_id = ?"),
    ):
        if value is not None and value != "":
            link.append(link_sql)
            link_params.append(value)
            rows.append(row_sql)
            row_params.append(value)
    excerpt, params = ["r.excerpt_id IS NOT NULL"], []
    if link:
        excerpt.append(
            "EXISTS (SELECT 1 FROM evidence_link l JOIN mechanism m ON m.id = l.mechanism_id "
            f"WHERE l.excerpt_id = r.excerpt_id AND {' AND '.join(link)})"
        )
        params += link_params
    own, own_params = [], []
    if f.source_id is not None:
        own.append("(e.source_id = ? OR e.underlying_source_id = ?)")
        own_params += [f.source_id, f.source_id]
    if f.evidence_type:
        own.append("e.evidence_type = ?")
        own_params.append(f.evidence_type)
    if own:
        excerpt.append(
            f"EXISTS (SELECT 1 FROM excerpt e WHERE e.id = r.excerpt_id AND {' AND '.join(own)})"
        )
        params += own_params
        return " AND ".join(excerpt), params  # only excerpts and notes can match
    if len(excerpt) == 1 and len(rows) == 1:
        return "1", []
    return (f"(({' AND '.join(excerpt)}) OR ({' AND '.join(rows)}))", params + row_params)


def _candidates(f: SearchFilters) -> tuple[str, list[Any]]:
    """search_ref ids the filters allow, as a subquery (fast when they are selective)."""
    link, link_params = [], []
    for value, sql in (
        (f.case_id, "l.case_id = ?"),
        (f.power_type_id, "m.power_type_id = ?"),
        (f.mechanism_id, "l.mechanism_id = ?"),
    ):
        if value is not None and value != "":
            link.append(sql)
            link_params.append(value)
    parts, params = [], []
    if link:
        parts.append(
            "excerpt_id IN (SELECT l.excerpt_id FROM evidence_link l JOIN mechanism m "
            f"ON m.id = l.mechanism_id WHERE {' AND '.join(link)})"
        )
        params += link_params
    if f.source_id is not None:
        parts.append(
            "excerpt_id IN (SELECT id FROM excerpt WHERE source_id = ? "
            "UNION SELECT id FROM excerpt WHERE underlying_source_id = ?)"
        )
        params += [f.source_id, f.source_id]
    if f.evidence_type:
        parts.append("excerpt_id IN (SELECT id FROM excerpt WHERE evidence_type = ?)")
        params.append(f.evidence_type)
    sql = f"SELECT id FROM search_ref WHERE {' AND '.join(parts)}"
    if f.source_id is None and not f.evidence_type and link:
        # memos and summaries carry their case and type themselves
        rows, row_params = ["excerpt_id IS NULL"], []
        if f.case_id is not None:
            rows.append("case_id = ?")
            row_params.append(f.case_id)
        if f.power_type_id:
            rows.append("power_type_id = ?")
            row_params.append(f.power_type_id)
        if f.mechanism_id:
            rows.append("mechanism_id = ?")
            row_params.append(f.mechanism_id)
        sql += f" UNION SELECT id FROM search_ref WHERE {' AND '.join(rows)}"
        params += row_params
    return sql, params


def search(
    conn: sqlite3.Connection, match: str, filters: SearchFilters, limit: int = 200
) -> dict[str, Any]:
    """Matching rows with their text. Up to RANK_LIMIT matches are ordered by relevance
    (bm25); beyond that, newest first, which stays fast for very common words."""
    total = conn.execute(
        "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (match,)
    ).fetchone()[0]
    if total == 0:
        return {"rows": [], "total": 0, "ranked": True}
    columns = "r.id, r.kind, r.ref, r.excerpt_id, r.case_id, r.power_type_id, r.mechanism_id"
    walk = f"SELECT {columns} FROM search_index JOIN search_ref r ON r.id = search_index.rowid"
    ranked = total <= RANK_LIMIT
    selective = filters.case_id is not None or filters.source_id is not None
    counted: int | None = None
    if not ranked and selective:
        # Few candidates: take them first and test each against the set of matches
        # (the unary + keeps the planner from walking every match instead).
        candidates, params = _candidates(filters)
        sql = (
            f"SELECT {columns} FROM search_ref r WHERE r.id IN ({candidates}) AND +r.id IN "
            "(SELECT rowid FROM search_index WHERE search_index MATCH ?) "
            "ORDER BY r.id DESC"
        )
        # all of them (a case's or a source's texts are few): their number is the count
        every = conn.execute(sql, [*params, match]).fetchall()
        counted = len(every)
        rows = every[:limit]
    else:
        condition, params = _row_filter(filters)
        order = "rank" if ranked else "search_index.rowid DESC"
        sql = f"{walk} WHERE search_index MATCH ? AND {condition} ORDER BY {order} LIMIT ?"
        rows = conn.execute(sql, [match, *params, limit]).fetchall()
    ids = [r[0] for r in rows]
    marks = ", ".join("?" * len(ids))
    found = conn.execute(f"SELECT rowid, body FROM search_index WHERE rowid IN ({marks})", ids)
    bodies = dict(found.fetchall())
    out = []
    for r in rows:
        d = dict(r)
        d["body"] = bodies.get(d["id"], "")
        out.append(d)
    if counted is not None:
        total = counted
    elif _filtered(filters) and len(rows) >= limit:
        total = _filtered_count(conn, match, filters, ranked)
    elif _filtered(filters):
        total = len(rows)  # every match the filters allow is shown
    return {"rows": out, "total": total, "ranked": ranked}


def _filtered(f: SearchFilters) -> bool:
    return any(
        v is not None and v != ""
        for v in (f.case_id, f.power_type_id, f.mechanism_id, f.source_id, f.evidence_type)
    )


def _filtered_count(
    conn: sqlite3.Connection, match: str, filters: SearchFilters, ranked: bool
) -> int:
    """How many texts match the words and the filters. Few matches (ranked): each is
    tested; many: the filters' candidates are tested against the set of matches."""
    if ranked:
        condition, params = _row_filter(filters)
        sql = (
            "SELECT count(*) FROM search_index JOIN search_ref r ON r.id = search_index.rowid "
            f"WHERE search_index MATCH ? AND {condition}"
        )
        return conn.execute(sql, [match, *params]).fetchone()[0]
    candidates, params = _candidates(filters)
    sql = (
        f"SELECT count(*) FROM search_ref r WHERE r.id IN ({candidates}) AND +r.id IN "
        "(SELECT rowid FROM search_index WHERE search_index MATCH ?)"
    )
    return conn.execute(sql, [*params, match]).fetchone()[0]
