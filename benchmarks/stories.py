"""Story clustering and copy detection on a synthetic feed, beside a TF-IDF + agglomerative baseline.

    python benchmarks/stories.py                 # 5,000 articles, with baseline, then 20,000, then the memory runs
    python benchmarks/stories.py --n 50000 --skip-baseline   # scale (the baseline is O(n^2) memory)
    python benchmarks/stories.py --memory-only   # only the 5,000 / 50,000 memory runs
    python benchmarks/stories.py --scale ""      # no larger comparison run

Prints, for storylens and the baseline, B-cubed precision/recall/F1 against
the generator's gold events and articles/second (storylens: keys, copies,
clustering and the embeddings it computes, all on one core; the baseline:
TF-IDF and linkage), at `--n` articles and again at each `--scale` size (the
baseline's distance matrix is O(n^2) in time and memory: 20,000 articles
need ~8 GB); copy-detection precision and
recall over planted copies; the time to add the last 10% of the feed to an
existing state vs the first 90% (per article, the two should cost the same:
a run costs what its new articles cost); and peak RSS of the storylens part
(measured before the baseline runs).

Memory runs (one fresh process per size, 5,000 and 50,000 articles): the
multilingual encoder embeds ~450 texts/s/core, too slow for 50,000 articles
in a few minutes, so these runs use a CHEAP STAND-IN EMBEDDING (hashed
bag of words, 512 dims, not multilingual); clustering does the same work on
it. Each prints the RSS before grouping (the articles themselves), the peak
during copies + stories, the peak number of live stories and the stories made.

The baseline is given an advantage: its distance cut-off is the best of a
sweep chosen with the gold labels.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from process_memory import current_rss_mb, peak_rss_mb
from storylens import evaluation
from storylens.model import Article, Corpus
from storylens.pipeline import Stats
from storylens.steps.copies import FindCopies
from storylens.steps.embeddings import encode_vector
from storylens.steps.stories import EMBEDDING_KEY, KEYS_KEY, ClusterStories, StorySignals, article_keys
from synthetic_news import copy_scores, generate_corpus


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster label) against gold."""
    score = evaluation.bcubed(predicted, gold)
    return score.precision, score.recall, score.f1


def run_storylens(
    articles: list[Article], new_ids: set[str] | None = None, corpus: Corpus | None = None, stats: Stats | None = None
) -> Corpus:
    corpus = corpus or Corpus()
    for article in articles:
        corpus.articles[article.id] = article
    corpus.new_article_ids = new_ids or set()
    FindCopies().run(corpus, Stats())
    ClusterStories().run(corpus, stats if stats is not None else Stats())
    return corpus


def compare(n: int, seed: int, with_baseline: bool) -> None:
    """storylens (keys, copies, stories with its lazy embeddings) and the baseline on a fresh corpus of `n`."""
    articles, gold = generate_corpus(n, seed)
    started = time.perf_counter()
    list(StorySignals().run(articles, Stats()))
    stats = Stats()
    corpus = run_storylens(articles, stats=stats)
    seconds = time.perf_counter() - started
    precision, recall, f1 = bcubed({a.id: a.story_id or a.id for a in articles}, gold["story"])
    print(
        f"[{n}] storylens  B3 P={precision:.3f} R={recall:.3f} F1={f1:.3f}  stories={len(corpus.stories)}  "
        f"{n / seconds:.0f} articles/s ({seconds:.1f}s, {stats['embedded']} texts embedded, one core)",
        flush=True,
    )
    if with_baseline:
        predicted, seconds, best_cut = baseline(articles, gold["story"])
        precision, recall, f1 = bcubed(predicted, gold["story"])
        print(
            f"[{n}] baseline   B3 P={precision:.3f} R={recall:.3f} F1={f1:.3f}  {n / seconds:.0f} articles/s "
            f"({seconds:.1f}s, best cut {best_cut:.2f} by gold; peak RSS {peak_rss_mb():.0f} MB)",
            flush=True,
        )


