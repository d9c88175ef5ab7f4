"""Write tests/fixtures/project_v1.mpw: a project in schema version 1, as version 0.0 wrote it.

Kept so the upgrade path is tested against a real old file. The DDL below is the
historical version-1 schema; do not change it. Run only to recreate the fixture:

    python tools/make_v1_fixture.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.framework import load_framework  # noqa: E402

SCHEMA_V1 = """CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE power_type (
    id         TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    name       TEXT NOT NULL,
    row_dim    TEXT NOT NULL,
    column_dim TEXT NOT NULL,
    definition TEXT NOT NULL,
    position   INTEGER NOT NULL
);

CREATE TABLE mechanism (
    id            TEXT PRIMARY KEY,
    power_type_id TEXT NOT NULL REFERENCES power_type(id),
    label         TEXT NOT NULL,
    definition    TEXT NOT NULL,
    effect        TEXT NOT NULL CHECK (effect IN ('capacities', 'interests', 'identities')),
    custom        INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1)),
    position      INTEGER NOT NULL
);

CREATE TABLE study_case (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    short_label TEXT NOT NULL DEFAULT '',
    period      TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    created     TEXT NOT NULL,
    modified    TEXT NOT NULL
);

CREATE TABLE case_tag (
    case_id INTEGER NOT NULL REFERENCES study_case(id),
    tag     TEXT NOT NULL CHECK (length(trim(tag)) > 0),
    PRIMARY KEY (case_id, tag)
) WITHOUT ROWID;

CREATE TABLE case_gcm_objective (
    case_id   INTEGER NOT NULL REFERENCES study_case(id),
    objective INTEGER NOT NULL CHECK (objective BETWEEN 1 AND 23),
    PRIMARY KEY (case_id, objective)
) WITHOUT ROWID;

CREATE TABLE actor (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    category    TEXT NOT NULL,
    north_south TEXT NOT NULL
);

CREATE TABLE case_actor (
    case_id  INTEGER NOT NULL REFERENCES study_case(id),
    actor_id INTEGER NOT NULL REFERENCES actor(id),
    role     TEXT NOT NULL CHECK (role IN ('wielder', 'recipient')),
    PRIMARY KEY (case_id, actor_id, role)
) WITHOUT ROWID;
CREATE INDEX case_actor_actor ON case_actor(actor_id);

CREATE TABLE matrix_cell (
    case_id           INTEGER NOT NULL REFERENCES study_case(id),
    power_type_id     TEXT NOT NULL REFERENCES power_type(id),
    score             INTEGER CHECK (score BETWEEN 0 AND 4),
    confidence        TEXT CHECK (confidence IN ('low', 'medium', 'high')),
    memo              TEXT NOT NULL DEFAULT '',
    effect_capacities INTEGER CHECK (effect_capacities IN (0, 1)),
    effect_interests  INTEGER CHECK (effect_interests IN (0, 1)),
    effect_identities INTEGER CHECK (effect_identities IN (0, 1)),
    PRIMARY KEY (case_id, power_type_id)
) WITHOUT ROWID;

CREATE TABLE mechanism_coding (
    case_id      INTEGER NOT NULL REFERENCES study_case(id),
    mechanism_id TEXT NOT NULL REFERENCES mechanism(id),
    strength     INTEGER CHECK (strength BETWEEN 0 AND 4),
    memo         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, mechanism_id)
) WITHOUT ROWID;

CREATE TABLE source (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    citation_key TEXT NOT NULL UNIQUE CHECK (length(trim(citation_key)) > 0),
    doi          TEXT NOT NULL DEFAULT '',
    csl          TEXT NOT NULL,  -- CSL-JSON of the item (validated by the core)
    title        TEXT NOT NULL DEFAULT '',
    year         INTEGER,
    first_author TEXT NOT NULL DEFAULT '',
    created      TEXT NOT NULL,
    modified     TEXT NOT NULL
);
CREATE INDEX source_doi ON source(doi) WHERE doi <> '';

CREATE TABLE excerpt (
    id                   INTEGER PRIMARY KEY,
    uid                  TEXT NOT NULL UNIQUE,
    source_id            INTEGER NOT NULL REFERENCES source(id),
    text                 TEXT NOT NULL CHECK (length(trim(text)) > 0),
    locator              TEXT NOT NULL DEFAULT '',
    evidence_type        TEXT NOT NULL CHECK (evidence_type IN
        ('primary_document', 'secondary_literature', 'interview', 'media', 'dataset')),
    note                 TEXT NOT NULL DEFAULT '',
    created              TEXT NOT NULL,
    modified             TEXT NOT NULL
);
CREATE INDEX excerpt_source ON excerpt(source_id);

