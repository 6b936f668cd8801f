"""Quotes and speakers on real news: PolNeAR train+dev, scored beside the data folder's own baseline.

    python benchmarks/real/polnear.py                         # all 924 articles (train + dev)
    python benchmarks/real/polnear.py --split dev --limit 20  # a quick look
    python benchmarks/real/polnear.py --reuse out/polnear/storylens.db   # re-run only the quote steps

The data lives outside the repository (`<repo root>/../shared/data/polnear-dev`, or `--data`); nothing of
it is copied here. The script writes storylens input with the folder's `to_jsonl_input.py`, runs
`storylens.api.analyze` on it (the very code path `storylens analyze` runs), scores `report.json` with the
folder's `score.py`, and runs the folder's `baseline.py` (a quote-mark regex) in the same process, so the
two rows are measured on the same machine at the same time. It prints content token P/R/F1, recall of
direct and indirect attributions, source (speaker) accuracy and the quote step's own time per article.

`--misses N` classifies the missed direct-attribution tokens (`polnear_misses.py`: split over several of our
quotes, a clause around quoted words, no quote at all, ...) and prints N random cases of each class.

`--causes N` gives every missed direct token its cause (`polnear_causes.py`: marks the finder does not pair, a
quoted span the quote step drops and why, words outside the marks before, after or between them, ...).

`--config benchmarks/real/polnear-conventions.yaml` measures with PolNeAR's three annotation conventions (see
docs/quotes.md, "Conventions").

`--reuse DB` loads a store an earlier run wrote and re-runs only the quote steps (`ExtractQuotes` and
`GroupQuotes`, with the run's settings) over its analysed articles: the same quote code on the same entity
mentions, in a fraction of the time, for reading errors while changing quote rules.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from storylens.api import analyze
from storylens.config import Settings, load_settings
from storylens.pipeline import Stats, StoryBundle
from storylens.report.json import build_report
from storylens.steps.quote_groups import GroupQuotes
from storylens.steps.quotes import ExtractQuotes
from storylens.store import open_store

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear-dev"


def load_module(folder: Path, name: str) -> ModuleType:
    """Import `name`.py from the data folder (its scripts are standard-library only)."""
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))  # baseline.py imports score.py by name
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{folder / name}.py: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def write_input(data: Path, out: Path, split: str, limit: int | None) -> list[dict]:
    """storylens input JSONL for the chosen documents (through the folder's to_jsonl_input.py)."""
    converter = load_module(data, "to_jsonl_input")
    docs = read_docs(data, split, limit)
    with out.open("w", encoding="utf-8") as lines:
        for doc in docs:
            lines.write(json.dumps(converter.to_input_line(doc), ensure_ascii=False) + "\n")
    return docs


def read_docs(data: Path, split: str, limit: int | None) -> list[dict]:
    import gzip

    with gzip.open(data / "docs.jsonl.gz", "rt", encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines]
    return [doc for doc in docs if split in ("all", doc["split"])][:limit]


def rerun_quotes(db: Path, settings: Settings) -> tuple[dict, float, int]:
    """Re-run the quote steps over a stored corpus; the report, and the quote step's seconds and articles."""
    store = open_store(db)
    try:
        corpus = store.load_corpus()
    finally:
        store.close()
    stats = Stats()
    started = time.process_time()
    for _ in ExtractQuotes(settings.quotes).run(corpus.articles.values(), stats):
        pass
    seconds = time.process_time() - started  # CPU time: the machine may be shared
    grouping = GroupQuotes(settings.quotes)
    for story in corpus.stories.values():
        grouping.run(StoryBundle(story, corpus.articles_of(story)), Stats())
    return build_report(corpus, {"quotes": dict(stats)}), seconds, len(corpus.articles)


def row(name: str, result: dict, ms_per_article: float | None) -> str:
    content, source = result["content"], result["source"]
    speed = f" | quote step {ms_per_article:.1f} ms/article" if ms_per_article is not None else ""
    return (
        f"{name:10s} content P {content['precision']:.3f} R {content['recall']:.3f} F1 {content['f1']:.3f}"
        f" | recall direct {result['content_recall_direct']:.3f} indirect {result['content_recall_indirect']:.3f}"
        f" | source accuracy {source['accuracy']:.3f} ({source['correct']}/{source['scored']})"
        f" | quotes {result['predicted_quotes']}{speed}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the polnear-dev folder")
    parser.add_argument("--split", choices=["all", "train", "dev"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N documents of the split")
    parser.add_argument("--out", type=Path, default=None, help="run folder (default: a temporary one)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--reuse", type=Path, default=None, help="a store from an earlier run: quote steps only")
    parser.add_argument("--config", type=Path, default=None, help="a settings YAML, as for storylens analyze")
    parser.add_argument("--write-report", type=Path, default=None, help="save the scored report (for --reuse)")
    parser.add_argument("--json", action="store_true", help="also print the scorer's full JSON lines")
    parser.add_argument("--misses", type=int, default=None, help="classify missed direct tokens; N cases each")
    parser.add_argument("--causes", type=int, default=None, help="missed direct tokens by cause; N cases each")
    args = parser.parse_args()
    if not (args.data / "score.py").exists():
        raise SystemExit(f"{args.data}: no PolNeAR dev folder here (score.py missing); pass --data")
    scorer = load_module(args.data, "score")
    baseline = load_module(args.data, "baseline")
    docs = read_docs(args.data, args.split, args.limit)
    every = scorer.load_gold(args.data / "docs.jsonl.gz", args.split)
    gold = {doc["id"]: every[doc["id"]] for doc in docs if doc["id"] in every}
    settings: Settings = load_settings(args.config)

    if args.reuse is not None:
        report, seconds, articles = rerun_quotes(args.reuse, settings)
    else:
        out = args.out or Path(tempfile.mkdtemp(prefix="polnear-"))
        out.mkdir(parents=True, exist_ok=True)
        write_input(args.data, out / "input.jsonl", args.split, args.limit)
        result = analyze([out / "input.jsonl"], out, workers=args.workers, settings=settings)
        report = json.loads(result.report_path.read_text(encoding="utf-8"))
        seconds, articles = result.stats.get("quotes", {}).get("ms", 0) / 1000, result.articles
        print(f"run folder: {out}")
    if args.write_report is not None:
        args.write_report.write_text(json.dumps(report), encoding="utf-8")
    ours = scorer.score(report, gold)
    theirs = scorer.score(baseline.baseline_report(docs), gold)
    print(f"PolNeAR {args.split}: {len(gold)} articles, {sum(len(d.attributions) for d in gold.values())} attributions")
    print(row("storylens", ours, 1000 * seconds / max(1, articles)))
    print(row("baseline", theirs, None))
    if args.json:
        print(json.dumps({"storylens": ours, "baseline": theirs}))
    if args.misses is not None:
        from polnear_misses import classify, print_misses

        print_misses(classify(scorer, report, docs, gold), args.misses)
    if args.causes is not None:
        from polnear_causes import classify as causes_of
        from polnear_causes import print_causes

        print_causes(causes_of(scorer, report, docs, gold, settings.quotes), args.causes)


if __name__ == "__main__":
    main()
