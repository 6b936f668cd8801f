"""Stories on ECB+ topics 1-35 (English, full texts, no dates), beside the set's tuned TF-IDF baseline.

    python benchmarks/real/ecb.py                 # all 772 docs, then the dev split alone; baseline.py
    python benchmarks/real/ecb.py --skip-baseline --splits all

Input from the set's `to_jsonl_input.py --opaque` (hashed ids, shuffled), scored
by its `score.py` (B-cubed of story_id vs the gold subtopic). The baseline's
threshold is tuned on the data it is scored on (an optimistic ceiling). See
benchmarks/real/common.py for what runs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import arguments, print_stats, run_baseline, run_storylens, score, write_input


def main() -> None:
    parser = arguments(__doc__ or "", "storylens-real-ecb")
    parser.add_argument("--splits", default="all,dev", help="comma-separated: all, train, dev")
    args = parser.parse_args()
    set_dir = args.data / "ecb-dev"
    for split in args.splits.split(","):
        input_path = args.work / f"ecb-{split}.jsonl"
        write_input(set_dir, input_path, "--split", split, "--opaque")
        run = run_storylens(input_path, args.work / f"run-{split}", args.config, args.workers, args.fresh)
        print_stats(run)
        figures = score(set_dir, run.records_report_path, "--split", split)
        print(f"ECB+ {split}: storylens B-cubed {json.dumps(figures)}")
    if not args.skip_baseline:
        print(run_baseline(set_dir))


if __name__ == "__main__":
    main()
