"""`storylens serve` under load: requests/second and p50/p99 latency on loopback.

    python benchmarks/server.py                    # a 10,000-article SQLite store
    python benchmarks/server.py --n 2000 --n 10000 --requests 300 --seconds 20

For each store size: builds a SQLite store from the synthetic feed
(`synthetic_news.generate_corpus`) with a stand-in for the analysis — the
generator's gold events as stories, quotes found by a quotation-mark pattern,
capitalised word pairs as entity mentions — so the server has stories,
articles, quotes and entities of realistic size without running the pipeline.
Then starts `storylens serve` in a second process on 127.0.0.1 and drives it
from this process, one request at a time on a keep-alive connection, each
endpoint for at most `--requests` requests or `--seconds` seconds:

- the story list (JSON and HTML page), a story page (HTML, rotating over 50
  stories) and its JSON, a full-text search (rotating words);
- baseline, same run: a static file from the same server (the cost of
  the HTTP stack alone, with no store work).

Also prints the server's start time (reading the catalog from the store).
Figures on a shared machine are noisy; compare them with the same-run baseline.
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from storylens.model import Article, Corpus, Entity, Mention, Quote, Speaker, Story
from storylens.store.sqlite import SQLiteStore
from synthetic_news import generate_corpus

QUOTE = re.compile(r"[\"“„«]([^\"”“«»]{12,300})[\"”“»]")
NAME = re.compile(r"\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b")


def stand_in_analysis(articles: list[Article], gold: dict) -> Corpus:
    """Stories, quotes and mentions a real run would store, made cheaply (see module docstring)."""
    entities: dict[str, Entity] = {}
    members: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        story_id = "story-" + gold["story"][article.id]
        article.story_id = story_id
        members[story_id].append(article)
        for match in NAME.finditer(article.text):
            entity_id = "ent-" + match.group(0).replace(" ", "-").lower()
            entities.setdefault(entity_id, Entity(entity_id, match.group(0), "PERSON"))
            article.mentions.append(
                Mention(article.id, match.start(), match.end(), match.group(0), "PERSON", entity_id=entity_id)
            )
        for number, match in enumerate(QUOTE.finditer(article.text)):
            article.quotes.append(
                Quote(
                    f"{article.id}-q{number}",
                    article.id,
                    match.start(1),
                    match.end(1),
                    match.group(1),
                    "direct",
                    Speaker("a spokesperson"),
                )
            )
    stories = {}
    for story_id, group in members.items():
        dates = sorted(a.published or "" for a in group)
        stories[story_id] = Story(
            id=story_id,
            title=group[0].title or "",
            article_ids=[a.id for a in group],
            first_published=dates[0],
            last_published=dates[-1],
            outlets=sorted({a.outlet or "" for a in group}),
            languages=sorted({a.language or "" for a in group}),
        )
    return Corpus(articles={a.id: a for a in articles}, stories=stories, entities=entities)


def build_store(path: Path, n: int) -> tuple[list[str], list[str]]:
    """A store of `n` articles; returns story ids (largest first) and search words."""
    articles, gold = generate_corpus(n, seed=7)
    corpus = stand_in_analysis(articles, gold)
    store = SQLiteStore(path)
    store.add_articles(articles)
    store.save_annotated(articles)
    store.save_corpus(corpus)
    store.close()
    stories = sorted(corpus.stories.values(), key=lambda s: -len(s.article_ids))
    words = sorted({w for a in articles[:200] for w in re.findall(r"[A-Za-z]{6,}", a.title or "")})
    return [s.id for s in stories], words


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError("the server exited: " + (process.stderr.read().decode() if process.stderr else ""))
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/facets")
            if connection.getresponse().status == 200:
                return time.perf_counter() - start
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")


def drive(port: int, paths: list[str], requests: int, seconds: float) -> tuple[int, float, float, float]:
    """Requests one after another; returns (count, requests/s, p50 ms, p99 ms)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    started = time.perf_counter()
    while len(latencies) < requests and time.perf_counter() - started < seconds:
        path = paths[len(latencies) % len(paths)]
        begin = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        latencies.append((time.perf_counter() - begin) * 1000)
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies), len(latencies) / elapsed, statistics.median(latencies), p99


def run(n: int, requests: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="storylens-bench-") as folder:
        db = Path(folder) / "bench.db"
        start = time.perf_counter()
        story_ids, words = build_store(db, n)
        print(f"\n{n} articles, {len(story_ids)} stories: store built in {time.perf_counter() - start:.1f} s")
        port = free_port()
        command = [sys.executable, "-m", "storylens.cli", "serve", "--db", str(db), "--port", str(port)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            print(f"  server ready after {wait_ready(port, process, 600):.1f} s (catalog read from the store)")
            rng = random.Random(1)
            sample = rng.sample(story_ids, min(50, len(story_ids)))
            searches = [f"/api/search?q={w}" for w in rng.sample(words, min(30, len(words)))]
            cases = {
                "baseline: static file": ["/static/web.css"],
                "story list (JSON)": ["/api/stories"],
                "story list (page)": ["/"],
                "story page (HTML)": [f"/stories/{s}" for s in sample],
                "story (JSON)": [f"/api/stories/{s}" for s in sample],
                "search (JSON)": searches,
            }
            print(f"  {'endpoint':<24} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
            for name, paths in cases.items():
                count, rate, p50, p99 = drive(port, paths, requests, seconds)
                print(f"  {name:<24} {count:>8} {rate:>8.1f} {p50:>8.1f} {p99:>8.1f}")
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="articles in the store (repeatable; default 10000)")
    parser.add_argument("--requests", type=int, default=300, help="most requests per endpoint")
    parser.add_argument("--seconds", type=float, default=20.0, help="most seconds per endpoint")
    args = parser.parse_args()
    for n in args.n or [10_000]:
        run(n, args.requests, args.seconds)


if __name__ == "__main__":
    main()
