"""A coder's judgements as {(case uid, variable): value}, for agreement statistics."""

from __future__ import annotations

from workbench.analysis.agreement import Key
from workbench.storage.store import Store


def project_codings(store: Store) -> dict[Key, int | None]:
    """Power-type scores ("score:<type>") and mechanism strengths ("strength:<mechanism>")."""
    uid = {r["id"]: r["uid"] for r in store.select("study_case")}
    out: dict[Key, int | None] = {}
    for cell in store.select("matrix_cell"):
        out[(uid[cell["case_id"]], f"score:{cell['power_type_id']}")] = cell["score"]
    for coding in store.select("mechanism_coding"):
        out[(uid[coding["case_id"]], f"strength:{coding['mechanism_id']}")] = coding["strength"]
    return out


GROUPS = [("Power-type scores", "score:"), ("Mechanism strengths", "strength:")]


def type_groups(power_types: list[str]) -> list[tuple[str, str]]:
    """Rows per power type (its score) after the two summary groups."""
    return GROUPS + [(f"Score: {t}", f"score:{t}") for t in power_types]
