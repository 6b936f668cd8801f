"""Story clustering and copy detection on a synthetic feed, beside a TF-IDF + agglomerative baseline.

    python benchmarks/stories.py                 # 5,000 articles, with baseline
    python benchmarks/stories.py --n 50000 --skip-baseline   # scale (the baseline is O(n^2) memory)

Prints, for storylens and the baseline, B-cubed precision/recall/F1 against
the generator's gold events and articles/second; copy-detection precision and
recall over planted copies; the time to add the last 10% of the feed to an
existing state (vs clustering everything); and peak RSS of the storylens part
(measured before the baseline runs).

The baseline is given an advantage: its distance cut-off is the best of a
sweep chosen with the gold labels.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from storylens.model import Article, Corpus
from storylens.pipeline import Stats
from storylens.steps.copies import FindCopies
from storylens.steps.stories import ClusterStories, StorySignals
from synthetic_news import generate_corpus


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster label) against gold."""
    predicted_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for item in gold:
        predicted_members.setdefault(predicted[item], set()).add(item)
        gold_members.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in gold:
        same = len(predicted_members[predicted[item]] & gold_members[gold[item]])
        precision += same / len(predicted_members[predicted[item]])
        recall += same / len(gold_members[gold[item]])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def copy_scores(articles: list[Article], gold: dict) -> tuple[float, float, int, int]:
    """Pairwise precision/recall of (copy, original) links; planted copies found; false copy links."""
    planted = {(a, g) for a, g in gold["copy_group"].items() if a != g}
    found = {(a.id, a.duplicate_of) for a in articles if a.duplicate_of}
    true = found & planted
    precision = len(true) / len(found) if found else 1.0
    recall = len(true) / len(planted) if planted else 1.0
    return precision, recall, len(true), len(found - planted)


def run_storylens(articles: list[Article], new_ids: set[str] | None = None, corpus: Corpus | None = None) -> Corpus:
    corpus = corpus or Corpus()
    for article in articles:
        corpus.articles[article.id] = article
    corpus.new_article_ids = new_ids or set()
    FindCopies().run(corpus, Stats())
    ClusterStories().run(corpus, Stats())
    return corpus


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


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="articles to generate (default 5000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-baseline", action="store_true", help="do not run the O(n^2) baseline")
    args = parser.parse_args()

    articles, gold = generate_corpus(args.n, args.seed)
    print(
        f"{len(articles)} articles, {len(set(gold['story'].values()))} gold events, "
        f"{sum(1 for a, g in gold['copy_group'].items() if a != g)} planted copies, "
        f"languages {dict(Counter(a.language for a in articles))}"
    )

    started = time.perf_counter()
    list(StorySignals().run(articles, Stats()))
    signals_seconds = time.perf_counter() - started
    signals = {a.id: dict(a.metadata) for a in articles}

    started = time.perf_counter()
    corpus = run_storylens(articles)
    group_seconds = time.perf_counter() - started
    total = signals_seconds + group_seconds
    predicted = {a.id: a.story_id or a.id for a in articles}
    precision, recall, f1 = bcubed(predicted, gold["story"])
    print(
        f"storylens  B3 P={precision:.3f} R={recall:.3f} F1={f1:.3f}  stories={len(corpus.stories)}  "
        f"{len(articles) / total:.0f} articles/s (signals {signals_seconds:.1f}s, copies+stories "
        f"{group_seconds:.1f}s, one core)"
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
    print(
        f"incremental  first 90%: {first_seconds:.1f}s  adding last 10%: {add_seconds:.2f}s "
        f"({add_seconds / max(first_seconds, 1e-9):.2f} of the first run)  F1 after add={incremental_f1:.3f}  "
        "(signals precomputed)"
    )
    print(f"peak RSS (storylens part, incl. embedding model) {peak_rss_mb():.0f} MB")

    if not args.skip_baseline:
        predicted, seconds, best_cut = baseline(articles, gold["story"])
        precision, recall, f1 = bcubed(predicted, gold["story"])
        print(
            f"baseline   B3 P={precision:.3f} R={recall:.3f} F1={f1:.3f}  clusters={len(set(predicted.values()))}  "
            f"{len(articles) / seconds:.0f} articles/s (TF-IDF + average linkage, best cut {best_cut:.2f} by gold)"
        )


if __name__ == "__main__":
    main()
