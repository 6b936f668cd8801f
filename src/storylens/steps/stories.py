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

import heapq
import math
from collections.abc import Iterator

import numpy as np

from storylens.model import Article, Corpus, Story
from storylens.pipeline import Stats
from storylens.steps.copies import publication_order
from storylens.steps.embeddings import decode_vector, embed_texts, embedding_covers, encode_vector, one_blas_thread
from storylens.steps.story_coherence import cosine_matrix, weakest_cut
from storylens.steps.story_descriptions import describe_story
from storylens.steps.story_headlines import recurring_segments
from storylens.steps.story_index import StoryIndex, ThreadScorer
from storylens.steps.story_keys import (
    KEYS_KEY,
    ArticleKeys,
    KeyWeights,
    StorySignals,
    add_story_signals,
    article_keys,
    article_language,
    drop_recurring_segments,
    embedding_text,
    full_key_vector,
    headline_lead,
    is_short,
    key_strengths,
    lead_line,
    name_script,
    normalize_number,
    noun_capitalizing_languages,
    opening_persons,
    report_year,
    text_script,
)
from storylens.steps.story_settings import StorySettings
from storylens.steps.story_signature import LiveStory, story_id_for, time_gap_days, to_days
from storylens.steps.story_terms import TERMS_KEY

__all__ = [
    "EMBEDDING_KEY",
    "KEYS_KEY",
    "ArticleKeys",
    "ClusterStories",
    "KeyWeights",
    "LiveStory",
    "StoryIndex",
    "StorySettings",
    "StorySignals",
    "ThreadScorer",
    "add_story_signals",
    "article_keys",
    "key_strengths",
    "normalize_number",
    "time_gap_days",
    "to_days",
]


EMBEDDING_KEY = "story_embedding"


