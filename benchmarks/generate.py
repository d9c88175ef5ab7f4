"""Generate a large synthetic project: 500 cases, 100,000 excerpts, 2,000 sources.

    python benchmarks/generate.py OUT.mpw [--cases 500 --excerpts 100000 --sources 2000]
                                          [--fresh]

Rows are written in bulk through the store (one transaction), not command by
command: this is test data, not a user's history. No excerpt names an
underlying work, as in most real projects: the planner statistics then say that
column is always NULL, the case in which SQLite is most tempted to scan.

The project is then marked as used (`mark_used`): SQLite's planner statistics
are written, as `PRAGMA optimize` writes them when a user closes a project.
A project never opened before plans its queries without statistics, and some
queries that are fast then are slow for every user afterwards; `--fresh` skips
this to compare.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.csl import source_row  # noqa: E402
from workbench.project import Project  # noqa: E402
from workbench.storage.store import now_iso  # noqa: E402

WORDS = [
    "migration",
    "power",
    "border",
    "deterrence",
    "containment",
    "funding",
    "capacity",
    "state",
    "refugee",
    "asylum",
    "readmission",
    "conditionality",
    "visa",
    "agreement",
    "partnership",
    "regime",
    "regional",
    "bilateral",
    "diaspora",
    "categorization",
    "securitization",
    "crisis",
    "norm",
    "diffusion",
    "contestation",
    "transit",
    "destination",
    "sending",
    "cooperation",
    "externalization",
    "return",
    "detention",
    "protection",
    "mobility",
    "labour",
    "governance",
    "compact",
    "objective",
    "international",
    "organization",
    "ministry",
    "interior",
    "coastguard",
]
EVIDENCE = ("primary_document", "secondary_literature", "interview", "media", "dataset")
REGIONS = (
    "Europe",
    "North Africa",
    "Sahel",
    "Middle East",
    "South-east Asia",
    "Oceania",
    "South America",
    "Central America",
    "East Africa",
    "Global",
)


def _text(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def generate(
    path: Path, cases: int = 500, excerpts: int = 100_000, sources: int = 2000, seed: int = 1
) -> Path:
    rng = random.Random(seed)
    project = Project.create(path, name=f"Benchmark ({cases} cases, {excerpts} excerpts)")
    store = project.store
    framework = project.framework
    types = [pt.id for pt in framework.power_types]
    mechanisms = [m.id for m in framework.mechanisms]
    stamp = now_iso()
    with store.transaction():
        store.insert_many(
            "study_case",
            [
                {
                    "id": i,
                    "uid": f"bench-{i}",
                    "title": f"Case {i}: {_text(rng, 3, 6)}",
                    "short_label": f"C{i}",
                    "period": f"{rng.randint(1990, 2024)}–",
                    "region": rng.choice(REGIONS),
                    "summary": _text(rng, 40, 120),
                    "position": i,
                    "created": stamp,
                    "modified": stamp,
                }
                for i in range(1, cases + 1)
            ],
        )
        store.insert_many(
            "matrix_cell",
            [
                {
                    "case_id": i,
                    "power_type_id": t,
                    "score": rng.randint(0, 4),
                    "confidence": rng.choice(("low", "medium", "high")),
                    "memo": _text(rng, 10, 40),
                }
                for i in range(1, cases + 1)
                for t in types
            ],
        )
        store.insert_many(
            "mechanism_coding",
            [
                {"case_id": i, "mechanism_id": m, "strength": rng.randint(0, 4), "memo": ""}
                for i in range(1, cases + 1)
                for m in rng.sample(mechanisms, 5)
            ],
        )
        source_rows = []
        for i in range(1, sources + 1):
            csl = {
                "type": "article-journal",
                "title": _text(rng, 4, 10),
                "author": [{"family": f"Author{i}", "given": "A."}],
                "issued": {"date-parts": [[rng.randint(1980, 2025)]]},
                "container-title": "Journal of Synthetic Studies",
            }
            row = source_row(csl, f"author{i}", f"10.5555/bench.{i}")
            row.update(id=i, uid=f"src-{i}", created=stamp, modified=stamp)
            source_rows.append(row)
        store.insert_many("source", source_rows)
        batch: list[dict] = []
        links: list[dict] = []
        for i in range(1, excerpts + 1):
            batch.append(
                {
                    "id": i,
                    "uid": f"ex-{i}",
                    "source_id": rng.randint(1, sources),
                    "underlying_source_id": None,
                    "text": _text(rng, 25, 70),
                    "locator": f"p. {rng.randint(1, 400)}",
                    "evidence_type": rng.choice(EVIDENCE),
                    "note": _text(rng, 0, 12),
                    "created": stamp,
                    "modified": stamp,
                }
            )
            pairs = {
                (rng.randint(1, cases), rng.choice(mechanisms)) for _ in range(rng.randint(1, 2))
            }
            links.extend({"excerpt_id": i, "case_id": c, "mechanism_id": m} for c, m in pairs)
            if len(batch) == 10_000:
                store.insert_many("excerpt", batch)
                store.insert_many("evidence_link", links)
                batch, links = [], []
        store.insert_many("excerpt", batch)
        store.insert_many("evidence_link", links)
    project.close()
    return path


def mark_used(path: Path) -> Path:
    """Write the planner statistics a project has once it has been opened and closed."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--excerpts", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument(
        "--fresh", action="store_true", help="no planner statistics (a never-opened project)"
    )
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out} exists already")
    t = time.perf_counter()
    generate(args.out, args.cases, args.excerpts, args.sources)
    if not args.fresh:
        mark_used(args.out)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - t:.1f} s")
    print(json.dumps({"cases": args.cases, "excerpts": args.excerpts, "sources": args.sources}))


if __name__ == "__main__":
    main()
