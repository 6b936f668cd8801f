"""The embedded default store: one SQLite file, WAL mode, FTS5 over article text.

Articles are rows keyed by their content-hash id, with the full annotated
article as JSON beside the columns people query. Corpus-level findings
(stories, entities, copy groups) are JSON rows replaced as a whole at the end
of each run. The schema is versioned with `PRAGMA user_version` and upgraded
by the ordered `MIGRATIONS` list (`sqlite_schema.py`); the checks on the file
itself (no store at the path, a busy lock) are in `sqlite_files.py`.
"""

from __future__ import annotations

import fcntl
import functools
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storylens.model import Article, CopyGroup, Corpus, Entity, ErrorRecord, Story, from_dict, to_dict
from storylens.store.base import (
    SEARCH_CANDIDATES,
    AddResult,
    IngestedFile,
    Store,
    StoreBusyError,
    StoreError,
    StorySummary,
    holder_rows,
    lookup_key_records,
    new_lookup_keys,
    story_summaries,
)
from storylens.store.fts import SearchQueryError, fts_query
from storylens.store.reads import FINDING_COLUMNS, SQLITE_DIALECT, STREAM_BATCH, finding_rows, story_columns
from storylens.store.sqlite_files import (
    BUSY_TIMEOUT_SECONDS,
    FIRST_BUSY_WAIT_SECONDS,
    check_store_file,
    create_empty_database,
    is_busy_error,
)
from storylens.store.sqlite_schema import LOOKUP_KEYS_MIGRATION, MIGRATIONS, SCHEMA_VERSION
from storylens.store.url import sqlite_url

BACKFILL_READ = 1000  # articles read at once while backfilling lookup keys


ID_CHUNK = 500  # ids per `IN (...)` query, well under SQLite's bound-parameter limit


# Analyzed articles by id. The unary `+` keeps SQLite off the `status` index: without table statistics it
# picks that index for a long id list and reads every analyzed article of the store for each chunk of ids,
# so reading a run's working set grew with the store (4.2 s -> 7.3 s of CPU from 10k to 100k articles for
# the same 3,761-article slice).
# A key's earliest holders, through the `(key, published, article_id)` index: one query per key, so a key that
# many articles share costs `per_key` index rows, not a scan of its holders.
HOLDERS_OF_KEY = (
    "SELECT key, article_id, published FROM lookup_keys WHERE key = ? ORDER BY published, article_id LIMIT ?"
)


ANALYZED_BY_ID = "SELECT {columns} FROM articles WHERE id IN ({ids}) AND +status = 'analyzed'"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _present(ids: Iterable[str], articles: dict[str, Article]) -> list[Article]:
    return [articles[i] for i in dict.fromkeys(ids) if i in articles]


def _dumps(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, separators=(",", ":"))