CENTROID_SEED_ARTICLES = 1  # articles embedded to give a story placed by keys a centroid (its founder)


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
        titles = (a.title for a in corpus.articles.values() if a.title)
        segments = recurring_segments(titles, settings.recurring_segment_headlines)
        stats["headlines_trimmed"] += drop_recurring_segments(originals, segments, settings)
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
        retired: list[str] = []  # stories written out in this run as too old for the articles still to come
        for start in range(0, len(originals), settings.embed_batch):
            chunk = originals[start : start + settings.embed_batch]
            day = to_days(chunk[0].published)
            if day is not None:
                retired += self._retire_closed(index, touched, corpus, day)
            if retired and settings.undated_see_all and any(a.published is None for a in chunk):
                self._restore_retired(retired, index, corpus, stats)
                retired = []
            deferred: list[tuple[Article, ArticleKeys, list[str]]] = []
            for article in chunk:
                keys = self._article_keys(article, weights, term_weights)
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
        self._reassign(originals, (weights, term_weights), index, touched, grown, stats)
        for live in touched.values():
            self._write_story(live, corpus)
        self._merge_threads(corpus, index, grown, stats)
        self._split_incoherent(corpus, originals, index, term_weights, stats)
        self._attach_copies(copies, corpus, stats)
        stats["articles"] += len(new_articles)
        stats["stories"] = len(corpus.stories)
        return corpus

    def _article_keys(
        self, article: Article, weights: KeyWeights, term_weights: KeyWeights, keys: ArticleKeys | None = None
    ) -> ArticleKeys:
        """The article's keys, terms, length class, language, script and year, prepared for scoring
        (`keys`: its keys and terms already prepared by `_keys_and_terms`)."""
        settings = self.settings
        keys = keys or self._keys_and_terms(article, weights, term_weights)
        keys.short = is_short(article, settings.short_text_words)
        language, script = article_language(article), text_script(f"{article.title or ''} {article.text}")
        keys.languages = {language: 1.0} if language else {}
        keys.scripts = frozenset((script,)) if script else frozenset()
        year = report_year(article)
        keys.years = frozenset((year,)) if year is not None else frozenset()
        keys.headline = headline_lead(lead_line(article, settings.lead_chars), keys.specific_keys)
        keys.opening = opening_persons(article, keys.specific_keys, settings.lead_chars)
        return keys

    def _keys_and_terms(self, article: Article, weights: KeyWeights, term_weights: KeyWeights) -> ArticleKeys:
        """The article's keys and content terms, weighted by rarity."""
        return ArticleKeys.of(
            key_strengths(article.metadata[KEYS_KEY], self.settings.weak_key_weight, weights.names),
            weights,
            dict.fromkeys(article.metadata.get(TERMS_KEY, ()), 1.0),
            term_weights,
        )

    def _wants_embedding(self, article: Article) -> bool:
        return self.settings.embedding_weight > 0 and embedding_covers(article.language)

    @staticmethod
    def _stored_embedding(article: Article) -> np.ndarray | None:
        encoded = article.metadata.get(EMBEDDING_KEY)
        return decode_vector(encoded) if encoded else None

    def _retire_closed(self, index: StoryIndex, touched: dict[str, LiveStory], corpus: Corpus, day: float) -> list[str]:
        """Write out and forget stories too old to take an article published on `day` (articles come in order);
        returns their ids."""
        window = self.settings.time_window_days
        closed = [s for s, live in index.live.items() if live.last is not None and live.last < day - window]
        for story_id in closed:
            live = index.retire(story_id)
            if touched.pop(story_id, None) is not None:
                self._write_story(live, corpus)
        return closed

    @staticmethod
    def _restore_retired(retired: list[str], index: StoryIndex, corpus: Corpus, stats: Stats) -> None:
        """Bring the stories retired in this run back into the index: an undated article is within any window.

        Articles without a publication date come after all dated ones
        (`publication_order`), when the dated stories have long been retired
        as too old for the next article. An undated report of a dated event
        (an archive copy, a text whose date line was lost) could then only
        join the stories still live, the nearest alike event's among them, or
        start its own. Absent dates are not contrary evidence, as in the
        thread merge, so it is compared with every story of the run. Each comes
        back from its signature (its members' embeddings are gone).
        """
        for story_id in retired:
            story = corpus.stories.get(story_id)
            if story is not None and story_id not in index.live:
                index.put(LiveStory.from_signature(story))
                stats["restored_for_undated"] += 1

    def _best_story(
        self, keys: ArticleKeys, embedding: np.ndarray | None, day: float | None, index: StoryIndex, stats: Stats
    ) -> LiveStory | None:
        """The live story the article fits best with a score of at least 1 (the threshold), if any.

        Of stories scoring the same, the earliest started (candidates come in start order).
        """
        best, best_score = None, 1.0
        window = self.settings.time_window_days
        for story_id in index.candidates(keys, embedding):
            live = index.live[story_id]
            if day is not None and live.first is not None and not (live.first - window <= day <= live.last + window):
                continue
            stats["scored"] += 1
            score = index.score(keys, embedding, live, day)
            if score > best_score or (best is None and score == best_score):
                best, best_score = live, score
        return best

    def _place_by_keys(
        self, article: Article, keys: ArticleKeys, index: StoryIndex, stats: Stats, one_script: bool
    ) -> tuple[LiveStory | None, list[str]]:
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
            return self._join(article, keys, None, day, best, index, stats), []
        anchored = index.anchored_stories(keys)
        if keys.specific and not anchored and one_script:
            stats["started_by_keys"] += 1
            return self._join(article, keys, None, day, None, index, stats), []
        return None, anchored

    def _embed_deferred(
        self,
        deferred: list[tuple[Article, ArticleKeys, list[str]]],
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
        texts = [embedding_text(a, self.settings.lead_chars, self.settings.untitled_lead_chars) for a, _, _ in deferred]
        texts += [embedding_text(a, self.settings.lead_chars, self.settings.untitled_lead_chars) for a in seed_articles]
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
        live.add_article(embedding, keys, day, self.settings.max_keys, self.settings.max_story_terms)
        index.put(live)
        article.story_id = live.story.id
        return live

    def _reassign(
        self,
        articles: list[Article],
        key_weights: tuple[KeyWeights, KeyWeights],
        index: StoryIndex,
        touched: dict[str, LiveStory],
        grown: set[str],
        stats: Stats,
    ) -> None:
        """Move each article of this run to the live story it now fits best, if that is not its own.

        The online pass commits each article once, in input order: a report
        placed before its own event's story existed joined the nearest alike
        story (one earthquake's report in another quake's story), or started a
        story of its own. Once both stories hold their members, it fits its own
        event better, and the report left in the wrong story is what later
        bridges the two in the thread merge. So, `reassign_passes` times, each
        article is scored against its story *without it* (what the other
        members say) and against its candidates; it moves when another story
        scores higher and reaches the threshold (a single article's story,
        empty without it, always yields to one that reaches it). This is one
        round of k-means-like refinement; only live stories take part, and
        an article's keys are prepared again here rather than kept from
        placing, so memory stays bounded by the live stories, not the run.
        """
        for _ in range(self.settings.reassign_passes):
            moved = 0
            for article in articles:
                own = index.live.get(article.story_id or "")
                if own is None or KEYS_KEY not in article.metadata:
                    continue  # its story was retired (and written out): only live stories take part
                keys = self._article_keys(article, *key_weights)
                if keys.short and not self.settings.reassign_short:
                    continue
                embedding = self._stored_embedding(article)
                day = to_days(article.published)
                better = self._better_story(keys, embedding, day, own, index)
                if better is None:
                    continue
                own.remove_article(embedding, keys)
                own.story.article_ids.remove(article.id)
                if own.size <= 0:
                    index.retire(own.story.id)
                    touched.pop(own.story.id, None)
                    grown.discard(own.story.id)
                else:
                    index.put(own)
                self._join(article, keys, embedding, day, better, index, stats)
                touched[better.story.id] = better
                grown.add(better.story.id)
                moved += 1
            stats["reassigned"] += moved
            if not moved:
                break

    def _better_story(
        self, keys: ArticleKeys, embedding: np.ndarray | None, day: float | None, own: LiveStory, index: StoryIndex
    ) -> LiveStory | None:
        """A live story the article (a member of `own`) fits better than `own` without it, reaching the threshold.

        Of stories scoring the same, the earliest started (as in placing).
        """
        rest = own.copy()
        rest.remove_article(embedding, keys)
        best, best_score = None, max(index.score(keys, embedding, rest, day) if rest.size > 0 else -math.inf, 1.0)
        window = self.settings.time_window_days
        for story_id in index.candidates(keys, embedding):
            live = index.live[story_id]
            if live is own:
                continue
            if day is not None and live.first is not None and not (live.first - window <= day <= live.last + window):
                continue
            score = index.score(keys, embedding, live, day)
            if score > best_score:
                best, best_score = live, score
        return best

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
            for other_id in sorted(others, key=order.__getitem__):
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
            for other_id in sorted(neighbours[earlier_id], key=order.__getitem__):
                push(earlier_id, other_id)
        for story_id in sorted(merged & by_id.keys(), key=order.__getitem__):
            self._write_story(by_id[story_id], corpus)

    def _split_incoherent(
        self, corpus: Corpus, placed: list[Article], index: StoryIndex, term_weights: KeyWeights, stats: Stats
    ) -> None:
        """Split each story that took an article in this run where it falls apart into two groups.

        See `story_coherence`: one bridging report chains two same-kind events
        into one story. A member's similarity with another is the mean of
        their word cosine (TF-IDF of content terms, as the placing score uses
        them) and their key cosine (rarity-weighted names, numbers, dates).
        Words only meet within a language, so only stories written in one
        language are checked (across languages every pair would look apart).
        Cost: only stories grown in this run, of at most
        `coherence_max_articles` articles, one eigendecomposition and one
        sweep each (cubic in the story's size, linear in the run's articles).
        """
        settings = self.settings
        if settings.coherence_split_ratio <= 0:
            return
        smallest = 2 * settings.coherence_min_part
        weights = index.weights
        story_ids = sorted({a.story_id for a in placed if a.story_id in corpus.stories})
        for story_id in story_ids:
            story = corpus.stories[story_id]
            if any(i not in corpus.articles for i in story.article_ids):
                continue  # an incremental run without all its articles at hand: their part is unknown
            members = [
                a for a in corpus.articles_of(story) if a.duplicate_of in (None, a.id) and KEYS_KEY in a.metadata
            ]
            if not smallest <= len(members) <= settings.coherence_max_articles:
                continue
            if len({article_language(a) for a in members}) != 1 or article_language(members[0]) is None:
                continue
            keys = [self._keys_and_terms(a, weights, term_weights) for a in members]
            key_vectors = [full_key_vector(x) for x in keys]
            similarity = (cosine_matrix([x.term_vector for x in keys]) + cosine_matrix(key_vectors)) / 2.0
            cut = weakest_cut(similarity, settings.coherence_min_part)
            stats["coherence_checked"] += 1
            if cut is None or cut.ratio >= max(settings.coherence_split_ratio, settings.opening_split_ratio):
                continue
            groups = ([members[i] for i in cut.first], [members[i] for i in cut.second])
            keys_of = {
                a.id: self._article_keys(a, weights, term_weights, k) for a, k in zip(members, keys, strict=True)
            }
            if cut.ratio >= settings.coherence_split_ratio and not self._parts_open_apart(groups, keys_of, index):
                continue
            first, second = self._split_story(story, groups, keys_of, corpus)
            corpus.stories.pop(story.id, None)
            self._write_story(first, corpus)
            self._write_story(second, corpus)
            stats["coherence_splits"] += 1

    @staticmethod
    def _parts_open_apart(
        groups: tuple[list[Article], list[Article]], keys_of: dict[str, ArticleKeys], index: StoryIndex
    ) -> bool:
        """Whether the two parts of a cut open with different protagonists (see `StoryIndex.open_apart`), and one
        part's reports mostly do not name the other's protagonist at all.

        Parts of one thread name each other's protagonist in their texts (a
        reaction names whom it reacts to); of two same-kind events, the
        earlier one's reports cannot name the later one's protagonist, while
        the later one's may recall the earlier one's further down.
        """
        parts = []
        for group in groups:
            part = LiveStory(story=Story(id=""), size=len(group))
            for article in group:
                keys = keys_of[article.id]
                part.opening_counts.update(keys.opening)
                part.key_counts.update(k for k, strength in keys.strengths.items() if strength >= 1.0)
                part.short_articles += keys.short
            parts.append(part)
        first, second = parts
        if not index.open_apart(first, second):
            return False
        bar = index.settings.opening_share
        return any(second.key_counts[k] < bar * second.size for k in index.opening_core(first)) or any(
            first.key_counts[k] < bar * first.size for k in index.opening_core(second)
        )

    def _split_story(
        self,
        story: Story,
        groups: tuple[list[Article], list[Article]],
        keys_of: dict[str, ArticleKeys],
        corpus: Corpus,
    ) -> tuple[LiveStory, LiveStory]:
        """Two stories of the given members in place of `story`; the part holding its founder keeps its id.

        Each part's signature is rebuilt from its members. Embeddings are
        dropped once a story is written, so a part none of whose members still
        holds one takes the whole story's centroid (both parts were read as
        one story: its direction is the best stand-in). Copies follow their
        originals; an article that was not clustered (no keys) stays with the founder.
        """
        founder = story.article_ids[0] if story.article_ids else ""
        founder_part = 1 if any(a.id == founder for a in groups[1]) else 0
        old = LiveStory.from_signature(story)
        part_of = {a.id: part for part, group in enumerate(groups) for a in group}
        lives = []
        for part, group in enumerate(groups):
            ordered = sorted(group, key=publication_order)
            story_id = story.id if part == founder_part else story_id_for(ordered[0].id)
            live = LiveStory(story=Story(id=story_id))
            for article in ordered:
                live.story.article_ids.append(article.id)
                live.add_article(
                    self._stored_embedding(article),
                    keys_of[article.id],
                    to_days(article.published),
                    self.settings.max_keys,
                    self.settings.max_story_terms,
                )
            if live.centroid_sum is None and old.centroid() is not None:
                live.add_embedding(old.centroid())
            for article_id in story.article_ids:  # copies follow their originals; anything else the founder's part
                if article_id in part_of:
                    continue
                article = corpus.articles[article_id]
                if part_of.get(article.duplicate_of or "", founder_part) == part:
                    live.story.article_ids.append(article_id)
            lives.append(live)
        return lives[0], lives[1]

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
