"""Same-story pair decisions on the SemEval-2022 Task 8 training pairs (10 languages), beside the baseline.

    python benchmarks/real/semeval.py

All 1,862 articles go into one run (from the set's `to_jsonl_input.py`); a pair
is "same" when both articles end in one story. Scored by the set's
`score.py` (all gold pairs, and `--original-only`), and, with its functions,
on the cross-lingual gold pairs (the baseline's third line). `baseline.py`
tunes its char TF-IDF cosine threshold on the pairs it is scored on.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).parent))

from common import arguments, print_stats, run_baseline, run_storylens, score, write_input


def score_module(set_dir: Path) -> ModuleType:
    """The set's score.py as a module (its pair loading and decisions, reused for the cross-lingual subset)."""
    spec = importlib.util.spec_from_file_location("semeval_score", set_dir / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cross_lingual_scores(set_dir: Path, report: Path) -> dict[str, float]:
    scorer = score_module(set_dir)
    pairs = [p for p in scorer.load_pairs(set_dir / "pairs.jsonl.gz", False) if p["lang1"] != p["lang2"]]
    decisions, _ = scorer.decide(pairs, scorer.load_stories(report))
    return {name: round(value, 4) for name, value in scorer.pair_scores(decisions).items()} | {"pairs": len(decisions)}


def main() -> None:
    args = arguments(__doc__ or "", "storylens-real-semeval").parse_args()
    set_dir = args.data / "semeval22-train"
    input_path = args.work / "semeval-train.jsonl"
    write_input(set_dir, input_path)
    run = run_storylens(input_path, args.work / "run", args.config, args.workers, args.fresh)
    print_stats(run)
    report = run.records_report_path
    print(f"SemEval all gold pairs: storylens {json.dumps(score(set_dir, report))}")
    print(f"SemEval original pairs: storylens {json.dumps(score(set_dir, report, '--original-only'))}")
    print(f"SemEval cross-lingual pairs: storylens {json.dumps(cross_lingual_scores(set_dir, report))}")
    if not args.skip_baseline:
        print(run_baseline(set_dir))


if __name__ == "__main__":
    main()
