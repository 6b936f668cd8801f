"""Main-text extraction on real pages: storylens beside trafilatura, scored in the same run.

Runs on extraction-dev (`../shared/data/extraction-dev`: 322 real pages from L3S-GN1 news,
Mozilla Readability's test pages, WCXB news and Chinese news, each with a gold article body)
and scores with that set's own `score.py` (4-token shingle F1 per page, macro-averaged).

* storylens reads the raw page bytes through the ordinary reader (`read_bytes`), so charset
  sniffing, format detection and error reasons are part of what is measured;
* trafilatura (default settings) gets the HTML already decoded with the gold `encoding`
  field, which is the set's published baseline ("str") and the easier task.

It also checks cleaning: every gold sentence that survives extraction must survive
`clean_text` too (cleaning may only remove what is not article text).

    python benchmarks/real/extraction.py                 # overall and per-set figures
    python benchmarks/real/extraction.py --worst 20      # also the 20 lowest-scoring pages
    python benchmarks/real/extraction.py --save out.json # storylens predictions as {id: text}
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import trafilatura

from storylens.ingest.clean import clean_text
from storylens.ingest.readers import ReadSettings, read_bytes
from storylens.model import Article, ErrorRecord

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction-dev"
TOKEN = re.compile(r"\w+")
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])|\n+")
MIN_SENTENCE_TOKENS = 4


@dataclass
class Run:
    """One extractor's output on every page, with failures and time spent."""

    texts: dict[str, str] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def load_scorer(data: Path) -> ModuleType:
    """The data set's own score.py, so the figures are the ones the set defines."""
    spec = importlib.util.spec_from_file_location("extraction_dev_score", data / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {data}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_bytes(data: Path, page_id: str) -> bytes:
    return gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())


def run_storylens(data: Path, gold: dict[str, dict]) -> tuple[Run, dict[str, Article]]:
    """storylens' reader on the raw bytes of every page."""
    run, articles, settings = Run(), {}, ReadSettings()
    for page_id in gold:
        raw = page_bytes(data, page_id)
        started = time.perf_counter()
        items = list(read_bytes(raw, f"{page_id}.html", f"{page_id}.html", settings))
        run.seconds += time.perf_counter() - started
        article = next((item for item in items if isinstance(item, Article)), None)
        if article is None:
            errors = [item.error for item in items if isinstance(item, ErrorRecord)]
            run.failures[page_id] = "; ".join(errors) or "no output"
            run.texts[page_id] = ""
            continue
        articles[page_id] = article
        run.texts[page_id] = article.text
    return run, articles


def run_trafilatura(data: Path, gold: dict[str, dict]) -> Run:
    """trafilatura.extract with default settings on the HTML decoded with the gold encoding."""
    run = Run()
    for page_id, record in gold.items():
        html = page_bytes(data, page_id).decode(record["encoding"], errors="replace")
        started = time.perf_counter()
        try:
            text = trafilatura.extract(html) or ""
        except Exception as error:  # a baseline failing on a page is recorded, not fatal
            text = ""
            run.failures[page_id] = f"{type(error).__name__}: {error}"
        run.seconds += time.perf_counter() - started
        if not text and page_id not in run.failures:
            run.failures[page_id] = "empty output"
        run.texts[page_id] = text
    return run


def token_line(text: str) -> str:
    return f" {' '.join(TOKEN.findall(text))} "


def gold_sentences(body: str) -> list[str]:
    """Gold sentences of at least MIN_SENTENCE_TOKENS tokens, as space-joined token strings."""
    sentences = []
    for sentence in SENTENCE_END.split(body):
        tokens = TOKEN.findall(sentence)
        if len(tokens) >= MIN_SENTENCE_TOKENS:
            sentences.append(" ".join(tokens))
    return sentences


def cleaning_losses(gold: dict[str, dict], articles: dict[str, Article]) -> tuple[int, int, list[tuple[str, str, str]]]:
    """(gold sentences surviving extraction, of those lost by cleaning, the lost ones with the removal reasons)."""
    survived, lost = 0, []
    for page_id, article in articles.items():
        extracted = token_line(article.text)
        result = clean_text(article.text, article.language, article.title)
        cleaned = token_line(result.text)
        for sentence in gold_sentences(gold[page_id]["articleBody"]):
            if f" {sentence} " not in extracted:
                continue
            survived += 1
            if f" {sentence} " not in cleaned:
                words = set(sentence.split())
                reasons = {r.reason for r in result.removals if words & set(TOKEN.findall(r.text))}
                lost.append((page_id, sentence, ", ".join(sorted(reasons)) or "?"))
    return survived, len(lost), lost


