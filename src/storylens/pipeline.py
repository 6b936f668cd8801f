"""Steps and the pipeline that composes them.

A run has three phases, each a plain list of steps:

1. **article steps** (map): each takes a stream of `Article`s and yields them
   annotated (cleaning, language, entity mentions, quotes, time expressions).
   They see one article at a time, so an executor can spread them over
   processes or machines.
2. **corpus steps** (group): each takes the whole `Corpus` (copies, story
   clustering, cross-article entity resolution) and returns it.
3. **story steps** (map per story): each takes a `StoryBundle` (one story and
   its articles) and returns it with per-story findings (quote groups,
   timeline). An executor can spread stories too.

Where steps run is decided by an executor (`storylens.executors`), never
inside a step, so the same steps run locally or on Ray. Steps count what they
do in a `Stats` counter so a run explains itself.
"""

from __future__ import annotations

import copy
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from storylens.model import Article, Corpus, ErrorRecord, Story

if TYPE_CHECKING:
    from storylens.executors.base import Executor


class Stats(Counter[str]):
    """Counts one step made ("articles", "mentions", "merges", ...)."""


@runtime_checkable
class ArticleStep(Protocol):
    """Annotates articles one by one. Must be picklable: load models lazily."""

    name: str

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]: ...


@runtime_checkable
class CorpusStep(Protocol):
    """Works on all articles at once (grouping, resolution)."""

    name: str

    def run(self, corpus: Corpus, stats: Stats) -> Corpus: ...


@dataclass
class StoryBundle:
    """One story with its articles: the unit a story step works on."""

    story: Story
    articles: list[Article]


@runtime_checkable
class StoryStep(Protocol):
    """Adds per-story findings to `bundle.story` (and may annotate its articles)."""

    name: str

    def run(self, bundle: StoryBundle, stats: Stats) -> StoryBundle: ...


@dataclass
class RunStats:
    """Per-step counters for a whole run, merged across workers."""

    steps: dict[str, Stats] = field(default_factory=dict)

    def for_step(self, name: str) -> Stats:
        return self.steps.setdefault(name, Stats())

    def merge(self, other: RunStats) -> None:
        for name, counts in other.steps.items():
            self.for_step(name).update(counts)

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {name: dict(counts) for name, counts in self.steps.items()}


@dataclass
class BatchResult:
    """What running the article steps over one batch gave: annotated articles and failures."""

    articles: list[Article]
    stats: RunStats
    errors: list[ErrorRecord] = field(default_factory=list)
    failed_ids: list[str] = field(default_factory=list)


