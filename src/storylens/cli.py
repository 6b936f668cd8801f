"""The `storylens` command line: thin commands over `storylens.api`.

Data goes to stdout (as JSON with `--json`), progress and errors to stderr,
so commands compose in shell pipelines. Every failure leaves through `main`:
one unwrapped line on stderr and an exit code (docs/errors.md): 2 for a wrong
command, option, setting or input, 1 for a failure while working, 130 for Ctrl-C.
A traceback is printed only with `--debug`.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from storylens import __version__, api
from storylens.errors import (
    EXIT_INTERRUPTED,
    EXIT_RUNTIME,
    EXIT_TERMINATED,
    EXIT_USAGE,
    InputError,
    StorylensError,
    one_line,
)
from storylens.model import Article, ErrorRecord, to_dict

app = typer.Typer(
    name="storylens",
    help="Turn a pile of news articles into stories: copies, actors, quotes, timelines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# markup=False: titles, sources and claims come from articles and users, and "[/b]" in one is text, not a style
# (Rich read it as a closing tag and the command died with MarkupError); our own styles say markup=True and
# escape() what they interpolate.
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(
    stderr=True, highlight=False, soft_wrap=True, markup=False
)  # soft_wrap: one message, one line, even in a pipe

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="Store: a SQLite file path, sqlite:///relative/path.db, sqlite:////absolute/path.db"
        " or postgresql://user@host/db.",
    ),
]
MAX_SEARCH_LIMIT = 10_000
WorkersOption = Annotated[
    int | None, typer.Option("--workers", "-w", min=1, help="Worker processes (default: one per core).")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", exists=True, dir_okay=False, help="YAML settings file (see docs).")
]

ExecutorOption = Annotated[
    str | None,
    # "\\[": the help is Rich markup, where a bare [ray] is a style tag and vanishes
    typer.Option("--executor", help="Where steps run: local (process pool) or ray (needs storylens\\[ray])."),
]
AddressOption = Annotated[
    str | None, typer.Option("--address", help="Ray cluster to join (ray://head:10001 or auto); default: local Ray.")
]


def with_executor(settings: Any, executor: str | None, address: str | None) -> Any:
    """Settings with --executor/--address applied over the settings file."""
    import dataclasses

    from storylens.executors import EXECUTORS

    if executor is not None and executor not in EXECUTORS:
        raise typer.BadParameter(f"unknown executor {executor!r}: use one of {', '.join(EXECUTORS)}")
    if executor is not None:
        settings = dataclasses.replace(settings, executor=executor)
    if address is not None:
        settings = dataclasses.replace(settings, executor="ray", ray_address=address)
    return settings


class RichProgress:
    """`api.Progress` drawn with Rich on stderr; errors printed as they happen."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=quiet or not err.is_terminal,
        )
        self._task: Any = None

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def start(self, phase: str, total: int | None) -> None:
        if self._task is not None:
            self._bar.update(self._task, visible=False)
        self._task = self._bar.add_task(phase, total=total)
        if not err.is_terminal and not self.quiet:
            err.print(f"storylens: {phase}…" + (f" ({total})" if total else ""))

    def advance(self, amount: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, amount)

    def error(self, record: ErrorRecord) -> None:
        print_record(record)

    def notice(self, message: str) -> None:
        """Something the user should know that is not an error (a capped setting, a wait)."""
        err.print(f"storylens: note: {one_line(message)}", markup=False, highlight=False)


def print_record(record: ErrorRecord) -> None:
    """One input or analysis problem, on one line (article text and file names are not markup)."""
    err.print(
        f"[red]error[/red] {escape(one_line(record.source))}: {escape(one_line(record.error))}",
        markup=True,
        highlight=False,
    )


