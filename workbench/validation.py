"""Small helpers to read JSON-like data and report the exact key that is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.errors import FrameworkError


class Reader:
    """Reads typed values out of nested dicts, naming file and key on failure."""

    def __init__(self, path: Path | str, error: type[FrameworkError] = FrameworkError) -> None:
        self.path = path
        self.error = error

    def fail(self, key: str, problem: str) -> FrameworkError:
        return self.error(self.path, key, problem)

    def get(self, obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
        full = f"{where}.{key}" if where else key
        if not isinstance(obj, dict):
            raise self.fail(where or "(top level)", "expected an object")
        if key not in obj:
            raise self.fail(full, "missing")
        value = obj[key]
        if kind is str and (not isinstance(value, str) or not value.strip()):
            raise self.fail(full, "expected a non-empty string")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(full, f"expected {names}, found {type(value).__name__}")
        return value

    def optional(self, obj: dict, key: str, kind: type, where: str, default: Any = None) -> Any:
        if key not in obj or obj[key] is None:
            return default
        return self.get(obj, key, kind, where)

    def items(self, obj: Any, key: str, where: str, min_len: int = 1) -> list:
        value = self.get(obj, key, list, where)
        if len(value) < min_len:
            raise self.fail(f"{where}.{key}" if where else key, f"needs at least {min_len} item(s)")
        return value
