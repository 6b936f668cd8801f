"""The same statement across outlets: speaker entities and quote groups for one story.

`GroupQuotes` (story step "quote-groups") runs after cross-article entity
resolution. It first sets `quote.speaker.entity_id` from the speaker's mention
(following antecedents; a speaker with no resolved mention keeps None — never
guessed), then links quotes from different articles that render the same
statement: near-identical wording (rapidfuzz, tolerant of truncation) or close
multilingual sentence embeddings (translations, paraphrases). Quotes whose
speakers resolve to different entities are never linked.

A group needs quotes from at least `min_group_articles` articles (default 2);
a statement carried by one article only gets `group=None`, because a group is
a cross-outlet finding. Copies (articles sharing a `copy_group`, or pointing at
each other with `duplicate_of`) count as one independent source.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from storylens.model import Article, Mention, Quote, QuoteGroup, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.embeddings import decode_vector, encode_vector
from storylens.steps.embeddings import embed_texts as encode_normalized
from storylens.steps.quote_settings import QuoteSettings
from storylens.steps.quote_text import word_count
from storylens.steps.speakers import resolve_mention
from storylens.steps.union_find import UnionFind

NON_WORD = re.compile(r"[^\w\s]+")


EMBEDDING_CACHE_SIZE = 50_000
QUOTE_VECTORS_KEY = "quote_vectors"  # article.metadata: {quote id: encoded unit vector}
FRAGMENT_SCORES_KEY = "quote_fragment_scores"  # article.metadata: {"short id long id": fragment similarity}
# article.metadata: {"story": id, "settings": hash, "quotes": hash}: the story whose last grouping compared this
# article's quotes, under which settings, and which quotes they were
GROUPED_IN_KEY = "quote_groups_of"
_embedding_cache: dict[str, np.ndarray] = {}


def embed_texts(texts: list[str]) -> list[str]:
    """Make sure every text has a unit-length embedding in the per-process cache; returns `texts`.

    Quotes repeat a lot (copies, wire stories), so each distinct text is encoded once per process.
    """
    missing = list(dict.fromkeys(text for text in texts if text not in _embedding_cache))
    if missing:
        if len(_embedding_cache) + len(missing) > EMBEDDING_CACHE_SIZE:
            _embedding_cache.clear()
            missing = list(dict.fromkeys(texts))  # the cleared ones of `texts` too: callers read all of them
        _embedding_cache.update(zip(missing, encode_normalized(missing), strict=True))
    return texts


def speaker_entity(article: Article, quote: Quote) -> str | None:
    """The entity a quote's speaker resolves to, or None when nothing ties it to one."""
    speaker = quote.speaker
    if speaker is None:
        return None
    mentions = article.mentions
    if speaker.mention is not None and 0 <= speaker.mention < len(mentions):
        return _entity_following_antecedents(mentions, speaker.mention)
    for mention in mentions:  # a speaker span with no mention: an identical name mention of the same article
        if mention.kind == "name" and mention.text == speaker.text and mention.entity_id:
            return mention.entity_id
    return None


def _entity_following_antecedents(mentions: list[Mention], index: int) -> str | None:
    if mentions[index].entity_id:
        return mentions[index].entity_id
    resolved = resolve_mention(mentions, index)
    return mentions[resolved].entity_id


FRAGMENT_STRIDE = 2  # the coarse pass of the fragment test tries every other start
FRAGMENT_MARGIN = 0.1  # windows are refined only when the coarse best is within this of the threshold
ALIGN_MIN_CHARS = 4  # shared words this long also place coarse windows (shorter ones are mostly function words)


