"""JSONL, JSON documents, news-please records and CSV rows all map through the same field aliases."""

from __future__ import annotations

import json
from pathlib import Path

from storylens.ingest.readers import ReadSettings, read_file
from storylens.ingest.records import normalize_published
from storylens.model import Article, ErrorRecord

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_aliases_fill_article_fields_and_extras_go_to_metadata(tmp_path: Path) -> None:
    record = {
        "id": "n-1",
        "text": "Body.",
        "headline": "Dam drained",
        "link": "https://x.example/1",
        "publisher": {"name": "Valley Courier"},
        "pubDate": "2026-11-03T10:00:00Z",
        "lang": "en",
        "authors": ["Ida Fenn", "Omar Kestrel"],
        "camp": "north",
    }
    [article] = read_file(write_jsonl(tmp_path / "a.jsonl", [json.dumps(record)]))
    assert (article.external_id, article.title, article.url) == ("n-1", "Dam drained", "https://x.example/1")
    assert (article.outlet, article.language, article.author) == ("Valley Courier", "en", "Ida Fenn, Omar Kestrel")
    assert article.published == "2026-11-03T10:00:00+00:00"
    assert article.metadata == {"camp": "north", "format": "jsonl"}


def test_bad_jsonl_lines_are_errors_with_line_numbers_and_others_are_read(tmp_path: Path) -> None:
    lines = ['{"text": "One."}', "{not json", '{"title": "no text"}', '{"text": "Four."}']
    path = write_jsonl(tmp_path / "a.jsonl", lines)
    items = list(read_file(path))
    assert [type(item) for item in items] == [Article, ErrorRecord, ErrorRecord, Article]
    assert items[1].source == f"{path}:line 2" and "not valid JSON" in items[1].error
    assert items[2].source == f"{path}:line 3" and "no article text" in items[2].error


def test_record_with_only_html_is_extracted(tmp_path: Path) -> None:
    html = (
        "<html><head><meta property='og:site_name' content='Northgate Wire'></head><body><article>"
        "<p>The rail bridge over the Tarn will close for six weeks from Monday, the operator said.</p>"
        "</article></body></html>"
    )
    [article] = read_file(write_jsonl(tmp_path / "a.jsonl", [json.dumps({"html": html})]))
    assert article.text.startswith("The rail bridge over the Tarn")
    assert article.outlet == "Northgate Wire"


