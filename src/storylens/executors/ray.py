"""The Ray executor: the same article and story steps as Ray tasks, on this machine or a cluster.

`RayExecutor(workers)` starts a local Ray with `workers` CPUs; `RayExecutor(address=
"ray://head:10001")` (or `"auto"`) joins an existing cluster, whose nodes must have
storylens installed (or get it through a Ray runtime environment, see docs/scale.md).
The step objects are put in Ray's object store once and each batch of articles (or
each story) is one task running `run_article_steps` / `run_story_steps`, exactly what
the local process pool runs, so results are identical; batches come back as they
finish and the caller saves each at once.

Needs the `ray` extra: `pip install 'storylens[ray]'`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from storylens.errors import UsageError
from storylens.model import Article
from storylens.pipeline import (
    ArticleStep,
    BatchResult,
    RunStats,
    StoryBundle,
    StoryStep,
    run_article_steps,
    run_story_steps,
)

# Ray's shared-memory object store: steps and batches of articles are small, and the default
# (30% of RAM) would reserve gigabytes on a shared machine. Only used when Ray is started here.
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024


class RayUnavailable(UsageError, RuntimeError):
    """Ray is not installed or the cluster cannot be reached: a setup problem, exit code 2."""


def _ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise RayUnavailable("the Ray executor needs Ray: pip install 'storylens[ray]'") from error
    return ray


class RayExecutor:
    """Runs batches of articles and single stories as Ray tasks (one CPU each)."""

    def __init__(self, workers: int | None = None, address: str | None = None, batch_size: int = 32) -> None:
        _ray()  # fail now, with the install hint, when Ray is missing
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.batch_size = max(1, batch_size)
        self.address = address
        self._started_here = False
        self._tasks: tuple[Any, Any] | None = None

    def _remote_tasks(self) -> tuple[Any, Any]:
        """Start or join Ray on first use (a run with nothing to do never pays Ray's start-up); the two tasks."""
        if self._tasks is None:
            ray = _ray()
            if not ray.is_initialized():
                options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
                if self.address:
                    options["address"] = self.address
                else:
                    options.update(num_cpus=self.workers, object_store_memory=LOCAL_OBJECT_STORE_BYTES)
                try:
                    ray.init(**options)
                except (ConnectionError, RuntimeError, ValueError) as error:
                    where = self.address or "a local instance"
                    raise RayUnavailable(f"cannot start or join Ray at {where}: {error}") from error
                self._started_here = True
            self._tasks = (ray.remote(num_cpus=1)(run_article_steps), ray.remote(num_cpus=1)(run_story_steps))
        return self._tasks

    def _as_completed(self, pending: list[Any]) -> Iterator[Any]:
        ray = _ray()
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            yield ray.get(done[0])

    def map_articles(self, steps: list[ArticleStep], articles: list[Article]) -> Iterator[BatchResult]:
        if not articles:
            return
        article_task, _ = self._remote_tasks()
        steps_ref = _ray().put(steps)
        batches = [articles[i : i + self.batch_size] for i in range(0, len(articles), self.batch_size)]
        yield from self._as_completed([article_task.remote(steps_ref, batch) for batch in batches])

    def map_stories(self, steps: list[StoryStep], bundles: list[StoryBundle]) -> Iterator[tuple[StoryBundle, RunStats]]:
        if not bundles:
            return
        _, story_task = self._remote_tasks()
        steps_ref = _ray().put(steps)
        yield from self._as_completed([story_task.remote(steps_ref, bundle) for bundle in bundles])

    def close(self) -> None:
        if self._started_here:
            ray = _ray()
            if ray.is_initialized():
                ray.shutdown()
            self._started_here = False
        self._tasks = None

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
