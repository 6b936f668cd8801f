"""Build a big store fast from one prefilled by `benchmarks/scale.py`: replicas of its articles, older by years.

Prefilling through the pipeline costs ~25-50 ms of CPU per article (stand-in NER and the corpus steps), so
a store of 1,000,000 articles would take most of a day. A monitor's store is mostly old articles that no run
reads again, so this builds the old part by replication: replica r of the base store (its grouped
articles, their findings, stories, copy groups and lookup keys) is dated `r * span` days earlier, `span`
being the base's publication span plus a day, so no two replicas share a story window (the stories step's
time window and thread gap are weeks, the span months). Replica 0 is the base itself, unchanged. The
oldest replica is written first, so the store's insertion order follows publication order as a feed's does.

What a replica changes, and why its state is the one a run would leave for its articles:

- **text**: every all-lowercase word outside a mention span is enciphered with a per-replica letter
  permutation (same length, so every character offset stays valid; capitalised words, numbers and
  punctuation unchanged). Replicas are therefore not copies of each other or of the base (their word
  shingles differ, so no copy group links them), get their own ids (`article_id_for` of the replica number
  and the base id: the synthetic feed's own ids are salted hashes too), and
  their copy fingerprints, sketches and lookup keys are computed from their own text
  (`working_set.lookup_keys`, as a run's save does);
- **ids and dates**: article, story and copy-group ids are mapped to fresh ones wherever they appear (story
  members, copy groups, findings, mentions), every ISO date is moved back by the replica's offset;
- **entities**: shared with the base (the same fictional ministers and towns recur over the years, as real
  actors do), so an entity's stored mention count grows with the store;
- **analysis**: the base's (mentions, story signals, story and copy-group membership) carried over, not
  recomputed on the enciphered text. The stand-in NER reads capitalised spans, which the cipher leaves
  alone; a role word before a name is enciphered, so a real run on a replica's text could type a few
  mentions differently. No run reads a replica's text again: it is years out of every live window.

Rows are written straight into the store's tables (SQLite: executemany in one transaction per replica;
PostgreSQL: the same rows by COPY, the tsvector computed by the server as the store's own save does, the
secondary indexes dropped for the build and created at its end). `--check`
writes replica 1 both this way and through the store's own save path (`add_articles`, `save_annotated`,
`save_changes`) into two fresh stores and compares every table, row by row.

    python benchmarks/bulk_store.py --base base.db --to big.db --replicas 100   # base + 99 replicas: 1M
    python benchmarks/bulk_store.py --base base.db --to big.db postgresql://host/big --replicas 100  # both
    python benchmarks/bulk_store.py --base base.db --check
    python benchmarks/bulk_store.py --base base.db --compare-postgres postgresql://host/built-with-replicas-1
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sqlite3
import string
import tempfile
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from storylens.model import Article, CopyGroup, Corpus, Story, article_id_for, from_dict
from storylens.steps.copies import FINGERPRINT_KEY, SKETCH_KEY
from storylens.store import Store, open_store
from storylens.store.base import holder_date
from storylens.store.reads import FINDING_COLUMNS
from storylens.working_set import lookup_keys

REWRITTEN = re.compile(  # what a replica maps: article ids, story ids, ISO dates
    r"(?P<article>(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f]))|(?P<story>story-[0-9a-f]{8}(?![0-9a-f]))"
    r"|(?P<day>(?<!\d)\d{4}-\d{2}-\d{2}(?!\d))"
)
LOWER_WORD = re.compile(r"\b[a-z]+\b")


@dataclass
class Base:
    """The grouped content of the base store, as its rows."""

    articles: list[tuple[Any, ...]]  # id, external_id, source, title, url, outlet, published, language, story_id, data
    sources: list[tuple[str, str, str | None]]  # article_id, source, external_id
    findings: list[tuple[Any, ...]]  # FINDING_COLUMNS
    stories: list[tuple[Any, ...]]  # id, title, data, size, first_published, last_published
    copy_groups: list[tuple[str, str]]
    entities: list[tuple[Any, ...]]  # id, name, type, data, mentions
    keys: list[tuple[int, str, str]]
    span_days: int = 0
    mention_counts: Counter[str] = field(default_factory=Counter)


def read_base(path: str) -> Base:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    articles = db.execute(
        "SELECT id, external_id, source, title, url, outlet, published, language, story_id, data FROM articles"
        " WHERE status = 'analyzed' AND grouped = 1 ORDER BY rowid"
    ).fetchall()
    ids = {row[0] for row in articles}
    base = Base(
        articles=articles,
        sources=[
            r
            for r in db.execute("SELECT article_id, source, external_id FROM article_sources ORDER BY rowid")
            if r[0] in ids
        ],
        findings=[r for r in db.execute(f"SELECT {FINDING_COLUMNS} FROM findings ORDER BY rowid") if r[1] in ids],
        stories=db.execute(
            "SELECT id, title, data, size, first_published, last_published FROM stories ORDER BY id"
        ).fetchall(),
        copy_groups=db.execute("SELECT id, data FROM copy_groups ORDER BY id").fetchall(),
        entities=db.execute("SELECT id, name, type, data, mentions FROM entities ORDER BY id").fetchall(),
        keys=[r for r in db.execute("SELECT key, article_id, published FROM lookup_keys") if r[1] in ids],
    )
    days = [date.fromisoformat(row[6][:10]) for row in articles if row[6]]
    base.span_days = (max(days) - min(days)).days + 1
    base.mention_counts = Counter(row[7] for row in base.findings if row[0] == "mention" and row[7])
    return base


def sha1_hex(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def cipher_for(replica: int) -> dict[int, int]:
    """A per-replica permutation of a-z (same length, so character offsets keep their meaning)."""
    letters = list(string.ascii_lowercase)
    random.Random(f"bulk-store-{replica}").shuffle(letters)
    return str.maketrans(string.ascii_lowercase, "".join(letters))


def encipher(text: str, protected: list[tuple[int, int]], table: dict[int, int]) -> str:
    """`text` with each all-lowercase word outside the `protected` (start, end) spans enciphered by `table`."""
    pieces, at = [], 0
    for start, end in sorted(protected):
        if start > at:
            pieces.append(LOWER_WORD.sub(lambda m: m.group().translate(table), text[at:start]))
        if end > at:
            pieces.append(text[max(at, start) : end])
            at = end
    pieces.append(LOWER_WORD.sub(lambda m: m.group().translate(table), text[at:]))
    return "".join(pieces)


@dataclass
class Replica:
    """The rows of one replica, per table."""

    number: int
    articles: list[tuple[Any, ...]]  # as Base.articles, data re-encoded
    texts: dict[str, tuple[str, str]]  # id -> (title, text), for the search index
    sources: list[tuple[str, str, str | None]]
    findings: list[tuple[Any, ...]]
    stories: list[tuple[Any, ...]]
    copy_groups: list[tuple[str, str]]
    keys: list[tuple[int, str, str]]


class _Found:
    """A `REWRITTEN` match kept for reuse: what `replace` reads of a `re.Match` (its text and its group)."""

    __slots__ = ("lastgroup", "text")

    def __init__(self, match: re.Match[str]) -> None:
        self.text, self.lastgroup = match.group(), match.lastgroup

    def group(self) -> str:
        return self.text


_PIECES: dict[str, list[tuple[str, _Found | None]]] = {}


def _pieces(value: str) -> list[tuple[str, _Found | None]]:
    """`value` cut at its `REWRITTEN` matches: (text before, match) pairs, the last with no match.

    Where the matches are depends on the base string only, not on the replica, so each base string is scanned
    once per process and every replica joins the pieces with its own replacements (the regex scan of the
    articles' JSON was ~60% of a replica's CPU). The result is the same string `REWRITTEN.sub` gives."""
    found = _PIECES.get(value)
    if found is None:
        found, at = [], 0
        for match in REWRITTEN.finditer(value):
            found.append((value[at : match.start()], _Found(match)))
            at = match.end()
        found.append((value[at:], None))
        _PIECES[value] = found
    return found


def make_replica(base: Base, number: int) -> Replica:
    """Replica `number` of the base (0: the base unchanged)."""
    if number == 0:
        texts = [json.loads(row[9])["text"] for row in base.articles]
        return Replica(
            number=0,
            articles=base.articles,
            texts={row[0]: (row[3] or "", text) for row, text in zip(base.articles, texts, strict=True)},
            sources=base.sources,
            findings=base.findings,
            stories=base.stories,
            copy_groups=base.copy_groups,
            keys=base.keys,
        )
    days, moved, table = number * base.span_days, {}, cipher_for(number)  # type: ignore[var-annotated]
    ids = {row[0]: article_id_for(f"bulk-replica-{number}\n{row[0]}") for row in base.articles}
    # 12 hex digits, not the 8 of `story_signature.story_id_for`: 8 (32 bits) collide among the ~240,000 stories of a
    # 1M-article store (a 140,000-article build failed on a duplicate story id at replica 15)
    story_ids = {row[0]: "story-" + sha1_hex(f"{row[0]}:{number}")[:12] for row in base.stories}

    def replace(match: _Found) -> str:
        found = match.group()
        if match.lastgroup == "article":
            return ids.get(found, found)
        if match.lastgroup == "story":
            return story_ids.get(found, found)
        if found not in moved:
            try:
                moved[found] = (date.fromisoformat(found) - timedelta(days=days)).isoformat()
            except ValueError:
                moved[found] = found
        return moved[found]  # type: ignore[no-any-return]

    def rewrite(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return "".join(literal + (replace(match) if match else "") for literal, match in _pieces(value))

    source_of = {row[0]: f"bulk-replica-{number}/{row[2]}" for row in base.articles}
    articles, replica_articles, texts = [], [], []
    for row in base.articles:
        data = json.loads(rewrite(row[9]))
        text = encipher(data["text"], [(m["start"], m["end"]) for m in data.get("mentions", ())], table)
        data["text"] = text
        data["source"] = source_of[row[0]]
        data["sources"] = [source_of[row[0]]]
        data["source_external_ids"] = {}
        for key in (FINGERPRINT_KEY, SKETCH_KEY):
            data["metadata"].pop(key, None)
        texts.append(text)
        replica_articles.append(Article(id=data["id"], text=text, source=data["source"], metadata=data["metadata"]))
        articles.append(
            (data["id"], row[1], data["source"], row[3], row[4], row[5], rewrite(row[6]), row[7], rewrite(row[8]), data)
        )
    new_keys = lookup_keys(replica_articles)  # also stores the fingerprint and sketch in the metadata
    holder_dates = {row[0]: holder_date(row[6]) for row in articles}  # the key's holder date, as a run's save stores
    keys = [(key, article_id, holder_dates[article_id]) for article_id, values in new_keys.items() for key in values]
    articles = [(*row[:9], json.dumps(row[9], ensure_ascii=False, separators=(",", ":"))) for row in articles]
    sources = [(ids[a], source_of[a], None) for a, _, _ in base.sources]
    # a finding's JSON names its own article only (the prefill writes mentions): a plain replace is enough
    findings = [
        (kind, ids[a], story_ids.get(s, s), o, rewrite(p), start, end, entity, text, speaker, data.replace(a, ids[a]))
        for kind, a, s, o, p, start, end, entity, text, speaker, data in base.findings
    ]
    stories = [(rewrite(i), t, rewrite(d), size, rewrite(f), rewrite(last)) for i, t, d, size, f, last in base.stories]
    groups = [(rewrite(i), rewrite(d)) for i, d in base.copy_groups]
    return Replica(
        number=number,
        articles=articles,
        texts={row[0]: (row[3] or "", text) for row, text in zip(articles, texts, strict=True)},
        sources=sources,
        findings=findings,
        stories=stories,
        copy_groups=groups,
        keys=keys,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteWriter:
    """Writes replica rows into a SQLite store's tables, one transaction per replica."""

    def __init__(self, path: str) -> None:
        with open_store(path):  # creates the schema
            pass
        self.db = sqlite3.connect(path, isolation_level=None)
        # for the build only: no journal (a page is written once, not to the WAL and again at the checkpoint) and
        # a 6 GB cache (the random-keyed indexes of a big store stay in memory); `close` puts WAL back
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("PRAGMA cache_size = -6000000")

    def entities(self, rows: list[tuple[Any, ...]]) -> None:
        self.db.execute("BEGIN")
        self.db.executemany(
            "INSERT OR IGNORE INTO entities (id, name, type, data, mentions) VALUES (?, ?, ?, ?, 0)",
            [r[:4] for r in rows],
        )
        self.db.execute("COMMIT")

    def replica(self, replica: Replica, mention_counts: Counter[str]) -> None:
        db, now = self.db, _now()
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO articles (id, external_id, source, title, url, outlet, published, language, story_id,"
            " status, data, added_at, analyzed_at, grouped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'analyzed', ?, ?, ?, 1)",
            [(*row, now, now) for row in replica.articles],
        )
        db.executemany(
            "INSERT INTO article_sources (article_id, source, external_id) VALUES (?, ?, ?)", replica.sources
        )
        db.executemany(
            "INSERT INTO article_search (article_id, title, text) VALUES (?, ?, ?)",
            [(i, title, text) for i, (title, text) in replica.texts.items()],
        )
        db.executemany(
            f"INSERT INTO findings ({FINDING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", replica.findings
        )
        db.executemany(
            "INSERT INTO stories (id, title, data, size, first_published, last_published) VALUES (?, ?, ?, ?, ?, ?)",
            replica.stories,
        )
        db.executemany("INSERT INTO copy_groups (id, data) VALUES (?, ?)", replica.copy_groups)
        # sorted by key: two of the table's three B-trees start with the key, so the inserts visit their pages in
        # order instead of at random (the key inserts were 34-53% of a replica's write)
        db.executemany(
            "INSERT OR IGNORE INTO lookup_keys (key, article_id, published) VALUES (?, ?, ?)", sorted(replica.keys)
        )
        db.executemany(
            "UPDATE entities SET mentions = mentions + ? WHERE id = ?",
            [(count, entity_id) for entity_id, count in mention_counts.items()],
        )
        db.execute("COMMIT")

    def close(self) -> None:
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.close()


