"""The store interface: what any backend (SQLite now, PostgreSQL later) must do.

The analysis code never talks to a database directly: `storylens.api` moves
articles and findings in and out through this interface, so a new backend is a
new class here and nothing else changes.

Article life cycle: `add_articles` stores new articles as *ingested* (and
records an extra source for articles already known), and in the same
transaction registers the input files whose articles are now all stored, so a
later run can skip those files unread when they have not changed; `save_annotated` stores
the article-step results and marks them *analyzed*; `save_corpus` stores the
corpus-level results (stories, entities, copy groups) and the articles'
corpus-level fields. Every write is a transaction, so a killed run leaves the
store consistent and the next run picks up the ingested-but-not-analyzed
articles.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from storylens.errors import EXIT_RUNTIME, UsageError
from storylens.model import Article, CopyGroup, Corpus, Entity, ErrorRecord, Story
from storylens.store.reads import IndexedReads

SEARCH_CANDIDATES = 1000  # matches a full-text search ranks at most (see `Store.search`)


class StoreError(UsageError, RuntimeError):
    """The store cannot be opened or used (bad URL, missing or foreign file, newer schema): exit code 2."""


class StoreBusyError(StoreError):
    """Another process held the store's write lock for longer than we were willing to wait: exit code 1."""

    exit_code = EXIT_RUNTIME


@dataclass
class AddResult:
    """What `add_articles` did: which ids were new and which were already stored."""

    new_ids: list[str] = field(default_factory=list)
    known_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IngestedFile:
    """An input file whose articles are all stored: how to tell next time that it has not changed.

    path: absolute path of the file (the key). size, mtime_ns: from `stat`, compared first so an
    unchanged file is skipped without being read. sha256: hex digest of the content, compared when
    size or mtime differ (a copied or touched file with the same bytes is still skipped); empty when
    the file was refused unread (too large). reader_key: fingerprint of the read settings and
    storylens version, so changing limits or the extractor re-reads the files.
    """

    path: str
    size: int
    mtime_ns: int
    sha256: str
    reader_key: str


@dataclass
class StorySummary:
    """One row of `list_stories`: enough to pick a story to show."""

    id: str
    title: str
    articles: int
    outlets: list[str]
    first_published: str | None
    last_published: str | None


def story_summaries(stories: Iterable[Story]) -> list[StorySummary]:
    """The `list_stories` rows of some stories, largest first (then earliest, then by id), for every backend."""
    summaries = [
        StorySummary(
            id=story.id,
            title=story.title,
            articles=len(story.article_ids),
            outlets=story.outlets,
            first_published=story.first_published,
            last_published=story.last_published,
        )
        for story in stories
    ]
    summaries.sort(key=lambda s: (-s.articles, s.first_published or "", s.id))
    return summaries


def new_lookup_keys(corpus: Corpus) -> dict[str, list[int]]:
    """The copy lookup keys of a corpus's new articles (default copy settings): what `save_corpus` stores for
    them, so a store written whole can later be read a working set at a time."""
    from storylens.working_set import lookup_keys  # the working set module reads stores: import it late

    return lookup_keys(corpus.articles[i] for i in sorted(corpus.new_article_ids) if i in corpus.articles)


# A holder's date as `lookup_keys` stores it: an undated article sorts after every dated one, as the copies step
# orders a bucket's members (`steps.copies.NO_DATE`, `publication_order`; a test keeps the two equal).
UNDATED_HOLDER = "9999"


def holder_date(published: str | None) -> str:
    """The date stored with an article's lookup keys, so a key's holders can be read earliest first."""
    return published or UNDATED_HOLDER


def holder_rows(rows: Iterable[tuple[int, str, str]]) -> list[tuple[int, str, str | None]]:
    """(key, article id, published) as `Store.lookup_key_rows` returns them: an undated holder's date is None."""
    return [(key, article_id, None if date == UNDATED_HOLDER else date) for key, article_id, date in rows]


def lookup_key_records(keys: dict[str, list[int]], corpus: Corpus) -> list[tuple[int, str, str]]:
    """(key, article id, holder date) rows of these articles' lookup keys, as the stores insert them."""
    rows: list[tuple[int, str, str]] = []
    for article_id, values in keys.items():
        article = corpus.articles.get(article_id)
        date = holder_date(article.published if article is not None else None)
        rows.extend((key, article_id, date) for key in values)
    return rows


