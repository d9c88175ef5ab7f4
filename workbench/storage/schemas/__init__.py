"""The DDL of every schema version, one frozen module each.

A file of version N was created with `vN.DDL`, or with an older one and upgraded step by
step (`workbench/storage/upgrades.py`, each step with its own DDL). The schema check
derives the exact objects a file may hold from these two; neither is ever derived from
the live schema, so adding a table cannot change what an old file must hold.
"""

from workbench.storage.schemas import v1, v2, v3, v4, v5

CREATION_SCHEMAS: dict[int, str] = {1: v1.DDL, 2: v2.DDL, 3: v3.DDL, 4: v4.DDL, 5: v5.DDL}
CURRENT_VERSION = max(CREATION_SCHEMAS)
