"""Live stories and their candidate indexes: what clustering keeps of a story while it can still grow.

A `LiveStory` (`story_signature.py`) is a story's compact state (centroid sum, key and term sums,
date range), persisted as `Story.signature`; `StoryIndex` holds the live ones
with their key postings and a matrix of centroids and scores an article (or a
story, `ThreadScorer`) against them.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

import numpy as np

from storylens.steps.story_keys import ArticleKeys, KeyEvidence, KeyWeights, name_script
from storylens.steps.story_settings import StorySettings
from storylens.steps.story_signature import LiveStory, nearest_day, time_gap_days

CORE_KEY_SHARE = 0.5  # a key in at least this share of a story's articles is part of its core


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
        # story id -> when it was put in the index: candidate lists and ties follow it, never the hash order of sets
        self.rank: dict[str, int] = {}
        self.next_rank = 0

    def observe(self, vectors: np.ndarray) -> None:
        """Count embedded articles (rows of unit vectors) into the corpus background (see `background`)."""
        if not len(vectors):
            return
        total = vectors.sum(axis=0)
        self.embedding_sum = total if self.embedding_sum is None else self.embedding_sum + total
        self.embedding_count += len(vectors)

    def centred_meaning(self, vector: np.ndarray, mean: np.ndarray) -> float:
        """Average link measured from the corpus's mean embedding, not from 0 (see `short_relative_meaning`).

        In a feed about one theme every text points along the theme's
        direction: the raw cosine of two headlines is mostly that shared part
        (0.28 between any two OG2021 headlines). Each side is taken from the
        corpus mean (centring, as cross-lingual retrieval does with multilingual
        embeddings), which leaves what is particular to the text, and divided by
        the expected norm of a centred unit vector, 1 - |mean|^2 for the pair,
        so unrelated texts score about 0 and one text with itself about 1.
        Subtracting the mean cosine (`background`) from every pair instead gave
        the same bar to a headline typical of the feed and to an unusual one: on
        OG2021, same- against different-event headline pairs of one day rank
        with AUC 0.76 raw and 0.80 centred; B-cubed 0.567 -> 0.577.
        `mean` is the story's members' mean vector (or unit centroid). Used for
        short texts: for full reports (the real-news profile's
        `relative_meaning`) it lost ECB+ 0.02 and SemEval 0.01 against the
        background subtracted from the cosine.
        """
        if self.embedding_sum is None or self.embedding_count < self.settings.background_min_articles:
            return float(vector @ mean)
        corpus = self.embedding_sum / self.embedding_count
        spread = max(1.0 - float(corpus @ corpus), 0.1)
        return float((vector - corpus) @ (mean - corpus)) / spread

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
        if story_id not in self.rank:
            self.rank[story_id] = self.next_rank
            self.next_rank += 1
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
        self.rank.pop(story_id, None)
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

    def candidates(self, keys: ArticleKeys, embedding: np.ndarray | None) -> list[str]:
        """Live stories sharing most of the article's rarest specific keys, or nearest by embedding.

        At most `nearest_stories` of each kind: the stories whose shared keys
        weigh most, and those whose centroids are closest to the embedding.

        Common keys (see `KeyWeights.is_common`) and keys held by more than
        `index_key_stories` live stories (a minister's surname, a small number)
        propose no candidates: they would make many live stories one without
        telling which event it is. They still count in the score.

        Returned in the order the stories were started (`in_start_order`), and
        stories whose shared keys weigh the same are kept in that order too: a
        set of story ids iterates in an order set by the hash seed, so two runs
        over one input would otherwise keep and prefer different stories.
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
        ordered = self.in_start_order(shared)
        found = set(heapq.nlargest(count, ordered, key=shared.__getitem__) if len(shared) > count else shared)
        if embedding is not None and self.slot_of:
            found.update(self.nearest(embedding, self.settings.nearest_stories))
        return self.in_start_order(found)

    def in_start_order(self, story_ids: Iterable[str]) -> list[str]:
        """The live stories among `story_ids`, earliest started first (the order ties are settled in)."""
        rank = self.rank
        return sorted((s for s in story_ids if s in rank), key=rank.__getitem__)

    def anchored_stories(self, keys: ArticleKeys) -> list[str]:
        """Live stories sharing one of the article's specific keys (see `key_evidence`), through every posting,
        earliest started first."""
        found: set[str] = set()
        for key in keys.specific_keys:
            found.update(s for s in self.by_key.get(key, ()) if self.live[s].key_counts[key] >= 1.0)
        return self.in_start_order(found)

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

        Not for a short text (a headline, or a story of headlines): its one or
        two keys make the conflict a coin toss (between OG2021's stories of one
        event and of two events the conflict ranks with AUC 0.50, the words
        alone with 0.79), and a full report's conflict guards against shared
        background paragraphs, which a headline has none of.
        """
        floor = self.settings.term_floor
        similarity = max(0.0, self.term_similarity(keys, live) - floor) / (1.0 - floor)
        if keys.short:
            return similarity
        return similarity * (1.0 - evidence.conflict)

    def cross_language_evidence(
        self, keys: ArticleKeys, live: LiveStory, evidence: KeyEvidence, cosine: float
    ) -> float:
        """Meaning standing in for shared words where the two sides are in different languages.

        Words meet only within a language, so a translation or a report in
        another language scores nothing on them however close its meaning.
        Here each pair of members in different languages (the share
        `cross_language_share`) counts its meaning instead: the cosine above
        the background (`term_floor`, or the corpus background when higher),
        rescaled to 0..1, times 1 - the key conflict, as words count. Only
        when the two sides also share evidence (a specific name, number or
        date key: not one every report of the feed names) or are written in
        different scripts (where no name can be shared as written): two
        same-kind events in two languages read alike to the encoder, and a
        shared name or number is what says they are one. (Any shared key,
        common ones included, opened the gate to a feed's theme: OG2021
        0.568 -> 0.552, SemEval 0.762 -> 0.761.)
        """
        share = cross_language_share(keys, live)
        if share <= 0.0:
            return 0.0
        if not evidence.anchored and not in_other_scripts(keys, live):
            return 0.0
        floor = max(self.settings.term_floor, self.background())
        return share * max(0.0, cosine - floor) / (1.0 - floor) * (1.0 - evidence.conflict)

    def lead_conflict(self, keys: ArticleKeys, live: LiveStory) -> bool:
        """Whether the article's headline names someone or a number the story never holds, and the story's
        core holds a name or number the article never mentions: another event's protagonist or count.

        The story's core here is strict: specific keys in at least `lead_core_share` of its
        (at least 3) articles. A thread's follow-up brings new people, but still names the
        story's protagonist; a report of another event of the kind (another player
        arrested, another fighter beaten) names its own in its headline and not the other's.
        """
        if not keys.headline or keys.short or live.size < 3 or live.short_articles * 2 > live.size:
            return False
        counts = live.key_counts
        if all(counts.get(k, 0.0) >= 1.0 for k in keys.headline):
            return False
        strengths = keys.strengths
        return any(k not in strengths for k in self.core_keys(live))

    def open_apart(self, earlier: LiveStory, later: LiveStory) -> bool:
        """Whether two stories open with different protagonists: each one's reports mostly open with a name
        that few of the other's reports open with (see `opening_text`).

        A thread's parts (the arrest, the charges, the trial) open with its
        protagonist; two same-kind events open with their own, even where the
        later one's reports recall the earlier's further down (the team's
        earlier arrest): the names a story's texts hold anywhere cannot tell
        them apart, the names they open with can.
        """
        share = self.settings.opening_share
        return self._opens_without(earlier, later, share) and self._opens_without(later, earlier, share)

    def _opens_without(self, live: LiveStory, other: LiveStory, share: float) -> bool:
        """Whether `live`'s opening core holds a name fewer than `share` of `other`'s reports open with."""
        if other.size < 3 or other.short_articles * 2 > other.size:
            return False
        bar = share * other.size
        counts = other.opening_counts
        return any(counts.get(k, 0.0) < bar for k in self.opening_core(live))

    def opening_core(self, live: LiveStory) -> frozenset[str]:
        """The people (specific name keys, see `story_keys.opening_persons`) at least `lead_core_share` of a
        story's (at least 3) reports open with."""
        if live.size < 3:
            return frozenset()
        bar = self.settings.lead_core_share * live.size
        weights = self.weights
        return frozenset(
            k for k, c in live.opening_counts.items() if c >= bar and k[:2] == "e:" and not weights.is_common(k)
        )

    def core_keys(self, live: LiveStory) -> frozenset[str]:
        """A story's strict core in the lead conflict: the specific names and numbers (not common ones) in at
        least `lead_core_share` of its (at least 3) articles."""
        if live.size < 3:
            return frozenset()
        bar = self.settings.lead_core_share * live.size
        weights = self.weights
        return frozenset(
            k for k, c in live.key_counts.items() if c >= bar and k[:2] in ("e:", "n:") and not weights.is_common(k)
        )

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
          wording. Between texts in different scripts (see `text_script`)
          names cannot be shared as written, so only numbers and dates count
          in the shares there (a Chinese report of an English story shares its
          death toll, never its names);
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
        # a set intersection in C (most candidates share few keys), summed in key order: a float sum in the
        # set's hash order differs in its last bits between runs, enough to flip a score sitting on a threshold
        shared = weighted.keys() & profile.keys()
        for key in sorted(shared):
            article_value, story_value = weighted[key], profile[key]
            dot += article_value * story_value
            found_in_story += article_value * article_value
            found_in_article += story_value * story_value
        counts = live.key_counts
        anchored = any(counts[key] >= 1.0 for key in shared & keys.specific_keys)
        story_norm2 = live.profile_norm2
        similarity = dot / max(math.sqrt(keys.norm2 * story_norm2), 1e-9)
        article_norm2, story_norm2_comparable = keys.norm2, story_norm2
        if in_other_scripts(keys, live):
            # written in different scripts: names cannot be shared as written, only numbers and dates can
            article_norm2 = sum(v * v for k, v in weighted.items() if not k.startswith("e:"))
            story_norm2_comparable = sum(v * v for k, v in profile.items() if not k.startswith("e:"))
        article_share = min(1.0, found_in_story / article_norm2) if article_norm2 > 0 else 1.0
        story_share = min(1.0, found_in_article / story_norm2_comparable) if story_norm2_comparable > 0 else 1.0
        scripts = (keys.name_script, live.profile_script)
        one_script = None in scripts or scripts[0] == scripts[1]
        unanchored = not anchored and keys.specific and live.profile_specific and one_script
        return KeyEvidence(similarity, (1 - article_share) * (1 - story_share), unanchored, anchored)

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
        if years_apart(keys.years, live.years, settings.year_gap):
            deduction += settings.year_penalty
        if settings.lead_conflict_penalty and self.lead_conflict(keys, live):
            deduction += settings.lead_conflict_penalty
        if keys.short:
            deduction += settings.time_penalty_per_day * time_gap_days(day, live)
        centroid = live.mean_vector() if uses_average_link(settings, keys.short) else live.centroid()
        if embedding is None or centroid is None or settings.embedding_weight <= 0:
            return evidence.similarity * settings.threshold / settings.key_threshold - deduction
        cosine = meaning = float(embedding @ centroid)
        if settings.relative_meaning or (keys.short and settings.short_relative_meaning):
            if keys.short:
                meaning = self.centred_meaning(embedding, centroid)
            else:  # a full report's cosine above the background (centred, `relative_meaning` cost ECB+ 0.02)
                background = self.background()
                meaning = (meaning - background) / (1.0 - background)
        lexical = 0.0
        if settings.term_weight > 0:
            words = self.lexical_evidence(keys, live, evidence)
            lexical = settings.term_weight * (words + self.cross_language_evidence(keys, live, evidence, cosine))
        meaning_weight = settings.short_embedding_weight if keys.short else settings.embedding_weight
        return meaning_weight * meaning + settings.key_weight * evidence.similarity + lexical - deduction

    def score(
        self, keys: ArticleKeys, embedding: np.ndarray | None, live: LiveStory, day: float | None = None
    ) -> float:
        """How well an article fits a story, on the scale of the threshold (>= 1 means join)."""
        return self.combined_score(keys, embedding, live, day=day) / self.settings.threshold


