"""Continuous ingest: `storylens watch` picks up new files and new feed items and adds them to the store.

Each cycle (every `interval` seconds) fetches the feeds listed in the feeds
file into a spool folder, then runs an incremental `analyze` over the watched
paths and the spool: unchanged files are skipped unread, articles already
stored are recognised by their content id, new articles join existing
stories, and the reports of the stories the cycle touched are rewritten.

Killing a watcher at any moment loses and duplicates nothing: a spooled feed
is written to a temporary name and renamed into place (never half-written),
and everything after that is `analyze`, whose writes are transactions and
whose ingest is idempotent. Restarting it picks up where it stopped.

Only the feed URLs the user lists are fetched (http and https); nothing an
article contains is ever fetched.
"""

from __future__ import annotations

import hashlib
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storylens.model import ErrorRecord

FEED_TIMEOUT_SECONDS = 30
MAX_FEED_BYTES = 20 * 1024 * 1024
USER_AGENT = "storylens-watch (+https://github.com/storylens)"


@dataclass
class WatchCycle:
    """What one cycle did."""

    number: int
    feeds_fetched: int = 0
    new_articles: int = 0
    touched_stories: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs, one a line; blank lines and `#` comments skipped. Only http(s) URLs are accepted."""
    urls = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        url = line.split("#", 1)[0].strip()
        if not url:
            continue
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"{path}:{number}: not an http(s) feed URL: {url!r}")
        urls.append(url)
    return urls


def spool_name(url: str) -> str:
    """The file a feed is spooled to: stable per URL, so a changed feed replaces its previous copy."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:20] + ".xml"


def fetch_feeds(urls: Iterable[str], spool: Path) -> tuple[int, list[ErrorRecord]]:
    """Download each feed into `spool` (atomically); (feeds fetched, errors naming the URL and the reason)."""
    spool.mkdir(parents=True, exist_ok=True)
    fetched, errors = 0, []
    for url in urls:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=FEED_TIMEOUT_SECONDS) as response:
                data = response.read(MAX_FEED_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as error:
            errors.append(ErrorRecord(url, f"cannot fetch feed: {error}"))
            continue
        if len(data) > MAX_FEED_BYTES:
            errors.append(ErrorRecord(url, f"feed larger than {MAX_FEED_BYTES} bytes, skipped"))
            continue
        target = spool / spool_name(url)
        if target.exists() and target.read_bytes() == data:
            fetched += 1
            continue  # unchanged: keep the file (and its mtime) so analyze skips it unread
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        os.replace(partial, target)
        fetched += 1
    return fetched, errors


def watch_cycles(
    run_analysis: Callable[[list[Path]], tuple[int, int]],
    paths: list[Path],
    feed_urls: list[str],
    spool: Path,
    interval: float,
    cycles: int | None,
    on_cycle: Callable[[WatchCycle], None],
) -> None:
    """Run cycles until `cycles` have run (forever when None). `run_analysis(inputs)` analyses the inputs
    and returns (new articles, touched stories)."""
    number = 0
    while cycles is None or number < cycles:
        number += 1
        started = time.monotonic()
        cycle = WatchCycle(number)
        if feed_urls:
            cycle.feeds_fetched, cycle.errors = fetch_feeds(feed_urls, spool)
        inputs = [*paths, spool] if feed_urls else list(paths)
        cycle.new_articles, cycle.touched_stories = run_analysis(inputs)
        on_cycle(cycle)
        if cycles is None or number < cycles:
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
