"""Benchmark time expressions and timelines: quality beside dateparser, speed, and the demo corpus.

Prints, in one run:
1. the gold table (tests/fixtures/time/sentences.yaml) scored for storylens rules and for
   `dateparser.search.search_dates` (the rule-based reference) with the same publication dates: value accuracy
   (gold expression found, overlapping span, same TIMEX3 value). dateparser returns datetimes, so its values are
   compared at the precision the gold asks for (a gold "2023-05" counts if dateparser's date is in May 2023);
2. speed: expressions per second for both on the gold sentences repeated `--n` times;
3. the demo corpus (src/storylens/demo), when present: time-expression value accuracy against gold.json, planted
   timeline events found on the right date, and the planted date conflict flagged.

Usage: python benchmarks/timeline.py [--n 20]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from storylens.model import Article, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.time_expressions import find_time_expressions, time_expressions_of
from storylens.steps.timeline import BuildTimeline

ROOT = Path(__file__).resolve().parent.parent
GOLD_TABLE = ROOT / "tests" / "fixtures" / "time" / "sentences.yaml"
DEMO = ROOT / "src" / "storylens" / "demo"


def gold_expressions(sentence: dict[str, Any]) -> list[tuple[int, int, str | None]]:
    spans, cursor = [], 0
    for expected in sentence["expect"]:
        start = sentence["text"].index(str(expected[0]), cursor)
        cursor = start + len(str(expected[0]))
        spans.append((start, cursor, expected[1]))
    return spans


def storylens_found(sentence: dict[str, Any]) -> list[tuple[int, int, str | None]]:
    found = find_time_expressions(sentence["text"], sentence["published"], sentence["language"])
    return [(f.start, f.end, f.value) for f in found]


def dateparser_found(sentence: dict[str, Any]) -> list[tuple[int, int, str | None]]:
    """search_dates spans (first occurrence of each matched string) and ISO datetimes."""
    from datetime import datetime

    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if sentence["published"]:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(sentence["published"])
    results = search_dates(sentence["text"], languages=[sentence["language"]], settings=settings) or []
    found, cursor = [], 0
    for text, moment in results:
        start = sentence["text"].find(text, cursor)
        if start < 0:
            start = sentence["text"].find(text)
        cursor = start + len(text)
        found.append((start, start + len(text), moment.isoformat()))
    return found


def value_matches(gold: str | None, predicted: str | None, lenient_datetime: bool) -> bool:
    if gold == predicted:
        return True
    if lenient_datetime and gold and predicted and gold[:4].isdigit():
        return predicted.startswith(gold.split("T")[0]) and "W" not in gold and "Q" not in gold
    return False


def score(sentences: list[dict[str, Any]], finder: Any, lenient: bool) -> dict[str, float]:
    gold_total = right = found_total = spurious = 0
    for sentence in sentences:
        gold = gold_expressions(sentence)
        found = finder(sentence)
        gold_total += len(gold)
        found_total += len(found)
        for start, end, value in gold:
            right += any(s < end and start < e and value_matches(value, v, lenient) for s, e, v in found)
        spurious += sum(not any(s < ge and gs < e for gs, ge, _ in gold) for s, e, _ in found)
    return {
        "gold": gold_total,
        "value_accuracy": right / gold_total,
        "found": found_total,
        "spurious": spurious,
        "precision": 1 - spurious / max(found_total, 1),
    }


def speed(sentences: list[dict[str, Any]], finder: Any, repeats: int) -> float:
    start = time.perf_counter()
    count = 0
    for _ in range(repeats):
        for sentence in sentences:
            count += len(finder(sentence))
    return count / (time.perf_counter() - start)


def demo_articles() -> tuple[dict[str, Article], dict[str, Any]]:
    """Demo articles keyed by their gold id (file name or record id), with gold language and copy links."""
    from storylens.ingest.readers import read_inputs

    gold = json.loads((DEMO / "gold.json").read_text(encoding="utf-8"))
    articles: dict[str, Article] = {}
    for item in read_inputs([DEMO / "corpus"]):
        if isinstance(item, Article):
            key = item.external_id or Path(item.source).name
            if key in gold["articles"]:
                item.language = item.language or gold["articles"][key]["language"]
                articles[key] = item
    for group in gold.get("copies") or []:  # lists of copies; the earliest published is the original
        members = sorted((articles[m] for m in group if m in articles), key=lambda a: a.published or "")
        for copy in members[1:]:
            copy.duplicate_of = members[0].id
    return articles, gold


def demo_report() -> None:
    articles, gold = demo_articles()
    for article in articles.values():
        article.time_expressions = time_expressions_of(article)
    right = total = 0
    misses = []
    for expected in gold["time_expressions"]:
        article = articles.get(expected["article"])
        if article is None:
            continue
        total += 1
        start = article.text.find(expected["text"])
        end = start + len(expected["text"])
        hit = any(t.start < end and start < t.end and t.value == expected["value"] for t in article.time_expressions)
        right += hit and start >= 0
        if not hit:
            got = [(t.text, t.value) for t in article.time_expressions if t.start < end and start < t.end]
            misses.append((expected["article"], expected["text"], expected["value"], got))
    print(f"demo time expressions: {right}/{total} values right ({right / max(total, 1):.2f})")
    for miss in misses[:40]:
        print("   miss", miss)

    timelines = {}
    for story_id, story in gold["stories"].items():
        members = [articles[a] for a in story["articles"] if a in articles]
        bundle = StoryBundle(Story(id=story_id, article_ids=[a.id for a in members]), members)
        timelines[story_id] = BuildTimeline().run(bundle, Stats()).story.timeline
    id_of = {key: article.id for key, article in articles.items()}
    found = 0
    for event in gold["timeline"]:
        wanted = {id_of[a] for a in event["articles"] if a in id_of}
        cited = {s.article_id for e in timelines[event["story"]] if e.date.startswith(event["date"]) for s in e.sources}
        hit = bool(wanted & cited)
        found += hit
        if not hit:
            print(f"   timeline miss {event['story']} {event['date']} {event['event']}")
    print(f"demo timeline: {found}/{len(gold['timeline'])} planted events on their date")
    for conflict in [c for c in gold["conflicts"] if c["kind"] == "date"]:
        dates = {v["value"] for v in conflict["values"]}
        flagged = [
            e
            for e in timelines[conflict["story"]]
            if e.conflict and e.date in dates and set(e.conflicting_dates) & dates
        ]
        print(
            f"demo date conflict '{conflict['about']}': {'flagged' if flagged else 'NOT flagged'}",
            [(e.date, e.conflicting_dates, e.text[:60]) for e in flagged],
        )
    conflicts = [(s, e.date, e.conflicting_dates, e.text[:70]) for s, t in timelines.items() for e in t if e.conflict]
    print(f"demo events flagged as conflicts: {len(conflicts)}")
    for row in conflicts:
        print("   ", row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20, help="repeat the gold sentences n times for the speed figure")
    args = parser.parse_args()
    sentences = yaml.safe_load(GOLD_TABLE.read_text(encoding="utf-8"))
    print(f"gold table: {len(sentences)} sentences")
    print("storylens rules      ", score(sentences, storylens_found, lenient=False))
    print("dateparser (lenient) ", score(sentences, dateparser_found, lenient=True))
    print(f"speed storylens:  {speed(sentences, storylens_found, args.n):9.0f} expressions/s")
    print(f"speed dateparser: {speed(sentences, dateparser_found, max(1, args.n // 10)):9.0f} expressions/s")
    if (DEMO / "gold.json").exists():
        demo_report()
    else:
        print("demo corpus not found: skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
