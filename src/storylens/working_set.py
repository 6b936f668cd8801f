"""The working set of a run: what the corpus steps need from the store to place a batch of new articles.

The corpus steps (copies, stories, entity resolution, story descriptions) take a `Corpus`. Handing them
the whole stored corpus made every run cost the size of the store, in time and in memory. They need far
less to place a batch:

- **copies**: the new articles and the stored articles that can be their copies, found through the
  `lookup_keys` table (one row per key per article: the exact-text fingerprint and each MinHash band of the
  copy sketch, indexed), plus the copy groups those candidates are in and the groups' members;
- **stories**: the live stories, whose time span comes within `live_window_days` of the new articles'
  publication dates (the stories step's own time window and thread gap fit inside the default 35 days),
  with their articles, and the stories of the copy candidates (a copy joins its original's story);
- **entity resolution**: the entities the working set's mentions point to. Resolution is *windowed*: it
  sees the working set's articles, not the whole store (see docs/scale.md).

`load_working_set` reads that slice (its size is bounded by the live window, not the store), the
unchanged corpus steps run over it, and `save_working_set` writes back in one transaction only what
changed: the changed articles and stories, the entities and copy groups that changed or disappeared, and
the new articles' lookup keys.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import numpy as np

from storylens.model import Article, Corpus, Entity, from_dict, to_dict
from storylens.steps.copies import (
    EMPTY_FINGERPRINT,
    NO_DATE,
    SKETCH_SEED,
    CopySettings,
    copy_signatures,
    stored_fingerprint,
)
from storylens.steps.minhash import (
    band_keys,
    band_parameters,
    estimated_jaccard,
    may_reach_overlap,
    stable_random_uint64,
)
from storylens.store.base import Store

DEFAULT_LIVE_WINDOW_DAYS = 35.0


@cache
def _bands(threshold: float, num_perm: int) -> tuple[int, int, np.ndarray]:
    """Bands x rows of the copy LSH, and one salt per band so equal values in two bands make two keys."""
    bands, rows = band_parameters(threshold, num_perm)
    return bands, rows, stable_random_uint64(f"lookup-{bands}x{rows}-{SKETCH_SEED}", bands)


def _signed(value: int) -> int:
    """A 64-bit unsigned value as the signed integer both databases store."""
    return value - (1 << 64) if value >= 1 << 63 else value


def fingerprint_key(fingerprint: str) -> int:
    """The lookup key of an exact-text fingerprint."""
    return _signed(int.from_bytes(hashlib.blake2b(f"f:{fingerprint}".encode(), digest_size=8).digest(), "little"))


def lookup_keys(articles: Iterable[Article], settings: CopySettings | None = None) -> dict[str, list[int]]:
    """Every article's lookup keys: its fingerprint's (unless its text has no word) and, when it has at least
    `min_shingles` shingles, one per LSH band of its copy sketch. Fingerprints and sketches missing from the
    metadata are computed and stored there, as the copies step would.

    Two articles the copies step could pair share a key: exact copies the fingerprint, near copies a band
    (the copies step proposes exactly the pairs that share a band). A key collision only adds a candidate.
    """
    settings = settings or CopySettings()
    articles = list(articles)
    if not articles:
        return {}
    return keys_of_signatures(articles, *copy_signatures(articles, settings), settings)


def keys_of_signatures(
    articles: list[Article], sketches: np.ndarray, sizes: np.ndarray, settings: CopySettings
) -> dict[str, list[int]]:
    """`lookup_keys` from the articles' copy sketches and shingle counts (`copy_signatures`, rows in the
    articles' order), for a caller that needs the sketches again (`load_working_set`: `likely_copies`)."""
    keys: dict[str, list[int]] = {}
    for article in articles:
        fingerprint = stored_fingerprint(article)
        keys[article.id] = [] if fingerprint == EMPTY_FINGERPRINT else [fingerprint_key(fingerprint)]
    indexed = np.flatnonzero(sizes >= settings.min_shingles)
    if len(indexed):
        bands, rows, salts = _bands(settings.candidate_threshold, settings.num_perm)
        salted = band_keys(sketches[indexed], bands, rows, SKETCH_SEED) ^ salts
        for row, values in zip(indexed.tolist(), salted.view(np.int64).tolist(), strict=True):
            keys[articles[row].id].extend(values)
    return keys


