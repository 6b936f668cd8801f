"""Stories on the OG2021 headline stream (4,770 titles, 9 languages, timestamps), beside its baselines.

    python benchmarks/real/og2021.py
    python benchmarks/real/og2021.py --languages eng,spa --skip-baseline

Input from the set's `to_jsonl_input.py` (text = title: the set has no bodies),
scored by its `score.py` (B-cubed of story_id vs the gold event). Printed
beside `baseline.py` (char TF-IDF + average linkage, threshold tuned on this
data, and Event Registry's own events). `by record` counts every input
record (712 titles repeat another record's exactly and are one article in
storylens); `articles only` is score.py on the report as written, where the
records merged into another's article count as missing singletons.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import arguments, print_stats, run_baseline, run_storylens, score, write_input


def main() -> None:
    parser = arguments(__doc__ or "", "storylens-real-og2021")
    parser.add_argument("--languages", help="comma-separated ISO 639-3 codes to keep, e.g. eng,spa")
    args = parser.parse_args()
    set_dir = args.data / "worldnews-og2021"
    options = ["--languages", args.languages] if args.languages else []
    input_path = args.work / f"og2021-{args.languages or 'all'}.jsonl"
    write_input(set_dir, input_path, *options)
    run = run_storylens(input_path, args.work / f"run-{args.languages or 'all'}", args.config, args.workers, args.fresh)
    print_stats(run)
    print(f"OG2021 by record: storylens B-cubed {json.dumps(score(set_dir, run.records_report_path, *options))}")
    print(f"OG2021 articles only: storylens B-cubed {json.dumps(score(set_dir, run.report_path, *options))}")
    if not args.skip_baseline:
        print(run_baseline(set_dir))


if __name__ == "__main__":
    main()
