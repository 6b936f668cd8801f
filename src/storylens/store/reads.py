"""Indexed reads for the web server: pages of stories, entities and findings straight from the store.

`storylens serve` must start in seconds and stay small whatever the store's size,
so it does not load the corpus: every list is one paged, indexed query here. Both
backends share these queries (`IndexedReads`); they differ only in a few SQL
spellings (`ReadDialect`): placeholders, JSON access and case-insensitive LIKE.

What makes the queries cheap is kept up to date by the write paths:
- `stories.size`, `first_published`, `last_published`: the list's order and date filter;
- `entities.mentions`: resolved mentions per entity, the entity list's order;
- `findings`: one row per resolved mention, quote and claim, with the article's
  story, outlet and date, so quotes page and filter without reading articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from storylens.model import Article, Entity, Story, from_dict, to_dict

FINDING_KINDS = ("mention", "quote", "claim")
STREAM_BATCH = 1000  # rows per round trip when a whole table is streamed (exports)
_SPEAKER_NAME = "COALESCE(e.name, f.speaker_text)"  # a quote's resolved speaker, else as written


@dataclass(frozen=True)
class ReadDialect:
    """How one backend spells what the shared queries need."""

    param: str  # the placeholder: "?" (SQLite) or "%s" (psycopg)
    like: str  # case-insensitive LIKE: "LIKE" (SQLite, ASCII) or "ILIKE"
    camp: str  # the article's own camp (from its metadata), as an expression over `articles`
    aliases_like: str  # "an alias of entity e matches the pattern", with one placeholder
    nulls_first: str  # after an ascending sort key: undated rows first (SQLite does so by default)

    def fields(self, column: str, paths: tuple[str, ...]) -> str:
        """Several fields of a JSON column as one JSON array, so the document is parsed once, not per field."""
        if self.param == "?":
            return f"json_extract({column}, {', '.join(repr('$.' + path) for path in paths)})"
        pointers = ", ".join(f"{column} #> '{{{','.join(path.split('.'))}}}'" for path in paths)
        return f"jsonb_build_array({pointers})"


SQLITE_DIALECT = ReadDialect(
    param="?",
    like="LIKE",
    camp="json_extract(data, '$.metadata.camp')",
    aliases_like="EXISTS (SELECT 1 FROM json_each(e.data, '$.aliases') alias WHERE alias.value LIKE ? ESCAPE '\\')",
    nulls_first="",
)
POSTGRES_DIALECT = ReadDialect(
    param="%s",
    like="ILIKE",
    camp="(data->'metadata'->>'camp')",
    aliases_like=(
        "EXISTS (SELECT 1 FROM jsonb_array_elements_text(COALESCE(e.data->'aliases', '[]'::jsonb)) alias"
        " WHERE alias ILIKE %s ESCAPE '\\')"
    ),
    nulls_first=" NULLS FIRST",
)


def outlet_key(name: str) -> str:
    """An outlet name as filters compare it: case folded, runs of whitespace as one space, ends trimmed."""
    return " ".join(name.split()).casefold()


@dataclass
class StoryQuery:
    """Filters of the story list; empty fields do not filter.

    story_ids: only these stories (what a text search found); None for no text filter.
    camp_outlets: the outlets the outlets file puts in `camp`; an article's own camp also counts.
    """

    story_ids: set[str] | None = None
    date_from: str = ""
    date_to: str = ""
    outlet: str = ""
    camp: str = ""
    camp_outlets: tuple[str, ...] = ()
    language: str = ""
    entity: str = ""


@dataclass
class ArticleSummary:
    """What lists show about an article: everything but its text and findings."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    url: str | None
    story_id: str | None
    copy_group: str | None
    duplicate_of: str | None
    camp: str | None  # the article's own camp (metadata); the outlets file may give one too