def test_json_array_document_is_read_item_by_item(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": ""}, {"text": "Three."}]))
    items = list(read_file(path))
    assert [item.source for item in items] == [f"{path}:item 0", f"{path}:item 1", f"{path}:item 2"]
    assert isinstance(items[1], ErrorRecord)


def test_json_object_with_articles_list(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    document = {"status": "ok", "articles": [{"content": "Body A."}, {"content": "Body B."}]}
    path.write_text(json.dumps(document, indent=2))
    assert [item.text for item in read_file(path)] == ["Body A.", "Body B."]


def test_news_please_record_is_recognised() -> None:
    [article] = read_file(FIXTURES / "newsplease.json")
    assert article.metadata["format"] == "news-please"
    assert article.text.endswith("on Thursday.\n\nConstruction is to start in spring.")
    assert (article.outlet, article.author) == ("northgate.example", "Ida Fenn")
    assert article.title == "Council approves tram line"
    assert article.published == "2026-11-05T11:45:00"
    assert article.metadata["date_download"] == "2026-11-05 13:00:00"


def test_csv_columns_are_guessed_from_common_names() -> None:
    items = list(read_file(FIXTURES / "articles.csv"))
    first = items[0]
    assert (first.external_id, first.title, first.outlet, first.published) == (
        "c1",
        "Bridge reopens",
        "Northgate Wire",
        "2026-11-07",
    )
    assert first.source.endswith("articles.csv:line 2")
    assert isinstance(items[2], ErrorRecord) and items[2].source.endswith(":line 4")


def test_csv_column_mapping_from_settings(tmp_path: Path) -> None:
    path = tmp_path / "export.tsv"
    path.write_text("key\tstory\tpaper\nk1\tThe bridge is open.\tNorthgate Wire\n")
    settings = ReadSettings(csv_columns={"text": "story", "outlet": "paper", "external_id": "key"})
    [article] = read_file(path, settings)
    assert (article.text, article.outlet, article.external_id) == ("The bridge is open.", "Northgate Wire", "k1")


def test_csv_missing_mapped_text_column_names_the_column(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,headline\n1,Bridge reopens\n")
    [error] = read_file(path, ReadSettings(csv_columns={"text": "story"}))
    assert "'story' not found" in error.error


def test_csv_without_any_text_column_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,headline\n1,Bridge reopens\n")
    [error] = read_file(path)
    assert error.error.startswith("no text column")


def test_published_keeps_timezone_and_reads_rfc822_and_epochs() -> None:
    assert normalize_published("2026-11-03T08:15:00+01:00") == "2026-11-03T08:15:00+01:00"
    assert normalize_published("Tue, 03 Nov 2026 09:30:00 +0100") == "2026-11-03T09:30:00+01:00"
    assert normalize_published(1793700000) == "2026-11-03T10:00:00+00:00"
    assert normalize_published(1793700000000) == "2026-11-03T10:00:00+00:00"
    assert normalize_published("not a date at all") is None


def test_text_field_of_the_wrong_kind_is_named_with_what_it_holds(tmp_path: Path) -> None:
    lines = [
        '{"text": 5}',
        '{"maintext": ["A first paragraph.", {"x": 1}]}',
        '{"text": {"body": "nested"}}',
        '{"text": true}',
        '{"html": 7}',
        '{"text": "   "}',
        '{"text": ["Two paragraphs.", "Both strings."]}',
    ]
    items = list(read_file(write_jsonl(tmp_path / "a.jsonl", lines)))
    errors = [item.error for item in items if isinstance(item, ErrorRecord)]
    assert errors == [
        "field 'text' holds a number (5), expected a string of article text",
        "field 'maintext' holds a list with non-string items, expected a string of article text",
        "field 'text' holds an object, expected a string of article text",
        "field 'text' holds true (a boolean), expected a string of article text",
        "field 'html' holds a number (7), expected a string of article html",
        "field 'text' holds only whitespace",
    ]
    assert isinstance(items[-1], Article) and items[-1].text == "Two paragraphs.\n\nBoth strings."


def test_csv_row_spanning_lines_is_named_by_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('title,text\n"Pier fire","The pier burned.\n\nCrews came."\n\nBridge,The bridge opened.\n')
    items = list(read_file(path))
    assert [item.source for item in items] == [f"{path}:line 2", f"{path}:line 6"]


def test_csv_quote_never_closed_is_an_error_not_an_article_holding_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('title,text\nPier,The pier burned.\nBridge,"The bridge opened.\nDam,The dam held.\n')
    first, error = read_file(path)
    assert isinstance(first, Article) and first.title == "Pier"
    assert isinstance(error, ErrorRecord) and error.source == f"{path}:line 3"
    assert "quoted cell in the row starting on line 3 is never closed" in error.error


def test_json_lines_and_csv_not_in_utf8_get_the_same_note_as_text_files(tmp_path: Path) -> None:
    sentence = "The caf\xe9 at the pier reopened on Monday, the owner said."
    (tmp_path / "a.jsonl").write_bytes(json.dumps({"text": sentence}, ensure_ascii=False).encode("latin-1") + b"\n")
    (tmp_path / "a.csv").write_bytes(f"title,text\nCafe,{sentence}\n".encode("latin-1"))
    (tmp_path / "fine.jsonl").write_text(json.dumps({"text": sentence}, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in ("a.jsonl", "a.csv"):
        note, article = read_file(tmp_path / name)
        assert isinstance(note, ErrorRecord) and note.source == str(tmp_path / name)
        assert note.error.startswith("not valid UTF-8: ") and note.error.endswith("check the text is right")
        assert isinstance(article, Article) and "caf\xe9" in article.text
    assert [type(item) for item in read_file(tmp_path / "fine.jsonl")] == [Article]


def test_an_unreadable_published_date_keeps_the_article_and_notes_the_record_and_value(tmp_path: Path) -> None:
    quay = "The quay at Brenna reopened to ferries after the storm, the harbour office said."
    pier = "Pier 4 at Brenna reopened to ferries on Monday, the harbour office said."
    lines = [{"text": quay, "published": "the day after the storm"}, {"text": pier, "published": "2026-03-02"}]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"articles": lines}, indent=2), encoding="utf-8")
    (tmp_path / "a.csv").write_text(f'title,published,text\nQuay,31/02/2026,"{quay}"\n', encoding="utf-8")
    expected = {
        "a.jsonl": ("a.jsonl:line 1", "the day after the storm"),
        "a.json": ("a.json:item 0", "the day after the storm"),
        "a.csv": ("a.csv:line 2", "31/02/2026"),
    }
    for name, (source, value) in expected.items():
        items = list(read_file(tmp_path / name))
        notes = [item for item in items if isinstance(item, ErrorRecord)]
        articles = [item for item in items if isinstance(item, Article)]
        assert len(notes) == 1 and notes[0].source == str(tmp_path / source), (name, notes)
        assert notes[0].error.startswith(f"published date {value!r} not understood: the article is kept"), notes
        [undated] = [a for a in articles if a.text == quay]
        assert undated.published is None and undated.metadata["published_text"] == value
    assert [a.published for a in read_file(tmp_path / "a.jsonl") if isinstance(a, Article)][1] == "2026-03-02"
