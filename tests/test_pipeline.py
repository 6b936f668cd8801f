"""The pipeline runs article steps per batch, corpus steps once, story steps per story."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from storylens.executors import LocalExecutor, make_executor
from storylens.model import Article, Corpus, Quote, Story, article_id_for
from storylens.pipeline import Pipeline, RunStats, Stats, StoryBundle, run_article_steps, run_story_steps


def without_timings(stats: RunStats) -> dict[str, dict[str, int]]:
    """The counts of a run without each step's "ms" (time varies from run to run)."""
    return {name: {k: v for k, v in counts.items() if k != "ms"} for name, counts in stats.to_dict().items()}


def make_article(text: str) -> Article:
    return Article(id=article_id_for(text), text=text, source=f"{text[:5]}.txt")


class Uppercase:
    """A toy article step: uppercases the text and counts articles."""

    name = "uppercase"

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            stats["articles"] += 1
            article.text = article.text.upper()
            yield article


class FailsOnBoom:
    name = "fails-on-boom"

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            if "boom" in article.text.lower():
                raise ValueError("cannot digest boom")
            yield article


class OneStoryPerWord:
    """A toy corpus step: articles sharing their first word form one story."""

    name = "toy-stories"

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        for article in corpus.articles.values():
            key = article.text.split()[0].lower()
            story = corpus.stories.setdefault(key, Story(id=key, title=key))
            story.article_ids.append(article.id)
            article.story_id = key
        stats["stories"] = len(corpus.stories)
        return corpus


class CountArticles:
    name = "count"

    def run(self, bundle: StoryBundle, stats: Stats) -> StoryBundle:
        bundle.story.title = f"{bundle.story.title} ({len(bundle.articles)})"
        stats["stories"] += 1
        return bundle


def test_article_steps_run_in_order_and_count() -> None:
    result = run_article_steps([Uppercase()], [make_article("quiet harbour"), make_article("loud port")])
    assert [a.text for a in result.articles] == ["QUIET HARBOUR", "LOUD PORT"]
    assert result.stats.to_dict()["uppercase"]["articles"] == 2


class Slow:
    """A toy article step that takes 30 ms per article."""

    name = "slow"

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            time.sleep(0.03)
            yield article


def test_each_step_records_its_own_time_not_its_upstream_neighbours() -> None:
    result = run_article_steps([Slow(), Uppercase()], [make_article("quiet harbour"), make_article("loud port")])
    timings = {name: counts["ms"] for name, counts in result.stats.to_dict().items()}
    assert timings["slow"] >= 55
    assert timings["uppercase"] < 20


def test_a_failing_article_is_recorded_and_the_rest_of_its_batch_survives() -> None:
    good, bad = make_article("calm day"), make_article("boom day")
    result = run_article_steps([Uppercase(), FailsOnBoom()], [good, bad])
    assert [a.text for a in result.articles] == ["CALM DAY"]
    assert result.failed_ids == [bad.id]
    assert "cannot digest boom" in result.errors[0].error and result.errors[0].source == bad.source


def test_pipeline_groups_and_runs_story_steps() -> None:
    articles = [make_article("port fire one"), make_article("port fire two"), make_article("summit talks")]
    pipeline = Pipeline(article_steps=[Uppercase()], corpus_steps=[OneStoryPerWord()], story_steps=[CountArticles()])
    stats = RunStats()
    with LocalExecutor(workers=1) as executor:
        annotated = [a for batch in pipeline.annotate(articles, executor) for a in batch.articles]
        corpus = pipeline.group(Corpus(articles={a.id: a for a in annotated}), executor, stats)
    assert sorted(s.title for s in corpus.stories.values()) == ["port (2)", "summit (1)"]
    assert without_timings(stats)["count"] == {"stories": 2}


class RecordsStoryOrder:
    """A toy executor that runs story steps inline and remembers in which order it was handed the stories."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def map_stories(
        self, steps: list[CountArticles], bundles: list[StoryBundle]
    ) -> Iterator[tuple[StoryBundle, RunStats]]:
        for bundle in bundles:
            self.order.append(bundle.story.id)
            yield run_story_steps(steps, bundle)  # type: ignore[arg-type]


def with_quotes(article: Article, count: int) -> Article:
    article.quotes = [Quote(f"{article.id}-q{i}", article.id, 0, 4, "text") for i in range(count)]
    return article


def test_stories_with_the_most_quotes_are_handed_out_first() -> None:
    """Quote grouping costs the square of a story's quotes: the biggest story starts first so no worker
    is left alone with it at the end of a run."""
    articles = [
        make_article("summit talks"),
        with_quotes(make_article("port fire one"), 3),
        with_quotes(make_article("port fire two"), 2),
        with_quotes(make_article("quiet vote"), 4),
    ]
    pipeline = Pipeline(corpus_steps=[OneStoryPerWord()], story_steps=[CountArticles()])
    executor = RecordsStoryOrder()
    pipeline.group(Corpus(articles={a.id: a for a in articles}), executor, RunStats())  # type: ignore[arg-type]
    assert executor.order == ["port", "quiet", "summit"]


def test_process_pool_gives_the_same_result_as_one_process() -> None:
    articles = [make_article(f"article number {i}") for i in range(50)]
    pipeline = Pipeline(article_steps=[Uppercase()])
    with LocalExecutor(workers=1, batch_size=8) as one, LocalExecutor(workers=2, batch_size=8) as two:
        inline = sorted(
            a.text for b in pipeline.annotate([make_article(a.text) for a in articles], one) for a in b.articles
        )
        pooled_batches = list(pipeline.annotate(articles, two))
    pooled = sorted(a.text for b in pooled_batches for a in b.articles)
    assert pooled == inline and len(pooled) == 50
    total = RunStats()
    for batch in pooled_batches:
        total.merge(batch.stats)
    assert without_timings(total) == {"uppercase": {"articles": 50}}


def test_unknown_executor_is_a_clear_error() -> None:
    try:
        make_executor("slurm")
    except ValueError as error:
        assert "unknown executor 'slurm'" in str(error)
    else:
        raise AssertionError("expected ValueError")
