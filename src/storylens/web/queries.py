"""The one read layer of the web server: every page and every API route asks this module.

It reads only through the `Store` interface (SQLite today, PostgreSQL when that
backend lands), so the server never builds SQL of its own: the store's methods
run parameterised statements and full-text queries go through `plain_words_query`,
which turns any user text into a query that cannot be an FTS syntax error.

At start (and on `refresh`) the catalog reads the corpus once and keeps small
summaries in memory: one row per article (no text), the stories, the entities,
and every quote and mention as spans. Article text is read from the store per
request. Detail answers are shaped like report.json (`build_report` on the
story's or article's part of the corpus), so every finding carries its
`article_id`, `start` and `end`, exactly as in the report contract.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storylens.model import Article, Corpus, Entity, Story, to_dict
from storylens.report.json import OutletProfile, build_report
from storylens.store import Store, StoreError
from storylens.web.settings import WebSettings

_WORD = re.compile(r"\w+")
MAX_FTS_WORDS = 12  # more words than this make a query slow and never make it better


class NotFound(LookupError):
    """No story, article or entity has the requested id."""


class BadQuery(ValueError):
    """A request parameter is well-formed but cannot be answered (e.g. a search with no words)."""


def plain_words_query(text: str) -> str:
    """Free text as a full-text query that matches articles containing every word.

    Each word becomes a quoted FTS5 string, so operators, quotes, parentheses
    and column filters in the input are plain text, never query syntax. Raises
    `BadQuery` when the text has no word at all.
    """
    words = _WORD.findall(text)[:MAX_FTS_WORDS]
    if not words:
        raise BadQuery("the search text has no words")
    return " ".join(f'"{word}"' for word in words)


@dataclass
class ArticleRow:
    """What lists show about an article: everything but its text and findings."""

    id: str
    title: str | None
    outlet: str | None
    camp: str | None
    published: str | None
    language: str | None
    url: str | None
    story_id: str | None
    copy_group: str | None
    duplicate_of: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class StoryRow:
    """A story with the facets the list filters on."""

    story: Story
    camps: list[str]
    entity_ids: set[str]

    def to_json(self, entities: dict[str, Entity]) -> dict[str, Any]:
        story = self.story
        return {
            "id": story.id,
            "title": story.title,
            "articles": len(story.article_ids),
            "outlets": list(story.outlets),
            "camps": list(self.camps),
            "languages": list(story.languages),
            "first_published": story.first_published,
            "last_published": story.last_published,
            "key_entities": [
                {"id": e, "name": entities[e].name, "type": entities[e].type}
                for e in story.key_entity_ids
                if e in entities
            ],
        }


@dataclass
class Page:
    """One page of a list: the rows and how many there are in all."""

    total: int
    offset: int
    limit: int
    items: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "offset": self.offset, "limit": self.limit, "items": self.items}


@dataclass
class StoryFilter:
    """Story list filters; empty fields do not filter."""

    text: str = ""
    date_from: str = ""
    date_to: str = ""
    outlet: str = ""
    camp: str = ""
    language: str = ""
    entity: str = ""


@dataclass
class Catalog:
    """Summaries of a store's corpus, and the queries the web server answers from them."""

    store: Store
    outlets: dict[str, OutletProfile] = field(default_factory=dict)
    settings: WebSettings = field(default_factory=WebSettings)
    articles: dict[str, ArticleRow] = field(default_factory=dict)
    stories: dict[str, StoryRow] = field(default_factory=dict)
    story_order: list[str] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # entity id -> mention spans
    quotes: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)

    def refresh(self) -> None:
        """Read the corpus summaries from the store again (after a new `storylens analyze`)."""
        corpus = self.store.load_corpus()
        self.articles = {a.id: self._row(a) for a in corpus.articles.values()}
        self.entities = dict(corpus.entities)
        mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        entity_stories: dict[str, set[str]] = defaultdict(set)
        quotes, claims = [], []
        for article in corpus.articles.values():
            claims += [{**to_dict(c), "story_id": article.story_id, "outlet": article.outlet} for c in article.claims]
            for mention in article.mentions:
                if mention.entity_id:
                    mentions[mention.entity_id].append(
                        {"article_id": article.id, "start": mention.start, "end": mention.end, "text": mention.text}
                    )
                    if article.story_id:
                        entity_stories[mention.entity_id].add(article.story_id)
            for quote in article.quotes:
                entry = to_dict(quote)
                speaker = quote.speaker
                entity = self.entities.get(speaker.entity_id or "") if speaker else None
                entry["speaker_name"] = entity.name if entity else (speaker.text if speaker else None)
                entry["story_id"] = article.story_id
                entry["outlet"] = article.outlet
                entry["published"] = article.published
                quotes.append(entry)
        self.mentions = dict(mentions)
        self.claims = claims
        self.quotes = sorted(quotes, key=lambda q: (q["published"] or "", q["article_id"], q["start"]))
        by_story: dict[str, set[str]] = defaultdict(set)
        for entity_id, story_ids in entity_stories.items():
            for story_id in story_ids:
                by_story[story_id].add(entity_id)
        self.stories = {}
        for story in corpus.stories.values():
            camps = sorted({c for c in (self._camp_of(a) for a in story.article_ids) if c})
            self.stories[story.id] = StoryRow(story, camps, by_story.get(story.id, set()))
        self.story_order = sorted(
            self.stories,
            key=lambda s: (-len(self.stories[s].story.article_ids), self.stories[s].story.first_published or "", s),
        )

    def _row(self, article: Article) -> ArticleRow:
        profile = self.outlets.get(article.outlet or "")
        camp = article.metadata.get("camp") or (profile.camp if profile else None)
        return ArticleRow(
            id=article.id,
            title=article.title,
            outlet=article.outlet,
            camp=str(camp) if camp else None,
            published=article.published,
            language=article.language,
            url=article.url,
            story_id=article.story_id,
            copy_group=article.copy_group,
            duplicate_of=article.duplicate_of,
        )

    def _camp_of(self, article_id: str) -> str | None:
        row = self.articles.get(article_id)
        return row.camp if row else None

    # -- lists ------------------------------------------------------------------

    def facets(self) -> dict[str, list[str]]:
        """The values the story filters can take (for the filter form)."""
        rows = self.articles.values()
        return {
            "outlets": sorted({r.outlet for r in rows if r.outlet}),
            "camps": sorted({r.camp for r in rows if r.camp}),
            "languages": sorted({r.language for r in rows if r.language}),
        }

    def _text_story_ids(self, text: str) -> set[str]:
        """Stories whose title or any article's text holds every word of `text`."""
        words = [w.casefold() for w in _WORD.findall(text)]
        found = {
            s
            for s, row in self.stories.items()
            if words and all(w in _WORD.findall(row.story.title.casefold()) for w in words)
        }
        for article_id, _snippet in self._search(text, self.settings.max_search_hits):
            row = self.articles.get(article_id)
            if row and row.story_id:
                found.add(row.story_id)
        return found

    def list_stories(self, where: StoryFilter, offset: int, limit: int) -> Page:
        """Stories matching every filter, biggest first."""
        ids: Iterable[str] = self.story_order
        if _WORD.search(where.text):  # text without any word (punctuation only) filters nothing
            matching = self._text_story_ids(where.text)
            ids = [s for s in ids if s in matching]
        rows = [self.stories[s] for s in ids]
        if where.date_from:
            rows = [
                r for r in rows if (r.story.last_published or r.story.first_published or "")[:10] >= where.date_from
            ]
        if where.date_to:
            rows = [r for r in rows if (r.story.first_published or r.story.last_published or "~")[:10] <= where.date_to]
        if where.outlet:
            rows = [r for r in rows if where.outlet in r.story.outlets]
        if where.camp:
            rows = [r for r in rows if where.camp in r.camps]
        if where.language:
            rows = [r for r in rows if where.language in r.story.languages]
        if where.entity:
            rows = [r for r in rows if where.entity in r.entity_ids]
        items = [r.to_json(self.entities) for r in rows[offset : offset + limit]]
        return Page(len(rows), offset, limit, items)

    def list_entities(self, text: str, offset: int, limit: int) -> Page:
        """Entities by mention count; `text` keeps those with a name or alias containing it."""
        needle = text.casefold()
        rows = [
            e
            for e in self.entities.values()
            if not needle or any(needle in name.casefold() for name in [e.name, *e.aliases])
        ]
        rows.sort(key=lambda e: (-len(self.mentions.get(e.id, [])), e.name, e.id))
        items = [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "mentions": len(self.mentions.get(e.id, [])),
            }
            for e in rows[offset : offset + limit]
        ]
        return Page(len(rows), offset, limit, items)

    def list_quotes(self, speaker: str, text: str, offset: int, limit: int, entity: str = "") -> Page:
        """Quotes whose speaker (name as written or resolved) and text contain the given strings."""
        who, what = speaker.casefold(), text.casefold()
        rows = [
            q
            for q in self.quotes
            if (not who or who in str(q.get("speaker_name") or "").casefold())
            and (not what or what in q["text"].casefold())
            and (not entity or (q.get("speaker") or {}).get("entity_id") == entity)
        ]
        return Page(len(rows), offset, limit, rows[offset : offset + limit])

    def _search(self, text: str, limit: int) -> list[tuple[str, str]]:
        try:
            return self.store.search(plain_words_query(text), limit)
        except StoreError as error:  # a query plain_words_query built should always parse; say so plainly if not
            raise BadQuery(f"search failed: {error}") from error

    def search(self, text: str, offset: int, limit: int) -> Page:
        """Full-text hits over article title and text, best first, with the article's summary."""
        hits = self._search(text, min(offset + limit, self.settings.max_search_hits))
        items = []
        for article_id, snippet in hits[offset : offset + limit]:
            row = self.articles.get(article_id)
            items.append({"article_id": article_id, "snippet": snippet, "article": row.to_json() if row else None})
        return Page(len(hits), offset, limit, items)

    # -- details ----------------------------------------------------------------

    def _entities_of(self, articles: Iterable[Article]) -> dict[str, Entity]:
        wanted: set[str] = set()
        for article in articles:
            wanted.update(m.entity_id for m in article.mentions if m.entity_id)
            wanted.update(q.speaker.entity_id for q in article.quotes if q.speaker and q.speaker.entity_id)
        return {e: self.entities[e] for e in sorted(wanted) if e in self.entities}

    def _report(self, articles: list[Article], stories: dict[str, Story]) -> dict[str, Any]:
        """report.json for a part of the corpus: the given articles, their entities and copy groups."""
        corpus = Corpus(articles={a.id: a for a in articles}, stories=stories, entities=self._entities_of(articles))
        report = build_report(corpus, outlets=self.outlets)
        report.pop("errors", None)
        report.pop("stats", None)
        return report

    def story(self, story_id: str) -> dict[str, Any]:
        """A story as report.json shapes it, with its articles (text included) and every finding's span."""
        row = self.stories.get(story_id)
        if row is None:
            raise NotFound(f"no story {story_id!r}")
        articles = [a for a in (self.store.get_article(i) for i in row.story.article_ids) if a is not None]
        report = self._report(articles, {story_id: row.story})
        story = report.pop("stories")[0]
        extra = {k: v for k, v in to_dict(row.story).items() if k not in story and k != "signature"}
        report["story"] = {**story, **extra, "camps": row.camps, "quote_groups": report.pop("quote_groups")}
        report["copy_groups"] = self._copy_groups({a.id for a in articles}, articles)
        return report

    def _copy_groups(self, member_ids: set[str], articles: list[Article]) -> list[dict[str, Any]]:
        """Copy groups touching these articles, rebuilt from the articles' own copy fields."""
        groups: dict[str, dict[str, Any]] = {}
        for article in articles:
            if not article.copy_group:
                continue
            group = groups.setdefault(
                article.copy_group,
                {"id": article.copy_group, "original_id": None, "article_ids": [], "similarity": {}},
            )
            group["article_ids"].append(article.id)
            if article.duplicate_of is None:
                group["original_id"] = article.id
            elif article.copy_similarity is not None:
                group["similarity"][article.id] = article.copy_similarity
        for group in groups.values():
            originals = {a.duplicate_of for a in articles if a.copy_group == group["id"] and a.duplicate_of}
            if group["original_id"] is None and originals:
                group["original_id"] = sorted(originals)[0]
        return [g for g in groups.values() if set(g["article_ids"]) & member_ids]

    def article(self, article_id: str) -> dict[str, Any]:
        """One article as report.json shapes it: text, cleaned-vs-original, and every span found in it."""
        article = self.store.get_article(article_id)
        if article is None:
            raise NotFound(f"no article {article_id!r}")
        report = self._report([article], {})
        entry = report["articles"][0]
        entry["original_text"] = article.original_text  # kept even when cleaning changed nothing
        return {
            "article": entry,
            "story": self.stories[article.story_id].to_json(self.entities)
            if article.story_id in self.stories
            else None,
            "mentions": [
                {**m, "entity_id": e["id"], "entity_name": e["name"]} for e in report["entities"] for m in e["mentions"]
            ],
            "quotes": report["quotes"],
            "time_expressions": report["time_expressions"],
            "claims": report["claims"],
            "entities": [{k: v for k, v in e.items() if k != "mentions"} for e in report["entities"]],
            "outlets": report["outlets"],
        }

    def entity(self, entity_id: str) -> dict[str, Any]:
        """An entity with its aliases, merge evidence, mentions, quotes and stories."""
        entity = self.entities.get(entity_id)
        if entity is None:
            raise NotFound(f"no entity {entity_id!r}")
        mentions = self.mentions.get(entity_id, [])
        story_ids = {self.articles[m["article_id"]].story_id for m in mentions if m["article_id"] in self.articles}
        stories = [self.stories[s].to_json(self.entities) for s in self.story_order if s in story_ids]
        quotes = [q for q in self.quotes if (q.get("speaker") or {}).get("entity_id") == entity_id]
        return {
            "entity": {**to_dict(entity), "mention_count": len(mentions)},
            "mentions": mentions,
            "quotes": quotes,
            "stories": stories,
            "articles": {
                m["article_id"]: self.articles[m["article_id"]].to_json()
                for m in mentions
                if m["article_id"] in self.articles
            },
        }
