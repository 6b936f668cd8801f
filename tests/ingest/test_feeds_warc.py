"""RSS/Atom feeds and WARC crawl archives."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.ingest.readers import read_file
from storylens.model import Article, ErrorRecord

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
PAGE = (
    "<html><head><title>Tram approved | Northgate Wire</title></head><body><article><h1>Tram approved</h1>"
    "<p>The Northgate council approved a new tram line on Thursday, after a debate of four hours.</p>"
    "<p>Construction is to start in spring, the mayor said.</p></article></body></html>"
)


def test_rss_item_with_full_content_uses_content_encoded() -> None:
    first, second = read_file(FIXTURES / "feed.xml")
    assert first.text == (
        "Inspectors found three cracks in the spillway of the Orrin dam on Monday.\n\n"
        "The water authority said there was no immediate danger to the towns below."
    )
    assert (first.external_id, first.outlet, first.author) == ("vc-2026-0412", "Valley Courier", "Omar Kestrel")
    assert first.published == "2026-11-03T09:30:00+01:00"
    assert first.url == "https://valleycourier.example/dam-cracks"
    assert first.metadata["summary_only"] is False
    assert second.metadata["summary_only"] is True
    assert second.text == "The old market hall in Brisk reopened after two years of repairs."


def test_atom_entry_is_read() -> None:
    [entry] = read_file(FIXTURES / "atom.xml")
    assert entry.text == "The rail bridge over the Tarn will close for six weeks from Monday."
    assert (entry.outlet, entry.author, entry.external_id) == ("Northgate Wire", "Ida Fenn", "urn:northgate:7781")


def test_invalid_feed_xml_yields_parsed_items_and_an_error() -> None:
    items = list(read_file(FIXTURES / "broken_feed.xml"))
    assert isinstance(items[0], Article) and items[0].title == "School roof repaired"
    assert isinstance(items[-1], ErrorRecord) and "invalid feed XML" in items[-1].error


def write_warc(path: Path, records: list[tuple[str, bytes]], gzip: bool = False) -> Path:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for uri, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    path.write_bytes(buffer.getvalue())
    return path


def test_warc_response_records_are_extracted(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://northgate.example/tram", PAGE.encode())], gzip=True)
    [article] = read_file(path)
    assert article.text.startswith("The Northgate council approved a new tram line")
    assert article.external_id == article.url == "https://northgate.example/tram"
    assert article.source == f"{path}:record 1"
    assert article.metadata["warc_record_id"].startswith("<urn:uuid:")


def test_warc_record_without_body_is_an_error_and_others_go_on(tmp_path: Path) -> None:
    records = [("https://x.example/empty", b""), ("https://northgate.example/tram", PAGE.encode())]
    items = list(read_file(write_warc(tmp_path / "crawl.warc", records)))
    assert isinstance(items[0], ErrorRecord) and items[0].error == "WARC record has no body"
    assert isinstance(items[1], Article)


def test_truncated_warc_gz_yields_earlier_records_then_an_error(tmp_path: Path) -> None:
    big_page = PAGE.replace("</article>", "<p>" + "word " * 5000 + "</p></article>")
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [("https://a.example/1", PAGE.encode()), ("https://a.example/2", big_page.encode())],
        gzip=True,
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    items = list(read_file(path))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], ErrorRecord)
