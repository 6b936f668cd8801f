"""Copies: articles that carry the same text, whatever outlet or headline they run under.

Syndication, re-posting and partial re-use are common in news: one agency text
shows up under ten outlets, sometimes with a new headline, an added paragraph
or only most of the original. The report must count such copies once when it
says how many independent sources carry something, so this step groups them.

Two stages, both over the article *body* (headlines are rewritten freely):

1. exact duplicates: a hash of the normalized text (case, accents form and
   whitespace do not matter);
2. near duplicates: word shingles -> MinHash -> LSH (datasketch) gives
   candidate pairs cheaply (no all-pairs comparison); each candidate pair is
   then verified exactly with the *overlap coefficient* of the shingle sets,
   `|A ∩ B| / min(|A|, |B|)`: the share of the shorter text found in the other.
   It is 1.0 for a copy with an added paragraph and stays high for a partial
   copy, while two different articles that share boilerplate stay low.

Each group's original is its earliest published article (ties broken by id);
the others get `duplicate_of` = that id and `copy_similarity` = their overlap
with it.

A feed grows; a run must cost what its new articles cost. So each article's
text fingerprint and MinHash sketch are computed once and kept in its
metadata (`copy_fingerprint`, `copy_minhash`: 128 hash values, ~1.4 KB as
base64); later runs rebuild the LSH index from the stored sketches and
shingle only the new articles and the few old ones proposed as candidates.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from storylens.model import Article, CopyGroup, Corpus
from storylens.pipeline import Stats

WORD = re.compile(r"\w+")
NO_DATE = "9999"  # sorts articles without a publication date after dated ones
FINGERPRINT_KEY = "copy_fingerprint"
SKETCH_KEY = "copy_minhash"


@dataclass
class CopySettings:
    """How copies are found.

    shingle_words: words per shingle; 5 is long enough that two different
        reports of one event rarely share many, short enough to survive light edits.
    num_perm: MinHash permutations; 128 keeps candidate recall high at ~1 KB per article.
    candidate_threshold: Jaccard level at which LSH proposes a pair. Kept low (0.3)
        so partial copies (one text embedding most of a longer one, hence a low
        Jaccard) are still proposed; every candidate is verified exactly.
    min_overlap: overlap coefficient from which a verified pair counts as a copy.
        0.75 accepts "most of the text re-used" and rejects shared boilerplate.
    min_shingles: texts with fewer shingles are only matched exactly (a
        two-line brief shares too little text to call a near copy safely).
    """

    shingle_words: int = 5
    num_perm: int = 128
    candidate_threshold: float = 0.3
    min_overlap: float = 0.75
    min_shingles: int = 8


def normalize_text(text: str) -> str:
    """The text as compared for copies: NFKC, case-folded, words only."""
    return " ".join(WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def text_fingerprint(text: str) -> str:
    """Hash of the normalized text: equal for exact duplicates."""
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[int]:
    """32-bit hashes of the overlapping `size`-word windows of the normalized text."""
    words = normalize_text(text).split()
    if len(words) <= size:
        return {zlib.crc32(" ".join(words).encode("utf-8"))} if words else set()
    return {zlib.crc32(" ".join(words[i : i + size]).encode("utf-8")) for i in range(len(words) - size + 1)}


def overlap(first: set[int], second: set[int]) -> float:
    """Overlap coefficient: the share of the smaller shingle set found in the other."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _identity(value: int) -> int:
    return value


def minhash(shingle_set: set[int], num_perm: int) -> MinHash:
    """MinHash of already-hashed shingles (no second hashing pass)."""
    sketch = MinHash(num_perm=num_perm, hashfunc=_identity)
    if shingle_set:
        sketch.update_batch(np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set)))
    return sketch


def stored_sketch(article: Article, num_perm: int, shingle_words: int) -> LeanMinHash | None:
    """The article's MinHash from its metadata, computed and stored on first use (None for a very short text).

    A sketch stored under other settings (permutations, shingle size) is recomputed.
    """
    stored = article.metadata.get(SKETCH_KEY)
    if isinstance(stored, dict) and stored.get("perm") == num_perm and stored.get("words") == shingle_words:
        if not stored.get("values"):
            return None
        values = np.frombuffer(base64.b64decode(stored["values"]), dtype="<u8")
        return LeanMinHash(seed=stored["seed"], hashvalues=values, scheme=stored["scheme"])
    shingle_set = shingles(article.text, shingle_words)
    sketch = LeanMinHash(minhash(shingle_set, num_perm)) if shingle_set else None
    article.metadata[SKETCH_KEY] = {
        "perm": num_perm,
        "words": shingle_words,
        "shingles": len(shingle_set),
        "seed": sketch.seed if sketch else None,
        "scheme": sketch.scheme if sketch else None,
        "values": base64.b64encode(sketch.hashvalues.astype("<u8").tobytes()).decode("ascii") if sketch else "",
    }
    return sketch


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


