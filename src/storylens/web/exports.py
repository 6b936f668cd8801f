"""Exports of the store's findings as flat tables (JSON, CSV, Parquet) and a Markdown brief per story.

Shared by the API (`/api/export/...`) and the CLI (`storylens export`), and built
on the same `Catalog` the pages read, so every row that is a finding carries its
`article_id`, `start` and `end`. Cells are data, never formulas: a CSV cell that
a spreadsheet would run (starting with =, +, -, @) is prefixed with a quote.
Markdown escapes every punctuation mark Markdown could read as syntax, so
hostile article text stays text in a rendered brief.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from storylens.model import Entity, Story
from storylens.store.reads import StoryQuery
from storylens.web.queries import Catalog, NotFound

TABLES = ("articles", "entities", "quotes", "timeline", "claims")
FORMATS = ("json", "csv", "parquet")
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")  # inline syntax; our own prefix starts every line


def _articles(catalog: Catalog, story: str) -> Iterator[dict[str, Any]]:
    for summary in catalog.store.iter_article_summaries(story_id=story):
        yield catalog.article_row(summary)


def _entity_row(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": "; ".join(e.aliases),
        "roles": "; ".join(e.roles),
        "mentions": e.mention_count,
    }


def _entities(catalog: Catalog, story: str) -> Iterator[dict[str, Any]]:
    store = catalog.store
    if not story:
        yield from map(_entity_row, store.iter_entities())
        return
    ids = {m["entity_id"] for m in store.iter_findings("mention", story_id=story)}
    found = store.entities_by_id(ids)
    yield from map(_entity_row, sorted(found.values(), key=lambda e: (-e.mention_count, e.name, e.id)))


def _quotes(catalog: Catalog, story: str) -> Iterator[dict[str, Any]]:
    for q in catalog.store.iter_findings("quote", story_id=story):
        speaker = q.get("speaker") or {}
        yield {
            "id": q["id"],
            "article_id": q["article_id"],
            "start": q["start"],
            "end": q["end"],
            "text": q["text"],
            "kind": q["kind"],
            "speaker": q.get("speaker_name"),
            "speaker_entity_id": speaker.get("entity_id"),
            "verb": q.get("verb"),
            "group": q.get("group"),
            "story_id": q.get("story_id"),
            "outlet": q.get("outlet"),
            "published": q.get("published"),
        }


def _stories(catalog: Catalog, story: str) -> Iterator[Story]:
    """One story, or every story biggest first, read a page at a time."""
    if story:
        yield from catalog.store.stories_by_id([story])
        return
    offset, page = 0, 500
    while True:
        _total, stories = catalog.store.story_page(StoryQuery(), offset, page)
        yield from stories
        if len(stories) < page:
            return
        offset += page


def _timeline(catalog: Catalog, story: str) -> Iterator[dict[str, Any]]:
    for found in _stories(catalog, story):
        for event in found.timeline:
            for source in event.sources or [None]:
                yield {
                    "story_id": found.id,
                    "event_id": event.id,
                    "date": event.date,
                    "event": event.text,
                    "conflict": event.conflict,
                    "conflicting_dates": "; ".join(event.conflicting_dates),
                    "article_id": source.article_id if source else None,
                    "start": source.start if source else None,
                    "end": source.end if source else None,
                    "text": source.text if source else None,
                }


def _claims(catalog: Catalog, story: str) -> Iterator[dict[str, Any]]:
    for claim in catalog.store.iter_findings("claim", story_id=story):
        yield {k: v for k, v in claim.items() if k != "published"}


BUILDERS: dict[str, Callable[[Catalog, str], Iterator[dict[str, Any]]]] = {
    "articles": _articles,
    "entities": _entities,
    "quotes": _quotes,
    "timeline": _timeline,
    "claims": _claims,
}


def iter_export_rows(catalog: Catalog, table: str, story: str = "") -> Iterator[dict[str, Any]]:
    """The rows of one table, for the whole store or one story, read from the store as they are written.

    Checks the table and the story before the first row, so a bad request fails before any output.
    """
    if table not in BUILDERS:
        raise ValueError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    if story and not catalog.has_story(story):
        raise NotFound(f"no story {story!r}")
    return BUILDERS[table](catalog, story)


def export_rows(catalog: Catalog, table: str, story: str = "") -> list[dict[str, Any]]:
    """The rows of one table as a list (small stores, tests); exports stream with `write_export`."""
    return list(iter_export_rows(catalog, table, story))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header; formula-like cells are neutralised."""
    buffer = io.BytesIO()
    write_export(rows, "csv", buffer)
    return buffer.getvalue().decode("utf-8")


