"""Plain-text articles: header blocks, title + dateline, encodings."""

from __future__ import annotations

from pathlib import Path

from storylens.ingest.readers import read_file
from storylens.ingest.text import parse_dateline, split_text_document
from storylens.model import ErrorRecord

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def test_header_block_fills_fields_and_extras_go_to_metadata() -> None:
    [article] = read_file(FIXTURES / "header.txt")
    assert article.title == "Orrin dam to be drained"
    assert article.outlet == "Valley Courier"
    assert article.published == "2026-11-06T10:00:00+01:00"
    assert article.author == "Omar Kestrel"
    assert article.url == "https://valleycourier.example/orrin-drained"
    assert article.language == "en"
    assert article.metadata["header"] == {"camp": "regional"}
    assert article.text.startswith("The water authority will drain")
    assert "\n\nResidents of Brisk" in article.text


def test_german_header_keys_are_understood() -> None:
    [article] = read_file(FIXTURES / "header_de.txt")
    assert (article.title, article.outlet, article.language) == ("Fähre fährt wieder", "Hafenblatt", "de")
    assert article.published is not None and article.published.startswith("2026-11-03")


def test_first_sentence_with_a_colon_is_not_a_header() -> None:
    document = split_text_document("The verdict: guilty on all counts.\nThe judge read it out at noon.")
    assert document.fields == {}
    assert document.body.startswith("The verdict")


def test_title_then_bracketed_dateline() -> None:
    document = split_text_document("Ferry strike ends\n[Harbour Post, Paris time, November 2, 2026]\nThe workers...")
    assert document.fields == {"title": "Ferry strike ends", "published": "2026-11-02", "outlet": "Harbour Post"}
    assert document.metadata["outlet_from"] == "dateline"
    assert document.body == "The workers..."


def test_by_outlet_pipe_date_dateline() -> None:
    assert parse_dateline("By Harbour Post | Nov 3, 2026") == {"published": "2026-11-03", "outlet": "Harbour Post"}


def test_numeric_and_prefixed_datelines() -> None:
    assert parse_dateline("03.11.2026")["published"].startswith("2026-11-03")
    assert parse_dateline("date 2026-11-03") == {"published": "2026-11-03"}


def test_line_without_a_date_is_not_a_dateline() -> None:
    assert parse_dateline("Port Alden harbour") is None


def test_title_followed_by_blank_line() -> None:
    document = split_text_document("Bridge reopens\n\nThe Tarn bridge reopened on Friday.")
    assert document.fields == {"title": "Bridge reopens"}
    assert document.body.strip() == "The Tarn bridge reopened on Friday."


def test_latin1_file_is_decoded_and_reported_as_not_utf8() -> None:
    notice, article = read_file(FIXTURES / "latin1.txt")
    assert isinstance(notice, ErrorRecord) and "not valid UTF-8" in notice.error
    assert "cafés on the quay" in article.text and "naïve" in article.text
    assert article.title == "Café owners protest"


def test_utf16_file_is_decoded() -> None:
    [article] = read_file(FIXTURES / "utf16.txt")
    assert article.title == "Über die Brücke"
    assert article.text == "Die Brücke über den Tarn ist wieder offen."


def test_mostly_utf8_with_a_broken_byte_keeps_utf8_and_counts_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes("Die Brücke über den Tarn ist offen, sagte die Bürgermeisterin ".encode() + b"\xff" + b" heute.")
    notice, article = read_file(path)
    assert isinstance(notice, ErrorRecord) and "1 broken byte sequence(s) replaced" in notice.error
    assert "Brücke über" in article.text and "\ufffd" in article.text
    assert article.metadata["replaced_bytes"] == 1


def test_file_with_only_a_header_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "header_only.txt"
    path.write_text("Title: Nothing here\nSource: Valley Courier\n\n")
    [error] = read_file(path)
    assert "no article text" in error.error


def test_crlf_line_endings_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"First paragraph of the body.\r\n\r\nSecond paragraph.\r\n")
    [article] = read_file(path)
    assert article.text == "First paragraph of the body.\n\nSecond paragraph."
