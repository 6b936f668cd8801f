"""Exports: flat tables with spans, CSV cells that never run as formulas, and a Markdown brief that stays text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storylens.cli import app as cli_app
from storylens.web.exports import _parquet_column, md, to_csv, write_export


def test_quotes_export_as_csv_carries_spans(client: TestClient) -> None:
    response = client.get("/api/export/quotes", params={"format": "csv", "story": "story-ferry"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {(r["id"], r["article_id"], r["speaker"]) for r in rows} == {
        ("q1", "art-ferry-1", "Mira Oduya"),
        ("q2", "art-ferry-2", "Mira Oduya"),
    }
    assert all(int(r["start"]) < int(r["end"]) for r in rows)


def test_timeline_export_as_json_has_one_row_per_source(client: TestClient) -> None:
    rows = client.get("/api/export/timeline").json()
    assert rows == [
        {
            "story_id": "story-ferry",
            "event_id": "ev1",
            "date": "2031-04-01",
            "event": "Ferry crews walked out",
            "conflict": False,
            "conflicting_dates": "",
            "article_id": "art-ferry-1",
            "start": 38,
            "end": 45,
            "text": "Tuesday",
        }
    ]


def test_unknown_table_or_story_is_an_error_not_a_crash(client: TestClient) -> None:
    assert client.get("/api/export/passwords").status_code == 422
    assert client.get("/api/export/quotes", params={"story": "nope"}).status_code == 404


def test_csv_cells_that_look_like_formulas_are_neutralised() -> None:
    text = to_csv([{"a": '=HYPERLINK("http://evil.example")', "b": "+1", "c": "plain"}])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {"a": '\'=HYPERLINK("http://evil.example")', "b": "'+1", "c": "plain"}


def test_markdown_escapes_html_and_link_syntax() -> None:
    assert md("<script>x</script> [a](javascript:y)") == "\\<script\\>x\\</script\\> \\[a\\](javascript:y)"


def test_brief_lists_quotes_with_their_article_and_span(client: TestClient) -> None:
    brief = client.get("/api/stories/story-ferry/brief.md").text
    assert brief.startswith("# Ferry crews strike in Tollmere\n")
    assert "article art-ferry-1 chars" in brief
    assert "\\<script\\>" in brief and "<script>" not in brief  # the hostile article title stays text


def test_export_command_prints_csv(store_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["export", "entities", "--db", str(store_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    names = {row["name"] for row in csv.DictReader(io.StringIO(result.output))}
    assert names == {"Mira Oduya", "Tollmere", "Ilse Varn"}


def test_export_command_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["export", "quotes", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 2 and not (tmp_path / "absent.db").exists()


def test_quotes_export_as_parquet_keeps_spans_as_integers(client: TestClient) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra (pyarrow) is not installed")
    response = client.get("/api/export/quotes", params={"format": "parquet", "story": "story-ferry"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(response.content))
    rows = table.to_pylist()
    assert {(r["id"], r["article_id"], r["speaker"]) for r in rows} == {
        ("q1", "art-ferry-1", "Mira Oduya"),
        ("q2", "art-ferry-2", "Mira Oduya"),
    }
    assert str(table.schema.field("start").type) == "int64"
    assert all(r["start"] < r["end"] for r in rows)


def test_parquet_columns_of_mixed_kinds_become_text_lists_become_json() -> None:
    assert _parquet_column([1, None, 2]) == [1, None, 2]
    assert _parquet_column([1, 2.5]) == [1.0, 2.5]
    assert _parquet_column([1, "two", None]) == ["1", "two", None]
    assert _parquet_column([["a", "b"], {"k": 1}]) == ['["a", "b"]', '{"k": 1}']


def test_export_command_writes_parquet_to_a_file(store_path: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra (pyarrow) is not installed")
    out = tmp_path / "entities.parquet"
    result = CliRunner().invoke(
        cli_app, ["export", "entities", "--db", str(store_path), "--format", "parquet", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert {row["name"] for row in pq.read_table(out).to_pylist()} == {"Mira Oduya", "Tollmere", "Ilse Varn"}


def test_json_export_writes_each_row_before_reading_the_next() -> None:
    out = io.BytesIO()

    def rows() -> Iterator[dict[str, object]]:
        for i in range(3):
            if i:  # the row before this one is already out: nothing waits in memory for the end
                assert f'"n": {i - 1}' in out.getvalue().decode()
            yield {"n": i}

    write_export(rows(), "json", out)
    assert json.loads(out.getvalue()) == [{"n": 0}, {"n": 1}, {"n": 2}]
    empty = io.BytesIO()
    write_export(iter(()), "json", empty)
    assert json.loads(empty.getvalue()) == []


def test_csv_header_holds_every_column_even_one_first_seen_late() -> None:
    text = to_csv([{"id": "c1", "key": "number:injured"}, {"id": "c2", "key": None, "value": "15"}])
    assert list(csv.DictReader(io.StringIO(text))) == [
        {"id": "c1", "key": "number:injured", "value": ""},
        {"id": "c2", "key": "", "value": "15"},
    ]


def test_parquet_row_groups_share_one_schema_when_a_column_mixes_kinds_across_them() -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra (pyarrow) is not installed")
    rows = [{"id": i, "value": i} for i in range(5)] + [{"id": 5, "value": "five"}]
    out = io.BytesIO()
    write_export(rows, "parquet", out)
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert str(table.schema.field("value").type) == "string" and str(table.schema.field("id").type) == "int64"
    assert table.column("value").to_pylist() == ["0", "1", "2", "3", "4", "five"]


def test_export_to_a_file_is_whole_or_absent(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "quotes.json"
    result = CliRunner().invoke(cli_app, ["export", "quotes", "--db", str(store_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert {q["id"] for q in json.loads(out.read_text())} == {"q1", "q2"}
    missing = tmp_path / "none.json"
    result = CliRunner().invoke(
        cli_app, ["export", "quotes", "--db", str(store_path), "--story", "nope", "-o", str(missing)]
    )
    assert result.exit_code == 2 and not missing.exists() and not list(tmp_path.glob("*.part"))


def test_brief_says_when_no_date_is_known_instead_of_an_empty_range() -> None:
    from storylens.web.exports import published_range

    assert published_range(None, None) == "no date known"
    assert published_range("2026-03-02", None) == "2026-03-02"
    assert published_range("2026-03-02", "2026-03-02") == "2026-03-02"
    assert published_range("2026-03-01", "2026-03-02") == "2026-03-01 to 2026-03-02"


def test_export_mistake_is_the_one_line_error_every_command_prints(store_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["export", "brief", "--db", str(store_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "storylens: error: the brief needs --story"
