"""Check that every sample excerpt (and framework quotation) occurs verbatim in its seed text.

A quotation may elide with "[…]": each part must then occur, in order. Markdown
emphasis (asterisks) in the seed and line breaks are ignored; every other
character, quotation marks included, must match.

    python tools/verify_quotes.py [--seeds DIR]

Exit status 0 when every quotation is found, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.samples import load_samples  # noqa: E402

ELISION = "[…]"


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def occurs(quote: str, seed: str) -> bool:
    position = 0
    for part in (normalize(p) for p in quote.split(ELISION)):
        if not part:
            continue
        found = seed.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("MPW_SEEDS", str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--seeds", default=default, help="folder of seed texts")
    args = parser.parse_args(argv)
    seeds_dir = Path(args.seeds)
    if not seeds_dir.is_dir():
        print(f"seed folder not found: {seeds_dir}", file=sys.stderr)
        return 1
    seeds = {p.name: normalize(p.read_text(encoding="utf-8")) for p in seeds_dir.glob("*.txt")}
    samples = load_samples()
    seed_of = {s["key"]: s.get("seed") for s in samples.sources}
    failures, checked = [], 0
    for case in samples.cases:
        for i, excerpt in enumerate(case["excerpts"]):
            seed_name = seed_of.get(excerpt["source"])
            where = f"{case['_path'].name} excerpts[{i}]"
            if not seed_name:
                failures.append(f"{where}: source {excerpt['source']} names no seed text")
                continue
            if seed_name not in seeds:
                failures.append(f"{where}: seed {seed_name} not found in {seeds_dir}")
                continue
            checked += 1
            if not occurs(excerpt["text"], seeds[seed_name]):
                failures.append(f"{where}: not verbatim in {seed_name}: {excerpt['text'][:70]!r}…")
    framework = json.loads((ROOT / "resources/frameworks/migration_power.json").read_text())
    core = seeds.get("000_1eec0ab4202b8c33.txt", "")
    quotes = [("definition", framework["definition"]["quotation"])]
    quotes += [(f"power type {t['id']}", t["quotation"]) for t in framework["power_types"]]
    for where, quote in quotes:
        checked += 1
        if not occurs(quote, core):
            failures.append(f"framework {where}: not verbatim in the core article: {quote[:70]!r}")
    for line in failures:
        print(line)
    print(f"{checked - len(failures)} of {checked} quotations verbatim")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
