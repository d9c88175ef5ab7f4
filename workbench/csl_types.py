"""Checking a CSL-JSON item field by field against CSL-JSON's types, before it is stored.

Every reference reader (BibTeX, RIS, CSL-JSON) passes its items through `check_item`
(`ParseResult.admit`), and every source written to a project through `storable_item`,
so nothing stored can later break a citation or an export. The rules:

- Text fields (title, publisher, container-title, DOI, …) hold a string. A number is
  written as text (a book titled 1984, an ISBN 9780801448454), except for a DOI: a DOI
  always holds a '/', so a number there is a broken export, not a DOI. A list holding
  exactly one string is that string; a list of ISSNs or ISBNs is joined with ", ".
- Number-or-text fields (volume, issue, page, edition, number, …) are stored as text.
- Name lists (author, editor, …) hold name objects whose parts are strings; a single
  name object is taken as a list of one.
- Dates are objects with `date-parts` of whole numbers in range (year, month, day),
  or `literal`/`raw` text; an ISO date string ("2020-05-01") becomes date-parts.
- Text that cannot be stored as UTF-8 (a lone UTF-16 surrogate) gets U+FFFD in its
  place, with a note naming the field.
- `null` means "no value": the field is left out.

Anything else (a publisher object, a name part that is a number, a year of 1e999, a
list of several titles) is a problem of that one item: it is reported with its line
and the field, and the rest of the file is imported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

NAME_FIELDS = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "executive-producer",
        "guest",
        "host",
        "interviewer",
        "illustrator",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)
DATE_FIELDS = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
NUMBER_OR_TEXT_FIELDS = frozenset(
    [
        "chapter-number",
        "citation-number",
        "collection-number",
        "edition",
        "first-reference-note-number",
        "issue",
        "locator",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "page",
        "page-first",
        "part-number",
        "printing-number",
        "supplement-number",
        "volume",
    ]
)
TEXT_FIELDS = frozenset(
    [
        "abstract",
        "annote",
        "archive",
        "archive_collection",
        "archive_location",
        "archive-place",
        "authority",
        "call-number",
        "citation-key",
        "citation-label",
        "collection-title",
        "container-title",
        "container-title-short",
        "dimensions",
        "division",
        "DOI",
        "event",
        "event-title",
        "event-place",
        "genre",
        "ISBN",
        "ISSN",
        "jurisdiction",
        "keyword",
        "language",
        "license",
        "medium",
        "note",
        "original-publisher",
        "original-publisher-place",
        "original-title",
        "part-title",
        "PMCID",
        "PMID",
        "publisher",
        "publisher-place",
        "references",
        "reviewed-genre",
        "reviewed-title",
        "scale",
        "section",
        "source",
        "status",
        "title",
        "title-short",
        "type",
        "URL",
        "version",
        "volume-title",
        "volume-title-short",
        "year-suffix",
        "journalAbbreviation",
        "shortTitle",
    ]
)
_KNOWN = NAME_FIELDS | DATE_FIELDS | NUMBER_OR_TEXT_FIELDS | TEXT_FIELDS
_JOINABLE = frozenset({"ISSN", "ISBN"})  # several identifiers of one work
_NAME_TEXT = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
_NAME_FLAGS = ("comma-suffix", "static-ordering", "parse-names")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_YEAR_LIMIT = 9999  # CSL's date-parts years; EDTF's longer years are not used in practice


class FieldProblem(ValueError):
    """One field's value does not have a CSL-JSON type and cannot be converted."""


@dataclass
class ItemCheck:
    item: dict[str, Any]  # the normalised item (fields with problems left out)
    problems: list[str] = field(default_factory=list)  # the item must not be stored
    notes: list[str] = field(default_factory=list)  # stored, but something was replaced


def _what(value: Any) -> str:
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, int):
        text = str(value)
        return f"the number {text if len(text) <= 20 else text[:17] + '...'}"
    if isinstance(value, float):
        if math.isnan(value):
            return "a value that is not a number (NaN)"
        return f"the number {value!r}" if math.isfinite(value) else "an infinite number"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _finite(value: int | float) -> bool:
    # whole numbers always are; math.isfinite would overflow on those beyond a float
    return isinstance(value, int) or math.isfinite(value)


