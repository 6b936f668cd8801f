"""The local executor's Ctrl-C contract: workers never print a traceback, and the run always hears it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest

from storylens.executors.local import workers_ignore_interrupts


def _blocked_here() -> set[signal.Signals]:
    return signal.pthread_sigmask(signal.SIG_BLOCK, [])


def _give_other_threads_time_to_take_a_signal(seconds: float = 10.0) -> None:
    """A process-wide Ctrl-C may be taken by any thread not blocking it (a native thread pool,
    a helper thread of an earlier test); Python then raises it in the main thread a moment
    later, not at once. Sleeping lets that moment come before the test calls it lost."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.fixture
def ctrl_c_raises() -> Iterator[None]:
    """Python's own Ctrl-C handler for the test, even when pytest runs in a background job (SIGINT ignored)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("ctrl_c_raises")
def test_a_ctrl_c_while_workers_start_is_raised_once_they_have_started() -> None:
    with pytest.raises(KeyboardInterrupt):
        with workers_ignore_interrupts():
            os.kill(os.getpid(), signal.SIGINT)  # lands while the pool would be spawning its workers
        _give_other_threads_time_to_take_a_signal()
        pytest.fail("the Ctrl-C was lost")  # pragma: no cover
    assert signal.SIGINT not in _blocked_here()


def test_workers_started_in_the_block_never_see_ctrl_c() -> None:
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        with workers_ignore_interrupts():
            future = pool.submit(signal.pthread_sigmask, signal.SIG_BLOCK, [])
        assert signal.SIGINT in future.result(timeout=300)
    finally:
        pool.shutdown()
    assert signal.SIGINT not in _blocked_here()