class _UnionFind:
    """Groups ids connected by copy pairs."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: str, second: str) -> None:
        self.parent[self.find(first)] = self.find(second)

    def groups(self) -> list[list[str]]:
        members: dict[str, list[str]] = {}
        for item in self.parent:
            members.setdefault(self.find(item), []).append(item)
        return [group for group in members.values() if len(group) > 1]


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
        links = _UnionFind()
        if incremental:
            for group in corpus.copy_groups.values():
                for member in group.article_ids:
                    links.union(member, group.original_id)
        pairs = self._exact_pairs(articles, new_ids) + self._near_pairs(articles, shingle_sets, new_ids, stats)
        for first, second in pairs:
            links.union(first, second)
        stats["articles"] += len(new_ids)
        stats["candidate_pairs"] += len(pairs)
        self._assign_groups(corpus, links.groups(), shingle_sets, stats)
        stats["shingled"] += len(shingle_sets.computed)
        return corpus

    def _exact_pairs(self, articles: dict[str, Article], new_ids: list[str]) -> list[tuple[str, str]]:
        """Pairs whose normalized texts are identical (new article, any article)."""
        new = set(new_ids)
        by_fingerprint: dict[str, list[str]] = {}
        for article_id, article in articles.items():
            by_fingerprint.setdefault(stored_fingerprint(article), []).append(article_id)
        pairs = []
        for ids in by_fingerprint.values():
            if len(ids) > 1 and new.intersection(ids):
                pairs.extend((ids[0], other) for other in ids[1:])
        return pairs

    def _near_pairs(
        self, articles: dict[str, Article], shingle_sets: ShingleCache, new_ids: list[str], stats: Stats
    ) -> list[tuple[str, str]]:
        """Verified near-duplicate pairs involving a new article, found through MinHash LSH."""
        settings = self.settings
        index = MinHashLSH(threshold=settings.candidate_threshold, num_perm=settings.num_perm)
        sketches: dict[str, LeanMinHash] = {}
        for article_id, article in articles.items():
            sketch = stored_sketch(article, settings.num_perm, settings.shingle_words)
            if sketch is not None and article.metadata[SKETCH_KEY]["shingles"] >= settings.min_shingles:
                sketches[article_id] = sketch
                index.insert(article_id, sketch)
        new = set(new_ids)
        pairs = []
        for article_id in new_ids:
            if article_id not in sketches:
                continue
            for other in index.query(sketches[article_id]):
                if other == article_id or (other in new and other < article_id):  # pair already checked
                    continue
                stats["verified_pairs"] += 1
                if overlap(shingle_sets[article_id], shingle_sets[other]) >= settings.min_overlap:
                    pairs.append((article_id, other))
        return pairs

    def _assign_groups(self, corpus: Corpus, groups: list[list[str]], shingle_sets: ShingleCache, stats: Stats) -> None:
        """Write the groups onto the articles and `corpus.copy_groups`, original first.

        A copy already linked to the same original keeps its similarity (no re-shingling of old articles).
        """
        for group in groups:
            members = sorted((corpus.articles[i] for i in group if i in corpus.articles), key=publication_order)
            if len(members) < 2:
                continue
            original = members[0]
            group_id = f"copy-{original.id}"
            for old_id in {corpus.articles[i].copy_group for i in group if i in corpus.articles}:
                if old_id and old_id != group_id:
                    corpus.copy_groups.pop(old_id, None)
            similarity = {original.id: 1.0}
            original.duplicate_of, original.copy_group, original.copy_similarity = None, group_id, 1.0
            for copy in members[1:]:
                if copy.duplicate_of == original.id and copy.copy_similarity is not None:
                    value = copy.copy_similarity
                elif stored_fingerprint(copy) == stored_fingerprint(original):
                    value = 1.0
                else:
                    value = round(overlap(shingle_sets[copy.id], shingle_sets[original.id]), 4)
                copy.duplicate_of, copy.copy_group, copy.copy_similarity = original.id, group_id, value
                similarity[copy.id] = value
            corpus.copy_groups[group_id] = CopyGroup(
                id=group_id, original_id=original.id, article_ids=[a.id for a in members], similarity=similarity
            )
        stats["copy_groups"] = len(corpus.copy_groups)
        stats["copies"] = sum(len(g.article_ids) - 1 for g in corpus.copy_groups.values())


class ShingleCache:
    """Shingle sets computed on first use: a run shingles only the articles it actually compares."""

    def __init__(self, articles: dict[str, Article], shingle_words: int) -> None:
        self.articles = articles
        self.shingle_words = shingle_words
        self.computed: dict[str, set[int]] = {}

    def __getitem__(self, article_id: str) -> set[int]:
        if article_id not in self.computed:
            self.computed[article_id] = shingles(self.articles[article_id].text, self.shingle_words)
        return self.computed[article_id]