class Store(IndexedReads, ABC):
    """Persistent home of articles and findings; the web server's paged queries come with `IndexedReads`."""

    url: str

    @abstractmethod
    def add_articles(self, articles: Iterable[Article], files: Iterable[IngestedFile] = ()) -> AddResult:
        """Store new articles as ingested; for known ids only add the new source.

        `files` are input files whose articles are all in this call or already stored: they are
        registered in the same transaction, so a killed run never marks a file done too early.
        """

    @abstractmethod
    def ingested_file(self, path: str) -> IngestedFile | None:
        """The registered state of an input file (by absolute path), or None if never fully ingested."""

    @abstractmethod
    def count_ingested_files(self) -> int: ...

    @abstractmethod
    def pending_articles(self) -> list[Article]:
        """Articles ingested but not yet analyzed (what a resumed run must still do)."""

    @abstractmethod
    def save_annotated(self, articles: Iterable[Article], fingerprint: str | None = None) -> None:
        """Store article-step results and mark the articles analyzed and ungrouped, made by `fingerprint`
        (`config.analysis_fingerprint`: the version and article-step settings that produced them)."""

    @abstractmethod
    def count_analyzed_elsewise(self, fingerprint: str) -> int:
        """Analyzed articles whose findings another fingerprint made, or an unknown one (analyzed before
        fingerprints were recorded): what a run with `fingerprint` reports as made by other settings."""

    @abstractmethod
    def analyzed_elsewise(self, fingerprint: str, limit: int) -> list[Article]:
        """Up to `limit` analyzed articles `count_analyzed_elsewise` counts, in the order they were added:
        the next batch a `--reanalyse` run redoes (once saved with `fingerprint` they are not returned)."""

    @abstractmethod
    def placed_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Those of the articles named that a run has placed in a story: an ungrouped one among them was
        re-analysed in place (its story is refreshed, not chosen anew)."""

    @abstractmethod
    def mark_failed(self, article_ids: Iterable[str]) -> None:
        """Articles that could not be analyzed: kept, but not retried as pending."""

    @abstractmethod
    def load_corpus(self) -> Corpus:
        """All analyzed articles with the stored stories, entities and copy groups."""

    @abstractmethod
    def ungrouped_article_ids(self) -> set[str]:
        """Analyzed articles the corpus steps have not placed yet (this run's, or a killed run's)."""

    @abstractmethod
    def save_corpus(
        self, corpus: Corpus, article_ids: Iterable[str] | None = None, story_ids: Iterable[str] | None = None
    ) -> None:
        """Store corpus-level findings and the articles' corpus-level fields, in one transaction.

        `article_ids` and `story_ids` name what the run changed: only those articles and stories are
        written (stories no longer in `corpus.stories` are deleted); None writes every one. Entities
        and copy groups are replaced as a whole. The articles in `corpus.new_article_ids` are marked
        grouped, so the next run does not place them again.
        """

    # -- the working set of a run (storylens.working_set) -------------------------

    @abstractmethod
    def analyzed_articles(self, article_ids: Iterable[str]) -> list[tuple[int, Article]]:
        """The analyzed articles named (unknown ids left out), each with its position in the order articles
        were added, so a working set keeps the store's order."""

    @abstractmethod
    def lookup_key_rows(self, keys: Iterable[int], per_key: int | None = None) -> list[tuple[int, str, str | None]]:
        """(key, article id, published) of the grouped articles holding any of these copy lookup keys
        (`lookup_keys` table): ids and dates only, so a key most of the store shares costs no article read.

        With `per_key`, only each key's `per_key` earliest holders (by publication date, undated last, then
        id: the copies step's `publication_order`), read through the `(key, published, article_id)` index, so
        a key held by a million articles costs `per_key` rows, not a million."""

    def article_ids_by_lookup_key(self, keys: Iterable[int]) -> set[str]:
        """Grouped articles holding any of these copy lookup keys."""
        return {article_id for _, article_id, _ in self.lookup_key_rows(keys)}

    @abstractmethod
    def live_story_ids(self, span: tuple[str, str] | None) -> set[str]:
        """Stories whose first..last publication dates overlap `span` (ISO dates, low inclusive, high
        exclusive), and the undated ones; every story when `span` is None."""

    @abstractmethod
    def copy_groups_by_id(self, group_ids: Iterable[str]) -> dict[str, CopyGroup]: ...

    @abstractmethod
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
        """Write a working set's changes in one transaction: the articles and stories named (a story id no
        longer in `corpus.stories` is deleted), the entities and copy groups given (upserted) or gone
        (deleted; an entity only when no stored mention points to it any more), the lookup keys of the
        articles given (replacing theirs), and mark `corpus.new_article_ids` grouped."""

    @abstractmethod
    def load_view(
        self, story_ids: Iterable[str] | None = None, since: str | None = None, outlet: str | None = None
    ) -> Corpus:
        """A slice of the store as a corpus a report can be built from: the stories named (all when
        None) that have an article published on or after `since` (ISO date) and, when `outlet` is
        given, an article from that outlet (its name in any case and spacing); their articles, and the
        entities and copy groups those articles refer to. Input errors are included."""

    @abstractmethod
    def count_stories(self) -> int: ...

    @abstractmethod
    def record_errors(self, errors: Iterable[ErrorRecord]) -> None:
        """Remember input errors (deduplicated by source and reason)."""

    @abstractmethod
    def errors(self) -> list[ErrorRecord]: ...

    def error_history(self) -> list[tuple[str, ErrorRecord]]:
        """Every error ever recorded, oldest first, with when it was recorded (ISO 8601, UTC) where known."""
        return [("", record) for record in self.errors()]

    @abstractmethod
    def count_articles(self, status: str | None = None) -> int: ...

    @abstractmethod
    def list_stories(self) -> list[StorySummary]: ...

    @abstractmethod
    def get_story(self, story_id: str) -> Story | None: ...

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def search(
        self, query: str, limit: int = 20, snippets: bool = True, candidates: int = SEARCH_CANDIDATES
    ) -> list[tuple[str, str]]:
        """Full-text search: (article id, snippet) pairs, best first (snippets "" when not wanted).

        Only the first `candidates` matches in the index's own order (the order articles were indexed in)
        are ranked: ranking every match of a common word costs seconds on a big store, and a search
        answer shows a page of hits, not the whole corpus ranked. Refine the words to reach the others."""

    @abstractmethod
    def count_search_hits(self, query: str, at_most: int) -> int:
        """How many articles `search` could find for `query`, counted up to `at_most` (a bounded index scan:
        `at_most` back means "at least that many")."""

    @abstractmethod
    def corpus_lock(self) -> AbstractContextManager[None]:
        """Held while a run places ungrouped articles and writes the result back: two runs on one
        store take turns, so none places an article another is placing or overwrites its stories."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
