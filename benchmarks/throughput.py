"""Articles per second for the whole `analyze` job, with 1 and with 2 worker processes.

The demo corpus is replicated to --n articles (each copy made distinct so it is
a new article, not a duplicate the store would skip), then analysed from
scratch once per worker count. The 1-worker run is the baseline the 2-worker
run is compared with, in the same run.

    python benchmarks/throughput.py            # 2,000 articles
    python benchmarks/throughput.py --n 500    # quicker
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from storylens.api import analyze, demo_corpus_path, extract


def replicate_demo(n: int, folder: Path) -> int:
    """Write n distinct articles derived from the demo corpus as one JSONL file."""
    base = [a for a in extract([demo_corpus_path()]) if not hasattr(a, "error")]
    lines = []
    for i in range(n):
        article = base[i % len(base)]
        copy_number = i // len(base)
        text = article.text + f"\n\n(Archive copy {copy_number}.)"  # type: ignore[union-attr]
        lines.append(
            json.dumps(
                {
                    "id": f"bench-{i}",
                    "title": f"{article.title} #{copy_number}",  # type: ignore[union-attr]
                    "outlet": article.outlet,  # type: ignore[union-attr]
                    "published": article.published,  # type: ignore[union-attr]
                    "language": article.language,  # type: ignore[union-attr]
                    "text": text,
                },
                ensure_ascii=False,
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles to analyse (default 2000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        count = replicate_demo(args.n, inputs)
        print(f"corpus: {count} articles replicated from the demo corpus")
        rates = {}
        for workers in args.workers:
            start = time.perf_counter()
            result = analyze([inputs], Path(tmp) / f"out-{workers}", workers=workers)
            seconds = time.perf_counter() - start
            rates[workers] = result.articles / seconds
            print(
                f"workers={workers}: {result.articles} articles, {result.stories} stories in {seconds:.1f} s"
                f" = {rates[workers]:.1f} articles/s"
            )
        baseline = rates[args.workers[0]]
        for workers in args.workers[1:]:
            print(f"speed-up of {workers} workers over {args.workers[0]}: {rates[workers] / baseline:.2f}x")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of the driver process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
