"""The entry point: directories, content-based detection, archives, and bad input that never raises."""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from storylens.ingest.readers import ReadSettings, read_file, read_inputs
from storylens.model import Article, ErrorRecord, article_id_for

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
ARTICLE_TEXT = "Title: Bridge reopens\nSource: Northgate Wire\n\nThe Tarn bridge reopened on Friday, two days early.\n"


def articles(items: list) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list) -> list[ErrorRecord]:
    return [item for item in items if isinstance(item, ErrorRecord)]


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article body here.")
    (tmp_path / "a.txt").write_text("First article body here.")
    (tmp_path / "c.txt").write_text("Third article body here.")
    sources = [item.source for item in read_inputs([tmp_path])]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt"), str(tmp_path / "b" / "two.txt")]


def test_hidden_files_and_images_are_skipped_when_walking(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "story.txt").write_text("The only article.")
    assert [Path(item.source).name for item in read_inputs([tmp_path])] == ["story.txt"]


def test_article_id_is_content_hash_and_sources_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE_TEXT)
    [article] = read_file(path)
    assert article.id == article_id_for(article.text)
    assert article.sources == [str(path)]
    assert article.title == "Bridge reopens"


def test_html_named_txt_is_detected_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved_page.txt"
    path.write_bytes((FIXTURES / "harbour_post.html").read_bytes())
    [article] = read_file(path)
    assert article.metadata["format"] == "html"
    assert article.outlet == "The Harbour Post"


def test_jsonl_without_extension_is_detected_as_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dump"
    path.write_text(json.dumps({"id": "a1", "text": "One body."}) + "\n" + json.dumps({"id": "a2", "text": "Two."}))
    items = list(read_file(path))
    assert [item.external_id for item in items] == ["a1", "a2"]
    assert items[1].source == f"{path}:line 2"


def test_one_line_json_export_with_an_article_list_reads_every_article(tmp_path: Path) -> None:
    # A compact export ({"articles": [...]} on one line) is detected as JSONL: its line still holds a list of articles.
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps({"articles": [{"id": "b1", "text": "Ferry resumes."}, {"id": "b2", "text": "Fog lifts."}]})
    )
    items = list(read_file(path))
    assert [item.external_id for item in articles(items)] == ["b1", "b2"]
    assert not errors(items)
    assert items[1].source == f"{path}:line 1:item 1"


def test_jsonl_line_with_an_empty_article_list_is_named(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"id": "c1", "text": "Kept."}) + "\n" + json.dumps({"articles": []}) + "\n")
    items = list(read_file(path))
    assert [item.external_id for item in articles(items)] == ["c1"]
    [error] = errors(items)
    assert error.source == f"{path}:line 2" and "empty list" in error.error


def test_missing_path_is_an_error_record() -> None:
    [error] = read_inputs(["/nonexistent/storylens/file.txt"])
    assert isinstance(error, ErrorRecord)
    assert "No such file" in error.error


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Secret body.")
    path.chmod(0)
    [error] = read_file(path)
    assert "cannot read file" in error.error


def test_empty_file_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    [error] = read_file(path)
    assert error.error == "empty file"


def test_binary_file_is_not_a_supported_format(tmp_path: Path) -> None:
    path = tmp_path / "photo.dat"
    path.write_bytes(bytes(range(256)) * 4)
    [error] = read_file(path)
    assert "not a supported article format" in error.error


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"\x00\x01\x02\x03" * 10)
    (tmp_path / "b.txt").write_text("A good article body.")
    items = list(read_inputs([tmp_path]))
    assert len(errors(items)) == 1
    assert [article.text for article in articles(items)] == ["A good article body."]


def test_file_larger_than_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    [error] = read_file(path, ReadSettings(max_file_bytes=100))
    assert "file too large" in error.error