def _parquet_column(values: list[Any]) -> list[Any]:
    """One column's values as Parquet can type them: lists and dicts as JSON text, mixed kinds as text.

    A column keeps its numbers (start, end, counts) as numbers when every value is one kind, so analysts'
    tools read spans as integers; a column that mixes kinds (a value that is sometimes a number, sometimes
    a word) becomes text rather than failing the whole export.
    """
    cells = [_json_cell(v) for v in values]
    kind = _column_kind({type(v) for v in cells if v is not None})
    return [_typed(v, kind) for v in cells]


def _json_cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _column_kind(kinds: set[type]) -> type:
    """The one Python type a column's cells are written as (see `_parquet_column`)."""
    for single in (int, float, bool, str):
        if kinds <= {single}:
            return single
    return float if kinds <= {int, float} else str


def _typed(value: Any, kind: type) -> Any:
    if value is None or type(value) is kind:
        return value
    return float(value) if kind is float else str(value)


_ARROW_TYPES = {"int": "int64", "float": "float64", "bool": "bool_", "str": "string"}


class _Spool:
    """Rows kept on disk (JSON lines) while their columns and each column's kinds are learnt.

    CSV needs its header and Parquet its schema before the first row; a table's rows are not all alike
    (a claim without a `value`), so the whole table is seen first, on disk rather than in memory.
    """

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed by the writer
        self.kinds: dict[str, set[type]] = {}
        for row in rows:
            cells = {key: _json_cell(value) for key, value in row.items()}
            for key, value in cells.items():
                seen = self.kinds.setdefault(key, set())
                if value is not None:
                    seen.add(type(value))
            self.file.write(json.dumps(cells, ensure_ascii=False) + "\n")
        self.file.seek(0)

    @property
    def columns(self) -> list[str]:
        return list(self.kinds)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for line in self.file:
            yield json.loads(line)

    def close(self) -> None:
        self.file.close()


def _write_json(rows: Iterable[dict[str, Any]], out: BinaryIO) -> None:
    out.write(b"[")
    for i, row in enumerate(rows):
        out.write((b",\n " if i else b"\n ") + json.dumps(row, ensure_ascii=False).encode("utf-8"))
    out.write(b"\n]\n")


def _write_csv(spool: _Spool, out: BinaryIO) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(spool.columns)
    for row in spool:
        writer.writerow([_cell(row.get(column)) for column in spool.columns])
    text.detach()  # leave `out` open for the caller