def in_other_scripts(keys: ArticleKeys, live: LiveStory) -> bool:
    """Whether the article and the story are written in scripts they do not share (both known): no name
    can then be shared as written (see `text_script`)."""
    return bool(keys.scripts) and bool(live.scripts) and not keys.scripts & live.scripts.keys()


def cross_language_share(keys: ArticleKeys, live: LiveStory) -> float:
    """The share of (article or member, member) pairs written in different languages (0 when either side's
    languages are unknown): 1 for a report in a language the story does not hold, 0 within one language."""
    total = sum(live.languages.values())
    if not keys.languages or not total:
        return 0.0
    same = sum(share * live.languages.get(language, 0) for language, share in keys.languages.items()) / total
    return max(0.0, 1.0 - same)


def years_apart(years: Iterable[int], story_years: Iterable[int], gap: int) -> bool:
    """Whether both sides know their years and every year of one is at least `gap` from every year of the other.

    A thread spanning years (arrest, trial, sentence) holds each of them, so a
    report from any year it covers, or next to one, is not apart from it.
    """
    years, story_years = list(years), list(story_years)
    if gap <= 0 or not years or not story_years:
        return False
    return all(abs(a - b) >= gap for a in years for b in story_years)


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
            keys = ArticleKeys.of(strengths, self.index.weights)  # words: the members' mean term vector below
            keys.short = 2 * live.short_articles > live.size
            languages = sum(live.languages.values())
            keys.languages = {language: count / languages for language, count in live.languages.items()}
            keys.scripts = frozenset(live.scripts)
            keys.years = frozenset(live.years)
            keys.headline = self.index.core_keys(live)  # what the story's headlines stand for
            members = max(live.term_members, 1)
            keys.term_vector = {term: value / members for term, value in live.term_sum.items()}
            self.profiles[live.story.id] = keys
        return keys

    def forget(self, live: LiveStory) -> None:
        self.profiles.pop(live.story.id, None)

    def score(self, earlier: LiveStory, later: LiveStory) -> float:
        keys = self.keys_of(earlier)
        vector = earlier.mean_vector() if uses_average_link(self.settings, keys.short) else earlier.centroid()
        day = nearest_day(earlier.first, earlier.last, later)
        score = self.index.combined_score(keys, vector, later, self.settings.thread_conflict_penalty, day=day)
        if self.settings.opening_conflict_penalty and self.index.open_apart(earlier, later):
            score -= self.settings.opening_conflict_penalty
        return score
