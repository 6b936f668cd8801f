"""Claims benchmark: stance on fnc1-dev through `storylens stance`, and claim extraction / alignment speed.

1. **Stance** (does a body support, contradict or discuss a headline's claim?): the fnc1-dev pairs are written to a
   temporary JSONL file as {id, claim: headline, text: body} lines and run through the `storylens stance` command;
   its stances map to FNC-1 labels (supports = agree, contradicts = disagree, discusses = discuss, unrelated) and
   are scored by the data folder's own `score.py`. Beside it, in the same run, the folder's `baseline.py`
   (majority class and TF-IDF cosine + threshold, needs scikit-learn) prints its figures.
2. **Speed** on a synthetic story of 500 news-length articles (`synthetic_news.generate_corpus`): claims per second
   of the claims step (after the time step, whose own time is printed as the baseline), and the time to align all
   their claims as one story (`AlignClaims`), beside the time it takes only to embed those claims.

Data is read from `<repo>/../shared/data/fnc1-dev` (override with `--data`); nothing of it is copied.
Figures on a shared machine are noisy: compare with the baseline lines of the same run.

    .venv/bin/python benchmarks/claims.py [--data DIR] [--limit N] [--articles 500]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

FNC_LABEL = {"supports": "agree", "contradicts": "disagree", "discusses": "discuss", "unrelated": "unrelated"}


def storylens_command() -> list[str]:
    executable = Path(sys.executable).parent / "storylens"
    return [str(executable)] if executable.exists() else [sys.executable, "-m", "storylens.cli"]


def run_stance(data: Path, limit: int | None, workdir: Path) -> tuple[Path, float, int]:
    """Write the pairs, run `storylens stance`, write {id: label} predictions; returns (path, seconds, pairs)."""
    pairs_path = workdir / "pairs.jsonl"
    count = 0
    with (
        gzip.open(data / "pairs.jsonl.gz", "rt", encoding="utf-8") as source,
        pairs_path.open("w", encoding="utf-8") as sink,
    ):
        for line in source:
            if limit is not None and count >= limit:
                break
            pair = json.loads(line)
            record = {"id": pair["id"], "claim": pair["headline"], "text": pair["body"], "language": "en"}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    started = time.perf_counter()
    completed = subprocess.run(
        [*storylens_command(), "stance", str(pairs_path), "--json"], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - started
    predictions = {}
    for line in completed.stdout.splitlines():
        record = json.loads(line)
        predictions[record["id"]] = FNC_LABEL[record["stance"]]
    predictions_path = workdir / "predictions.json"
    predictions_path.write_text(json.dumps(predictions), encoding="utf-8")
    return predictions_path, seconds, count


def score(data: Path, predictions: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, str(data / "score.py"), str(predictions), "--gold", str(data / "pairs.jsonl.gz")],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def describe(name: str, figures: dict) -> str:
    per_class = figures["per_class"]
    f1 = " ".join(f"{label} {per_class[label]['f1']:.3f}" for label in ("agree", "disagree", "discuss", "unrelated"))
    return (
        f"{name}: FNC relative {figures['fnc_relative']:.4f} | accuracy {figures['accuracy']:.4f} | "
        f"macro-F1 {figures['macro_f1']:.4f} | F1 {f1} | "
        f"related-vs-unrelated {figures['related_vs_unrelated_accuracy']:.4f}"
    )


def run_baseline(data: Path) -> str:
    try:
        completed = subprocess.run(
            [sys.executable, str(data / "baseline.py")], capture_output=True, text=True, check=True, cwd=data
        )
    except subprocess.CalledProcessError as error:
        return f"baseline.py failed (scikit-learn installed?): {error.stderr.strip().splitlines()[-1:]}"
    return completed.stdout.strip()


def speed(articles_count: int) -> list[str]:
    """Claims/second and alignment time on one synthetic story of `articles_count` articles."""
    from storylens.model import Story
    from storylens.pipeline import Stats, StoryBundle
    from storylens.steps.claim_compare import RuleComparer, masked_text
    from storylens.steps.claim_groups import AlignClaims
    from storylens.steps.claims import ExtractClaims
    from storylens.steps.time_expressions import FindTimeExpressions
    from synthetic_news import generate_corpus

    articles, _ = generate_corpus(articles_count, seed=7)
    started = time.perf_counter()
    articles = list(FindTimeExpressions().run(articles, Stats()))
    time_seconds = time.perf_counter() - started
    started = time.perf_counter()
    articles = list(ExtractClaims().run(articles, Stats()))
    claim_seconds = time.perf_counter() - started
    claims = [claim for article in articles for claim in article.claims]
    comparer = RuleComparer()
    started = time.perf_counter()
    comparer.embed([masked_text(claim) for claim in claims])
    embed_seconds = time.perf_counter() - started
    story = Story(id="bench", article_ids=[a.id for a in articles])
    stats = Stats()
    started = time.perf_counter()
    AlignClaims(comparer=RuleComparer()).run(StoryBundle(story, articles), stats)
    align_seconds = time.perf_counter() - started  # embeddings are cached by now: this is grouping + verdicts
    words = sum(len(a.text.split()) for a in articles)
    return [
        f"synthetic story: {len(articles)} articles, {words:,} words, {len(claims):,} claims",
        f"claims step: {len(claims) / claim_seconds:,.0f} claims/s, {len(articles) / claim_seconds:,.1f} articles/s "
        f"({claim_seconds:.2f} s) | baseline, time step on the same articles: {time_seconds:.2f} s",
        f"alignment of one {len(articles)}-article story: embed claims {embed_seconds:.2f} s + group and verdicts "
        f"{align_seconds:.2f} s = {embed_seconds + align_seconds:.2f} s; {len(story.claim_groups):,} groups "
        f"({stats['verdict:corroborated']} corroborated, {stats['verdict:conflicting']} conflicting)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "fnc1-dev")
    parser.add_argument("--limit", type=int, default=None, help="first N pairs only (a quick look)")
    parser.add_argument("--articles", type=int, default=500, help="articles in the synthetic story for the speed run")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-stance", action="store_true", help="only the speed run")
    options = parser.parse_args()
    if not options.skip_stance:
        if not (options.data / "pairs.jsonl.gz").exists():
            sys.exit(f"{options.data}: no pairs.jsonl.gz (give the fnc1-dev folder with --data)")
        with tempfile.TemporaryDirectory() as workdir:
            predictions, seconds, count = run_stance(options.data, options.limit, Path(workdir))
            figures = score(options.data, predictions)
        print(f"fnc1-dev: {count} pairs through `storylens stance` in {seconds:.1f} s ({count / seconds:.1f} pairs/s)")
        print(describe("storylens stance", figures))
        print("baselines (the data folder's baseline.py, same run):")
        print(run_baseline(options.data))
    if not options.skip_speed:
        for line in speed(options.articles):
            print(line)


if __name__ == "__main__":
    main()