def holders_read(settings: CopySettings) -> int:
    """How many holders of each key a run reads: the `max_bucket_size + 1` earliest.

    That is all `copy_candidates` needs, exactly: a key with at most `max_bucket_size` stored holders comes
    back whole, and one with more comes back with `max_bucket_size + 1`, enough to know the bucket is too
    big, and with its earliest holder, the only one the copies step would pair a new article with (the
    original: a copy of a years-old text is still found). Holders are read earliest first, not within the
    live window: a bucket's original is its earliest member, whatever its date. Reading every holder made
    boilerplate shared across years (an outlet's closing line) cost a read linear in the store."""
    return settings.max_bucket_size + 1


def earliest_holders(
    store: Store, keys: set[int], new_keys: dict[str, list[int]], per_key: int
) -> list[tuple[int, str, str | None]]:
    """Each key's `per_key` earliest stored holders other than the new articles themselves.

    A run's new articles hold no stored keys (their keys are written when they are placed), but articles
    placed before and handed in again (`scale.py --probe` re-reads a stored batch) do: a key whose read came
    back full with some of them in it is read again with room for them, so the holders `copy_candidates`
    counts never come short of `per_key` because the batch took their places."""
    rows = store.lookup_key_rows(keys, per_key)
    limit = dict.fromkeys(keys, per_key)
    while True:
        counts = Counter(key for key, _, _ in rows)
        theirs = Counter(key for key, article_id, _ in rows if article_id in new_keys)
        again = {key: per_key + n for key, n in theirs.items() if counts[key] == limit[key] < per_key + n}
        if not again:
            return rows
        rows = [row for row in rows if row[0] not in again]
        for wider in set(again.values()):
            rows.extend(store.lookup_key_rows({key for key, n in again.items() if n == wider}, wider))
        limit.update(again)


def copy_candidates(
    rows: Iterable[tuple[int, str, str | None]], new_keys: dict[str, list[int]], settings: CopySettings
) -> set[str]:
    """The stored articles the copies step would compare with the new ones, from the (key, article id,
    published) rows of the keys the new articles hold.

    A key held by more than `max_bucket_size` articles is text much of the store shares (a template,
    boilerplate, one wire text run everywhere): the copies step pairs each member of such a bucket with its
    earliest member only, so only that earliest stored member is read, not the whole bucket. Otherwise the
    working set would grow with the store wherever boilerplate is common.
    """
    buckets: dict[int, list[tuple[str, str]]] = {}
    for key, article_id, published in rows:
        if article_id not in new_keys:
            buckets.setdefault(key, []).append((published or NO_DATE, article_id))
    new_in_bucket = Counter(key for keys in new_keys.values() for key in set(keys))
    found: set[str] = set()
    for key, members in buckets.items():
        if len(members) + new_in_bucket[key] > settings.max_bucket_size:
            found.add(min(members)[1])
        else:
            found.update(article_id for _, article_id in members)
    return found


