"""Time expressions on TempEval-3 training news (TimeBank + AQUAINT), beside the dateparser baseline.

    python benchmarks/real/tempeval.py                 # all 256 docs, ingest + time step, both scorers
    python benchmarks/real/tempeval.py --full          # the whole `storylens analyze` run instead
    python benchmarks/real/tempeval.py --errors 50     # also list wrong values (gold vs ours) on stderr
    python benchmarks/real/tempeval.py --classes       # wrong values, misses and false hits by rough class

Data: `<repo>/../shared/data/tempeval-dev` (override with `--data`): its `to_jsonl_input.py` writes the input
lines (each with its document creation time as `published`), its `score.py` scores (value F1, relaxed and strict
span F1, type accuracy) and its `baseline.py` gives dateparser's expressions. Nothing from the data is copied into
the project.

What runs is what users run: the JSONL is read by storylens' own reader, the ingest steps (clean, language,
metadata) and then the "time" step run through `run_article_steps`, and the scorer reads the cleaned texts and
the step's spans. `--full` runs `storylens.api.analyze` end to end (every step; ~35 s) and scores its report.json.
Speed: the time step's own milliseconds (from the pipeline's per-step clock) and dateparser's wall time on the same
documents, in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from storylens.ingest.readers import read_file
from storylens.ingest.steps import ingest_steps
from storylens.model import Article
from storylens.pipeline import run_article_steps
from storylens.steps.time_expressions import FindTimeExpressions

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "tempeval-dev"


def data_module(data: Path, name: str) -> ModuleType:
    """Import one of the data set's own scripts (score.py, baseline.py, to_jsonl_input.py)."""
    if str(data) not in sys.path:
        sys.path.insert(0, str(data))
    return importlib.import_module(name)


def storylens_report(input_path: Path) -> tuple[dict[str, Any], float]:
    """Read the input JSONL, run ingest + time steps; (report-shaped dict, time step seconds)."""
    articles = [item for item in read_file(input_path) if isinstance(item, Article)]
    ingested = run_article_steps(ingest_steps(), articles)
    result = run_article_steps([FindTimeExpressions()], ingested.articles)
    seconds = result.stats.for_step("time")["ms"] / 1000
    return report_of(result.articles), seconds


def report_of(articles: list[Article]) -> dict[str, Any]:
    """The fields of report.json the scorer reads. Articles are keyed by their DOCID: storylens ids are content
    hashes, and two documents with the same text (a wire story filed twice, with two creation dates) would
    otherwise share one id and each be scored with the other's expressions too."""
    return {
        "articles": [{"id": key_of(a), "external_id": a.external_id, "text": a.text} for a in articles],
        "time_expressions": [
            {
                "article_id": key_of(a),
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "value": t.value,
                "type": t.type,
            }
            for a in articles
            for t in a.time_expressions
        ],
    }


def key_of(article: Article) -> str:
    return article.external_id or article.id


def full_run_report(input_path: Path, work: Path) -> tuple[dict[str, Any], float]:
    """`storylens analyze` end to end; (report.json, wall seconds of the whole run)."""
    from storylens.api import analyze

    started = time.perf_counter()
    result = analyze([input_path], work / "run", workers=1)
    return json.loads(result.report_path.read_text(encoding="utf-8")), time.perf_counter() - started


ERROR_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # matched in order against "gold text | gold value | our text | our value" (lower case); the first wins
    ("vague words (REF)", re.compile(r"_ref\b")),
    ("durations and sets", re.compile(r"\|\s*p[\dx.]|\|\s*pt|\bdaily\b|\bannually\b|\bevery\b|\beach\b")),
    ("year ago / quarters / periods", re.compile(r"quarter|year[- ](?:ago|earlier)|period|fiscal|\|\s*\d{4}-q")),
    ("weeks", re.compile(r"\bweek(?:end)?s?\b|-w\d|-wxx")),
    ("weekdays, parts of day", re.compile(r"day\b|night|morning|evening|afternoon|noon|[ap]\.m\b|t\d\d|t[mane][ovfi]")),
    ("years, decades, centuries", re.compile(r"\|\s*\d{2,4}x*\s*(?:\||$)|\d0s\b|decade|centur")),
)


def error_class(*fields: str | None) -> str:
    """A rough class for one error, from the gold and our text and value (whichever exist): enough to see which
    kind of expression a change moves, not a verdict on whose the error is."""
    joined = " | ".join((field or "").lower() for field in fields)
    return next((name for name, pattern in ERROR_CLASSES if pattern.search(joined)), "other")