class PostgresWriter:
    """Writes replica rows into a PostgreSQL store's tables, one transaction per replica."""

    def __init__(self, url: str) -> None:
        import psycopg

        from storylens.store.postgres import search_config

        with open_store(url):  # creates the schema
            pass
        self.search_config = search_config
        self.db = psycopg.connect(url, autocommit=True)  # `transaction()` blocks are the transactions
        self.db.execute("SET synchronous_commit = off")  # the build's own commits: a crash loses the build anyway
        self.db.execute("SET maintenance_work_mem = '1GB'")  # the index builds at `close`
        self._drop_indexes()

    def _drop_indexes(self) -> None:
        """Drop the store's secondary indexes (GIN included) and the lookup keys' primary key for the build,
        their definitions kept in a table of the database, so `close` (or the next build, if this one dies)
        creates them again. Maintaining a GIN index and random-keyed B-trees row by row cost most of a
        replica's ~120 s; building each once over the whole table at the end is a sort."""
        with self.db.transaction():
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS bulk_dropped_indexes (name TEXT PRIMARY KEY, definition TEXT NOT NULL)"
            )
            self.db.execute(
                "INSERT INTO bulk_dropped_indexes SELECT i.indexname, i.indexdef FROM pg_indexes i"
                " WHERE i.schemaname = current_schema() AND i.tablename <> 'bulk_dropped_indexes'"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
                " ON CONFLICT DO NOTHING"
            )
            self.db.execute(
                "INSERT INTO bulk_dropped_indexes VALUES ('lookup_keys_pkey',"
                " 'ALTER TABLE lookup_keys ADD PRIMARY KEY (key, article_id)') ON CONFLICT DO NOTHING"
            )
            for (name,) in self.db.execute("SELECT name FROM bulk_dropped_indexes").fetchall():
                if name == "lookup_keys_pkey":
                    self.db.execute("ALTER TABLE lookup_keys DROP CONSTRAINT IF EXISTS lookup_keys_pkey")
                else:
                    self.db.execute(f'DROP INDEX IF EXISTS "{name}"')  # type: ignore[arg-type]

    def _create_indexes(self) -> None:
        rows = self.db.execute("SELECT name, definition FROM bulk_dropped_indexes ORDER BY name").fetchall()
        for name, definition in rows:
            started = time.perf_counter()
            with self.db.transaction():
                self.db.execute(definition)
                self.db.execute("DELETE FROM bulk_dropped_indexes WHERE name = %s", (name,))
            print(f"  index {name} created in {time.perf_counter() - started:.1f} s", flush=True)
        self.db.execute("DROP TABLE bulk_dropped_indexes")
        self.db.commit()

    def entities(self, rows: list[tuple[Any, ...]]) -> None:
        with self.db.transaction(), self.db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO entities (id, name, type, data, mentions) VALUES (%s, %s, %s, %s, 0)"
                " ON CONFLICT DO NOTHING",
                [r[:4] for r in rows],
            )

    def replica(self, replica: Replica, mention_counts: Counter[str]) -> None:
        """COPY the rows in (the articles through a temporary table, so the server computes each tsvector with
        its language's configuration, as the store's `save_annotated` does)."""
        with self.db.transaction(), self.db.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE bulk_articles (id TEXT, external_id TEXT, source TEXT, title TEXT, url TEXT,"
                " outlet TEXT, published TEXT, language TEXT, story_id TEXT, data JSONB, config TEXT, body TEXT)"
                " ON COMMIT DROP"
            )
            with cursor.copy("COPY bulk_articles FROM STDIN") as copy:
                for row in replica.articles:
                    copy.write_row((*row, self.search_config(row[7]), replica.texts[row[0]][1]))
            cursor.execute(
                "INSERT INTO articles (id, external_id, source, title, url, outlet, published, language, story_id,"
                " data, status, grouped, analyzed_at, search_config, search) SELECT id, external_id, source, title,"
                " url, outlet, published, language, story_id, data, 'analyzed', TRUE, now(), config::regconfig,"
                " setweight(to_tsvector(config::regconfig, coalesce(title, '')), 'A')"
                " || to_tsvector(config::regconfig, body) FROM bulk_articles"
            )
            for table, columns, rows in (
                ("article_sources", "article_id, source, external_id", replica.sources),
                ("findings", FINDING_COLUMNS, replica.findings),
                ("stories", "id, title, data, size, first_published, last_published", replica.stories),
                ("copy_groups", "id, data", replica.copy_groups),
                ("lookup_keys", "key, article_id, published", sorted(set(replica.keys))),
            ):
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[arg-type]
                    for row in rows:
                        copy.write_row(row)
            cursor.execute(  # one statement, not one round trip per entity
                "UPDATE entities e SET mentions = e.mentions + m.count"
                " FROM unnest(%s::text[], %s::int[]) AS m(id, count) WHERE e.id = m.id",
                (list(mention_counts), list(mention_counts.values())),
            )

    def close(self) -> None:
        self._create_indexes()
        self.db.execute("ANALYZE")
        self.db.commit()
        self.db.close()