def _print_result(result: api.AnalysisResult) -> None:
    out.print(f"Analysed {result.articles} articles ({result.new_articles} new) into {result.stories} stories.")
    out.print(f"This run touched {result.touched_stories} stories: they are what the reports below hold.")
    out.print(f"Input: {result.files_read} file(s) read, {result.files_unchanged} file(s) unchanged, skipped.")
    if result.reanalysed:
        out.print(f"Re-analysed {result.reanalysed} stored article(s) with the current settings.")
    if result.analyzed_elsewise and not result.reanalysed:
        out.print(
            f"{result.analyzed_elsewise} stored article(s) were analysed by other settings: --reanalyse redoes them."
        )
    if result.errors:
        out.print(f"{len(result.errors)} input(s) could not be read or analysed: see errors[] in the report.")
    out.print(f"JSON report: {result.report_path}")
    out.print(f"HTML report: {result.html_path}")
    out.print(f"Store:       {result.store_url}")


def _run_analysis(run: Any) -> None:
    """Run an analysis and print where its outputs went; its failures are reported by `main`."""
    _print_result(run())


@app.command()
def analyze(
    inputs: Annotated[list[Path], typer.Argument(help="Article files or folders (walked recursively).")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.json, report.html and the store.")],
    db: Annotated[
        str | None, typer.Option("--db", help="Store URL: SQLite path or postgresql://... (default: OUT/storylens.db).")
    ] = None,
    workers: WorkersOption = None,
    outlets: Annotated[
        Path | None, typer.Option("--outlets", exists=True, dir_okay=False, help="Outlets file (YAML or CSV).")
    ] = None,
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    executor: ExecutorOption = None,
    address: AddressOption = None,
    reanalyse: Annotated[
        bool,
        typer.Option(
            "--reanalyse",
            help="Redo the stored articles another storylens version or other article settings analysed"
            " (batch by batch, resumable; they keep their stories). Without it they are counted and kept.",
        ),
    ] = False,
) -> None:
    """Analyse articles into stories; write DIR/report.json, DIR/report.html and the store."""
    from storylens.config import load_settings

    with RichProgress(quiet) as progress:
        _run_analysis(
            lambda: api.analyze(
                inputs,
                out_dir,
                db=db,
                workers=workers,
                settings=with_executor(load_settings(config), executor, address),
                outlets_file=outlets,
                progress=progress,
                reanalyse=reanalyse,
            )
        )


@app.command()
def watch(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to watch for new articles.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the reports and spooled feeds.")],
    db: Annotated[
        str | None, typer.Option("--db", help="Store URL: SQLite path or postgresql://... (default: OUT/storylens.db).")
    ] = None,
    feeds: Annotated[
        Path | None, typer.Option("--feeds", exists=True, dir_okay=False, help="File of feed URLs, one a line.")
    ] = None,
    interval: Annotated[float, typer.Option("--interval", min=0, help="Seconds between cycles.")] = 60.0,
    cycles: Annotated[int | None, typer.Option("--cycles", min=1, help="Stop after N cycles (default: go on).")] = None,
    workers: WorkersOption = None,
    outlets: Annotated[
        Path | None, typer.Option("--outlets", exists=True, dir_okay=False, help="Outlets file (YAML or CSV).")
    ] = None,
    config: ConfigOption = None,
    executor: ExecutorOption = None,
    address: AddressOption = None,
) -> None:
    """Keep adding new files and new feed items to the store, cycle after cycle (Ctrl-C stops)."""
    from storylens.config import SettingsError, load_settings
    from storylens.executors.ray import RayUnavailable
    from storylens.store import StoreError

    def report_cycle(cycle: Any) -> None:
        for record in cycle.errors:
            err.print(f"[red]error[/red] {escape(record.source)}: {escape(record.error)}", markup=True, highlight=False)
        out.print(
            f"cycle {cycle.number}: {cycle.feeds_fetched} feed(s) fetched, {cycle.new_articles} new article(s),"
            f" {cycle.touched_stories} stor(ies) touched"
        )

    try:
        api.watch(
            paths,
            out_dir,
            db,
            feeds_file=feeds,
            interval=interval,
            cycles=cycles,
            workers=workers,
            settings=with_executor(load_settings(config), executor, address),
            outlets_file=outlets,
            on_cycle=report_cycle,
        )
    except KeyboardInterrupt:
        out.print("stopped")
    except (StoreError, SettingsError, RayUnavailable, ValueError) as error:
        err.print(f"[red]storylens: {escape(str(error))}[/red]", markup=True)
        raise typer.Exit(2) from error


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the reports.")] = Path("out/demo"),
    workers: WorkersOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Analyse the bundled fictional demo corpus."""
    with RichProgress(quiet) as progress:
        _run_analysis(lambda: api.demo(out_dir, workers=workers, progress=progress))
    serve_command = f"storylens serve --db {out_dir / 'storylens.db'} --outlets {api.demo_outlets_path()}"
    out.print(f"Browse it:   {serve_command}   then open http://127.0.0.1:8765/", markup=False)


def _extract_record(article: Article, show_removed: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": article.source,
        "id": article.id,
        "external_id": article.external_id,
        "title": article.title,
        "published": article.published,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "language": article.language,
        "based_on": article.based_on,
        "text": article.text,
    }
    if show_removed:
        record["removed"] = [to_dict(r) for r in article.removals]
    return record


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article per line.")] = False,
    show_removed: Annotated[
        bool, typer.Option("--show-removed", help="Also show what cleaning removed, and why.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Print the cleaned main text (and metadata) of each article in FILES."""
    from storylens.config import load_settings

    count = errors = 0
    for item in api.extract(files, load_settings(config)):
        if isinstance(item, ErrorRecord):
            print_record(item)
            errors += 1
            continue
        count += 1
        record = _extract_record(item, show_removed)
        if as_json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        out.rule(f"{item.source}")
        for key in ("title", "outlet", "published", "language", "url", "based_on"):
            if record[key]:
                out.print(f"[bold]{key}:[/bold] {escape(str(record[key]))}", markup=True, highlight=False)
        out.print()
        out.print(item.text, markup=False)
        if show_removed and item.removals:
            out.print()
            out.print("[bold]Removed by cleaning:[/bold]", markup=True)
            for removal in item.removals:
                replaced = f" → {removal.replacement!r}" if removal.replacement else ""
                out.print(f"  [{removal.reason}] {removal.text!r}{replaced}", markup=False)
    if count == 0 and errors == 0:  # no file at all: "reasons above" would point at nothing
        raise InputError(api.nothing_analysed_message(files, 0, done="extracted"))
    if count == 0:
        raise InputError("no article could be extracted: every input was empty or unreadable (reasons above)")


@app.command()
def stories(
    db: DbOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the stories in a store, largest first."""
    summaries = api.list_stories(db)
    if as_json:
        sys.stdout.write(json.dumps([to_dict(s) for s in summaries], ensure_ascii=False, indent=1) + "\n")
        return
    table = Table("story", "articles", "dates", "outlets", "title", box=None)
    for s in summaries:
        dates = f"{(s.first_published or '?')[:10]} – {(s.last_published or '?')[:10]}"
        table.add_row(s.id, str(s.articles), dates, ", ".join(s.outlets[:4]), s.title)
    out.print(table)


def _find_story(db: str, story_id: str) -> tuple[Any, list[Article]]:
    found = api.show_story(db, story_id)
    if found is None:
        raise InputError(f"no story {story_id!r} in {db}: list the story ids with storylens stories --db {db}")
    return found


@app.command()
def show(
    story_id: Annotated[str, typer.Argument(help="A story id from `storylens stories`.")],
    db: DbOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one story: its articles, outlets, quotes and timeline."""
    story, articles = _find_story(db, story_id)
    if as_json:
        payload = {"story": to_dict(story), "articles": [_extract_record(a, False) for a in articles]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(f"[bold]{escape(story.title or '')}[/bold]  ({escape(story.id)})", markup=True, highlight=False)
    out.print(f"{story.first_published} – {story.last_published}; languages: {', '.join(story.languages)}")
    table = Table("published", "outlet", "lang", "title", "copy of", box=None)
    for a in sorted(articles, key=lambda a: a.published or ""):
        table.add_row((a.published or "")[:16], a.outlet or "", a.language or "", a.title or "", a.duplicate_of or "")
    out.print(table)
    if story.quote_groups:
        out.print("\n[bold]Who said what[/bold]", markup=True)
        for group in story.quote_groups:
            out.print(f"  “{group.text}” — carried by {', '.join(group.outlets)}", markup=False)
    if story.timeline:
        out.print("\n[bold]Timeline[/bold]", markup=True)
        for event in story.timeline:
            flag = f"  [conflict: {', '.join(event.conflicting_dates)}]" if event.conflict else ""
            out.print(f"  {event.date}  {event.text}{flag}", markup=False)


@app.command()
def timeline(
    story_id: Annotated[str, typer.Argument(help="A story id from `storylens stories`.")],
    db: DbOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print a story's timeline: what happened when, according to whom."""
    story, articles = _find_story(db, story_id)
    outlets = {a.id: a.outlet or "?" for a in articles}
    if as_json:
        payload = {"story_id": story.id, "timeline": to_dict(story.timeline), "coverage": to_dict(story.coverage)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    if not story.timeline:
        out.print("No dated events found in this story.")  # an empty answer read like a failure
    for event in story.timeline:
        sources = ", ".join(sorted({outlets.get(s.article_id, "?") for s in event.sources}))
        flag = f"  CONFLICT: {' vs '.join(event.conflicting_dates)}" if event.conflict else ""
        out.print(f"{event.date:<12} {event.text}  [{sources}]{flag}", markup=False)


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words to find; AND, OR, NOT, "quoted phrases", (groups) and prefix* work as in SQLite FTS5;'
            " terms with punctuation (Pier-4, U.S.) are searched as written."
        ),
    ],
    db: DbOption,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MAX_SEARCH_LIMIT, help="Most hits to print.")] = 20,
) -> None:
    """Full-text search over stored articles."""
    for article_id, snippet in api.search(db, query, limit):
        out.print(f"{article_id}  {one_line(snippet)}", markup=False)


