"""Copies: articles that carry the same text, whatever outlet or headline they run under.

Syndication, re-posting and partial re-use are common in news: one agency text
shows up under ten outlets, sometimes with a new headline, an added paragraph
or only most of the original. The report must count such copies once when it
says how many independent sources carry something, so this step groups them.

Two stages, both over the article *body* (headlines are rewritten freely):

1. exact duplicates: a hash of the normalized text (case, accents form and
   whitespace do not matter);
2. near duplicates: word shingles -> MinHash sketches -> banded LSH
   (`storylens.steps.minhash`, numpy over all articles at once) gives
   candidate pairs cheaply (no all-pairs comparison). The sketches estimate
   each candidate's Jaccard similarity, which drops the pairs that clearly
   cannot reach `min_overlap`; the rest are verified exactly with the
   *overlap coefficient* of the shingle sets, `|A ∩ B| / min(|A|, |B|)`: the
   share of the shorter text found in the other. It is 1.0 for a copy with an
   added paragraph and stays high for a partial copy, while two different
   articles that share boilerplate stay low.

Each group's original is its earliest published article (ties broken by id);
the others get `duplicate_of` = that id and `copy_similarity` = their overlap
with it.

A feed grows; a run must cost what its new articles cost. So each article's
text fingerprint and MinHash sketch are computed once and kept in its
metadata (`copy_fingerprint`, `copy_minhash`: 128 16-bit values, 344
characters of base64); later runs rebuild the band keys from the stored
sketches (a few numpy calls), look up only the keys of the new articles, and
shingle only the new articles and the few old ones that stay candidates.
"""

from __future__ import annotations

import binascii
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any

import numpy as np

from storylens.model import Article, CopyGroup, Corpus
from storylens.pipeline import Stats
from storylens.steps.minhash import (
    NO_VALUE,
    SKETCH_DTYPE,
    band_keys,
    band_parameters,
    candidate_pairs,
    counting_within,
    estimated_jaccard,
    may_reach_overlap,
    minhash_sketches,
    overlap_coefficients,
    sorted_unique,
    stable_random_uint64,
)
from storylens.steps.union_find import UnionFind

WORD = re.compile(r"\w+")
NO_DATE = "9999"  # sorts articles without a publication date after dated ones
FINGERPRINT_KEY = "copy_fingerprint"
SKETCH_KEY = "copy_minhash"
SKETCH_VERSION = 2  # bump when shingle hashing or sketch hashing changes: older stored sketches are recomputed
SKETCH_SEED = 1
EMPTY_FINGERPRINT = hashlib.sha1(b"").hexdigest()  # the fingerprint of a text without words


@dataclass
class CopySettings:
    """How copies are found.

    shingle_words: words per shingle; 5 is long enough that two different
        reports of one event rarely share many, short enough to survive light edits.
    num_perm: MinHash permutations; 128 keeps candidate recall high at 256 bytes per article.
    candidate_threshold: Jaccard level at which LSH proposes a pair. Kept low (0.3)
        so partial copies (one text embedding most of a longer one, hence a low
        Jaccard) are still proposed.
    min_overlap: overlap coefficient from which a verified pair counts as a copy.
        0.75 accepts "most of the text re-used" and rejects shared boilerplate.
    min_shingles: texts with fewer shingles are only matched exactly (a
        two-line brief shares too little text to call a near copy safely).
    max_bucket_size: an LSH bucket (texts sharing one band of their sketch)
        with more members pairs each member with its earliest member only,
        instead of all pairs: hundreds of texts sharing a template or a wire
        text must not cost a quadratic number of comparisons.
    prefilter_sigmas: a candidate is verified exactly unless its Jaccard,
        estimated from the sketches, lies this many standard deviations below
        the Jaccard its sizes need to reach `min_overlap`. 4 loses no copy on
        the benchmarks and drops most candidates that only share templates.
    """

    shingle_words: int = 5
    num_perm: int = 128
    candidate_threshold: float = 0.3
    min_overlap: float = 0.75
    min_shingles: int = 8
    max_bucket_size: int = 64
    prefilter_sigmas: float = 4.0


