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
town, people and numbers. The key conflict and the anchor veto (see
`StoryIndex.key_evidence`) are subtracted from the score, so wording alone
cannot join them.

Clustering is incremental (single pass, in publication order): each article
joins the best-scoring live story above the threshold or starts a new one.
Candidate stories come from an inverted index over keys and the nearest
centroids among the live stories (whose number the time window bounds), never
from a scan of all stories. The embedding is computed only for articles whose
keys cannot place them (see `ClusterStories`). A story keeps only a compact
signature (centroid, top keys with counts, date range), persisted in
`Story.signature`, so a later run adds articles without the old ones' vectors.
"""

from __future__ import annotations

import hashlib
import heapq
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
import regex
import yaml

from storylens.model import Article, Corpus, Story
from storylens.pipeline import Stats
from storylens.steps.copies import publication_order
from storylens.steps.embeddings import decode_vector, embed_texts, embedding_covers, encode_vector, one_blas_thread
from storylens.steps.story_terms import TERMS_KEY, article_terms

EMBEDDING_KEY = "story_embedding"
KEYS_KEY = "story_keys"
SIGNATURE_VERSION = 1
NAME_TOKEN = re.compile(r"\b[^\W\d_][\w'’-]*", re.UNICODE)
CAPITALIZED_TOKEN = regex.compile(r"\b\p{Lu}[\w'’-]*")  # NAME_TOKEN starting upper-case, found in C
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
COMMON_KEY_MIN_ARTICLES = 50
POSSESSIVE = re.compile(r"'s?$")
LATIN_END = "\u024f"  # last letter of Latin Extended-B: names folded to these are in Latin script
CORE_KEY_SHARE = 0.5  # a key in at least this share of a story's articles is part of its core
CENTROID_SEED_ARTICLES = 1  # articles embedded to give a story placed by keys a centroid (its founder)
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SENTENCE_OPENERS = frozenset("\"'“”„«»‹›‘’‚([{—–-•*")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


@dataclass
class StorySettings:
    """How articles are grouped into stories.

    threshold: score from which an article joins a story. The score is
        `embedding_weight * meaning + key_weight * key_similarity +
        term_weight * term_similarity - deductions` when both sides have an
        embedding, else the key similarity alone compared with `key_threshold`.
        With the defaults (0.4, `embedding_weight` 0.5 = `key_weight`, no
        terms) this is the score the demo and the synthetic benchmark were
        tuned on. On real news it needs keys a translation does not share
        (SemEval-2022 pairs: same-story meaning median 0.6, key similarity
        median 0.2), so `benchmarks/real/real-news.yaml` weighs meaning 1.0,
        keys and terms 0.5 as added evidence, at 0.45: SemEval pair F1
        0.63 -> 0.81 (docs/stories.md, "Real news").
    key_threshold: threshold when only keys can be compared (language not
        covered by the embedding model, or embeddings disabled).
    embedding_weight: weight of meaning (0 disables embeddings). Meaning is the
        average cosine between the article and the story's members (average
        link: the dot product with their mean vector, `average_link`), taken
        above the corpus background (`relative_meaning`).
    key_weight: weight of the key similarity (names, numbers, dates).
    term_weight: weight of the content-term similarity (`story_terms`): the
        lexical evidence plain TF-IDF clustering lives on, within a language.
    average_link: compare with the members' mean vector rather than the unit
        centroid. The centroid of a big story is the theme's direction, and
        every report on the theme is close to it (one OG2021 story took 442
        Olympics headlines); the mean's length shrinks as a story spreads.
    relative_meaning: count meaning above the corpus background (the mean
        cosine between any two of its articles, `StoryIndex.background`),
        rescaled to 0..1: in a feed about one theme all reports read alike to
        the encoder (OG2021: 0.28 between random headlines, ECB+ 0.18).
    background_min_articles: embedded articles needed before the background
        is used (below it, 0).
    time_penalty_per_day: subtracted per day between a short article
        (`short_text_words`) and the story's date range. A headline says only
        what happened at its moment: in a headline stream, 95% of same-event
        pairs are less than 1.5 days apart (OG2021) while same-theme events go
        on side by side for weeks. Full reports carry the context that ties a
        follow-up to its thread, and are not penalized.
    short_text_words: an article with fewer words (headline and text) than
        this is short: a headline or a one-line item; a story is short when
        most of its articles are.
    term_prefix_chars, max_article_terms, max_story_terms: terms are cut to
        this many characters (inflections meet), kept per article (most
        frequent) and per story signature.
    conflict_penalty: subtracted from the score times the key conflict
        (`StoryIndex.key_evidence`): two same-kind events carry different
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
    events in different towns read alike. The real-news profile
    (`benchmarks/real/real-news.yaml`) raises the thread merge to 0.6: at 0.5
    OG2021 threads glue unrelated same-day Olympics stories. It is not the
    default yet: on the synthetic benchmark it merges same-kind events
    (F1 0.64 instead of 1.0) and embeds more articles.
    lead_chars: how much of the text (after the headline) is embedded; the lead
        says what the event is, and embedding cost grows with length (200
        chars: about 2x faster than 400 for -0.005 F1 on the benchmark).
    max_keys: keys kept per story signature (most frequent first).
    key_prior: pseudo-count of documents in the key rarity weight, so a tiny
        corpus does not treat the keys its few articles share as common.
    index_keys: how many of an article's rarest keys are looked up in the index.
    candidate_key_share: keys in a larger share of the articles seen are not
        looked up (they would propose every live story).
    index_key_stories: a key held by more live stories than this proposes no
        candidates (it names no particular event).
    nearest_stories: candidates per article of each kind: the live stories
        sharing the most key weight, and those closest by embedding (one matrix
        product over the live stories, whose number the time window bounds).
    anchor_penalty: subtracted from the score when the article and the story
        both hold specific keys (names, numbers, dates held by few articles)
        and share none: two same-kind events read alike, and nothing ties them.
        A translation shares its names and numbers; a follow-up its place or
        actors.
    embed_batch: articles taken at a time; the ones their keys cannot place are
        embedded together (the encoder is ~2x faster per text in a batch).
    keep_article_embeddings: keep `metadata["story_embedding"]` on articles
        after clustering (off: the story signature is all a later run needs).
    """

    threshold: float = 0.4
    key_threshold: float = 0.5
    embedding_weight: float = 0.5
    weak_key_weight: float = 0.3
    conflict_penalty: float = 0.04
    thread_conflict_penalty: float = 0.2
    time_window_days: float = 7.0
    thread_merge_threshold: float = 0.45
    thread_gap_days: float = 21.0
    lead_chars: int = 200
    max_keys: int = 48
    key_prior: float = 20.0
    index_keys: int = 12
    candidate_key_share: float = 0.01
    nearest_stories: int = 8
    index_key_stories: int = 16
    anchor_penalty: float = 0.1
    embed_batch: int = 32
    keep_article_embeddings: bool = False
    key_weight: float = 0.5
    average_link: bool = False
    time_penalty_per_day: float = 0.5
    term_weight: float = 0.75
    relative_meaning: bool = False
    short_text_words: int = 30
    short_embedding_weight: float = 1.0
    short_average_link: bool = True
    short_relative_meaning: bool = True
    term_floor: float = 0.15
    background_min_articles: int = 50
    term_prefix_chars: int = 6
    max_article_terms: int = 64
    max_story_terms: int = 128


# ---------------------------------------------------------------- per-article signals


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Capitalized words that are not names, all languages (resources/stories/function_words.yaml)."""
    text = resources.files("storylens.resources").joinpath("stories/function_words.yaml").read_text("utf-8")
    return frozenset(word.casefold() for words in yaml.safe_load(text).values() for word in words)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name token, so Zürich matches Zurich (and Velmora's Velmora)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")
    return POSSESSIVE.sub("", folded)


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
    for match in CAPITALIZED_TOKEN.finditer(text):
        token = match.group(0)
        if len(token) > 2 and not starts_sentence(text, match.start()):
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


def is_short(article: Article, short_text_words: int) -> bool:
    """Whether the article is a headline or a one-line item rather than a report (see `short_text_words`)."""
    words = len(article.title.split()) if article.title else 0
    return words + len(article.text.split(None, short_text_words)) < short_text_words


def embedding_text(article: Article, lead_chars: int) -> str:
    """What is embedded: the headline and the lead, where a report says what happened."""
    lead = article.text[:lead_chars]
    return f"{article.title}. {lead}" if article.title else lead


def add_story_signals(articles: Iterable[Article], settings: StorySettings | None = None) -> None:
    """Fill metadata["story_keys"] and ["story_terms"] where missing (embeddings are computed by the stories
    step, when needed)."""
    settings = settings or StorySettings()
    for article in articles:
        if KEYS_KEY not in article.metadata:
            article.metadata[KEYS_KEY] = sorted(article_keys(article))
        if TERMS_KEY not in article.metadata and settings.term_weight > 0:
            article.metadata[TERMS_KEY] = article_terms(
                article.title, article.text, article.language, settings.term_prefix_chars, settings.max_article_terms
            )


class StorySignals:
    """Article step "story-signals": computes each article's keys in the worker processes.

    Stores `metadata["story_keys"]` (list of keys). The embedding is not
    computed here: the stories step embeds only the articles their keys
    cannot place (see `ClusterStories`).
    """

    name = "story-signals"

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            add_story_signals([article], self.settings)
            stats["articles"] += 1
            yield article


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


def time_gap_days(day: float | None, live: LiveStory) -> float:
    """Days between `day` and the story's date range (0 inside it, or when either side has no date)."""
    if day is None or live.first is None or live.last is None:
        return 0.0
    return max(0.0, live.first - day, day - live.last)


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
    unit_centroid: np.ndarray | None = None  # cached `centroid()`
    profile: dict[str, float] | None = None  # cached weighted key profile, see `StoryIndex.profile_of`
    profile_norm2: float = 0.0
    profile_specific: bool = False  # whether the core of the profile holds a specific (not common) key
    profile_script: str | None = None  # `name_script` of the core's name keys
    profile_version: int = -1  # `KeyWeights.version` the cache was computed under
    term_counts: Counter[str] = field(default_factory=Counter)  # content term -> articles holding it
    term_sum: Counter[str] = field(default_factory=Counter)  # sum of the members' unit term vectors
    term_members: int = 0  # members whose term vector is in `term_sum`
    short_articles: int = 0  # articles that are headline-like (see `is_short`)

    @classmethod
    def from_signature(cls, story: Story) -> LiveStory:
        signature = story.signature
        live = cls(story=story, size=signature.get("articles", len(story.article_ids)))
        if signature.get("centroid"):
            live.embedded = signature.get("embedded", 1)
            cohesion = signature.get("cohesion") or 1.0  # norm of the mean member vector (1.0: older signatures)
            live.centroid_sum = decode_vector(signature["centroid"]) * live.embedded * cohesion
        live.key_counts = Counter(signature.get("keys", {}))
        live.term_counts = Counter(signature.get("terms", {}))
        live.term_sum = Counter(signature.get("term_sum", {}))
        live.term_members = signature.get("term_members", 0)
        live.short_articles = signature.get("short", 0)
        live.first = signature.get("first", to_days(story.first_published))
        live.last = signature.get("last", to_days(story.last_published))
        return live

    def mean_vector(self) -> np.ndarray | None:
        """The mean of the members' unit embeddings: its dot product with a vector is their average cosine."""
        if self.centroid_sum is None:
            return None
        return self.centroid_sum / max(self.embedded, 1)

    def centroid(self) -> np.ndarray | None:
        if self.centroid_sum is None:
            return None
        if self.unit_centroid is None:
            self.unit_centroid = self.centroid_sum / max(float(np.linalg.norm(self.centroid_sum)), 1e-9)
        return self.unit_centroid

    def add(
        self,
        embedding: np.ndarray | None,
        keys: dict[str, float],
        day: float | None,
        max_keys: int,
        terms: Iterable[str] = (),
        max_terms: int = 128,
        short: bool = False,
        term_vector: dict[str, float] | None = None,
    ) -> None:
        self.short_articles += short
        self.term_counts.update(terms)
        if len(self.term_counts) > 2 * max_terms:
            self.term_counts = Counter(dict(self.term_counts.most_common(max_terms)))
        if term_vector:
            self.term_sum.update(term_vector)
            self.term_members += 1
            if len(self.term_sum) > 4 * max_terms:
                self.term_sum = Counter(dict(self.term_sum.most_common(2 * max_terms)))
        if embedding is not None:
            self.centroid_sum = embedding.copy() if self.centroid_sum is None else self.centroid_sum + embedding
            self.embedded += 1
            self.unit_centroid = None
        self.size += 1
        self.key_counts.update(keys)
        if len(self.key_counts) > 2 * max_keys:
            self.key_counts = Counter(dict(self.key_counts.most_common(max_keys)))
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        self.profile = None

    def add_embedding(self, embedding: np.ndarray) -> None:
        """Add the embedding of an article already counted (placed by its keys, embedded later)."""
        self.centroid_sum = embedding.copy() if self.centroid_sum is None else self.centroid_sum + embedding
        self.embedded += 1
        self.unit_centroid = None

    def merge(self, other: LiveStory) -> None:
        """Take in another story's signature (thread merge)."""
        if other.centroid_sum is not None:
            own = self.centroid_sum
            self.centroid_sum = other.centroid_sum if own is None else own + other.centroid_sum
            self.embedded += other.embedded
            self.unit_centroid = None
        self.size += other.size
        self.short_articles += other.short_articles
        self.key_counts.update(other.key_counts)
        self.term_counts.update(other.term_counts)
        self.term_sum.update(other.term_sum)
        self.term_members += other.term_members
        self.first = min((x for x in (self.first, other.first) if x is not None), default=None)
        self.last = max((x for x in (self.last, other.last) if x is not None), default=None)
        self.profile = None

    def signature(self, max_keys: int, max_terms: int = 128) -> dict:
        centroid = self.centroid()
        mean = self.mean_vector()
        return {
            "version": SIGNATURE_VERSION,
            "centroid": encode_vector(centroid) if centroid is not None else None,
            "embedded": self.embedded,
            "articles": self.size,
            "short": self.short_articles,
            "keys": {key: round(count, 3) for key, count in self.key_counts.most_common(max_keys)},
            "terms": dict(self.term_counts.most_common(max_terms)),
            "term_sum": {term: round(value, 4) for term, value in self.term_sum.most_common(2 * max_terms)},
            "term_members": self.term_members,
            "cohesion": round(float(np.linalg.norm(mean)), 4) if mean is not None else None,
            "first": self.first,
            "last": self.last,
        }


class KeyWeights:
    """Rarity weight of a key: log(1 + (N + prior) / (df + 1)), df counted over articles seen.

    A key held by more than `common_share` of the articles (at least
    `COMMON_KEY_MIN_ARTICLES`) is *common* (a country named in every story):
    it still counts in similarities, but proposes no candidates and is no
    evidence that two reports share their event.
    """

    def __init__(self, prior: float, common_share: float = 0.05) -> None:
        self.prior = prior
        self.common_share = common_share
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self.names: set[str] = set()  # name keys seen as full keys ("e:"), see `key_strengths`
        self.cache: dict[str, float] = {}  # weights computed since the last count
        self.version = 0  # bumped by every count: cached profiles are stale
        self.common_limit: float = COMMON_KEY_MIN_ARTICLES

    def count(self, keys: Iterable[str], documents: int = 1) -> None:
        """Count `documents` articles holding `keys` (a story's key profile counts as its articles)."""
        self.document_frequency.update(keys)
        self.documents += documents
        self.cache = {}
        self.version += 1
        self.common_limit = max(self.common_share * self.documents, COMMON_KEY_MIN_ARTICLES)

    def count_documents(self, stored_keys: Iterable[Iterable[str]]) -> None:
        """Count articles by their stored keys, at once (a weak "w:x" counts as its name "e:x", as in
        `key_strengths`)."""
        documents = 0
        frequency = self.document_frequency
        for keys in stored_keys:
            frequency.update({"e:" + k[2:] if k.startswith("w:") else k for k in keys})
            documents += 1
        self.count((), documents)

    def __call__(self, key: str) -> float:
        weight = self.cache.get(key)
        if weight is None:
            weight = math.log(1.0 + (self.documents + self.prior) / (self.document_frequency[key] + 1.0))
            self.cache[key] = weight
        return weight

    def is_common(self, key: str) -> bool:
        return self.document_frequency.get(key, 0) > self.common_limit


@dataclass
class ArticleKeys:
    """An article's keys prepared for scoring against many stories."""

    strengths: dict[str, float]
    weighted: dict[str, float]  # rarity x strength
    norm2: float
    specific_keys: frozenset[str]  # full-strength keys that are not common (see `StoryIndex.key_evidence`)
    name_script: str | None = None  # see `name_script`
    terms: dict[str, float] = field(default_factory=dict)  # content term -> strength (see `story_terms`)
    terms_weighted: dict[str, float] = field(default_factory=dict)  # rarity x strength
    terms_norm2: float = 0.0
    term_vector: dict[str, float] = field(default_factory=dict)  # unit term vector (a story's: its members' mean)
    short: bool = False  # a headline-like text (see `StorySettings.short_text_words`)

    @property
    def specific(self) -> bool:
        return bool(self.specific_keys)

    @classmethod
    def of(
        cls,
        strengths: dict[str, float],
        weights: KeyWeights,
        terms: dict[str, float] | None = None,
        term_weights: KeyWeights | None = None,
    ) -> ArticleKeys:
        cache = weights.cache
        weighted = {key: (cache.get(key) or weights(key)) * strength for key, strength in strengths.items()}
        specific = frozenset(k for k, strength in strengths.items() if strength >= 1.0 and not weights.is_common(k))
        keys = cls(strengths, weighted, sum(v * v for v in weighted.values()), specific, name_script(strengths))
        if terms and term_weights is not None:
            keys.terms = terms
            keys.terms_weighted = {term: term_weights(term) * strength for term, strength in terms.items()}
            keys.terms_norm2 = sum(v * v for v in keys.terms_weighted.values())
            norm = math.sqrt(keys.terms_norm2) or 1.0
            keys.term_vector = {term: value / norm for term, value in keys.terms_weighted.items()}
        return keys


def name_script(keys: Iterable[str]) -> str | None:
    """ "latin" or "other": the script most of the name keys are written in (None without name keys).

    Names are compared as written, so a report writing them in Cyrillic or Greek
    shares none with one writing them in Latin letters, whatever its event:
    the anchor veto only applies between sides writing names in one script.
    """
    latin = other = 0
    for key in keys:
        if key.startswith("e:"):
            if all(character <= LATIN_END for character in key[2:]):
                latin += 1
            else:
                other += 1
    if not latin and not other:
        return None
    return "latin" if latin >= other else "other"


@dataclass(frozen=True)
class KeyEvidence:
    """What an article's (or a story's) keys say about a story: see `StoryIndex.key_evidence`."""

    similarity: float = 0.0
    conflict: float = 0.0
    unanchored: bool = False


# ---------------------------------------------------------------- the index of live stories


class StoryIndex:
    """Live stories with their candidate indexes: key postings and a matrix of centroids.

    Candidates for an article are the stories sharing one of its rarest keys
    plus the `nearest_stories` stories whose centroids are closest to its
    embedding (one matrix product over the live stories: their number is
    bounded by the time window, not by the articles ever seen).
    """

    def __init__(self, settings: StorySettings, weights: KeyWeights, term_weights: KeyWeights | None = None) -> None:
        self.settings = settings
        self.weights = weights
        self.term_weights = term_weights or KeyWeights(settings.key_prior)
        self.embedding_sum: np.ndarray | None = None  # sum of every article embedding seen, see `background`
        self.embedding_count = 0
        self.live: dict[str, LiveStory] = {}
        self.by_key: dict[str, set[str]] = {}
        self.posted_keys: dict[str, set[str]] = {}  # story id -> keys it is posted under in `by_key`
        self.matrix = np.zeros((0, 0), dtype=np.float32)  # one row per slot: unit centroid, or zeros
        self.slot_of: dict[str, int] = {}
        self.slot_ids: list[str | None] = []
        self.free_slots: list[int] = []

    def observe(self, vectors: np.ndarray) -> None:
        """Count embedded articles (rows of unit vectors) into the corpus background (see `background`)."""
        if not len(vectors):
            return
        total = vectors.sum(axis=0)
        self.embedding_sum = total if self.embedding_sum is None else self.embedding_sum + total
        self.embedding_count += len(vectors)

    def background(self) -> float:
        """The mean cosine between two articles of this corpus, whatever their story (0 until enough are seen).

        |sum|^2 counts every ordered pair's cosine plus n self-pairs of 1, so the
        mean over distinct pairs is (|sum|^2 - n) / (n (n - 1)). A feed about one
        theme (a week of Olympics headlines) has a high one: all its reports
        read alike to the encoder, and meaning counts only above it.
        """
        count = self.embedding_count
        if self.embedding_sum is None or count < self.settings.background_min_articles:
            return 0.0
        squared = float(self.embedding_sum @ self.embedding_sum)
        return min(max((squared - count) / (count * (count - 1)), 0.0), 0.9)

    def put(self, live: LiveStory) -> None:
        """Add or refresh a story in the indexes (after it was created or grew)."""
        story_id = live.story.id
        self.live[story_id] = live
        posted = self.posted_keys.setdefault(story_id, set())
        for key in live.key_counts.keys() - posted:
            self.by_key.setdefault(key, set()).add(story_id)
            posted.add(key)
        centroid = live.centroid()
        if centroid is not None:
            self.matrix_row(story_id, centroid.shape[0])[:] = centroid

    def matrix_row(self, story_id: str, dimensions: int) -> np.ndarray:
        """The centroid row of a story, allocating a slot (and growing the matrix) when needed."""
        slot = self.slot_of.get(story_id)
        if slot is None:
            if not self.free_slots:
                old = self.matrix
                rows = max(64, 2 * old.shape[0])
                self.matrix = np.zeros((rows, dimensions), dtype=np.float32)
                if old.size:
                    self.matrix[: old.shape[0]] = old
                self.free_slots = list(range(rows - 1, old.shape[0] - 1, -1))
                self.slot_ids += [None] * (rows - old.shape[0])
            slot = self.free_slots.pop()
            self.slot_of[story_id] = slot
            self.slot_ids[slot] = story_id
        return self.matrix[slot]

    def retire(self, story_id: str) -> LiveStory:
        """Drop a story that can no longer grow (its time window has passed)."""
        live = self.live.pop(story_id)
        for key in self.posted_keys.pop(story_id, ()):  # every key ever posted: `add` may have trimmed key_counts
            postings = self.by_key.get(key)
            if postings is not None:
                postings.discard(story_id)
                if not postings:
                    del self.by_key[key]
        slot = self.slot_of.pop(story_id, None)
        if slot is not None:
            self.matrix[slot] = 0.0
            self.slot_ids[slot] = None
            self.free_slots.append(slot)
        return live

    def candidates(self, keys: ArticleKeys, embedding: np.ndarray | None) -> set[str]:
        """Live stories sharing most of the article's rarest specific keys, or nearest by embedding.

        At most `nearest_stories` of each kind: the stories whose shared keys
        weigh most, and those whose centroids are closest to the embedding.

        Common keys (see `KeyWeights.is_common`) and keys held by more than
        `index_key_stories` live stories (a minister's surname, a small number)
        propose no candidates: they would make many live stories one without
        telling which event it is. They still count in the score.
        """
        weights = self.weights
        rarest = sorted(keys.strengths, key=weights, reverse=True)[: self.settings.index_keys]
        limit = self.settings.index_key_stories
        shared: dict[str, float] = {}
        for key in rarest:
            postings = self.by_key.get(key)
            if postings and len(postings) <= limit and not weights.is_common(key):
                weight = weights(key) * keys.strengths[key]
                for story_id in postings:
                    shared[story_id] = shared.get(story_id, 0.0) + weight
        count = self.settings.nearest_stories
        found = set(heapq.nlargest(count, shared, key=shared.__getitem__) if len(shared) > count else shared)
        if embedding is not None and self.slot_of:
            found.update(self.nearest(embedding, self.settings.nearest_stories))
        return found

    def anchored_stories(self, keys: ArticleKeys) -> set[str]:
        """Live stories sharing one of the article's specific keys (see `key_evidence`), through every posting."""
        found: set[str] = set()
        for key in keys.specific_keys:
            found.update(s for s in self.by_key.get(key, ()) if self.live[s].key_counts[key] >= 1.0)
        return found

    def nearest(self, embedding: np.ndarray, count: int) -> list[str]:
        """Ids of the `count` live stories whose centroids are closest to `embedding` (cosine > 0)."""
        cosines = self.matrix @ embedding
        top = np.argpartition(-cosines, count)[:count] if count < len(cosines) else np.arange(len(cosines))
        return [self.slot_ids[slot] for slot in top.tolist() if cosines[slot] > 0 and self.slot_ids[slot] is not None]

    def profile_of(self, live: LiveStory) -> dict[str, float]:
        """The story's weighted key profile {key: rarity x mean strength}, cached until it or the weights change."""
        if live.profile is None or live.profile_version != self.weights.version:
            weight = self.weights
            size = max(live.size, 1)
            cache = weight.cache
            live.profile = {k: (cache.get(k) or weight(k)) * count / size for k, count in live.key_counts.items()}
            live.profile_norm2 = sum(v * v for v in live.profile.values())
            core = CORE_KEY_SHARE * size
            live.profile_specific = any(
                c >= max(core, 1.0) and not weight.is_common(k) for k, c in live.key_counts.items()
            )
            live.profile_script = name_script(k for k, c in live.key_counts.items() if c >= core)
            live.profile_version = weight.version
        return live.profile

    @staticmethod
    def term_similarity(keys: ArticleKeys, live: LiveStory) -> float:
        """Average cosine between the article's term vector and the story's members' (average link).

        The dot product with the sum of the members' unit vectors, over their
        number: a big story on a theme is not close to every report on the
        theme, as its profile's direction would be (two same-kind events share
        the theme's words; their own words are what the average keeps apart).
        A story's own `term_vector` (its members' mean, in the thread merge)
        gives the average over all pairs of their members.
        """
        if not keys.term_vector or not live.term_members:
            return 0.0
        vector, total = keys.term_vector, live.term_sum
        small, large = (vector, total) if len(vector) <= len(total) else (total, vector)
        return sum(value * large.get(term, 0.0) for term, value in small.items()) / live.term_members

    def lexical_evidence(self, keys: ArticleKeys, live: LiveStory, evidence: KeyEvidence) -> float:
        """The term similarity above `term_floor` (rescaled to 0..1), times 1 - the key conflict.

        Two reports of one kind of event share the words of their kind
        ("rehab", "heavyweight", a template's background paragraph): below the
        floor, shared words say nothing about the event. And words count only
        as far as the keys do not contradict them: two same-kind events with
        their own towns, people and numbers read alike in words too.
        """
        floor = self.settings.term_floor
        similarity = max(0.0, self.term_similarity(keys, live) - floor) / (1.0 - floor)
        return similarity * (1.0 - evidence.conflict)

    def key_evidence(self, keys: ArticleKeys, live: LiveStory) -> KeyEvidence:
        """Key similarity, key conflict and anchoring of an article against a story, in one pass.

        - similarity: weighted cosine between the article's keys (rarity x strength)
          and the story's key profile;
        - conflict, 0 to 1: (1 - share of the article's key weight found in the
          story) x (1 - share of the story's core key weight found in the
          article), the core being the key profile (a key in every article counts
          fully, one a single follow-up added counts little). Two reports of
          different events of one kind each carry their own town, people and
          numbers: both shares are low and the conflict high, whatever their
          wording;
        - unanchored: the article holds specific keys, the story's core holds
          specific keys (held by at least `CORE_KEY_SHARE` of its articles:
          the quake's town), and they share none: nothing particular ties the
          article to this event. A specific key is a full-strength one (not a
          weak, unconfirmed capitalized noun: two German reports share
          "Abkommen" whatever their event) that is not common. A story whose
          core is only common keys (a long war thread: the countries and
          leaders every report names) vetoes nothing: each follow-up brings
          its own village. Names are compared as written, so the veto only
          applies between sides writing names in one script (see `name_script`).

        An article or story without keys has no conflict and is never
        unanchored: absent evidence is not contrary evidence.
        """
        profile = self.profile_of(live)
        if not keys.weighted or not profile:
            return KeyEvidence()
        dot = found_in_story = found_in_article = 0.0
        weighted = keys.weighted
        shared = weighted.keys() & profile.keys()  # a set intersection in C: most candidates share few keys
        for key in shared:
            article_value, story_value = weighted[key], profile[key]
            dot += article_value * story_value
            found_in_story += article_value * article_value
            found_in_article += story_value * story_value
        counts = live.key_counts
        anchored = any(counts[key] >= 1.0 for key in shared & keys.specific_keys)
        story_norm2 = live.profile_norm2
        similarity = dot / max(math.sqrt(keys.norm2 * story_norm2), 1e-9)
        article_share = found_in_story / max(keys.norm2, 1e-9)
        story_share = min(1.0, found_in_article / max(story_norm2, 1e-9))
        scripts = (keys.name_script, live.profile_script)
        one_script = None in scripts or scripts[0] == scripts[1]
        unanchored = not anchored and keys.specific and live.profile_specific and one_script
        return KeyEvidence(similarity, (1 - article_share) * (1 - story_share), unanchored)

    def combined_score(
        self,
        keys: ArticleKeys,
        embedding: np.ndarray | None,
        live: LiveStory,
        conflict_penalty: float | None = None,
        day: float | None = None,
    ) -> float:
        """Meaning and key similarity weighted, minus the key conflict and the anchor penalty.

        Without an embedding on either side, the key similarity is rescaled from
        `key_threshold` to `threshold`, so both cases compare with one threshold.
        `conflict_penalty` overrides the setting (the thread-merge pass uses its own).
        """
        settings = self.settings
        evidence = self.key_evidence(keys, live)
        penalty = settings.conflict_penalty if conflict_penalty is None else conflict_penalty
        deduction = penalty * evidence.conflict + (settings.anchor_penalty if evidence.unanchored else 0.0)
        if keys.short:
            deduction += settings.time_penalty_per_day * time_gap_days(day, live)
        centroid = live.mean_vector() if uses_average_link(settings, keys.short) else live.centroid()
        if embedding is None or centroid is None or settings.embedding_weight <= 0:
            return evidence.similarity * settings.threshold / settings.key_threshold - deduction
        meaning = float(embedding @ centroid)
        if settings.relative_meaning or (keys.short and settings.short_relative_meaning):
            background = self.background()
            meaning = (meaning - background) / (1.0 - background)
        lexical = (
            settings.term_weight * self.lexical_evidence(keys, live, evidence) if settings.term_weight > 0 else 0.0
        )
        meaning_weight = settings.short_embedding_weight if keys.short else settings.embedding_weight
        return meaning_weight * meaning + settings.key_weight * evidence.similarity + lexical - deduction

    def score(
        self, keys: ArticleKeys, embedding: np.ndarray | None, live: LiveStory, day: float | None = None
    ) -> float:
        """How well an article fits a story, on the scale of the threshold (>= 1 means join)."""
        return self.combined_score(keys, embedding, live, day=day) / self.settings.threshold


def uses_average_link(settings: StorySettings, short: bool) -> bool:
    """Whether meaning is the average cosine with a story's members (`average_link`) rather than the centroid's."""
    return settings.average_link or (short and settings.short_average_link)


class ThreadScorer:
    """Scores a pair of stories for the thread merge: the earlier one's profile as an article's keys.

    The story's keys count with the share of its articles holding them; its
    meaning is its members' mean vector (average link) or unit centroid, as
    set by `average_link`. Profiles are cached until `forget` (after a merge).
    """

    def __init__(self, settings: StorySettings, placing: StoryIndex) -> None:
        self.settings = settings
        self.index = StoryIndex(settings, placing.weights, placing.term_weights)
        self.index.embedding_sum, self.index.embedding_count = placing.embedding_sum, placing.embedding_count
        self.profiles: dict[str, ArticleKeys] = {}

    def keys_of(self, live: LiveStory) -> ArticleKeys:
        """A story's keys as an article's (strength = share of its articles holding the key)."""
        keys = self.profiles.get(live.story.id)
        if keys is None:
            size = max(live.size, 1)
            strengths = {k: min(c / size, 1.0) for k, c in live.key_counts.items()}
            terms = {t: min(c / size, 1.0) for t, c in live.term_counts.items()}
            keys = ArticleKeys.of(strengths, self.index.weights, terms, self.index.term_weights)
            keys.short = 2 * live.short_articles > live.size
            members = max(live.term_members, 1)
            keys.term_vector = {term: value / members for term, value in live.term_sum.items()}
            self.profiles[live.story.id] = keys
        return keys

    def forget(self, live: LiveStory) -> None:
        self.profiles.pop(live.story.id, None)

    def score(self, earlier: LiveStory, later: LiveStory) -> float:
        keys = self.keys_of(earlier)
        vector = earlier.mean_vector() if uses_average_link(self.settings, keys.short) else earlier.centroid()
        return self.index.combined_score(keys, vector, later, self.settings.thread_conflict_penalty, day=earlier.last)


# ---------------------------------------------------------------- the step


class ClusterStories:
    """Corpus step "stories": sets `article.story_id` and fills `corpus.stories`.

    Full run (no `corpus.new_article_ids`): every article is clustered anew.
    Incremental run: only the new articles are placed; existing stories keep
    their ids and grow from their signatures. Copies join their original's story.

    Embeddings are computed here, lazily: an article whose keys alone place it
    in a story (see `_place_by_keys`) is never embedded. Articles are taken in
    publication order, in chunks of `embed_batch`: those keys cannot place are
    embedded together (the encoder is several times faster per text in a
    batch) and placed after the chunk's key-placed ones.
    """

    name = "stories"

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        with one_blas_thread():
            return self._run(corpus, stats)

    def _run(self, corpus: Corpus, stats: Stats) -> Corpus:
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
        weights = KeyWeights(settings.key_prior, settings.candidate_key_share)
        term_weights = KeyWeights(settings.key_prior)
        index = StoryIndex(settings, weights, term_weights)
        # Key rarity is a corpus statistic: an incremental run counts the stored keys of the articles
        # already in the corpus, as a full run would, so a key is not rarer for being seen in a smaller run.
        # Without them (a run given only story signatures) the live stories' key profiles stand in.
        new_set = set(new_ids)
        known = [
            a
            for a in corpus.articles.values()
            if a.id not in new_set and KEYS_KEY in a.metadata and a.duplicate_of in (None, a.id)
        ]
        self._load_live_stories(corpus, originals, index, weights, count_profiles=not known)
        add_story_signals(known, settings)  # articles stored before terms existed get theirs
        term_weights.count_documents(article.metadata.get(TERMS_KEY, ()) for article in known + originals)
        stored_keys = [article.metadata[KEYS_KEY] for article in known + originals]
        weights.names.update(k for keys in stored_keys for k in keys if k.startswith("e:"))
        weights.count_documents(stored_keys)
        scripts = {name_script(keys) for keys in stored_keys} | {
            name_script(k for k in live.key_counts) for live in index.live.values()
        }
        one_script = len(scripts - {None}) <= 1  # names written in one script: the anchor shortcut is safe
        touched: dict[str, LiveStory] = dict(index.live)
        grown: set[str] = set()  # stories that took an article in this run
        for start in range(0, len(originals), settings.embed_batch):
            chunk = originals[start : start + settings.embed_batch]
            day = to_days(chunk[0].published)
            if day is not None:
                self._retire_closed(index, touched, corpus, day)
            deferred: list[tuple[Article, ArticleKeys, set[str]]] = []
            for article in chunk:
                keys = ArticleKeys.of(
                    key_strengths(article.metadata[KEYS_KEY], settings.weak_key_weight, weights.names),
                    weights,
                    dict.fromkeys(article.metadata.get(TERMS_KEY, ()), 1.0),
                    term_weights,
                )
                keys.short = is_short(article, settings.short_text_words)
                embedding = self._stored_embedding(article)
                if embedding is None and self._wants_embedding(article):
                    live, anchored = self._place_by_keys(article, keys, index, stats, one_script)
                    if live is None:
                        deferred.append((article, keys, anchored))
                        continue
                else:
                    live = self._place(article, keys, embedding, index, stats)
                touched[live.story.id] = live
                grown.add(live.story.id)
            for article, keys, vector in self._embed_deferred(deferred, index, corpus, stats):
                live = self._place(article, keys, vector, index, stats)
                touched[live.story.id] = live
                grown.add(live.story.id)
            stats["live_stories_peak"] = max(stats["live_stories_peak"], len(index.live))
        for live in touched.values():
            self._write_story(live, corpus)
        self._merge_threads(corpus, index, grown, stats)
        self._attach_copies(copies, corpus, stats)
        stats["articles"] += len(new_articles)
        stats["stories"] = len(corpus.stories)
        return corpus

    def _wants_embedding(self, article: Article) -> bool:
        return self.settings.embedding_weight > 0 and embedding_covers(article.language)

    @staticmethod
    def _stored_embedding(article: Article) -> np.ndarray | None:
        encoded = article.metadata.get(EMBEDDING_KEY)
        return decode_vector(encoded) if encoded else None

    def _retire_closed(self, index: StoryIndex, touched: dict[str, LiveStory], corpus: Corpus, day: float) -> None:
        """Write out and forget stories too old to take an article published on `day` (articles come in order)."""
        window = self.settings.time_window_days
        closed = [s for s, live in index.live.items() if live.last is not None and live.last < day - window]
        for story_id in closed:
            live = index.retire(story_id)
            if touched.pop(story_id, None) is not None:
                self._write_story(live, corpus)

    def _best_story(
        self, keys: ArticleKeys, embedding: np.ndarray | None, day: float | None, index: StoryIndex, stats: Stats
    ) -> LiveStory | None:
        """The live story the article fits best with a score of at least 1 (the threshold), if any."""
        best, best_score = None, 1.0
        window = self.settings.time_window_days
        for story_id in index.candidates(keys, embedding):
            live = index.live[story_id]
            if day is not None and live.first is not None and not (live.first - window <= day <= live.last + window):
                continue
            stats["scored"] += 1
            score = index.score(keys, embedding, live, day)
            if score >= best_score:
                best, best_score = live, score
        return best

    def _place_by_keys(
        self, article: Article, keys: ArticleKeys, index: StoryIndex, stats: Stats, one_script: bool
    ) -> tuple[LiveStory | None, set[str]]:
        """Place an article by its keys alone when they settle it, so it needs no embedding.

        Keys settle it when (1) they alone reach the threshold with a story
        (similarity of about `key_threshold` against its key profile, see
        `StoryIndex.combined_score`): it joins that story; or (2) the article
        holds specific keys and no live story shares one: with the anchor
        penalty no wording could make it join one, so it starts a story (only
        when the run writes all names in one script, `one_script`: the veto does not apply
        across scripts, and a story started unembedded could not be found by
        meaning from a report naming its people in Cyrillic).
        Otherwise it returns (None, the candidate stories it is anchored to):
        the article is embedded and placed on meaning and keys together.
        """
        if keys.short:
            return None, index.anchored_stories(keys)
        day = to_days(article.published)
        best = self._best_story(keys, None, day, index, stats)
        if best is not None:
            stats["placed_by_keys"] += 1
            return self._join(article, keys, None, day, best, index, stats), set()
        anchored = index.anchored_stories(keys)
        if keys.specific and not anchored and one_script:
            stats["started_by_keys"] += 1
            return self._join(article, keys, None, day, None, index, stats), set()
        return None, anchored

    def _embed_deferred(
        self,
        deferred: list[tuple[Article, ArticleKeys, set[str]]],
        index: StoryIndex,
        corpus: Corpus,
        stats: Stats,
    ) -> list[tuple[Article, ArticleKeys, np.ndarray]]:
        """Embed the deferred articles, and the first articles of their candidate stories that have no centroid yet.

        A story started or grown by keys alone has no centroid; when a deferred
        article must be compared with it on meaning, its first
        `CENTROID_SEED_ARTICLES` article(s) are embedded in the same batch (one:
        three embedded 29% more texts for the same F1 on the benchmark and demo).
        """
        if not deferred:
            return []
        seeds: dict[str, list[Article]] = {}
        for _, _, anchored in deferred:
            for story_id in anchored:
                live = index.live.get(story_id)
                if live is None or live.centroid_sum is not None or story_id in seeds:
                    continue
                members = [corpus.articles.get(i) for i in live.story.article_ids]
                usable = [a for a in members if a is not None and self._wants_embedding(a)]
                seeds[story_id] = usable[:CENTROID_SEED_ARTICLES]
        seed_articles = [a for members in seeds.values() for a in members]
        texts = [embedding_text(a, self.settings.lead_chars) for a, _, _ in deferred]
        texts += [embedding_text(a, self.settings.lead_chars) for a in seed_articles]
        vectors = embed_texts(texts)
        index.observe(vectors)
        stats["embedded"] += len(texts)
        stats["embedded_as_seeds"] += len(seed_articles)
        vector_of = dict(zip((a.id for a in seed_articles), vectors[len(deferred) :], strict=True))
        for story_id, members in seeds.items():
            live = index.live[story_id]
            for member in members:
                member.metadata[EMBEDDING_KEY] = encode_vector(vector_of[member.id])
                live.add_embedding(vector_of[member.id])
            index.put(live)
        placed = []
        for (article, keys, _), vector in zip(deferred, vectors[: len(deferred)], strict=True):
            article.metadata[EMBEDDING_KEY] = encode_vector(vector)
            placed.append((article, keys, vector))
        return placed

    def _place(
        self, article: Article, keys: ArticleKeys, embedding: np.ndarray | None, index: StoryIndex, stats: Stats
    ) -> LiveStory:
        """Put one article into the best live story, or start a new one."""
        day = to_days(article.published)
        best = self._best_story(keys, embedding, day, index, stats)
        return self._join(article, keys, embedding, day, best, index, stats)

    def _join(
        self,
        article: Article,
        keys: ArticleKeys,
        embedding: np.ndarray | None,
        day: float | None,
        live: LiveStory | None,
        index: StoryIndex,
        stats: Stats,
    ) -> LiveStory:
        if live is None:
            live = LiveStory(story=Story(id=story_id_for(article.id)))
            stats["stories_started"] += 1
        else:
            stats["joined"] += 1
        live.story.article_ids.append(article.id)
        settings = self.settings
        live.add(
            embedding,
            keys.strengths,
            day,
            settings.max_keys,
            keys.terms,
            settings.max_story_terms,
            keys.short,
            keys.term_vector,
        )
        index.put(live)
        article.story_id = live.story.id
        return live

    def _merge_threads(self, corpus: Corpus, placing: StoryIndex, grown: set[str], stats: Stats) -> None:
        """Merge stories that are parts of one thread (see `thread_merge_threshold`), best pair first.

        The online pass commits each article once, in input order, so one event
        may start two stories before either has the evidence to take the other
        (ECB+, without dates, splits threads of arrest, trial and sentence this
        way). This pass joins them as average-linkage clustering does: the pair
        of stories scoring highest is merged first, and the merged story is
        scored again against both sides' candidates before it may take another
        (a merge on fixed signatures would chain alike stories into one).

        Only pairs with a story that grew in this run (`grown`) are proposed,
        and only with its candidates (stories sharing a specific key, nearest
        centroids) among the stories within `thread_gap_days` of it (undated
        stories are within any gap): the cost grows with the new articles and
        the stories alive at once, not with all stories ever made. The older
        story keeps its id.
        """
        settings = self.settings
        grown = grown & corpus.stories.keys()
        if settings.thread_merge_threshold <= 0 or len(corpus.stories) < 2 or not grown:
            return
        lives = self._thread_candidates_lives(corpus, grown)
        scorer = ThreadScorer(settings, placing)
        order = {live.story.id: position for position, live in enumerate(lives)}
        by_id = {live.story.id: live for live in lives}
        neighbours: dict[str, set[str]] = {live.story.id: set() for live in lives}
        for earlier, later in self._thread_pairs(lives, grown, scorer, order):
            neighbours[earlier.story.id].add(later.story.id)
            neighbours[later.story.id].add(earlier.story.id)
        version = dict.fromkeys(by_id, 0)
        heap: list[tuple[float, int, int, str, str]] = []
        merged: set[str] = set()

        def push(first: str, second: str) -> None:
            earlier, later = sorted((by_id[first], by_id[second]), key=lambda x: order[x.story.id])
            if not self._within_thread_gap(earlier, later):
                return
            score = scorer.score(earlier, later)
            stats["thread_pairs"] += 1
            if score >= settings.thread_merge_threshold:
                entry = (-score, version[earlier.story.id], version[later.story.id], earlier.story.id, later.story.id)
                heapq.heappush(heap, entry)

        for story_id, others in neighbours.items():
            for other_id in others:
                if order[story_id] < order[other_id]:
                    push(story_id, other_id)
        while heap:
            _, earlier_version, later_version, earlier_id, later_id = heapq.heappop(heap)
            if earlier_id not in by_id or later_id not in by_id:
                continue  # one side was merged into another story
            if (earlier_version, later_version) != (version[earlier_id], version[later_id]):
                push(earlier_id, later_id)  # a side changed since it was scored: score it again
                continue
            keeper, taken = by_id[earlier_id], by_id.pop(later_id)
            self._absorb(keeper, taken, corpus)
            scorer.forget(keeper)
            merged.add(earlier_id)
            version[earlier_id] += 1
            stats["threads_merged"] += 1
            moved = neighbours.pop(later_id) - {earlier_id}
            for other_id in moved:
                neighbours[other_id].discard(later_id)
                neighbours[other_id].add(earlier_id)
            neighbours[earlier_id] = (neighbours[earlier_id] | moved) - {later_id, earlier_id}
            for other_id in neighbours[earlier_id]:
                push(earlier_id, other_id)
        for story_id in merged & by_id.keys():
            self._write_story(by_id[story_id], corpus)

    def _thread_candidates_lives(self, corpus: Corpus, grown: set[str]) -> list[LiveStory]:
        """Stories within `thread_gap_days` of a grown one (or undated), by start date."""
        reach = self.settings.thread_gap_days
        grown_days = [d for i in grown for d in (to_days(corpus.stories[i].first_published),) if d is not None]
        grown_days += [d for i in grown for d in (to_days(corpus.stories[i].last_published),) if d is not None]
        low, high = (min(grown_days) - reach, max(grown_days) + reach) if grown_days else (-math.inf, math.inf)
        nearby = [
            s
            for s in corpus.stories.values()
            if s.id in grown
            or not (s.last_published and s.first_published)
            or (low <= (to_days(s.last_published) or low) and (to_days(s.first_published) or high) <= high)
        ]
        return sorted(
            (LiveStory.from_signature(s) for s in nearby),
            key=lambda live: (live.first if live.first is not None else math.inf, live.story.id),
        )

    def _thread_pairs(
        self, lives: list[LiveStory], grown: set[str], scorer: ThreadScorer, order: dict[str, int]
    ) -> Iterator[tuple[LiveStory, LiveStory]]:
        """Candidate pairs (earlier, later) with a grown story, among the stories within the gap of it.

        Sweeps the dated stories by start date, keeping in an index only those
        within `thread_gap_days` of the current one, and the undated stories
        throughout; an undated story is then compared with all of them (its
        gap to any story is unknown).
        """
        reach = self.settings.thread_gap_days
        index = scorer.index
        dated = [live for live in lives if live.first is not None and live.last is not None]
        undated = [live for live in lives if live.first is None or live.last is None]
        for live in undated:
            index.put(live)
        ends: list[tuple[float, str]] = []  # (last day, id) of the dated stories in the index
        added = 0
        for live in dated:
            while added < len(dated) and (dated[added].first or 0.0) <= (live.last or 0.0) + reach:
                index.put(dated[added])
                heapq.heappush(ends, (dated[added].last or 0.0, dated[added].story.id))
                added += 1
            while ends and ends[0][0] < (live.first or 0.0) - reach:
                index.retire(heapq.heappop(ends)[1])
            if live.story.id in grown:
                yield from self._pairs_with(live, index, scorer, order)
        if undated:
            for live in dated:
                index.put(live)
            for live in undated:
                if live.story.id in grown:
                    yield from self._pairs_with(live, index, scorer, order)

    @staticmethod
    def _pairs_with(
        live: LiveStory, index: StoryIndex, scorer: ThreadScorer, order: dict[str, int]
    ) -> Iterator[tuple[LiveStory, LiveStory]]:
        """(earlier, later) pairs of a story with its candidates (candidates are not symmetric: a pair may come
        from both sides)."""
        for other_id in index.candidates(scorer.keys_of(live), live.centroid()):
            if other_id != live.story.id:
                other = index.live[other_id]
                yield (live, other) if order[live.story.id] < order[other_id] else (other, live)

    def _absorb(self, keeper: LiveStory, taken: LiveStory, corpus: Corpus) -> None:
        """Move a story's articles into `keeper` and drop it."""
        for article_id in taken.story.article_ids:
            keeper.story.article_ids.append(article_id)
            article = corpus.articles.get(article_id)
            if article is not None:
                article.story_id = keeper.story.id
        keeper.merge(taken)
        corpus.stories.pop(taken.story.id, None)

    def _within_thread_gap(self, earlier: LiveStory, later: LiveStory) -> bool:
        """Whether the later story starts at most `thread_gap_days` after the earlier one ends.

        Undated stories are within any gap: absent dates are not contrary evidence.
        """
        if earlier.last is None or later.first is None:
            return True
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

    def _load_live_stories(
        self, corpus: Corpus, new: list[Article], index: StoryIndex, weights: KeyWeights, count_profiles: bool
    ) -> None:
        """Existing stories whose time range can still take one of the new articles (their profiles counted
        as key statistics when `count_profiles`)."""
        days = [d for d in (to_days(a.published) for a in new) if d is not None]
        window = self.settings.time_window_days
        low, high = (min(days) - window, max(days) + window) if days else (-math.inf, math.inf)
        for story in corpus.stories.values():
            live = LiveStory.from_signature(story)
            if live.first is not None and live.last is not None and (live.last < low or live.first > high):
                continue
            index.put(live)
            if not count_profiles:
                continue
            weights.count(live.key_counts, documents=live.size)
            if set(story.languages) - noun_capitalizing_languages():
                weights.names.update(k for k in live.key_counts if k.startswith("e:"))

    def _write_story(self, live: LiveStory, corpus: Corpus) -> None:
        """Store the story with its signature and the fields readable from its articles."""
        story = live.story
        story.signature = live.signature(self.settings.max_keys, self.settings.max_story_terms)
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
        in_language = int(article.language == main_language)
        earliest = publication_order(article)
        return (-in_language, -len(headline_keys(article.title or "") & top_keys), earliest)

    return min(titled, key=fit).title or ""


@lru_cache(maxsize=16384)
def headline_keys(title: str) -> frozenset[str]:
    """Name and number keys of a headline alone (cached: a story's title is chosen again each time it grows)."""
    headline = Article(id="", text="", source="", title=title)
    return frozenset(name_keys(headline) | number_keys(headline))


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
