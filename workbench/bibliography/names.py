"""Names and dates shared by the BibTeX and RIS readers."""

from __future__ import annotations

import re
from typing import Any

from workbench.csl import is_et_al_name

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
_DATE = re.compile(r"(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?")


def month_number(value: Any) -> int | None:
    if isinstance(value, int):
        return value if 1 <= value <= 12 else None
    text = str(value or "").strip().lower().rstrip(".")
    if text.isdigit():
        n = int(text)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(text)


def date_parts(text: str, month: Any = None) -> dict[str, Any] | None:
    """'2020', '2020-05-01', '2010/05/01/', '2019/2020' -> CSL date; None if no year."""
    match = _DATE.search(str(text or ""))
    if not match:
        return None
    parts = [int(match.group(1))]
    m = int(match.group(2)) if match.group(2) else month_number(month)
    if m and 1 <= m <= 12:
        parts.append(m)
        if match.group(3) and 1 <= int(match.group(3)) <= 31:
            parts.append(int(match.group(3)))
    return {"date-parts": [parts]}


# 'F.', 'F.B.', 'J.-P.', 'Ş.': initials as Scopus writes them after the family name
_INITIALS = re.compile(r"(?:\w\.-?)+", re.UNICODE)


SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "jnr", "snr"])


def is_suffix(text: str) -> bool:
    return text.strip().casefold() in SUFFIXES


def is_et_al(text: str) -> bool:
    """'others' (BibTeX's and others), 'et al.': a mark that the list goes on, no name."""
    return is_et_al_name({"family": text})


def family_parts(family: str) -> dict[str, str]:
    """'van der Berg' -> particle 'van der' and family 'Berg'; 'Hernando de Larramendi'
    stays one family name: only lower-case words before it are a particle."""
    words = family.split()
    lead = 0
    while lead < len(words) - 1 and words[-1][:1].isupper() and words[lead][:1].islower():
        lead += 1
    if lead:
        return {"family": " ".join(words[lead:]), "non-dropping-particle": " ".join(words[:lead])}
    return {"family": family}


def split_name(text: str) -> dict[str, str]:
    """'Family, Given', 'Family, Given, Jr.' (or BibTeX's 'Family, Jr., Given'),
    'Family F.B.' (Scopus) or 'Given Family' -> CSL name; 'van der Berg, Jan' keeps its
    particle apart; an organisation, or '{Name, in braces}', stays literal."""
    text = " ".join(text.split())
    if not text:
        return {}
    if text.startswith("{") and text.endswith("}") and text.count("{") == 1:
        return {"literal": text[1:-1].strip()}
    if "," in text:
        family, *rest = (p.strip() for p in text.split(","))
        rest = [p for p in rest if p]
        given, suffix = (rest[0] if rest else ""), ", ".join(rest[1:])
        if len(rest) >= 2 and is_suffix(rest[0]) and not is_suffix(rest[1]):
            given, suffix = ", ".join(rest[1:]), rest[0]  # BibTeX's order
        name = family_parts(family)
        if given:
            name["given"] = given
        if suffix:
            name["suffix"] = suffix
        return name
    parts = text.split(" ")
    if len(parts) == 1:
        return {"literal": text}
    initials = 0
    while initials < len(parts) - 1 and _INITIALS.fullmatch(parts[-1 - initials]):
        initials += 1
    if initials and not _INITIALS.fullmatch(parts[0]):
        return {"family": " ".join(parts[:-initials]), "given": " ".join(parts[-initials:])}
    # 'Jan van der Berg': the lower-case words before the family name are its particle
    particle = 0
    while (
        parts[-1][:1].isupper() and particle < len(parts) - 1 and parts[-2 - particle][:1].islower()
    ):
        particle += 1
    name = {"family": parts[-1]}
    if len(parts) - 1 - particle:
        name["given"] = " ".join(parts[: len(parts) - 1 - particle])
    if particle:
        name["non-dropping-particle"] = " ".join(parts[-1 - particle : -1])
    return name