@contextmanager
def timed(stats: Stats) -> Iterator[None]:
    """Add the time spent in the block to stats["ms"] (a step's own time, summed over workers)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        stats["ms"] += round((time.perf_counter() - started) * 1000)


def _timed(stream: Iterable[Article], elapsed: list[float]) -> Iterator[Article]:
    """Pass `stream` through, adding the time spent waiting for each item to `elapsed[0]`."""
    iterator = iter(stream)
    while True:
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            elapsed[0] += time.perf_counter() - started
            return
        elapsed[0] += time.perf_counter() - started
        yield item


def _chain(steps: list[ArticleStep], articles: Iterable[Article], stats: RunStats) -> list[Article]:
    """Stream the articles through the steps; record each step's own time as stats[step]["ms"].

    Steps are lazy generators feeding each other, so a step's clock includes the
    steps upstream of it; its own time is its clock minus its upstream neighbour's.
    """
    stream: Iterable[Article] = articles
    clocks: list[list[float]] = []
    for step in steps:
        clock = [0.0]
        started = time.perf_counter()
        output = step.run(stream, stats.for_step(step.name))
        clock[0] += time.perf_counter() - started
        stream = _timed(output, clock)
        clocks.append(clock)
    result = list(stream)
    upstream = 0.0
    for step, clock in zip(steps, clocks, strict=True):
        stats.for_step(step.name)["ms"] += max(0, round((clock[0] - upstream) * 1000))
        upstream = clock[0]
    return result


def run_article_steps(steps: list[ArticleStep], articles: list[Article]) -> BatchResult:
    """Run article steps in order over a batch, in this process. Executors call this per batch.

    Steps stream the whole batch (so models can batch too). When a step fails,
    the batch is rerun one article at a time from pristine copies, so only the
    article that breaks a step is lost, recorded as an error naming its source.
    """
    pristine = copy.deepcopy(articles)
    stats = RunStats()
    try:
        return BatchResult(_chain(steps, articles, stats), stats)
    except Exception:
        pass
    result = BatchResult([], RunStats())
    for article in pristine:
        single_stats = RunStats()
        try:
            result.articles.extend(_chain(steps, [copy.deepcopy(article)], single_stats))
            result.stats.merge(single_stats)
        except Exception as error:
            result.errors.append(ErrorRecord(article.source, f"analysis failed: {type(error).__name__}: {error}"))
            result.failed_ids.append(article.id)
    return result


def run_story_steps(steps: list[StoryStep], bundle: StoryBundle) -> tuple[StoryBundle, RunStats]:
    """Run story steps in order over one story, in this process."""
    stats = RunStats()
    for step in steps:
        with timed(stats.for_step(step.name)):
            bundle = step.run(bundle, stats.for_step(step.name))
    return bundle, stats


@dataclass
class Pipeline:
    """The three lists of steps. `run` applies them to a corpus via an executor."""

    article_steps: list[ArticleStep] = field(default_factory=list)
    corpus_steps: list[CorpusStep] = field(default_factory=list)
    story_steps: list[StoryStep] = field(default_factory=list)

    def annotate(self, articles: list[Article], executor: Executor) -> Iterator[BatchResult]:
        """Phase 1: yields annotated batches as they finish (so a store can save each)."""
        yield from executor.map_articles(self.article_steps, articles)

    def group(self, corpus: Corpus, executor: Executor, stats: RunStats) -> Corpus:
        """Phases 2 and 3: corpus steps, then story steps over the stories that changed."""
        return self.group_changes(corpus, executor, stats)[0]

    def group_changes(
        self, corpus: Corpus, executor: Executor, stats: RunStats, changed_ids: Iterable[str] = ()
    ) -> tuple[Corpus, CorpusChanges]:
        """Phases 2 and 3, saying what changed: corpus steps, then story steps over the changed stories only.

        A story is changed when it is new, its articles changed, or something the corpus steps set on one
        of its articles changed (story, copy group, an entity id a quote's speaker may resolve to): the
        rest keep the quote groups and timelines computed in an earlier run, so a run costs what its new
        articles touch, not the size of the corpus. `changed_ids`: articles to count as changed whatever
        the corpus steps do (re-analysed in place: their quotes and claims are new).
        """
        before_articles = {article.id: corpus_fields(article) for article in corpus.articles.values()}
        before_stories = {story.id: list(story.article_ids) for story in corpus.stories.values()}
        for step in self.corpus_steps:
            with timed(stats.for_step(step.name)):
                corpus = step.run(corpus, stats.for_step(step.name))
        changed_articles = {i for i, a in corpus.articles.items() if before_articles.get(i) != corpus_fields(a)}
        changed_articles |= set(changed_ids) & corpus.articles.keys()
        changed_stories = {
            story.id
            for story in corpus.stories.values()
            if before_stories.get(story.id) != story.article_ids
            or any(i in changed_articles for i in story.article_ids)
        }
        if self.story_steps and changed_stories:
            bundles = [StoryBundle(corpus.stories[i], corpus.articles_of(corpus.stories[i])) for i in changed_stories]
            bundles.sort(key=story_work, reverse=True)
            for bundle, bundle_stats in executor.map_stories(self.story_steps, bundles):
                corpus.stories[bundle.story.id] = bundle.story
                for article in bundle.articles:
                    corpus.articles[article.id] = article
                    changed_articles.add(article.id)
                stats.merge(bundle_stats)
        removed = before_stories.keys() - corpus.stories.keys()
        stats.for_step("recomputed").update(stories=len(changed_stories), articles=len(changed_articles))
        return corpus, CorpusChanges(changed_articles, changed_stories | removed)


@dataclass
class CorpusChanges:
    """What the corpus and story steps of a run changed: the articles and stories to write back
    (a story id no longer in the corpus was merged away and is deleted)."""

    article_ids: set[str]
    story_ids: set[str]


def story_work(bundle: StoryBundle) -> tuple[int, int, str]:
    """How much work the story steps have with a story, to hand out the biggest first (then by id).

    Quote grouping compares every pair of the story's quotes, so a story's cost grows with the square
    of its quotes and one big story can take longer than many small ones together: started last, it
    would keep one worker busy while the others wait. Biggest first, the small ones fill the gaps.
    """
    quotes = sum(len(article.quotes) for article in bundle.articles)
    return quotes * quotes, len(bundle.articles), bundle.story.id


def corpus_fields(article: Article) -> tuple[object, ...]:
    """What corpus steps set on an article, to tell which articles a run changed."""
    return (
        article.story_id,
        article.duplicate_of,
        article.copy_group,
        article.copy_similarity,
        tuple(m.entity_id for m in article.mentions),
        len(article.mentions),
        tuple(sorted(article.metadata)),
    )
