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
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from storylens.model import Story
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


def _articles(catalog: Catalog, story: str) -> list[dict[str, Any]]:
    return [catalog.article_row(row) for row in catalog.store.article_summaries(story_id=story)]


def _entities(catalog: Catalog, story: str) -> list[dict[str, Any]]:
    store = catalog.store
    if story:
        _total, mentions = store.finding_page("mention", 0, None, story_id=story)
        found = store.entities_by_id({m["entity_id"] for m in mentions})
        entities = sorted(found.values(), key=lambda e: (-e.mention_count, e.name, e.id))
    else:
        _total, entities = store.entity_page("", 0, store.count_entities() or 1)
    return [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": "; ".join(e.aliases),
            "roles": "; ".join(e.roles),
            "mentions": e.mention_count,
        }
        for e in entities
    ]


def _quotes(catalog: Catalog, story: str) -> list[dict[str, Any]]:
    rows = []
    for q in catalog.store.finding_page("quote", 0, None, story_id=story)[1]:
        speaker = q.get("speaker") or {}
        rows.append(
            {
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
        )
    return rows


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


def _timeline(catalog: Catalog, story: str) -> list[dict[str, Any]]:
    rows = []
    for found in _stories(catalog, story):
        for event in found.timeline:
            for source in event.sources or [None]:
                rows.append(
                    {
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
                )
    return rows


def _claims(catalog: Catalog, story: str) -> list[dict[str, Any]]:
    claims = catalog.store.finding_page("claim", 0, None, story_id=story)[1]
    return [{k: v for k, v in claim.items() if k != "published"} for claim in claims]


BUILDERS: dict[str, Callable[[Catalog, str], list[dict[str, Any]]]] = {
    "articles": _articles,
    "entities": _entities,
    "quotes": _quotes,
    "timeline": _timeline,
    "claims": _claims,
}


def export_rows(catalog: Catalog, table: str, story: str = "") -> list[dict[str, Any]]:
    """The rows of one table, for the whole store or one story."""
    if table not in BUILDERS:
        raise ValueError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    if story and not catalog.has_story(story):
        raise NotFound(f"no story {story!r}")
    return BUILDERS[table](catalog, story)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header; formula-like cells are neutralised."""
    buffer = io.StringIO()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _parquet_column(values: list[Any]) -> list[Any]:
    """One column's values as Parquet can type them: lists and dicts as JSON text, mixed kinds as text.

    A column keeps its numbers (start, end, counts) as numbers when every value is one kind, so analysts'
    tools read spans as integers; a column that mixes kinds (a value that is sometimes a number, sometimes
    a word) becomes text rather than failing the whole export.
    """
    cells = [json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in values]
    kinds = {type(v) for v in cells if v is not None}
    if kinds <= {int} or kinds <= {float} or kinds <= {bool} or kinds <= {str}:
        return cells
    if kinds <= {int, float}:
        return [None if v is None else float(v) for v in cells]
    return [None if v is None else str(v) for v in cells]


def to_parquet(rows: list[dict[str, Any]]) -> bytes:
    """Rows as one Parquet file (needs the `parquet` extra: pyarrow); columns in first-seen order."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ValueError("Parquet export needs pyarrow: pip install 'storylens[parquet]'") from error
    columns = list(dict.fromkeys(key for row in rows for key in row))
    table = pa.table({column: _parquet_column([row.get(column) for row in rows]) for column in columns})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def render(rows: list[dict[str, Any]], fmt: str) -> str | bytes:
    """Rows in one of `FORMATS`: text for JSON and CSV, bytes for Parquet."""
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "parquet":
        return to_parquet(rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def md(text: Any) -> str:
    """Text for Markdown: every syntax character backslash-escaped, line breaks folded to spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def story_brief(catalog: Catalog, story_id: str, max_quotes: int = 12) -> str:
    """A Markdown brief of one story: when, who covered it, who said what, what happened when, sources."""
    data = catalog.story(story_id)
    story = data["story"]
    articles = {a["id"]: a for a in data["articles"]}
    entities = {e["id"]: e for e in data["entities"]}
    lines = [f"# {md(story['title'] or '(untitled story)')}", ""]
    lines.append(f"- Published: {md(story.get('first_published'))} to {md(story.get('last_published'))}")
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
