"""Entity recognition per language, measured by its effect on same-story decisions (SemEval-2022 Task 8 pairs).

No NER gold exists for these texts, so recognition is judged by what it is for: two
articles of one story should share actors, two articles of different stories should not.
For every pair of `../shared/data/semeval22-train/pairs.jsonl.gz` with a gold label, both
texts go through the entity step (`RecognizeEntities`); the score of a pair is the overlap
of their folded name mentions (shared names / names of the article with fewer). Printed per
language of monolingual pairs: names per article and the AUC of that overlap for telling
same-story from different-story pairs (0.5 = chance), for each configuration:

  fallback   capitalized-span fallback everywhere (no model)
  default    the entity step's settings (English and French models, fallback elsewhere)

Run it also against another checkout (`PYTHONPATH=/other/src python benchmarks/real/entity_languages.py`)
to compare code versions on the same pairs; settings that checkout lacks are left out.

    python benchmarks/real/entity_languages.py [--data DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import time
from collections import defaultdict
from pathlib import Path

from storylens.model import Article
from storylens.pipeline import Stats
from storylens.steps.entities import EntitySettings, RecognizeEntities
from storylens.steps.names import fold

REPO = Path(__file__).resolve().parents[2]


def settings_of(**values: object) -> EntitySettings:
    """EntitySettings with the given values, leaving out fields this checkout does not have."""
    known = {field.name for field in dataclasses.fields(EntitySettings)}
    return EntitySettings(**{key: value for key, value in values.items() if key in known})  # type: ignore[arg-type]


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a same-story pair scores above a different-story pair (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def names_of(articles: dict[str, Article], settings: EntitySettings) -> tuple[dict[str, set[str]], float]:
    started = time.perf_counter()
    done = RecognizeEntities(settings).run(list(articles.values()), Stats())
    names = {
        article.id: {fold(m.text) for m in article.mentions if m.kind == "name" and fold(m.text)} for article in done
    }
    return names, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "semeval22-train")
    args = parser.parse_args()
    path = args.data / "pairs.jsonl.gz"
    if not path.exists():
        raise SystemExit(f"{args.data}: no pairs.jsonl.gz here (pass --data)")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle]
    pairs = [p for p in pairs if p["gold"] in ("same", "different") and p["lang1"] == p["lang2"]]
    articles: dict[str, Article] = {}
    for pair in pairs:
        for side in ("1", "2"):
            article_id = str(pair["id" + side])
            articles[article_id] = Article(
                id=article_id, text=pair["text" + side], source="semeval", language=pair["lang" + side]
            )
    configurations = {
        "fallback": settings_of(ner_languages=(), language_models=()),
        "default": settings_of(),
    }
    print(f"semeval22-train: {len(pairs)} monolingual gold pairs, {len(articles)} articles")
    results = {}
    for name, settings in configurations.items():
        names, seconds = names_of(articles, settings)
        results[name] = names
        print(f"{name}: {seconds:.1f} s ({len(articles) / seconds:.0f} articles/s)")
    by_language: dict[str, list[dict]] = defaultdict(list)
    for pair in pairs:
        by_language[pair["lang1"]].append(pair)
    header = "".join(f"  {name:>8} names/art  AUC" for name in results)
    print(f"{'lang':<6}{'pairs':>6}{header}")
    for language, group in sorted(by_language.items()):
        cells = []
        for names in results.values():
            ids = {str(p["id1"]) for p in group} | {str(p["id2"]) for p in group}
            per_article = sum(len(names[i]) for i in ids) / len(ids)
            same, different = [], []
            for pair in group:
                first, second = names[str(pair["id1"])], names[str(pair["id2"])]
                overlap = len(first & second) / min(len(first), len(second)) if first and second else 0.0
                (same if pair["gold"] == "same" else different).append(overlap)
            cells.append(f"  {per_article:>18.1f}  {auc(same, different):.3f}")
        print(f"{language:<6}{len(group):>6}{''.join(cells)}")


if __name__ == "__main__":
    main()
