"""The SQLite store: idempotent ingest, resumable analysis, corpus round trip, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storylens.model import Article, Corpus, Entity, ErrorRecord, Mention, Story, article_id_for
from storylens.store import IngestedFile, StoreError, open_store
from storylens.store.sqlite import ANALYZED_BY_ID, HOLDERS_OF_KEY, ID_CHUNK, SQLiteStore
from storylens.store.sqlite_schema import MIGRATIONS, SCHEMA_VERSION


def make_article(text: str, source: str = "a.txt", **fields: object) -> Article:
    return Article(id=article_id_for(text), text=text, source=source, sources=[source], **fields)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "test.db")


def test_adding_the_same_article_twice_stores_it_once(store: SQLiteStore) -> None:
    article = make_article("The harbour reopened on Monday.")
    first = store.add_articles([article])
    second = store.add_articles([make_article("The harbour reopened on Monday.")])
    assert first.new_ids == [article.id]
    assert second.known_ids == [article.id] and second.new_ids == []
    assert store.count_articles() == 1


def test_same_article_from_two_files_keeps_both_sources(store: SQLiteStore) -> None:
    store.add_articles([make_article("Same text.", source="one.txt")])
    store.add_articles([make_article("Same  text.", source="two.html")])  # whitespace differs: same id
    (article,) = store.pending_articles()
    assert article.sources == ["one.txt", "two.html"]


def test_analyzed_articles_are_no_longer_pending(store: SQLiteStore) -> None:
    a, b = make_article("First article."), make_article("Second article.")
    store.add_articles([a, b])
    a.language = "en"
    store.save_annotated([a])
    assert [p.id for p in store.pending_articles()] == [b.id]
    assert store.get_article(a.id).language == "en"  # type: ignore[union-attr]


def test_failed_articles_are_not_retried_as_pending(store: SQLiteStore) -> None:
    a = make_article("Breaks a step.")
    store.add_articles([a])
    store.mark_failed([a.id])
    assert store.pending_articles() == []
    assert store.count_articles("failed") == 1


def test_corpus_round_trip_keeps_annotations_and_findings(store: SQLiteStore) -> None:
    a = make_article("Mara Velt spoke in Kessing.")
    store.add_articles([a])
    a.mentions = [Mention(a.id, 0, 9, "Mara Velt", "PERSON", entity_id="ent-1")]
    a.story_id = "story-1"
    store.save_annotated([a])
    corpus = store.load_corpus()
    corpus.stories["story-1"] = Story(id="story-1", title="Velt in Kessing", article_ids=[a.id])
    corpus.entities["ent-1"] = Entity(id="ent-1", name="Mara Velt", type="PERSON", aliases=["Mara Velt", "Velt"])
    store.save_corpus(corpus)

    again = store.load_corpus()
    assert again.articles[a.id].mentions[0].text == "Mara Velt"
    assert again.stories["story-1"].title == "Velt in Kessing"
    assert again.entities["ent-1"].aliases == ["Mara Velt", "Velt"]
    assert [s.id for s in store.list_stories()] == ["story-1"]


def test_save_corpus_replaces_old_findings(store: SQLiteStore) -> None:
    store.save_corpus(Corpus(stories={"old": Story(id="old")}))
    store.save_corpus(Corpus(stories={"new": Story(id="new")}))
    assert store.get_story("old") is None and store.get_story("new") is not None


def test_full_text_search_finds_analyzed_text(store: SQLiteStore) -> None:
    a = make_article("Dockworkers in Port Alvar walked out at dawn.", title="Strike")
    store.add_articles([a])
    store.save_annotated([a])
    hits = store.search("dockworkers")
    assert hits and hits[0][0] == a.id and "[Dockworkers]" in hits[0][1]


def test_bad_search_query_is_a_clear_error(store: SQLiteStore) -> None:
    with pytest.raises(StoreError, match="unbalanced double quote"):
        store.search('"unbalanced')
    with pytest.raises(StoreError, match="bad search query 'NATO AND \\(': fts5: syntax error"):
        store.search("NATO AND (")


def test_search_terms_with_punctuation_are_quoted_not_read_as_syntax(store: SQLiteStore) -> None:
    a = make_article("The fire started at Pier-4 of the U.S. terminal.", title="Fire")
    store.add_articles([a])
    store.save_annotated([a])
    assert [hit[0] for hit in store.search("Pier-4")] == [a.id]
    assert [hit[0] for hit in store.search("U.S. AND fire")] == [a.id]


def test_errors_are_deduplicated(store: SQLiteStore) -> None:
    store.record_errors([ErrorRecord("x.txt", "empty file"), ErrorRecord("x.txt", "empty file")])
    assert store.errors() == [ErrorRecord("x.txt", "empty file")]


def test_new_store_is_in_wal_mode_with_current_schema(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "wal.db")
    store.close()
    db = sqlite3.connect(tmp_path / "wal.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_store_from_a_newer_storylens_is_refused(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "future.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this storylens"):
        SQLiteStore(tmp_path / "future.db")


def test_open_store_accepts_paths_and_sqlite_urls(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/u.db") as store:
        assert store.url.endswith("u.db")
    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store("postgresql://localhost/news")
    with pytest.raises(StoreError, match="unsupported store URL"):
        open_store("mongodb://x")


def test_not_a_database_file_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"bogus\.db"):
        SQLiteStore(bogus)


def test_files_are_registered_with_the_batch_that_holds_their_articles(store: SQLiteStore) -> None:
    registered = IngestedFile("/in/a.jsonl", size=10, mtime_ns=5, sha256="ab", reader_key="k")
    store.add_articles([make_article("The ferry left at dawn.", source="/in/a.jsonl")], [registered])
    assert store.ingested_file("/in/a.jsonl") == registered
    assert store.ingested_file("/in/other.jsonl") is None
    assert store.count_ingested_files() == 1


def test_registering_a_file_again_replaces_its_old_state(store: SQLiteStore) -> None:
    store.add_articles([], [IngestedFile("/in/a.txt", 10, 5, "old", "k")])
    store.add_articles([], [IngestedFile("/in/a.txt", 12, 9, "new", "k")])
    assert store.ingested_file("/in/a.txt") == IngestedFile("/in/a.txt", 12, 9, "new", "k")
    assert store.count_ingested_files() == 1


def test_a_failed_batch_registers_none_of_its_files(store: SQLiteStore) -> None:
    broken = make_article("A body.")
    broken.source = None  # type: ignore[assignment]  # violates NOT NULL on purpose
    with pytest.raises(sqlite3.IntegrityError):
        store.add_articles([broken], [IngestedFile("/in/a.txt", 1, 1, "x", "k")])
    assert store.ingested_file("/in/a.txt") is None and store.count_articles() == 0


def test_version_1_store_is_upgraded_with_the_file_registry(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
    upgraded = SQLiteStore(path)
    assert upgraded.schema_version() == SCHEMA_VERSION >= 2
    assert upgraded.count_ingested_files() == 0
    upgraded.close()


def test_articles_by_id_are_found_by_their_key_not_by_scanning_every_analyzed_article(store: SQLiteStore) -> None:
    """A run reads its working set and report by id: a plan through the `status` index would read the whole
    store for every chunk of ids, so a run's cost would grow with the store."""
    articles = [make_article(f"Harbour report number {n}.") for n in range(3)]
    store.add_articles(articles)
    store.save_annotated(articles)
    query = ANALYZED_BY_ID.format(columns="rowid, data", ids=", ".join("?" * ID_CHUNK))  # a full chunk of ids
    plan = " ".join(
        str(row) for row in store._db.execute(f"EXPLAIN QUERY PLAN {query}", [str(n) for n in range(ID_CHUNK)])
    )
    assert "(id=?)" in plan and "status" not in plan
    assert [a.id for _, a in store.analyzed_articles([articles[0].id, "no-such-id"])] == [articles[0].id]


def test_a_keys_earliest_holders_are_read_through_the_holders_index_without_sorting(store: SQLiteStore) -> None:
    """A key shared by much of the store must cost `per_key` index rows: no scan of its holders, no sort."""
    plan = " ".join(str(row) for row in store._db.execute(f"EXPLAIN QUERY PLAN {HOLDERS_OF_KEY}", (7, 65)))
    assert "lookup_keys_holders" in plan and "TEMP B-TREE" not in plan