@app.command()
def errors(
    db: DbOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List every input and analysis error the store recorded, over all runs, oldest first."""
    history = api.errors_history(db)
    if as_json:
        records = [{"recorded_at": when, "source": r.source, "error": r.error} for when, r in history]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    for when, record in history:
        out.print(f"{when}  {one_line(record.source)}: {one_line(record.error)}", markup=False)
    if not history:
        err.print(f"storylens: no errors recorded in {db}", markup=False)


def read_json_file(path: Path, what: str) -> Any:
    """The JSON document in `path`, or an `InputError` saying in one line why it is not one."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: {what} is not UTF-8 text (bad byte at offset {error.start})") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: {what} is not valid JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError as error:
        raise InputError(f"{path}: {what} is JSON nested too deeply to be a {what}") from error


def schema_problem(document: Any, schema: dict[str, Any] | None = None) -> str | None:
    """Where and how `document` breaks `schema` (default: the report schema), or None when it fits."""
    import jsonschema

    from storylens.report.json import load_schema

    try:
        jsonschema.validate(document, schema or load_schema())
    except jsonschema.ValidationError as error:
        return f"at {error.json_path}: {one_line(error.message)[:300]}"
    except RecursionError:
        return "nested too deeply"
    return None


def check_since_date(value: str | None) -> str | None:
    """`value` as an ISO date (or date and time) in its extended form; a clear error otherwise.

    Stores compare `published` as ISO text, so "yesterday" or "2026-13-45" would silently match
    nothing or everything and the report would be empty with exit code 0.
    """
    from datetime import date, datetime

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()  # 20260301 -> 2026-03-01, the form stores compare
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError as error:
        raise typer.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD (e.g. 2026-03-01)") from error


