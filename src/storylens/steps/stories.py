"""Stories: group articles about one event, across outlets, languages and days.

Two earthquakes in the same week must stay two stories, while one summit
reported in English, Spanish and German must become one. Text similarity
alone cannot do both: reports of two events of the same kind read alike,
and translations share no words. So an article is compared with a story on
three signals:

- **meaning**: cosine between the article's multilingual sentence embedding
  (headline + lead) and the story's centroid; works across languages;
- **keys**: language-independent evidence: name tokens (from entity mentions,
  or capitalized words when there are none), numbers (6,1 and 6.1 alike) and
  resolved dates. Keys are weighted by rarity (a country named in every story
  counts little, a village or a death toll a lot) and compared as a weighted
  cosine with the story's key profile. This is what separates two similar
  events, and what clusters articles in languages the embedding does not cover;
- **time**: an article only joins a story whose date range, widened by the
  time window, contains its publication date.

Keys also say when two alike reports are *not* one event: each carries its own
town, people and numbers. The key conflict (see `StoryIndex.key_conflict`) is
subtracted from the score, so wording alone cannot join them.

Clustering is incremental (single pass, in publication order): each article
joins the best-scoring live story above the threshold or starts a new one.
Candidate stories come from an inverted index over keys and a random-hyperplane
LSH over centroids, never from a scan of all stories. A story keeps only a
compact signature (centroid, top keys with counts, date range), persisted in
`Story.signature`, so a later run adds articles without the old ones' vectors.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from storylens.model import Article, Corpus, Story
from storylens.pipeline import Stats
from storylens.steps.copies import publication_order
from storylens.steps.embeddings import decode_vector, embed_texts, embedding_covers, encode_vector

EMBEDDING_KEY = "story_embedding"
KEYS_KEY = "story_keys"
SIGNATURE_VERSION = 1
NAME_TOKEN = re.compile(r"\b[^\W\d_][\w'’-]*", re.UNICODE)
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
COMMON_KEY_MIN_ARTICLES = 50
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SENTENCE_OPENERS = frozenset("\"'“”„«»‹›‘’‚([{—–-•*")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


@dataclass
class StorySettings:
    """How articles are grouped into stories.

    threshold: combined score from which an article joins a story. The score
        is `embedding_weight * cosine + (1 - embedding_weight) * key_similarity`
        when both sides have an embedding, else the key similarity alone
        compared with `key_threshold`. 0.6 (0.5 for keys only) best separated
        same-kind events from cross-language reports of one event on the
        synthetic benchmark (benchmarks/stories.py); lower it to merge more.
    key_threshold: threshold when only keys can be compared (language not
        covered by the embedding model, or embeddings disabled).
    embedding_weight: share of the score given to meaning (0 disables embeddings).
    conflict_penalty: subtracted from the score times the key conflict
        (`StoryIndex.key_conflict`): two same-kind events carry different
        towns, people and numbers, and template-like wording must not join them.
    thread_conflict_penalty: the same for the thread-merge pass, where whole
        stories are compared and a false merge costs more.
    weak_key_weight: strength of a weak key (a capitalized word in a language
        that capitalizes all nouns, not confirmed by an entity mention) relative
        to a name, number or date key.
    time_window_days: an article joins a story only if published within this
        many days of the story's date range; follow-ups a few days later still join.
    thread_merge_threshold: after articles are placed, two stories whose
        signatures (centroid cosine and key profile, weighted like an article's
        score) reach this are merged: a story is a thread of follow-ups
        (announcement, event, reactions, aftermath), and its parts written
        days apart share actors and subject more than wording. 0 disables.
    thread_gap_days: only stories at most this many days apart are merged.

    The defaults (threshold 0.4, window 7 days, thread merge 0.45 within 21
    days, conflict penalties 0.04 / 0.1) are set on two corpora at once: the
    demo, where stories are weeks-long threads whose follow-ups bring new
    people and numbers, and the synthetic benchmark, where many same-kind
    events in different towns read alike. Stronger conflict penalties or a
    higher threshold separate synthetic events better but split demo threads
    (penalty 0.05: demo F1 0.95; 0.15: 0.84).
    lead_chars: how much of the text (after the headline) is embedded; the lead
        says what the event is, and embedding cost grows with length (200
        chars: about 2x faster than 400 for -0.005 F1 on the benchmark).
    max_keys: keys kept per story signature (most frequent first).
    key_prior: pseudo-count of documents in the key rarity weight, so a tiny
        corpus does not treat the keys its few articles share as common.
    index_keys: how many of an article's rarest keys are looked up in the index.
    candidate_key_share: keys in a larger share of the articles seen are not
        looked up (they would propose every live story).
    lsh_bands, lsh_bits: random-hyperplane LSH over embeddings for candidates
        sharing no key (16 x 8 finds ~95% of stories at cosine 0.8).
    keep_article_embeddings: keep `metadata["story_embedding"]` on articles
        after clustering (off: the story signature is all a later run needs).
    seed: seed of the LSH hyperplanes (fixed so runs are reproducible).
    """

    threshold: float = 0.4
    key_threshold: float = 0.5
    embedding_weight: float = 0.5
    weak_key_weight: float = 0.3
    conflict_penalty: float = 0.04
    thread_conflict_penalty: float = 0.1
    time_window_days: float = 7.0
    thread_merge_threshold: float = 0.45
    thread_gap_days: float = 21.0
    lead_chars: int = 200
    max_keys: int = 48
    key_prior: float = 20.0
    index_keys: int = 12
    candidate_key_share: float = 0.05
    lsh_bands: int = 16
    lsh_bits: int = 8
    keep_article_embeddings: bool = False
    seed: int = 7


# ---------------------------------------------------------------- per-article signals


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Capitalized words that are not names, all languages (resources/stories/function_words.yaml)."""
    text = resources.files("storylens.resources").joinpath("stories/function_words.yaml").read_text("utf-8")
    return frozenset(word.casefold() for words in yaml.safe_load(text).values() for word in words)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name token, so Zürich matches Zurich."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def normalize_number(text: str) -> str | None:
    """One spelling for a number across locales: '6,1' and '6.1' -> '6.1'; '1,200' and '1.200' -> '1200'.

    A last group of exactly three digits is read as thousands. Years (1900-2099)
    return None: they are dates, and every article of a year shares them.
    """
    parts = re.split(r"[.,]", text)
    has_decimals = len(parts) > 1 and len(parts[-1]) != 3
    value = "".join(parts[:-1]) + "." + parts[-1] if has_decimals else "".join(parts)
    value = value.lstrip("0") or "0"
    if value.startswith("."):
        value = "0" + value
    if re.fullmatch(r"(19|20)\d\d", value):
        return None
    return value


