"""A live story's compact state (`LiveStory`: centroid sum, key and term sums, date range, member count), read
from and written to `Story.signature` so a later run adds articles without the old ones' vectors; and the
days, gaps and ids clustering measures stories by."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from storylens.model import Story
from storylens.steps.embeddings import decode_vector, encode_vector
from storylens.steps.story_keys import ArticleKeys

SIGNATURE_VERSION = 1


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


def nearest_day(first: float | None, last: float | None, live: LiveStory) -> float | None:
    """The day of the range `first`..`last` nearest to the story's range (None when either side has no date).

    `time_gap_days` of it is then the gap between the two ranges: 0 when they
    overlap, including when one lies inside the other. (The thread merge used
    the earlier story's last day, so a short story wholly inside a longer one
    paid the time penalty for the days the longer one ran on after it.)
    """
    if first is None or last is None or live.first is None:
        return last
    return min(last, max(first, live.first))


def story_id_for(founding_article_id: str) -> str:
    """Readable, stable id derived from the article that started the story.

    16 hex digits (64 bits): with 8, two of the ~34,000 stories of a 140,000-article store already shared an
    id (the birthday bound of 32 bits is ~77,000 ids), and a monitor's store holds hundreds of thousands of
    stories. Ids stored by earlier versions (8 digits) stay valid: an id is only made when a story starts."""
    return "story-" + hashlib.sha1(founding_article_id.encode("utf-8")).hexdigest()[:16]


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
    languages: Counter[str] = field(default_factory=Counter)  # language -> articles (known languages only)
    scripts: Counter[str] = field(default_factory=Counter)  # script -> articles (see `text_script`)
    years: Counter[int] = field(default_factory=Counter)  # year -> articles (see `report_year`)
    opening_counts: Counter[str] = field(default_factory=Counter)  # key -> members opening with it (`opening`)

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
        live.languages = Counter(signature.get("languages") or dict.fromkeys(story.languages, 1))
        live.scripts = Counter(signature.get("scripts", {}))
        live.years = Counter({int(year): count for year, count in signature.get("years", {}).items()})
        live.opening_counts = Counter(signature.get("opening", {}))
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
        languages: Iterable[str] = (),
        scripts: Iterable[str] = (),
        years: Iterable[int] = (),
        opening: Iterable[str] = (),
    ) -> None:
        self.short_articles += short
        self.years.update(years)
        self.opening_counts.update(opening)
        self.languages.update(languages)
        self.scripts.update(scripts)
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

    def remove(
        self,
        embedding: np.ndarray | None,
        keys: dict[str, float],
        terms: Iterable[str] = (),
        short: bool = False,
        term_vector: dict[str, float] | None = None,
        languages: Iterable[str] = (),
        scripts: Iterable[str] = (),
        years: Iterable[int] = (),
        opening: Iterable[str] = (),
    ) -> None:
        """Take out what `add` put in for one article (the reassignment pass, see `ClusterStories._reassign`).

        Sums may have been trimmed to their largest entries since: a key or
        term no longer kept is simply not subtracted, and counts that fall to
        zero or below are dropped. The date range is left as it was (a story
        does not know which member set its ends; the caller may narrow it).
        """
        self.short_articles -= short
        self.years.subtract(years)
        self.opening_counts.subtract(k for k in opening if k in self.opening_counts)
        self.languages.subtract(languages)
        self.scripts.subtract(scripts)
        self.term_counts.subtract(t for t in terms if t in self.term_counts)
        if term_vector:
            self.term_sum.subtract({t: v for t, v in term_vector.items() if t in self.term_sum})
            self.term_members -= 1
        if embedding is not None and self.centroid_sum is not None:
            self.embedded -= 1
            self.centroid_sum = self.centroid_sum - embedding if self.embedded > 0 else None
            self.unit_centroid = None
        self.size -= 1
        self.key_counts.subtract({k: v for k, v in keys.items() if k in self.key_counts})
        for counter in (
            self.years,
            self.opening_counts,
            self.languages,
            self.scripts,
            self.term_counts,
            self.key_counts,
        ):
            for item in [item for item, count in counter.items() if count <= 1e-9]:
                del counter[item]
        self.term_sum = Counter({t: v for t, v in self.term_sum.items() if abs(v) > 1e-9})
        self.profile = None

    def add_article(
        self, embedding: np.ndarray | None, keys: ArticleKeys, day: float | None, max_keys: int, max_terms: int
    ) -> None:
        """`add` for an article's prepared keys: what placing it and re-building a split story's parts count."""
        self.add(
            embedding,
            keys.strengths,
            day,
            max_keys,
            keys.terms,
            max_terms,
            keys.short,
            keys.term_vector,
            keys.languages,
            keys.scripts,
            keys.years,
            keys.opening,
        )

    def remove_article(self, embedding: np.ndarray | None, keys: ArticleKeys) -> None:
        """`remove` for an article's prepared keys (as `ClusterStories._join` added them)."""
        self.remove(
            embedding,
            keys.strengths,
            keys.terms,
            keys.short,
            keys.term_vector,
            keys.languages,
            keys.scripts,
            keys.years,
            keys.opening,
        )

    def copy(self) -> LiveStory:
        """An independent copy of the sums (the story itself is shared): to score a story without one member."""
        return replace(
            self,
            key_counts=Counter(self.key_counts),
            term_counts=Counter(self.term_counts),
            term_sum=Counter(self.term_sum),
            languages=Counter(self.languages),
            scripts=Counter(self.scripts),
            years=Counter(self.years),
            opening_counts=Counter(self.opening_counts),
            profile=None,
            profile_version=-1,
        )

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
        self.languages.update(other.languages)
        self.scripts.update(other.scripts)
        self.years.update(other.years)
        self.opening_counts.update(other.opening_counts)
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
            "languages": dict(self.languages),
            "scripts": dict(sorted(self.scripts.items())),
            "years": {str(year): count for year, count in sorted(self.years.items())},
            "keys": {key: round(count, 3) for key, count in self.key_counts.most_common(max_keys)},
            "opening": dict(self.opening_counts.most_common(max_keys)),
            "terms": dict(self.term_counts.most_common(max_terms)),
            "term_sum": {term: round(value, 4) for term, value in self.term_sum.most_common(2 * max_terms)},
            "term_members": self.term_members,
            "cohesion": round(float(np.linalg.norm(mean)), 4) if mean is not None else None,
            "first": self.first,
            "last": self.last,
        }