def words_of(text: str) -> list[str]:
    """The words of the text as compared for copies: NFKC, case-folded, punctuation dropped."""
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def normalize_text(text: str) -> str:
    """The text as compared for copies: NFKC, case-folded, words only."""
    return " ".join(words_of(text))


def fingerprint_of_words(words: list[str]) -> str:
    """Hash of the normalized text given as its words: equal for exact duplicates."""
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def text_fingerprint(text: str) -> str:
    """Hash of the normalized text: equal for exact duplicates."""
    return fingerprint_of_words(words_of(text))


def shingle_hashes(word_lists: list[list[str]], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct 32-bit hashes of the overlapping `size`-word windows of many texts, computed together.

    Returns the sorted hashes of all texts one after the other (uint32) and how
    many each text has. A text of fewer than `size` words is one shingle; an
    empty text has none. All texts go through the same few numpy calls instead
    of joining and hashing every window string.
    """
    lengths = np.array([len(words) for words in word_lists], dtype=np.int64)
    windows, window_counts = window_hashes(word_hashes(word_lists), lengths, size)
    text_of_window = np.repeat(np.arange(len(word_lists), dtype=np.uint64), window_counts)
    keyed = sorted_unique((text_of_window << np.uint64(32)) | (windows >> np.uint64(32)))
    counts = np.bincount((keyed >> np.uint64(32)).astype(np.int64), minlength=len(word_lists))
    return (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32), counts


def word_hashes(word_lists: list[list[str]]) -> np.ndarray:
    """crc32 of every word of every text, concatenated (uint64); each distinct word is hashed once."""
    all_words = list(chain.from_iterable(word_lists))
    vocabulary = {word: index for index, word in enumerate(dict.fromkeys(all_words))}
    hashes = np.array([zlib.crc32(word.encode("utf-8")) for word in vocabulary], dtype=np.uint64)
    return hashes[np.fromiter(map(vocabulary.__getitem__, all_words), dtype=np.int64, count=len(all_words))]


def window_hashes(hashes: np.ndarray, lengths: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hash of every `size`-word window of every text (texts concatenated), and how many each text has.

    A window's hash is a fixed random linear combination of its word hashes
    (mod 2^64; its top 32 bits are the shingle), so all windows of all texts
    take `size` vector operations. A text shorter than `size` words is one
    window of all its words (not a window running into the next text).
    """
    multipliers = stable_random_uint64("shingle", size) | np.uint64(1)
    padded = np.concatenate([hashes, np.zeros(size - 1, dtype=np.uint64)])
    windows = hashes * multipliers[0]
    for offset in range(1, size):
        windows += padded[offset : offset + len(hashes)] * multipliers[offset]
    starts = np.cumsum(lengths) - lengths
    for text in np.flatnonzero((lengths > 0) & (lengths < size)).tolist():
        start, length = starts[text], lengths[text]
        windows[start] = (hashes[start : start + length] * multipliers[:length]).sum(dtype=np.uint64)
    counts = np.where(lengths >= size, lengths - size + 1, np.minimum(lengths, 1))
    return windows[np.repeat(starts, counts) + counting_within(counts)], counts


def shingles(text: str, size: int) -> set[int]:
    """32-bit hashes of the overlapping `size`-word windows of the normalized text."""
    hashes, _ = shingle_hashes([words_of(text)], size)
    return set(hashes.tolist())


def overlap(first: set[int], second: set[int]) -> float:
    """Overlap coefficient: the share of the smaller shingle set found in the other."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def encode_sketches(sketches: np.ndarray) -> list[str]:
    """Sketches as stored in article metadata: each row's little-endian values as base64."""
    rows = sketches.astype(SKETCH_DTYPE, copy=False)
    return [binascii.b2a_base64(row.tobytes(), newline=False).decode("ascii") for row in rows]


def sketch_scheme(settings: CopySettings) -> str:
    """Names how a stored sketch was made: a sketch made any other way is recomputed, never compared."""
    made_with = f"perm={settings.num_perm}:words={settings.shingle_words}:seed={SKETCH_SEED}"
    return f"storylens-minhash-v{SKETCH_VERSION}:{made_with}"


def sketch_record(encoded: str, shingle_count: int, scheme: str, settings: CopySettings) -> dict[str, Any]:
    """What is kept in `metadata[SKETCH_KEY]`: the sketch (`encode_sketches`), its shingle count, how it was made."""
    return {
        "scheme": scheme,
        "perm": settings.num_perm,
        "words": settings.shingle_words,
        "shingles": shingle_count,
        "values": encoded if shingle_count else "",
    }


def stored_fingerprint(article: Article) -> str:
    """`text_fingerprint` of the article, kept in its metadata so it is computed once."""
    fingerprint = article.metadata.get(FINGERPRINT_KEY)
    if not isinstance(fingerprint, str):
        fingerprint = article.metadata[FINGERPRINT_KEY] = text_fingerprint(article.text)
    return fingerprint


def publication_order(article: Article) -> tuple[str, str]:
    """Sort key that puts the original of a copy group first: earliest published, then id."""
    return (article.published or NO_DATE, article.id)


def count_independent_sources(articles: Iterable[Article]) -> int:
    """How many independent texts a set of articles amounts to: copies of one original count once."""
    return len({article.duplicate_of or article.id for article in articles})


def copy_signatures(articles: list[Article], settings: CopySettings) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash sketch (n x num_perm) and shingle count of each article, and its text fingerprint, computing
    and storing in the metadata those not stored yet: what the store's copy lookup keys are made from."""
    by_id = {article.id: article for article in articles}
    sketches, sizes = FindCopies(settings)._sketches(by_id, ShingleCache(by_id, settings.shingle_words))
    for article in articles:
        stored_fingerprint(article)
    return sketches, sizes


class FindCopies:
    """Corpus step "copies": sets `duplicate_of`, `copy_group`, `copy_similarity` and `corpus.copy_groups`.

    Incremental: when `corpus.new_article_ids` is set, only those articles are
    looked up against the others (existing groups are kept and may grow);
    otherwise every article is compared and the groups are rebuilt.
    """

    name = "copies"

    def __init__(self, settings: CopySettings | None = None) -> None:
        self.settings = settings or CopySettings()

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        articles = corpus.articles
        incremental = bool(corpus.new_article_ids)
        new_ids = [i for i in sorted(corpus.new_article_ids) if i in articles] if incremental else sorted(articles)
        if not incremental:
            corpus.copy_groups = {}
            for article in articles.values():
                article.duplicate_of, article.copy_group, article.copy_similarity = None, None, None
        shingle_sets = ShingleCache(articles, self.settings.shingle_words)
        links: UnionFind[str] = UnionFind()
        if incremental:
            for group in corpus.copy_groups.values():
                for member in group.article_ids:
                    links.union(member, group.original_id)
        near = self._near_pairs(articles, shingle_sets, set(new_ids), stats)  # first: it fingerprints what it shingles
        pairs = self._exact_pairs(articles, new_ids) + list(near)
        for first, second in pairs:
            links.union(first, second)
        stats["articles"] += len(new_ids)
        stats["copy_pairs"] += len(pairs)
        self._assign_groups(corpus, links.groups(), near, shingle_sets, stats)
        stats["shingled"] += len(shingle_sets.computed)
        return corpus

    def _exact_pairs(self, articles: dict[str, Article], new_ids: list[str]) -> list[tuple[str, str]]:
        """Pairs whose normalized texts are identical (new article, any article).

        A text without a word (empty after cleaning, or only punctuation) is
        nobody's copy: all such texts would share one fingerprint, whatever
        their headlines say.
        """
        new_fingerprints = {stored_fingerprint(articles[i]) for i in new_ids} - {EMPTY_FINGERPRINT}
        by_fingerprint: dict[str, list[str]] = {}
        for article_id, article in articles.items():
            fingerprint = stored_fingerprint(article)
            if fingerprint in new_fingerprints:
                by_fingerprint.setdefault(fingerprint, []).append(article_id)
        return [(ids[0], other) for ids in by_fingerprint.values() for other in ids[1:]]

    def _near_pairs(
        self, articles: dict[str, Article], shingle_sets: ShingleCache, new: set[str], stats: Stats
    ) -> dict[tuple[str, str], float]:
        """Near-duplicate pairs involving a new article, with their overlap: LSH, Jaccard estimate, exact overlap."""
        settings = self.settings
        ids = list(articles)
        sketches, sizes = self._sketches(articles, shingle_sets)
        indexed = np.flatnonzero(sizes >= settings.min_shingles)
        bands, rows = band_parameters(settings.candidate_threshold, settings.num_perm)
        keys = band_keys(sketches[indexed], bands, rows, SKETCH_SEED)
        is_new = np.fromiter((article_id in new for article_id in ids), dtype=bool, count=len(ids))[indexed]

        @cache  # big buckets repeat across bands
        def order_of(member: int) -> tuple[str, str]:
            return publication_order(articles[ids[indexed[member]]])

        def earliest(members: np.ndarray) -> int:
            return min(members.tolist(), key=order_of)

        pairs = indexed[candidate_pairs(keys, is_new, settings.max_bucket_size, earliest)]
        stats["candidate_pairs"] += len(pairs)
        if len(pairs):
            jaccard = estimated_jaccard(sketches, pairs)
            sigmas = settings.prefilter_sigmas
            pairs = pairs[may_reach_overlap(jaccard, sizes[pairs], settings.min_overlap, settings.num_perm, sigmas)]
        stats["verified_pairs"] += len(pairs)
        pair_ids = [(ids[first], ids[second]) for first, second in pairs.tolist()]
        similarities = shingle_sets.overlaps(pair_ids)
        return {
            pair: value
            for pair, value in zip(pair_ids, similarities.tolist(), strict=True)
            if value >= settings.min_overlap
        }

    def _sketches(self, articles: dict[str, Article], shingle_sets: ShingleCache) -> tuple[np.ndarray, np.ndarray]:
        """The MinHash sketch (n x num_perm) and shingle count of every article, in the order of `articles`.

        Stored sketches are decoded; the others (new articles, sketches stored
        under other settings) are computed together and stored in the metadata.
        """
        settings = self.settings
        sketches = np.full((len(articles), settings.num_perm), NO_VALUE, dtype=SKETCH_DTYPE)
        sizes = np.zeros(len(articles), dtype=np.int64)
        scheme = sketch_scheme(settings)
        stored_rows, stored_sizes, stored_values, missing_rows = [], [], [], []
        for row, article in enumerate(articles.values()):  # the one loop over all articles: a few dict reads each
            stored = article.metadata.get(SKETCH_KEY)
            if not isinstance(stored, dict) or stored.get("scheme") != scheme:
                missing_rows.append(row)
            elif stored["values"]:  # else a text without shingles: no sketch, size 0
                stored_rows.append(row)
                stored_sizes.append(stored["shingles"])
                stored_values.append(stored["values"])
        if stored_rows:
            decoded = np.frombuffer(b"".join(map(binascii.a2b_base64, stored_values)), dtype=SKETCH_DTYPE)
            sketches[stored_rows] = decoded.reshape(len(stored_rows), settings.num_perm)
            sizes[stored_rows] = stored_sizes
        if missing_rows:
            ids = list(articles)
            missing_ids = [ids[row] for row in missing_rows]
            hashes, counts = shingle_sets.compute([articles[i] for i in missing_ids])
            computed = minhash_sketches(hashes, counts, settings.num_perm, SKETCH_SEED)
            sketches[missing_rows], sizes[missing_rows] = computed, counts
            for article_id, encoded, count in zip(missing_ids, encode_sketches(computed), counts.tolist(), strict=True):
                articles[article_id].metadata[SKETCH_KEY] = sketch_record(encoded, count, scheme, settings)
        return sketches, sizes

    def _assign_groups(
        self,
        corpus: Corpus,
        groups: list[list[str]],
        verified: dict[tuple[str, str], float],
        shingle_sets: ShingleCache,
        stats: Stats,
    ) -> None:
        """Write the groups onto the articles and `corpus.copy_groups`, original first.

        A copy's similarity is its overlap with the original: kept if it was
        already linked to that original (no re-shingling of old articles),
        1.0 for an exact duplicate, taken from the verified pairs, or else
        computed (for all such copies at once).
        """
        ordered = [
            sorted((corpus.articles[i] for i in group if i in corpus.articles), key=publication_order)
            for group in groups
        ]
        ordered = [members for members in ordered if len(members) > 1]
        similarity: dict[str, float] = {}
        unknown: list[tuple[str, str]] = []
        for original, *copies in ordered:
            for copy in copies:
                value = verified.get((copy.id, original.id), verified.get((original.id, copy.id)))
                if copy.duplicate_of == original.id and copy.copy_similarity is not None:
                    value = copy.copy_similarity
                elif stored_fingerprint(copy) == stored_fingerprint(original):
                    value = 1.0
                if value is None:
                    unknown.append((copy.id, original.id))
                else:
                    similarity[copy.id] = round(value, 4)
        for (copy_id, _), value in zip(unknown, shingle_sets.overlaps(unknown).tolist(), strict=True):
            similarity[copy_id] = round(value, 4)
        for original, *copies in ordered:
            group_id = f"copy-{original.id}"
            for old_id in {member.copy_group for member in (original, *copies)}:
                if old_id and old_id != group_id:
                    corpus.copy_groups.pop(old_id, None)
            original.duplicate_of, original.copy_group, original.copy_similarity = None, group_id, 1.0
            for copy in copies:
                copy.duplicate_of, copy.copy_group, copy.copy_similarity = original.id, group_id, similarity[copy.id]
            corpus.copy_groups[group_id] = CopyGroup(
                id=group_id,
                original_id=original.id,
                article_ids=[original.id, *(copy.id for copy in copies)],
                similarity={original.id: 1.0, **{copy.id: similarity[copy.id] for copy in copies}},
            )
        stats["copy_groups"] = len(corpus.copy_groups)
        stats["copies"] = sum(len(g.article_ids) - 1 for g in corpus.copy_groups.values())


class ShingleCache:
    """Shingles computed on first use: a run shingles only the articles it actually compares."""

    batch_size = 2000  # articles whose words are held at once (their word strings take ~100x their shingle hashes)

    def __init__(self, articles: dict[str, Article], shingle_words: int) -> None:
        self.articles = articles
        self.shingle_words = shingle_words
        self.computed: dict[str, np.ndarray] = {}  # sorted distinct shingle hashes of each article shingled

    def compute(self, articles: list[Article]) -> tuple[np.ndarray, np.ndarray]:
        """Shingle many articles (and fingerprint them on the way): their hashes concatenated, and counts."""
        batches = [
            self._compute_batch(articles[i : i + self.batch_size]) for i in range(0, len(articles), self.batch_size)
        ]
        if not batches:
            return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
        return np.concatenate([hashes for hashes, _ in batches]), np.concatenate([counts for _, counts in batches])

    def _compute_batch(self, articles: list[Article]) -> tuple[np.ndarray, np.ndarray]:
        word_lists = [words_of(article.text) for article in articles]
        for article, words in zip(articles, word_lists, strict=True):
            if not isinstance(article.metadata.get(FINGERPRINT_KEY), str):
                article.metadata[FINGERPRINT_KEY] = fingerprint_of_words(words)
        hashes, counts = shingle_hashes(word_lists, self.shingle_words)
        ends = np.cumsum(counts).tolist()
        for article, start, end in zip(articles, [0, *ends[:-1]], ends, strict=True):
            self.computed[article.id] = hashes[start:end]
        return hashes, counts

    def hashes(self, article_id: str) -> np.ndarray:
        """The article's sorted distinct shingle hashes."""
        if article_id not in self.computed:
            self.compute([self.articles[article_id]])
        return self.computed[article_id]

    def overlaps(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Exact overlap coefficient of each pair of articles, the missing shingles computed in one batch."""
        missing = {i for pair in pairs for i in pair if i not in self.computed}
        if missing:
            self.compute([self.articles[i] for i in sorted(missing)])
        return overlap_coefficients([self.computed[a] for a, _ in pairs], [self.computed[b] for _, b in pairs])
