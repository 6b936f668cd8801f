"""Article records as key/value data: JSON(L) lines, news-please / newspaper dumps, CSV rows, feed items.

Every dict-shaped input goes through `record_to_article`, so the same aliases
("maintext", "date_publish", "source_domain", ...) are understood by every reader,
and `build_article` is the one place an `Article` is assembled from read fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from storylens.ingest.dates import parse_date
from storylens.model import Article, ErrorRecord, article_id_for

# Article field -> keys accepted for it, in order of preference.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "body", "content", "article", "full_text", "article_text", "fulltext"),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "external_id": ("id", "_id", "guid", "uuid", "article_id", "doc_id"),
    "title": ("title", "headline", "title_page", "title_rss"),
    "url": ("url", "link", "canonical_url", "source_url", "uri"),
    "outlet": ("outlet", "source", "site", "publisher", "domain", "source_domain", "site_name", "sitename", "media"),
    "published": (
        "published",
        "date",
        "date_publish",
        "pubDate",
        "pubdate",
        "publish_date",
        "published_at",
        "datePublished",
        "publication_date",
        "date_published",
        "timestamp",
    ),
    "language": ("language", "lang", "language_code"),
    "author": ("author", "authors", "byline", "creator"),
}
# Keys whose presence says "this is a news-please or newspaper dump" (recorded as the format).
NEWS_PLEASE_KEYS = frozenset({"maintext", "date_publish", "source_domain", "title_page", "title_rss", "date_download"})
NEWSPAPER_KEYS = frozenset({"authors", "publish_date", "top_image", "meta_lang", "movies"})

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def normalize_text(text: str) -> str:
    """Unix newlines, no trailing spaces on lines, blank-line paragraph breaks collapsed to exactly one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _PARAGRAPH_BREAK.sub("\n\n", text).strip("\n")


def normalize_published(value: Any, language: str | None = None) -> str | None:
    """ISO 8601 from an ISO string, an RFC 822 date (feeds), a Unix timestamp or free text; timezone kept."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds are common in JSON exports
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    for parse in (_parse_iso, _parse_rfc822):
        parsed = parse(text)
        if parsed:
            return parsed
    try:
        return parse_date(text, language)
    except Exception:  # dateparser raises assorted errors on odd strings; a bad date never loses the article
        return None


def _parse_iso(text: str) -> str | None:
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _parse_rfc822(text: str) -> str | None:
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def first_value(record: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    """The first key of `keys` present with a non-empty value (case-insensitive), and its value."""
    lowered = {str(key).lower(): key for key in record}
    for key in keys:
        original = lowered.get(key.lower())
        if original is not None and record[original] not in (None, "", [], {}):
            return original, record[original]
    return None, None


def as_name(value: Any) -> str | None:
    """A display string from a string, a {"name": ...} object or a list of them ("A, B")."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        return as_name(value.get("name") or value.get("title") or value.get("id"))
    if isinstance(value, list | tuple):
        names = [name for name in (as_name(item) for item in value) if name]
        return ", ".join(names) or None
    text = " ".join(str(value).split())
    return text or None


def record_format(record: Mapping[str, Any]) -> str:
    """'news-please', 'newspaper' or 'record', from the keys a dump uses."""
    keys = {str(key) for key in record}
    if keys & NEWS_PLEASE_KEYS:
        return "news-please"
    if len(keys & NEWSPAPER_KEYS) >= 2:
        return "newspaper"
    return "record"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: Any, depth: int = 0) -> str | None:
    """The first lone surrogate (`"\\udc80"` in JSON) in a record's keys and values, escaped, or None.

    JSON may spell one, Python decodes it, but no UTF-8 text can hold it: hashing, storing or
    writing the article would fail, so the record is refused as a whole, naming the character.
    """
    if isinstance(value, str):
        found = _LONE_SURROGATE.search(value)
        return found.group().encode("unicode_escape").decode() if found else None
    if depth > 100:
        return None
    if isinstance(value, Mapping):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list | tuple):
        for item in value:
            found_in_item = lone_surrogate(item, depth + 1)
            if found_in_item:
                return found_in_item
    return None


