"""CSL-JSON (Zotero's 'CSL JSON' export): a list of items, each with an id and a type.
Every item is checked against CSL-JSON's types (`csl_types`) before it is accepted."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from workbench.bibliography.model import ParseResult, Skipped

Progress = Callable[[int, int], None]
_SURROGATE = re.compile("[\ud800-\udfff]")
_PINNED = re.compile(r"^\s*Citation Key:\s*(\S+)\s*$", re.MULTILINE | re.IGNORECASE)


def parse_csl_json(text: str, result: ParseResult, progress: Progress | None = None) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ValueError("a CSL-JSON file holds a list of items")
    result.record_starts = len(data)
    lines = _item_lines(text, len(data))
    for i, item in enumerate(data):
        line = lines[i] if i < len(lines) else 1
        if not isinstance(item, dict):
            result.skipped.append(Skipped(line, "", f"item {i + 1} is not an object"))
            continue
        # Better BibTeX and Zotero 7 give the citation key apart from Zotero's item address;
        # Zotero 6 leaves a pinned key in the note ("Citation Key: …", from the Extra field)
        key = (
            _key(item.get("citation-key")) or _pinned_key(item.get("note")) or _key(item.get("id"))
        )
        csl = {k: v for k, v in item.items() if k not in ("id", "citation-key")}
        result.admit(key, csl, line, where=f"item {i + 1}")
        if progress and i % 500 == 0:
            progress(i, len(data))


def _pinned_key(note: Any) -> str:
    found = _PINNED.search(note) if isinstance(note, str) else None
    return _key(found.group(1)) if found else ""


def _key(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    return _SURROGATE.sub("", str(value)).strip()


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')  # strings skipped whole (valid JSON)


def _item_lines(text: str, count: int) -> list[int]:
    """Line of each top-level item: lines where an object opens at depth 1."""
    lines: list[int] = []
    depth, line, position = 0, 1, 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            if token == "{" and depth == 1:
                line += text.count("\n", position, match.start())  # counted once, incrementally
                position = match.start()
                lines.append(line)
                if len(lines) >= count:
                    break
            depth += 1
        elif token in "]}":
            depth -= 1
    return lines
