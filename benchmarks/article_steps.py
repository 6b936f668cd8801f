"""Per-step time of the article steps on real news, beside one bare spaCy NER pass over the same texts.

    python benchmarks/article_steps.py              # 200 ECB+ texts
    python benchmarks/article_steps.py --n 50       # quicker
    python benchmarks/article_steps.py --data ../shared/data/ecb-dev

Issue #20 measures `analyze` against one bare spaCy NER `nlp.pipe` pass; this script isolates the part of that
ratio the article steps own. In one process it runs the default pipeline's article steps (ingest, entities,
quotes, time, claims, story signals) over N ECB+ texts in executor-sized batches (each step over a whole
batch, so each step's wall and CPU clocks hold its own work only), and times a bare NER `nlp.pipe` over the
same cleaned texts before and after (their mean is the baseline: the machine may be shared, so the two are
measured side by side, in one run; CPU time is the steadier figure under load).
Models are loaded and warmed up on a few other texts first, so load time is left out of both.

The data lives outside the repository (`<repo root>/../shared/data/ecb-dev`, or `--data`); its own
`to_jsonl_input.py` turns the documents into storylens input lines in a temporary folder.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

import spacy

from storylens.config import build_pipeline
from storylens.ingest.readers import read_inputs
from storylens.ingest.steps import ingest_steps
from storylens.model import Article
from storylens.nlp import ENGLISH_MODEL
from storylens.pipeline import RunStats, run_article_steps

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ecb-dev"
BATCH = 32  # LocalExecutor's default batch size
WARM_UP = 8


def read_articles(data: Path, count: int) -> list[Article]:
    """The first `count` ECB+ documents as storylens articles (through the folder's converter and our reader)."""
    sys.path.insert(0, str(data))  # to_jsonl_input imports score.py by name
    spec = importlib.util.spec_from_file_location("to_jsonl_input", data / "to_jsonl_input.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{data}/to_jsonl_input.py: cannot be imported")
    converter = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(converter)
    with gzip.open(data / "docs.jsonl.gz", "rt", encoding="utf-8") as lines:
        docs = [json.loads(line) for _, line in zip(range(count), lines, strict=False)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.jsonl"
        path.write_text(
            "".join(json.dumps(converter.to_input_line(doc, False, False)) + "\n" for doc in docs), encoding="utf-8"
        )
        return [item for item in read_inputs([path]) if isinstance(item, Article)]


def run_steps(articles: list[Article]) -> tuple[RunStats, dict[str, list[float]], list[Article]]:
    """The article steps over `articles` in executor-sized batches, each step over a whole batch before the
    next (the same results as the streamed chain, and each step's clock holds only its own work): per-step
    stats, per-step [wall, CPU] seconds, annotated articles."""
    steps = build_pipeline().article_steps
    stats = RunStats()
    clocks: dict[str, list[float]] = {step.name: [0.0, 0.0] for step in steps}
    done: list[Article] = []
    for first in range(0, len(articles), BATCH):
        batch = articles[first : first + BATCH]
        for step in steps:
            started, cpu = time.perf_counter(), time.process_time()
            batch = list(step.run(batch, stats.for_step(step.name)))
            clocks[step.name][0] += time.perf_counter() - started
            clocks[step.name][1] += time.process_time() - cpu
        done.extend(batch)
    return stats, clocks, done


def bare_ner_seconds(texts: list[str]) -> tuple[float, float]:
    """One bare spaCy NER `nlp.pipe` pass over `texts` (the issue #20 yardstick), model loaded beforehand:
    (wall, CPU) seconds. CPU time is the steadier figure on a shared machine."""
    nlp = bare_ner()
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


_BARE: list[spacy.language.Language] = []


def bare_ner() -> spacy.language.Language:
    if not _BARE:
        nlp = spacy.load(ENGLISH_MODEL, disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
        _BARE.append(nlp)
    return _BARE[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ecb-dev folder")
    parser.add_argument("--n", type=int, default=200, help="articles to time (default 200)")
    args = parser.parse_args()
    if not (args.data / "to_jsonl_input.py").exists():
        raise SystemExit(f"{args.data}: no ECB+ folder here (to_jsonl_input.py missing); pass --data")
    articles = read_articles(args.data, args.n + WARM_UP)
    warm, timed = articles[: min(WARM_UP, len(articles) // 2)], articles[min(WARM_UP, len(articles) // 2) :]
    _, _, cleaned = run_steps(copy.deepcopy(warm))  # loads every model the steps use
    bare_ner_seconds([a.text for a in cleaned])
    # the cleaned texts from the ingest steps alone: running every step here would leave their parses cached
    texts = [a.text for a in run_article_steps(ingest_steps(), copy.deepcopy(timed)).articles]
    before = bare_ner_seconds(texts)
    _, clocks, done = run_steps(timed)
    after = bare_ner_seconds(texts)
    seconds, cpu = sum(c[0] for c in clocks.values()), sum(c[1] for c in clocks.values())
    bare, bare_cpu = (before[0] + after[0]) / 2, (before[1] + after[1]) / 2
    count = max(1, len(done))
    chars = sum(len(t) for t in texts)
    print(f"ECB+: {len(done)} articles, {chars / count:.0f} characters each on average; 1 process")
    print(f"  {'step':15s} {'wall':>7s} {'CPU':>7s}  ms/article")
    for name, (wall, step_cpu) in clocks.items():
        print(f"  {name:15s} {1000 * wall / count:7.2f} {1000 * step_cpu / count:7.2f}")
    print(f"  {'article steps':15s} {1000 * seconds / count:7.2f} {1000 * cpu / count:7.2f}")
    print(
        f"  {'bare NER pass':15s} {1000 * bare / count:7.2f} {1000 * bare_cpu / count:7.2f}"
        f"  (wall before {before[0]:.2f} s, after {after[0]:.2f} s)"
    )
    print(f"ratio article steps / bare NER: {seconds / bare:.2f} wall, {cpu / bare_cpu:.2f} CPU")


if __name__ == "__main__":
    main()
