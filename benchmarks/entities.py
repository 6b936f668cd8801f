"""Entity recognition speed and cross-article resolution time on a synthetic feed, beside a naive baseline.

    python benchmarks/entities.py                    # recognise 300 articles, resolve 5,000
    python benchmarks/entities.py --recognize 1000 --n 20000

Recognition (spaCy NER-only + role/gazetteer passes) is measured on `--recognize`
articles from benchmarks/synthetic_news.py, in one process. Resolution is then
timed on `--n` articles: the annotated ones repeated under new ids (stories
from the generator's gold, as story clustering would give), with a share of
person names rewritten as their garbled or name-order variants so the
context rules have work to do (their text is rebuilt from the mentions). The baseline compares every pair of person
alias nodes with the same similarity tests (no blocking), on a sample, and is
extrapolated to all pairs.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from storylens.model import Article, Corpus
from storylens.pipeline import Stats
from storylens.steps.entities import (
    EntitySettings,
    RecognizeEntities,
    ResolveEntities,
    collect_alias_nodes,
    different_people,
)
from storylens.steps.names import transliteration_match
from synthetic_news import generate_corpus


def recognize(articles: list[Article]) -> tuple[list[Article], float, int]:
    step = RecognizeEntities(EntitySettings())
    list(step.run(articles[:5], Stats()))  # load the model outside the timing
    started = time.perf_counter()
    stats = Stats()
    annotated = list(step.run(articles, stats))
    return annotated, time.perf_counter() - started, stats["mentions"]


SYLLABLES = ["ka", "ta", "ri", "mo", "ven", "lus", "dor", "an", "el", "sa", "ni", "ko", "bar", "tel", "os", "mi"]


def invented_name(seed: str) -> str:
    rng = random.Random(seed)
    word = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()  # noqa: E731
    return f"{word()} {word()}"


def variant(name: str, rng: random.Random) -> str:
    """Name order swapped, an initial, or a letter dropped: the spellings resolution must bring together."""
    given, family = name.split(" ", 1)
    roll = rng.random()
    if roll < 0.1:
        return f"{family} {given}"
    if roll < 0.15:
        return f"{given[0]}. {family}"
    if roll < 0.2 and len(family) > 4:
        cut = rng.randrange(1, len(family) - 1)
        return f"{given} {family[:cut]}{family[cut + 1 :]}"
    return name


def scaled_corpus(annotated: list[Article], gold: dict, n: int, seed: int) -> Corpus:
    """`n` articles: copies of the annotated ones, each round with its own invented people and stories.

    Person names are replaced per round (shared by three rounds, so the same
    people recur across stories) and sometimes respelled; the article text is
    rebuilt from the mentions so offsets still hold.
    """
    rng = random.Random(seed)
    articles = {}
    for number in range(n):
        source = annotated[number % len(annotated)]
        round_ = number // len(annotated)
        article = copy.deepcopy(source)
        article.id = f"{source.id}-{round_}"
        article.story_id = f"{gold['story'].get(source.id, source.id)}-{round_}"
        pieces, offset = [], 0
        for mention in article.mentions:
            if mention.label == "PERSON" and mention.kind == "name" and round_ > 0:
                mention.text = variant(invented_name(f"{mention.text}/{round_ // 3}"), rng)
            mention.article_id = article.id
            mention.start, mention.end = offset, offset + len(mention.text)
            pieces.append(mention.text)
            offset = mention.end + 1
        article.text = " ".join(pieces)
        articles[article.id] = article
    return Corpus(articles=articles)


def naive_pairs_seconds(corpus: Corpus, sample: int = 20000) -> tuple[float, int]:
    """Time per pair of comparing person nodes without blocking, extrapolated to all pairs."""
    nodes = [node for node in collect_alias_nodes(list(corpus.articles.values())).values() if node.is_person]
    pairs = list(combinations(nodes, 2))
    sampled = pairs[:sample]
    started = time.perf_counter()
    for node_a, node_b in sampled:
        transliteration_match(node_a.surface, node_b.surface)
        different_people(node_a.key, node_b.key)
    elapsed = time.perf_counter() - started
    return elapsed * len(pairs) / max(1, len(sampled)), len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="articles to resolve")
    parser.add_argument("--recognize", type=int, default=300, help="articles to run NER on")
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()

    articles, gold = generate_corpus(options.recognize, seed=options.seed)
    annotated, seconds, mentions = recognize(articles)
    print(
        f"recognition: {len(annotated)} articles, {mentions} mentions in {seconds:.1f}s "
        f"= {len(annotated) / seconds:.1f} articles/s, {mentions / seconds:.0f} mentions/s (1 process)"
    )

    corpus = scaled_corpus(annotated, gold, options.n, options.seed)
    total_mentions = sum(len(a.mentions) for a in corpus.articles.values())
    started = time.perf_counter()
    stats = Stats()
    ResolveEntities(EntitySettings()).run(corpus, stats)
    resolve_seconds = time.perf_counter() - started
    print(
        f"resolution: {options.n} articles, {total_mentions} mentions, {stats['alias_nodes']} alias nodes -> "
        f"{stats['entities']} entities, {stats['merges']} merges in {resolve_seconds:.2f}s"
    )
    print("  merges by rule: " + ", ".join(f"{k[7:]}={v}" for k, v in sorted(stats.items()) if k.startswith("merges_")))
    baseline_seconds, pairs = naive_pairs_seconds(corpus)
    print(f"baseline (all pairs of person nodes, no blocking): {pairs} pairs, ~{baseline_seconds:.1f}s extrapolated")


if __name__ == "__main__":
    main()
