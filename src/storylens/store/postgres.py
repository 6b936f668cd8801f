"""The server store: PostgreSQL, for stores many processes or machines write to at once.

Same `Store` contract as the SQLite file store (the shared contract tests in
tests/store/ run against both). What the server adds:

- full-text search with PostgreSQL's own `tsvector`, each article indexed with
  the text-search configuration of its language (`english`, `french`, ...;
  `simple` for languages PostgreSQL has no stemmer for), one GIN index;
- a connection pool (psycopg_pool), so the web UI and API can share one store;
- versioned migrations (table `storylens_schema`), applied under an advisory
  lock so two processes opening a new database at once do not race;
- concurrent writers: inserts are `ON CONFLICT DO NOTHING` (two processes
  ingesting the same article store it once), and the corpus phase of a run
  (load ungrouped articles, place them, write back) holds a database-wide
  advisory lock (`corpus_lock`), so two `analyze` runs never place the same
  articles twice nor overwrite each other's stories.

Needs the `postgres` extra: `pip install 'storylens[postgres]'`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from storylens.model import Article, CopyGroup, Corpus, Entity, ErrorRecord, Story, from_dict, to_dict
from storylens.store.base import (
    SEARCH_CANDIDATES,
    AddResult,
    IngestedFile,
    Store,
    StoreError,
    StorySummary,
    holder_rows,
    lookup_key_records,
    new_lookup_keys,
    story_summaries,
)
from storylens.store.reads import FINDING_COLUMNS, POSTGRES_DIALECT, STREAM_BATCH, finding_rows, story_columns

try:
    import psycopg
    from psycopg.types.json import Jsonb
    from psycopg_pool import ConnectionPool
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise StoreError(
        "the PostgreSQL store needs psycopg 3 and psycopg_pool: pip install 'storylens[postgres]'"
    ) from error

MIGRATION_LOCK = 0x5354_4F52_594C  # advisory lock ids: any fixed numbers unique to storylens
CORPUS_LOCK = 0x5354_4F52_594D

# Text-search configuration per language (ISO 639-1); PostgreSQL ships these stemmers. Others use `simple`.
SEARCH_CONFIGS = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}

MIGRATIONS: list[str] = [
    # 1: the schema of SQLite store version 3, with a tsvector per article instead of an FTS5 table
    """
    CREATE TABLE articles (
        seq BIGSERIAL UNIQUE,
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
        grouped BOOLEAN NOT NULL DEFAULT FALSE,
        data JSONB NOT NULL,
        added_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        analyzed_at TIMESTAMPTZ,
        search_config REGCONFIG NOT NULL DEFAULT 'simple',
        search TSVECTOR
    );
    CREATE INDEX articles_status ON articles(status, grouped);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_search ON articles USING GIN (search);
    CREATE TABLE article_sources (
        seq BIGSERIAL,
        article_id TEXT NOT NULL REFERENCES articles(id),
        source TEXT NOT NULL,
        PRIMARY KEY (article_id, source)
    );
    CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT, data JSONB NOT NULL);
    CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, data JSONB NOT NULL);
    CREATE TABLE copy_groups (id TEXT PRIMARY KEY, data JSONB NOT NULL);
    CREATE TABLE errors (
        source TEXT NOT NULL,
        error TEXT NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (source, error)
    );
    CREATE TABLE ingested_files (
        path TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        mtime_ns BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        reader_key TEXT NOT NULL,
        ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    # 2: the external id of the input record behind each source (records with one text are one article)
    """
    ALTER TABLE article_sources ADD COLUMN external_id TEXT
    """,
    # 3: what the web server pages and filters on without loading the corpus (store/reads.py)
    """
    ALTER TABLE stories ADD COLUMN size INTEGER NOT NULL DEFAULT 0, ADD COLUMN first_published TEXT,
        ADD COLUMN last_published TEXT;
    UPDATE stories SET size = jsonb_array_length(COALESCE(data->'article_ids', '[]'::jsonb)),
        first_published = data->>'first_published', last_published = data->>'last_published';
    CREATE INDEX stories_order ON stories(size DESC, first_published, id);
    CREATE TABLE findings (
        seq BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL,
        article_id TEXT NOT NULL,
        story_id TEXT,
        outlet TEXT,
        published TEXT,
        start_char INTEGER,
        end_char INTEGER,
        entity_id TEXT,
        text TEXT,
        speaker_text TEXT,
        data JSONB NOT NULL
    );
    INSERT INTO findings (kind, article_id, story_id, outlet, published, start_char, end_char, entity_id, text,
            speaker_text, data)
        SELECT 'mention', a.id, a.story_id, a.outlet, a.published, (m->>'start')::int, (m->>'end')::int,
            m->>'entity_id', m->>'text', NULL, m
        FROM articles a, jsonb_array_elements(COALESCE(a.data->'mentions', '[]'::jsonb)) m
        WHERE a.status = 'analyzed' AND m->>'entity_id' IS NOT NULL;
    INSERT INTO findings (kind, article_id, story_id, outlet, published, start_char, end_char, entity_id, text,
            speaker_text, data)
        SELECT 'quote', a.id, a.story_id, a.outlet, a.published, (q->>'start')::int, (q->>'end')::int,
            q->'speaker'->>'entity_id', q->>'text', q->'speaker'->>'text', q
        FROM articles a, jsonb_array_elements(COALESCE(a.data->'quotes', '[]'::jsonb)) q
        WHERE a.status = 'analyzed';
    INSERT INTO findings (kind, article_id, story_id, outlet, published, start_char, end_char, entity_id, text,
            speaker_text, data)
        SELECT 'claim', a.id, a.story_id, a.outlet, a.published, (c->>'start')::int, (c->>'end')::int,
            NULL, c->>'text', NULL, c
        FROM articles a, jsonb_array_elements(COALESCE(a.data->'claims', '[]'::jsonb)) c
        WHERE a.status = 'analyzed';
    CREATE INDEX findings_entity ON findings(entity_id, kind);
    CREATE INDEX findings_order ON findings(kind, published NULLS FIRST, article_id, start_char);
    CREATE INDEX findings_article ON findings(article_id);
    CREATE INDEX findings_story ON findings(story_id, kind);
    ALTER TABLE entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
    UPDATE entities SET mentions = (SELECT COUNT(*) FROM findings f WHERE f.kind = 'mention'
        AND f.entity_id = entities.id);
    CREATE INDEX entities_order ON entities(mentions DESC, name, id);
    CREATE INDEX articles_language ON articles(language);
    CREATE INDEX articles_story_camp ON articles(story_id, (data->'metadata'->>'camp'));
    CREATE INDEX articles_camp ON articles((data->'metadata'->>'camp'))
    """,
    # 4: search skips the languages a store has no article in by this index, not by testing every tsvector
    # (a seq scan matching a common word against 100k tsvectors, then dropping them all, took a second)
    """
    CREATE INDEX articles_search_config ON articles(search_config);
    ANALYZE articles
    """,
    # 5: what a run's working set is found by (storylens/working_set.py): copy lookup keys, live stories by span
    # (the keys of the articles already grouped are filled in by `_backfill_lookup_keys`)
    """
    CREATE TABLE lookup_keys (
        key BIGINT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (key, article_id)
    );
    CREATE INDEX lookup_keys_article ON lookup_keys(article_id);
    CREATE INDEX stories_span ON stories(last_published, first_published)
    """,
    # 6: each holder's publication date with its lookup key (undated: '9999', last), so a run reads a key's
    # earliest holders only (`lookup_key_rows(per_key=...)`), not every article of the store that shares it;
    # ordered byte-wise (COLLATE "C") as Python and SQLite order the dates and ids
    """
    ALTER TABLE lookup_keys ADD COLUMN published TEXT NOT NULL DEFAULT '9999';
    UPDATE lookup_keys k SET published = COALESCE(NULLIF(a.published, ''), '9999')
        FROM articles a WHERE a.id = k.article_id;
    CREATE INDEX lookup_keys_holders ON lookup_keys(key, published COLLATE "C", article_id COLLATE "C")
    """,
    # 7: what produced each analyzed article's findings (`config.analysis_fingerprint`; NULL: analyzed before
    # it was recorded), indexed so a run counts the articles other settings made from the index alone
    """
    ALTER TABLE articles ADD COLUMN fingerprint TEXT;
    CREATE INDEX articles_fingerprint ON articles(status, fingerprint)
    """,
]
LOOKUP_KEYS_MIGRATION = 5  # after this migration, the grouped articles' lookup keys are backfilled