def likely_copies(
    new: list[Article],
    stored: list[Article],
    rows: Iterable[tuple[int, str, str | None]],
    new_keys: dict[str, list[int]],
    settings: CopySettings,
    new_signatures: tuple[np.ndarray, np.ndarray] | None = None,
) -> set[str]:
    """The stored candidates the copies step would verify: an exact-text twin of a new article, or one that
    shares a band with a new article and whose Jaccard, estimated from the sketches, may reach
    `min_overlap` (the copies step's own prefilter, `may_reach_overlap`). The others would be dropped by the
    step unverified; leaving them out keeps their stories, groups and members out of the working set.

    `new_signatures`: the new articles' (sketches, sizes) when the caller has them already (`lookup_keys`
    made them), so only the stored candidates' sketches are decoded here."""
    if not new or not stored:
        return set()
    articles = new + stored
    row_of = {article.id: row for row, article in enumerate(articles)}
    new_sketches, new_sizes = new_signatures or copy_signatures(new, settings)
    stored_sketches, stored_sizes = copy_signatures(stored, settings)
    sketches, sizes = np.concatenate([new_sketches, stored_sketches]), np.concatenate([new_sizes, stored_sizes])
    exact = {fingerprint_key(stored_fingerprint(a)) for a in new} - {fingerprint_key(EMPTY_FINGERPRINT)}
    new_rows_of_key: dict[int, list[int]] = {}
    for article in new:
        for key in new_keys.get(article.id, ()):
            new_rows_of_key.setdefault(key, []).append(row_of[article.id])
    kept: set[str] = set()
    pairs: list[tuple[int, int]] = []
    for key, article_id, _ in rows:
        if article_id not in row_of or row_of[article_id] < len(new):
            continue
        if key in exact:
            kept.add(article_id)
        else:
            pairs.extend((new_row, row_of[article_id]) for new_row in new_rows_of_key.get(key, ()))
    if pairs:
        pair_array = np.unique(np.array(pairs, dtype=np.int64), axis=0)
        pair_array = pair_array[(sizes[pair_array] >= settings.min_shingles).all(axis=1)]
        jaccard = estimated_jaccard(sketches, pair_array)
        sigmas = settings.prefilter_sigmas
        passing = may_reach_overlap(jaccard, sizes[pair_array], settings.min_overlap, settings.num_perm, sigmas)
        kept.update(articles[row].id for row in pair_array[passing][:, 1].tolist())
    return kept


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def live_span(articles: Iterable[Article], window_days: float) -> tuple[str, str] | None:
    """The dates (ISO, inclusive low, exclusive high) a stored story must overlap to be live for these
    articles: their first and last publication day widened by the window. None when no article is dated
    (every story is then live, as in the stories step)."""
    days = [d for d in (_day(a.published) for a in articles) if d is not None]
    if not days:
        return None
    window = timedelta(days=window_days)
    return (min(days) - window).isoformat(), (max(days) + window + timedelta(days=1)).isoformat()


@dataclass
class WorkingSet:
    """The slice of the store a run's corpus steps work on, and what it held before they ran."""

    corpus: Corpus
    entities_before: dict[str, dict[str, object]] = field(default_factory=dict)  # id -> entity as stored
    copy_groups_before: dict[str, dict[str, object]] = field(default_factory=dict)
    new_keys: dict[str, list[int]] = field(default_factory=dict)  # lookup keys of the new articles


