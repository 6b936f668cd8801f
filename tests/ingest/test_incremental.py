"""Incremental ingest with the real SQLite store: unchanged files are skipped unread, new and changed ones read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import storylens.api as api
import storylens.ingest.incremental as incremental
from storylens.config import Settings
from storylens.ingest.incremental import FileUnchanged, read_new_files, registry_path
from storylens.ingest.readers import ReadSettings
from storylens.model import ErrorRecord
from storylens.store.sqlite import SQLiteStore


class QuietProgress:
    def start(self, phase: str, total: int | None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def error(self, record: ErrorRecord) -> None:
        pass


def write_jsonl(path: Path, names: list[str]) -> Path:
    """One small fictional article per name."""
    lines = [
        json.dumps({"id": name, "title": f"Note {name}", "text": f"The Kessing harbour logged ship {name} today."})
        for name in names
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest(store: SQLiteStore, folder: Path, settings: Settings | None = None) -> api.IngestCounts:
    return api.ingest_new_files(store, [folder], settings or Settings(), QuietProgress())


def stored_ids(store: SQLiteStore) -> list[str]:
    return sorted(a.external_id or "" for a in store.pending_articles())


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "store.db")


@pytest.fixture
def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to parse a file fail the test: skipped files must not reach a reader."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a file was parsed: {args[1]}")

    monkeypatch.setattr(incremental, "read_bytes", fail)


def test_first_ingest_reads_and_registers_every_file(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", ["a1", "a2"])
    write_jsonl(tmp_path / "in" / "b.jsonl", ["b1"])
    counts = ingest(store, tmp_path / "in")
    assert (counts.files_read, counts.files_unchanged) == (2, 0)
    assert stored_ids(store) == ["a1", "a2", "b1"]
    registered = store.ingested_file(registry_path(tmp_path / "in" / "a.jsonl"))
    assert registered is not None and registered.size == (tmp_path / "in" / "a.jsonl").stat().st_size


def test_unchanged_files_are_skipped_without_being_parsed(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", ["a1"])
    write_jsonl(tmp_path / "in" / "b.jsonl", ["b1"])
    ingest(store, tmp_path / "in")
    opened: list[Path] = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(self) or real_read_bytes(self))
    counts = ingest(store, tmp_path / "in")
    assert (counts.files_read, counts.files_unchanged) == (0, 2)
    assert opened == []
    assert stored_ids(store) == ["a1", "b1"]


def test_a_new_file_is_the_only_one_read(tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", ["a1"])
    ingest(store, tmp_path / "in")
    write_jsonl(tmp_path / "in" / "new.jsonl", ["n1"])
    parsed: list[str] = []
    real_read_bytes = incremental.read_bytes

    def recording_read_bytes(data: bytes, source: str, *rest: object) -> object:
        parsed.append(source)
        return real_read_bytes(data, source, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "read_bytes", recording_read_bytes)
    counts = ingest(store, tmp_path / "in")
    assert parsed == [str(tmp_path / "in" / "new.jsonl")]
    assert (counts.files_read, counts.files_unchanged) == (1, 1)
    assert stored_ids(store) == ["a1", "n1"]


def test_a_changed_file_is_read_again_and_only_its_new_articles_are_added(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "in").mkdir()
    path = write_jsonl(tmp_path / "in" / "a.jsonl", ["a1", "a2"])
    ingest(store, tmp_path / "in")
    write_jsonl(path, ["a1", "a2", "a3"])
    counts = ingest(store, tmp_path / "in")
    assert counts.files_read == 1
    assert stored_ids(store) == ["a1", "a2", "a3"]
    registered = store.ingested_file(registry_path(path))
    assert registered is not None and registered.size == path.stat().st_size


def test_a_touched_file_with_the_same_bytes_is_not_parsed_again(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    path = write_jsonl(tmp_path / "in" / "a.jsonl", ["a1"])
    ingest(store, tmp_path / "in")
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 5_000_000_000))
    monkeypatch.setattr(incremental, "read_bytes", lambda *args: pytest.fail("an unchanged file was parsed"))
    counts = ingest(store, tmp_path / "in")
    assert (counts.files_read, counts.files_unchanged) == (0, 1)
    registered = store.ingested_file(registry_path(path))
    assert registered is not None and registered.mtime_ns == path.stat().st_mtime_ns


def test_the_same_article_in_a_new_file_is_stored_once_with_both_sources(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", ["shared"])
    ingest(store, tmp_path / "in")
    write_jsonl(tmp_path / "in" / "b.jsonl", ["shared"])
    ingest(store, tmp_path / "in")
    (article,) = store.pending_articles()
    assert article.sources == [f"{tmp_path / 'in' / 'a.jsonl'}:line 1", f"{tmp_path / 'in' / 'b.jsonl'}:line 1"]


def test_a_run_killed_mid_file_reads_that_file_again_without_duplicates(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    path = write_jsonl(tmp_path / "in" / "a.jsonl", [f"a{i}" for i in range(5)])
    monkeypatch.setattr(api, "INGEST_BATCH", 2)

    class KilledAfterFourArticles(QuietProgress):
        seen = 0

        def advance(self, amount: int = 1) -> None:
            self.seen += amount
            if self.seen == 4:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        api.ingest_new_files(store, [tmp_path / "in"], Settings(), KilledAfterFourArticles())
    assert store.count_articles() == 2  # the first batch was committed...
    assert store.ingested_file(registry_path(path)) is None  # ...but the file is not marked done
    counts = ingest(store, tmp_path / "in")
    assert counts.files_read == 1
    assert stored_ids(store) == [f"a{i}" for i in range(5)]
    assert store.ingested_file(registry_path(path)) is not None


def test_changed_read_settings_read_the_files_again(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", ["a1"])
    ingest(store, tmp_path / "in")
    settings = Settings()
    settings.read.max_html_bytes = 1_000
    counts = ingest(store, tmp_path / "in", settings)
    assert (counts.files_read, counts.files_unchanged) == (1, 0)
    assert stored_ids(store) == ["a1"]


def test_a_file_refused_as_too_large_is_reported_once_and_then_skipped(
    tmp_path: Path, store: SQLiteStore, forbid_parsing: None
) -> None:
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "big.jsonl", [f"b{i}" for i in range(20)])
    settings = Settings()
    settings.read.max_file_bytes = 100
    first = ingest(store, tmp_path / "in", settings)
    assert "file too large" in first.errors[0].error
    second = ingest(store, tmp_path / "in", settings)
    assert (second.files_unchanged, second.errors) == (1, [])


def test_bad_input_is_still_reported_on_first_read(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    counts = ingest(store, tmp_path / "in")
    assert [e.error for e in counts.errors] == ["empty file"]
    assert [e.error for e in store.errors()] == ["empty file"]


def test_unchanged_items_name_the_file(tmp_path: Path, store: SQLiteStore) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", ["a1"])
    ingest(store, path)
    assert list(read_new_files([path], ReadSettings(), store.ingested_file)) == [FileUnchanged(str(path))]