CREATE TABLE evidence_link (
    excerpt_id   INTEGER NOT NULL REFERENCES excerpt(id),
    case_id      INTEGER NOT NULL REFERENCES study_case(id),
    mechanism_id TEXT NOT NULL REFERENCES mechanism(id),
    PRIMARY KEY (excerpt_id, case_id, mechanism_id)
) WITHOUT ROWID;
CREATE INDEX evidence_link_case ON evidence_link(case_id, mechanism_id);
CREATE INDEX evidence_link_mechanism ON evidence_link(mechanism_id);"""


def main() -> None:
    target = ROOT / "tests" / "fixtures" / "project_v1.mpw"
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(str(target), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")
    for statement in SCHEMA_V1.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {0x4D505742}")
    conn.execute("PRAGMA user_version = 1")
    fw = load_framework()
    meta = {
        "name": "Version 1 fixture",
        "created": "2025-01-15T10:00:00+00:00",
        "app_version": "0.0.9",
        "framework": fw.to_json(),
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    for i, pt in enumerate(fw.power_types):
        conn.execute(
            "INSERT INTO power_type VALUES (?, ?, ?, ?, ?, ?, ?)",
            (pt.id, pt.label, pt.name, pt.row, pt.column, pt.definition, i),
        )
        for j, m in enumerate(pt.mechanisms):
            conn.execute(
                "INSERT INTO mechanism VALUES (?, ?, ?, ?, ?, 0, ?)",
                (m.id, pt.id, m.label, m.definition, m.effect, j),
            )
    stamp = "2025-01-15T10:00:00+00:00"
    cases = [
        (1, "v1-eu-turkey", "EU–Turkey statement", "EU–Turkey 2016", "2016–", "Europe"),
        (2, "v1-uk-rwanda", "UK–Rwanda partnership", "UK–Rwanda 2022", "2022–2024", "Africa"),
    ]
    for case in cases:
        conn.execute(
            "INSERT INTO study_case VALUES (?, ?, ?, ?, ?, ?, 'summary', ?, ?, ?)",
            (*case, case[0], stamp, stamp),
        )
        for k, pt in enumerate(fw.power_types):
            conn.execute(
                "INSERT INTO matrix_cell (case_id, power_type_id, score, memo) VALUES (?, ?, ?, ?)",
                (case[0], pt.id, (case[0] + k) % 5, f"memo {k}"),
            )
        conn.execute("INSERT INTO case_tag VALUES (?, 'externalization')", (case[0],))
        conn.execute("INSERT INTO case_gcm_objective VALUES (?, 21)", (case[0],))
    conn.execute(
        "INSERT INTO actor VALUES (1, 'a1', 'European Union', 'organization_regional', 'north')"
    )
    conn.execute("INSERT INTO case_actor VALUES (1, 1, 'wielder')")
    conn.execute(
        "INSERT INTO actor VALUES (2, 'a2', 'United Kingdom', 'state_destination', 'north')"
    )
    conn.execute("INSERT INTO case_actor VALUES (2, 2, 'wielder')")
    conn.execute("INSERT INTO mechanism_coding VALUES (1, 'political_conditionality', 3, 'm')")
    csl = {
        "type": "book",
        "title": "Weapons of mass migration",
        "author": [{"family": "Greenhill", "given": "Kelly M."}],
        "issued": {"date-parts": [[2010]]},
    }
    conn.execute(
        "INSERT INTO source VALUES (1, 's1', 'greenhill2010', '', ?, "
        "'Weapons of mass migration', 2010, 'Greenhill', ?, ?)",
        (json.dumps(csl), stamp, stamp),
    )
    for n in range(1, 4):
        conn.execute(
            "INSERT INTO excerpt VALUES (?, ?, 1, ?, ?, 'secondary_literature', '', ?, ?)",
            (n, f"e{n}", f"excerpt {n}", f"p. {n}", stamp, stamp),
        )
        conn.execute(
            "INSERT INTO evidence_link VALUES (?, ?, 'coercive_engineered_migration')",
            (n, 1 + n % 2),
        )
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