@lru_cache(maxsize=100_000)
def fragment_similarity(short_text: str, long_text: str, size: int, threshold: float) -> float:
    """Best cosine between `short_text` and a stretch of `size` to `size + 2` words of `long_text`, searched
    coarse to fine: first windows of `size + 1` words at every `FRAGMENT_STRIDE`-th start and at the starts
    that align a word both quotes share; only when the best of those comes within `FRAGMENT_MARGIN` of
    `threshold` are the windows of every length around the two best starts tried. Neighbouring windows
    share most words and embed alike, so this mostly finds the exhaustive search's verdict while embedding
    a seventh of its windows (replayed on 1,425 pairs of real news quotes: 1 of 19 links lost, a 4-word
    quote whose best stretch scored 0.75).

    Cached: copies and wire stories repeat the same quote pairs many times in one story. The windows are
    embedded here when `embed_fragment_windows` has not embedded them already.
    """
    starts, windows = coarse_windows(short_text, long_text, size)
    coarse = _window_scores(short_text, windows)
    best = max(coarse)
    if best < threshold - FRAGMENT_MARGIN:
        return best
    finer = fine_windows(long_text, size, starts, coarse)
    return max(best, *_window_scores(short_text, finer)) if finer else best


def coarse_windows(short_text: str, long_text: str, size: int) -> tuple[list[int], list[str]]:
    """The starts and texts of the coarse pass of `fragment_similarity`: windows of `size + 1` words of
    `long_text` at every `FRAGMENT_STRIDE`-th start, the last one, and the starts aligning a shared word."""
    words = long_text.split()
    length = size + 1
    last = max(0, len(words) - length)
    starts = sorted({*range(0, last + 1, FRAGMENT_STRIDE), last, *_aligned_starts(short_text, words, last)})
    return starts, [" ".join(words[start : start + length]) for start in starts]


def fine_windows(long_text: str, size: int, starts: list[int], coarse: list[float]) -> list[str]:
    """The windows of the fine pass: every length from `size` to `size + 2` words at the starts around the
    two best coarse starts (`coarse` holds the score of each start)."""
    words = long_text.split()
    finer = []
    for index in sorted(range(len(starts)), key=lambda index: -coarse[index])[:2]:
        around = range(starts[index] - FRAGMENT_STRIDE + 1, starts[index] + FRAGMENT_STRIDE)
        finer += [
            " ".join(words[start : start + span])
            for span in range(size, size + 3)
            for start in around
            if start >= 0 and (start + span <= len(words) or start == 0)
        ]
    return finer


def embed_fragment_windows(tests: list[tuple[str, str, int]], threshold: float) -> None:
    """Embed the windows the fragment tests `(short text, long text, size)` of one story will score, in two
    encoder calls (coarse windows, then the fine ones of the tests that come close), instead of two per test.

    One call per story keeps the encoder's micro-batches full (its cost per token is lower than over the
    handful of windows of one test) and pays the per-call overhead once; `fragment_similarity` then finds
    every window embedded. Its verdicts do not change: each text's vector is the same up to float rounding
    (~1e-7) whatever batch it is embedded in.
    """
    coarse = {test: coarse_windows(*test) for test in dict.fromkeys(tests)}
    embed_texts([text for (short, _, _), (_, windows) in coarse.items() for text in (short, *windows)])
    finer: list[str] = []
    for (short, long, size), (starts, windows) in coarse.items():
        scores = _window_scores(short, windows)
        if max(scores) >= threshold - FRAGMENT_MARGIN:
            finer += fine_windows(long, size, starts, scores)
    embed_texts(finer)


def _aligned_starts(short_text: str, words: list[str], last: int) -> set[int]:
    """Starts that put a word the two quotes share (of `ALIGN_MIN_CHARS` letters or more) where it sits in
    the short quote: a fragment quoted word for word is found whatever the stride (a short window shifted
    by one word embeds quite differently)."""
    places: dict[str, list[int]] = {}
    for position, word in enumerate(short_text.split()):
        bare = _bare_word(word)
        if len(bare) >= ALIGN_MIN_CHARS:
            places.setdefault(bare, []).append(position)
    return {
        min(max(0, position - offset), last)
        for position, word in enumerate(words)
        for offset in places.get(_bare_word(word), ())
    }