def writer_for(url: str) -> SQLiteWriter | PostgresWriter:
    return PostgresWriter(url) if url.startswith("postgres") else SQLiteWriter(url.removeprefix("sqlite:///"))


_BASE: Base | None = None


def _init(path: str) -> None:
    global _BASE
    _BASE = read_base(path)


def _make(number: int) -> Replica:
    assert _BASE is not None
    return make_replica(_BASE, number)


def made_ahead(pool: Any, numbers: list[int], ahead: int) -> Iterator[Replica]:
    """The replicas in order, at most `ahead` made before the writer takes them.

    `pool.imap` makes every replica as fast as the workers can and queues the results in this process: the
    workers make a replica in ~7 s, the writer needs 15-60 s to store it, so a 100-replica build held ever more
    unwritten replicas (up to all of them, a few hundred MB each) and was killed by the kernel at 210,000
    articles written (20 GB resident)."""
    pending: deque[Any] = deque()
    upcoming = iter(numbers)
    for number in islice(upcoming, ahead):
        pending.append(pool.apply_async(_make, (number,)))
    while pending:
        replica = pending.popleft().get()
        following = next(upcoming, None)
        if following is not None:
            pending.append(pool.apply_async(_make, (following,)))
        yield replica


def build(
    base_path: str,
    targets: list[str],
    replicas: int,
    processes: int,
    first: int = 0,
    numbers: list[int] | None = None,
    stop_file: str | None = None,
) -> None:
    """Add to each target store replicas `first + replicas - 1` down to `first` (oldest first; replica 0 is the
    base). Growing a copy of a built store with `first` past its replicas adds older ones after it. Several
    targets (a SQLite file and a PostgreSQL database) get the same rows from one making of each replica."""
    base = read_base(base_path)
    print(f"base: {len(base.articles)} articles, {len(base.stories)} stories, span {base.span_days} days", flush=True)
    writers = [writer_for(target) for target in targets]
    for writer in writers:
        writer.entities(base.entities)
    started, written = time.perf_counter(), 0
    numbers = numbers or list(range(first + replicas - 1, first - 1, -1))
    with Pool(processes, initializer=_init, initargs=(base_path,)) as pool:
        for replica in made_ahead(pool, numbers, processes + 1):
            seconds = []
            for writer in writers:
                began = time.perf_counter()
                writer.replica(replica, base.mention_counts)
                seconds.append(f"{time.perf_counter() - began:5.1f}")
            written += len(replica.articles)
            stop = stop_file is not None and Path(stop_file).exists()
            print(
                f"  replica {replica.number:>3}: {written:>8} articles written, {time.perf_counter() - started:7.1f} s"
                f" (writes {' + '.join(seconds)} s)",
                flush=True,
            )
            if stop:  # a clean stop between two replicas (a killed SQLite build, journal off, may be damaged)
                print(f"  stopped: {stop_file} exists", flush=True)
                pool.terminate()
                break
    for writer in writers:
        writer.close()


