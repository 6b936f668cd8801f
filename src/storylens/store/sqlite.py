"""The embedded default store: one SQLite file, WAL mode, FTS5 over article text.

Articles are rows keyed by their content-hash id, with the full annotated
article as JSON beside the columns people query. Corpus-level findings
(stories, entities, copy groups) are JSON rows replaced as a whole at the end
of each run. The schema is versioned with `PRAGMA user_version` and upgraded
by the ordered `MIGRATIONS` list.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storylens.model import Article, CopyGroup, Corpus, Entity, ErrorRecord, Story, from_dict, to_dict
from storylens.store.base import AddResult, IngestedFile, Store, StoreError, StorySummary

MIGRATIONS: list[str] = [
    # 1: initial schema
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        external_id TEXT,
        source TEXT NOT NULL,
        title TEXT,
        url TEXT,
        outlet TEXT,
        published TEXT,
        language TEXT,
        story_id TEXT,
        status TEXT NOT NULL DEFAULT 'ingested',
        data TEXT NOT NULL,
        added_at TEXT NOT NULL,
        analyzed_at TEXT
    );
    CREATE INDEX articles_status ON articles(status);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE TABLE article_sources (
        article_id TEXT NOT NULL REFERENCES articles(id),
        source TEXT NOT NULL,
        PRIMARY KEY (article_id, source)
    );
    CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, title, text);
    CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT, data TEXT NOT NULL);
    CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, data TEXT NOT NULL);
    CREATE TABLE copy_groups (id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE errors (
        source TEXT NOT NULL,
        error TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (source, error)
    );
    """,
    # 2: registry of fully ingested input files, so unchanged files are skipped unread
    """
    CREATE TABLE ingested_files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        reader_key TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    """,
    # 3: the external id of the input record behind each source (records with one text are one article)
    """
    ALTER TABLE article_sources ADD COLUMN external_id TEXT;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, separators=(",", ":"))


class SQLiteStore(Store):
    """`Store` on a single SQLite file (created with its parent folder when missing)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as error:
            raise StoreError(f"cannot open SQLite store {self.path}: {error}") from error

    # -- schema -----------------------------------------------------------------

    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this storylens ({SCHEMA_VERSION}):"
                " upgrade storylens"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._transaction():
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- articles ---------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], files: Iterable[IngestedFile] = ()) -> AddResult:
        result = AddResult()
        with self._transaction() as db:
            for article in articles:
                exists = db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone()
                if exists:
                    result.known_ids.append(article.id)
                else:
                    if not article.sources:
                        article.sources = [article.source]
                    db.execute(
                        "INSERT INTO articles (id, external_id, source, title, url, outlet, published, language,"
                        " status, data, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ingested', ?, ?)",
                        (
                            article.id,
                            article.external_id,
                            article.source,
                            article.title,
                            article.url,
                            article.outlet,
                            article.published,
                            article.language,
                            _dumps(article),
                            _now(),
                        ),
                    )
                    result.new_ids.append(article.id)
                for source in dict.fromkeys([article.source, *article.sources]):
                    db.execute(
                        "INSERT OR IGNORE INTO article_sources (article_id, source, external_id) VALUES (?, ?, ?)",
                        (article.id, source, article.source_external_ids.get(source)),
                    )
            db.executemany(
                "INSERT OR REPLACE INTO ingested_files (path, size, mtime_ns, sha256, reader_key, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(f.path, f.size, f.mtime_ns, f.sha256, f.reader_key, _now()) for f in files],
            )
        return result

    def ingested_file(self, path: str) -> IngestedFile | None:
        row = self._db.execute(
            "SELECT path, size, mtime_ns, sha256, reader_key FROM ingested_files WHERE path = ?", (path,)
        ).fetchone()
        return IngestedFile(*row) if row else None

    def count_ingested_files(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM ingested_files").fetchone()[0])

    def _sources(self, article_id: str) -> list[tuple[str, str | None]]:
        """The article's input sources in the order they arrived, each with its record's external id."""
        rows = self._db.execute(
            "SELECT source, external_id FROM article_sources WHERE article_id = ? ORDER BY rowid", (article_id,)
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def _article_from_row(self, data: str) -> Article:
        article = from_dict(Article, json.loads(data))
        sources = self._sources(article.id)
        if sources:
            article.sources = [source for source, _ in sources]
            article.source_external_ids = {source: external for source, external in sources if external}
        return article

    def pending_articles(self) -> list[Article]:
        rows = self._db.execute("SELECT data FROM articles WHERE status = 'ingested' ORDER BY rowid").fetchall()
        return [self._article_from_row(row[0]) for row in rows]

    def save_annotated(self, articles: Iterable[Article]) -> None:
        with self._transaction() as db:
            for article in articles:
                self._update_article(db, article)
                db.execute(
                    "UPDATE articles SET status = 'analyzed', analyzed_at = ? WHERE id = ?", (_now(), article.id)
                )

    def _update_article(self, db: sqlite3.Connection, article: Article) -> None:
        db.execute(
            "UPDATE articles SET title = ?, url = ?, outlet = ?, published = ?, language = ?, story_id = ?, data = ?"
            " WHERE id = ?",
            (
                article.title,
                article.url,
                article.outlet,
                article.published,
                article.language,
                article.story_id,
                _dumps(article),
                article.id,
            ),
        )
        db.execute("DELETE FROM article_search WHERE article_id = ?", (article.id,))
        db.execute(
            "INSERT INTO article_search (article_id, title, text) VALUES (?, ?, ?)",
            (article.id, article.title or "", article.text),
        )

    def mark_failed(self, article_ids: Iterable[str]) -> None:
        with self._transaction() as db:
            for article_id in article_ids:
                db.execute("UPDATE articles SET status = 'failed' WHERE id = ?", (article_id,))

    def count_articles(self, status: str | None = None) -> int:
        if status is None:
            return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        return int(self._db.execute("SELECT COUNT(*) FROM articles WHERE status = ?", (status,)).fetchone()[0])

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article_from_row(row[0]) if row else None

    # -- corpus -----------------------------------------------------------------

    def load_corpus(self) -> Corpus:
        corpus = Corpus()
        for (data,) in self._db.execute("SELECT data FROM articles WHERE status = 'analyzed' ORDER BY rowid"):
            article = self._article_from_row(data)
            corpus.articles[article.id] = article
        for (data,) in self._db.execute("SELECT data FROM stories ORDER BY id"):
            story = from_dict(Story, json.loads(data))
            corpus.stories[story.id] = story
        for (data,) in self._db.execute("SELECT data FROM entities ORDER BY id"):
            entity = from_dict(Entity, json.loads(data))
            corpus.entities[entity.id] = entity
        for (data,) in self._db.execute("SELECT data FROM copy_groups ORDER BY id"):
            group = from_dict(CopyGroup, json.loads(data))
            corpus.copy_groups[group.id] = group
        corpus.errors = self.errors()
        return corpus

    def save_corpus(self, corpus: Corpus) -> None:
        with self._transaction() as db:
            for article in corpus.articles.values():
                self._update_article(db, article)
            db.execute("DELETE FROM stories")
            db.executemany(
                "INSERT INTO stories (id, title, data) VALUES (?, ?, ?)",
                [(s.id, s.title, _dumps(s)) for s in corpus.stories.values()],
            )
            db.execute("DELETE FROM entities")
            db.executemany(
                "INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)",
                [(e.id, e.name, e.type, _dumps(e)) for e in corpus.entities.values()],
            )
            db.execute("DELETE FROM copy_groups")
            db.executemany(
                "INSERT INTO copy_groups (id, data) VALUES (?, ?)",
                [(g.id, _dumps(g)) for g in corpus.copy_groups.values()],
            )

    # -- errors -----------------------------------------------------------------

    def record_errors(self, errors: Iterable[ErrorRecord]) -> None:
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO errors (source, error, recorded_at) VALUES (?, ?, ?)",
                [(e.source, e.error, _now()) for e in errors],
            )

    def errors(self) -> list[ErrorRecord]:
        rows = self._db.execute("SELECT source, error FROM errors ORDER BY recorded_at, source").fetchall()
        return [ErrorRecord(source=row[0], error=row[1]) for row in rows]

    # -- reading back -------------------------------------------------------------

    def list_stories(self) -> list[StorySummary]:
        summaries = []
        for (data,) in self._db.execute("SELECT data FROM stories"):
            story = from_dict(Story, json.loads(data))
            summaries.append(
                StorySummary(
                    id=story.id,
                    title=story.title,
                    articles=len(story.article_ids),
                    outlets=story.outlets,
                    first_published=story.first_published,
                    last_published=story.last_published,
                )
            )
        summaries.sort(key=lambda s: (-s.articles, s.first_published or "", s.id))
        return summaries

    def get_story(self, story_id: str) -> Story | None:
        row = self._db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return from_dict(Story, json.loads(row[0])) if row else None

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        try:
            rows = self._db.execute(
                "SELECT article_id, snippet(article_search, 2, '[', ']', '…', 12) FROM article_search"
                " WHERE article_search MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise StoreError(f"bad search query {query!r}: {error}") from error
        return [(row[0], row[1]) for row in rows]

    def close(self) -> None:
        self._db.close()
