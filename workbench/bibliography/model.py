"""What reading a reference file produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.csl_types import check_item


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

    def admit(self, key: str, csl: dict[str, Any], line: int, where: str = "") -> bool:
        """Check a reader's item against CSL-JSON's types: add it to the references, or
        to the skipped with the reason (`where` says which item, e.g. 'item 3')."""
        checked = check_item(csl)
        prefix = f"{where}: " if where else ""
        if checked.problems:
            self.skipped.append(Skipped(line, key, prefix + "; ".join(checked.problems)))
            return False
        who = f" ({key})" if key else ""
        self.warnings.extend(f"line {line}{who}: {prefix}{note}" for note in checked.notes)
        self.references.append(ParsedReference(key, checked.item, line))
        return True