class _Checker:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise FieldProblem(f"'{where}' must be text, not {_what(value)}")
        if not value.isascii() and _SURROGATE.search(value):  # isascii: the fast common case
            self.notes.append(
                f"'{where}' held a character that cannot be stored (a lone UTF-16 "
                "surrogate); it was replaced by \ufffd"
            )
            return _SURROGATE.sub("\ufffd", value)
        return value

    def number_as_text(self, value: Any, where: str) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, float):
            if not math.isfinite(value):
                raise FieldProblem(f"'{where}' must be text, not {_what(value)}")
            return str(int(value)) if value.is_integer() else repr(value)
        return self.text(value, where)

    def field_text(self, name: str, value: Any) -> str:
        if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
            if len(value) == 1:
                value = value[0]
            elif name in _JOINABLE and value:
                return ", ".join(self.number_as_text(v, name) for v in value)
        if name == "DOI" and _is_number(value):
            raise FieldProblem(
                f"'DOI' must be text like 10.1234/abcd, not {_what(value)} "
                "(a DOI written as a number has lost its '/')"
            )
        if name in TEXT_FIELDS or name in NUMBER_OR_TEXT_FIELDS:
            return self.number_as_text(value, name)
        return self.text(value, name)

    def names(self, role: str, value: Any) -> list[dict[str, Any]]:
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            raise FieldProblem(f"'{role}' must be a list of name objects, not {_what(value)}")
        out = []
        for i, name in enumerate(value, start=1):
            where = f"{role} {i}"
            if not isinstance(name, dict):
                raise FieldProblem(
                    f"'{role}' must be a list of name objects ({where} is {_what(name)})"
                )
            clean: dict[str, Any] = {}
            for part, part_value in name.items():
                key = self.text(part, f"{where} field name")
                if part_value is None:
                    continue
                if part in _NAME_TEXT:
                    clean[key] = self.text(part_value, f"{where} {part}")
                elif part in _NAME_FLAGS:
                    if not isinstance(part_value, (str, int, float)) or (
                        _is_number(part_value) and not _finite(part_value)
                    ):
                        raise FieldProblem(f"'{where} {part}' must be text, a number or a flag")
                    clean[key] = part_value
                else:
                    clean[key] = self.free(part_value, f"{where} {part}")
            if any(clean.get(p, "").strip() for p in _NAME_TEXT if isinstance(clean.get(p), str)):
                out.append(clean)
        return out

    def date_part(self, value: Any, where: str) -> int:
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,4}\s*", value):
            return int(value)
        if _is_number(value) and _finite(value) and float(value % 1) == 0:
            number = int(value)
            if abs(number) <= _YEAR_LIMIT:
                return number
            raise FieldProblem(f"'{where}' holds {_what(number)}, which is not a date")
        raise FieldProblem(f"'{where}' must hold whole numbers, not {_what(value)}")

    def date_range(self, parts: Any, where: str) -> list[int]:
        if not isinstance(parts, list) or len(parts) > 3:
            raise FieldProblem(f"'{where}' must be [year, month, day], not {_what(parts)}")
        numbers = [self.date_part(p, where) for p in parts if p not in ("", None)]
        # a month or day out of range is left out, the year kept (as reference managers do)
        if len(numbers) > 1 and not 1 <= numbers[1] <= 24:  # 13-24: CSL's seasons
            self.notes.append(f"'{where}' has month {numbers[1]}; only the year was kept")
            return numbers[:1]
        if len(numbers) > 2 and not 1 <= numbers[2] <= 31:
            self.notes.append(f"'{where}' has day {numbers[2]}; the day was left out")
            return numbers[:2]
        return numbers

    def date(self, name: str, value: Any) -> dict[str, Any] | None:
        if _is_number(value):
            value = {"date-parts": [[value]]}
        if isinstance(value, str):
            text = self.text(value, name).strip()
            match = _ISO_DATE.fullmatch(text)
            if not text:
                return None
            if not match:
                return {"raw": text}
            value = {"date-parts": [[g for g in match.groups() if g]]}
        if not isinstance(value, dict):
            raise FieldProblem(f"'{name}' must be a date object, not {_what(value)}")
        out: dict[str, Any] = {}
        for key, part in value.items():
            if part is None:
                continue
            if key == "date-parts":
                if (
                    isinstance(part, list)
                    and part
                    and all(_is_number(p) or isinstance(p, str) for p in part)
                ):
                    part = [part]  # [2020, 5] for [[2020, 5]]
                if not isinstance(part, list) or len(part) > 2:
                    raise FieldProblem(
                        f"'{name} date-parts' must be a list of one or two dates, not {_what(part)}"
                    )
                ranges = [self.date_range(p, f"{name} date-parts") for p in part]
                ranges = [r for r in ranges if r]
                if ranges:
                    out["date-parts"] = ranges
            elif key in ("literal", "raw"):
                out[key] = self.number_as_text(part, f"{name} {key}")
            elif key in ("season", "circa"):
                if not isinstance(part, (str, int, float)) or (
                    _is_number(part) and not _finite(part)
                ):
                    raise FieldProblem(f"'{name} {key}' must be text or a number")
                out[key] = part
            else:
                out[self.text(key, f"{name} field name")] = self.free(part, f"{name} {key}")
        return out or None

    def free(self, value: Any, where: str) -> Any:
        """A field CSL does not define: kept as it is, if it can be stored."""
        if isinstance(value, str):
            return self.text(value, where)
        if _is_number(value) and not _finite(value):
            raise FieldProblem(f"'{where}' holds {_what(value)}")
        if isinstance(value, list):
            return [self.free(v, where) for v in value]
        if isinstance(value, dict):
            return {
                self.text(k, f"{where} field name"): self.free(v, where) for k, v in value.items()
            }
        return value

    def item_field(self, name: str, value: Any) -> Any:
        if name == "type":  # one of CSL's type names: never a number
            return self.text(value, name).strip() or None
        if name in NAME_FIELDS:
            return self.names(name, value) or None
        if name in DATE_FIELDS:
            return self.date(name, value)
        if name == "categories":
            if not isinstance(value, list):
                value = [value]
            return [self.number_as_text(v, name) for v in value] or None
        if name == "custom":
            if not isinstance(value, dict):
                raise FieldProblem(f"'custom' must be an object, not {_what(value)}")
            return self.free(value, name)
        if name in TEXT_FIELDS or name in NUMBER_OR_TEXT_FIELDS:
            text = (
                self.text(value, name) if isinstance(value, str) else self.field_text(name, value)
            )
            return text if text.strip() else None
        return self.free(value, name)


def check_item(item: dict[str, Any]) -> ItemCheck:
    """Normalise one CSL-JSON item (without its id) and list what is wrong with it."""
    checker = _Checker()
    result = ItemCheck({})
    for name, value in item.items():
        if value is None:
            continue
        try:
            key = name if name in _KNOWN else checker.text(name, "field name")
            clean = checker.item_field(key, value)
        except FieldProblem as exc:
            result.problems.append(str(exc))
            continue
        if clean is not None:
            result.item[key] = clean
    title = result.item.get("title")
    if not any("'title'" in p for p in result.problems) and not (
        isinstance(title, str) and title.strip()
    ):
        if any(k != "type" and k in _KNOWN for k in result.item) or result.problems:
            # kept without one, as reference managers keep it: the rest is worth having
            checker.notes.insert(0, "the item has no title; it was imported without one")
        else:
            result.problems.insert(0, "the item has no title, author or other field of a reference")
    result.notes = checker.notes
    return result


def storable_item(item: dict[str, Any]) -> dict[str, Any]:
    """The item with every field that has no CSL-JSON type left out (for data already
    stored before items were checked, and for items built by code)."""
    return check_item(item).item