def error_classes(scorer: ModuleType, ours: dict[str, Any], gold: dict[str, Any]) -> dict[str, Counter[str]]:
    """Wrong values, misses and false hits by `error_class`, paired the way the scorer pairs (one to one, identical
    extents first, then the largest overlap)."""
    counts: dict[str, Counter[str]] = {"wrong values": Counter(), "misses": Counter(), "false hits": Counter()}
    articles = {a["id"]: a for a in ours["articles"]}
    predicted: dict[str, list[dict[str, Any]]] = {}
    for item in ours["time_expressions"]:
        predicted.setdefault(item["article_id"], []).append(item)
    for doc_id, doc in gold.items():
        found = sorted(predicted.get(doc_id, []), key=lambda t: (t["start"], t["end"]))
        article = articles.get(doc_id)
        mapper = scorer.RangeMapper(article["text"] if article else None, doc.text)
        ranges = [mapper(t["start"], t["end"]) for t in found]
        pairs = scorer.pair_spans([(t["start"], t["end"]) for t in doc.timexes], ranges)
        for g, p in pairs:
            truth, guess = doc.timexes[g], found[p]
            if truth["value"] != guess.get("value"):
                counts["wrong values"][
                    error_class(truth["text"], truth["value"], guess["text"], guess.get("value"))
                ] += 1
        paired_gold, paired_found = {g for g, _ in pairs}, {p for _, p in pairs}
        for g, truth in enumerate(doc.timexes):
            if g not in paired_gold:
                counts["misses"][error_class(truth["text"], truth["value"])] += 1
        for p, guess in enumerate(found):
            if p not in paired_found:
                counts["false hits"][error_class(guess["text"], guess.get("value"))] += 1
    return counts


def print_error_classes(counts: dict[str, Counter[str]]) -> None:
    names = [name for name, _ in ERROR_CLASSES] + ["other"]
    print(f"{'class':<32} {'wrong values':>12} {'misses':>7} {'false hits':>10}")
    for name in [*names, "all"]:
        row = [sum(c.values()) if name == "all" else c[name] for c in counts.values()]
        print(f"{name:<32} {row[0]:>12d} {row[1]:>7d} {row[2]:>10d}")


def baseline_report(data: Path, docs: list[dict[str, Any]]) -> tuple[dict[str, Any], float]:
    """dateparser's `search_dates` with the DCT as RELATIVE_BASE (the data set's baseline.py, defaults)."""
    baseline = data_module(data, "baseline")
    started = time.perf_counter()
    expressions = [e for doc in docs for e in baseline.expressions_of(doc, {})]
    seconds = time.perf_counter() - started
    articles = [{"id": d["id"], "external_id": d["id"], "text": d["text"]} for d in docs]
    return {"articles": articles, "time_expressions": expressions}, seconds


def row(name: str, result: dict[str, Any], seconds: float) -> str:
    value, relaxed, strict = result["value"], result["relaxed"], result["strict"]
    type_accuracy = result.get("type_accuracy")
    return (
        f"{name:<22} {value['f1']:>8.3f} {value['precision']:>6.3f} {value['recall']:>6.3f} {relaxed['f1']:>10.3f}"
        f" {relaxed['precision']:>6.3f} {relaxed['recall']:>6.3f} {strict['f1']:>8.3f}"
        f" {type_accuracy if type_accuracy is not None else float('nan'):>6.3f} {result['predicted']:>6d}"
        f" {seconds:>8.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the tempeval-dev folder")
    parser.add_argument("--subcorpus", choices=["all", "TimeBank", "AQUAINT"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--full", action="store_true", help="run `storylens analyze` end to end")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N wrong values to stderr")
    parser.add_argument("--classes", action="store_true", help="count wrong values, misses, false hits by class")
    args = parser.parse_args()
    if not (args.data / "score.py").is_file():
        parser.error(f"{args.data}: no score.py here (pass the tempeval-dev folder with --data)")

    scorer = data_module(args.data, "score")
    converter = data_module(args.data, "to_jsonl_input")
    with gzip.open(args.data / "docs.jsonl.gz", "rt", encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines]
    docs = [d for d in docs if args.subcorpus in ("all", d["subcorpus"])][: args.limit]
    gold = scorer.gold_from_records(docs, "all")

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        input_path = work / "tempeval-dev.jsonl"
        with input_path.open("w", encoding="utf-8") as out:
            for doc in docs:
                out.write(json.dumps(converter.to_input_line(doc), ensure_ascii=False) + "\n")
        if args.full:
            ours, our_seconds = full_run_report(input_path, work)
            our_name = "storylens (analyze)"
        else:
            ours, our_seconds = storylens_report(input_path)
            our_name = "storylens time step"
    our_result, our_errors = scorer.score(ours, gold)

    print(f"tempeval-dev ({args.subcorpus}): {len(docs)} docs, {our_result['gold_timexes']} gold TIMEX3")
    print(
        f"{'':<22} {'value F1':>8} {'P':>6} {'R':>6} {'relaxed F1':>10} {'P':>6} {'R':>6} {'strict':>8}"
        f" {'type':>6} {'found':>6} {'seconds':>8}"
    )
    print(row(our_name, our_result, our_seconds))
    if not args.no_baseline:
        baseline, baseline_seconds = baseline_report(args.data, docs)
        baseline_result, _ = scorer.score(baseline, gold)
        print(row("dateparser baseline", baseline_result, baseline_seconds))
    seconds_label = "whole run" if args.full else "time step only"
    print(f"seconds: storylens {seconds_label}, dateparser search_dates; same machine, same run (shared: noisy)")
    if args.classes:
        print_error_classes(error_classes(scorer, ours, gold))
    for error in our_errors[: args.errors]:
        print(json.dumps(error, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
