"""The Python API. Every CLI command is a thin shell over a function here.

`analyze` is the main job: read new or changed inputs into the store
(idempotently; files already ingested unchanged are skipped unread), run the
article steps over whatever is not analyzed yet (saving each finished batch),
then group the whole stored corpus into stories and write the reports. A run
killed at any point is resumed by running it again: nothing is lost and
nothing is stored twice.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from storylens.config import Settings, build_pipeline
from storylens.executors import make_executor
from storylens.ingest.incremental import FileDone, FileUnchanged, read_new_files
from storylens.ingest.readers import read_inputs
from storylens.ingest.steps import ingest_steps
from storylens.model import Article, Corpus, ErrorRecord, Story
from storylens.pipeline import Pipeline, RunStats, run_article_steps
from storylens.report.html import write_html
from storylens.report.json import OutletProfile, build_report, validate_report, write_report
from storylens.store import IngestedFile, Store, StorySummary, open_store, sqlite_path

INGEST_BATCH = 200


class NothingAnalyzed(RuntimeError):
    """No input yielded a single article: there is nothing to report."""


class Progress(Protocol):
    """What `analyze` reports while it works (the CLI draws progress bars from it)."""

    def start(self, phase: str, total: int | None) -> None: ...

    def advance(self, amount: int = 1) -> None: ...

    def error(self, record: ErrorRecord) -> None: ...


class SilentProgress:
    def start(self, phase: str, total: int | None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def error(self, record: ErrorRecord) -> None:
        print(f"storylens: {record.source}: {record.error}", file=sys.stderr)


@dataclass
class AnalysisResult:
    """Where the outputs went and what the run did."""

    out_dir: Path
    report_path: Path
    html_path: Path
    store_url: str
    articles: int
    new_articles: int
    stories: int
    errors: list[ErrorRecord] = field(default_factory=list)
    stats: dict[str, dict[str, int]] = field(default_factory=dict)
    files_read: int = 0
    files_unchanged: int = 0


def load_outlet_profiles(path: Path | None) -> dict[str, OutletProfile]:
    """Outlet camps and countries from a YAML file: `outlets: [{name, camp, country, language}]`."""
    if path is None:
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    profiles = {}
    for entry in data.get("outlets", []):
        profile = OutletProfile(
            name=str(entry["name"]),
            camp=entry.get("camp"),
            country=entry.get("country"),
            language=entry.get("language"),
        )
        profiles[profile.name] = profile
    return profiles


def with_outlet_camps(settings: Settings, profiles: dict[str, OutletProfile]) -> Settings:
    """Settings whose framing step knows each outlet's camp from the outlets file (per-camp framing)."""
    camps = {name: str(p.camp) for name, p in profiles.items() if p.camp}
    if not camps:
        return settings
    framing = dataclasses.replace(settings.framing, camps={**camps, **settings.framing.camps})
    return dataclasses.replace(settings, framing=framing)


@dataclass
class IngestCounts:
    """What reading the inputs did: files read, files skipped as unchanged, and the input errors met."""

    files_read: int = 0
    files_unchanged: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)


def ingest_new_files(
    store: Store,
    inputs: Iterable[str | Path],
    settings: Settings,
    progress: Progress,
    exclude: Iterable[str | Path] = (),
) -> IngestCounts:
    """Read new and changed input files into the store in batches; skip files already ingested unchanged.

    A file is registered as ingested in the same transaction as the batch holding its last
    article, so a run killed mid-file re-reads that file next time (articles are idempotent by id).
    """
    counts = IngestCounts()
    batch: list[Article] = []
    finished_files: list[IngestedFile] = []
    progress.start("reading", None)
    for item in read_new_files(inputs, settings.read, store.ingested_file, exclude):
        if isinstance(item, FileUnchanged):
            counts.files_unchanged += 1
            if item.refreshed is not None:
                finished_files.append(item.refreshed)
        elif isinstance(item, FileDone):
            counts.files_read += 1
            finished_files.append(item.file)
        elif isinstance(item, ErrorRecord):
            counts.errors.append(item)
            progress.error(item)
        else:
            batch.append(item)
            progress.advance()
            if len(batch) >= INGEST_BATCH:
                store.add_articles(batch, finished_files)
                batch, finished_files = [], []
    store.add_articles(batch, finished_files)
    store.record_errors(counts.errors)
    return counts


