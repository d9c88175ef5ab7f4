"""Quotations read as fingerprints: hashed from the cell's bytes when those are the text
as it is, they must equal the fingerprint of the decoded text, whatever the script."""

from __future__ import annotations

from workbench.excel.column_reader import _cell_pattern, _fingerprints
from workbench.excel.export_record import digest

TEXTS = ["Plain words.", "Ünïcödé – “quoted” 移民 🙂", "", "a &amp; b", " leading space"]


def _cells(texts: list[str]) -> bytes:
    out = []
    for row, text in enumerate(texts, start=2):
        raw = text.replace("&amp;", "&").replace("&", "&amp;").encode("utf-8")
        space = b' xml:space="preserve"' if text != text.strip() else b""
        out.append(b'<c r="G%d" s="4" t="inlineStr"><is><t%s>%s</t></is></c>' % (row, space, raw))
    return b"".join(out)


def test_fingerprints_from_bytes_equal_those_of_the_texts() -> None:
    plain = TEXTS[:3]
    found = _cell_pattern("G").findall(_cells(plain))
    assert _fingerprints(found) == [digest(t) for t in plain]


def test_texts_with_entities_or_spaces_are_fingerprinted_as_decoded() -> None:
    found = _cell_pattern("G").findall(_cells(TEXTS))
    expected = [digest(t) for t in TEXTS[:3]] + [digest("a & b"), digest(" leading space")]
    assert _fingerprints(found) == expected
