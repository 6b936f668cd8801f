"""WARC and WARC.gz crawl archives: each HTML response record is a page to extract.

Records that are not page responses (requests, metadata, warcinfo, images) are
skipped; a response with no body or no article text becomes an `ErrorRecord` named
`path:record N` and the other records go on. A truncated archive yields what was
readable, then an error.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storylens.ingest.encoding import UndecodableInput, decode_bytes
from storylens.ingest.html import HtmlSettings, decode_html, extract_page
from storylens.ingest.records import build_article
from storylens.model import Article, ErrorRecord

PAGE_RECORD_TYPES = frozenset({"response", "resource", "conversion"})


def read_warc(
    data: bytes, source: str, html_settings: HtmlSettings | None = None, max_record_bytes: int = 50_000_000
) -> Iterator[Article | ErrorRecord]:
    """Articles from the page records of a WARC (gzip per record or not)."""
    number = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            number += 1
            if record.rec_type not in PAGE_RECORD_TYPES:
                continue
            record_source = f"{source}:record {number}"
            content_type = record_content_type(record)
            if not content_type.startswith(("text/html", "application/xhtml", "text/plain")):
                continue
            if record.rec_headers.get_header("Content-Length") is None:
                yield ErrorRecord(record_source, "malformed WARC record (no Content-Length; truncated archive?)")
                continue
            body = record.content_stream().read(max_record_bytes + 1)
            if getattr(record.raw_stream, "limit", 0) > 0 and len(body) <= max_record_bytes:
                yield ErrorRecord(record_source, "truncated WARC record (body shorter than its Content-Length)")
                continue
            yield record_to_article(record, body, content_type, record_source, html_settings, max_record_bytes)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        yield ErrorRecord(f"{source}:record {number + 1}", f"unreadable WARC record (truncated archive?): {error}")
    except (AttributeError, TypeError) as error:  # warcio trips over records missing required headers
        yield ErrorRecord(f"{source}:record {number + 1}", f"malformed WARC record (a header is missing): {error}")


def record_content_type(record) -> str:  # type: ignore[no-untyped-def]
    """The payload's media type: from the HTTP header for responses, the WARC header otherwise."""
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.split(";")[0].strip().lower()


def record_to_article(  # type: ignore[no-untyped-def]
    record, body: bytes, content_type: str, source: str, html_settings: HtmlSettings | None, max_record_bytes: int
) -> Article | ErrorRecord:
    """One page record to an Article (HTML extraction or plain text), or an ErrorRecord."""
    if not body.strip():
        return ErrorRecord(source, "WARC record has no body")
    if len(body) > max_record_bytes:
        return ErrorRecord(source, f"WARC record body larger than {max_record_bytes} bytes")
    uri = record.rec_headers.get_header("WARC-Target-URI")
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    metadata = {"format": "warc", "warc_record_id": record_id, "warc_date": record.rec_headers.get_header("WARC-Date")}
    try:
        if content_type == "text/plain":
            return build_article(
                decode_bytes(body).text, source, external_id=uri or record_id, url=uri, metadata=metadata
            )
        page = extract_page(decode_html(body), url=uri, settings=html_settings)
    except UndecodableInput as error:
        return ErrorRecord(source, f"undecodable page: {error}")
    if not page.text.strip():
        return ErrorRecord(source, f"no article text in page {uri or ''}".strip())
    metadata.update(page.metadata)
    return build_article(
        page.text,
        source,
        external_id=uri or record_id,
        title=page.title,
        url=page.url or uri,
        outlet=page.outlet,
        author=page.author,
        published=page.published,
        language=page.language,
        metadata=metadata,
    )
