"""What the three real-news story benchmarks share: input, the storylens run, scoring, the baseline.

Each public dev set in `<repo>/../shared/data/<set>/` ships `to_jsonl_input.py`
(writes storylens input), `score.py` (scores a report.json) and `baseline.py`
(a TF-IDF baseline, needs scikit-learn: `pip install -e '.[bench]'`). The
benchmark scripts run all three around one storylens run, so the figures
printed side by side come from the same machine at the same time.

The storylens run is `storylens.api.analyze`, the code path users run, with
the default pipeline cut to what stories depend on: the ingest steps
(language, cleaning, metadata), entities and time expressions (name and date
keys), the story signals, then the copies and stories corpus steps. Quotes,
entity resolution and timelines do not change which story an article is in.

`score.py` matches `articles[].external_id`; records whose text equals
another record's are one article (ids are content hashes), so it counts
them as missing. The report's `inputs[]` names every record: the scripts
also score a copy of the report whose `articles[]` holds one line per
input record (`by record` below), which is the figure that counts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storylens.api import analyze
from storylens.config import Settings, load_settings
from storylens.ingest.steps import ingest_steps
from storylens.pipeline import Pipeline
from storylens.steps.copies import FindCopies
from storylens.steps.entities import RecognizeEntities
from storylens.steps.stories import ClusterStories, StorySignals
from storylens.steps.time_expressions import FindTimeExpressions

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data"


def arguments(description: str, default_work: str) -> argparse.ArgumentParser:
    """The options every real-data benchmark takes."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding the public dev sets")
    parser.add_argument("--work", type=Path, default=Path("/tmp") / default_work, help="where inputs and runs go")
    parser.add_argument("--config", type=Path, help="storylens settings YAML (as `analyze --config`)")
    parser.add_argument("--workers", type=int, default=1, help="processes for the article steps")
    parser.add_argument("--skip-baseline", action="store_true", help="do not run the set's baseline.py")
    parser.add_argument("--fresh", action="store_true", help="delete the previous run's store first")
    return parser


def story_pipeline(settings: Settings) -> Pipeline:
    """The default pipeline's steps that decide copies and stories (see the module docstring)."""
    return Pipeline(
        article_steps=[
            *ingest_steps(settings.clean, settings.language, settings.metadata),
            RecognizeEntities(settings.entities),
            FindTimeExpressions(settings.time),
            StorySignals(settings.stories),
        ],
        corpus_steps=[FindCopies(settings.copies), ClusterStories(settings.stories)],
        story_steps=[],
    )


def write_input(set_dir: Path, out: Path, *options: str) -> None:
    """Run the set's own `to_jsonl_input.py`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(set_dir / "to_jsonl_input.py"), str(out), *options]
    subprocess.run(command, check=True, cwd=set_dir, capture_output=True, text=True)


@dataclass
class StorylensRun:
    report_path: Path
    records_report_path: Path
    seconds: float
    articles: int
    stories: int
    stats: dict[str, Any]


def run_storylens(input_path: Path, run_dir: Path, config: Path | None, workers: int, fresh: bool) -> StorylensRun:
    """Analyze the input into `run_dir`; also write `records-report.json` (one article line per input record).

    The store is kept between calls: a second call with the same input reads
    nothing and redoes no article step, only copies and stories (a fast loop
    when changing story settings). `fresh` starts from an empty store.
    """
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{run_dir / 'storylens.db'}{suffix}").unlink(missing_ok=True)
    settings = load_settings(config)
    started = time.perf_counter()
    result = analyze([input_path], run_dir, workers=workers, settings=settings, pipeline=story_pipeline(settings))
    seconds = time.perf_counter() - started
    report = json.loads(result.report_path.read_text(encoding="utf-8"))
    by_id = {article["id"]: article for article in report["articles"]}
    records = [
        {**by_id[entry["article_id"]], "external_id": entry["external_id"]}
        for entry in report["inputs"]
        if entry["article_id"] in by_id
    ]
    records_path = run_dir / "records-report.json"
    records_path.write_text(json.dumps({"articles": records}), encoding="utf-8")
    return StorylensRun(result.report_path, records_path, seconds, result.articles, result.stories, result.stats)


def score(set_dir: Path, report: Path, *options: str) -> dict[str, Any]:
    """The set's own `score.py` on a report: its JSON output."""
    command = [sys.executable, str(set_dir / "score.py"), str(report), *options]
    done = subprocess.run(command, check=True, cwd=set_dir, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_baseline(set_dir: Path) -> str:
    """The set's `baseline.py` output (its figures), or why it could not run."""
    environment = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(set_dir / "baseline.py")], cwd=set_dir, capture_output=True, text=True, env=environment
    )
    if done.returncode != 0:
        return f"baseline.py failed (pip install -e '.[bench]'?): {done.stderr.strip().splitlines()[-1:]}"
    return done.stdout.strip() + f"\n(baseline.py took {time.perf_counter() - started:.0f} s)"


def print_stats(run: StorylensRun) -> None:
    stories = run.stats.get("stories", {})
    copies = run.stats.get("copies", {})
    print(
        f"storylens: {run.articles} articles -> {run.stories} stories in {run.seconds:.0f} s;"
        f" copies {copies.get('copies', 0)}, embedded {stories.get('embedded', 0)},"
        f" placed by keys {stories.get('placed_by_keys', 0)}, threads merged {stories.get('threads_merged', 0)}"
    )