def own_outputs(out_dir: Path, db: str | Path | None) -> list[Path]:
    """What a run writes and must never read back as input: the output folder and a SQLite store
    kept elsewhere (with its -wal/-shm/-journal companions)."""
    outputs = [Path(out_dir)]
    path = sqlite_path(db) if db is not None else None
    if path is not None:
        outputs += [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
    return outputs


def analyze(
    inputs: Iterable[str | Path],
    out_dir: Path,
    db: str | Path | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
    outlets_file: Path | None = None,
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
) -> AnalysisResult:
    """Analyze input files/folders into `out_dir` (report.json, report.html, the store).

    Raises `NothingAnalyzed` when the store holds no analyzed article at the end.
    """
    settings = with_outlet_camps(settings or Settings(), load_outlet_profiles(outlets_file))
    progress = progress or SilentProgress()
    pipeline = pipeline or build_pipeline(settings)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(db or out_dir / "storylens.db")
    stats = RunStats()
    try:
        ingested = ingest_new_files(store, inputs, settings, progress, own_outputs(out_dir, db))
        errors = ingested.errors
        stats.for_step("read").update(files_read=ingested.files_read, files_unchanged=ingested.files_unchanged)
        pending = store.pending_articles()
        annotated_ids: set[str] = set()
        with make_executor(settings.executor, workers or settings.workers) as executor:
            progress.start("analysing articles", len(pending))
            for batch in pipeline.annotate(pending, executor):
                store.save_annotated(batch.articles)
                store.mark_failed(batch.failed_ids)
                store.record_errors(batch.errors)
                for record in batch.errors:
                    progress.error(record)
                errors.extend(batch.errors)
                annotated_ids.update(a.id for a in batch.articles)
                stats.merge(batch.stats)
                progress.advance(len(batch.articles) + len(batch.failed_ids))
            corpus = store.load_corpus()
            if not corpus.articles:
                raise NothingAnalyzed("no article could be analysed: every input was empty or unreadable")
            corpus.new_article_ids = annotated_ids
            progress.start("grouping into stories", None)
            corpus = pipeline.group(corpus, executor, stats)
        store.save_corpus(corpus)
        corpus.errors = store.errors()
        report = build_report(corpus, stats.to_dict(), load_outlet_profiles(outlets_file))
        validate_report(report)
        report_path = out_dir / "report.json"
        html_path = out_dir / "report.html"
        progress.start("writing reports", None)
        write_report(report, report_path)
        write_html(report, html_path)
        return AnalysisResult(
            out_dir=out_dir,
            report_path=report_path,
            html_path=html_path,
            store_url=store.url,
            articles=len(corpus.articles),
            new_articles=len(annotated_ids),
            stories=len(corpus.stories),
            errors=errors,
            stats=stats.to_dict(),
            files_read=ingested.files_read,
            files_unchanged=ingested.files_unchanged,
        )
    finally:
        store.close()


def extract(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Article | ErrorRecord]:
    """Read article files and clean them, without analysis: what `storylens extract` prints."""
    settings = settings or Settings()
    steps = ingest_steps(settings.clean, settings.language, settings.metadata)
    for item in read_inputs(paths, settings.read):
        if isinstance(item, ErrorRecord):
            yield item
            continue
        result = run_article_steps(steps, [item])
        yield from result.errors
        yield from result.articles


def list_stories(db: str | Path) -> list[StorySummary]:
    with open_store(db) as store:
        return store.list_stories()


def show_story(db: str | Path, story_id: str) -> tuple[Story, list[Article]] | None:
    """A story and its articles, or None when the store has no such story."""
    with open_store(db) as store:
        story = store.get_story(story_id)
        if story is None:
            return None
        articles = [a for a in (store.get_article(i) for i in story.article_ids) if a is not None]
        return story, articles


def load_corpus(db: str | Path) -> Corpus:
    with open_store(db) as store:
        return store.load_corpus()


def demo_corpus_path() -> Path:
    """The bundled fictional demo corpus (inside the installed package)."""
    return Path(__file__).parent / "demo" / "corpus"


def demo_outlets_path() -> Path:
    return Path(__file__).parent / "demo" / "outlets.yaml"


def demo(out_dir: Path, workers: int | None = None, progress: Progress | None = None, **options: Any) -> AnalysisResult:
    """Analyze the bundled demo corpus into `out_dir`."""
    return analyze(
        [demo_corpus_path()],
        out_dir,
        workers=workers,
        outlets_file=demo_outlets_path(),
        progress=progress,
        **options,
    )
