"""Which reader a file needs, decided from its content first and its name second.

Scraped dumps are badly named (HTML saved as `.txt`, JSONL without extension, a
feed saved as `.html`), so we look at the leading bytes; the extension only breaks
ties where content cannot (CSV versus plain text).
"""

from __future__ import annotations

import json
import re

from storylens.ingest.encoding import UndecodableInput, declared_charset, decode_bytes

ZIP = "zip"
TAR = "tar"
GZIP = "gzip"
WARC = "warc"
HTML = "html"
FEED = "feed"
JSONL = "jsonl"
JSON = "json"
CSV = "csv"
TSV = "tsv"
TEXT = "text"
XML_ENTITIES = "xml-entities"

HEAD_BYTES = 64 * 1024
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_GZIP_MAGIC = b"\x1f\x8b"
_FEED_ROOT = re.compile(r"<(?:rss|rdf:RDF|feed)[\s>]", re.IGNORECASE)
_HTML_MARKERS = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|h1|meta|title)[\s>/]", re.IGNORECASE)
_LEADING_XML_NOISE = re.compile(r"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
# A DOCTYPE whose internal subset declares entities: the shape of an entity-expansion ("billion laughs") bomb.
# News pages and feeds never need their own entities, so such a file is refused before any parser sees it.
ENTITY_DECLARATION = re.compile(r"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY\s", re.IGNORECASE | re.DOTALL)
# Document-level tags that plain text never holds: a page cut at its start (saved from the middle of a
# script) is still HTML.
_DOCUMENT_TAGS = re.compile(r"<(?:html|body)[\s>]|</head>", re.IGNORECASE)
TEXT_COLUMN_NAMES = ("text", "body", "content", "maintext", "article", "full_text", "article_text")


SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_REPORT_JSON_KEYS = re.compile(rb'^\s*\{\s*"storylens_version"\s*:.{0,400}?"schema_version"\s*:', re.DOTALL)
_REPORT_HTML_GENERATOR = re.compile(rb'<meta name="generator" content="storylens[ "]')


def storylens_output(head: bytes) -> str | None:
    """What storylens output a file is (a report or a store from an earlier run), or None.

    A folder of articles often holds the output of an earlier run; read back, its report.json
    items would become "articles" and pollute the corpus, so readers skip what this recognises.
    """
    if head.startswith(SQLITE_MAGIC):
        return "a SQLite database (a storylens store from an earlier run?)"
    if head.startswith(SQLITE_WAL_MAGICS):
        return "a SQLite write-ahead log (part of a store)"
    if _REPORT_JSON_KEYS.match(head[:2048]):
        return "a storylens report.json from an earlier run"
    if _REPORT_HTML_GENERATOR.search(head[:4096]):
        return "a storylens report.html from an earlier run"
    return None


def is_tar(head: bytes) -> bool:
    """POSIX and GNU tar headers carry 'ustar' at offset 257."""
    return head[257:262] == b"ustar"


def detect_binary_container(head: bytes) -> str | None:
    """Zip, gzip or tar from magic bytes, or None."""
    if head.startswith(_ZIP_MAGICS):
        return ZIP
    if head.startswith(_GZIP_MAGIC):
        return GZIP
    if is_tar(head):
        return TAR
    return None


def detect_format(head: bytes, name: str = "") -> str | None:
    """The format of a file whose first bytes are `head`; None when it is not a supported article format."""
    container = detect_binary_container(head)
    if container:
        return container
    try:
        text = decode_bytes(head[:HEAD_BYTES], declared=declared_charset(head)).text
    except UndecodableInput:
        return None
    return detect_text_format(text, name.lower())


def detect_text_format(text: str, name: str = "") -> str | None:
    """The format of decoded text content; `name` (lower case) breaks ties."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        return None
    if stripped.startswith("WARC/"):
        return WARC
    if stripped[0] in "[{":
        return detect_json_kind(stripped)
    if stripped.startswith("<") and ENTITY_DECLARATION.search(stripped[:HEAD_BYTES]):
        return XML_ENTITIES
    if stripped.startswith("<"):
        return detect_markup_kind(stripped)
    if _DOCUMENT_TAGS.search(stripped[:HEAD_BYTES]):
        return HTML
    if name.endswith(".tsv") or name.endswith(".csv") or looks_like_csv_header(stripped):
        return TSV if name.endswith(".tsv") or "\t" in stripped.split("\n", 1)[0] else CSV
    return TEXT


def detect_json_kind(stripped: str) -> str:
    """One JSON value per line is JSONL; anything else starting with [ or { is a JSON document."""
    if stripped.startswith("["):
        return JSON
    first_line = stripped.split("\n", 1)[0].strip()
    try:
        json.loads(first_line)
    except ValueError:
        return JSON
    except RecursionError:
        return JSONL  # one whole (if absurdly deep) value on the first line: the JSONL reader names that line
    return JSONL


def detect_markup_kind(stripped: str) -> str | None:
    """RSS/Atom feeds versus HTML pages; other XML is not an article format."""
    body = _LEADING_XML_NOISE.sub("", stripped[:4096], count=1)
    if _FEED_ROOT.match(body):
        return FEED
    if _HTML_MARKERS.search(stripped[:HEAD_BYTES]):
        return HTML
    return None


def looks_like_csv_header(stripped: str) -> bool:
    """A first line of delimited column names including a text column ("id,title,text")."""
    header = stripped.split("\n", 1)[0].strip().lower()
    for delimiter in (",", "\t", ";"):
        columns = [column.strip().strip('"') for column in header.split(delimiter)]
        if len(columns) >= 2 and any(column in TEXT_COLUMN_NAMES for column in columns):
            return True
    return False
