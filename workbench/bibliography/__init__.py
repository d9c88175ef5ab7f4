"""Reading references from BibTeX/BibLaTeX, RIS and CSL-JSON files, and writing them back.

Well-kept parsers do the parsing (bibtexparser v2, rispy, the json module);
this package handles what they get wrong or leave open: encodings and byte-order
marks, records they drop silently, a last RIS record without `ER`, LaTeX in
fields, and turning every entry into a CSL-JSON item. One bad entry never fails
the whole file: it is reported with its line and the reason.
"""

from workbench.bibliography.model import ParsedReference, ParseResult, Skipped
from workbench.bibliography.reader import ReferenceImportError, read_references

__all__ = ["ParseResult", "ParsedReference", "ReferenceImportError", "Skipped", "read_references"]
