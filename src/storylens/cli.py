"""The `storylens` command line: thin commands over `storylens.api`.

Data goes to stdout (as JSON with `--json`), progress and errors to stderr,
so commands compose in shell pipelines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from storylens import __version__, api
from storylens.model import Article, ErrorRecord, to_dict

app = typer.Typer(
    name="storylens",
    help="Turn a pile of news articles into stories: copies, actors, quotes, timelines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[str, typer.Option("--db", help="Store URL: a SQLite file path or sqlite:///path.")]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", "-w", min=1, help="Worker processes (default: one per core).")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", exists=True, dir_okay=False, help="YAML settings file (see docs).")
]


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
        err.print(f"[red]error[/red] {record.source}: {record.error}", markup=True, highlight=False)


def _print_result(result: api.AnalysisResult) -> None:
    out.print(f"Analysed {result.articles} articles ({result.new_articles} new) into {result.stories} stories.")
    out.print(f"Input: {result.files_read} file(s) read, {result.files_unchanged} file(s) unchanged, skipped.")
    if result.errors:
        out.print(f"{len(result.errors)} input(s) could not be read or analysed: see errors[] in the report.")
    out.print(f"JSON report: {result.report_path}")
    out.print(f"HTML report: {result.html_path}")
    out.print(f"Store:       {result.store_url}")


def _run_analysis(run: Any) -> None:
    from storylens.config import SettingsError
    from storylens.store import StoreError

    try:
        result = run()
    except api.NothingAnalyzed as error:
        err.print(f"[red]storylens: {error}[/red]")
        raise typer.Exit(2) from error
    except (StoreError, SettingsError) as error:
        err.print(f"[red]storylens: {error}[/red]")
        raise typer.Exit(2) from error
    _print_result(result)


@app.command()
def analyze(
    inputs: Annotated[list[Path], typer.Argument(help="Article files or folders (walked recursively).")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.json, report.html and the store.")],
    db: Annotated[str | None, typer.Option("--db", help="Store URL (default: OUT/storylens.db).")] = None,
    workers: WorkersOption = None,
    outlets: Annotated[
        Path | None, typer.Option("--outlets", exists=True, dir_okay=False, help="YAML of outlet camps/countries.")
    ] = None,
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
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
                settings=load_settings(config),
                outlets_file=outlets,
                progress=progress,
            )
        )


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

    count = 0
    for item in api.extract(files, load_settings(config)):
        if isinstance(item, ErrorRecord):
            err.print(f"[red]error[/red] {item.source}: {item.error}", highlight=False)
            continue
        count += 1
        record = _extract_record(item, show_removed)
        if as_json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        out.rule(f"{item.source}")
        for key in ("title", "outlet", "published", "language", "url", "based_on"):
            if record[key]:
                out.print(f"[bold]{key}:[/bold] {record[key]}", markup=True, highlight=False)
        out.print()
        out.print(item.text, markup=False)
        if show_removed and item.removals:
            out.print()
            out.print("[bold]Removed by cleaning:[/bold]", markup=True)
            for removal in item.removals:
                replaced = f" → {removal.replacement!r}" if removal.replacement else ""
                out.print(f"  [{removal.reason}] {removal.text!r}{replaced}", markup=False)
    if count == 0:
        err.print("[red]storylens: no article could be extracted[/red]")
        raise typer.Exit(2)


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


@app.command()
def show(
    story_id: Annotated[str, typer.Argument(help="A story id from `storylens stories`.")],
    db: DbOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one story: its articles, outlets, quotes and timeline."""
    found = api.show_story(db, story_id)
    if found is None:
        err.print(f"[red]storylens: no story {story_id!r} in {db}[/red]")
        raise typer.Exit(2)
    story, articles = found
    if as_json:
        payload = {"story": to_dict(story), "articles": [_extract_record(a, False) for a in articles]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(f"[bold]{story.title}[/bold]  ({story.id})", markup=True, highlight=False)
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
    found = api.show_story(db, story_id)
    if found is None:
        err.print(f"[red]storylens: no story {story_id!r} in {db}[/red]")
        raise typer.Exit(2)
    story, articles = found
    outlets = {a.id: a.outlet or "?" for a in articles}
    if as_json:
        payload = {"story_id": story.id, "timeline": to_dict(story.timeline), "coverage": to_dict(story.coverage)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    for event in story.timeline:
        sources = ", ".join(sorted({outlets.get(s.article_id, "?") for s in event.sources}))
        flag = f"  CONFLICT: {' vs '.join(event.conflicting_dates)}" if event.conflict else ""
        out.print(f"{event.date:<12} {event.text}  [{sources}]{flag}", markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Full-text query (SQLite FTS5 syntax).")],
    db: DbOption,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
) -> None:
    """Full-text search over stored articles."""
    from storylens.store import open_store

    with open_store(db) as store:
        for article_id, snippet in store.search(query, limit):
            out.print(f"{article_id}  {snippet}", markup=False)


@app.command()
def validate(report: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A report.json file.")]) -> None:
    """Check a report.json against the shipped JSON Schema."""
    import jsonschema

    from storylens.report.json import validate_report

    try:
        validate_report(json.loads(report.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, jsonschema.ValidationError) as error:
        err.print(f"[red]{report}: invalid report: {getattr(error, 'message', error)}[/red]")
        raise typer.Exit(1) from error
    out.print(f"{report}: valid storylens report")


@app.command()
def score(
    report: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A report.json file.")],
    gold: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="A gold annotation (docs/evaluation.md).")],
) -> None:
    """Score a report against a hand-made gold annotation and print the figures as JSON."""
    from storylens.evaluation import score_report

    try:
        report_data = json.loads(report.read_text(encoding="utf-8"))
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
        scores = score_report(report_data, gold_data)
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        err.print(f"[red]cannot score {report} against {gold}: {type(error).__name__}: {error}[/red]")
        raise typer.Exit(1) from error
    typer.echo(json.dumps(scores, indent=2, ensure_ascii=False))


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
        Path | None, typer.Option("--outlets", exists=True, dir_okay=False, help="YAML of outlet camps/countries.")
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
        err.print(f"storylens serve: {error}", style="red", markup=False)
        raise typer.Exit(2) from error


@app.command()
def export(
    table: Annotated[
        str, typer.Argument(help="articles, entities, quotes, timeline or claims; or brief (needs --story).")
    ],
    db: DbOption,
    fmt: Annotated[str, typer.Option("--format", help="json or csv (brief is always Markdown).")] = "json",
    story: Annotated[str, typer.Option("--story", help="Only this story's rows.")] = "",
    outlets: Annotated[
        Path | None, typer.Option("--outlets", exists=True, dir_okay=False, help="YAML of outlet camps/countries.")
    ] = None,
) -> None:
    """Print a table of findings (JSON or CSV) or a story's Markdown brief; every finding row has its span."""
    from storylens.store import StoreError
    from storylens.web.exports import export_rows, render, story_brief
    from storylens.web.queries import Catalog, NotFound

    try:
        with _open_existing(db) as store:
            catalog = Catalog(store, api.load_outlet_profiles(outlets))
            catalog.refresh()
            if table == "brief":
                if not story:
                    raise ValueError("the brief needs --story")
                text = story_brief(catalog, story)
            else:
                text = render(export_rows(catalog, table, story), fmt)
    except (StoreError, FileNotFoundError, ValueError, NotFound) as error:
        err.print(f"storylens export: {error}", style="red", markup=False)
        raise typer.Exit(2) from error
    sys.stdout.write(text)


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


if __name__ == "__main__":
    app()
