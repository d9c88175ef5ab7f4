"""`read_references`: one entry point for every format, one error type for every failure."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from workbench.bibliography.bibtex import parse_bibtex
from workbench.bibliography.csljson import parse_csl_json
from workbench.bibliography.decoding import (
    DecodingError,
    decode,
    looks_binary,
    text_looks_binary,
)
from workbench.bibliography.model import ParseResult
from workbench.bibliography.ris import parse_ris
from workbench.errors import WorkbenchError

Progress = Callable[[int, int], None]
FORMATS = ("bibtex", "ris", "csl-json")
MAX_BYTES = 256 * 1024 * 1024
PARSERS = {"bibtex": parse_bibtex, "ris": parse_ris, "csl-json": parse_csl_json}
_EXTENSIONS = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".biblatex": "bibtex",
    ".ris": "ris",
    ".json": "csl-json",
    ".csljson": "csl-json",
}


class ReferenceImportError(WorkbenchError):
    """A reference file cannot be read at all (nothing could be imported from it)."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def detect_format(name: str, text: str) -> str | None:
    head = text.lstrip()[:4096]
    by_content = None
    if head.startswith(("[", "{")):
        by_content = "csl-json"
    elif re.search(r"^\s*TY {1,2}- ", text[:65536], re.MULTILINE):
        by_content = "ris"
    elif re.search(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", text[:65536], re.MULTILINE):
        by_content = "bibtex"
    return by_content or _EXTENSIONS.get(Path(name).suffix.lower())


def read_references(
    source: Path | str | bytes,
    *,
    name: str | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> ParseResult:
    """Parse a reference file. Raises only ReferenceImportError, and only when nothing
    can be read; bad entries are listed in `result.skipped` with line and reason."""
    label = name or (str(source) if not isinstance(source, bytes) else "(data)")
    try:
        return _read(source, label, fmt, encoding, progress)
    except ReferenceImportError:
        raise
    except (DecodingError, ValueError, RecursionError, MemoryError) as exc:
        raise ReferenceImportError(label, str(exc)) from exc
    except Exception as exc:
        raise ReferenceImportError(
            label, f"the file could not be read ({type(exc).__name__}: {exc})"
        ) from exc


def _read(
    source: Path | str | bytes,
    label: str,
    fmt: str | None,
    encoding: str | None,
    progress: Progress | None,
) -> ParseResult:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ReferenceImportError(label, "the file is larger than 256 MB")
            data = path.read_bytes()
        except FileNotFoundError:
            raise ReferenceImportError(label, "the file does not exist") from None
        except IsADirectoryError:
            raise ReferenceImportError(label, "this is a folder, not a file") from None
        except OSError as exc:
            raise ReferenceImportError(label, f"cannot be read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ReferenceImportError(label, "the file is empty")
    binary = ReferenceImportError(
        label, "this is a binary file, not a BibTeX, RIS or CSL-JSON text file"
    )
    if encoding is None and looks_binary(data):
        raise binary
    text, used, warnings = decode(data, encoding)
    if text_looks_binary(text):  # judged again once decoded, e.g. with the encoding given
        raise binary
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    kind = fmt or detect_format(label, text)
    if kind not in FORMATS:
        raise ReferenceImportError(
            label, "the file is not BibTeX, RIS or CSL-JSON (no @entry, TY line or JSON list)"
        )
    result = ParseResult(label, kind, used, warnings=list(warnings))
    PARSERS[kind](text, result, progress)
    if not result.references and not result.skipped:
        names = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}
        raise ReferenceImportError(
            label, f"no {names[kind]} records were found: the file is not BibTeX, RIS or CSL-JSON"
        )
    return result
