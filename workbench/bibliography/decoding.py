"""Bytes to text: byte-order marks, UTF-8, and a clear fallback for older files."""

from __future__ import annotations

import codecs

from workbench.errors import WorkbenchError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACK = "cp1252"  # Windows-1252: a superset of Latin-1's printable characters


class DecodingError(WorkbenchError):
    pass


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes fill one position of most byte pairs and
    (almost) never the other, as in text of Latin letters saved as UTF-16 without a BOM."""
    sample = data[:65536]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for nul, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nul >= pairs * 0.4 and other <= pairs * 0.02:
            try:  # incremental: a character cut at the end of the sample is not an error
                codecs.getincrementaldecoder(name)().decode(sample, final=False)
            except UnicodeDecodeError:
                return None
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16/32) or many control characters: not a text file."""
    sample = data[:65536]
    if any(sample.startswith(bom) for bom, name in BOMS if name != "utf-8-sig"):
        return False
    if utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    return text_looks_binary(sample.decode("latin-1"))


def text_looks_binary(text: str) -> bool:
    """Decoded text with NULs or many control characters."""
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\x0c\r")
    return controls > max(8, len(sample) // 100)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Return (text, encoding used, warnings). An explicit encoding is used as given."""
    warnings: list[str] = []
    if encoding:
        try:
            return data.decode(encoding), encoding, warnings
        except LookupError as exc:
            raise DecodingError(f"unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"the file is not valid {encoding} (byte {exc.start}: {exc.reason})"
            ) from exc
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name, warnings
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"the file starts like {name} but is not: {exc.reason}"
                ) from exc
    utf16 = utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, warnings
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"the file looks like {utf16} without a byte-order mark but is not: {exc.reason}"
            ) from exc
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        warnings.append(
            f"The file is not UTF-8 (first bad byte on line {line}); it was read as "
            "Windows-1252 / Latin-1. Choose another encoding if accents look wrong."
        )
        return data.decode(FALLBACK, errors="replace"), FALLBACK, warnings
