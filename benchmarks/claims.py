"""Claims benchmark: stance on fnc1-dev through `storylens stance`, and claim extraction / alignment speed.

1. **Stance** (does a body support, contradict or discuss a headline's claim?): the fnc1-dev pairs are written to a
   temporary JSONL file as {id, claim: headline, text: body} lines and run through the `storylens stance` command;
   its stances map to FNC-1 labels (supports = agree, contradicts = disagree, discusses = discuss, unrelated) and
   are scored by the data folder's own `score.py`. Beside it, in the same run, the folder's `baseline.py`
   (majority class and TF-IDF cosine + threshold, needs scikit-learn) prints its figures. With `--cv`, the stance
   thresholds are also chosen by 5-fold cross-validation over bodies and the held-out predictions scored, so the
   figure with the default settings (chosen looking at this sample) can be told from what to expect on new data.
2. **Speed** on a synthetic story of 500 news-length articles (`synthetic_news.generate_corpus`): claims per second
   of the claims step (after the time step, whose own time is printed as the baseline), and the time to align all
   their claims as one story (`AlignClaims`), beside the time it takes only to embed those claims.

Data is read from `<repo>/../shared/data/fnc1-dev` (override with `--data`); nothing of it is copied.
Figures on a shared machine are noisy: compare with the baseline lines of the same run.

    .venv/bin/python benchmarks/claims.py [--data DIR] [--limit N] [--articles 500] [--cv]
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


CV_GRID = {
    "tfidf_related": (0.04, 0.06, 0.08, 0.1),
    "related_threshold": (0.45, 0.5, 0.55, 0.6),
    "refuting_cues": (1, 2, 3),
    "distance_threshold": (0.2, 0.4, 0.6, 0.8, 1.0),
}
FOLDS = 5


def quick_score(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    """(FNC relative score, macro-F1 over the four classes): the data folder's score.py, in-process, for choosing
    settings inside a cross-validation fold (the pooled held-out predictions are scored by score.py itself)."""
    earned = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        earned += 0.25 * ((g == "unrelated") == (p == "unrelated")) + 0.75 * (g == p != "unrelated")
    f1 = []
    for label in ("agree", "disagree", "discuss", "unrelated"):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        wrong = sum((g == label) != (p == label) for g, p in zip(gold, predicted, strict=True))
        f1.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return earned / best, sum(f1) / len(f1)


def cross_validate(data: Path, limit: int | None, workdir: Path) -> list[str]:
    """Stance thresholds chosen by 5-fold cross-validation over bodies (no body in two folds): each fold is
    predicted with the settings that score best (FNC + macro-F1) on the other four. The evidence of each pair is
    read once (the same `StanceReader` as `storylens stance`, word weights from the whole batch, which uses no
    label); only the cheap decision is repeated per setting."""
    import dataclasses
    import itertools
    import random

    from storylens.steps.claim_stance import StanceReader
    from storylens.steps.claims import ClaimSettings

    pairs = []
    with gzip.open(data / "pairs.jsonl.gz", "rt", encoding="utf-8") as source:
        for line in source:
            if limit is not None and len(pairs) >= limit:
                break
            pairs.append(json.loads(line))
    reader = StanceReader()
    reader.fit_weights(text for pair in pairs for text in (pair["headline"], pair["body"]))
    evidence = [reader.evidence(pair["headline"], pair["body"], "en") for pair in pairs]
    gold = [pair["stance"] for pair in pairs]
    bodies = sorted({pair["body_id"] for pair in pairs})
    random.Random(17).shuffle(bodies)
    fold_of = {body: index % FOLDS for index, body in enumerate(bodies)}
    candidates = [
        dataclasses.replace(ClaimSettings(), **dict(zip(CV_GRID, values, strict=True)))
        for values in itertools.product(*CV_GRID.values())
    ]
    labels = []
    for settings in candidates:
        reader.settings = settings
        labels.append([FNC_LABEL[reader.decide(item).stance] for item in evidence])
    predictions: dict[str, str] = {}
    lines = []
    for fold in range(FOLDS):
        train = [i for i, pair in enumerate(pairs) if fold_of[pair["body_id"]] != fold]
        best = max(
            range(len(candidates)),
            key=lambda c: sum(quick_score([gold[i] for i in train], [labels[c][i] for i in train])),
        )
        chosen = {name: getattr(candidates[best], name) for name in CV_GRID}
        lines.append(f"  fold {fold + 1}: {chosen}")
        for i, pair in enumerate(pairs):
            if fold_of[pair["body_id"]] == fold:
                predictions[pair["id"]] = labels[best][i]
    path = workdir / "cv-predictions.json"
    path.write_text(json.dumps(predictions), encoding="utf-8")
    return [describe("storylens stance, thresholds by 5-fold CV over bodies", score(data, path)), *lines]


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
    parser.add_argument("--cv", action="store_true", help="also choose the stance thresholds by 5-fold CV over bodies")
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
        if options.cv:
            with tempfile.TemporaryDirectory() as workdir:
                for line in cross_validate(options.data, options.limit, Path(workdir)):
                    print(line)
        print("baselines (the data folder's baseline.py, same run):")
        print(run_baseline(options.data))
    if not options.skip_speed:
        for line in speed(options.articles):
            print(line)


if __name__ == "__main__":
    main()
