"""CSL-JSON (Zotero's 'CSL JSON' export): a list of items, each with an id and a type."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from workbench.bibliography.model import ParsedReference, ParseResult, Skipped

Progress = Callable[[int, int], None]
NAME_ROLES = ("author", "editor", "translator", "container-author", "collection-editor")


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
        key = str(item.get("id") or item.get("citation-key") or "").strip()
        problem = _problem(item)
        if problem:
            result.skipped.append(Skipped(line, key, problem))
            continue
        csl = {k: v for k, v in item.items() if k not in ("id", "citation-key")}
        result.references.append(ParsedReference(key, csl, line))
        if progress and i % 500 == 0:
            progress(i, len(data))


def _problem(item: dict[str, Any]) -> str:
    if not isinstance(item.get("title"), str) or not item["title"].strip():
        return "the item has no title"
    if not isinstance(item.get("type", "document"), str):
        return "'type' must be a string"
    for role in NAME_ROLES:
        names = item.get(role)
        if names is not None and (
            not isinstance(names, list) or not all(isinstance(n, dict) for n in names)
        ):
            return f"'{role}' must be a list of name objects"
    for date in ("issued", "accessed"):
        value = item.get(date)
        if value is not None and not isinstance(value, dict):
            return f"'{date}' must be a date object"
    return ""


def _item_lines(text: str, count: int) -> list[int]:
    """Best-effort line of each top-level item: lines where an object opens at depth 1."""
    lines, depth, line, in_string, escaped = [], 0, 1, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            if ch == "{" and depth == 1:
                lines.append(line)
            depth += 1
        elif ch in "]}":
            depth -= 1
        if len(lines) >= count:
            break
    return lines
