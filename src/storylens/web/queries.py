"""The one read layer of the web server: every page and every API route asks this module.

It reads only through the `Store` interface (SQLite today, PostgreSQL when that
backend lands), so the server never builds SQL of its own: the store's methods
run parameterised statements and full-text queries go through `plain_words_query`,
which turns any user text into a query that cannot be an FTS syntax error.

Every answer is read from the store when asked, through the store's paged,
indexed queries (`store/reads.py`) and its full-text search, so the server starts
in about a second and its memory does not grow with the store: all it keeps are
the counts and filter values (`refresh`). Detail answers are shaped like
report.json (`build_report` on the story's or article's part of the corpus), so
every finding carries its `article_id`, `start` and `end`, exactly as in the
report contract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from storylens.model import Article, Corpus, Entity, Story, to_dict
from storylens.outlets import OutletDirectory
from storylens.report.json import OutletProfile, build_report
from storylens.store import Store, StoreError
from storylens.store.reads import ArticleSummary, StoryQuery
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


FRAMING_SPAN_KINDS = {  # a key on the way to a span in story.framing -> what the article page calls the span
    "about": "aimed at",
    "loaded_terms": "loaded language",
    "contrast": "distinctive word",
    "voices": "voice",
    "naming": "naming",
    "tone": "tone",
    "gaps": "claim gap",
}


def _spans_under(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every span-shaped dict (`article_id`, `start`, `end`) inside a JSON value, with the keys leading to it."""
    if isinstance(value, dict):
        if {"article_id", "start", "end"} <= value.keys():
            yield path, value
        for key, item in value.items():
            yield from _spans_under(item, (*path, str(key)))
    elif isinstance(value, list):
        for item in value:
            yield from _spans_under(item, path)


def framing_spans(framing: dict[str, Any], article_id: str) -> list[dict[str, Any]]:
    """The story framing's spans inside one article (loaded terms and who they aim at, distinctive words,
    voices, naming contrasts, tone cues, claim gaps), once each and in text order, so every link of the story
    page's framing panels lands on a row of the article page."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for path, span in _spans_under(framing):
        if span.get("article_id") != article_id:
            continue
        what = next((FRAMING_SPAN_KINDS[key] for key in reversed(path) if key in FRAMING_SPAN_KINDS), "framing")
        category = span.get("category") if what == "loaded language" else None
        found.setdefault((int(span["start"]), int(span["end"])), {**span, "what": what, "category": category})
    return [found[key] for key in sorted(found)]


def timeline_spans(story: Story | None, article_id: str) -> list[dict[str, Any]]:
    """The sentences of this article the story's timeline cites, once each and in text order, with the event's
    date, so a timeline source link lands on a row of the article page."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for event in story.timeline if story else []:
        for source in event.sources:
            if source.article_id == article_id:
                row = {"start": source.start, "end": source.end, "text": source.text, "date": event.date}
                found.setdefault((source.start, source.end), row)
    return [found[key] for key in sorted(found)]


