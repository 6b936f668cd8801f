"""storylens `analyze` beside one bare spaCy NER pass over the same real news articles, and what reruns cost.

The yardstick is what any NER-based news pipeline pays at least: spaCy's English
NER (`nlp.pipe`, same model, same number of processes) over the same texts. The
target is storylens <= 1.5x that. Both are timed from a fresh Python process
(imports and model loading included on both sides), one after the other in the
same run, so the ratio holds even on a busy machine even when the seconds do not.

Articles: the ECB+ dev texts (`../shared/data/ecb-dev`, 772 real English news
articles), topped up to --n with the article bodies of `../shared/data/fnc1-dev`
(real English news too); both converted by the data sets' own `to_jsonl_input.py`
into a temporary folder at run time, never copied into the project. The --extra
articles after the first --n are the ones added to an existing store.

Printed, per worker count: bare NER seconds, storylens seconds, the ratio, and the same three in CPU
seconds (the child process and its pool workers: less moved by other jobs on the machine; Ray's workers
are not the child's and are not counted); then,
with the largest worker count and the same store: a rerun with nothing new, adding
--extra articles to the store of --n, and analysing those --extra alone.

    python benchmarks/throughput.py                     # 1,000 articles, 1 and 2 workers (~8 min)
    python benchmarks/throughput.py --workers 2 --n 300 # quicker
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def real_articles(data: Path, count: int, folder: Path) -> list[dict[str, object]]:
    """`count` real English news articles as storylens input records: ECB+ first, FNC-1 bodies after."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "to_jsonl_input.py", str(folder / "ecb.jsonl")],
        cwd=data / "ecb-dev",
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "to_jsonl_input.py", str(folder / "fnc.jsonl"), "--bodies-only"],
        cwd=data / "fnc1-dev",
        check=True,
        capture_output=True,
    )
    records = []
    for name in ("ecb.jsonl", "fnc.jsonl"):
        with open(folder / name, encoding="utf-8") as lines:
            records += [json.loads(line) for line in lines if line.strip()]
        (folder / name).unlink()
    if len(records) < count:
        raise SystemExit(f"only {len(records)} articles in {data}/ecb-dev and fnc1-dev; asked for {count}")
    return records[:count]


def write_jsonl(records: list[dict[str, object]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def timed_child(*args: str) -> tuple[float, dict[str, object]]:
    """Run this script as a child process in one of its --child modes; its wall time and its JSON answer, with
    the CPU seconds it and its worker processes used under "cpu_s" (less moved by other jobs than wall time)."""
    started, cpu_before = time.perf_counter(), children_cpu_seconds()
    done = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True)
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    answer["cpu_s"] = children_cpu_seconds() - cpu_before
    return time.perf_counter() - started, answer


def children_cpu_seconds() -> float:
    """User + system CPU of every finished child process and their own children (pool workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_bare_ner(inputs: str, workers: int) -> dict[str, object]:
    """One spaCy NER pass (the model storylens uses, NER only) over the texts, `workers` processes."""
    import spacy

    from storylens.nlp import ENGLISH_MODEL

    texts = [json.loads(line)["text"] for line in Path(inputs).read_text(encoding="utf-8").splitlines()]
    # what a NER-only pipeline loads and runs: the model with every other component disabled
    nlp = spacy.load(ENGLISH_MODEL)
    for name in list(nlp.pipe_names):
        if name != "ner":
            nlp.disable_pipe(name)
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, n_process=workers, batch_size=32))
    return {"texts": len(texts), "entities": entities}


def child_analyze(inputs: list[str], out_dir: str, workers: int, executor: str) -> dict[str, object]:
    from storylens.api import analyze
    from storylens.config import Settings

    result = analyze([Path(p) for p in inputs], Path(out_dir), workers=workers, settings=Settings(executor=executor))
    step_ms = {name: counts.get("ms", 0) for name, counts in result.stats.items() if counts.get("ms")}
    return {
        "articles": result.articles,
        "new": result.new_articles,
        "stories": result.stories,
        "touched": result.touched_stories,
        "step_ms": step_ms,
    }


def run_child(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "bare":
        answer = child_bare_ner(rest[0], int(rest[1]))
    else:
        *inputs, out_dir, workers, executor = rest
        answer = child_analyze(inputs, out_dir, int(workers), executor)
    print(json.dumps(answer))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the first run (default 1000)")
    parser.add_argument("--extra", type=int, default=100, help="articles added to the store afterwards (default 100)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--executor", nargs="+", default=["local"], help="executors to time: local, ray")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        records = real_articles(args.data, args.n + args.extra, tmp / "source")
        first = write_jsonl(records[: args.n], tmp / "first" / "articles.jsonl")
        extra = write_jsonl(records[args.n :], tmp / "extra" / "articles.jsonl")
        print(f"articles: {args.n} real news texts (ECB+ dev, topped up with FNC-1 bodies) + {args.extra} added later")
        print(
            f"{'executor':>8} {'workers':>7} {'bare NER s':>10} {'storylens s':>11} {'ratio':>6}"
            f" {'bare CPU s':>10} {'storylens CPU s':>15} {'CPU ratio':>9}"
        )
        last_store: Path | None = None
        for executor in args.executor:
            for workers in args.workers:
                bare, bare_answer = timed_child("bare", str(first), str(workers))
                out = tmp / f"out-{executor}-{workers}"
                seconds, answer = timed_child("analyze", str(first.parent), str(out), str(workers), executor)
                bare_cpu, cpu = float(bare_answer["cpu_s"]), float(answer["cpu_s"])
                # Ray's workers are children of its raylet, which the run does not wait for: their CPU never
                # reaches RUSAGE_CHILDREN, so a Ray CPU figure would be the driver's alone; wall time only
                cpu_columns = (
                    f" {bare_cpu:>10.1f} {'n/a':>15} {'n/a':>9}"
                    if executor == "ray"
                    else f" {bare_cpu:>10.1f} {cpu:>15.1f} {cpu / bare_cpu:>9.2f}"
                )
                print(f"{executor:>8} {workers:>7} {bare:>10.1f} {seconds:>11.1f} {seconds / bare:>6.2f}{cpu_columns}")
                print(f"{'':>8} step ms (summed over workers): {answer['step_ms']}")
                last_store, last_workers, last_executor = out, workers, executor
        if last_store is None:
            return
        kind = (str(last_workers), last_executor)
        rerun, answer = timed_child("analyze", str(first.parent), str(last_store), *kind)
        print(f"rerun with nothing new ({last_workers} workers): {rerun:.1f} s, {answer['new']} new")
        if not args.extra:
            return  # --extra 0: no add to time (analysing an empty folder alone is an error, not a baseline)
        shutil.copytree(last_store, tmp / "grown")
        added, answer = timed_child("analyze", str(first.parent), str(extra.parent), str(tmp / "grown"), *kind)
        alone, alone_answer = timed_child("analyze", str(extra.parent), str(tmp / "alone"), *kind)
        print(
            f"add {args.extra} to the store of {args.n}: {added:.1f} s ({answer['touched']} stories touched);"
            f" the same {args.extra} alone: {alone:.1f} s; ratio {added / alone:.2f} (target <= 1.5);"
            f" CPU {float(answer['cpu_s']):.1f} s vs {float(alone_answer['cpu_s']):.1f} s"
        )
        print(f"{'':>8} step ms, added: {answer['step_ms']}")
        print(f"{'':>8} step ms, alone: {alone_answer['step_ms']}")


if __name__ == "__main__":
    main()
