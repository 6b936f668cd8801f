"""The local executor: a process pool on this machine (or inline with one worker)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager

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


def default_workers() -> int:
    return os.cpu_count() or 1


@contextmanager
def workers_ignore_interrupts() -> Iterator[None]:
    """Worker processes started inside this block never see Ctrl-C; this process still does.

    Ctrl-C reaches every process of the terminal's process group; the parent stops the pool
    (`LocalExecutor.stop`), and without this each worker would also print its own
    KeyboardInterrupt traceback, dozens of lines, even while still starting up. The pool starts
    its processes while tasks are submitted, so submissions happen inside this block.

    SIGINT is *blocked* here, not ignored: a spawned worker inherits the blocked mask across
    exec and keeps it for life, while a Ctrl-C that arrives during the block stays pending in
    this process and is raised as soon as the block ends (or, when another thread of the
    process, such as a native thread pool, takes it, Python raises it in this thread a moment
    later; the mask of the workers being spawned is the same either way). (Ignoring it instead lost that
    Ctrl-C: on a busy machine, spawning the workers takes long enough for it to land there.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class LocalExecutor:
    """Spreads batches of articles (and stories) over `workers` processes.

    With one worker everything runs in this process: no pickling, no start-up
    cost, easiest to debug. Steps load their models lazily, so each worker
    process loads them once and reuses them for every batch it gets.
    """

    def __init__(self, workers: int | None = None, batch_size: int = 32) -> None:
        self.workers = max(1, workers or default_workers())
        self.batch_size = max(1, batch_size)
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn" avoids forking a parent that may hold threads (Rich progress, SQLite).
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def map_articles(self, steps: list[ArticleStep], articles: list[Article]) -> Iterator[BatchResult]:
        batches = [articles[i : i + self.batch_size] for i in range(0, len(articles), self.batch_size)]
        if self.workers == 1 or len(batches) <= 1:
            for batch in batches:
                yield run_article_steps(steps, batch)
            return
        pool = self._get_pool()
        with workers_ignore_interrupts():
            futures: list[Future[BatchResult]] = [pool.submit(run_article_steps, steps, b) for b in batches]
        for future in as_completed(futures):
            yield future.result()

    def map_stories(self, steps: list[StoryStep], bundles: list[StoryBundle]) -> Iterator[tuple[StoryBundle, RunStats]]:
        if self.workers == 1 or len(bundles) <= 1:
            for bundle in bundles:
                yield run_story_steps(steps, bundle)
            return
        pool = self._get_pool()
        with workers_ignore_interrupts():
            futures = [pool.submit(run_story_steps, steps, b) for b in bundles]
        for future in as_completed(futures):
            yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def stop(self) -> None:
        """Stop at once (Ctrl-C): drop queued batches and end the workers without waiting for theirs.

        Batches already saved stay saved; the next run resumes from the store.
        """
        if self._pool is None:
            return
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)
        self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
            self.stop()
        else:
            self.close()
