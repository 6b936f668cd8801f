"""What adding a batch of articles costs as the store grows: seconds per added article and driver peak RSS.

Batches of --batch synthetic articles (benchmarks/synthetic_news.py: our own
templates, ~400 words, days apart like a feed) are added one after the other
to one store (SQLite by default, or --db postgresql://...), each with an
incremental `analyze`. If a run's cost followed only its new articles, the
time per added article would stay flat as the store grows; if it follows the
store, it climbs. The first batch (into an empty store) is the baseline.

STAND-IN NER: to measure the store-side costs and not spaCy, entity
recognition uses storylens' capitalized-span fallback for every language
(`entities.ner_languages = []`) instead of the spaCy model. Every other step
of the timed batches is the real one.

`--prefill N` first fills the store with N older synthetic articles, fast and
untimed: only the stand-in NER and the story signals run on them (no cleaning,
quotes, time expressions, claims), then the copies and stories corpus steps
place them a chunk at a time, with embeddings off (stories by keys), and
entity resolution; no story steps. The timed batches that follow are newer and go
through the whole `analyze`. With `storylens.working_set` the chunks are
placed through it; without (an older storylens) the whole corpus is loaded
and saved per chunk, which gives the same store.

Each batch runs in a fresh child process: its wall and CPU seconds (the child's and its pool workers')
and its peak RSS (driver, largest worker) are the batch's alone. Stores of 100k and more are built by
benchmarks/bulk_store.py from a --prefill-only store (replicas dated years earlier).

    python benchmarks/scale.py                              # 5 batches of 1,000 into a SQLite store
    python benchmarks/scale.py --prefill 10000 --batches 1 --db big.db   # one batch into a built store
    python benchmarks/scale.py --probe --db big.db          # the latest 1,000 articles' working-set read alone
    python benchmarks/scale.py --prefill 10000 --batches 2  # 2 batches of 1,000 into a store of 10,000
    python benchmarks/scale.py --batches 3 --db postgresql://postgres@127.0.0.1:5432/scale
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from process_memory import peak_rss_mb
from storylens.api import analyze
from storylens.config import Settings
from storylens.executors import Executor, make_executor
from storylens.model import Article
from storylens.pipeline import Pipeline, RunStats
from storylens.steps.copies import FindCopies
from storylens.steps.entities import RecognizeEntities, ResolveEntities
from storylens.steps.entity_ids import StableEntityIds
from storylens.steps.stories import ClusterStories, StorySignals
from storylens.store import Store, open_store
from synthetic_news import generate_corpus

PREFILL_CHUNK = 2000


def stand_in_settings(workers: int) -> Settings:
    settings = Settings(workers=workers)
    return dataclasses.replace(settings, entities=dataclasses.replace(settings.entities, ner_languages=()))


def write_batch(articles: list, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {
                "id": a.id,
                "title": a.title,
                "text": a.text,
                "outlet": a.outlet,
                "published": a.published,
                "language": a.language,
            },
            ensure_ascii=False,
        )
        for a in articles
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def prefill(store: Store, articles: list[Article], settings: Settings, executor: Executor) -> None:
    """Put `articles` into the store analysed (stand-in NER and story signals only) and placed in stories."""
    try:
        from storylens.working_set import load_working_set, save_working_set
    except ImportError:  # an older storylens: whole-corpus load and save per chunk
        load_working_set = save_working_set = None  # type: ignore[assignment]
    no_embeddings = dataclasses.replace(settings.stories, embedding_weight=0.0)
    pipeline = Pipeline(
        article_steps=[RecognizeEntities(settings.entities), StorySignals(settings.stories)],
        corpus_steps=[
            FindCopies(settings.copies),
            ClusterStories(no_embeddings),
            StableEntityIds(ResolveEntities(settings.entities)),
        ],
    )
    started = time.perf_counter()
    for start in range(0, len(articles), PREFILL_CHUNK):
        chunk = articles[start : start + PREFILL_CHUNK]
        store.add_articles(chunk)
        for batch in pipeline.annotate(chunk, executor):
            store.save_annotated(batch.articles)
        new_ids = store.ungrouped_article_ids()
        if load_working_set is not None and save_working_set is not None:
            working = load_working_set(store, new_ids, settings.copies, settings.live_window_days)
            corpus, changes = pipeline.group_changes(working.corpus, None, RunStats())  # type: ignore[arg-type]
            save_working_set(store, working, corpus, changes.article_ids, changes.story_ids)
        else:
            corpus = store.load_corpus()
            corpus.new_article_ids = new_ids
            corpus, changes = pipeline.group_changes(corpus, None, RunStats())  # type: ignore[arg-type]
            store.save_corpus(corpus, changes.article_ids, changes.story_ids)
        done = start + len(chunk)
        print(f"  prefilled {done:>8} articles in {time.perf_counter() - started:7.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", help="store URL (default: a SQLite file in a temporary folder)")
    parser.add_argument("--prefill", type=int, default=0, help="older articles put in the store first (untimed)")
    parser.add_argument(
        "--prefill-only", action="store_true", help="fill --db and stop (a store holding them already is not refilled)"
    )
    parser.add_argument("--probe", action="store_true", help="time reading the latest batch's working set of --db")
    parser.add_argument("--run-batch", type=Path, help=argparse.SUPPRESS)  # the child process of one batch
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe_working_set(args.db, args.batch)
        return
    if args.run_batch:
        run_batch(args.run_batch, args.out, args.db, args.workers)
        return
    articles, _ = generate_corpus(args.prefill + args.batches * args.batch, seed=7)
    articles.sort(key=lambda a: (a.published or "", a.id))
    older, articles = articles[: args.prefill], articles[args.prefill :]
    settings = stand_in_settings(args.workers)
    print("stand-in NER (capitalized spans), every other step real; synthetic articles of ~400 words")
    print(
        f"{'store before':>12} {'added':>6} {'seconds':>8} {'ms/article':>10} {'CPU ms/art':>10} {'touched':>8}"
        f" {'driver peak MB':>14}"
        f" {'worker peak MB':>14}"
    )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = args.db or str(tmp / "scale.db")
        with open_store(db) as store:
            filled = store.count_articles()
        if older and filled < len(older):
            with open_store(db) as store, make_executor("local", args.workers) as executor:
                prefill(store, older[filled:], settings, executor)
        if args.prefill_only:
            return
        baseline = None
        for number in range(args.batches):
            batch = articles[number * args.batch : (number + 1) * args.batch]
            path = write_batch(batch, tmp / f"batch-{number}" / "articles.jsonl")
            with open_store(db) as store:
                before = store.count_articles()
            figures = run_batch_in_child(path.parent, tmp / "out", db, args.workers)
            per_article = figures["seconds"] * 1000 / max(1, figures["new_articles"])
            cpu_per_article = figures["cpu_seconds"] * 1000 / max(1, figures["new_articles"])
            baseline = baseline or per_article
            print(
                f"{before:>12} {figures['new_articles']:>6} {figures['seconds']:>8.1f} {per_article:>10.1f}"
                f" {cpu_per_article:>10.1f}"
                f" {figures['touched_stories']:>8} {figures['driver_peak_mb']:>14.0f}"
                f" {figures['worker_peak_mb']:>14.0f}"
                f"   ({per_article / baseline:.2f}x the first batch)",
                flush=True,
            )


def probe_working_set(db: str, batch: int) -> None:
    """What the latest `batch` articles' working set costs to read from the store, alone: seconds, what it
    holds and the RSS it adds (run after a timed batch, this is the slice that batch's run read, give or
    take the batch's own placement). The run's wall seconds swing with NER and the story steps; this one
    is the store side only."""
    from process_memory import current_rss_mb
    from storylens.working_set import load_working_set

    with open_store(db) as store:
        latest = f"SELECT id FROM articles WHERE status = 'analyzed' ORDER BY published DESC, id LIMIT {int(batch)}"
        ids = [row[0] for row in store._fetch(latest)]  # type: ignore[attr-defined]
        before = current_rss_mb()
        started, cpu = time.perf_counter(), time.process_time()
        working = load_working_set(store, ids)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        corpus = working.corpus
        print(
            f"store {store.count_articles():>8}: working set of the latest {len(ids)} read in {seconds:.2f} s"
            f" ({cpu:.2f} s CPU):"
            f" {len(corpus.articles)} articles, {len(corpus.stories)} stories, {len(corpus.entities)} entities,"
            f" {len(corpus.copy_groups)} copy groups, +{current_rss_mb() - before:.0f} MB RSS"
        )


def run_batch_in_child(inputs: Path, out: Path, db: str, workers: int) -> dict[str, float]:
    """Time one incremental `analyze` in a fresh child process, so its peak RSS is the run's alone (not the
    generator's or an earlier batch's) and nothing stays cached between batches."""
    command = [sys.executable, __file__, "--run-batch", str(inputs), "--out", str(out), "--db", db]
    done = subprocess.run([*command, "--workers", str(workers)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run_batch(inputs: Path, out: Path, db: str, workers: int) -> None:
    """The child's side: one `analyze`, its figures as one JSON line (driver and largest worker peak RSS)."""
    started = time.perf_counter()
    result = analyze([inputs], out, db=db, settings=stand_in_settings(workers))
    seconds = time.perf_counter() - started
    own, workers_used = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "seconds": seconds,
        # CPU seconds of the run and its pool workers: far less moved than wall seconds by other jobs
        "cpu_seconds": own.ru_utime + own.ru_stime + workers_used.ru_utime + workers_used.ru_stime,
        "new_articles": result.new_articles,
        "touched_stories": result.touched_stories,
        "driver_peak_mb": peak_rss_mb(),
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
