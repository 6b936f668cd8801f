"""Report values as people read them: times, dates, shortened text, plurals, and publication order.

The template filters and globals of the HTML report (and the web pages), plus the sort key every list of
articles in the report uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from storylens.report.charts import parse_published


def format_time(value: Any) -> str:
    """A publication time for people ("5 Mar 2024, 09:30 UTC"); unreadable values are shown as given."""
    if not value:
        return ""
    parsed = parse_published(str(value))
    if parsed is None:
        return str(value)
    has_clock = "T" in str(value) or " " in str(value).strip()
    if has_clock:
        return f"{parsed.day} {parsed:%b %Y, %H:%M} UTC"
    return f"{parsed.day} {parsed:%b %Y}"


def format_date(value: Any) -> str:
    """A date without the clock ("5 Mar 2024"), or the value as given."""
    parsed = parse_published(str(value)) if value else None
    return f"{parsed.day} {parsed:%b %Y}" if parsed else str(value or "")


def shorten(text: Any, limit: int) -> str:
    """Text cut to `limit` characters with an ellipsis, for tables and lists."""
    value = str(text or "")
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def visible_whitespace(text: Any) -> str:
    """Line breaks and tabs made visible ("↵", "⇥"), for showing removed snippets on one line."""
    return str(text or "").replace("\r\n", "\n").replace("\n", "↵ ").replace("\t", "⇥ ")


def plural(count: Any, noun: str) -> str:
    """ "1 quote", "3 quotes"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def published_key(article: Mapping[str, Any]) -> tuple[datetime, str]:
    """Sort key for articles: publication time (unknown times last), then title."""
    return parse_published(article.get("published")) or datetime.max, str(article.get("title") or "")