def load_working_set(
    store: Store,
    new_ids: Iterable[str],
    copies: CopySettings | None = None,
    live_window_days: float = DEFAULT_LIVE_WINDOW_DAYS,
) -> WorkingSet:
    """The new articles, their copy candidates, the live stories and what these refer to, as a `Corpus`
    with `new_article_ids` set (articles in the order they were added to the store, as `load_corpus`)."""
    copies = copies or CopySettings()
    new_ids = set(new_ids)
    found = dict(store.analyzed_articles(new_ids))  # position -> article
    new_articles = list(found.values())
    new_signatures = copy_signatures(new_articles, copies)  # decoded once: for the keys and for `likely_copies`
    new_keys = keys_of_signatures(new_articles, *new_signatures, copies)
    rows = earliest_holders(store, {key for keys in new_keys.values() for key in keys}, new_keys, holders_read(copies))
    stored = dict(store.analyzed_articles(copy_candidates(rows, new_keys, copies)))
    likely = likely_copies(new_articles, list(stored.values()), rows, new_keys, copies, new_signatures)
    found.update((position, a) for position, a in stored.items() if a.id in likely)
    group_ids = {a.copy_group for a in found.values() if a.copy_group}
    groups = store.copy_groups_by_id(group_ids)
    story_ids = store.live_story_ids(live_span(new_articles, live_window_days))
    story_ids |= {a.story_id for a in found.values() if a.story_id}
    stories = store.stories_by_id(story_ids)
    loaded = {a.id for a in found.values()}
    members = {i for g in groups.values() for i in g.article_ids} | {i for s in stories for i in s.article_ids}
    found.update(store.analyzed_articles(members - loaded))
    corpus = Corpus(new_article_ids={a.id for a in new_articles})
    corpus.articles = {a.id: a for _, a in sorted(found.items())}
    corpus.stories = {s.id: s for s in sorted(stories, key=lambda s: s.id)}
    corpus.copy_groups = dict(sorted(groups.items()))
    entity_ids = {m.entity_id for a in corpus.articles.values() for m in a.mentions if m.entity_id}
    corpus.entities = dict(sorted(store.entities_by_id(entity_ids).items()))
    return WorkingSet(
        corpus=corpus,
        entities_before={i: to_dict(e) for i, e in corpus.entities.items()},
        copy_groups_before={i: to_dict(g) for i, g in corpus.copy_groups.items()},
        new_keys=new_keys,
    )


def keep_stored_names(entity: Entity, stored: Entity) -> None:
    """Add to `entity` the aliases, roles and merge evidence its stored version held.

    Resolution sees the window's mentions only, so an entity it rewrites would otherwise lose the names
    it was given by articles outside the window, whose stored mentions still point to it. Keeping them
    never loses a name; at worst an alias a run moved to another entity stays listed on both.
    """
    entity.aliases.extend(a for a in stored.aliases if a not in entity.aliases)
    entity.roles.extend(r for r in stored.roles if r not in entity.roles)
    seen = [to_dict(e) for e in entity.evidence]
    entity.evidence.extend(e for e in stored.evidence if to_dict(e) not in seen)


def save_working_set(
    store: Store, working: WorkingSet, corpus: Corpus, article_ids: set[str], story_ids: set[str]
) -> None:
    """Write back in one transaction what the corpus and story steps changed in the working set."""
    for entity_id, entity in corpus.entities.items():
        if entity_id in working.entities_before:
            keep_stored_names(entity, from_dict(Entity, working.entities_before[entity_id]))
    entities = {i: e for i, e in corpus.entities.items() if working.entities_before.get(i) != to_dict(e)}
    groups = {i: g for i, g in corpus.copy_groups.items() if working.copy_groups_before.get(i) != to_dict(g)}
    store.save_changes(
        corpus,
        article_ids,
        story_ids,
        entities=entities,
        gone_entity_ids=set(working.entities_before) - corpus.entities.keys(),
        copy_groups=groups,
        gone_copy_group_ids=set(working.copy_groups_before) - corpus.copy_groups.keys(),
        lookup_keys=working.new_keys,
    )


BACKFILL_BATCH = 1000


def backfill_rows(stored: Iterable[tuple[str, str, dict[str, object]]]) -> Iterable[list[tuple[int, str]]]:
    """(key, article id) rows of stored articles given as (id, text, copy metadata), a batch at a time: what a
    store migrating to the `lookup_keys` table inserts once (default copy settings; sketches made under other
    settings are recomputed, as the copies step would)."""
    batch: list[Article] = []
    for article_id, text, metadata in stored:
        batch.append(Article(id=article_id, text=text or "", source="", metadata=dict(metadata or {})))
        if len(batch) >= BACKFILL_BATCH:
            yield _key_rows(batch)
            batch = []
    if batch:
        yield _key_rows(batch)


def _key_rows(articles: list[Article]) -> list[tuple[int, str]]:
    return [(key, article_id) for article_id, keys in lookup_keys(articles).items() for key in keys]