class SQLiteStore(Store):
    """`Store` on a single SQLite file (created with its parent folder when missing, if `create`).

    Every public method turns SQLite's errors into `StoreError`s naming the file (see
    `_wrap_sqlite_errors` at the end of this module): a corrupted or truncated store is then
    one clear line, not a traceback. A write that finds another writer holding the lock waits
    up to `busy_timeout` seconds, telling `on_busy` once that it waits, then raises `StoreBusyError`.
    """

    def __init__(
        self,
        path: str | Path,
        create: bool = True,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
        on_busy: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.url = sqlite_url(self.path)
        self.busy_timeout = busy_timeout
        self.on_busy = on_busy
        self.dialect = SQLITE_DIALECT
        check_store_file(self.path, create)
        try:
            if create and not self.path.exists():
                create_empty_database(self.path)
            first_wait = min(FIRST_BUSY_WAIT_SECONDS, busy_timeout)
            self._db = sqlite3.connect(self.path, timeout=first_wait, isolation_level=None)
        except (sqlite3.DatabaseError, OSError) as error:
            reason = getattr(error, "strerror", None) or error
            raise StoreError(f"cannot open SQLite store {self.path}: {reason}") from error
        try:
            self._check_is_storylens_store(create)
            self._with_busy_wait(lambda: self._db.execute("PRAGMA journal_mode=WAL"))
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise self._store_error(error) from error
        except StoreError:
            self._db.close()
            raise

    def _check_is_storylens_store(self, create: bool) -> None:
        """A SQLite file with foreign tables, or (for read commands) without ours, is not our store.

        The version and the tables are read in one read transaction: another process creating the same new
        store may commit its first migration between two separate reads, and version 0 beside its tables
        would look like a foreign database.
        """
        self._db.execute("BEGIN")  # deferred: takes no lock until the first read, so never busy here
        try:
            version = self.schema_version()
            tables = self._db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
        finally:
            self._db.execute("COMMIT")
        if version > 0:
            return
        if tables:
            raise StoreError(f"{self.path} is a SQLite database but not a storylens store: choose another --db path")
        if not create:
            raise StoreError(f"{self.path} holds no storylens store yet: create one with storylens analyze")

    def _store_error(self, error: sqlite3.Error) -> StoreError:
        """The one-line `StoreError` for a SQLite error on this store."""
        if is_busy_error(error):
            return StoreBusyError(
                f"store {self.path} is still busy after {self.busy_timeout:g} s: another process is writing to it;"
                " wait for it to finish, or use another --db"
            )
        detail = str(error)
        if "malformed" in detail or "not a database" in detail:
            return StoreError(
                f"store {self.path} is damaged ({detail}): restore it from a backup or re-run analyze into a new --db"
            )
        return StoreError(f"cannot use SQLite store {self.path}: {detail}")

    def _with_busy_wait(self, action: Callable[[], Any]) -> Any:
        """Run `action`; if another writer holds the lock, say so once and keep trying up to `busy_timeout`."""
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not is_busy_error(error) or self.busy_timeout <= FIRST_BUSY_WAIT_SECONDS:
                raise
        if self.on_busy is not None:
            self.on_busy(
                f"store {self.path} is busy (another process is writing to it); waiting up to {self.busy_timeout:g} s"
            )
        remaining_ms = int((self.busy_timeout - FIRST_BUSY_WAIT_SECONDS) * 1000)
        self._db.execute(f"PRAGMA busy_timeout = {remaining_ms}")
        try:
            return action()
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {int(FIRST_BUSY_WAIT_SECONDS * 1000)}")

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
        while version < SCHEMA_VERSION:
            with self._transaction():
                # Read again under the write lock: another process opening the same new store may have
                # applied this migration between our first look and the lock.
                version = self.schema_version()
                if version < SCHEMA_VERSION:
                    for statement in MIGRATIONS[version].split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    version += 1
                    if version == LOOKUP_KEYS_MIGRATION:
                        self._backfill_lookup_keys()
                    self._db.execute(f"PRAGMA user_version = {version}")

    def _backfill_lookup_keys(self) -> None:
        """Lookup keys of the articles a store made before the `lookup_keys` table had already grouped."""
        from storylens.working_set import backfill_rows

        cursor = self._db.execute(
            "SELECT id, json_extract(data, '$.text'), json_extract(data, '$.metadata.copy_fingerprint'),"
            " json_extract(data, '$.metadata.copy_minhash') FROM articles WHERE status = 'analyzed' AND grouped = 1"
        )

        def stored() -> Iterator[tuple[str, str, dict[str, object]]]:
            while rows := cursor.fetchmany(BACKFILL_READ):
                for article_id, text, fingerprint, sketch in rows:
                    metadata: dict[str, object] = {}
                    if fingerprint is not None:
                        metadata["copy_fingerprint"] = fingerprint
                    if sketch is not None:
                        metadata["copy_minhash"] = json.loads(sketch)
                    yield article_id, text, metadata

        for rows in backfill_rows(stored()):
            self._db.executemany("INSERT OR IGNORE INTO lookup_keys (key, article_id) VALUES (?, ?)", rows)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._with_busy_wait(lambda: self._db.execute("BEGIN IMMEDIATE"))
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def corpus_lock(self) -> Iterator[None]:
        """An exclusive lock on `<file>-lock` beside the store (released by the OS if the process dies)."""
        with open(f"{self.path}-lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

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

    def save_annotated(self, articles: Iterable[Article], fingerprint: str | None = None) -> None:
        with self._transaction() as db:
            for article in articles:
                self._update_article(db, article)
                db.execute(
                    "UPDATE articles SET status = 'analyzed', analyzed_at = ?, fingerprint = ?, grouped = 0"
                    " WHERE id = ?",
                    (_now(), fingerprint, article.id),
                )

    def analyzed_elsewise(self, fingerprint: str, limit: int) -> list[Article]:
        rows = self._db.execute(
            "SELECT data FROM articles WHERE status = 'analyzed' AND (fingerprint IS NULL OR fingerprint != ?)"
            " ORDER BY rowid LIMIT ?",
            (fingerprint, limit),
        ).fetchall()
        return [self._article_from_row(row[0]) for row in rows]

    def placed_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        placed: set[str] = set()
        ids = sorted(set(article_ids))
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start : start + ID_CHUNK]
            query = f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))}) AND story_id IS NOT NULL"
            placed.update(row[0] for row in self._db.execute(query, chunk))
        return placed

    def count_analyzed_elsewise(self, fingerprint: str) -> int:
        row = self._db.execute(
            "SELECT COUNT(*) FROM articles WHERE status = 'analyzed' AND (fingerprint IS NULL OR fingerprint != ?)",
            (fingerprint,),
        ).fetchone()
        return int(row[0])

    def _update_article(self, db: sqlite3.Connection, article: Article) -> None:
        status = db.execute("SELECT status FROM articles WHERE id = ?", (article.id,)).fetchone()
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
        self._write_findings(db, [article])
        if status is None or status[0] != "ingested":
            # Only an article analyzed before has a search row. Finding it reads the whole index (article_id is
            # not an indexed FTS column), so skipping it for new articles keeps a big first analysis linear.
            db.execute("DELETE FROM article_search WHERE article_id = ?", (article.id,))
        db.execute(
            "INSERT INTO article_search (article_id, title, text) VALUES (?, ?, ?)",
            (article.id, article.title or "", article.text),
        )

    def _write_findings(self, db: sqlite3.Connection, articles: Iterable[Article]) -> None:
        """Replace the articles' rows in `findings` (what the web server lists quotes and mentions from), and
        move the stored mention counts of the entities by what these articles' rows added and removed.

        Recounting an entity's mentions instead reads every stored mention of it: an actor named in every
        tenth article costs a tenth of the store per run, so a run's cost would grow with the store.
        """
        counts: Counter[str] = Counter()
        for article in articles:
            removed = db.execute(
                "SELECT entity_id, COUNT(*) FROM findings WHERE article_id = ? AND kind = 'mention'"
                " AND entity_id IS NOT NULL GROUP BY entity_id",
                (article.id,),
            )
            counts.subtract(dict(removed.fetchall()))
            db.execute("DELETE FROM findings WHERE article_id = ?", (article.id,))
            rows = finding_rows(article)
            counts.update(row[7] for row in rows if row[0] == "mention")
            db.executemany(f"INSERT INTO findings ({FINDING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany(
            "UPDATE entities SET mentions = mentions + ? WHERE id = ?",
            [(delta, entity_id) for entity_id, delta in sorted(counts.items()) if delta],
        )

    def _fetch(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return self._db.execute(sql, tuple(parameters)).fetchall()

    def _stream(self, sql: str, parameters: Iterable[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """A query's rows a batch at a time; one statement reads one WAL snapshot while writers go on."""
        cursor = self._db.execute(sql, tuple(parameters))
        try:
            while rows := cursor.fetchmany(STREAM_BATCH):
                yield from rows
        finally:
            cursor.close()

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

    def ungrouped_article_ids(self) -> set[str]:
        rows = self._db.execute("SELECT id FROM articles WHERE status = 'analyzed' AND grouped = 0").fetchall()
        return {row[0] for row in rows}

    def count_stories(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    def save_corpus(
        self, corpus: Corpus, article_ids: Iterable[str] | None = None, story_ids: Iterable[str] | None = None
    ) -> None:
        changed = corpus.articles.values() if article_ids is None else _present(article_ids, corpus.articles)
        with self._transaction() as db:
            db.executemany(
                "UPDATE articles SET story_id = ?, data = ? WHERE id = ?",
                [(a.story_id, _dumps(a), a.id) for a in changed],
            )
            self._write_findings(db, changed)
            if story_ids is None:
                db.execute("DELETE FROM stories")
                db.executemany(
                    "INSERT INTO stories (id, title, data, size, first_published, last_published)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [(s.id, s.title, _dumps(s), *story_columns(s)) for s in corpus.stories.values()],
                )
            else:
                self._write_stories(db, corpus, story_ids)
            db.executemany("UPDATE articles SET grouped = 1 WHERE id = ?", [(i,) for i in corpus.new_article_ids])
            self._write_lookup_keys(db, new_lookup_keys(corpus), corpus)
            db.execute("DELETE FROM entities")
            db.executemany(
                "INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)",
                [(e.id, e.name, e.type, _dumps(e)) for e in corpus.entities.values()],
            )
            db.execute(
                "UPDATE entities SET mentions = (SELECT COUNT(*) FROM findings f"
                " WHERE f.kind = 'mention' AND f.entity_id = entities.id)"
            )
            db.execute("DELETE FROM copy_groups")
            db.executemany(
                "INSERT INTO copy_groups (id, data) VALUES (?, ?)",
                [(g.id, _dumps(g)) for g in corpus.copy_groups.values()],
            )

    # -- the working set of a run ---------------------------------------------------

    def analyzed_articles(self, article_ids: Iterable[str]) -> list[tuple[int, Article]]:
        rows = self._rows_by_id(ANALYZED_BY_ID.format(columns="rowid, data", ids="{}"), sorted(set(article_ids)))
        return [(position, self._article_from_row(data)) for position, data in rows]

    def lookup_key_rows(self, keys: Iterable[int], per_key: int | None = None) -> list[tuple[int, str, str | None]]:
        wanted = sorted(set(keys))
        if per_key is None:
            rows = self._rows_by_id("SELECT key, article_id, published FROM lookup_keys WHERE key IN ({})", wanted)
        else:
            rows = [row for key in wanted for row in self._db.execute(HOLDERS_OF_KEY, (key, per_key))]
        return holder_rows(rows)

    def live_story_ids(self, span: tuple[str, str] | None) -> set[str]:
        if span is None:
            return {row[0] for row in self._db.execute("SELECT id FROM stories")}
        rows = self._db.execute(
            "SELECT id FROM stories WHERE last_published >= ? AND first_published < ?"
            " UNION SELECT id FROM stories WHERE last_published IS NULL OR first_published IS NULL",
            span,
        )
        return {row[0] for row in rows}

    def copy_groups_by_id(self, group_ids: Iterable[str]) -> dict[str, CopyGroup]:
        rows = self._rows_by_id("SELECT data FROM copy_groups WHERE id IN ({})", sorted(set(group_ids)))
        groups = (from_dict(CopyGroup, json.loads(data)) for (data,) in rows)
        return {group.id: group for group in groups}

    def save_changes(
        self,
        corpus: Corpus,
        article_ids: Iterable[str],
        story_ids: Iterable[str],
        *,
        entities: dict[str, Entity],
        gone_entity_ids: Iterable[str],
        copy_groups: dict[str, CopyGroup],
        gone_copy_group_ids: Iterable[str],
        lookup_keys: dict[str, list[int]],
    ) -> None:
        changed = _present(article_ids, corpus.articles)
        with self._transaction() as db:
            # entities first (an upsert keeps the stored mention count), then the findings move the counts
            db.executemany(
                "INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                " SET name = excluded.name, type = excluded.type, data = excluded.data",
                [(e.id, e.name, e.type, _dumps(e)) for e in entities.values()],
            )
            db.executemany(
                "UPDATE articles SET story_id = ?, data = ? WHERE id = ?",
                [(a.story_id, _dumps(a), a.id) for a in changed],
            )
            self._write_findings(db, changed)
            self._write_stories(db, corpus, story_ids)
            db.executemany(
                "UPDATE articles SET grouped = 1 WHERE id = ?", [(i,) for i in sorted(corpus.new_article_ids)]
            )
            self._write_lookup_keys(db, lookup_keys, corpus)
            db.executemany(
                "DELETE FROM entities WHERE id = ? AND NOT EXISTS"
                " (SELECT 1 FROM findings f WHERE f.entity_id = entities.id AND f.kind = 'mention')",
                [(i,) for i in sorted(set(gone_entity_ids))],
            )
            db.executemany("DELETE FROM copy_groups WHERE id = ?", [(i,) for i in sorted(set(gone_copy_group_ids))])
            db.executemany(
                "INSERT OR REPLACE INTO copy_groups (id, data) VALUES (?, ?)",
                [(g.id, _dumps(g)) for g in copy_groups.values()],
            )

    @staticmethod
    def _write_stories(db: sqlite3.Connection, corpus: Corpus, story_ids: Iterable[str]) -> None:
        """Write the named stories; a story id no longer in `corpus.stories` was merged away and is deleted."""
        for story_id in sorted(set(story_ids)):
            story = corpus.stories.get(story_id)
            if story is None:
                db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            else:
                db.execute(
                    "INSERT OR REPLACE INTO stories (id, title, data, size, first_published, last_published)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (story.id, story.title, _dumps(story), *story_columns(story)),
                )

    def _write_lookup_keys(self, db: sqlite3.Connection, keys: dict[str, list[int]], corpus: Corpus) -> None:
        db.executemany("DELETE FROM lookup_keys WHERE article_id = ?", [(i,) for i in keys])
        db.executemany(
            "INSERT OR IGNORE INTO lookup_keys (key, article_id, published) VALUES (?, ?, ?)",
            lookup_key_records(keys, corpus),
        )

    def load_view(
        self, story_ids: Iterable[str] | None = None, since: str | None = None, outlet: str | None = None
    ) -> Corpus:
        wanted = None if story_ids is None else set(story_ids)
        if since is not None or outlet is not None:
            query = "SELECT DISTINCT story_id FROM articles WHERE status = 'analyzed' AND story_id IS NOT NULL"
            parameters: list[str] = []
            if since is not None:
                query += " AND published >= ?"
                parameters.append(since)
            if outlet is not None:
                names = self.stored_outlets_named(outlet)  # any case and spacing of the name
                query += f" AND outlet IN ({', '.join('?' * len(names))})" if names else " AND 0"
                parameters += names
            matching = {row[0] for row in self._db.execute(query, parameters)}
            wanted = matching if wanted is None else wanted & matching
        corpus = Corpus(errors=self.errors())
        if wanted is None:
            story_rows: Iterable[tuple[str]] = self._db.execute("SELECT data FROM stories ORDER BY id")
        else:
            story_rows = self._rows_by_id("SELECT data FROM stories WHERE id IN ({})", sorted(wanted))
        for (data,) in story_rows:
            story = from_dict(Story, json.loads(data))
            corpus.stories[story.id] = story
        article_ids = sorted({i for story in corpus.stories.values() for i in story.article_ids})
        for (data,) in self._rows_by_id(ANALYZED_BY_ID.format(columns="data", ids="{}"), article_ids):
            article = self._article_from_row(data)
            corpus.articles[article.id] = article
        entity_ids = sorted({m.entity_id for a in corpus.articles.values() for m in a.mentions if m.entity_id})
        for (data,) in self._rows_by_id("SELECT data FROM entities WHERE id IN ({})", entity_ids):
            entity = from_dict(Entity, json.loads(data))
            corpus.entities[entity.id] = entity
        group_ids = sorted({a.copy_group for a in corpus.articles.values() if a.copy_group})
        for (data,) in self._rows_by_id("SELECT data FROM copy_groups WHERE id IN ({})", group_ids):
            group = from_dict(CopyGroup, json.loads(data))
            corpus.copy_groups[group.id] = group
        return corpus

    def _rows_by_id(self, query: str, ids: list[Any]) -> Iterator[tuple[Any, ...]]:
        """Run `query` (with one `IN ({})` placeholder) over `ids` in chunks."""
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start : start + ID_CHUNK]
            yield from self._db.execute(query.format(", ".join("?" * len(chunk))), chunk)

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

    def error_history(self) -> list[tuple[str, ErrorRecord]]:
        rows = self._db.execute("SELECT recorded_at, source, error FROM errors ORDER BY recorded_at, source")
        return [(row[0], ErrorRecord(source=row[1], error=row[2])) for row in rows.fetchall()]

    # -- reading back -------------------------------------------------------------

    def list_stories(self) -> list[StorySummary]:
        return story_summaries(
            from_dict(Story, json.loads(data)) for (data,) in self._db.execute("SELECT data FROM stories")
        )

    def get_story(self, story_id: str) -> Story | None:
        row = self._db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return from_dict(Story, json.loads(row[0])) if row else None

    def search(
        self, query: str, limit: int = 20, snippets: bool = True, candidates: int = SEARCH_CANDIDATES
    ) -> list[tuple[str, str]]:
        """FTS5 search; bare terms with punctuation are quoted (`fts_query`), so `Pier-4` finds "Pier-4".

        The candidates are the matches up to the `candidates`-th match's rowid (index order): a rowid range
        FTS5 applies while reading the doclists, so bm25 runs on at most that many rows."""
        match = fts_query(query)
        snippet = "snippet(article_search, 2, '[', ']', '…', 12)" if snippets else "''"
        last_candidate = (
            "SELECT max(rowid) FROM"
            " (SELECT rowid FROM article_search WHERE article_search MATCH ? ORDER BY rowid LIMIT ?)"
        )
        rows = self._search_rows(
            query,
            f"SELECT article_id, {snippet} FROM article_search WHERE article_search MATCH ?"
            f" AND rowid <= ({last_candidate}) ORDER BY rank LIMIT ?",
            (match, match, max(candidates, 0), limit),
        )
        return [(row[0], row[1]) for row in rows]

    def count_search_hits(self, query: str, at_most: int) -> int:
        rows = self._search_rows(
            query,
            "SELECT count(*) FROM (SELECT 1 FROM article_search WHERE article_search MATCH ? LIMIT ?)",
            (fts_query(query), max(at_most, 0)),
        )
        return int(rows[0][0])

    def _search_rows(self, query: str, sql: str, parameters: tuple[object, ...]) -> list[Any]:
        """Run a full-text statement; FTS5 syntax errors become a `SearchQueryError` that says how to fix them."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as error:
            raise SearchQueryError(
                f"bad search query {query!r}: {error}; quote phrases and terms with punctuation in double quotes,"
                " balance parentheses, and use AND, OR, NOT between terms"
            ) from error

    def set_query_only(self) -> None:
        """From now on this connection refuses writes (`PRAGMA query_only`); the schema is already upgraded."""
        self._db.execute("PRAGMA query_only = ON")

    def close(self) -> None:
        self._db.close()


def _wrap_sqlite_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method` with the errors of the file (busy, damaged, unreadable) raised as the store's one-line
    `StoreError`. Constraint and programming errors are bugs in storylens and stay as they are."""

    @functools.wraps(method)
    def wrapped(self: SQLiteStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as error:
            raise self._store_error(error) from error
        except sqlite3.DatabaseError as error:
            if type(error) is not sqlite3.DatabaseError:  # IntegrityError, ProgrammingError, ...
                raise
            raise self._store_error(error) from error

    return wrapped


# Every public method of the store: a damaged file or a busy lock met halfway through a command
# becomes one clear line naming the store, whichever method met it.
for _name in (
    "add_articles", "ingested_file", "count_ingested_files", "pending_articles", "save_annotated", "mark_failed",
    "count_articles", "get_article", "load_corpus", "ungrouped_article_ids", "count_stories", "save_corpus",
    "load_view", "record_errors", "errors", "error_history", "list_stories", "get_story", "search", "count_search_hits",
    "story_page", "stories_by_id", "story_ids_titled", "story_camps", "article_summaries",
    "distinct_article_values", "entities_by_id", "entity_page", "finding_page", "entity_story_ids",
    "count_findings", "count_entities", "story_ids_of", "analyzed_articles", "lookup_key_rows",
    "live_story_ids", "copy_groups_by_id", "save_changes", "count_analyzed_elsewise", "analyzed_elsewise",
    "placed_article_ids",
):  # fmt: skip
    setattr(SQLiteStore, _name, _wrap_sqlite_errors(getattr(SQLiteStore, _name)))