def through_save_path(store: Store, replica: Replica, base: Base) -> None:
    """Write a replica the way runs do: `add_articles`, `save_annotated`, `save_changes` (the check's reference)."""
    articles = [from_dict(Article, json.loads(row[9])) for row in replica.articles]
    for article in articles:
        article.sources = [article.source]
    story_of = {a.id: a.story_id for a in articles}
    store.add_articles(articles)
    store.save_annotated(articles)
    stories = {s.id: s for s in (from_dict(Story, json.loads(row[2])) for row in replica.stories)}
    groups = {g.id: g for g in (from_dict(CopyGroup, json.loads(row[1])) for row in replica.copy_groups)}
    keys: dict[str, list[int]] = {}
    for key, article_id, _ in replica.keys:
        keys.setdefault(article_id, []).append(key)
    assert all(story_of[i] for i in story_of)
    store.save_changes(
        Corpus(articles={a.id: a for a in articles}, stories=stories, new_article_ids=set(story_of)),
        list(story_of),
        list(stories),
        entities={},
        gone_entity_ids=[],
        copy_groups=groups,
        gone_copy_group_ids=[],
        lookup_keys=keys,
    )


def table_rows(path: str) -> Iterator[tuple[str, list[Any]]]:
    """Every table's rows of a SQLite store, sorted, with JSON parsed and write times left out."""
    db = sqlite3.connect(path)
    queries = {
        "articles": "SELECT id, external_id, source, title, url, outlet, published, language, story_id, status,"
        " grouped, data FROM articles",
        "article_sources": "SELECT article_id, source, external_id FROM article_sources",
        "article_search": "SELECT article_id, title, text FROM article_search",
        "findings": f"SELECT {FINDING_COLUMNS} FROM findings",
        "stories": "SELECT id, title, size, first_published, last_published, data FROM stories",
        "entities": "SELECT id, name, type, mentions, data FROM entities",
        "copy_groups": "SELECT id, data FROM copy_groups",
        "lookup_keys": "SELECT key, article_id, published FROM lookup_keys",
    }
    for table, sql in queries.items():
        rows = [tuple(_parsed(value) for value in row) for row in db.execute(sql)]
        yield table, sorted(rows, key=repr)


