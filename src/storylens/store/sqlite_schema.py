"""The SQLite store's schema as an ordered list of migrations: the schema version is `PRAGMA user_version`,
the number of migrations applied, and a store is upgraded by running the ones after it in order."""

from __future__ import annotations

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
    # 3: which analyzed articles the corpus steps have placed, so a run places only the rest
    """
    ALTER TABLE articles ADD COLUMN grouped INTEGER NOT NULL DEFAULT 0;
    UPDATE articles SET grouped = 1 WHERE status = 'analyzed' AND story_id IS NOT NULL;
    CREATE INDEX articles_ungrouped ON articles(status, grouped);
    CREATE INDEX articles_published ON articles(published);
    """,
    # 4: the external id of the input record behind each source (records with one text are one article)
    """
    ALTER TABLE article_sources ADD COLUMN external_id TEXT;
    """,
    # 5: what the web server pages and filters on without loading the corpus (store/reads.py)
    """
    ALTER TABLE stories ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN first_published TEXT;
    ALTER TABLE stories ADD COLUMN last_published TEXT;
    UPDATE stories SET size = json_array_length(data, '$.article_ids'),
        first_published = json_extract(data, '$.first_published'),
        last_published = json_extract(data, '$.last_published');
    CREATE INDEX stories_order ON stories(size DESC, first_published, id);
    CREATE TABLE findings (
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
        data TEXT NOT NULL
    );
    INSERT INTO findings
        SELECT 'mention', a.id, a.story_id, a.outlet, a.published, json_extract(m.value, '$.start'),
            json_extract(m.value, '$.end'), json_extract(m.value, '$.entity_id'), json_extract(m.value, '$.text'),
            NULL, m.value
        FROM articles a, json_each(a.data, '$.mentions') m
        WHERE a.status = 'analyzed' AND json_extract(m.value, '$.entity_id') IS NOT NULL;
    INSERT INTO findings
        SELECT 'quote', a.id, a.story_id, a.outlet, a.published, json_extract(q.value, '$.start'),
            json_extract(q.value, '$.end'), json_extract(q.value, '$.speaker.entity_id'),
            json_extract(q.value, '$.text'), json_extract(q.value, '$.speaker.text'), q.value
        FROM articles a, json_each(a.data, '$.quotes') q WHERE a.status = 'analyzed';
    INSERT INTO findings
        SELECT 'claim', a.id, a.story_id, a.outlet, a.published, json_extract(c.value, '$.start'),
            json_extract(c.value, '$.end'), NULL, json_extract(c.value, '$.text'), NULL, c.value
        FROM articles a, json_each(a.data, '$.claims') c WHERE a.status = 'analyzed';
    CREATE INDEX findings_entity ON findings(entity_id, kind);
    CREATE INDEX findings_order ON findings(kind, published, article_id, start_char);
    CREATE INDEX findings_article ON findings(article_id);
    CREATE INDEX findings_story ON findings(story_id, kind);
    ALTER TABLE entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
    UPDATE entities SET mentions = (SELECT COUNT(*) FROM findings f WHERE f.kind = 'mention'
        AND f.entity_id = entities.id);
    CREATE INDEX entities_order ON entities(mentions DESC, name, id);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_language ON articles(language);
    CREATE INDEX articles_story_camp ON articles(story_id, json_extract(data, '$.metadata.camp'));
    CREATE INDEX articles_camp ON articles(json_extract(data, '$.metadata.camp'));
    """,
    # 6: what a run's working set is found by (storylens/working_set.py): copy lookup keys, live stories by span
    # (the keys of the articles already grouped are filled in by `_backfill_lookup_keys`)
    """
    CREATE TABLE lookup_keys (
        key INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX lookup_keys_article ON lookup_keys(article_id);
    CREATE INDEX stories_span ON stories(last_published, first_published);
    """,
    # 7: each holder's publication date with its lookup key (undated: '9999', last), so a run reads a key's
    # earliest holders only (`lookup_key_rows(per_key=...)`), not every article of the store that shares it
    """
    ALTER TABLE lookup_keys ADD COLUMN published TEXT NOT NULL DEFAULT '9999';
    UPDATE lookup_keys SET published = COALESCE(
        (SELECT NULLIF(a.published, '') FROM articles a WHERE a.id = lookup_keys.article_id), '9999');
    CREATE INDEX lookup_keys_holders ON lookup_keys(key, published, article_id);
    """,
    # 8: what produced each analyzed article's findings (`config.analysis_fingerprint`; NULL: analyzed before
    # it was recorded), indexed so a run counts the articles other settings made from the index alone
    """
    ALTER TABLE articles ADD COLUMN fingerprint TEXT;
    CREATE INDEX articles_fingerprint ON articles(status, fingerprint);
    """,
]


LOOKUP_KEYS_MIGRATION = 6  # after this migration, the grouped articles' lookup keys are backfilled


SCHEMA_VERSION = len(MIGRATIONS)