@app.command()
def report(
    db: DbOption,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.json and report.html.")],
    story: Annotated[list[str] | None, typer.Option("--story", help="Only this story (repeatable).")] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            callback=check_since_date,
            help="Only stories with an article published on or after this date (YYYY-MM-DD).",
        ),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Only stories with an article from this outlet.")
    ] = None,
    outlets: Annotated[
        Path | None, typer.Option("--outlets", exists=True, dir_okay=False, help="Outlets file (YAML or CSV).")
    ] = None,
) -> None:
    """Write report.json and report.html of any view of a store (`analyze` writes only what a run touched)."""
    from storylens.store import StoreError

    try:
        path, count = api.report(db, out_dir, story, since, outlet, outlets)
    except StoreError as error:
        print_error(error)  # the one-line `storylens: error: ...` form every other command uses
        raise typer.Exit(2) from error
    out.print(f"Wrote {count} stories to {path} (and report.html).")
    if count == 0 and (since or outlet):
        given = " ".join(f"{flag} {value!r}" for flag, value in (("--since", since), ("--outlet", outlet)) if value)
        sys.stderr.write(
            f"storylens: note: no story matched {given}: outlets match by their name in any case"
            " (see storylens stories)\n"
        )


@app.command()
def validate(report: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A report.json file.")]) -> None:
    """Check a report.json against the shipped JSON Schema (exit code 1 when it breaks it)."""
    problem = schema_problem(read_json_file(report, "report"))
    if problem is not None:
        err.print(f"storylens: {report}: invalid report {problem}", markup=False)
        raise typer.Exit(EXIT_RUNTIME)
    out.print(f"{report}: valid storylens report")


@app.command()
def score(
    report: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A report.json file.")],
    gold: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="A gold annotation (docs/evaluation.md).")],
) -> None:
    """Score a report against a hand-made gold annotation and print the figures as JSON."""
    from storylens.evaluation import score_report
    from storylens.gold import GOLD_SCHEMA

    report_data = read_json_file(report, "report")
    gold_data = read_json_file(gold, "gold annotation")
    problem = schema_problem(gold_data, GOLD_SCHEMA)
    if problem is not None:
        raise InputError(f"{gold}: not a gold annotation {problem} (the format is in docs/evaluation.md)")
    problem = schema_problem(report_data)
    if problem is not None:
        raise InputError(f"{report}: not a valid storylens report {problem}: score a report.json from analyze")
    try:
        scores = score_report(report_data, gold_data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError(f"cannot score {report} against {gold}: {type(error).__name__}: {error}") from error
    typer.echo(json.dumps(scores, indent=2, ensure_ascii=False))


@app.command()
def check(
    claim: Annotated[str, typer.Argument(help="The claim to check, as a sentence.")],
    db: DbOption,
    language: Annotated[str | None, typer.Option("--language", help="Language of the claim (en, es, de, fr).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    config: ConfigOption = None,
) -> None:
    """List stored articles and claim groups that support, contradict or refine a claim, with their spans."""
    from storylens.checking import one_line
    from storylens.config import SettingsError, load_settings

    try:
        result = api.check(claim, db, settings=load_settings(config), language=language)
    except SettingsError as error:
        err.print(f"[red]storylens: {escape(str(error))}[/red]", markup=True)
        raise typer.Exit(2) from error
    if as_json:
        sys.stdout.write(json.dumps(to_dict(result), ensure_ascii=False, indent=1) + "\n")
        return
    out.print(f"[bold]{escape(claim)}[/bold]", markup=True, highlight=False)
    if result.groups:
        out.print("\n[bold]Claim groups[/bold]", markup=True)
        for group in result.groups:
            differing = f" (differs on {', '.join(group.differing_slots)})" if group.differing_slots else ""
            out.print(
                f"  {group.relation:<11} {group.group_id} [{group.verdict}]{differing}: {one_line(group.text)}",
                markup=False,
            )
    out.print("\n[bold]Articles[/bold]", markup=True)
    if not result.articles:
        out.print("  none related")
    for verdict in result.articles:
        span = f"{verdict.start}-{verdict.end}" if verdict.start is not None else "-"
        where = f"{verdict.article_id} {verdict.outlet or '?'} [{span}]"
        out.print(f"  {verdict.stance:<11} {where}: {one_line(verdict.evidence)}", markup=False)


@app.command()
def stance(
    pairs: Annotated[Path, typer.Argument(dir_okay=False, help="JSONL file of {id, claim, text} lines.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per line (the default output).")
    ] = True,
    config: ConfigOption = None,
) -> None:
    """For each {id, claim, text} line: does the text support, contradict or discuss the claim, or is it unrelated?

    Writes one line per pair: {id, stance, score, evidence: {start, end}}; evidence is the deciding sentence's span
    in the text."""
    from storylens.checking import PairsFileError
    from storylens.config import SettingsError, load_settings

    try:
        for record in api.stance(pairs, settings=load_settings(config)):
            if as_json:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.print(f"{record['id']}\t{record['stance']}\t{record['score']}", markup=False)
    except (PairsFileError, SettingsError) as error:
        err.print(f"storylens: {error}", markup=False)
        raise typer.Exit(2) from error


@app.command()
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8765,
    token: Annotated[
        str | None, typer.Option("--token", envvar="STORYLENS_TOKEN", help="Access token (bearer or basic password).")
    ] = None,
    tokens_file: Annotated[
        Path | None, typer.Option("--tokens-file", exists=True, dir_okay=False, help="File of tokens, one per line.")
    ] = None,
    outlets: Annotated[
        Path | None, typer.Option("--outlets", exists=True, dir_okay=False, help="Outlets file (YAML or CSV).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Browse the store in a web browser and over a JSON API (read-only).

    Listens on 127.0.0.1 unless --host says otherwise; any other address needs --token or --tokens-file.
    """
    from storylens.config import SettingsError, load_settings
    from storylens.store import StoreError
    from storylens.web import UnsafeBind
    from storylens.web import serve as run_server

    try:
        web_settings = load_settings(config).web
        run_server(
            db, host=host, port=port, token=token, tokens_file=tokens_file, outlets_file=outlets, settings=web_settings
        )
    except (UnsafeBind, StoreError, SettingsError, FileNotFoundError, ValueError, RuntimeError) as error:
        print_error(error)  # the one-line `storylens: error: ...` form every other command uses
        raise typer.Exit(2) from error


@app.command()
def export(
    table: Annotated[
        str, typer.Argument(help="articles, entities, quotes, timeline or claims; or brief (needs --story).")
    ],
    db: DbOption,
    fmt: Annotated[str, typer.Option("--format", help="json, csv or parquet (brief is always Markdown).")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", dir_okay=False, help="Write to this file instead of stdout.")
    ] = None,
    story: Annotated[str, typer.Option("--story", help="Only this story's rows.")] = "",
    outlets: Annotated[
        Path | None, typer.Option("--outlets", exists=True, dir_okay=False, help="Outlets file (YAML or CSV).")
    ] = None,
) -> None:
    """Print a table of findings (JSON, CSV or Parquet) or a story's Markdown brief; every finding row has its span.

    Parquet is binary: it goes to `--output`, or to stdout only when stdout is not a terminal.
    """
    from storylens.store import StoreError
    from storylens.web.exports import iter_export_rows, story_brief, write_export
    from storylens.web.queries import Catalog, NotFound

    try:
        with _open_existing(db) as store:
            catalog = Catalog(store, api.load_outlet_profiles(outlets))
            catalog.refresh()
            if table == "brief":
                if not story:
                    raise ValueError("the brief needs --story")
                data = story_brief(catalog, story).encode("utf-8")
                if output is not None:
                    output.write_bytes(data)
                else:
                    sys.stdout.buffer.write(data)
                    sys.stdout.buffer.flush()
                return
            if fmt == "parquet" and output is None and sys.stdout.isatty():
                raise ValueError("Parquet is binary: give --output FILE or redirect stdout")
            rows = iter_export_rows(catalog, table, story)
            if output is None:
                write_export(rows, fmt, sys.stdout.buffer)
                sys.stdout.buffer.flush()
                return
            partial = output.with_name(output.name + ".part")  # a failed export never leaves half a file
            try:
                with partial.open("wb") as sink:
                    write_export(rows, fmt, sink)
                partial.replace(output)
            finally:
                partial.unlink(missing_ok=True)
    except (StoreError, FileNotFoundError, ValueError, NotFound) as error:
        print_error(error)  # the one-line `storylens: error: ...` form every other command uses
        raise typer.Exit(2) from error


def _open_existing(db: str) -> Any:
    """Open a store that must already exist (reading commands never create an empty one)."""
    from storylens.store import open_store, sqlite_path

    path = sqlite_path(db)
    if path is not None and not path.exists():
        raise FileNotFoundError(f"no store at {path}")
    return open_store(db)


@app.command()
def version() -> None:
    """Print the storylens version."""
    out.print(__version__)


@app.callback()
def options(
    debug: Annotated[
        bool, typer.Option("--debug", help="On an error, also print the Python traceback (for bug reports).")
    ] = False,
) -> None:
    # `main` reads --debug itself (anywhere on the line); declared here so --help lists it.
    pass


def print_error(message: object) -> None:
    """An error as one unwrapped line on stderr, whatever the terminal width."""
    sys.stderr.write(f"storylens: error: {one_line(message)}\n")
    sys.stderr.flush()


def is_usage_error(error: Exception) -> bool:
    """A command-line parsing error (Click's `ClickException`, as vendored by Typer: matched by shape)."""
    return callable(getattr(error, "format_message", None)) and isinstance(getattr(error, "exit_code", None), int)


def report_usage_error(error: Any) -> int:
    """Print a parsing error (missing argument, bad option value) on one line; `storylens` alone prints help."""
    if type(error).__name__ == "NoArgsIsHelpError":
        error.show()
        return EXIT_USAGE
    context = getattr(error, "ctx", None)
    hint = f" (see {context.command_path} --help)" if context is not None else " (see storylens --help)"
    print_error(error.format_message() + hint)
    return int(error.exit_code)


def run(args: list[str]) -> int:
    """Run the command line `args` and return the exit code; every failure is reported here, in one line."""
    debug = "--debug" in args
    if debug:
        args = ["--debug", *(arg for arg in args if arg != "--debug")]
    try:
        result = app(args=args, prog_name="storylens", standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        result = EXIT_INTERRUPTED
    except StorylensError as error:
        if debug:
            traceback.print_exc()
        print_error(error)
        return error.exit_code
    except BrokenPipeError:  # `storylens stories | head`: the reader left; say nothing
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_RUNTIME
    except Exception as error:
        if is_usage_error(error):
            return report_usage_error(error)
        if debug:
            traceback.print_exc()
        print_error(
            f"internal error: {type(error).__name__}: {error}; this is a bug in storylens: run the command again"
            " with --debug and report the traceback"
        )
        return EXIT_RUNTIME
    if result == EXIT_INTERRUPTED:
        sys.stderr.write("storylens: interrupted; run the same command again to resume\n")
    return result if isinstance(result, int) else 0


class _SigtermReceived:
    """Whether SIGTERM stopped this process (the exit code tells it from Ctrl-C)."""

    received = False


def stop_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM takes Ctrl-C's path: the pool's workers are ended, saved batches kept, no traceback.

    Python's default for SIGTERM kills this process alone, at once: worker processes were left
    running their batch as orphans, and the run ended without its one-line note.
    """
    _SigtermReceived.received = True
    raise KeyboardInterrupt


def main() -> None:
    """The `storylens` executable."""
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    code = run(sys.argv[1:])
    sys.exit(EXIT_TERMINATED if _SigtermReceived.received and code == EXIT_INTERRUPTED else code)


if __name__ == "__main__":
    main()