def _parsed(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[":
        return json.loads(value)
    return value


def check(base_path: str) -> None:
    """Replica 1 written by `SQLiteWriter` and through the store's save path: every table must be equal."""
    base = read_base(base_path)
    replica = make_replica(base, 1)
    with tempfile.TemporaryDirectory() as tmp:
        bulk, saved = str(Path(tmp) / "bulk.db"), str(Path(tmp) / "saved.db")
        writer = SQLiteWriter(bulk)
        writer.entities(base.entities)
        writer.replica(replica, base.mention_counts)
        writer.close()
        reference = SQLiteWriter(saved)
        reference.entities(base.entities)
        reference.close()
        with open_store(saved) as store:
            through_save_path(store, make_replica(base, 1), base)
        same = True
        for (table, got), (_, want) in zip(table_rows(bulk), table_rows(saved), strict=True):
            verdict = "identical" if got == want else "DIFFERENT"
            same = same and got == want
            print(f"  {table:<16} {len(got):>7} rows bulk, {len(want):>7} through the save path: {verdict}")
            if got != want:
                print("    first difference:", next((g, w) for g, w in zip(got, want, strict=False) if g != w)[0][:3])
        print("bulk rows equal the save path's" if same else "bulk rows DIFFER from the save path's")


def postgres_rows(url: str) -> Iterator[tuple[str, list[Any]]]:
    """`table_rows` of a PostgreSQL store: the same columns and order, JSONB and booleans as SQLite gives them."""
    import psycopg

    queries = {
        "articles": "SELECT id, external_id, source, title, url, outlet, published, language, story_id, status,"
        " grouped::int, data FROM articles",
        "article_sources": "SELECT article_id, source, external_id FROM article_sources",
        "article_search": "SELECT id, title, data->>'text' FROM articles WHERE search IS NOT NULL",
        "findings": f"SELECT {FINDING_COLUMNS} FROM findings",
        "stories": "SELECT id, title, size, first_published, last_published, data FROM stories",
        "entities": "SELECT id, name, type, mentions, data FROM entities",
        "copy_groups": "SELECT id, data FROM copy_groups",
        "lookup_keys": "SELECT key, article_id, published FROM lookup_keys",
    }
    with psycopg.connect(url) as db:
        for table, sql in queries.items():
            rows = [tuple(_parsed(value) for value in row) for row in db.execute(sql)]  # type: ignore[arg-type]
            yield table, sorted(rows, key=repr)


def compare_postgres(base_path: str, url: str) -> None:
    """A PostgreSQL store built from the base alone (`--replicas 1`) against the base's SQLite rows, table by
    table, and its indexes against a fresh store's: the PostgreSQL writer carries the rows over unchanged and
    its build (indexes dropped, then created) leaves the schema the migrations make."""
    import psycopg

    same = True
    for (table, got), (_, want) in zip(postgres_rows(url), table_rows(base_path), strict=True):
        same = same and got == want
        verdict = "identical" if got == want else "DIFFERENT"
        print(f"  {table:<16} {len(got):>7} rows PostgreSQL, {len(want):>7} in the base: {verdict}")
    fresh = url.rsplit("/", 1)[0] + "/bulk_compare_fresh"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DROP DATABASE IF EXISTS bulk_compare_fresh")
        db.execute("CREATE DATABASE bulk_compare_fresh")
    try:
        with open_store(fresh):
            pass
        indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"
        with psycopg.connect(url) as built, psycopg.connect(fresh) as new:
            got, want = built.execute(indexes).fetchall(), new.execute(indexes).fetchall()
        same = same and got == want
        print(
            f"  indexes: {len(got)} built, {len(want)} in a fresh store: {'identical' if got == want else 'DIFFERENT'}"
        )
    finally:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("DROP DATABASE bulk_compare_fresh")
    print("PostgreSQL rows equal the base's" if same else "PostgreSQL rows DIFFER from the base's")


INVARIANTS = {
    "stories whose member is not a stored article": "SELECT COUNT(*) FROM stories s,"
    " json_each(s.data, '$.article_ids') m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.value)",
    "articles whose story is not stored": "SELECT COUNT(*) FROM articles a WHERE a.story_id IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)",
    "articles placed in no story": "SELECT COUNT(*) FROM articles WHERE story_id IS NULL OR grouped = 0",
    "mentions of an entity not stored": "SELECT COUNT(*) FROM findings f WHERE f.kind = 'mention'"
    " AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = f.entity_id)",
    "entities whose mention count is wrong": "SELECT COUNT(*) FROM entities e WHERE e.mentions !="
    " (SELECT COUNT(*) FROM findings f WHERE f.kind = 'mention' AND f.entity_id = e.id)",
    "articles without lookup keys": "SELECT COUNT(*) FROM articles a"
    " WHERE NOT EXISTS (SELECT 1 FROM lookup_keys k WHERE k.article_id = a.id)",
    "articles not in the search index": "SELECT (SELECT COUNT(*) FROM articles)"
    " - (SELECT COUNT(*) FROM article_search)",
    "lookup keys shared by two replicas": "SELECT COUNT(*) FROM (SELECT k.key FROM lookup_keys k"
    " JOIN article_sources s ON s.article_id = k.article_id GROUP BY k.key"
    " HAVING COUNT(DISTINCT substr(s.source, 1, instr(s.source, '/'))) > 1)",
}


def verify(path: str) -> None:
    """Count what would betray a store no run could have left (each figure should be 0)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    print(f"  {db.execute('SELECT COUNT(*) FROM articles').fetchone()[0]} articles")
    for name, sql in INVARIANTS.items():
        print(f"  {name}: {db.execute(sql).fetchone()[0]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the base store (a SQLite file prefilled by scale.py)")
    parser.add_argument(
        "--to", nargs="+", help="the stores to build (new SQLite files or empty PostgreSQL databases), same rows"
    )
    parser.add_argument("--replicas", type=int, default=1, help="replicas written (100 from 0: 100x the base)")
    parser.add_argument("--first", type=int, default=0, help="the newest replica written (0: the base itself)")
    parser.add_argument(
        "--numbers", type=int, nargs="+", help="the replicas to write, in this order (instead of --first/--replicas)"
    )
    parser.add_argument("--stop-file", help="stop cleanly after the replica during which this file appears")
    parser.add_argument("--processes", type=int, default=2, help="processes making replica rows")
    parser.add_argument("--check", action="store_true", help="compare the bulk rows with the save path's")
    parser.add_argument("--verify", help="a built SQLite store whose references and counts to check")
    parser.add_argument("--compare-postgres", help="a PostgreSQL store built from the base alone, to compare")
    args = parser.parse_args()
    if args.verify:
        verify(args.verify)
    elif args.compare_postgres:
        compare_postgres(args.base, args.compare_postgres)
    elif args.check:
        check(args.base)
    else:
        build(args.base, args.to, args.replicas, args.processes, args.first, args.numbers, args.stop_file)


if __name__ == "__main__":
    main()