@dataclass
class Page:
    """One page of a list: the rows and how many there are in all."""

    total: int
    offset: int
    limit: int
    items: list[dict[str, Any]]
    total_is_lower_bound: bool = False  # there are more than `total` rows; only the first `total` can be paged

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "total_is_lower_bound": self.total_is_lower_bound,
            "offset": self.offset,
            "limit": self.limit,
            "items": self.items,
        }


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
    """The queries the web server answers, each read from the store when asked (see module docstring)."""

    store: Store
    outlets: dict[str, OutletProfile] = field(default_factory=dict)
    settings: WebSettings = field(default_factory=WebSettings)
    counts: dict[str, int] = field(default_factory=dict)  # articles, stories, entities, quotes in the store
    filter_values: dict[str, list[str]] = field(default_factory=dict)  # outlets, camps, languages
    camp_outlets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # camp -> `outlet` values meaning it
    directory: OutletDirectory = field(init=False)  # the outlets file's names, aliases and domains, indexed

    def __post_init__(self) -> None:
        self.directory = OutletDirectory.of_profiles(self.outlets)

    def refresh(self) -> None:
        """Read the counts and the filter values again (after a new `storylens analyze`); a few indexed scans."""
        store = self.store
        self.counts = {
            "articles": store.count_articles("analyzed"),
            "stories": store.count_stories(),
            "entities": store.count_entities(),
            "quotes": store.count_findings("quote"),
        }
        outlets = store.distinct_article_values("outlet")
        self.camp_outlets = self._outlet_values_by_camp(outlets)
        configured = {camp for camp in self.camp_outlets if set(self.camp_outlets[camp]) & set(outlets)}
        self.filter_values = {
            "outlets": outlets,
            "camps": sorted({*configured, *store.distinct_article_values("camp")}),
            "languages": store.distinct_article_values("language"),
        }

    def _outlet_values_by_camp(self, stored: list[str]) -> dict[str, tuple[str, ...]]:
        """For each camp of the outlets file, the article `outlet` values that name one of its outlets: the
        stored values the outlets file's names, aliases or domains match (any case or punctuation), and the
        names and aliases as written (for articles stored after the server started)."""
        by_camp: dict[str, set[str]] = {}
        for profile in self.outlets.values():
            if profile.camp:
                by_camp.setdefault(profile.camp, set()).update([profile.name, *profile.aliases])
        for value in stored:
            camp = self._outlet_camp(value)
            if camp:
                by_camp.setdefault(camp, set()).add(value)
        return {camp: tuple(sorted(values)) for camp, values in by_camp.items()}

    # -- rows -------------------------------------------------------------------

    def _outlet_camp(self, outlet: str | None, url: str | None = None) -> str | None:
        """The camp the outlets file gives the outlet this `outlet` field (name, alias or domain) or URL names."""
        match = self.directory.match(outlet, url)
        profile = self.outlets.get(match.name) if match else None
        return profile.camp if profile and profile.camp else None

    def article_row(self, summary: ArticleSummary) -> dict[str, Any]:
        """What lists show about an article; its camp is its own, else its outlet's."""
        return {
            "id": summary.id,
            "title": summary.title,
            "outlet": summary.outlet,
            "camp": summary.camp or self._outlet_camp(summary.outlet, summary.url),
            "published": summary.published,
            "language": summary.language,
            "url": summary.url,
            "story_id": summary.story_id,
            "copy_group": summary.copy_group,
            "duplicate_of": summary.duplicate_of,
        }

    def _story_rows(self, stories: list[Story]) -> list[dict[str, Any]]:
        """List rows of some stories: camps from the outlets file and the articles, key entities named."""
        own_camps = self.store.story_camps(s.id for s in stories)
        entities = self.store.entities_by_id(e for s in stories for e in s.key_entity_ids)
        rows = []
        for story in stories:
            camps = {c for c in map(self._outlet_camp, story.outlets) if c} | own_camps.get(story.id, set())
            rows.append(
                {
                    "id": story.id,
                    "title": story.title,
                    "articles": len(story.article_ids),
                    "outlets": list(story.outlets),
                    "camps": sorted(camps),
                    "languages": list(story.languages),
                    "first_published": story.first_published,
                    "last_published": story.last_published,
                    "key_entities": [
                        {"id": e, "name": entities[e].name, "type": entities[e].type}
                        for e in story.key_entity_ids
                        if e in entities
                    ],
                }
            )
        return rows

    # -- lists ------------------------------------------------------------------

    def facets(self) -> dict[str, list[str]]:
        """The values the story filters can take (for the filter form)."""
        return {key: list(values) for key, values in self.filter_values.items()}

    def summary(self) -> dict[str, int]:
        """How many articles, stories, entities and quotes the store holds."""
        return dict(self.counts)

    def entity_name(self, entity_id: str) -> str:
        """The entity's name, or the id itself when no entity has it."""
        found = self.store.entities_by_id([entity_id]) if entity_id else {}
        return found[entity_id].name if entity_id in found else entity_id

    def _text_story_ids(self, text: str) -> set[str]:
        """Stories whose title or any article's text holds every word of `text`."""
        limit = self.settings.max_search_hits
        words = [w.casefold() for w in _WORD.findall(text)][:MAX_FTS_WORDS]
        found = {
            story.id
            for story in self.store.stories_by_id(self.store.story_ids_titled(words, limit))
            if all(w in _WORD.findall(story.title.casefold()) for w in words)
        }
        hits = [article_id for article_id, _snippet in self._search(text, limit, snippets=False)]
        found |= self.store.story_ids_of(hits)
        return found

    def list_stories(self, where: StoryFilter, offset: int, limit: int) -> Page:
        """Stories matching every filter, biggest first."""
        query = StoryQuery(
            date_from=where.date_from,
            date_to=where.date_to,
            outlet=where.outlet,
            camp=where.camp,
            camp_outlets=self.camp_outlets.get(where.camp, ()) if where.camp else (),
            language=where.language,
            entity=where.entity,
        )
        if _WORD.search(where.text):  # text without any word (punctuation only) filters nothing
            query.story_ids = self._text_story_ids(where.text)
        total, stories = self.store.story_page(query, offset, limit)
        return Page(total, offset, limit, self._story_rows(stories))

    def list_entities(self, text: str, offset: int, limit: int) -> Page:
        """Entities by mention count; `text` keeps those with a name or alias containing it."""
        total, entities = self.store.entity_page(text, offset, limit)
        items = [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "mentions": e.mention_count}
            for e in entities
        ]
        return Page(total, offset, limit, items)

    def list_quotes(self, speaker: str, text: str, offset: int, limit: int, entity: str = "") -> Page:
        """Quotes whose speaker (name as written or resolved) and text contain the given strings."""
        total, items = self.store.finding_page(
            "quote", offset, limit, entity_id=entity, speaker=speaker.strip(), text=text.strip()
        )
        return Page(total, offset, limit, items)

    def _search(self, text: str, limit: int, snippets: bool = True) -> list[tuple[str, str]]:
        """The best `limit` hits among the first `max_search_hits` matches (the store ranks no more)."""
        try:
            return self.store.search(plain_words_query(text), limit, snippets, self.settings.max_search_hits)
        except StoreError as error:  # a query plain_words_query built should always parse; say so plainly if not
            raise BadQuery(f"search failed: {error}") from error

    def _count_hits(self, text: str) -> tuple[int, bool]:
        """How many articles match, up to `max_search_hits`, and whether there are more than that."""
        bound = self.settings.max_search_hits
        try:
            found = self.store.count_search_hits(plain_words_query(text), bound + 1)
        except StoreError as error:
            raise BadQuery(f"search failed: {error}") from error
        return min(found, bound), found > bound

    def search(self, text: str, offset: int, limit: int) -> Page:
        """Full-text hits over article title and text, best first, with the article's summary.

        Only the first `max_search_hits` matches are ranked and paged: past that, `total` is that bound and
        `total_is_lower_bound` says there are more (counting and ranking them all costs seconds on a big store)."""
        total, more = self._count_hits(text)
        hits = self._search(text, min(offset + limit, total)) if offset < total else []
        shown = hits[offset : offset + limit]
        rows = {row.id: self.article_row(row) for row in self.store.article_summaries(a for a, _ in shown)}
        items = [{"article_id": a, "snippet": snippet, "article": rows.get(a)} for a, snippet in shown]
        return Page(total, offset, limit, items, total_is_lower_bound=more)

    # -- details ----------------------------------------------------------------

    def _entities_of(self, articles: Iterable[Article]) -> dict[str, Entity]:
        wanted: set[str] = set()
        for article in articles:
            wanted.update(m.entity_id for m in article.mentions if m.entity_id)
            wanted.update(q.speaker.entity_id for q in article.quotes if q.speaker and q.speaker.entity_id)
        found = self.store.entities_by_id(wanted)
        return {e: found[e] for e in sorted(found)}

    def _report(self, articles: list[Article], stories: dict[str, Story]) -> dict[str, Any]:
        """report.json for a part of the corpus: the given articles, their entities and copy groups."""
        corpus = Corpus(articles={a.id: a for a in articles}, stories=stories, entities=self._entities_of(articles))
        report = build_report(corpus, outlets=self.outlets)
        report.pop("errors", None)
        report.pop("stats", None)
        return report

    def _story(self, story_id: str) -> Story:
        story = self.store.get_story(story_id)
        if story is None:
            raise NotFound(f"no story {story_id!r}")
        return story

    def has_story(self, story_id: str) -> bool:
        return self.store.get_story(story_id) is not None

    def story(self, story_id: str) -> dict[str, Any]:
        """A story as report.json shapes it, with its articles (text included) and every finding's span."""
        found = self._story(story_id)
        articles = [a for a in (self.store.get_article(i) for i in found.article_ids) if a is not None]
        report = self._report(articles, {story_id: found})
        story = report.pop("stories")[0]
        extra = {k: v for k, v in to_dict(found).items() if k not in story and k != "signature"}
        camps = sorted({a["camp"] for a in report["articles"] if a.get("camp")})
        report["story"] = {**story, **extra, "camps": camps, "quote_groups": report.pop("quote_groups")}
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
        story = self.store.get_story(article.story_id) if article.story_id else None
        return {
            "framing": framing_spans(story.framing if story else {}, article.id),
            "timeline": timeline_spans(story, article.id),
            "article": entry,
            "story": self._story_rows([story])[0] if story else None,
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
        """An entity with its aliases, merge evidence, stories, and its mentions and quotes (the first
        `max_entity_rows` of each, in date order; `mention_count` and `quote_count` say how many in all)."""
        found = self.store.entities_by_id([entity_id])
        if entity_id not in found:
            raise NotFound(f"no entity {entity_id!r}")
        limit = self.settings.max_entity_rows
        mention_total, mentions = self.store.finding_page("mention", 0, limit, entity_id=entity_id)
        quote_total, quotes = self.store.finding_page("quote", 0, limit, entity_id=entity_id)
        spans = [{k: m[k] for k in ("article_id", "start", "end", "text")} for m in mentions]
        stories = self.store.stories_by_id(self.store.entity_story_ids(entity_id))
        summaries = self.store.article_summaries({m["article_id"] for m in spans})
        return {
            "entity": {**to_dict(found[entity_id]), "mention_count": mention_total, "quote_count": quote_total},
            "mentions": spans,
            "quotes": quotes,
            "stories": self._story_rows(stories),
            "articles": {row.id: self.article_row(row) for row in summaries},
        }
