"""Searching a project: user text to an FTS5 query, typed hits with highlighted snippets.

    result = search(project.store, "conditionality visa",
                    SearchFilters(power_type_id="compulsory"))

Words match in any order, accents and case ignored; the last word also matches
as a prefix while the user types; "quoted words" match as a phrase. Snippets mark
matches with \\x02 … \\x03; `snippet_parts` splits them for display without markup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from workbench.storage.search_index import SearchFilters
from workbench.storage.store import Store

__all__ = ["SearchFilters", "SearchHit", "SearchResult", "fts_query", "search", "snippet_parts"]

_TOKENS = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
START, END = "\x02", "\x03"
CONTEXT_WORDS = 14


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "excerpt" | "note" | "memo" | "summary"
    excerpt_id: int | None
    case_id: int | None
    power_type_id: str | None
    mechanism_id: str | None
    snippet: str


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0  # texts matching the words and the filters
    ranked: bool = True  # False: too many matches to rank; newest first

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, i: int) -> SearchHit:
        return self.hits[i]


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case and accents folded, as the index's tokenizer does."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def parse_terms(text: str) -> list[Term]:
    terms: list[Term] = []
    matches = list(_TOKENS.finditer(text))
    for i, match in enumerate(matches):
        phrase, bare = match.group(1), match.group(2)
        words = _WORD.findall(phrase if phrase is not None else bare)
        if not words:
            continue
        last = i == len(matches) - 1 and phrase is None and len(words) == 1
        terms.append(Term(tuple(words), last))
    return terms


def fts_query(text: str) -> str | None:
    """Safe FTS5 query from free text; None when it holds no searchable word."""
    parts = ['"' + " ".join(t.words) + '"' + ("*" if t.prefix else "") for t in parse_terms(text)]
    return " ".join(parts) if parts else None


def highlight(body: str, terms: list[Term]) -> str:
    """A window of `body` around the first match, matches wrapped in START/END."""
    exact = {fold(w) for t in terms for w in t.words if not t.prefix}
    prefixes = tuple(fold(w) for t in terms if t.prefix for w in t.words)
    words = list(_WORD.finditer(body))
    hits = []
    for i, m in enumerate(words):
        folded = fold(m.group())
        if folded in exact or (prefixes and folded.startswith(prefixes)):
            hits.append(i)
    if not words:
        return body[:200]
    first = hits[0] if hits else 0
    lo = max(0, first - CONTEXT_WORDS // 2)
    hi = min(len(words), lo + CONTEXT_WORDS * 2)
    start = words[lo].start() if lo else 0
    end = words[hi - 1].end() if hi < len(words) else len(body)
    marked, cursor = [], start
    for i in (h for h in hits if lo <= h < hi):
        m = words[i]
        marked += [body[cursor : m.start()], START, m.group(), END]
        cursor = m.end()
    marked.append(body[cursor:end])
    text = " ".join("".join(marked).split())
    return ("…" if start else "") + text + ("…" if end < len(body) else "")


def search(
    store: Store, text: str, filters: SearchFilters | None = None, limit: int = 200
) -> SearchResult:
    query = fts_query(text)
    if query is None:
        return SearchResult()
    terms = parse_terms(text)
    found = store.search(query, filters or SearchFilters(), limit)
    hits = [
        SearchHit(
            r["kind"],
            r["excerpt_id"],
            r["case_id"],
            r["power_type_id"],
            r["mechanism_id"],
            highlight(r["body"], terms),
        )
        for r in found["rows"]
    ]
    return SearchResult(hits, found["total"], found["ranked"])


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """[(text, is_match), ...] so that a view can emphasise matches without any markup."""
    out: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{START}{END}]", snippet)):
        if chunk:
            out.append((chunk, i % 2 == 1))
    return out
