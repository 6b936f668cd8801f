"""Cross-script name matching on names-dev, beside the set's own baselines, in one run.

Runs the matcher the entity step uses (`storylens.steps.entities.matching.name_similarity`)
on every pair of `../shared/data/names-dev/pairs.jsonl.gz`, calls a pair "same" at the
threshold the resolution step uses (`EntitySettings.cross_script_similarity`), and scores
with the set's `score.py`: P/R/F1 overall and per script group, beside the set's baselines
(`build/run_baselines.py`: unidecode/pykakasi/pypinyin token Jaccard and character
trigrams), run here on the same pairs. When `unidecode` is not installed the baselines use
anyascii in its place (the same kind of table-driven transliteration; figures then differ
slightly from baseline.txt).

    python benchmarks/real/names.py [--data DIR] [--errors N] [--by group|kind|source]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
import types
from pathlib import Path
from typing import Any

from storylens.steps.entities.matching import name_similarity
from storylens.steps.entities.settings import EntitySettings

REPO = Path(__file__).resolve().parents[2]


def load_module(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def baseline_scores(folder: Path, pairs: list[dict]) -> dict[str, list[float]]:
    """The set's three baselines on the same pairs (anyascii standing in for unidecode when it is missing)."""
    try:
        import unidecode  # noqa: F401
    except ImportError:
        from anyascii import anyascii

        sys.modules["unidecode"] = types.SimpleNamespace(unidecode=anyascii)  # type: ignore[assignment]
    runner = load_module(folder / "build" / "run_baselines.py", "names_dev_baselines")
    naive, roman, tri = [], [], []
    for pair in pairs:
        naive.append(runner.jaccard(set(runner.ascii_tokens(pair["a"])), set(runner.ascii_tokens(pair["b"]))))
        tokens_a = runner.romanized_tokens(pair["a"], "en")
        tokens_b = runner.romanized_tokens(pair["b"], pair["lang_b"])
        score = runner.jaccard(set(tokens_a), set(tokens_b))
        if pair["lang_b"] == "zh":
            split_a = runner.romanized_tokens(pair["a"], "en", joined=False)
            split_b = runner.romanized_tokens(pair["b"], "zh", joined=False)
            score = max(score, runner.jaccard(set(split_a), set(split_b)))
        roman.append(score)
        tri.append(runner.jaccard(runner.trigrams(tokens_a), runner.trigrams(tokens_b)))
    return {"unidecode_jaccard": naive, "romanized_jaccard": roman, "romanized_trigram": tri}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "names-dev")
    parser.add_argument("--by", default="group", choices=["group", "kind", "source", "lang_b"])
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong pairs per group")
    args = parser.parse_args()
    if not (args.data / "pairs.jsonl.gz").exists():
        raise SystemExit(f"{args.data}: no pairs.jsonl.gz here (pass --data)")
    scorer = load_module(args.data / "score.py", "names_dev_score")
    with gzip.open(args.data / "pairs.jsonl.gz", "rt", encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle]

    threshold = EntitySettings().cross_script_similarity
    started = time.perf_counter()
    scores = [name_similarity(pair["a"], pair["b"]) for pair in pairs]
    elapsed = time.perf_counter() - started
    calls = [1.0 if score >= threshold else 0.0 for score in scores]  # score.py cuts at 0.5

    results = {"storylens": scorer.evaluate(pairs, calls, args.by)}
    raw = scorer.evaluate(pairs, scores, args.by)
    started_baselines = time.perf_counter()
    for name, values in baseline_scores(args.data, pairs).items():
        results[name] = scorer.evaluate(pairs, values, args.by)
    baseline_seconds = time.perf_counter() - started_baselines

    print(f"names-dev: {len(pairs)} pairs; storylens name_similarity at threshold {threshold} (the entity step's)")
    print(f"storylens {elapsed:.1f} s ({1000 * elapsed / len(pairs):.2f} ms/pair); baselines {baseline_seconds:.1f} s")
    print(
        f"storylens raw scores, threshold tuned on this set (optimistic): {raw['best_threshold']:.3f} "
        f"F1 {raw['at_best']['f1']:.4f}"
    )
    header = f"{'':<28}" + "".join(f"{name:>26}" for name in results)
    print(header)

    def row(label: str, figures: list[dict]) -> str:
        cells = "".join(f"  P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}" for f in figures)
        return f"{label:<28}{cells}"

    print(row("all", [r["at_0.5"] for r in results.values()]))
    for group in results["storylens"]["per_group"]:
        figures = [r["per_group"][group]["at_0.5"] for r in results.values()]
        if results["storylens"]["per_group"][group]["positives"] == 0:
            counts = "".join(f"{f['fp']:>20} called same" for f in figures)
            print(f"{group:<28}{counts}")
        else:
            print(row(group, figures))
    if args.errors:
        print_errors(pairs, scores, threshold, args.errors)


def print_errors(pairs: list[dict], scores: list[float], threshold: float, count: int) -> None:
    """The first wrong calls per script group, to read the errors by class."""
    shown: dict[tuple[str, bool], int] = {}
    for pair, score in zip(pairs, scores, strict=True):
        called = score >= threshold
        if called == pair["same"]:
            continue
        key = (pair["lang_b"] if pair["kind"].startswith("cross") else "latin", bool(pair["same"]))
        if shown.get(key, 0) >= count:
            continue
        shown[key] = shown.get(key, 0) + 1
        kind = "missed" if pair["same"] else "false"
        print(f"{key[0]:<6} {kind:<6} {score:.2f}  {pair['a']}  |  {pair['b']}")


if __name__ == "__main__":
    main()
