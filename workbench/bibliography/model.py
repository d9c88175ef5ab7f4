"""What reading a reference file produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ParsedReference:
    key: str
    csl: dict[str, Any]
    line: int  # 1-based line where the record starts


@dataclass(frozen=True)
class Skipped:
    line: int
    key: str
    reason: str

    def __str__(self) -> str:
        who = f" ({self.key})" if self.key else ""
        return f"line {self.line}{who}: {self.reason}"


@dataclass
class ParseResult:
    path: str
    format: str  # "bibtex" | "ris" | "csl-json"
    encoding: str
    references: list[ParsedReference] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    record_starts: int = 0
