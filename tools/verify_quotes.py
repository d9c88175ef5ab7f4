"""Check that every sample excerpt (and framework quotation) occurs verbatim in its source.

A quotation may elide with "[…]": each part must then occur, in order. Markdown
emphasis (asterisks) in the full text and line breaks are ignored; every other
character, quotation marks included, must match.

    python tools/verify_quotes.py --texts DIR [--samples DIR]

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

from workbench.resources import default_framework_path  # noqa: E402
from workbench.samples import load_samples  # noqa: E402

ELISION = "[…]"


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def occurs(quote: str, text: str) -> bool:
    position = 0
    for part in (normalize(p) for p in quote.split(ELISION)):
        if not part:
            continue
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--texts",
        default=os.environ.get("MPW_SOURCE_TEXTS"),
        help="folder holding the full texts the sources' `full_text` entries name",
    )
    parser.add_argument("--samples", type=Path, help="sample folder (default: the shipped one)")
    args = parser.parse_args(argv)
    if not args.texts:
        parser.error("give the folder of full texts with --texts (or MPW_SOURCE_TEXTS)")
    texts_dir = Path(args.texts)
    if not texts_dir.is_dir():
        print(f"folder of full texts not found: {texts_dir}", file=sys.stderr)
        return 1
    texts = {p.name: normalize(p.read_text(encoding="utf-8")) for p in texts_dir.glob("*.txt")}
    samples = load_samples(args.samples)
    text_of = {s["key"]: s.get("full_text") for s in samples.sources}
    failures, checked = [], 0
    for case in samples.cases:
        for i, excerpt in enumerate(case["excerpts"]):
            name = text_of.get(excerpt["source"])
            where = f"{case['_path'].name} excerpts[{i}]"
            if not name:
                failures.append(f"{where}: source {excerpt['source']} names no full text")
                continue
            if name not in texts:
                failures.append(f"{where}: full text {name} not found in {texts_dir}")
                continue
            checked += 1
            if not occurs(excerpt["text"], texts[name]):
                failures.append(f"{where}: not verbatim in {name}: {excerpt['text'][:70]!r}…")
    # The framework quotes the article that defines it: the sample source of that title.
    framework = json.loads(default_framework_path().read_text(encoding="utf-8"))
    title = framework["citation"]["title"]
    article = next(
        (s.get("full_text") for s in samples.sources if s["csl"].get("title") == title), None
    )
    core = texts.get(article or "", "")
    quotes = [("definition", framework["definition"]["quotation"])]
    quotes += [(f"power type {t['id']}", t["quotation"]) for t in framework["power_types"]]
    for where, quote in quotes:
        checked += 1
        if not occurs(quote, core):
            failures.append(f"framework {where}: not verbatim in {title!r}: {quote[:70]!r}")
    for line in failures:
        print(line)
    print(f"{checked - len(failures)} of {checked} quotations verbatim")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