def _write_parquet(spool: _Spool, out: BinaryIO, batch: int = 10_000) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ValueError("Parquet export needs pyarrow: pip install 'storylens[parquet]'") from error
    kinds = {column: _column_kind(seen) for column, seen in spool.kinds.items()}
    schema = pa.schema([(c, getattr(pa, _ARROW_TYPES[k.__name__])()) for c, k in kinds.items()])
    with pq.ParquetWriter(out, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in itertools.chain(spool, [None]):
            if row is not None:
                chunk.append(row)
            if chunk and (row is None or len(chunk) >= batch):
                columns = {c: [_typed(r.get(c), k) for r in chunk] for c, k in kinds.items()}
                writer.write_table(pa.table(columns, schema=schema))
                chunk = []
        if not spool.columns:
            writer.write_table(pa.table({}, schema=schema))


def write_export(rows: Iterable[dict[str, Any]], fmt: str, out: BinaryIO) -> None:
    """Rows written to `out` in one of `FORMATS`, a row at a time: memory does not grow with the table.

    JSON streams straight through; CSV and Parquet first spool the rows to a temporary file to learn
    the header and column types.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        _write_json(rows, out)
        return
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401 - fail before reading the store
        except ImportError as error:
            raise ValueError("Parquet export needs pyarrow: pip install 'storylens[parquet]'") from error
    spool = _Spool(rows)
    try:
        (_write_csv if fmt == "csv" else _write_parquet)(spool, out)
    finally:
        spool.close()


def to_parquet(rows: list[dict[str, Any]]) -> bytes:
    """Rows as one Parquet file (needs the `parquet` extra: pyarrow); columns in first-seen order."""
    buffer = io.BytesIO()
    write_export(rows, "parquet", buffer)
    return buffer.getvalue()


def render(rows: Iterable[dict[str, Any]], fmt: str) -> str | bytes:
    """Rows in one of `FORMATS`: text for JSON and CSV, bytes for Parquet (in memory: small tables)."""
    buffer = io.BytesIO()
    write_export(rows, fmt, buffer)
    return buffer.getvalue() if fmt == "parquet" else buffer.getvalue().decode("utf-8")


def md(text: Any) -> str:
    """Text for Markdown: every syntax character backslash-escaped, line breaks folded to spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def published_range(first: str | None, last: str | None) -> str:
    """'A to B', one date when both are the same or one is missing, 'no date known' when none is.

    Articles without a date used to give "- Published:  to " in the brief.
    """
    if not first and not last:
        return "no date known"
    if not first or not last or first == last:
        return md(first or last)
    return f"{md(first)} to {md(last)}"


def story_brief(catalog: Catalog, story_id: str, max_quotes: int = 12) -> str:
    """A Markdown brief of one story: when, who covered it, who said what, what happened when, sources."""
    data = catalog.story(story_id)
    story = data["story"]
    articles = {a["id"]: a for a in data["articles"]}
    entities = {e["id"]: e for e in data["entities"]}
    lines = [f"# {md(story['title'] or '(untitled story)')}", ""]
    lines.append(f"- Published: {published_range(story.get('first_published'), story.get('last_published'))}")
    lines.append(f"- Articles: {len(articles)}; outlets: {md(', '.join(story.get('outlets') or []))}")
    if story.get("camps"):
        lines.append(f"- Camps: {md(', '.join(story['camps']))}")
    key = [entities[e]["name"] for e in story.get("key_entity_ids") or [] if e in entities]
    if key:
        lines.append(f"- Key actors and places: {md(', '.join(key))}")
    lines += ["", "## Who said what", ""]
    quotes = data["quotes"][:max_quotes]
    for q in quotes:
        speaker_info = q.get("speaker") or {}
        entity = entities.get(speaker_info.get("entity_id") or "")
        speaker = entity["name"] if entity else speaker_info.get("text") or "unattributed"
        outlet = (articles.get(q["article_id"]) or {}).get("outlet") or "article"
        where = f"{md(outlet)}, article {md(q['article_id'])} chars {q['start']}–{q['end']}"
        lines.append(f"- **{md(speaker)}**: “{md(q['text'])}” ({where})")
    if not quotes:
        lines.append("No quotes found.")
    lines += ["", "## Timeline", ""]
    for event in story.get("timeline") or []:
        flag = " (sources disagree)" if event.get("conflict") else ""
        lines.append(f"- {md(event.get('date'))}: {md(event.get('text'))}{flag}")
    if not story.get("timeline"):
        lines.append("No dated events found.")
    lines += ["", "## Articles", ""]
    for article in sorted(articles.values(), key=lambda a: a.get("published") or ""):
        when, outlet, title = md(article.get("published")), md(article.get("outlet")), md(article.get("title"))
        lines.append(f"- {when} · {outlet} · {title} (article {md(article['id'])})")
    return "\n".join(lines) + "\n"
