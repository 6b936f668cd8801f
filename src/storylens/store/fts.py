"""User search terms made safe for SQLite FTS5.

FTS5's query language treats punctuation as syntax: `Pier-4` is read as
"column Pier minus 4" ("no such column: 4"), `U.S.` and `don't` are syntax errors.
People type such terms all the time, so every bare term that is not a plain word
is quoted as an FTS5 string (which FTS5 tokenizes like the indexed text: the
phrase "pier 4"). What stays syntax: "quoted phrases", AND / OR / NOT / NEAR,
parentheses, a trailing `*` for a prefix and `title:` / `text:` column filters.
"""

from __future__ import annotations

import re

from storylens.store.base import StoreError

OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
COLUMNS = ("title", "text")
_TOKEN = re.compile(r'"[^"]*(?:""[^"]*)*"|[()]|[^\s()"]+|"')
_PLAIN_TERM = re.compile(r"\w+\*?", re.UNICODE)
_WORD_CHARACTER = re.compile(r"\w", re.UNICODE)


class SearchQueryError(StoreError):
    """A search query FTS5 cannot run, even after quoting its terms."""


def fts_query(query: str) -> str:
    """The FTS5 MATCH expression for a user's query; `SearchQueryError` when nothing is left to search."""
    if not query.strip():
        raise SearchQueryError("empty search query: give one or more words to search for")
    parts: list[str] = []
    for token in _TOKEN.findall(query):
        if token == '"':
            raise SearchQueryError(f"unbalanced double quote in search query {query!r}: close the quoted phrase")
        parts.append(_safe_token(token))
    parts = [part for part in parts if part]
    if not any(part not in OPERATORS and part not in "()" for part in parts):
        raise SearchQueryError(f"search query {query!r} has no words to search for")
    return " ".join(parts)


def _safe_token(token: str) -> str:
    """One token as FTS5 syntax: operators, parentheses, phrases and plain words kept, other terms quoted."""
    if token in OPERATORS or token in "()" or token.startswith('"'):
        return token
    column, separator, term = token.partition(":")
    if separator and column.lower() in COLUMNS and term:
        inner = _safe_token(term)
        return f"{column.lower()}:{inner}" if inner else ""
    if _PLAIN_TERM.fullmatch(token):
        return token
    if not _WORD_CHARACTER.search(token):
        return ""  # only punctuation ("*", "-"): nothing FTS5 could match
    return '"' + token.replace('"', '""') + '"'
