"""Format detection from content, with the file name only breaking ties."""

from __future__ import annotations

import gzip

import pytest

from storylens.ingest.detect import detect_format


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "page.txt", "html"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed.html", "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "x", "feed"),
        (b'{"text": "a"}\n{"text": "b"}\n', "dump", "jsonl"),
        (b'{\n  "text": "a"\n}\n', "dump", "json"),
        (b'[{"text": "a"}]', "dump.txt", "json"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl", "warc"),
        (b"id,title,text\n1,a,b\n", "export", "csv"),
        (b"a\tb\n1\t2\n", "export.tsv", "tsv"),
        (b"Bridge reopens\n\nThe bridge reopened, with commas, on Friday.", "story", "text"),
        (b"PK\x03\x04rest", "x", "zip"),
        (gzip.compress(b"hello"), "x.gz", "gzip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt", None),
        (b"<?xml version='1.0'?><svg></svg>", "x.xml", None),
    ],
)
def test_format_is_detected_from_content(head: bytes, name: str, expected: str | None) -> None:
    assert detect_format(head, name) == expected


def test_page_saved_from_the_middle_of_a_script_is_html() -> None:
    head = b"\n\n  eloadImages() {\n  x = 1;\n}\n// -->\n</script>\n</head>\n<body><p>Story.</p></body></html>"
    assert detect_format(head, "page") == "html"


def test_doctype_declaring_entities_is_its_own_refused_kind() -> None:
    head = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<lolz>&lol;</lolz>'
    assert detect_format(head, "x.xml") == "xml-entities"
