"""Copy detection on a synthetic feed: time, memory and precision/recall, beside a datasketch baseline.

    python benchmarks/copies.py                  # 5,000 articles
    python benchmarks/copies.py --n 50000        # scale (the baseline takes about a minute here)
    python benchmarks/copies.py --skip-baseline

Prints, for the copies step (`FindCopies`):
- a full run over all articles: time, peak RSS during the step, its counters
  (LSH candidate pairs, pairs verified exactly, copy pairs), and copy-link
  precision/recall against the generator's planted copies;
- the same run verifying every LSH candidate exactly (`prefilter_sigmas=inf`):
  the Jaccard pre-filter must find the very same copies;
- a second full run that reads the sketches stored by the first;
- an incremental add: a run over the first 90% of the feed in publication
  order, then the last 10% as new articles (time of the copy step alone, per
  article: a run should cost what its new articles cost);
- the baseline, if `datasketch` is installed: the same shingles, one
  `datasketch.MinHash` per article, `MinHashLSH` at the same threshold, every
  candidate verified exactly: how this step worked before.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from process_memory import peak_rss_mb, reset_peak_rss
from storylens.model import Article, Corpus
from storylens.pipeline import Stats
from storylens.steps.copies import CopySettings, FindCopies, overlap, publication_order, shingles
from synthetic_news import copy_scores, generate_corpus


def fresh(articles: list[Article]) -> list[Article]:
    """The articles without anything a previous run stored on them."""
    return [Article(id=a.id, text=a.text, source=a.source, outlet=a.outlet, published=a.published) for a in articles]


def timed_run(articles: list[Article], settings: CopySettings, corpus: Corpus | None = None) -> tuple[float, Stats]:
    corpus = corpus or Corpus()
    corpus.new_article_ids = {a.id for a in articles} if corpus.articles else set()
    corpus.articles.update({a.id: a for a in articles})
    stats = Stats()
    start = time.perf_counter()
    FindCopies(settings).run(corpus, stats)
    return time.perf_counter() - start, stats


def report(label: str, seconds: float, articles: list[Article], gold: dict, stats: Stats | None = None) -> None:
    precision, recall, found, false = copy_scores(articles, gold)
    counters = ""
    if stats:
        counters = f"  candidates {stats['candidate_pairs']:,}, verified {stats['verified_pairs']:,}"
        counters += f", shingled {stats['shingled']:,}"
    print(f"{label:<44} {seconds:7.3f} s  P {precision:.4f} R {recall:.4f} ({found} found, {false} false){counters}")


def datasketch_baseline(articles: list[Article], settings: CopySettings) -> None:
    """Copies as this step found them with datasketch: sets `duplicate_of` to the earliest member of each group."""
    from datasketch import MinHash, MinHashLSH  # optional: only this baseline uses it

    shingle_sets = {a.id: shingles(a.text, settings.shingle_words) for a in articles}
    index = MinHashLSH(threshold=settings.candidate_threshold, num_perm=settings.num_perm)
    sketches = {}
    for article_id, shingle_set in shingle_sets.items():
        if len(shingle_set) >= settings.min_shingles:
            sketch = MinHash(num_perm=settings.num_perm, hashfunc=int)
            sketch.update_batch(list(shingle_set))
            sketches[article_id] = sketch
            index.insert(article_id, sketch)
    parent = {a.id: a.id for a in articles}

    def root(item: str) -> str:
        while parent[item] != item:
            item = parent[item]
        return item

    for article_id, sketch in sketches.items():
        for other in index.query(sketch):
            if other < article_id and overlap(shingle_sets[article_id], shingle_sets[other]) >= settings.min_overlap:
                parent[root(article_id)] = root(other)
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(root(article.id), []).append(article)
    for members in groups.values():
        members.sort(key=publication_order)
        for copy in members[1:]:
            copy.duplicate_of = members[0].id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="articles to generate (default 5000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-baseline", action="store_true", help="do not run the datasketch baseline")
    args = parser.parse_args()

    generated, gold = generate_corpus(args.n, args.seed)
    settings = CopySettings()
    FindCopies(settings).run(Corpus(articles={a.id: a for a in fresh(generated[:50])}), Stats())  # warm caches
    print(f"{len(generated):,} articles, {sum(1 for a, g in gold['copy_group'].items() if a != g):,} planted copies")

    articles = fresh(generated)
    reset_peak_rss()
    rss_before = peak_rss_mb()
    corpus = Corpus()
    seconds, stats = timed_run(articles, settings, corpus)
    report("full run", seconds, articles, gold, stats)
    print(f"{'':<44} RSS {rss_before:.0f} MB before, peak {peak_rss_mb():.0f} MB during the step")
    corpus.new_article_ids = set()
    stats = Stats()
    start = time.perf_counter()
    FindCopies(settings).run(corpus, stats)
    report("full run again, sketches stored", time.perf_counter() - start, articles, gold, stats)

    unfiltered = fresh(generated)
    seconds, stats = timed_run(unfiltered, CopySettings(prefilter_sigmas=math.inf))
    report("full run, every LSH candidate verified", seconds, unfiltered, gold, stats)
    same = all(a.duplicate_of == b.duplicate_of for a, b in zip(articles, unfiltered, strict=True))
    print(f"{'':<44} same copies as with the Jaccard pre-filter: {same}")

    ordered = sorted(fresh(generated), key=publication_order)
    cut = len(ordered) * 9 // 10
    corpus = Corpus()
    first, _ = timed_run(ordered[:cut], settings, corpus)
    added, stats = timed_run(ordered[cut:], settings, corpus)
    report(f"first 90% ({cut:,} articles)", first, ordered[:cut], gold)
    report(f"then the last 10% ({len(ordered) - cut:,} new)", added, ordered, gold, stats)
    per_first, per_added = first / cut * 1000, added / (len(ordered) - cut) * 1000
    print(f"{'':<44} {per_first:.3f} ms/article for the first 90%, {per_added:.3f} ms/article for the last 10%")

    if args.skip_baseline:
        return
    try:
        import datasketch  # noqa: F401
    except ImportError:
        print("baseline skipped: datasketch is not installed (pip install datasketch)")
        return
    baseline = fresh(generated)
    start = time.perf_counter()
    datasketch_baseline(baseline, settings)
    report("baseline: datasketch MinHash + MinHashLSH", time.perf_counter() - start, baseline, gold)


if __name__ == "__main__":
    main()