def _bare_word(word: str) -> str:
    return NON_WORD.sub("", word.casefold())


def _window_scores(short_text: str, windows: list[str]) -> list[float]:
    """Cosine of `short_text` with each window (all embedded once per process, by text)."""
    embed_texts([short_text, *windows])
    matrix = np.stack([_embedding_cache[window] for window in windows])
    return [float(score) for score in matrix @ _embedding_cache[short_text]]


def stored_fragment_similarity(short: QuoteRef, long: QuoteRef, threshold: float) -> float:
    """`fragment_similarity` of two quotes, kept on the short quote's article (`FRAGMENT_SCORES_KEY`, by
    quote ids). Quotes never change once extracted, so the score is exact in any later run: a story that
    grows embeds the word windows of its new quotes only, not of every quote it already held."""
    scores = short.article.metadata.setdefault(FRAGMENT_SCORES_KEY, {})
    key = _fragment_key(short, long)
    if key not in scores:
        scores[key] = fragment_similarity(short.quote.text, long.quote.text, short.words, threshold)
    return float(scores[key])


def _stored_fragment_score(short: QuoteRef, long: QuoteRef) -> float | None:
    return short.article.metadata.get(FRAGMENT_SCORES_KEY, {}).get(_fragment_key(short, long))


def _fragment_key(short: QuoteRef, long: QuoteRef) -> str:
    """Where a fragment score is kept on the short quote's article: the two quote ids."""
    return f"{short.quote.id} {long.quote.id}"


def normalized(text: str) -> str:
    return " ".join(NON_WORD.sub(" ", text.casefold()).split())


def wording_similarity(left: str, right: str) -> float:
    """0..1: how alike two quotes are worded, tolerant of one being a truncation of the other."""
    whole = fuzz.ratio(left, right)
    shorter = min(len(left), len(right))
    partial = fuzz.partial_ratio(left, right) if shorter >= 20 else 0.0
    tokens = fuzz.token_sort_ratio(left, right)
    return max(whole, partial, tokens) / 100.0


@dataclass
class QuoteRef:
    """A quote with what grouping needs about it."""

    quote: Quote
    article: Article
    normalized: str
    words: int
    entity_id: str | None


def independent_source_count(articles: list[Article]) -> int:
    """How many of these articles are independent: copies of one another count once."""
    ids = {article.id for article in articles}
    keys = sorted(
        ids | {a.copy_group for a in articles if a.copy_group} | {a.duplicate_of for a in articles if a.duplicate_of}
    )
    position = {key: number for number, key in enumerate(keys)}
    union = UnionFind(range(len(keys)))
    for article in articles:
        for other in (article.copy_group, article.duplicate_of):
            if other:
                union.union(position[article.id], position[other])
    return len({union.find(position[article.id]) for article in articles})