@lru_cache(maxsize=1)
def noun_capitalizing_languages() -> frozenset[str]:
    """Languages that capitalize common nouns (resources/stories/capitalization.yaml), e.g. German."""
    text = resources.files("storylens.resources").joinpath("stories/capitalization.yaml").read_text("utf-8")
    return frozenset(yaml.safe_load(text)["capitalizes_nouns"])


def starts_sentence(text: str, start: int) -> bool:
    """Whether the token at `start` opens a sentence or a line (skipping spaces, quotes, brackets)."""
    position = start - 1
    while position >= 0 and (text[position].isspace() or text[position] in SENTENCE_OPENERS):
        if text[position] == "\n":
            return True
        position -= 1
    return position < 0 or text[position] in ".!?:;"


def capitalized_inside_sentences(text: str) -> set[str]:
    """Folded capitalized tokens that do not open a sentence or line (where any word is capitalized)."""
    stop = function_words()
    found = set()
    for match in NAME_TOKEN.finditer(text):
        token = match.group(0)
        if token[0].isupper() and len(token) > 2 and not starts_sentence(text, match.start()):
            found.add(fold(token))
    return found - stop


def is_title_case(title: str) -> bool:
    """Whether a headline capitalizes most of its longer words ("Quake Hits Coastal Town"), names or not."""
    words = [w for w in NAME_TOKEN.findall(title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def name_keys(article: Article) -> set[str]:
    """Name tokens as keys: "e:<token>" for names, "w:<token>" for weak evidence (see `key_strengths`).

    A capitalized word is a name when an entity mention contains it or when it
    is capitalized inside a sentence; a word capitalized only where every word
    may be (sentence starts, title-case headlines: "Mayor", "Magnitude") is not.
    In languages that capitalize every noun (German), a capitalized word that
    no entity mention contains may be a name or a common noun ("Arnhall",
    "Verhandlungen"): it is kept as a weak key, so it still links reports but
    a long tail of nouns no other language shares does not drown the names.
    """
    stop = function_words()
    mentioned = set()
    for mention in article.mentions:
        if mention.kind == "name" and mention.label in NAME_LABELS:
            mentioned |= {fold(t) for t in NAME_TOKEN.findall(mention.text) if t[0].isupper() and len(t) > 2}
    mentioned -= stop
    candidates = capitalized_inside_sentences(article.text)
    if article.title and not is_title_case(article.title):
        candidates |= capitalized_inside_sentences(article.title)
    candidates -= mentioned
    language = (article.language or "").split("-")[0].lower()
    prefix = "w:" if language in noun_capitalizing_languages() else "e:"
    return {"e:" + token for token in mentioned} | {prefix + token for token in candidates}


def number_keys(article: Article) -> set[str]:
    """Numbers in the headline and text, normalized across locales."""
    found = (normalize_number(m.group(0)) for m in NUMBER.finditer(f"{article.title or ''}\n{article.text}"))
    return {"n:" + value for value in found if value is not None}


def date_keys(article: Article) -> set[str]:
    """Resolved calendar dates the article mentions (from the time step), e.g. 'd:2031-05-06'."""
    return {"d:" + t.value for t in article.time_expressions if t.value and FULL_DATE.match(t.value)}


def article_keys(article: Article) -> set[str]:
    """All language-independent keys of an article."""
    return name_keys(article) | number_keys(article) | date_keys(article)


def key_strengths(keys: Iterable[str], weak_key_weight: float, known_names: Container[str] = ()) -> dict[str, float]:
    """Stored keys as {key: strength}: a weak key "w:x" counts as "e:x" with `weak_key_weight`.

    A weak key that is a name elsewhere (`known_names`: "e:x" keys of articles
    in languages that capitalize only names) is a full key: "Arnhall" in a
    German report is a name when English reports write it capitalized
    mid-sentence too; "Verhandlungen" never is.
    """
    strengths: dict[str, float] = {}
    for key in keys:
        if key.startswith("w:"):
            name = "e:" + key[2:]
            strength = 1.0 if name in known_names else weak_key_weight
            strengths[name] = max(strengths.get(name, 0.0), strength)
        else:
            strengths[key] = 1.0
    return strengths


def embedding_text(article: Article, lead_chars: int) -> str:
    """What is embedded: the headline and the lead, where a report says what happened."""
    lead = article.text[:lead_chars]
    return f"{article.title}. {lead}" if article.title else lead


def add_story_signals(articles: list[Article], settings: StorySettings) -> None:
    """Fill metadata["story_keys"] and (for covered languages) metadata["story_embedding"] where missing."""
    to_embed = []
    for article in articles:
        if KEYS_KEY not in article.metadata:
            article.metadata[KEYS_KEY] = sorted(article_keys(article))
        wants_embedding = settings.embedding_weight > 0 and embedding_covers(article.language)
        if wants_embedding and EMBEDDING_KEY not in article.metadata:
            to_embed.append(article)
    vectors = embed_texts([embedding_text(a, settings.lead_chars) for a in to_embed])
    for article, vector in zip(to_embed, vectors, strict=True):
        article.metadata[EMBEDDING_KEY] = encode_vector(vector)


class StorySignals:
    """Article step "story-signals": computes the clustering signals in worker processes.

    Stores `metadata["story_keys"]` (list of keys) and `metadata["story_embedding"]`
    (float16 base64 string, see `embeddings.encode_vector`). Embeds in batches.
    """

    name = "story-signals"

    def __init__(self, settings: StorySettings | None = None, batch_size: int = 64) -> None:
        self.settings = settings or StorySettings()
        self.batch_size = batch_size

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._flush(batch, stats)
                batch = []
        yield from self._flush(batch, stats)

    def _flush(self, batch: list[Article], stats: Stats) -> list[Article]:
        add_story_signals(batch, self.settings)
        stats["articles"] += len(batch)
        stats["embedded"] += sum(EMBEDDING_KEY in a.metadata for a in batch)
        return batch


# ---------------------------------------------------------------- story state


def to_days(published: str | None) -> float | None:
    """ISO date or datetime as days since the epoch (UTC), None when absent or unreadable."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


def story_id_for(founding_article_id: str) -> str:
    """Readable, stable id derived from the article that started the story."""
    return "story-" + hashlib.sha1(founding_article_id.encode("utf-8")).hexdigest()[:8]


@dataclass
class LiveStory:
    """What clustering keeps of a story while it can still grow."""

    story: Story
    centroid_sum: np.ndarray | None = None
    embedded: int = 0
    size: int = 0
    key_counts: Counter[str] = field(default_factory=Counter)  # key -> summed strength over articles
    first: float | None = None
    last: float | None = None
    key_norm: float | None = None  # cached norm of the weighted key profile
    buckets: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def from_signature(cls, story: Story) -> LiveStory:
        signature = story.signature
        live = cls(story=story, size=signature.get("articles", len(story.article_ids)))
        if signature.get("centroid"):
            live.embedded = signature.get("embedded", 1)
            live.centroid_sum = decode_vector(signature["centroid"]) * live.embedded
        live.key_counts = Counter(signature.get("keys", {}))
        live.first = signature.get("first", to_days(story.first_published))
        live.last = signature.get("last", to_days(story.last_published))
        return live

    def centroid(self) -> np.ndarray | None:
        if self.centroid_sum is None:
            return None
        return self.centroid_sum / max(float(np.linalg.norm(self.centroid_sum)), 1e-9)

    def add(self, embedding: np.ndarray | None, keys: dict[str, float], day: float | None, max_keys: int) -> None:
        if embedding is not None:
            self.centroid_sum = embedding.copy() if self.centroid_sum is None else self.centroid_sum + embedding
            self.embedded += 1
        self.size += 1
        self.key_counts.update(keys)
        if len(self.key_counts) > 2 * max_keys:
            self.key_counts = Counter(dict(self.key_counts.most_common(max_keys)))
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        self.key_norm = None

    def signature(self, max_keys: int) -> dict:
        centroid = self.centroid()
        return {
            "version": SIGNATURE_VERSION,
            "centroid": encode_vector(centroid) if centroid is not None else None,
            "embedded": self.embedded,
            "articles": self.size,
            "keys": {key: round(count, 3) for key, count in self.key_counts.most_common(max_keys)},
            "first": self.first,
            "last": self.last,
        }


class KeyWeights:
    """Rarity weight of a key: log(1 + (N + prior) / (df + 1)), df counted over articles seen."""

    def __init__(self, prior: float) -> None:
        self.prior = prior
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self.names: set[str] = set()  # name keys seen as full keys ("e:"), see `key_strengths`
        self.cache = {}  # weights computed since the last count

    def count(self, keys: Iterable[str], documents: int = 1) -> None:
        """Count `documents` articles holding `keys` (a story's key profile counts as its articles)."""
        self.document_frequency.update(keys)
        self.documents += documents
        self.cache: dict[str, float] = {}

    def __call__(self, key: str) -> float:
        weight = self.cache.get(key)
        if weight is None:
            weight = math.log(1.0 + (self.documents + self.prior) / (self.document_frequency[key] + 1.0))
            self.cache[key] = weight
        return weight


# ---------------------------------------------------------------- the index of live stories


class StoryIndex:
    """Live stories with the two candidate indexes (keys, embedding LSH)."""

    def __init__(self, settings: StorySettings, weights: KeyWeights) -> None:
        self.settings = settings
        self.weights = weights
        self.live: dict[str, LiveStory] = {}
        self.by_key: dict[str, set[str]] = {}
        self.by_bucket: dict[tuple[int, int], set[str]] = {}
        rng = np.random.default_rng(settings.seed)
        self.planes = rng.standard_normal((512, settings.lsh_bands * settings.lsh_bits)).astype(np.float32)
        self.bit_values = (1 << np.arange(settings.lsh_bits)).astype(np.int64)

    def buckets(self, vector: np.ndarray) -> list[tuple[int, int]]:
        bits = (vector @ self.planes > 0).reshape(self.settings.lsh_bands, self.settings.lsh_bits)
        return list(enumerate((bits.astype(np.int64) @ self.bit_values).tolist()))

    def put(self, live: LiveStory) -> None:
        """Add or refresh a story in the indexes (after it was created or grew)."""
        story_id = live.story.id
        self.live[story_id] = live
        for key in live.key_counts:
            self.by_key.setdefault(key, set()).add(story_id)
        centroid = live.centroid()
        if centroid is not None:
            for bucket in live.buckets:
                self.by_bucket.get(bucket, set()).discard(story_id)
            live.buckets = self.buckets(centroid)
            for bucket in live.buckets:
                self.by_bucket.setdefault(bucket, set()).add(story_id)

    def retire(self, story_id: str) -> LiveStory:
        """Drop a story that can no longer grow (its time window has passed)."""
        live = self.live.pop(story_id)
        for key in live.key_counts:
            self.by_key.get(key, set()).discard(story_id)
        for bucket in live.buckets:
            self.by_bucket.get(bucket, set()).discard(story_id)
        return live

    def candidates(self, keys: dict[str, float], embedding: np.ndarray | None) -> set[str]:
        """Live stories sharing one of the article's rarest keys or an LSH bucket of its embedding.

        Keys held by more than `candidate_key_share` of the articles seen (a
        country named everywhere) propose no candidates: they would make every
        live story one. They still count in the score. Below
        `COMMON_KEY_MIN_ARTICLES` articles a key is never common: a small
        corpus has few stories to propose, and its shares say little.
        """
        weights = self.weights
        common = max(self.settings.candidate_key_share * weights.documents, COMMON_KEY_MIN_ARTICLES)
        rarest = sorted(keys, key=weights, reverse=True)[: self.settings.index_keys]
        rarest = [key for key in rarest if weights.document_frequency[key] <= common]
        found: set[str] = set()
        for key in rarest:
            found |= self.by_key.get(key, set())
        if embedding is not None:
            for bucket in self.buckets(embedding):
                found |= self.by_bucket.get(bucket, set())
        return found & self.live.keys()

    def key_similarity(self, keys: dict[str, float], live: LiveStory) -> float:
        """Weighted cosine between the article's keys (rarity x strength) and the story's key profile."""
        if not keys or not live.key_counts:
            return 0.0
        weight = self.weights
        if live.key_norm is None:
            live.key_norm = math.sqrt(sum((weight(k) * c / live.size) ** 2 for k, c in live.key_counts.items()))
        dot = sum(weight(k) ** 2 * s * live.key_counts[k] / live.size for k, s in keys.items() if k in live.key_counts)
        article_norm = math.sqrt(sum((weight(k) * s) ** 2 for k, s in keys.items()))
        return dot / max(article_norm * live.key_norm, 1e-9)

    def key_conflict(self, keys: dict[str, float], live: LiveStory) -> float:
        """How much the article's and the story's specific keys contradict each other, 0 to 1.

        (1 - share of the article's key weight found in the story) x (1 - share of
        the story's core key weight found in the article), where the story's core
        is its key profile (a key in every article counts fully, a key one
        follow-up added counts little). Two reports of different events of one
        kind each carry their own town, people and numbers: both shares are low,
        the conflict is high, whatever their wording. An article or story
        without keys has no conflict: absent evidence is not contrary evidence.
        """
        if not keys or not live.key_counts:
            return 0.0
        weight = self.weights
        if live.key_norm is None:
            self.key_similarity(keys, live)
        article_mass = sum((weight(k) * s) ** 2 for k, s in keys.items())
        found_in_story = sum((weight(k) * s) ** 2 for k, s in keys.items() if k in live.key_counts)
        found_in_article = sum((weight(k) * live.key_counts[k] / live.size) ** 2 for k in keys if k in live.key_counts)
        story_mass = (live.key_norm or 0.0) ** 2
        article_share = found_in_story / max(article_mass, 1e-9)
        story_share = min(1.0, found_in_article / max(story_mass, 1e-9))
        return (1 - article_share) * (1 - story_share)

    def combined_score(
        self,
        keys: dict[str, float],
        embedding: np.ndarray | None,
        live: LiveStory,
        conflict_penalty: float | None = None,
    ) -> float:
        """Meaning and key similarity weighted, minus the key conflict; on the scale of `threshold`.

        Without an embedding on either side, the key similarity is rescaled from
        `key_threshold` to `threshold`, so both cases compare with one threshold.
        `conflict_penalty` overrides the setting (the thread-merge pass uses its own).
        """
        settings = self.settings
        key_similarity = self.key_similarity(keys, live)
        penalty = settings.conflict_penalty if conflict_penalty is None else conflict_penalty
        conflict = penalty * self.key_conflict(keys, live) if penalty else 0.0
        centroid = live.centroid()
        if embedding is None or centroid is None or settings.embedding_weight <= 0:
            return key_similarity * settings.threshold / settings.key_threshold - conflict
        cosine = float(embedding @ centroid)
        return settings.embedding_weight * cosine + (1 - settings.embedding_weight) * key_similarity - conflict

    def score(self, keys: dict[str, float], embedding: np.ndarray | None, live: LiveStory) -> float:
        """How well an article fits a story, on the scale of the threshold (>= 1 means join)."""
        return self.combined_score(keys, embedding, live) / self.settings.threshold


# ---------------------------------------------------------------- the step


class ClusterStories:
    """Corpus step "stories": sets `article.story_id` and fills `corpus.stories`.

    Full run (no `corpus.new_article_ids`): every article is clustered anew.
    Incremental run: only the new articles are placed; existing stories keep
    their ids and grow from their signatures. Copies join their original's story.
    """

    name = "stories"

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        settings = self.settings
        new_ids = [i for i in corpus.new_article_ids if i in corpus.articles]
        if not new_ids:
            new_ids = list(corpus.articles)
            corpus.stories = {}
            for article in corpus.articles.values():
                article.story_id = None
        new_articles = sorted((corpus.articles[i] for i in new_ids), key=publication_order)
        copies = [a for a in new_articles if a.duplicate_of in corpus.articles and a.duplicate_of != a.id]
        originals = [a for a in new_articles if not (a.duplicate_of in corpus.articles and a.duplicate_of != a.id)]
        add_story_signals(originals, settings)
        weights = KeyWeights(settings.key_prior)
        index = StoryIndex(settings, weights)
        self._load_live_stories(corpus, originals, index, weights)
        for article in originals:
            weights.names.update(k for k in article.metadata[KEYS_KEY] if k.startswith("e:"))
        for article in originals:
            weights.count(list(key_strengths(article.metadata[KEYS_KEY], settings.weak_key_weight)))
        touched: dict[str, LiveStory] = dict(index.live)
        grown: set[str] = set()  # stories that took an article in this run
        next_sweep = -math.inf
        for article in originals:
            day = to_days(article.published)
            if day is not None and day >= next_sweep:
                self._retire_closed(index, touched, corpus, day)
                next_sweep = day + settings.time_window_days / 8
            live = self._place(article, day, index, stats)
            touched[live.story.id] = live
            grown.add(live.story.id)
            stats["live_stories_peak"] = max(stats["live_stories_peak"], len(index.live))
        for live in touched.values():
            self._write_story(live, corpus)
        self._merge_threads(corpus, weights, grown, stats)
        self._attach_copies(copies, corpus, stats)
        stats["articles"] += len(new_articles)
        stats["stories"] = len(corpus.stories)
        return corpus

    def _retire_closed(self, index: StoryIndex, touched: dict[str, LiveStory], corpus: Corpus, day: float) -> None:
        """Write out and forget stories too old to take an article published on `day` (articles come in order)."""
        window = self.settings.time_window_days
        closed = [s for s, live in index.live.items() if live.last is not None and live.last < day - window]
        for story_id in closed:
            live = index.retire(story_id)
            if touched.pop(story_id, None) is not None:
                self._write_story(live, corpus)

    def _merge_threads(self, corpus: Corpus, weights: KeyWeights, grown: set[str], stats: Stats) -> None:
        """Merge stories that are parts of one thread (see `thread_merge_threshold`).

        Only pairs with a story that grew in this run (`grown`) are compared, and
        only stories within `thread_gap_days` of one, found by a sweep over their
        start dates: the cost grows with the new articles and the stories alive
        at once, not with all stories ever made. The older story keeps its id.
        """
        settings = self.settings
        grown = grown & corpus.stories.keys()
        if settings.thread_merge_threshold <= 0 or len(corpus.stories) < 2 or not grown:
            return
        index = StoryIndex(settings, weights)
        grown_days = [d for i in grown for d in (to_days(corpus.stories[i].first_published),) if d is not None]
        grown_days += [d for i in grown for d in (to_days(corpus.stories[i].last_published),) if d is not None]
        reach = settings.thread_gap_days
        low, high = (min(grown_days) - reach, max(grown_days) + reach) if grown_days else (-math.inf, math.inf)
        nearby = [
            s
            for s in corpus.stories.values()
            if s.id in grown
            or not (s.last_published and s.first_published)
            or (low <= (to_days(s.last_published) or low) and (to_days(s.first_published) or high) <= high)
        ]
        lives = sorted(
            (LiveStory.from_signature(s) for s in nearby),
            key=lambda live: (live.first if live.first is not None else math.inf, live.story.id),
        )
        parent = {live.story.id: live.story.id for live in lives}

        def root(story_id: str) -> str:
            while parent[story_id] != story_id:
                parent[story_id] = parent[parent[story_id]]
                story_id = parent[story_id]
            return story_id

        order = {live.story.id: position for position, live in enumerate(lives)}
        for live in lives:
            index.put(live)
        for live in lives:
            if live.story.id not in grown:
                continue
            profile = {k: min(c / live.size, 1.0) for k, c in live.key_counts.items()}
            for other_id in index.candidates(profile, live.centroid()):
                other = index.live[other_id]
                earlier, later = sorted((live, other), key=lambda x: order[x.story.id])
                if other_id == live.story.id or (other_id in grown and order[other_id] < order[live.story.id]):
                    continue  # itself, or a pair already compared from the other side
                if not self._within_thread_gap(earlier, later):
                    continue
                early_profile = {k: min(c / earlier.size, 1.0) for k, c in earlier.key_counts.items()}
                score = index.combined_score(early_profile, earlier.centroid(), later, settings.thread_conflict_penalty)
                stats["thread_pairs"] += 1
                if score >= settings.thread_merge_threshold and root(earlier.story.id) != root(later.story.id):
                    parent[root(later.story.id)] = root(earlier.story.id)
                    stats["threads_merged"] += 1
        groups: dict[str, list[LiveStory]] = {}
        for live in lives:
            groups.setdefault(root(live.story.id), []).append(live)
        for root_id, members in groups.items():
            if len(members) == 1:
                continue
            keeper = members[0]
            for member in members[1:]:
                for article_id in member.story.article_ids:
                    article = corpus.articles.get(article_id)
                    keeper.story.article_ids.append(article_id)
                    if article is not None:
                        article.story_id = root_id
                if member.centroid_sum is not None:
                    own = keeper.centroid_sum
                    keeper.centroid_sum = member.centroid_sum if own is None else own + member.centroid_sum
                    keeper.embedded += member.embedded
                keeper.size += member.size
                keeper.key_counts.update(member.key_counts)
                keeper.first = min((x for x in (keeper.first, member.first) if x is not None), default=None)
                keeper.last = max((x for x in (keeper.last, member.last) if x is not None), default=None)
                del corpus.stories[member.story.id]
            self._write_story(keeper, corpus)

    def _within_thread_gap(self, earlier: LiveStory, later: LiveStory) -> bool:
        """Whether the later story starts at most `thread_gap_days` after the earlier one ends.

        Undated stories are never merged as threads: a thread is defined by time.
        """
        if earlier.last is None or later.first is None:
            return False
        return later.first - earlier.last <= self.settings.thread_gap_days

    def _attach_copies(self, copies: list[Article], corpus: Corpus, stats: Stats) -> None:
        """Copies join the story of their original, whatever their date."""
        changed: dict[str, Story] = {}
        for copy in copies:
            original = corpus.articles[copy.duplicate_of or ""]
            story = corpus.stories.get(original.story_id or "")
            if story is None:
                continue
            if copy.id not in story.article_ids:
                story.article_ids.append(copy.id)
            copy.story_id = story.id
            copy.metadata.pop(EMBEDDING_KEY, None)
            changed[story.id] = story
            stats["copies_joined"] += 1
        for story in changed.values():
            describe_story(story, corpus.articles_of(story))

    def _load_live_stories(self, corpus: Corpus, new: list[Article], index: StoryIndex, weights: KeyWeights) -> None:
        """Existing stories whose time range can still take one of the new articles."""
        days = [d for d in (to_days(a.published) for a in new) if d is not None]
        window = self.settings.time_window_days
        low, high = (min(days) - window, max(days) + window) if days else (-math.inf, math.inf)
        for story in corpus.stories.values():
            live = LiveStory.from_signature(story)
            if live.first is not None and live.last is not None and (live.last < low or live.first > high):
                continue
            index.put(live)
            weights.count(live.key_counts, documents=live.size)
            if set(story.languages) - noun_capitalizing_languages():
                weights.names.update(k for k in live.key_counts if k.startswith("e:"))

    def _place(self, article: Article, day: float | None, index: StoryIndex, stats: Stats) -> LiveStory:
        """Put one article into the best live story, or start a new one."""
        keys = key_strengths(article.metadata[KEYS_KEY], self.settings.weak_key_weight, index.weights.names)
        encoded = article.metadata.get(EMBEDDING_KEY)
        embedding = decode_vector(encoded) if encoded else None
        best, best_score = None, 1.0
        window = self.settings.time_window_days
        for story_id in index.candidates(keys, embedding):
            live = index.live[story_id]
            if day is not None and live.first is not None and not (live.first - window <= day <= live.last + window):
                continue
            score = index.score(keys, embedding, live)
            if score >= best_score:
                best, best_score = live, score
        stats["candidates"] += 1
        if best is None:
            best = LiveStory(story=Story(id=story_id_for(article.id)))
            stats["stories_started"] += 1
        else:
            stats["joined"] += 1
        best.story.article_ids.append(article.id)
        best.add(embedding, keys, day, self.settings.max_keys)
        index.put(best)
        article.story_id = best.story.id
        return best

    def _write_story(self, live: LiveStory, corpus: Corpus) -> None:
        """Store the story with its signature and the fields readable from its articles."""
        story = live.story
        story.signature = live.signature(self.settings.max_keys)
        corpus.stories[story.id] = story
        articles = corpus.articles_of(story)
        for article in articles:
            article.story_id = story.id
            if not self.settings.keep_article_embeddings:
                article.metadata.pop(EMBEDDING_KEY, None)
        describe_story(story, articles)


# ---------------------------------------------------------------- labels


def representative_title(story: Story, articles: list[Article]) -> str:
    """A headline in the story's main language that shares most of the story's top keys; earliest on ties."""
    titled = [a for a in articles if a.title]
    if not titled:
        return articles[0].text[:80].strip() if articles else ""
    languages = Counter(a.language for a in titled)
    main_language = languages.most_common(1)[0][0]
    top_keys = set(story.signature.get("keys", {}))

    def fit(article: Article) -> tuple[int, int, tuple[str, str]]:
        title_keys = name_keys(Article(id="", text="", source="", title=article.title))
        title_keys |= number_keys(Article(id="", text="", source="", title=article.title))
        in_language = int(article.language == main_language)
        earliest = publication_order(article)
        return (-in_language, -len(title_keys & top_keys), earliest)

    return min(titled, key=fit).title or ""


def describe_story(story: Story, articles: list[Article]) -> None:
    """Title, outlets, languages and date range of a story, from its articles."""
    ordered = sorted(articles, key=publication_order)
    story.article_ids = [a.id for a in ordered]
    story.title = representative_title(story, ordered)
    story.outlets = sorted({a.outlet for a in ordered if a.outlet})
    story.languages = sorted({a.language for a in ordered if a.language})
    dates = sorted(a.published for a in ordered if a.published)
    story.first_published = dates[0] if dates else None
    story.last_published = dates[-1] if dates else None


class DescribeStories:
    """Corpus step "describe-stories" (after entity resolution): labels and key entities.

    `key_entity_ids` are the entities most mentioned across the story's
    articles, counting each article once per entity and copies not at all
    (a syndicated text mentioned ten times is still one source).
    """

    name = "describe-stories"

    def __init__(self, max_entities: int = 8) -> None:
        self.max_entities = max_entities

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        for story in corpus.stories.values():
            articles = corpus.articles_of(story)
            describe_story(story, articles)
            story.key_entity_ids = key_entities(articles, self.max_entities)
            stats["stories"] += 1
            stats["key_entities"] += len(story.key_entity_ids)
        return corpus


def key_entities(articles: list[Article], limit: int) -> list[str]:
    """Entity ids by number of independent articles mentioning them, then by id."""
    counts: Counter[str] = Counter()
    for article in articles:
        if article.duplicate_of is None:
            counts.update({m.entity_id for m in article.mentions if m.entity_id})
    return [entity for entity, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]]
