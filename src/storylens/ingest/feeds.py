"""RSS 2.0, RSS 1.0 and Atom feeds: one article per item, full content when the feed carries it.

Items with `content:encoded` / Atom `<content>` give the full article; items with
only a summary are still read and marked `metadata["summary_only"] = True` so later
steps can weigh them. A feed with broken XML yields what could be parsed plus an
`ErrorRecord` naming the XML error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from storylens.ingest.html import fragment_text
from storylens.ingest.records import as_name, build_article, normalize_published
from storylens.model import Article, ErrorRecord


def read_feed(data: bytes, source: str) -> Iterator[Article | ErrorRecord]:
    """Articles of every feed item, then an ErrorRecord if the XML was not well-formed."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    channel = parsed.get("feed", {})
    outlet = as_name(channel.get("title"))
    language = as_name(channel.get("language"))
    for index, entry in enumerate(parsed.entries):
        yield entry_to_article(entry, f"{source}:item {index}", outlet, language)
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        if not parsed.entries:
            yield ErrorRecord(source, f"invalid feed XML, no items read: {problem}")
        elif "xml" in type(problem).__name__.lower() or "sax" in type(problem).__module__:
            yield ErrorRecord(source, f"invalid feed XML (read {len(parsed.entries)} items): {problem}")


def entry_to_article(entry: Any, source: str, outlet: str | None, language: str | None) -> Article | ErrorRecord:
    """One feed item; its full content if present, else its summary."""
    contents = entry.get("content") or []
    content_html = max((item.get("value", "") for item in contents), key=len, default="")
    summary_only = not content_html.strip()
    body_html = entry.get("summary", "") if summary_only else content_html
    text = fragment_text(body_html) if body_html.strip() else ""
    if not text.strip():
        return ErrorRecord(source, "no article text in feed item")
    item_language = as_name(entry.get("language")) or language
    metadata: dict[str, Any] = {"format": "feed", "summary_only": summary_only}
    tags = [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")]
    if tags:
        metadata["tags"] = tags
    return build_article(
        text,
        source,
        external_id=as_name(entry.get("id")),
        title=as_name(entry.get("title")),
        url=as_name(entry.get("link")),
        outlet=as_name(entry.get("source", {}).get("title")) or outlet,
        author=as_name(entry.get("author")),
        published=normalize_published(entry.get("published") or entry.get("updated"), item_language),
        language=item_language,
        metadata=metadata,
    )
