"""The Python API. Every CLI command is a thin shell over a function here.

`analyze` is the main job: read new or changed inputs into the store
(idempotently; files already ingested unchanged are skipped unread), run the
article steps over whatever is not analyzed yet (saving each finished batch),
place the articles not yet grouped into stories (reading only the working set
they need from the store: `storylens.working_set`), rerun the story steps over
the stories that changed only, write back only what changed, and write the
reports of the stories this run touched (`report` writes any other view of
the store). A rerun with nothing new does no grouping at all. A run killed
at any point is resumed by running it again: nothing is lost and nothing is
stored twice.
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from storylens.config import Settings, analysis_fingerprint, build_pipeline
from storylens.errors import InputError
from storylens.executors import Executor, make_executor
from storylens.ingest.incremental import FileDone, FileUnchanged, read_new_files
from storylens.ingest.readers import read_inputs
from storylens.ingest.steps import ingest_steps
from storylens.model import Article, Corpus, ErrorRecord, Story
from storylens.outlets import OutletProfile, directory_maps
from storylens.pipeline import Pipeline, RunStats, run_article_steps
from storylens.preflight import capped_workers, check_output_folder, load_outlet_profiles
from storylens.report.html import write_html
from storylens.report.json import build_report, write_report
from storylens.steps.claim_groups import CLAIM_VECTORS_KEY
from storylens.steps.framing import LOADED_KEY
from storylens.steps.framing_aim import TARGETS_KEY
from storylens.steps.quote_groups import FRAGMENT_SCORES_KEY, GROUPED_IN_KEY, QUOTE_VECTORS_KEY
from storylens.store import IngestedFile, Store, StorySummary, open_store, sqlite_path
from storylens.store.url import parse_store_url
from storylens.watch import WatchCycle, read_feed_list, watch_cycles
from storylens.working_set import load_working_set, save_working_set

if TYPE_CHECKING:
    from storylens.checking import CheckResult

INGEST_BATCH = 200
REANALYSE_BATCH = 1000  # stored articles a `reanalyse` run loads and redoes at a time (memory stays bounded)
# corpus steps that choose an article's copy group and story: a re-analysed article keeps its place
PLACEMENT_STEPS = frozenset({"copies", "stories"})


class NothingAnalyzed(InputError, RuntimeError):
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
    touched_stories: int = 0  # stories this run created or changed: what report.json holds
    # stored analyzed articles whose findings another storylens version or other article-step settings made
    # (or an unknown one: analyzed before fingerprints were recorded); kept as they are, see `stale_notice`
    analyzed_elsewise: int = 0
    reanalysed: int = 0  # of those, redone by this run (`reanalyse`)


def write_views(
    view: Corpus,
    stats: dict[str, dict[str, int]],
    profiles: dict[str, OutletProfile],
    report_path: Path,
    html_path: Path | None = None,
) -> dict[str, Any]:
    """Write report.json (and report.html) for a view of the store; returns the report.

    Not validated here: the schema is checked by the test suite and `storylens validate`, not paid on every run.
    """
    report = build_report(view, stats, profiles)
    write_report(report, report_path)
    if html_path is not None:
        write_html(report, html_path)
    return report


def with_outlet_camps(settings: Settings, profiles: dict[str, OutletProfile]) -> Settings:
    """Settings whose framing step knows the outlets file: each outlet's camp and other groupings (per-camp
    and per-grouping framing), and its aliases and domains (to match articles to it). Values set in the
    settings file win."""
    if not profiles:
        return settings
    aliases, domains = directory_maps(profiles.values())
    current = settings.framing
    framing = dataclasses.replace(
        current,
        camps={**{name: str(p.camp) for name, p in profiles.items() if p.camp}, **current.camps},
        outlet_groups={**{name: p.groupings() for name, p in profiles.items()}, **current.outlet_groups},
        outlet_aliases={**aliases, **current.outlet_aliases},
        outlet_domains={**domains, **current.outlet_domains},
    )
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


def own_outputs(out_dir: Path, db: str | Path | None, inputs: Iterable[str | Path] = ()) -> list[Path]:
    """What a run writes and must never read back as input: the reports, the SQLite store (with its
    -wal/-shm/-journal companions), and the whole output folder unless an input is that folder or
    inside it (`analyze news --out news` reads the articles in news/, not its own reports)."""
    out_dir = Path(out_dir)
    store = sqlite_path(db) if db is not None else out_dir / "storylens.db"
    outputs = [out_dir / "report.json", out_dir / "report.html"]
    if store is not None:
        outputs += [Path(f"{store}{suffix}") for suffix in ("", "-wal", "-shm", "-journal", "-lock")]
    folder = out_dir.resolve()
    if not any(folder == Path(p).resolve() or folder in Path(p).resolve().parents for p in inputs if str(p) != "-"):
        outputs.append(out_dir)
    return outputs


def notify(progress: Progress, message: str) -> None:
    """A notice that is not an error (a capped setting, a wait): `progress.notice` when it has one."""
    notice = getattr(progress, "notice", None)
    if notice is not None:
        notice(message)
    else:
        print(f"storylens: note: {message}", file=sys.stderr)


def prepare_run(
    out_dir: Path, db: str | Path | None, outlets_file: Path | None, settings: Settings, progress: Progress
) -> tuple[dict[str, OutletProfile], Store]:
    """Every check `analyze` can make before work starts, cheapest first; then open (or create) the store.

    A wrong `--db` scheme, outlets file or output folder fails here in a second with one clear line,
    instead of after the whole analysis.
    """
    if db is not None:
        parse_store_url(db)
    profiles = load_outlet_profiles(outlets_file)
    check_output_folder(out_dir)
    store = open_store(
        db or out_dir / "storylens.db",
        create=True,
        busy_timeout=settings.busy_timeout,
        on_busy=lambda message: notify(progress, message),
    )
    return profiles, store


def stale_notice(count: int, total: int) -> str:
    """The line a run prints when stored articles were analysed by another version or other settings."""
    return (
        f"{count} of {total} stored analysed articles were made by another storylens version or other article"
        " settings (or before this was recorded); their findings are kept as they are: run with --reanalyse"
        " to redo them with the current settings (docs/scale.md#settings-changed-since-the-store-was-made)"
    )


def refresh_pipeline(pipeline: Pipeline) -> Pipeline:
    """The steps that bring re-analysed articles' stories up to date: entity resolution, descriptions and
    every story step, without the copies and stories steps (the articles keep their copy group and story)."""
    corpus_steps = [step for step in pipeline.corpus_steps if step.name not in PLACEMENT_STEPS]
    return Pipeline(corpus_steps=corpus_steps, story_steps=pipeline.story_steps)


# what the story steps keep on articles for later runs (article.metadata keys)
STORY_STEP_CACHES = (QUOTE_VECTORS_KEY, FRAGMENT_SCORES_KEY, CLAIM_VECTORS_KEY, GROUPED_IN_KEY, LOADED_KEY, TARGETS_KEY)


def forget_cached_vectors(corpus: Corpus, article_ids: set[str]) -> None:
    """Drop what the story steps kept on the articles sharing a story with `article_ids`: quote and claim
    vectors and fragment scores (keyed by quote and claim ids, which a re-analysed article reuses for other
    quotes and claims), which grouping compared their quotes, and the framing step's loaded-language rows and
    target shapes. The story steps then compute them again."""
    story_ids = {corpus.articles[i].story_id for i in article_ids if i in corpus.articles}
    for article in corpus.articles.values():
        if article.id in article_ids or (article.story_id is not None and article.story_id in story_ids):
            for key in STORY_STEP_CACHES:
                article.metadata.pop(key, None)


def stored_batches(store: Store, fingerprint: str) -> Iterator[list[Article]]:
    """The stored articles another fingerprint made, `REANALYSE_BATCH` at a time (each is saved with the
    current fingerprint, or marked failed, before the next is read, so a killed run resumes where it was)."""
    while batch := store.analyzed_elsewise(fingerprint, REANALYSE_BATCH):
        yield batch


def run_errors(errors: Iterable[ErrorRecord]) -> list[ErrorRecord]:
    """This run's problems, each once, in the order met (the store keeps every run's: `errors_history`)."""
    unique = {(e.source, e.error): e for e in errors}
    return list(unique.values())


def nothing_analysed_message(inputs: Sequence[Path | str], inputs_seen: int, done: str = "analysed") -> str:
    """Why a run analysed nothing: no file (nor input error) at all under the inputs, or only bad ones.

    An empty folder used to get "every input was empty or unreadable" with no reason on the lines
    above, which sends the user looking for a broken file that does not exist.
    """
    if inputs_seen == 0:
        named = ", ".join(str(path) for path in inputs[:3]) + (", …" if len(inputs) > 3 else "")
        return (
            f"no article could be {done}: no input files found in {named}: the folder is empty or holds only "
            "hidden files and file types that are skipped (read.skip_extensions: images, audio, …)"
        )
    return f"no article could be {done}: every input was empty or unreadable"


def analyze(
    inputs: Iterable[str | Path],
    out_dir: Path,
    db: str | Path | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
    outlets_file: Path | None = None,
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    executor: Executor | None = None,
    reanalyse: bool = False,
) -> AnalysisResult:
    """Analyze input files/folders into `out_dir` (report.json, report.html, the store).

    Stored articles another storylens version or other article-step settings analysed are counted and
    reported (`analyzed_elsewise`) and kept; `reanalyse` redoes them with the current settings, a batch at
    a time, keeping each article's story and copy group and refreshing those stories.

    `executor`: run the steps there and leave it open (`watch` keeps one across runs, so worker
    processes and their models are started once); by default one is made from the settings.
    Raises `NothingAnalyzed` when the store holds no analyzed article at the end.
    """
    settings = with_outlet_camps(settings or Settings(), load_outlet_profiles(outlets_file))
    progress = progress or SilentProgress()
    pipeline = pipeline or build_pipeline(settings)
    out_dir = Path(out_dir)
    inputs = list(inputs)
    profiles, store = prepare_run(out_dir, db, outlets_file, settings, progress)
    workers = capped_workers(workers or settings.workers, lambda message: notify(progress, message))
    stats = RunStats()
    try:
        ingested = ingest_new_files(store, inputs, settings, progress, own_outputs(out_dir, db, inputs))
        errors = ingested.errors
        stats.for_step("read").update(files_read=ingested.files_read, files_unchanged=ingested.files_unchanged)
        fingerprint = analysis_fingerprint(settings)
        elsewise = store.count_analyzed_elsewise(fingerprint)
        if elsewise:
            notify(progress, stale_notice(elsewise, store.count_articles("analyzed")))
        stats.for_step("store").update(analyzed_elsewise=elsewise)
        pending = store.pending_articles()
        annotated_ids: set[str] = set()
        owned = executor is None
        if executor is None:
            executor = make_executor(settings.executor, workers, settings.ray_address)
        with executor if owned else nullcontext(executor):
            progress.start("analysing articles", len(pending))
            to_analyse: Iterable[list[Article]] = [pending]
            if reanalyse and elsewise:
                to_analyse = itertools.chain([pending], stored_batches(store, fingerprint))  # lazily: see there
            reanalysed = 0
            for articles in to_analyse:
                for batch in pipeline.annotate(articles, executor):
                    store.save_annotated(batch.articles, fingerprint)
                    store.mark_failed(batch.failed_ids)
                    store.record_errors(batch.errors)
                    for record in batch.errors:
                        progress.error(record)
                    errors.extend(batch.errors)
                    if articles is pending:
                        annotated_ids.update(a.id for a in batch.articles)
                    else:
                        reanalysed += len(batch.articles)
                    stats.merge(batch.stats)
                    progress.advance(len(batch.articles) + len(batch.failed_ids))
            stats.for_step("store").update(reanalysed=reanalysed)
            touched: set[str] = set()
            with store.corpus_lock():  # another run on this store places its articles before or after ours
                ungrouped = store.ungrouped_article_ids()
                placed = store.placed_article_ids(ungrouped) if ungrouped else set()
                if ungrouped - placed:
                    # only the new articles, their copy candidates and the live stories: see working_set.py
                    working = load_working_set(store, ungrouped - placed, settings.copies, settings.live_window_days)
                    progress.start("grouping into stories", None)
                    corpus, changes = pipeline.group_changes(working.corpus, executor, stats)
                    save_working_set(store, working, corpus, changes.article_ids, changes.story_ids)
                    touched = changes.story_ids & corpus.stories.keys()
                if placed:
                    # re-analysed in place (this run's or a killed one's): refresh their stories
                    working = load_working_set(store, placed, settings.copies, settings.live_window_days)
                    progress.start("refreshing re-analysed stories", None)
                    forget_cached_vectors(working.corpus, placed)
                    refresh = refresh_pipeline(pipeline)
                    corpus, changes = refresh.group_changes(working.corpus, executor, stats, placed)
                    save_working_set(store, working, corpus, changes.article_ids | placed, changes.story_ids)
                    touched |= changes.story_ids & corpus.stories.keys()
        if store.count_articles("analyzed") == 0:
            raise NothingAnalyzed(
                nothing_analysed_message(inputs, ingested.files_read + ingested.files_unchanged + len(errors))
            )
        report_path = out_dir / "report.json"
        html_path = out_dir / "report.html"
        this_run_errors = run_errors(errors)
        if touched or this_run_errors or not report_path.exists():
            # The report is what this run touched; a first report of an existing store shows all of it.
            progress.start("writing reports", None)
            view = store.load_view(touched if touched or report_path.exists() else None)
            view.errors = this_run_errors
            write_views(view, stats.to_dict(), profiles, report_path, html_path)
        return AnalysisResult(
            out_dir=out_dir,
            report_path=report_path,
            html_path=html_path,
            store_url=store.url,
            articles=store.count_articles("analyzed"),
            new_articles=len(annotated_ids),
            stories=store.count_stories(),
            touched_stories=len(touched),
            errors=errors,
            stats=stats.to_dict(),
            files_read=ingested.files_read,
            files_unchanged=ingested.files_unchanged,
            analyzed_elsewise=elsewise,
            reanalysed=reanalysed,
        )
    finally:
        store.close()


def watch(
    paths: Iterable[str | Path],
    out_dir: Path,
    db: str | Path | None = None,
    feeds_file: Path | None = None,
    interval: float = 60.0,
    cycles: int | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
    outlets_file: Path | None = None,
    on_cycle: Callable[[WatchCycle], None] | None = None,
) -> None:
    """Keep adding new files under `paths` and new items of the feeds in `feeds_file` to the store.

    Every `interval` seconds: fetch the feeds into `out_dir/feeds/`, then analyse incrementally (see
    `storylens.watch`). Runs `cycles` cycles, or until interrupted when None. One executor serves every
    cycle, so worker processes and their models start once.
    """
    settings = settings or Settings()
    out_dir = Path(out_dir)
    feed_urls = read_feed_list(feeds_file) if feeds_file is not None else []
    pipeline = build_pipeline(settings)
    with make_executor(settings.executor, workers or settings.workers, settings.ray_address) as executor:

        def run_analysis(inputs: list[Path]) -> tuple[int, int]:
            try:
                result = analyze(
                    inputs,
                    out_dir,
                    db,
                    settings=settings,
                    outlets_file=outlets_file,
                    pipeline=pipeline,
                    executor=executor,
                )
            except NothingAnalyzed:
                return 0, 0  # nothing readable yet: the next cycle looks again
            return result.new_articles, result.touched_stories

        paths = [Path(p) for p in paths]
        watch_cycles(run_analysis, paths, feed_urls, out_dir / "feeds", interval, cycles, on_cycle or (lambda _: None))


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
    with open_store(db, create=False) as store:
        return store.list_stories()


def search(db: str | Path, query: str, limit: int = 20) -> list[tuple[str, str]]:
    """Full-text search over the stored articles: (article id, snippet) pairs, best first."""
    with open_store(db, create=False) as store:
        return store.search(query, limit)


def errors_history(db: str | Path) -> list[tuple[str, ErrorRecord]]:
    """Every input and analysis error a store has recorded over all runs, oldest first, with when."""
    with open_store(db, create=False) as store:
        return store.error_history()


def show_story(db: str | Path, story_id: str) -> tuple[Story, list[Article]] | None:
    """A story and its articles, or None when the store has no such story."""
    with open_store(db, create=False) as store:
        story = store.get_story(story_id)
        if story is None:
            return None
        articles = [a for a in (store.get_article(i) for i in story.article_ids) if a is not None]
        return story, articles


def report(
    db: str | Path,
    out_dir: Path,
    story_ids: Iterable[str] | None = None,
    since: str | None = None,
    outlet: str | None = None,
    outlets_file: Path | None = None,
    html: bool = True,
) -> tuple[Path, int]:
    """Write report.json (and report.html) of a view of the store: some stories, those with articles
    published since a date, or from an outlet; everything when nothing is given. Returns the report's
    path and its number of stories."""
    out_dir = Path(out_dir)
    story_ids = list(story_ids or [])
    with open_store(db, create=False) as store:  # a typo in --db used to create an empty store and report
        view = store.load_view(story_ids or None, since, outlet)
    unknown = [story_id for story_id in story_ids if story_id not in view.stories]
    if unknown and since is None and outlet is None:
        raise InputError(f"no story {unknown[0]!r} in {db}: list the story ids with storylens stories --db {db}")
    out_dir.mkdir(parents=True, exist_ok=True)
    report_path = out_dir / "report.json"
    html_path = out_dir / "report.html" if html else None
    write_views(view, {}, load_outlet_profiles(outlets_file), report_path, html_path)
    return report_path, len(view.stories)


def load_corpus(db: str | Path) -> Corpus:
    with open_store(db, create=False) as store:
        return store.load_corpus()


def demo_corpus_path() -> Path:
    """The bundled fictional demo corpus (inside the installed package)."""
    return Path(__file__).parent / "demo" / "corpus"


def demo_outlets_path() -> Path:
    return Path(__file__).parent / "demo" / "outlets.yaml"


def demo(out_dir: Path, workers: int | None = None, progress: Progress | None = None, **options: Any) -> AnalysisResult:
    """Analyze the bundled demo corpus into `out_dir`.

    The demo always shows the current code's findings: when its own store in `out_dir` was analysed by
    another storylens version or other article settings, it starts that store afresh (the demo takes
    seconds). A store given with `db=` is never removed: it gets `analyze`'s notice instead.
    """
    if options.get("db") is None:
        settings = with_outlet_camps(options.get("settings") or Settings(), load_outlet_profiles(demo_outlets_path()))
        if remove_stale_store(Path(out_dir) / "storylens.db", analysis_fingerprint(settings)):
            notify(
                progress or SilentProgress(),
                f"{out_dir}: the demo store was made by another version or other settings: analysing the demo afresh",
            )
    return analyze(
        [demo_corpus_path()],
        out_dir,
        workers=workers,
        outlets_file=demo_outlets_path(),
        progress=progress,
        **options,
    )


def remove_stale_store(path: Path, fingerprint: str) -> bool:
    """Remove the SQLite store at `path` (with its WAL, shared-memory and lock files) when any of its analysed
    articles was made by another fingerprint; True when it was removed. Only for stores a command owns
    entirely (the demo's)."""
    if not path.is_file():
        return False
    with open_store(path, create=False) as store:
        stale = store.count_analyzed_elsewise(fingerprint) > 0
    if stale:
        for suffix in ("", "-wal", "-shm", "-lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return stale


def check(
    claim: str,
    db: str | Path,
    settings: Settings | None = None,
    language: str | None = None,
    candidates: int = 200,
) -> CheckResult:
    """Which stored articles support, contradict or discuss `claim`, and which claim groups it matches.

    Articles are first narrowed by full-text search on the claim's words (at most `candidates`), then each is
    read by the stance rules; every claim group of every story is compared with the claim's slots.
    """
    from storylens.checking import CONTENT_WORD, check_claim_in_corpus, fts_query

    if not CONTENT_WORD.search(claim):  # "" or "?" matched nothing and printed an empty answer with exit 0
        raise InputError(f"claim {claim!r} has no words to check: give the claim as a sentence, e.g. 'Pier 4 reopened'")
    settings = settings or Settings()
    with open_store(db, create=False) as store:  # a typo in --db must not create an empty store
        corpus = store.load_corpus()
        found = [article_id for article_id, _ in store.search(fts_query(claim), candidates)]
    articles = [corpus.articles[i] for i in dict.fromkeys(found) if i in corpus.articles]
    claims_by_id = {c.id: c for article in corpus.articles.values() for c in article.claims}
    groups = [(story.id, group) for story in corpus.stories.values() for group in story.claim_groups]
    collection = [article.text for article in corpus.articles.values()]
    return check_claim_in_corpus(claim, articles, groups, claims_by_id, settings.claims, language, collection)


def stance(pairs: Path, settings: Settings | None = None) -> Iterator[dict[str, Any]]:
    """Stances for the {id, claim, text} lines of a JSONL file: {id, stance, score, evidence: {start, end}}."""
    from storylens.checking import read_pairs, stance_records

    settings = settings or Settings()
    yield from stance_records(read_pairs(pairs), settings.claims)
