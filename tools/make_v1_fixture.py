"""Write tests/fixtures/project_v1.mpw: a project in schema version 1, as version 0.0 wrote it.

Kept so the upgrade path is tested against a real old file; the DDL is the
frozen version-1 schema of workbench/storage/schemas/v1.py. Run only to recreate
the fixture:

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

# The historical version-1 schema, kept (never edited) beside the current one.
from workbench.storage.schemas.v1 import DDL as SCHEMA_V1  # noqa: E402


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
