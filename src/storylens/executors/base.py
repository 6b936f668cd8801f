"""What an executor does: run the same steps somewhere (this process, a pool, a cluster)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from storylens.model import Article
from storylens.pipeline import ArticleStep, BatchResult, RunStats, StoryBundle, StoryStep


class Executor(Protocol):
    """Runs article steps over batches and story steps over stories.

    `map_articles` yields finished batches as they complete, in any order, so the
    caller can persist each batch at once: a killed run then loses at most the
    batches in flight.
    """

    workers: int

    def map_articles(self, steps: list[ArticleStep], articles: list[Article]) -> Iterator[BatchResult]: ...

    def map_stories(
        self, steps: list[StoryStep], bundles: list[StoryBundle]
    ) -> Iterator[tuple[StoryBundle, RunStats]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...