def like_pattern(text: str) -> str:
    """`%text%` with LIKE's wildcards in `text` escaped (the queries say ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def finding_rows(article: Article) -> list[tuple[Any, ...]]:
    """The `findings` rows of one article: resolved mentions, quotes and claims, with the article's facets.

    Columns: kind, article_id, story_id, outlet, published, start_char, end_char, entity_id, text,
    speaker_text, data (the finding as JSON text).
    """
    base = (article.id, article.story_id, article.outlet, article.published)
    rows: list[tuple[Any, ...]] = []
    for mention in article.mentions:
        if mention.entity_id:
            rows.append(("mention", *base, mention.start, mention.end, mention.entity_id, mention.text, None, mention))
    for quote in article.quotes:
        speaker = quote.speaker
        entity_id = speaker.entity_id if speaker else None
        rows.append(
            ("quote", *base, quote.start, quote.end, entity_id, quote.text, speaker.text if speaker else None, quote)
        )
    for claim in article.claims:
        rows.append(("claim", *base, claim.start, claim.end, None, claim.text, None, claim))
    return [(*row[:-1], json.dumps(to_dict(row[-1]), ensure_ascii=False)) for row in rows]


FINDING_COLUMNS = (
    "kind, article_id, story_id, outlet, published, start_char, end_char, entity_id, text, speaker_text, data"
)


def story_columns(story: Story) -> tuple[int, str | None, str | None]:
    """The indexed columns of a story row: size, first and last publication."""
    return len(story.article_ids), story.first_published, story.last_published


class IndexedReads:
    """The web server's queries, shared by the SQLite and PostgreSQL stores (see module docstring)."""

    dialect: ReadDialect
    _added_order = "rowid"  # the column that orders articles as they were added ("seq" on PostgreSQL)

    def _fetch(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _stream(self, sql: str, parameters: Iterable[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query read a batch at a time (exports of a whole store must not hold it in memory).

        Each backend streams its own way (a SQLite cursor, a PostgreSQL server-side cursor); this fallback
        fetches all.
        """
        yield from self._fetch(sql, parameters)

    def _decode(self, data: Any) -> dict[str, Any]:
        """A JSON column's value as a dict (SQLite hands back text, psycopg a parsed value)."""
        return json.loads(data) if isinstance(data, str) else dict(data)

    def _in(self, values: Iterable[Any]) -> tuple[str, list[Any]]:
        items = list(values)
        return "(" + ", ".join([self.dialect.param] * len(items)) + ")", items

    # -- stories ----------------------------------------------------------------

    def _story_where(self, query: StoryQuery) -> tuple[str, list[Any]] | None:
        """The WHERE clause of a story query, or None when it cannot match anything."""
        p = self.dialect.param
        conditions, parameters = ["1 = 1"], []
        if query.story_ids is not None:
            if not query.story_ids:
                return None
            clause, values = self._in(sorted(query.story_ids))
            conditions.append(f"s.id IN {clause}")
            parameters += values
        if query.date_from:
            conditions.append(f"substr(COALESCE(s.last_published, s.first_published, ''), 1, 10) >= {p}")
            parameters.append(query.date_from)
        if query.date_to:
            conditions.append(f"substr(COALESCE(s.first_published, s.last_published, '~'), 1, 10) <= {p}")
            parameters.append(query.date_to)
        if query.outlet:
            names = self.stored_outlets_named(query.outlet)
            if not names:
                return None
            clause, values = self._in(names)
            conditions.append(f"s.id IN (SELECT story_id FROM articles WHERE outlet IN {clause})")
            parameters += values
        if query.language:
            conditions.append(f"s.id IN (SELECT story_id FROM articles WHERE language = {p})")
            parameters.append(query.language)
        if query.camp:
            clause, values = self._in(query.camp_outlets or [""])
            conditions.append(
                f"s.id IN (SELECT story_id FROM articles WHERE outlet IN {clause} OR {self.dialect.camp} = {p})"
            )
            parameters += [*values, query.camp]
        if query.entity:
            conditions.append(f"s.id IN (SELECT story_id FROM findings WHERE entity_id = {p} AND kind = 'mention')")
            parameters.append(query.entity)
        return " AND ".join(conditions), parameters

    def story_page(self, query: StoryQuery, offset: int, limit: int) -> tuple[int, list[Story]]:
        """Stories matching `query`, largest first (then earliest, then by id): how many, and one page."""
        where = self._story_where(query)
        if where is None:
            return 0, []
        clause, parameters = where
        total = int(self._fetch(f"SELECT COUNT(*) FROM stories s WHERE {clause}", parameters)[0][0])
        p = self.dialect.param
        rows = self._fetch(
            f"SELECT s.data FROM stories s WHERE {clause}"
            f" ORDER BY s.size DESC, COALESCE(s.first_published, ''), s.id LIMIT {p} OFFSET {p}",
            [*parameters, limit, offset],
        )
        return total, [from_dict(Story, self._decode(data)) for (data,) in rows]

    def stories_by_id(self, story_ids: Iterable[str]) -> list[Story]:
        """The stories named, largest first (unknown ids are left out)."""
        clause, values = self._in(sorted(set(story_ids)))
        if not values:
            return []
        rows = self._fetch(
            f"SELECT s.data FROM stories s WHERE s.id IN {clause}"
            " ORDER BY s.size DESC, COALESCE(s.first_published, ''), s.id",
            values,
        )
        return [from_dict(Story, self._decode(data)) for (data,) in rows]

    def story_ids_titled(self, words: list[str], limit: int) -> list[str]:
        """Stories whose title contains every one of `words` (case-insensitive substrings)."""
        p, like = self.dialect.param, self.dialect.like
        conditions = " AND ".join(f"s.title {like} {p} ESCAPE '\\'" for _ in words) or "1 = 1"
        rows = self._fetch(
            f"SELECT s.id FROM stories s WHERE {conditions} LIMIT {p}", [*map(like_pattern, words), limit]
        )
        return [row[0] for row in rows]

    def story_camps(self, story_ids: Iterable[str]) -> dict[str, set[str]]:
        """The articles' own camps (from their metadata) per story."""
        clause, values = self._in(sorted(set(story_ids)))
        if not values:
            return {}
        rows = self._fetch(
            f"SELECT DISTINCT story_id, {self.dialect.camp} FROM articles WHERE story_id IN {clause}"
            f" AND {self.dialect.camp} IS NOT NULL",
            values,
        )
        camps: dict[str, set[str]] = {}
        for story_id, camp in rows:
            camps.setdefault(story_id, set()).add(str(camp))
        return camps

    # -- articles ---------------------------------------------------------------

    def article_summaries(self, article_ids: Iterable[str] | None = None, story_id: str = "") -> list[ArticleSummary]:
        """Summaries of the analyzed articles named (all when None), or of one story's, in the order added.

        The status is checked here, not in SQL: with `status = ...` in the WHERE clause the planner may
        pick the status index (nearly every row) over the id or story index, and read the whole table.
        """
        d = self.dialect
        extras = d.fields("data", ("copy_group", "duplicate_of", "metadata.camp"))
        sql = (
            f"SELECT {self._added_order}, status, id, title, outlet, published, language, url, story_id, {extras}"
            " FROM articles"
        )
        parameters: list[Any] = []
        if article_ids is not None:
            clause, parameters = self._in(sorted(set(article_ids)))
            if not parameters:
                return []
            sql += f" WHERE id IN {clause}"
        elif story_id:
            sql += f" WHERE story_id = {d.param}"
            parameters.append(story_id)
        if story_id and article_ids is not None:
            sql += f" AND story_id = {d.param}"
            parameters.append(story_id)
        rows = sorted(self._fetch(sql, parameters), key=lambda row: row[0])
        return [self._summary(row[2:]) for row in rows if row[1] == "analyzed"]

    def iter_article_summaries(self, story_id: str = "") -> Iterator[ArticleSummary]:
        """Every analyzed article's summary (or one story's) in the order added, streamed (exports)."""
        d = self.dialect
        extras = d.fields("data", ("copy_group", "duplicate_of", "metadata.camp"))
        sql = f"SELECT status, id, title, outlet, published, language, url, story_id, {extras} FROM articles"
        parameters: list[Any] = []
        if story_id:
            sql += f" WHERE story_id = {d.param}"
            parameters.append(story_id)
        for row in self._stream(sql + f" ORDER BY {self._added_order}", parameters):
            if row[0] == "analyzed":
                yield self._summary(row[1:])

    def _summary(self, row: tuple[Any, ...]) -> ArticleSummary:
        copy_group, duplicate_of, camp = json.loads(row[7]) if isinstance(row[7], str) else row[7]
        return ArticleSummary(*row[:7], copy_group, duplicate_of, str(camp) if camp else None)

    def story_ids_of(self, article_ids: Iterable[str]) -> set[str]:
        """The stories the articles named are in."""
        clause, values = self._in(sorted(set(article_ids)))
        if not values:
            return set()
        rows = self._fetch(f"SELECT DISTINCT story_id FROM articles WHERE id IN {clause}", values)
        return {row[0] for row in rows if row[0]}

    def stored_outlets_named(self, outlet: str) -> list[str]:
        """The stored `outlet` values an outlet filter means: the same name in any case and spacing.

        People type outlet names as they say them ("kessport voice", "Kessport  Voice "); a filter that
        compares bytes answers such a name with nothing. The comparison is done here, over the distinct
        stored names, so both stores fold case the same way (SQLite's lower() folds ASCII only)."""
        key = outlet_key(outlet)
        return [value for value in self.distinct_article_values("outlet") if outlet_key(value) == key]

    def distinct_article_values(self, column: str) -> list[str]:
        """The values of one facet column of the articles (`outlet`, `language`, or `camp`), sorted."""
        expression = {"outlet": "outlet", "language": "language", "camp": self.dialect.camp}[column]
        rows = self._fetch(f"SELECT DISTINCT {expression} FROM articles WHERE {expression} IS NOT NULL")
        return sorted(str(row[0]) for row in rows if row[0])

    # -- entities ---------------------------------------------------------------

    def entities_by_id(self, entity_ids: Iterable[str]) -> dict[str, Entity]:
        clause, values = self._in(sorted(set(entity_ids)))
        if not values:
            return {}
        rows = self._fetch(f"SELECT e.data, e.mentions FROM entities e WHERE e.id IN {clause}", values)
        found = {}
        for data, mentions in rows:
            entity = from_dict(Entity, self._decode(data))
            entity.mention_count = int(mentions)
            found[entity.id] = entity
        return found

    def entity_page(self, text: str, offset: int, limit: int) -> tuple[int, list[Entity]]:
        """Entities by resolved mentions (most first), `text` matching a name or alias: how many, one page.

        Each entity's `mention_count` is set to its resolved mentions in the store.
        """
        p, d = self.dialect.param, self.dialect
        clause, parameters = "1 = 1", []
        if text:
            clause = f"(e.name {d.like} {p} ESCAPE '\\' OR {d.aliases_like})"
            parameters = [like_pattern(text), like_pattern(text)]
        total = int(self._fetch(f"SELECT COUNT(*) FROM entities e WHERE {clause}", parameters)[0][0])
        rows = self._fetch(
            f"SELECT e.data, e.mentions FROM entities e WHERE {clause}"
            f" ORDER BY e.mentions DESC, e.name, e.id LIMIT {p} OFFSET {p}",
            [*parameters, limit, offset],
        )
        entities = []
        for data, mentions in rows:
            entity = from_dict(Entity, self._decode(data))
            entity.mention_count = int(mentions)
            entities.append(entity)
        return total, entities

    def iter_entities(self) -> Iterator[Entity]:
        """Every entity, most resolved mentions first (the entity list's order), streamed (exports)."""
        rows = self._stream("SELECT e.data, e.mentions FROM entities e ORDER BY e.mentions DESC, e.name, e.id")
        for data, mentions in rows:
            entity = from_dict(Entity, self._decode(data))
            entity.mention_count = int(mentions)
            yield entity

    # -- findings ---------------------------------------------------------------

    def _finding_source(
        self, kind: str, entity_id: str, speaker: str, text: str, story_id: str
    ) -> tuple[str, list[Any]]:
        """The FROM/WHERE of a findings query with its parameters (shared by the page and the stream)."""
        p, d = self.dialect.param, self.dialect
        conditions, parameters = [f"f.kind = {p}"], [kind]
        for value, condition in (
            (entity_id, f"f.entity_id = {p}"),
            (story_id, f"f.story_id = {p}"),
            (speaker and like_pattern(speaker), f"{_SPEAKER_NAME} {d.like} {p} ESCAPE '\\'"),
            (text and like_pattern(text), f"f.text {d.like} {p} ESCAPE '\\'"),
        ):
            if value:
                conditions.append(condition)
                parameters.append(value)
        return f"findings f LEFT JOIN entities e ON e.id = f.entity_id WHERE {' AND '.join(conditions)}", parameters

    def _finding_select(self, source: str) -> str:
        return (
            f"SELECT f.data, f.story_id, f.outlet, f.published, {_SPEAKER_NAME} FROM {source}"
            f" ORDER BY f.published{self.dialect.nulls_first}, f.article_id, f.start_char"
        )

    def _finding_item(self, kind: str, row: tuple[Any, ...]) -> dict[str, Any]:
        data, story, outlet, published, name = row
        item = self._decode(data)
        if kind == "quote":
            item["speaker_name"] = name
        return {**item, "story_id": story, "outlet": outlet, "published": published}

    def finding_page(
        self,
        kind: str,
        offset: int,
        limit: int | None,
        *,
        entity_id: str = "",
        speaker: str = "",
        text: str = "",
        story_id: str = "",
    ) -> tuple[int, list[dict[str, Any]]]:
        """Findings of one kind in date order (then article, then position): how many, and one page.

        Each item is the finding as report.json has it plus `story_id`, `outlet`, `published` and, for
        quotes, `speaker_name` (the resolved entity's name, else the speaker as written). `speaker` and
        `text` keep findings whose speaker name / text contain them (case-insensitive); limit None: all.
        """
        p = self.dialect.param
        source, parameters = self._finding_source(kind, entity_id, speaker, text, story_id)
        total = int(self._fetch(f"SELECT COUNT(*) FROM {source}", parameters)[0][0])
        page = f" LIMIT {p} OFFSET {p}" if limit is not None else ""
        rows = self._fetch(
            self._finding_select(source) + page, [*parameters, *((limit, offset) if limit is not None else ())]
        )
        return total, [self._finding_item(kind, row) for row in rows]

    def iter_findings(self, kind: str, *, story_id: str = "") -> Iterator[dict[str, Any]]:
        """Every finding of one kind (or one story's), in `finding_page`'s order and shape, streamed (exports)."""
        source, parameters = self._finding_source(kind, "", "", "", story_id)
        for row in self._stream(self._finding_select(source), parameters):
            yield self._finding_item(kind, row)

    def entity_story_ids(self, entity_id: str) -> set[str]:
        """Stories with a resolved mention of the entity."""
        rows = self._fetch(
            f"SELECT DISTINCT story_id FROM findings WHERE entity_id = {self.dialect.param} AND kind = 'mention'"
            " AND story_id IS NOT NULL",
            [entity_id],
        )
        return {row[0] for row in rows}

    def count_findings(self, kind: str) -> int:
        return int(self._fetch(f"SELECT COUNT(*) FROM findings WHERE kind = {self.dialect.param}", [kind])[0][0])

    def count_entities(self) -> int:
        return int(self._fetch("SELECT COUNT(*) FROM entities")[0][0])


__all__ = [
    "FINDING_COLUMNS",
    "FINDING_KINDS",
    "POSTGRES_DIALECT",
    "SQLITE_DIALECT",
    "STREAM_BATCH",
    "ArticleSummary",
    "IndexedReads",
    "ReadDialect",
    "StoryQuery",
    "finding_rows",
    "like_pattern",
    "story_columns",
]