SCHEMA_VERSION = len(MIGRATIONS)


def search_config(language: str | None) -> str:
    """The text-search configuration an article in `language` is indexed with."""
    return SEARCH_CONFIGS.get((language or "").split("-")[0].lower(), "simple")


def websearch_query(query: str) -> str:
    """An FTS5-style boolean query ("harbour AND fire", "fire NOT drill") in `websearch_to_tsquery` syntax,
    so one query works on both stores: AND is implied, OR is `or`, NOT is a leading `-`."""
    text = re.sub(r"\bAND\b", " ", query)
    text = re.sub(r"\bOR\b", " or ", text)
    return re.sub(r"\bNOT\s+", " -", text).strip()


def _json(value: Any) -> Jsonb:
    return Jsonb(to_dict(value))


class PostgresStore(Store):
    """`Store` on a PostgreSQL database (URL `postgresql://user:password@host:port/database`)."""

    dialect = POSTGRES_DIALECT
    _added_order = "seq"

    def __init__(self, url: str, pool_size: int = 4, read_only: bool = False) -> None:
        self.url = url
        self.pool_size = max(1, pool_size)
        try:
            self._pool = self._open_pool(read_only=False)
            self._migrate()
            if read_only:  # the schema is upgraded first; then every session refuses writes on the server side
                self._close_pool()
                self._pool = self._open_pool(read_only=True)
        except Exception as error:  # psycopg, pool time-outs, bad URLs: all mean the store cannot open
            if isinstance(error, StoreError):
                raise
            self._close_pool()
            raise StoreError(f"cannot open PostgreSQL store {_redacted(url)}: {error}") from error

    def _open_pool(self, read_only: bool) -> ConnectionPool[Any]:
        """A pool of autocommit sessions; read-only ones have `default_transaction_read_only` set by the server,
        so even a statement that slipped past the code (or an injected one) cannot write."""
        kwargs: dict[str, Any] = {"autocommit": True}
        if read_only:
            kwargs["options"] = "-c default_transaction_read_only=on"
        pool = ConnectionPool(self.url, min_size=1, max_size=self.pool_size, open=True, timeout=30, kwargs=kwargs)
        pool.wait(timeout=30)
        return pool

    def _close_pool(self) -> None:
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.close()

    # -- connections and schema -------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection[Any]]:
        with self._pool.connection() as connection, connection.transaction():
            yield connection

    def _query(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._pool.connection() as connection:
            return connection.execute(sql, tuple(parameters)).fetchall()  # type: ignore[arg-type]

    def _fetch(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return self._query(sql, parameters)

    def _stream(self, sql: str, parameters: Iterable[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """A query's rows a batch at a time through a server-side cursor (one transaction, one snapshot)."""
        with (
            self._pool.connection() as connection,
            connection.transaction(),
            connection.cursor(name="storylens_stream") as cursor,
        ):
            cursor.itersize = STREAM_BATCH
            cursor.execute(sql, tuple(parameters))  # type: ignore[arg-type]
            yield from cursor

    def _write_findings(self, db: psycopg.Connection[Any], articles: Iterable[Article]) -> None:
        """Replace the articles' rows in `findings` (what the web server lists quotes and mentions from), and
        move the stored mention counts of the entities by what these articles' rows added and removed.

        Recounting an entity's mentions instead reads every stored mention of it: an actor named in every
        tenth article costs a tenth of the store per run, so a run's cost would grow with the store.
        """
        articles = list(articles)
        rows = [row for article in articles for row in finding_rows(article)]
        counts: Counter[str] = Counter(row[7] for row in rows if row[0] == "mention")
        with db.cursor() as cursor:
            # a join with the id list, not `= ANY(list)`: with a long list that is a comparison per row and id
            cursor.execute(
                "DELETE FROM findings f USING unnest(%s::text[]) AS gone(id) WHERE f.article_id = gone.id"
                " RETURNING f.kind, f.entity_id",
                ([a.id for a in articles],),
            )
            counts.subtract(entity_id for kind, entity_id in cursor.fetchall() if kind == "mention" and entity_id)
            cursor.executemany(
                f"INSERT INTO findings ({FINDING_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
            cursor.executemany(
                "UPDATE entities SET mentions = mentions + %s WHERE id = %s",
                [(delta, entity_id) for entity_id, delta in sorted(counts.items()) if delta],
            )

    def schema_version(self) -> int:
        rows = self._query("SELECT to_regclass('storylens_schema') IS NOT NULL")
        if not rows[0][0]:
            return 0
        return int(self._query("SELECT version FROM storylens_schema")[0][0])

    def _migrate(self) -> None:
        with self._transaction() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            db.execute("CREATE TABLE IF NOT EXISTS storylens_schema (version INTEGER NOT NULL)")
            row = db.execute("SELECT version FROM storylens_schema").fetchone()
            if row is None:
                db.execute("INSERT INTO storylens_schema (version) VALUES (0)")
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{_redacted(self.url)} has schema version {version}, newer than this storylens"
                    f" ({SCHEMA_VERSION}): upgrade storylens"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)  # type: ignore[arg-type]
                if number == LOOKUP_KEYS_MIGRATION:
                    self._backfill_lookup_keys(db)
                db.execute("UPDATE storylens_schema SET version = %s", (number,))

    def _backfill_lookup_keys(self, db: psycopg.Connection[Any]) -> None:
        """Lookup keys of the articles a store made before the `lookup_keys` table had already grouped."""
        from storylens.working_set import backfill_rows

        def stored() -> Iterator[tuple[str, str, dict[str, object]]]:
            with db.cursor(name="storylens_backfill") as cursor:
                cursor.itersize = 1000
                cursor.execute(
                    "SELECT id, data->>'text', jsonb_build_object('copy_fingerprint',"
                    " data->'metadata'->'copy_fingerprint', 'copy_minhash', data->'metadata'->'copy_minhash')"
                    " FROM articles WHERE status = 'analyzed' AND grouped"
                )
                for article_id, text, metadata in cursor:
                    yield article_id, text, {k: v for k, v in metadata.items() if v is not None}

        with db.cursor() as writer:
            for rows in backfill_rows(stored()):
                writer.executemany(
                    "INSERT INTO lookup_keys (key, article_id) VALUES (%s, %s) ON CONFLICT DO NOTHING", rows
                )

    @contextmanager
    def corpus_lock(self) -> Iterator[None]:
        with self._pool.connection() as connection:
            connection.execute("SELECT pg_advisory_lock(%s)", (CORPUS_LOCK,))
            try:
                yield
            finally:
                connection.execute("SELECT pg_advisory_unlock(%s)", (CORPUS_LOCK,))

    # -- articles ---------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], files: Iterable[IngestedFile] = ()) -> AddResult:
        result = AddResult()
        with self._transaction() as db:
            for article in articles:
                if not article.sources:
                    article.sources = [article.source]
                inserted = db.execute(
                    "INSERT INTO articles (id, external_id, source, title, url, outlet, published, language, data)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING RETURNING id",
                    (
                        article.id,
                        article.external_id,
                        article.source,
                        article.title,
                        article.url,
                        article.outlet,
                        article.published,
                        article.language,
                        _json(article),
                    ),
                ).fetchone()
                (result.new_ids if inserted else result.known_ids).append(article.id)
                for source in dict.fromkeys([article.source, *article.sources]):
                    db.execute(
                        "INSERT INTO article_sources (article_id, source, external_id) VALUES (%s, %s, %s)"
                        " ON CONFLICT DO NOTHING",
                        (article.id, source, article.source_external_ids.get(source)),
                    )
            for f in files:
                db.execute(
                    "INSERT INTO ingested_files (path, size, mtime_ns, sha256, reader_key, ingested_at)"
                    " VALUES (%s, %s, %s, %s, %s, now()) ON CONFLICT (path) DO UPDATE SET size = EXCLUDED.size,"
                    " mtime_ns = EXCLUDED.mtime_ns, sha256 = EXCLUDED.sha256, reader_key = EXCLUDED.reader_key,"
                    " ingested_at = EXCLUDED.ingested_at",
                    (f.path, f.size, f.mtime_ns, f.sha256, f.reader_key),
                )
        return result

    def ingested_file(self, path: str) -> IngestedFile | None:
        rows = self._query(
            "SELECT path, size, mtime_ns, sha256, reader_key FROM ingested_files WHERE path = %s", (path,)
        )
        return IngestedFile(*rows[0]) if rows else None

    def count_ingested_files(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM ingested_files")[0][0])

    def _articles(self, where: str, parameters: Iterable[Any] = ()) -> list[Article]:
        """Articles (with all their sources) whose row matches `where`, in the order they were added."""
        rows = self._query(
            "SELECT a.data, COALESCE((SELECT array_agg(s.source ORDER BY s.seq) FROM article_sources s"
            " WHERE s.article_id = a.id), '{}'), COALESCE((SELECT jsonb_object_agg(s.source, s.external_id)"
            " FROM article_sources s WHERE s.article_id = a.id AND s.external_id IS NOT NULL), '{}'::jsonb)"
            f" FROM articles a WHERE {where} ORDER BY a.seq",
            parameters,
        )
        articles = []
        for data, sources, external_ids in rows:
            article = from_dict(Article, data)
            article.sources = list(sources) or article.sources
            article.source_external_ids = {**article.source_external_ids, **external_ids}
            articles.append(article)
        return articles

    def pending_articles(self) -> list[Article]:
        return self._articles("a.status = 'ingested'")

    def save_annotated(self, articles: Iterable[Article], fingerprint: str | None = None) -> None:
        articles = list(articles)
        with self._transaction() as db:
            for article in articles:
                config = search_config(article.language)
                db.execute(
                    "UPDATE articles SET title = %s, url = %s, outlet = %s, published = %s, language = %s,"
                    " story_id = %s, data = %s, status = 'analyzed', analyzed_at = now(), grouped = FALSE,"
                    " fingerprint = %s, search_config = %s::regconfig,"
                    " search = setweight(to_tsvector(%s::regconfig, %s), 'A') || to_tsvector(%s::regconfig, %s)"
                    " WHERE id = %s",
                    (
                        article.title,
                        article.url,
                        article.outlet,
                        article.published,
                        article.language,
                        article.story_id,
                        _json(article),
                        fingerprint,
                        config,
                        config,
                        article.title or "",
                        config,
                        article.text,
                        article.id,
                    ),
                )
            self._write_findings(db, articles)

    def mark_failed(self, article_ids: Iterable[str]) -> None:
        with self._transaction() as db:
            for article_id in article_ids:
                db.execute("UPDATE articles SET status = 'failed' WHERE id = %s", (article_id,))

    def count_articles(self, status: str | None = None) -> int:
        if status is None:
            return int(self._query("SELECT COUNT(*) FROM articles")[0][0])
        return int(self._query("SELECT COUNT(*) FROM articles WHERE status = %s", (status,))[0][0])

    def analyzed_elsewise(self, fingerprint: str, limit: int) -> list[Article]:
        where = (
            "a.id IN (SELECT id FROM articles WHERE status = 'analyzed' AND (fingerprint IS NULL OR fingerprint <> %s)"
            " ORDER BY seq LIMIT %s)"
        )
        return self._articles(where, (fingerprint, limit))

    def placed_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        rows = self._query(
            "SELECT id FROM articles WHERE id = ANY(%s) AND story_id IS NOT NULL", (sorted(set(article_ids)),)
        )
        return {row[0] for row in rows}

    def count_analyzed_elsewise(self, fingerprint: str) -> int:
        query = "SELECT COUNT(*) FROM articles WHERE status = 'analyzed' AND (fingerprint IS NULL OR fingerprint <> %s)"
        return int(self._query(query, (fingerprint,))[0][0])

    def get_article(self, article_id: str) -> Article | None:
        found = self._articles("a.id = %s", (article_id,))
        return found[0] if found else None

    # -- corpus -----------------------------------------------------------------

    def load_corpus(self) -> Corpus:
        corpus = Corpus()
        for article in self._articles("a.status = 'analyzed'"):
            corpus.articles[article.id] = article
        self._load_findings(corpus, None, None, None)
        corpus.errors = self.errors()
        return corpus

    def _load_findings(
        self, corpus: Corpus, story_ids: list[str] | None, entity_ids: list[str] | None, group_ids: list[str] | None
    ) -> None:
        """Stories, entities and copy groups into `corpus`: the ids given, or all of each kind for None."""
        for table, cls, ids, target in (
            ("stories", Story, story_ids, corpus.stories),
            ("entities", Entity, entity_ids, corpus.entities),
            ("copy_groups", CopyGroup, group_ids, corpus.copy_groups),
        ):
            if ids is None:
                rows = self._query(f"SELECT data FROM {table} ORDER BY id")
            else:
                rows = self._query(f"SELECT data FROM {table} WHERE id = ANY(%s) ORDER BY id", (ids,))
            for (data,) in rows:
                item = from_dict(cls, data)  # type: ignore[type-var]
                target[item.id] = item  # type: ignore[index]

    def ungrouped_article_ids(self) -> set[str]:
        return {row[0] for row in self._query("SELECT id FROM articles WHERE status = 'analyzed' AND NOT grouped")}

    def count_stories(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM stories")[0][0])

    def save_corpus(
        self, corpus: Corpus, article_ids: Iterable[str] | None = None, story_ids: Iterable[str] | None = None
    ) -> None:
        ids = corpus.articles.keys() if article_ids is None else [i for i in dict.fromkeys(article_ids)]
        changed = [corpus.articles[i] for i in ids if i in corpus.articles]
        with self._transaction() as db, db.cursor() as cursor:
            cursor.executemany(
                "UPDATE articles SET story_id = %s, data = %s WHERE id = %s",
                [(a.story_id, _json(a), a.id) for a in changed],
            )
            self._write_findings(db, changed)
            if story_ids is None:
                cursor.execute("DELETE FROM stories")
                stories = list(corpus.stories.values())
            else:
                wanted = set(story_ids)
                gone = [i for i in wanted if i not in corpus.stories]
                cursor.execute("DELETE FROM stories WHERE id = ANY(%s)", (gone,))
                stories = [corpus.stories[i] for i in sorted(wanted) if i in corpus.stories]
            self._upsert_stories(cursor, stories)
            cursor.execute("UPDATE articles SET grouped = TRUE WHERE id = ANY(%s)", (sorted(corpus.new_article_ids),))
            self._write_lookup_keys(cursor, new_lookup_keys(corpus), corpus)
            cursor.execute("DELETE FROM entities")
            cursor.executemany(
                "INSERT INTO entities (id, name, type, data) VALUES (%s, %s, %s, %s)",
                [(e.id, e.name, e.type, _json(e)) for e in corpus.entities.values()],
            )
            cursor.execute(
                "UPDATE entities SET mentions = (SELECT COUNT(*) FROM findings f"
                " WHERE f.kind = 'mention' AND f.entity_id = entities.id)"
            )
            cursor.execute("DELETE FROM copy_groups")
            cursor.executemany(
                "INSERT INTO copy_groups (id, data) VALUES (%s, %s)",
                [(g.id, _json(g)) for g in corpus.copy_groups.values()],
            )

    # -- the working set of a run ---------------------------------------------------

    def analyzed_articles(self, article_ids: Iterable[str]) -> list[tuple[int, Article]]:
        ids = sorted(set(article_ids))
        if not ids:
            return []
        positions = dict(self._query("SELECT id, seq FROM articles WHERE status = 'analyzed' AND id = ANY(%s)", (ids,)))
        found = self._articles("a.status = 'analyzed' AND a.id = ANY(%s)", (ids,))
        return [(int(positions[a.id]), a) for a in found]

    def lookup_key_rows(self, keys: Iterable[int], per_key: int | None = None) -> list[tuple[int, str, str | None]]:
        wanted = sorted(set(keys))
        if not wanted:
            return []
        # LIMIT NULL is no limit; the lateral subquery walks each key's `(key, published, article_id)` index
        rows = self._query(
            "SELECT w.key, h.article_id, h.published FROM unnest(%s::bigint[]) AS w(key) CROSS JOIN LATERAL"
            " (SELECT k.article_id, k.published FROM lookup_keys k WHERE k.key = w.key"
            ' ORDER BY k.published COLLATE "C", k.article_id COLLATE "C" LIMIT %s) h',
            (wanted, per_key),
        )
        return holder_rows(rows)

    def live_story_ids(self, span: tuple[str, str] | None) -> set[str]:
        if span is None:
            return {row[0] for row in self._query("SELECT id FROM stories")}
        rows = self._query(
            "SELECT id FROM stories WHERE last_published >= %s AND first_published < %s"
            " UNION SELECT id FROM stories WHERE last_published IS NULL OR first_published IS NULL",
            span,
        )
        return {row[0] for row in rows}

    def copy_groups_by_id(self, group_ids: Iterable[str]) -> dict[str, CopyGroup]:
        corpus = Corpus()
        self._load_findings(corpus, [], [], sorted(set(group_ids)))
        return corpus.copy_groups

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
        changed = [corpus.articles[i] for i in dict.fromkeys(article_ids) if i in corpus.articles]
        wanted = set(story_ids)
        with self._transaction() as db, db.cursor() as cursor:
            # entities first (an upsert keeps the stored mention count), then the findings move the counts
            cursor.executemany(
                "INSERT INTO entities (id, name, type, data) VALUES (%s, %s, %s, %s) ON CONFLICT (id) DO UPDATE"
                " SET name = EXCLUDED.name, type = EXCLUDED.type, data = EXCLUDED.data",
                [(e.id, e.name, e.type, _json(e)) for e in entities.values()],
            )
            cursor.executemany(
                "UPDATE articles SET story_id = %s, data = %s WHERE id = %s",
                [(a.story_id, _json(a), a.id) for a in changed],
            )
            self._write_findings(db, changed)
            cursor.execute("DELETE FROM stories WHERE id = ANY(%s)", ([i for i in wanted if i not in corpus.stories],))
            self._upsert_stories(cursor, [corpus.stories[i] for i in sorted(wanted) if i in corpus.stories])
            cursor.execute("UPDATE articles SET grouped = TRUE WHERE id = ANY(%s)", (sorted(corpus.new_article_ids),))
            self._write_lookup_keys(cursor, lookup_keys, corpus)
            cursor.execute(
                "DELETE FROM entities e WHERE e.id = ANY(%s) AND NOT EXISTS"
                " (SELECT 1 FROM findings f WHERE f.entity_id = e.id AND f.kind = 'mention')",
                (sorted(set(gone_entity_ids)),),
            )
            cursor.execute("DELETE FROM copy_groups WHERE id = ANY(%s)", (sorted(set(gone_copy_group_ids)),))
            cursor.executemany(
                "INSERT INTO copy_groups (id, data) VALUES (%s, %s)"
                " ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data",
                [(g.id, _json(g)) for g in copy_groups.values()],
            )

    @staticmethod
    def _upsert_stories(cursor: psycopg.Cursor[Any], stories: list[Story]) -> None:
        cursor.executemany(
            "INSERT INTO stories (id, title, data, size, first_published, last_published)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title,"
            " data = EXCLUDED.data, size = EXCLUDED.size, first_published = EXCLUDED.first_published,"
            " last_published = EXCLUDED.last_published",
            [(s.id, s.title, _json(s), *story_columns(s)) for s in stories],
        )

    @staticmethod
    def _write_lookup_keys(cursor: psycopg.Cursor[Any], keys: dict[str, list[int]], corpus: Corpus) -> None:
        cursor.execute("DELETE FROM lookup_keys WHERE article_id = ANY(%s)", (sorted(keys),))
        cursor.executemany(
            "INSERT INTO lookup_keys (key, article_id, published) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
            lookup_key_records(keys, corpus),
        )

    def load_view(
        self, story_ids: Iterable[str] | None = None, since: str | None = None, outlet: str | None = None
    ) -> Corpus:
        wanted = None if story_ids is None else sorted(set(story_ids))
        if since is not None or outlet is not None:
            names = None if outlet is None else self.stored_outlets_named(outlet)  # any case and spacing
            rows = self._query(
                "SELECT DISTINCT story_id FROM articles WHERE status = 'analyzed' AND story_id IS NOT NULL"
                " AND (%s::text IS NULL OR published >= %s) AND (%s::text[] IS NULL OR outlet = ANY(%s))",
                (since, since, names, names),
            )
            matching = {row[0] for row in rows}
            wanted = sorted(matching if wanted is None else matching & set(wanted))
        corpus = Corpus(errors=self.errors())
        self._load_findings(corpus, wanted, [], [])
        article_ids = sorted({i for story in corpus.stories.values() for i in story.article_ids})
        for article in self._articles("a.status = 'analyzed' AND a.id = ANY(%s)", (article_ids,)):
            corpus.articles[article.id] = article
        entity_ids = sorted({m.entity_id for a in corpus.articles.values() for m in a.mentions if m.entity_id})
        group_ids = sorted({a.copy_group for a in corpus.articles.values() if a.copy_group})
        self._load_findings(corpus, [], entity_ids, group_ids)
        return corpus

    # -- errors -----------------------------------------------------------------

    def record_errors(self, errors: Iterable[ErrorRecord]) -> None:
        with self._transaction() as db, db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO errors (source, error) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [(e.source, e.error) for e in errors],
            )

    def errors(self) -> list[ErrorRecord]:
        rows = self._query("SELECT source, error FROM errors ORDER BY recorded_at, source")
        return [ErrorRecord(source=row[0], error=row[1]) for row in rows]

    # -- reading back -------------------------------------------------------------

    def list_stories(self) -> list[StorySummary]:
        return story_summaries(from_dict(Story, data) for (data,) in self._query("SELECT data FROM stories"))

    def get_story(self, story_id: str) -> Story | None:
        rows = self._query("SELECT data FROM stories WHERE id = %s", (story_id,))
        return from_dict(Story, rows[0][0]) if rows else None

    def search(
        self, query: str, limit: int = 20, snippets: bool = True, candidates: int = SEARCH_CANDIDATES
    ) -> list[tuple[str, str]]:
        """Each language's articles are matched with the query parsed by that language's configuration
        (one index scan per configuration in use), best ranked first; snippets mark hits with [ ].

        `ts_rank` reads each match's whole tsvector, so it runs only on the first `candidates` matches
        (a LIMIT under the ranking: the scan stops there), and `ts_headline` reads the whole text, so only
        the `limit` best hits get a snippet."""
        ranked = (
            "SELECT c.id, c.search_config, c.q, ts_rank(c.search, c.q) AS rank"
            f" FROM ({self._matches('a.id, a.search_config, a.search, q')} LIMIT %(candidates)s) c"
        )
        best = f"SELECT * FROM ({ranked}) hits ORDER BY rank DESC, id LIMIT %(limit)s"
        if snippets:
            sql = (
                "SELECT best.id, ts_headline(best.search_config, a.data->>'text', best.q,"
                " 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, FragmentDelimiter=…, MaxFragments=1')"
                f" FROM ({best}) best JOIN articles a ON a.id = best.id ORDER BY best.rank DESC, best.id"
            )
        else:
            sql = f"SELECT best.id, '' FROM ({best}) best ORDER BY best.rank DESC, best.id"
        rows = self._search_rows(query, sql, {"limit": limit, "candidates": max(candidates, 0)})
        return [(row[0], row[1]) for row in rows]

    def count_search_hits(self, query: str, at_most: int) -> int:
        sql = f"SELECT count(*) FROM ({self._matches('1')} LIMIT %(at_most)s) c"
        return int(self._search_rows(query, sql, {"at_most": max(at_most, 0)})[0][0])

    @staticmethod
    def _matches(columns: str) -> str:
        """The articles matching `%(q)s`, each language's parsed by its own configuration (one branch each)."""
        return " UNION ALL ".join(
            f"SELECT {columns} FROM articles a, websearch_to_tsquery('{config}'::regconfig, %(q)s) q"
            f" WHERE a.search_config = '{config}'::regconfig AND a.search @@ q"
            for config in sorted({*SEARCH_CONFIGS.values(), "simple"})
        )

    def _search_rows(self, query: str, sql: str, parameters: dict[str, object]) -> list[Any]:
        try:
            with self._pool.connection() as connection:
                return connection.execute(sql, {"q": websearch_query(query), **parameters}).fetchall()  # type: ignore[arg-type]
        except psycopg.Error as error:
            raise StoreError(f"bad search query {query!r}: {error}") from error

    def close(self) -> None:
        self._close_pool()


def _redacted(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


__all__ = ["PostgresStore", "search_config", "websearch_query"]