class GroupQuotes:
    """Story step "quote-groups": speaker entities, then same-statement groups across the story's articles."""

    name = "quote-groups"

    def __init__(self, settings: QuoteSettings | None = None) -> None:
        self.settings = settings or QuoteSettings()
        self._settings_key: str | None = None

    def run(self, bundle: StoryBundle, stats: Stats) -> StoryBundle:
        before = [(quote.group, quote.speaker.entity_id if quote.speaker else None) for quote in _quotes(bundle)]
        refs = self.quote_refs(bundle.articles, stats)
        settled = self.settled_groups(bundle.story, refs, before)
        linked = self.linked_pairs(refs, settled)
        groups = self.groups_from(refs, linked)
        story = bundle.story
        story.quote_groups = []
        for number, members in enumerate(groups, start=1):
            group = self.quote_group(f"{story.id}-qg{number}", members)
            for ref in members:
                ref.quote.group = group.id
            story.quote_groups.append(group)
        for article in bundle.articles:
            article.metadata[GROUPED_IN_KEY] = self.grouped_in(story, article)
        stats["stories"] += 1
        stats["quote_groups"] += len(story.quote_groups)
        stats["grouped_quotes"] += sum(len(group.quote_ids) for group in story.quote_groups)
        stats["settled_quotes"] += sum(len(members) for members in settled)
        return bundle

    def grouped_in(self, story: Story, article: Article) -> dict[str, str]:
        """What `GROUPED_IN_KEY` keeps on an article this run grouped: the story, a hash of the quote settings
        and one of the article's quotes (ids and texts)."""
        if self._settings_key is None:
            text = json.dumps(asdict(self.settings), sort_keys=True, default=str)
            self._settings_key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        quotes = hashlib.sha256(json.dumps([(quote.id, quote.text) for quote in article.quotes]).encode("utf-8"))
        return {"story": story.id, "settings": self._settings_key, "quotes": quotes.hexdigest()[:16]}

    def settled_groups(
        self, story: Story, refs: list[QuoteRef], before: list[tuple[str | None, str | None]]
    ) -> list[list[int]]:
        """The quotes whose links among themselves an earlier run of this story decided, as the groups (and
        single quotes) it left: lists of indexes into `refs`. `before`: each quote's group and speaker entity
        before this run.

        Why it is exact: whether two quotes link depends on their articles, texts, speaker entities, stored
        vectors and stored fragment scores only. A quote is settled when its article's quotes were compared in
        this story's last grouping under the same settings (`GROUPED_IN_KEY`: every article of a story is
        rewritten by each of its groupings, so two articles naming the story were compared with each other
        in the same run) and its speaker entity did not change; and its whole earlier group is settled too (a
        group that lost or changed a member may fall apart). Two settled quotes then link exactly as before,
        so the links among settled quotes connect exactly their earlier groups: only pairs with an unsettled
        quote are compared again. With `min_group_articles` above 2 the groups do not show every earlier
        link (a link between two articles' quotes made no group), so nothing is settled."""
        if self.settings.min_group_articles > 2:
            return []
        articles = {ref.article.id: ref.article for ref in refs}
        compared = {i for i, a in articles.items() if a.metadata.get(GROUPED_IN_KEY) == self.grouped_in(story, a)}
        candidates: dict[str, int] = {}
        for index, (ref, (_, entity_id)) in enumerate(zip(refs, before, strict=True)):
            if ref.article.id in compared and entity_id == ref.entity_id:
                candidates[ref.quote.id] = index
        earlier = {group.id: group.quote_ids for group in story.quote_groups}
        settled: list[list[int]] = []
        seen_groups: set[str] = set()
        for index, (ref, (group_id, _)) in enumerate(zip(refs, before, strict=True)):
            if ref.quote.id not in candidates:
                continue
            if group_id is None:
                settled.append([index])
            elif group_id not in seen_groups and ref.quote.id in earlier.get(group_id, []):
                seen_groups.add(group_id)
                members = earlier[group_id]
                if all(quote_id in candidates for quote_id in members):
                    settled.append([candidates[quote_id] for quote_id in members])
        return settled

    def quote_refs(self, articles: list[Article], stats: Stats) -> list[QuoteRef]:
        refs = []
        for article in articles:
            for quote in article.quotes:
                quote.group = None
                entity_id = speaker_entity(article, quote)
                if quote.speaker is not None:
                    quote.speaker.entity_id = entity_id
                    stats["speakers_resolved" if entity_id else "speakers_unresolved"] += 1
                refs.append(QuoteRef(quote, article, normalized(quote.text), word_count(quote.text), entity_id))
        return refs

    def linked_pairs(self, refs: list[QuoteRef], settled: list[list[int]] | None = None) -> list[tuple[int, int]]:
        """Pairs of quotes (from different articles) that render the same statement, enough of them to
        give the groups: the costly fragment test (embedding word windows of the longer quote) runs
        last, and only for a pair the cheaper tests have not already put in one group, since one more link
        inside a group changes no group. `settled` (see `settled_groups`): groups an earlier run decided,
        given as links and not compared again among themselves."""
        embeddings = self.embeddings(refs)
        is_settled = [False] * len(refs)
        pairs: list[tuple[int, int]] = []
        for members in settled or []:
            pairs += [(members[0], other) for other in members[1:]]
            for index in members:
                is_settled[index] = True
        undecided: list[tuple[int, int]] = []
        for left in range(len(refs)):
            for right in range(left + 1, len(refs)):
                if is_settled[left] and is_settled[right]:
                    continue
                verdict = self.verdict_without_fragments(refs[left], refs[right], embeddings, left, right)
                if verdict:
                    pairs.append((left, right))
                elif verdict is None:
                    undecided.append((left, right))
        union = UnionFind(range(len(refs)))
        for left, right in pairs:
            union.union(left, right)
        # a pair the links so far already join needs no fragment test (nor its windows embedded): links only add
        undecided = [
            (left, right)
            for left, right in undecided
            if union.find(left) != union.find(right) and self.may_be_fragment(embeddings, left, right)
        ]
        self.embed_fragment_windows(refs, undecided)
        for left, right in undecided:
            if union.find(left) != union.find(right) and self.either_fragment(refs[left], refs[right]):
                pairs.append((left, right))
                union.union(left, right)
        return pairs

    def embed_fragment_windows(self, refs: list[QuoteRef], pairs: list[tuple[int, int]]) -> None:
        """Embed the word windows of every fragment test these pairs may need and no earlier run stored, in
        one batch for the story (`embed_fragment_windows`). A few may go unused: a pair already joined by
        the links found before it is not tested (about 1% of the tests on real news)."""
        tests = []
        for left, right in pairs:
            for short, long in ((refs[left], refs[right]), (refs[right], refs[left])):
                if self.may_test_fragment(short, long) and _stored_fragment_score(short, long) is None:
                    tests.append((short.quote.text, long.quote.text, short.words))
        embed_fragment_windows(tests, self.settings.fragment_threshold)

    def embeddings(self, refs: list[QuoteRef]) -> np.ndarray | None:
        """One unit vector per quote. Kept on the article (`QUOTE_VECTORS_KEY` in its metadata, by quote
        id), so a story that grows in a later run embeds only its new quotes."""
        if not self.settings.use_encoder or len({ref.article.id for ref in refs}) < 2:
            return None
        stored = [ref.article.metadata.get(QUOTE_VECTORS_KEY, {}).get(ref.quote.id) for ref in refs]
        embed_texts([ref.quote.text for ref, vector in zip(refs, stored, strict=True) if vector is None])
        rows = []
        for ref, vector in zip(refs, stored, strict=True):
            if vector is None:  # stored at float16: compared as stored, so a later run decides the same
                vector = encode_vector(_embedding_cache[ref.quote.text])
                ref.article.metadata.setdefault(QUOTE_VECTORS_KEY, {})[ref.quote.id] = vector
            rows.append(decode_vector(vector))
        return np.stack(rows)

    def same_statement(
        self, left: QuoteRef, right: QuoteRef, embeddings: np.ndarray | None, left_index: int, right_index: int
    ) -> bool:
        verdict = self.verdict_without_fragments(left, right, embeddings, left_index, right_index)
        if verdict is not None:
            return verdict
        return self.may_be_fragment(embeddings, left_index, right_index) and self.either_fragment(left, right)

    def may_be_fragment(self, embeddings: np.ndarray | None, left: int, right: int) -> bool:
        """The cheap gate of the fragment test: the whole quotes are close enough to share a subject."""
        if embeddings is None:
            return True
        return float(embeddings[left] @ embeddings[right]) >= self.settings.fragment_min_whole_cosine

    def either_fragment(self, left: QuoteRef, right: QuoteRef) -> bool:
        return self.fragment_of(left, right) or self.fragment_of(right, left)

    def verdict_without_fragments(
        self, left: QuoteRef, right: QuoteRef, embeddings: np.ndarray | None, left_index: int, right_index: int
    ) -> bool | None:
        """Whether two quotes render the same statement as far as wording and whole-quote embeddings tell;
        None when only the fragment test can still link them."""
        if left.article.id == right.article.id:
            return False
        if left.entity_id and right.entity_id and left.entity_id != right.entity_id:
            return False
        short = min(left.words, right.words) < self.settings.min_group_words
        wording = wording_similarity(left.normalized, right.normalized)
        if short:
            return wording >= 0.97
        if wording >= self.settings.lexical_threshold:
            return True
        if embeddings is None:
            return False
        if float(embeddings[left_index] @ embeddings[right_index]) >= self.settings.semantic_threshold:
            return True
        return None

    def fragment_of(self, short: QuoteRef, long: QuoteRef) -> bool:
        """A short quoted fragment rendering part of a longer quote by the same speaker, in any language:
        «protege a nuestras comunidades costeras» in "the agreement protects the coastal communities of
        his country". Only tried for a known, shared speaker, so a fragment never joins a stranger's words."""
        if not self.may_test_fragment(short, long):
            return False
        threshold = self.settings.fragment_threshold
        return stored_fragment_similarity(short, long, threshold) >= threshold

    def may_test_fragment(self, short: QuoteRef, long: QuoteRef) -> bool:
        """A known speaker shared by both, a short quote short enough and a long one longer."""
        if not short.entity_id or short.entity_id != long.entity_id:
            return False
        return short.words <= self.settings.max_fragment_words and long.words > short.words

    def groups_from(self, refs: list[QuoteRef], pairs: list[tuple[int, int]]) -> list[list[QuoteRef]]:
        union = UnionFind(range(len(refs)))
        for left, right in pairs:
            union.union(left, right)
        members: dict[int, list[QuoteRef]] = {}
        for index, ref in enumerate(refs):
            members.setdefault(union.find(index), []).append(ref)
        groups = [
            sorted(group, key=_publication_order)
            for group in members.values()
            if len({ref.article.id for ref in group}) >= self.settings.min_group_articles
        ]
        return sorted(groups, key=lambda group: _publication_order(group[0]))

    def quote_group(self, group_id: str, members: list[QuoteRef]) -> QuoteGroup:
        articles = _unique([ref.article for ref in members], key=lambda article: article.id)
        first = members[0]
        entity_ids = [ref.entity_id for ref in members if ref.entity_id]
        return QuoteGroup(
            id=group_id,
            quote_ids=[ref.quote.id for ref in members],
            article_ids=[article.id for article in articles],
            outlets=_unique([article.outlet for article in articles if article.outlet], key=str),
            independent_sources=independent_source_count(articles),
            first_article_id=first.article.id,
            first_published=first.article.published,
            speaker_entity_id=most_common_first(entity_ids),
            text=first.quote.text,
        )


def _quotes(bundle: StoryBundle) -> list[Quote]:
    """The story's quotes in the order `GroupQuotes.quote_refs` lists them."""
    return [quote for article in bundle.articles for quote in article.quotes]


def most_common_first(items: list[str]) -> str | None:
    """The most frequent item; of equally frequent ones, the one seen first (here: published first).

    Picking from a set instead made the choice depend on Python's per-process string hashing, so two runs
    over the same articles could name different speakers for a group whose quotes split evenly."""
    return max(dict.fromkeys(items), key=items.count) if items else None


def _publication_order(ref: QuoteRef) -> tuple[int, str, str, int]:
    """Earliest first; articles without a date last; ties by article id then position."""
    published = ref.article.published
    return (published is None, published or "", ref.article.id, ref.quote.start)


def _unique(items: list[Any], key: Any) -> list[Any]:
    seen: set[Any] = set()
    kept = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return kept
