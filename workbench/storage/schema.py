"""The project file's schema: the current DDL and its identifying numbers.

A project is one SQLite file (extension .mpw). `PRAGMA application_id` marks
it as ours; `PRAGMA user_version` is the schema version, walked forward one
step at a time by `upgrades.py`. See docs/schema.md for a table-by-table
description.

No table cascades deletes: removing a case or a source with evidence has to be
done row by row by a command, which records what it removed so it can undo.
"""

from workbench.storage.schemas import CREATION_SCHEMAS, CURRENT_VERSION

APPLICATION_ID = 0x4D505742  # "MPWB"
FILE_SUFFIX = ".mpw"

SCHEMA_VERSION = CURRENT_VERSION
SCHEMA = CREATION_SCHEMAS[SCHEMA_VERSION]

# Tables whose rows commands may insert, update and delete, with their key columns.
# The store refuses any other table or column name, so no name from data reaches SQL.
KEYS: dict[str, tuple[str, ...]] = {
    "meta": ("key",),
    "power_type": ("id",),
    "mechanism": ("id",),
    "study_case": ("id",),
    "case_tag": ("case_id", "tag"),
    "case_gcm_objective": ("case_id", "objective"),
    "actor": ("id",),
    "case_actor": ("case_id", "actor_id", "role"),
    "matrix_cell": ("case_id", "power_type_id"),
    "mechanism_coding": ("case_id", "mechanism_id"),
    "mechanism_overlap": ("id",),
    "source": ("id",),
    "excerpt": ("id",),
    "evidence_link": ("excerpt_id", "case_id", "mechanism_id"),
    "vote": ("id",),
}

# Rows that can leave the project carry a stable GUID (RFC 4122, version 4), assigned by
# the store when a row is inserted and never changed: exchange formats and the merge of
# two researchers' projects name rows by it.
GUID_TABLES: tuple[str, ...] = (
    "study_case",
    "actor",
    "mechanism_overlap",
    "source",
    "excerpt",
    "vote",
)

__all__ = [
    "APPLICATION_ID",
    "CREATION_SCHEMAS",
    "FILE_SUFFIX",
    "GUID_TABLES",
    "KEYS",
    "SCHEMA",
    "SCHEMA_VERSION",
]