def record_to_article(
    record: Mapping[str, Any],
    source: str,
    fmt: str,
    columns: Mapping[str, str] | None = None,
) -> Article | ErrorRecord:
    """Map one record to an Article; `columns` (field -> key) overrides the alias guessing.

    A record with only `html` is run through the HTML extractor; its metadata fills gaps.
    """
    if not isinstance(record, Mapping):
        return ErrorRecord(source, f"expected a JSON object, got {type(record).__name__}")
    surrogate = lone_surrogate(record)
    if surrogate is not None:
        return ErrorRecord(
            source, f"holds a lone surrogate {surrogate} (invalid Unicode): fix the export that wrote it; skipped"
        )
    used: set[str] = set()
    fields: dict[str, Any] = {}
    field_keys: dict[str, str] = {}
    for field_name, aliases in FIELD_ALIASES.items():
        keys = (columns[field_name],) if columns and field_name in columns else aliases
        key, value = first_value(record, keys)
        if key is not None:
            used.add(key)
            fields[field_name] = value
            field_keys[field_name] = str(key)
    metadata = {str(key): value for key, value in record.items() if key not in used}
    metadata["format"] = record_format(record) if fmt in ("json", "jsonl") else fmt
    if metadata["format"] == "record":
        metadata["format"] = fmt
    text = fields.get("text")
    if isinstance(text, list) and all(isinstance(part, str) for part in text):
        text = "\n\n".join(text)
    page = None
    if not (isinstance(text, str) and text.strip()) and isinstance(fields.get("html"), str):
        from storylens.ingest.html import extract_page  # local import: html imports this module

        page = extract_page(fields["html"], url=as_name(fields.get("url")))
        text = page.text
    if not isinstance(text, str) or not text.strip():
        return ErrorRecord(source, missing_text_reason(fields, field_keys))
    language = as_name(fields.get("language"))
    published = normalize_published(fields.get("published"), language)
    if published is None and str(fields.get("published") or "").strip():
        metadata["published_text"] = fields["published"]  # kept as given, like the text reader's header date
    return build_article(
        text,
        source,
        external_id=as_name(fields.get("external_id")),
        title=as_name(fields.get("title")) or (page.title if page else None),
        url=as_name(fields.get("url")) or (page.url if page else None),
        outlet=as_name(fields.get("outlet")) or (page.outlet if page else None),
        author=as_name(fields.get("author")) or (page.author if page else None),
        published=published or (page.published if page else None),
        language=language or (page.language if page else None),
        metadata=metadata,
    )


def read_record(
    record: Any, source: str, fmt: str, columns: Mapping[str, str] | None = None
) -> Iterator[Article | ErrorRecord]:
    """One JSON/JSONL/CSV record as its article (or error), after a note when its published date is unreadable.

    A date no reader understands ("the day after the storm", "31/02/2026") used to vanish: the article was
    kept undated and nobody learnt why its story had no date. The note names the record and the value.
    """
    item = record_to_article(record, source, fmt, columns)
    if isinstance(item, Article) and "published_text" in item.metadata:
        yield ErrorRecord(source, unreadable_date_message(item.metadata["published_text"], item.published))
    yield item


def unreadable_date_message(value: Any, fallback: str | None) -> str:
    """The note for a published date no reader understands, naming the value and what was done instead."""
    shown = repr(shorten_value(value)) if isinstance(value, str) else f"holds {json_kind(value)},"
    kept = f"kept with the date found in its HTML ({fallback})" if fallback else "kept without a date"
    return (
        f"published date {shown} not understood: the article is {kept}; "
        "write it as ISO 8601 (2026-03-01 or 2026-03-01T08:00:00+01:00)"
    )


def shorten_value(text: str, limit: int = 80) -> str:
    """A field value short enough for a one-line note."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_kind(value: Any) -> str:
    """How a JSON value reads to the person who wrote it: 'a number (5)', 'a list', 'an object'."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list with non-string items" if value else "an empty list"
    if isinstance(value, str):
        return "only whitespace"
    return type(value).__name__


def missing_text_reason(fields: Mapping[str, Any], field_keys: Mapping[str, str]) -> str:
    """Why a record yields no article text, naming the field and what it holds when one was given.

    `{"text": 5}` used to read "expected a 'text' or 'html' field", which sends the user looking
    for a missing key when the key is there with the wrong kind of value.
    """
    for field_name in ("text", "html"):
        value = fields.get(field_name)
        if value is not None and not isinstance(value, str):
            key = field_keys.get(field_name, field_name)
            return f"field '{key}' holds {json_kind(value)}, expected a string of article {field_name}"
    if "html" in fields:
        return f"no article text found in the '{field_keys.get('html', 'html')}' field's HTML"
    if "text" in fields:
        return f"field '{field_keys.get('text', 'text')}' holds only whitespace"
    return "no article text (expected a 'text' or 'html' field)"


def build_article(text: str, source: str, metadata: dict[str, Any] | None = None, **fields: Any) -> Article:
    """The one constructor readers use: normalised text, content-hash id, `sources=[source]`."""
    text = normalize_text(text)
    external_id = fields.get("external_id")
    return Article(
        id=article_id_for(text),
        text=text,
        source=source,
        sources=[source],
        source_external_ids={source: external_id} if external_id else {},
        metadata=metadata or {},
        **fields,
    )