def tokenize(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def baseline(articles: list[Article], gold: dict[str, str]) -> tuple[dict[str, str], float, float]:
    """TF-IDF (unigrams, log tf, l2) + average-linkage agglomerative clustering, best cut by gold."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import csr_matrix
    from scipy.spatial.distance import squareform

    started = time.perf_counter()
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, article in enumerate(articles):
        for word, count in Counter(tokenize(f"{article.title} {article.text}")).items():
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append(1.0 + np.log(count))
    matrix = csr_matrix((values, (rows, cols)), shape=(len(articles), len(vocabulary)))
    document_frequency = np.bincount(matrix.indices, minlength=len(vocabulary))
    matrix = matrix.multiply(np.log((1 + len(articles)) / (1 + document_frequency)) + 1).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    matrix = csr_matrix(matrix.multiply(1 / np.maximum(norms, 1e-9)[:, None]))
    distance = 1.0 - (matrix @ matrix.T).toarray()
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(np.clip(distance, 0, 2), checks=False), method="average")
    del distance
    elapsed = time.perf_counter() - started
    best: tuple[float, dict[str, str], float] = (-1.0, {}, 0.0)
    for cut in np.arange(0.3, 0.96, 0.05):
        labels = fcluster(tree, t=cut, criterion="distance")
        predicted = {a.id: str(label) for a, label in zip(articles, labels, strict=True)}
        f1 = bcubed(predicted, gold)[2]
        if f1 > best[0]:
            best = (f1, predicted, float(cut))
    return best[1], elapsed, best[2]


def stand_in_embedding(article: Article) -> str:
    """A cheap 512-dim vector (hashed words, random signs) standing in for the encoder in memory runs."""
    vector = np.zeros(512, dtype=np.float32)
    for word in tokenize(f"{article.title} {article.text[:200]}"):
        digest = zlib.crc32(word.encode("utf-8"))
        vector[digest % 512] += 1.0 if digest & 1024 else -1.0
    return encode_vector(vector / max(float(np.linalg.norm(vector)), 1e-9))


def memory_run(n: int, seed: int) -> None:
    """Child process: cluster `n` articles with stand-in embeddings; print RSS before and peak."""
    articles, gold = generate_corpus(n, seed)
    for article in articles:
        article.metadata[KEYS_KEY] = sorted(article_keys(article))
        article.metadata[EMBEDDING_KEY] = stand_in_embedding(article)
    signals = {a.id: dict(a.metadata) for a in articles}
    before = current_rss_mb()
    started = time.perf_counter()
    corpus = Corpus(articles={a.id: a for a in articles})
    FindCopies().run(corpus, Stats())
    stats = Stats()
    ClusterStories().run(corpus, stats)
    seconds = time.perf_counter() - started
    f1 = bcubed({a.id: a.story_id or a.id for a in articles}, gold["story"])[2]
    print(
        f"memory {n:>6} articles: RSS before grouping {before:.0f} MB, peak {peak_rss_mb():.0f} MB "
        f"(+{peak_rss_mb() - before:.0f} MB for copies + stories); live stories at most "
        f"{stats['live_stories_peak']}, stories {len(corpus.stories)}; {n / seconds:.0f} articles/s grouping; "
        f"F1 {f1:.3f} with the STAND-IN embedding",
        flush=True,
    )
    # The same feed again, as a first run over 90% and an incremental add of the last 10%: per article, the add
    # should cost the same at 5,000 and at 50,000 articles (it depends on the new articles, not the corpus).
    by_time = sorted(articles, key=lambda a: (a.published or "", a.id))
    for article in by_time:
        article.metadata = dict(signals[article.id])
        article.duplicate_of = article.copy_group = article.story_id = None
        article.copy_similarity = None
    cut = int(len(by_time) * 0.9)
    started = time.perf_counter()
    state = run_storylens(by_time[:cut])
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    run_storylens(by_time[cut:], {a.id for a in by_time[cut:]}, state)
    add_seconds = time.perf_counter() - started
    print(
        f"memory {n:>6} articles: incremental  first 90% {first_seconds / cut * 1000:.2f} ms/article, adding the last "
        f"10% {add_seconds / (n - cut) * 1000:.2f} ms/article (STAND-IN embedding)",
        flush=True,
    )


def memory_runs(sizes: list[int], seed: int) -> None:
    """Each size in its own process, so one peak does not hide the other."""
    for n in sizes:
        subprocess.run([sys.executable, __file__, "--memory-child", str(n), "--seed", str(seed)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="articles to generate (default 5000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-baseline", action="store_true", help="do not run the O(n^2) baseline")
    parser.add_argument("--memory-only", action="store_true", help="only the 5,000 / 50,000 memory runs")
    parser.add_argument("--skip-memory", action="store_true", help="skip the 5,000 / 50,000 memory runs")
    parser.add_argument("--scale", default="20000", help="comma-separated larger sizes compared again (default 20000)")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--compare-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_run(args.memory_child, args.seed)
        return
    if args.compare_child:
        compare(args.compare_child, args.seed, not args.skip_baseline)
        return
    if args.memory_only:
        memory_runs([5000, 50000], args.seed)
        return

    articles, gold = generate_corpus(args.n, args.seed)
    print(
        f"{len(articles)} articles, {len(set(gold['story'].values()))} gold events, "
        f"{sum(1 for a, g in gold['copy_group'].items() if a != g)} planted copies, "
        f"{sum(len(a.text) for a in articles) / len(articles):.0f} characters per article on average, "
        f"languages {dict(Counter(a.language for a in articles))}"
    )

    started = time.perf_counter()
    list(StorySignals().run(articles, Stats()))
    signals_seconds = time.perf_counter() - started
    signals = {a.id: dict(a.metadata) for a in articles}

    started = time.perf_counter()
    stats = Stats()
    corpus = run_storylens(articles, stats=stats)
    group_seconds = time.perf_counter() - started
    total = signals_seconds + group_seconds
    predicted = {a.id: a.story_id or a.id for a in articles}
    precision, recall, f1 = bcubed(predicted, gold["story"])
    print(
        f"storylens  B3 P={precision:.3f} R={recall:.3f} F1={f1:.3f}  stories={len(corpus.stories)}  "
        f"{len(articles) / total:.0f} articles/s (keys {signals_seconds:.1f}s, copies + stories "
        f"{group_seconds:.1f}s with {stats['embedded']} of {len(articles)} texts embedded, one core)"
    )
    copy_precision, copy_recall, found, false = copy_scores(articles, gold)
    print(f"copies     P={copy_precision:.3f} R={copy_recall:.3f}  planted found={found}  false links={false}")

    by_time = sorted(articles, key=lambda a: (a.published or "", a.id))
    cut = int(len(by_time) * 0.9)
    for article in by_time:
        article.metadata = dict(signals[article.id])
        article.duplicate_of = article.copy_group = article.story_id = None
    started = time.perf_counter()
    state = run_storylens(by_time[:cut])
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    run_storylens(by_time[cut:], {a.id for a in by_time[cut:]}, state)
    add_seconds = time.perf_counter() - started
    predicted = {a.id: a.story_id or a.id for a in articles}
    incremental_f1 = bcubed(predicted, gold["story"])[2]
    first_rate = first_seconds / cut * 1000
    add_rate = add_seconds / (len(by_time) - cut) * 1000
    print(
        f"incremental  first 90%: {first_seconds:.2f}s ({first_rate:.2f} ms/article)  adding last 10%: "
        f"{add_seconds:.2f}s ({add_rate:.2f} ms/article; {add_seconds / max(first_seconds, 1e-9):.2f} of the "
        f"first run, proportional would be {(len(by_time) - cut) / cut:.2f})  F1 after add={incremental_f1:.3f}  "
        "(copies + stories with their embeddings; keys precomputed by the article step)"
    )
    print(f"peak RSS (storylens part, incl. embedding model) {peak_rss_mb():.0f} MB")

    if not args.skip_baseline:
        predicted, seconds, best_cut = baseline(articles, gold["story"])
        precision, recall, f1 = bcubed(predicted, gold["story"])
        print(
            f"baseline   B3 P={precision:.3f} R={recall:.3f} F1={f1:.3f}  clusters={len(set(predicted.values()))}  "
            f"{len(articles) / seconds:.0f} articles/s (TF-IDF + average linkage, best cut {best_cut:.2f} by gold)"
        )
    del articles, corpus, signals, by_time, state
    for size in [int(value) for value in args.scale.split(",") if value.strip()]:
        subprocess.run(
            [sys.executable, __file__, "--compare-child", str(size), "--seed", str(args.seed)]
            + (["--skip-baseline"] if args.skip_baseline else []),
            check=True,
        )
    if not args.skip_memory:
        memory_runs([5000, 50000], args.seed)


if __name__ == "__main__":
    main()
