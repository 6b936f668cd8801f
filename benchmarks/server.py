"""`storylens serve` under load: requests/second and p50/p99 latency on loopback, start time and memory.

    python benchmarks/server.py                                  # SQLite and PostgreSQL, 10k and 100k articles
    python benchmarks/server.py --store sqlite --n 10000 --requests 300 --seconds 20
    python benchmarks/server.py --keep /tmp/bench-stores         # build each store once, reuse it next time

For each store (SQLite file, PostgreSQL database) and size: builds the store from
the synthetic feed (`synthetic_news.generate_corpus`) with a STAND-IN for the
analysis, not the pipeline: the generator's gold events as stories, quotes found
by a quotation-mark pattern, capitalised word pairs as entity mentions. That gives
stories, articles, quotes, entities and the search index of realistic size in
minutes instead of hours of NER. The store is written through the ordinary
`Store` methods (`add_articles`, `save_annotated`, `save_corpus`), so its indexes
and findings rows are the ones a real `analyze` writes. PostgreSQL runs as a
throwaway local cluster (tests/postgres_server.py) unless `--postgres-url` names one.

Then starts `storylens serve` in a second process on 127.0.0.1 and drives it
from this process, one request at a time on a keep-alive connection, each
endpoint for at most `--requests` requests or `--seconds` seconds:

- the story list (JSON and HTML page), a story page (HTML, rotating over 50
  stories) and its JSON, a full-text search (rotating words);
- baseline, same run: a static file from the same server (the cost of
  the HTTP stack alone, with no store work).

Also reports the server's start time (process start until it answers) and its
resident memory after start and at its peak (VmRSS, VmHWM). Figures on a shared
machine are noisy; compare them with the same-run baseline.
"""

from __future__ import annotations

import argparse
import contextlib
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
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parent.parent / "tests"))  # the throwaway PostgreSQL cluster of the tests

from storylens.model import Article, Corpus, Entity, Mention, Quote, Speaker, Story
from storylens.store import Store, open_store
from storylens.store.reads import StoryQuery
from synthetic_news import generate_corpus

BATCH = 5000  # articles per write transaction while building a store

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


def build_store(url: str, n: int) -> tuple[list[str], list[str]]:
    """A store of `n` articles at `url`; returns story ids (largest first) and search words."""
    articles, gold = generate_corpus(n, seed=7)
    corpus = stand_in_analysis(articles, gold)
    store = open_store(url)
    try:
        for start in range(0, len(articles), BATCH):
            batch = articles[start : start + BATCH]
            store.add_articles(batch)
            store.save_annotated(batch)
        store.save_corpus(corpus)
    finally:
        store.close()
    return story_ids_and_words(corpus)


def story_ids_and_words(corpus: Corpus) -> tuple[list[str], list[str]]:
    stories = sorted(corpus.stories.values(), key=lambda s: -len(s.article_ids))
    titles = [a.title or "" for a in list(corpus.articles.values())[:200]]
    words = sorted({w for title in titles for w in re.findall(r"[A-Za-z]{6,}", title)})
    return [s.id for s in stories], words


def read_back(store: Store) -> tuple[list[str], list[str]]:
    """Story ids (largest first) and search words of a store built before (`--keep`)."""
    _total, stories = store.story_page(StoryQuery(), 0, 2000)
    titles = [a.title or "" for a in store.article_summaries(s.article_ids[0] for s in stories[:200])]
    words = sorted({w for title in titles for w in re.findall(r"[A-Za-z]{6,}", title)})
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


def memory_kb(pid: int) -> dict[str, int]:
    """The process's resident memory now (VmRSS) and at its peak (VmHWM), in kB, from /proc."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


@contextlib.contextmanager
def store_url(kind: str, n: int, keep: Path | None, postgres_server: str | None) -> Iterator[tuple[str, bool]]:
    """Where the store of this kind and size lives, and whether it is already built (`--keep`)."""
    if kind == "sqlite":
        if keep is not None:
            path = keep / f"bench-{n}.db"
            yield str(path), path.exists()
            return
        with tempfile.TemporaryDirectory(prefix="storylens-bench-") as folder:
            yield str(Path(folder) / "bench.db"), False
        return
    import psycopg

    assert postgres_server is not None
    name = f"storylens_bench_{n}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None
        if exists and keep is None:
            connection.execute(f'DROP DATABASE "{name}"')  # type: ignore[arg-type]
            exists = False
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}", exists


def run(kind: str, n: int, url: str, built: bool, requests: int, seconds: float) -> list[dict[str, object]]:
    """Measure one store; returns one row per endpoint."""
    start = time.perf_counter()
    if built:
        with open_store(url, create=False) as store:
            story_ids, words = read_back(store)
        print(f"\n{kind}, {n} articles, {len(story_ids)}+ stories: store reused")
    else:
        story_ids, words = build_store(url, n)
        print(f"\n{kind}, {n} articles, {len(story_ids)} stories: store built in {time.perf_counter() - start:.1f} s")
    with open_store(url, create=False):
        pass  # any schema migration happens here, not in the measured start
    port = free_port()
    command = [sys.executable, "-m", "storylens.cli", "serve", "--db", url, "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rows: list[dict[str, object]] = []
    try:
        startup = wait_ready(port, process, 600)
        started_kb = memory_kb(process.pid)["VmRSS"]
        print(f"  server ready after {startup:.1f} s, {started_kb / 1024:.0f} MB resident")
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
            rows.append({"endpoint": name, "requests": count, "rate": rate, "p50": p50, "p99": p99})
        peak_kb = memory_kb(process.pid)["VmHWM"]
        print(f"  server memory: {started_kb / 1024:.0f} MB after start, {peak_kb / 1024:.0f} MB peak")
    finally:
        process.terminate()
        process.wait(timeout=30)
    for row in rows:
        row.update(store=kind, size=n, startup=startup, rss_mb=started_kb / 1024, peak_mb=peak_kb / 1024)
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    """The figures as the table in docs/web.md."""
    lines = [
        "| store | articles | endpoint | req/s | p50 ms | p99 ms | start s | RSS MB (start / peak) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['store']} | {r['size']:,} | {r['endpoint']} | {r['rate']:.0f} | {r['p50']:.1f} | {r['p99']:.1f}"
            f" | {r['startup']:.1f} | {r['rss_mb']:.0f} / {r['peak_mb']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="articles in the store (repeatable; default 10k, 100k)")
    parser.add_argument(
        "--store", choices=["sqlite", "postgresql"], action="append", help="backend (repeatable; default both)"
    )
    parser.add_argument("--requests", type=int, default=300, help="most requests per endpoint")
    parser.add_argument("--seconds", type=float, default=20.0, help="most seconds per endpoint")
    parser.add_argument("--keep", type=Path, help="build stores here (and PostgreSQL databases) once; reuse them")
    parser.add_argument("--postgres-url", help="an existing PostgreSQL server (default: a throwaway local cluster)")
    args = parser.parse_args()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    with contextlib.ExitStack() as stack:
        server = args.postgres_url
        if "postgresql" in (args.store or ["sqlite", "postgresql"]) and server is None:
            from postgres_server import throwaway_cluster

            server = stack.enter_context(throwaway_cluster())
        for kind in args.store or ["sqlite", "postgresql"]:
            for n in args.n or [10_000, 100_000]:
                with store_url(kind, n, args.keep, server) as (url, built):
                    rows += run(kind, n, url, built, args.requests, args.seconds)
    print("\n" + markdown(rows))


if __name__ == "__main__":
    main()
