"""Where PolNeAR's direct-attribution tokens are lost, by class (`polnear.py --misses N`).

Uses the data folder's own scorer objects (`score.py`: tokens, the aligner, the one-to-one greedy pairing), so
the missed tokens counted here are exactly the ones `content_recall_direct` misses. Each missed direct
attribution is put in one class:

- `split over our quotes`: the paired quote covers part of the gold content and other quotes of ours cover the
  rest: PolNeAR's one attribution is several of ours ("“…,” she said. “…”" is two sentences for us);
- `clause around the marks (ours <kind>)`: the gold content is a clause holding quoted words ("said the plan
  was “a farce” from the start") and ours covers only part of it;
- `longer than ours (ours <kind>)`: the gold content opens with a quotation mark and runs past our quote;
- `multi-paragraph`: the gold content spans a line break;
- `no quote: quoted words inside a clause` / `no quote: opens with a mark`: we report nothing over it (mostly
  scare quotes and titles PolNeAR folds into an attribution, and short quotes without a reporting clause);
- `taken by another gold`: our quote over it was paired with another attribution;
- `removed by the cleaner`: the words are not in the cleaned text (the headline line, boilerplate).

Text is printed at run time only, to read; nothing of it is stored.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

OPENING_MARK = re.compile(r"""\s*["“”„«»]""")


@dataclass
class Misses:
    """Missed direct tokens and attributions per class, with examples (doc id, gold text, our texts)."""

    direct_tokens: int = 0
    tokens: Counter[str] = field(default_factory=Counter)
    attributions: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[tuple[str, str, list[str]]]] = field(default_factory=lambda: defaultdict(list))


def miss_class(gold_text: str, ours: str | None, split: bool, only_split: bool, taken: bool) -> str:
    """The class of one partly or wholly missed direct attribution (see the module docstring)."""
    opens_with_mark = bool(OPENING_MARK.match(gold_text))
    if ours is None:
        if taken:
            return "taken by another gold"
        return "no quote: opens with a mark" if opens_with_mark else "no quote: quoted words inside a clause"
    if only_split:
        return "split over our quotes"
    if not opens_with_mark:
        return f"clause around the marks (ours {ours})"
    if "\n" in gold_text.strip():
        return f"multi-paragraph (ours {ours})"
    return f"longer than ours (ours {ours})" + (" + split" if split else "")


def report_tables(scorer: ModuleType, report: dict) -> tuple[dict, dict[str, dict], dict[str, list[dict]]]:
    """The report's entities (as the scorer reads them), its articles by external id, its quotes by article id."""
    articles = {article.get("external_id"): article for article in report.get("articles", [])}
    by_article: dict[str, list[dict]] = defaultdict(list)
    for quote in report.get("quotes", []):
        by_article[str(quote.get("article_id"))].append(quote)
    return scorer.entity_table(report), articles, by_article


def classify(scorer: ModuleType, report: dict, docs: list[dict], gold: dict) -> Misses:
    """Classify every direct gold attribution whose tokens the scorer does not all credit."""
    misses = Misses()
    entities, articles, by_article = report_tables(scorer, report)
    for doc in docs:
        if doc["id"] not in gold:
            continue
        classify_doc(scorer, doc, gold[doc["id"]], articles.get(doc["id"]), by_article, entities, misses)
    return misses


@dataclass
class PairedDoc:
    """One article's quotes as the scorer reads them, paired with the article's gold attributions by the
    scorer's own greedy pairing: what both miss reports (this file and `polnear_causes.py`) start from."""

    aligner: Any
    kept: list[dict]  # our quotes outside the discard spans, in text order
    predictions: list[Any]  # the scorer's reading of `kept`
    paired: dict[int, int]  # gold attribution index -> prediction index


def pair_doc(
    scorer: ModuleType, gold_doc: Any, article: dict | None, by_article: dict[str, list[dict]], entities: dict
) -> PairedDoc:
    quotes = sorted(by_article.get(str(article["id"]), []) if article else [], key=lambda q: (q["start"], q["end"]))
    aligner = scorer.TokenAligner(article.get("text") if article else None, gold_doc)
    kept = [q for q in quotes if not ((t := aligner.gold_tokens(q["start"], q["end"])) and t <= gold_doc.discard)]
    predictions = scorer.predictions_for(article, quotes, entities, gold_doc, scorer.Tally()) if article else []
    overlaps = [
        (len(a.content & p.tokens), g, j)
        for g, a in enumerate(gold_doc.attributions)
        for j, p in enumerate(predictions)
        if a.content & p.tokens
    ]
    return PairedDoc(aligner, kept, predictions, {g: j for _, g, j in scorer.pair_greedily(overlaps)})


def direct_attributions(
    pairing: PairedDoc, gold_doc: Any, doc: dict
) -> Iterator[tuple[Any, dict, int | None, frozenset[int]]]:
    """Each direct gold attribution with its raw record, the prediction paired with it (or None) and the gold
    tokens of its content that prediction does not cover."""
    for index, (attribution, raw) in enumerate(zip(gold_doc.attributions, doc["attributions"], strict=True)):
        if attribution.direct:
            j = pairing.paired.get(index)
            covered = pairing.predictions[j].tokens if j is not None else frozenset()
            yield attribution, raw, j, frozenset(attribution.content - covered)


def classify_doc(
    scorer: ModuleType,
    doc: dict,
    gold_doc: Any,
    article: dict | None,
    by_article: dict[str, list[dict]],
    entities: dict,
    misses: Misses,
) -> None:
    pairing = pair_doc(scorer, gold_doc, article, by_article, entities)
    kept, predictions = pairing.kept, pairing.predictions
    in_cleaned = None if pairing.aligner.identical else set(pairing.aligner.to_gold.values())
    for attribution, raw, j, missed in direct_attributions(pairing, gold_doc, doc):
        misses.direct_tokens += len(attribution.content)
        if not missed:
            continue
        gold_text = doc["text"][raw["content"]["start"] : raw["content"]["end"]]
        others = [p.tokens for k, p in enumerate(predictions) if k != j and p.tokens & missed]
        if in_cleaned is not None and not missed & in_cleaned:
            name = "removed by the cleaner"
        else:
            rest = missed - frozenset().union(*others) if others else missed
            ours = kept[j]["kind"] if j is not None else None
            name = miss_class(gold_text, ours, bool(others), bool(others) and not rest, bool(others))
        misses.tokens[name] += len(missed)
        misses.attributions[name] += 1
        texts = [kept[k]["text"] for k, p in enumerate(predictions) if p.tokens & attribution.content]
        misses.examples[name].append((doc["id"], gold_text, texts))


def print_misses(misses: Misses, examples: int, seed: int = 1) -> None:
    """The class table (missed tokens as a share of all direct tokens), then `examples` random cases each."""
    total = max(1, misses.direct_tokens)
    lost = sum(misses.tokens.values())
    print(f"direct gold tokens {misses.direct_tokens}: missed {lost} ({lost / total:.3f})")
    for name, tokens in misses.tokens.most_common():
        print(f"  {name:45s} {tokens:6d} tokens ({tokens / total:.3f})  {misses.attributions[name]:5d} attributions")
    chooser = random.Random(seed)
    for name, cases in misses.examples.items():
        if not examples:
            break
        print(f"\n== {name}")
        for doc_id, gold_text, ours in chooser.sample(cases, min(examples, len(cases))):
            print(f"- {doc_id[:48]}\n    gold: {gold_text[:300]!r}")
            for text in ours:
                print(f"    ours: {text[:200]!r}")