def test_symlink_is_skipped_unless_following_is_on(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("Linked article body.")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    [skipped] = read_file(link)
    assert "symlink" in skipped.error
    [article] = read_file(link, ReadSettings(follow_symlinks=True))
    assert article.text == "Linked article body."


def test_zip_members_are_read_with_archive_bang_member_sources(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("news/one.txt", ARTICLE_TEXT)
        archive.writestr("news/two.jsonl", json.dumps({"text": "Second body."}) + "\n")
        archive.writestr("../../escape.txt", "A member with a traversal name.")
    items = list(read_file(path))
    assert [item.source for item in items] == [
        f"{path}!../../escape.txt",
        f"{path}!news/one.txt",
        f"{path}!news/two.jsonl:line 1",
    ]
    assert not (tmp_path.parent.parent / "escape.txt").exists()


def test_tar_gz_members_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bundle.tgz"
    with tarfile.open(path, "w:gz") as archive:
        data = ARTICLE_TEXT.encode()
        info = tarfile.TarInfo("one.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    [article] = read_file(path)
    assert article.source == f"{path}!one.txt"
    assert article.outlet == "Northgate Wire"


def test_zip_bomb_is_stopped_by_the_ratio_cap(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"0" * (20 * 1024 * 1024))
    started = time.monotonic()
    [error] = read_file(path)
    assert "max_decompressed_ratio" in error.error
    assert time.monotonic() - started < 5


def test_archive_total_size_cap_stops_reading(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(5):
            archive.writestr(f"{index}.txt", f"Article number {index}. " * 50)
    items = list(read_file(path, ReadSettings(max_archive_total_bytes=2500)))
    assert len(articles(items)) == 2
    assert "max_archive_total_bytes" in errors(items)[-1].error


def test_archive_member_count_cap(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(4):
            archive.writestr(f"{index}.txt", "Body.")
    [error] = read_file(path, ReadSettings(max_archive_members=3))
    assert "max_archive_members" in error.error


def test_truncated_zip_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "cut.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("one.txt", ARTICLE_TEXT * 20)
    path.write_bytes(buffer.getvalue()[:-40])
    items = list(read_file(path))
    assert errors(items) and "zip" in errors(items)[0].error


def test_truncated_tar_gz_keeps_earlier_members(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for index, size in enumerate((200, 200_000)):
            data = os.urandom(size // 2).hex().encode() if index else ARTICLE_TEXT.encode()
            info = tarfile.TarInfo(f"{index}.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    items = list(read_file(path))
    assert articles(items)[0].source == f"{path}!0.txt"
    assert "truncated" in errors(items)[-1].error


def test_jsonl_gz_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "Compressed body."}\n'))
    [article] = read_file(path)
    assert article.text == "Compressed body."


def test_truncated_jsonl_gz_yields_readable_lines_then_an_error(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": str(i), "text": os.urandom(300).hex()}) + "\n" for i in range(50))
    compressed = gzip.compress(lines.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    items = list(read_file(path))
    assert 0 < len(articles(items)) < 50
    assert errors(items)[-1].error == "truncated gzip stream"


def test_twenty_megabyte_html_page_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    paragraph = "<p>The harbour board met again on Tuesday to discuss the ferry timetable, as it does each week.</p>\n"
    path = tmp_path / "huge.html"
    path.write_text(f"<html><body><article>{paragraph * (20 * 1024 * 1024 // len(paragraph))}</article></body></html>")
    [item] = read_file(path)
    assert isinstance(item, ErrorRecord) and "HTML page too large" in item.error


@pytest.mark.slow
def test_twenty_megabyte_html_is_read_in_bounded_time_when_allowed(tmp_path: Path) -> None:
    paragraph = "<p>The harbour board met again on Tuesday to discuss the ferry timetable, as it does each week.</p>\n"
    path = tmp_path / "huge.html"
    paragraphs = paragraph * (20 * 1024 * 1024 // len(paragraph))
    path.write_text(f"<html><body><article>{paragraphs}</article></body></html>")
    started = time.process_time()  # CPU time: robust to a busy machine
    [item] = read_file(path, ReadSettings(max_html_bytes=50 * 1024 * 1024, max_article_chars=50 * 1024 * 1024))
    assert isinstance(item, Article)
    assert time.process_time() - started < 60


def test_excluded_folders_and_files_are_not_walked(tmp_path):
    from storylens.ingest.readers import ReadSettings, input_files

    (tmp_path / "out").mkdir()
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "store.db").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "out" / "report.json").write_text("{}", encoding="utf-8")
    found = list(input_files([tmp_path], ReadSettings(), exclude=[tmp_path / "out", tmp_path / "store.db"]))
    assert found == [tmp_path / "a.txt"]
