"""Source counts and per-source excerpts on a project that has been used.

Closing a project runs `PRAGMA optimize`, which writes planner statistics. In a
typical project almost no excerpt has an underlying source, and with those
statistics SQLite answers `source_id = ? OR underlying_source_id = ?` by scanning
every excerpt: once per source in the source list. These tests run the store's
queries after ANALYZE and read the plans SQLite chose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.generate import generate
from workbench.project import Project
from workbench.storage.store import Store

FULL_SCAN = re.compile(r"^SCAN (e|excerpt)$")


@pytest.fixture
def used_store(tmp_path: Path):
    """A project analysed while no excerpt had an underlying source; then a few get one."""
    path = generate(tmp_path / "used.mpw", cases=6, excerpts=300, sources=20)
    project = Project.open(path, backup=False)
    store = project.store
    store.conn.execute("ANALYZE")
    with store.transaction():
        store.update("excerpt", {"id": 1}, {"underlying_source_id": 3})
        store.update("excerpt", {"id": 2}, {"underlying_source_id": 3})
        source_of_3 = store.get("excerpt", {"id": 3})["source_id"]
        store.update("excerpt", {"id": 3}, {"underlying_source_id": source_of_3})
    yield store
    project.close()


def expected_counts(store: Store) -> dict[int, int]:
    counts = {s["id"]: 0 for s in store.select("source")}
    for e in store.select("excerpt"):
        for source_id in {e["source_id"], e["underlying_source_id"]} - {None}:
            counts[source_id] += 1
    return counts


def plans(store: Store, action: Callable[[], object]) -> list[str]:
    """The query-plan lines of every statement the action runs."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        store.conn.set_trace_callback(None)
    lines = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            lines += [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    return lines


def test_each_source_counts_the_excerpts_quoting_or_relying_on_it_once(used_store):
    summaries = used_store.source_summaries()
    assert {s["id"]: s["excerpts"] for s in summaries} == expected_counts(used_store)
    assert len(summaries) == 20


def test_excerpts_for_a_source_include_those_relying_on_it_once_in_id_order(used_store):
    own = used_store.get("excerpt", {"id": 3})["source_id"]
    for source_id in (3, own):
        ids = [e["id"] for e in used_store.excerpts_for_source(source_id)]
        wanted = [
            e["id"]
            for e in used_store.select("excerpt", order_by=["id"])
            if source_id in (e["source_id"], e["underlying_source_id"])
        ]
        assert ids == wanted


def test_source_list_reads_the_excerpts_through_indexes_after_analyze(used_store):
    lines = plans(used_store, used_store.source_summaries)
    assert lines, "no statement traced"
    assert not [line for line in lines if FULL_SCAN.match(line)], lines


def test_excerpts_of_one_source_are_found_through_indexes_after_analyze(used_store):
    lines = plans(used_store, lambda: used_store.excerpts_for_source(3))
    assert not [line for line in lines if FULL_SCAN.match(line)], lines


def test_sources_of_cases_start_from_the_links_of_those_cases(used_store):
    every_case = [c["id"] for c in used_store.select("study_case")]
    lines = plans(used_store, lambda: used_store.sources_for_cases(every_case))
    assert not [line for line in lines if line.startswith(("SCAN e", "SCAN excerpt"))], lines
    found = {s["id"] for s in used_store.sources_for_cases(every_case)}
    linked = {
        e[column]
        for link in used_store.select("evidence_link")
        for e in [used_store.get("excerpt", {"id": link["excerpt_id"]})]
        for column in ("source_id", "underlying_source_id")
        if e[column] is not None
    }
    assert found == linked