def summary_by_set(scorer: ModuleType, gold: dict[str, dict], texts: dict[str, str]) -> dict[str, dict]:
    result = scorer.evaluate(gold, texts)
    groups: dict[str, list] = defaultdict(list)
    for page_id, counts in result["per_page"].items():
        groups[gold[page_id]["source_set"]].append(counts)
    figures = {"all": scorer.summarise(result["per_page"].values())}
    figures.update({name: scorer.summarise(counts) for name, counts in sorted(groups.items())})
    return figures


def print_side_by_side(runs: dict[str, dict[str, dict]]) -> None:
    names = list(runs)
    print(f"{'set':<12} {'pages':>5}  " + "  ".join(f"{name + ' F1 (P/R)':>27}" for name in names))
    for group in runs[names[0]]:
        pages = runs[names[0]][group]["pages"]
        cells = []
        for name in names:
            s = runs[name][group]
            cells.append(f"{s['f1']:.4f} ({s['precision']:.3f}/{s['recall']:.3f})".rjust(27))
        print(f"{group:<12} {pages:>5}  " + "  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the extraction-dev folder")
    parser.add_argument("--worst", type=int, default=10, help="list this many lowest-scoring storylens pages")
    parser.add_argument("--only", help="only pages of this source set")
    parser.add_argument("--save", type=Path, help="write storylens predictions as JSON {id: text}")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        raise SystemExit(f"extraction-dev not found at {args.data} (use --data)")
    scorer = load_scorer(args.data)
    gold = scorer.load_gold(args.data / "ground-truth.json")
    if args.only:
        gold = {key: value for key, value in gold.items() if value["source_set"] == args.only}

    storylens, articles = run_storylens(args.data, gold)
    baseline = run_trafilatura(args.data, gold)
    cleaned = {
        page_id: clean_text(article.text, article.language, article.title).text for page_id, article in articles.items()
    }
    figures = {
        "storylens": summary_by_set(scorer, gold, storylens.texts),
        "trafilatura": summary_by_set(scorer, gold, baseline.texts),
        "storylens+clean": summary_by_set(scorer, gold, cleaned),
    }
    print(f"extraction-dev: {len(gold)} pages, shingle F1 (precision/recall), macro over pages")
    print_side_by_side(figures)
    pages = len(gold)
    print(
        f"speed: storylens {pages / storylens.seconds:.1f} pages/s (raw bytes, reader + metadata), "
        f"trafilatura {pages / baseline.seconds:.1f} pages/s (decoded str); same run, shared machine"
    )
    for name, run in (("storylens", storylens), ("trafilatura", baseline)):
        print(f"{name} failures: {len(run.failures)}")
        for page_id, reason in sorted(run.failures.items()):
            print(f"  {page_id}: {reason}")

    survived, lost, lost_sentences = cleaning_losses(gold, articles)
    print(f"cleaning: {survived} gold sentences survive extraction; {lost} of them lost by cleaning")
    for page_id, sentence, reasons in lost_sentences[:20]:
        print(f"  {page_id} [{reasons}]: {sentence[:100]}")

    per_page = scorer.evaluate(gold, storylens.texts)["per_page"]
    worst = sorted(per_page, key=lambda key: scorer.precision_of(*per_page[key]) + scorer.recall_of(*per_page[key]))
    if args.worst:
        print("lowest-scoring storylens pages (precision/recall; trafilatura F1):")
        traf = scorer.evaluate(gold, baseline.texts)["per_page"]
        for page_id in worst[: args.worst]:
            p, r = scorer.precision_of(*per_page[page_id]), scorer.recall_of(*per_page[page_id])
            tp, tr = scorer.precision_of(*traf[page_id]), scorer.recall_of(*traf[page_id])
            tf = 2 * tp * tr / (tp + tr) if tp + tr else 0.0
            print(f"  {page_id:<22} P {p:.3f} R {r:.3f}   trafilatura F1 {tf:.3f}")
    if args.save:
        args.save.write_text(json.dumps(storylens.texts, ensure_ascii=False, indent=1), encoding="utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
