"""Plain-text articles: an optional `Key: value` header, or a title line and a date line, then the body.

Text dumps from archives and copy-paste come in two shapes: a header block
("Title: ...", "Published: ...", ended by a blank line) or a bare headline
followed by a dateline ("[Outlet, Paris time, November 2, 2026]", "By Outlet |
Nov 3, 2026"). The body is kept as written; cleaning is a later step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from storylens.ingest.encoding import decode_bytes
from storylens.ingest.records import normalize_published

_HEADER_LINE = re.compile(r"^\s*([^\W\d][\w .'-]{0,29}?)\s*:\s*(.*?)\s*$")
_DATELINE_SEPARATORS = re.compile(r"\s*[|,·•–—]\s*|\s+-\s+")
_SENTENCE_END = re.compile(r"[.!?;]\s*$")


@dataclass(frozen=True)
class TextConventions:
    key_to_field: dict[str, str]
    date_prefixes: tuple[str, ...]
    by_prefixes: tuple[str, ...]
    max_title_chars: int
    max_dateline_chars: int


@dataclass
class TextDocument:
    """The parts of a text file: fields from its header or title/date lines, and the body."""

    body: str
    fields: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def text_conventions() -> TextConventions:
    """Header keys and dateline words of all languages, from resources/ingest/text_headers.yaml."""
    path = resources.files("storylens.resources").joinpath("ingest/text_headers.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    key_to_field = {str(key).lower(): name for name, keys in data["keys"].items() for key in keys}
    return TextConventions(
        key_to_field=key_to_field,
        date_prefixes=tuple(data["date_prefixes"]),
        by_prefixes=tuple(data["by_prefixes"]),
        max_title_chars=int(data["max_title_chars"]),
        max_dateline_chars=int(data["max_dateline_chars"]),
    )


def parse_header_block(lines: list[str]) -> tuple[dict[str, str], dict[str, str], int] | None:
    """Fields, unknown keys and body start line of a leading `Key: value` block ended by a blank line.

    None when the file does not start with such a block (every line must be `Key: value`, and at least
    one key must be known, so a first sentence containing a colon is not mistaken for a header).
    """
    conventions = text_conventions()
    fields: dict[str, str] = {}
    extras: dict[str, str] = {}
    for number, line in enumerate(lines):
        if not line.strip():
            return (fields, extras, number + 1) if fields else None
        match = _HEADER_LINE.match(line)
        if not match:
            return None
        key, value = match.group(1).strip().lower(), match.group(2)
        field_name = conventions.key_to_field.get(key)
        if field_name:
            fields.setdefault(field_name, value)
        else:
            extras[key] = value
    return None


def looks_like_title(line: str) -> bool:
    """Short, not a full sentence, not a header line: a headline."""
    stripped = line.strip()
    conventions = text_conventions()
    return 0 < len(stripped) <= conventions.max_title_chars and not _SENTENCE_END.search(stripped.rstrip("\"'»”"))


def strip_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        match = re.match(rf"^{re.escape(prefix)}\b\s*:?\s*", text, re.IGNORECASE)
        if match:
            return text[match.end() :]
    return text


def parse_dateline(line: str) -> dict[str, str] | None:
    """`published` (and `outlet`) from a dateline such as "By Outlet | Nov 3, 2026"; None if it holds no date.

    The line is split on separators; the longest run of trailing parts with digits that parses as a date
    is the date, and the first remaining part that is not a time-zone note is the outlet.
    """
    conventions = text_conventions()
    stripped = line.strip().strip("[]()")
    if not stripped or len(stripped) > conventions.max_dateline_chars or not re.search(r"\d", stripped):
        return None
    parts = [part for part in _DATELINE_SEPARATORS.split(stripped) if part]
    first_dated = len(parts)
    while first_dated > 0 and re.search(r"\d", parts[first_dated - 1]):
        first_dated -= 1
    for start in range(first_dated, len(parts)):
        published = normalize_published(strip_prefix(", ".join(parts[start:]), conventions.date_prefixes))
        if published:
            result = {"published": published}
            outlet = dateline_outlet(parts[:start], conventions)
            if outlet:
                result["outlet"] = outlet
            return result
    return None


def dateline_outlet(parts: list[str], conventions: TextConventions) -> str | None:
    """The first dateline part that names a source rather than a time zone or place-time."""
    for part in parts:
        name = strip_prefix(part.strip(), conventions.by_prefixes).strip()
        if name and not re.search(r"\btime\b|\bUTC\b|\bGMT\b|\bzeit\b|\bheure\b|\bhora\b", name, re.IGNORECASE):
            return name
    return None


def split_text_document(text: str) -> TextDocument:
    """Header (or title/dateline) fields and the body of a text article."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    header = parse_header_block(lines)
    if header:
        fields, extras, body_start = header
        return TextDocument("\n".join(lines[body_start:]), fields, {"header": extras} if extras else {})
    fields = {}
    body_start = 0
    if len(lines) >= 2 and looks_like_title(lines[0]):
        dateline_index = 1 if lines[1].strip() else 2
        dateline = parse_dateline(lines[dateline_index]) if dateline_index < len(lines) else None
        if dateline or not lines[1].strip():
            fields["title"] = lines[0].strip()
            body_start = 1
        if dateline:
            fields.update(dateline)
            body_start = dateline_index + 1
            metadata = {"dateline": lines[dateline_index].strip()}
            if dateline.get("outlet"):
                metadata["outlet_from"] = "dateline"  # read from the text, not given: outlet matching weighs it last
            return TextDocument("\n".join(lines[body_start:]), fields, metadata)
    return TextDocument("\n".join(lines[body_start:]), fields)


def read_text(data: bytes) -> tuple[TextDocument, str]:
    """Decode a text file and split it; returns the document and the encoding used."""
    decoded = decode_bytes(data)
    document = split_text_document(decoded.text)
    if decoded.replaced_bytes:
        document.metadata["replaced_bytes"] = decoded.replaced_bytes
    return document, decoded.encoding


def document_fields(document: TextDocument) -> dict[str, Any]:
    """Article keyword fields from a document's header fields (published normalised to ISO 8601)."""
    fields: dict[str, Any] = {key: value for key, value in document.fields.items() if value}
    if "published" in fields:
        language = fields.get("language")
        published = normalize_published(fields["published"], language)
        if published is None:
            document.metadata["published_text"] = fields["published"]
        fields["published"] = published
    return fields
