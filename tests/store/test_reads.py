"""The web server's indexed reads (`store/reads.py`), on the SQLite store and a real PostgreSQL server."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.model import Article, Corpus, Entity, Mention, Quote, Speaker, Story, article_id_for
from storylens.store import Store, open_store
from storylens.store.reads import StoryQuery, like_pattern
from storylens.store.sqlite import SQLiteStore


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path / 'reads.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(url) as opened:
        yield opened


def _article(text: str, outlet: str, published: str, language: str = "en", **fields: object) -> Article:
    return Article(
        id=article_id_for(text),
        text=text,
        source=f"{outlet}.txt",
        title=text[:30],
        outlet=outlet,
        published=published,
        language=language,
        **fields,  # type: ignore[arg-type]
    )


def _mention(article: Article, name: str, entity_id: str) -> Mention:
    start = article.text.index(name)
    return Mention(article.id, start, start + len(name), name, "PERSON", entity_id=entity_id)


def _story(story_id: str, title: str, members: list[Article], key_entities: tuple[str, ...] = ()) -> Story:
    dates = sorted(a.published or "" for a in members)
    return Story(
        story_id,
        title,
        [a.id for a in members],
        dates[0],
        dates[-1],
        sorted({a.outlet or "" for a in members}),
        sorted({a.language or "" for a in members}),
        list(key_entities),
    )


def fill(store: Store) -> dict[str, Article]:
    """Three stories over four articles in two outlets; Ada Quill is quoted twice, once as written."""
    bridge_1 = _article('Ada Quill said "the bridge opens Monday" in Pellin.', "Pellin Post", "2030-03-01T09:00")
    bridge_2 = _article("The Pellin bridge opens Monday, Quill confirmed.", "Vale Herald", "2030-03-02T09:00")
    bridge_3 = _article("Crowds at the Pellin bridge on its first day.", "Vale Herald", "2030-03-03T09:00")
    harvest = _article(
        'Farmers near Orrin said "the harvest is late" this year.',
        "Pellin Post",
        "2030-05-01T09:00",
        language="fr",
        metadata={"camp": "rural"},
    )
    bridge_1.mentions = [_mention(bridge_1, "Ada Quill", "ent-quill")]
    bridge_2.mentions = [_mention(bridge_2, "Quill", "ent-quill")]
    quote_start = bridge_1.text.index("the bridge")
    bridge_1.quotes = [
        Quote(
            "q1",
            bridge_1.id,
            quote_start,
            quote_start + 23,
            "the bridge opens Monday",
            "direct",
            Speaker("Ada Quill", entity_id="ent-quill"),
        )
    ]
    harvest_start = harvest.text.index("the harvest")
    harvest.quotes = [
        Quote("q2", harvest.id, harvest_start, harvest_start + 19, "the harvest is late", "direct", Speaker("Farmers"))
    ]
    articles = [bridge_1, bridge_2, bridge_3, harvest]
    stories = {
        "s-bridge": _story("s-bridge", "Pellin bridge opens", [bridge_1, bridge_2], ("ent-quill",)),
        "s-crowds": _story("s-crowds", "Crowds at the bridge", [bridge_3]),
        "s-harvest": _story("s-harvest", "A late harvest", [harvest]),
    }
    for story in stories.values():
        for article_id in story.article_ids:
            next(a for a in articles if a.id == article_id).story_id = story.id
    store.add_articles(articles)
    store.save_annotated(articles)
    entities = {"ent-quill": Entity("ent-quill", "Ada Quill", "PERSON", aliases=["Quill"])}
    store.save_corpus(Corpus(articles={a.id: a for a in articles}, stories=stories, entities=entities))
    return {"bridge_1": bridge_1, "bridge_2": bridge_2, "harvest": harvest}


def _ids(store: Store, query: StoryQuery, offset: int = 0, limit: int = 10) -> tuple[int, list[str]]:
    total, stories = store.story_page(query, offset, limit)
    return total, [s.id for s in stories]


def test_story_page_is_largest_first_then_earliest_and_pages(store: Store) -> None:
    fill(store)
    assert _ids(store, StoryQuery()) == (3, ["s-bridge", "s-crowds", "s-harvest"])
    assert _ids(store, StoryQuery(), offset=1, limit=1) == (3, ["s-crowds"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (StoryQuery(outlet="Vale Herald"), ["s-bridge", "s-crowds"]),
        (StoryQuery(language="fr"), ["s-harvest"]),
        (StoryQuery(entity="ent-quill"), ["s-bridge"]),
        (StoryQuery(date_from="2030-03-03"), ["s-crowds", "s-harvest"]),
        (StoryQuery(date_to="2030-03-02"), ["s-bridge"]),
        (StoryQuery(camp="rural"), ["s-harvest"]),  # the article's own camp
        (StoryQuery(camp="state", camp_outlets=("Vale Herald",)), ["s-bridge", "s-crowds"]),  # the outlets file's
        (StoryQuery(story_ids={"s-crowds", "s-unknown"}), ["s-crowds"]),
        (StoryQuery(story_ids=set()), []),
    ],
)
def test_story_filters(store: Store, query: StoryQuery, expected: list[str]) -> None:
    fill(store)
    assert _ids(store, query) == (len(expected), expected)


def test_entity_page_counts_resolved_mentions_and_matches_aliases(store: Store) -> None:
    fill(store)
    total, entities = store.entity_page("quil", 0, 10)
    assert total == 1 and entities[0].id == "ent-quill" and entities[0].mention_count == 2
    assert store.entity_page("nobody", 0, 10) == (0, [])


def test_finding_page_lists_quotes_in_date_order_with_speaker_names(store: Store) -> None:
    articles = fill(store)
    total, quotes = store.finding_page("quote", 0, 10)
    assert total == 2
    assert [(q["id"], q["speaker_name"], q["story_id"]) for q in quotes] == [
        ("q1", "Ada Quill", "s-bridge"),
        ("q2", "Farmers", "s-harvest"),
    ]
    assert [q["id"] for q in store.finding_page("quote", 0, 10, speaker="ada")[1]] == ["q1"]
    assert [q["id"] for q in store.finding_page("quote", 0, 10, text="HARVEST")[1]] == ["q2"]
    assert store.finding_page("quote", 0, 10, text="100%")[0] == 0  # % is a character, not a wildcard
    mentions = store.finding_page("mention", 0, 10, entity_id="ent-quill")[1]
    assert sorted((m["article_id"], m["text"], m["start"]) for m in mentions) == sorted(
        (a.id, m.text, m.start) for a in (articles["bridge_1"], articles["bridge_2"]) for m in a.mentions
    )


def test_article_summaries_and_facet_values(store: Store) -> None:
    articles = fill(store)
    (summary,) = store.article_summaries([articles["harvest"].id])
    assert (summary.outlet, summary.story_id, summary.camp, summary.language) == (
        "Pellin Post",
        "s-harvest",
        "rural",
        "fr",
    )
    assert [a.story_id for a in store.article_summaries(story_id="s-bridge")] == ["s-bridge", "s-bridge"]
    assert store.distinct_article_values("outlet") == ["Pellin Post", "Vale Herald"]
    assert store.distinct_article_values("camp") == ["rural"]
    assert store.entity_story_ids("ent-quill") == {"s-bridge"}
    assert store.story_camps(["s-harvest", "s-bridge"]) == {"s-harvest": {"rural"}}


def test_streamed_reads_give_what_the_pages_give(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports stream whole tables; each stream holds exactly the rows of the paged reads, in their order."""
    monkeypatch.setattr(f"{type(store).__module__}.STREAM_BATCH", 1)  # every row its own round trip
    fill(store)
    for kind in ("quote", "mention"):
        assert list(store.iter_findings(kind)) == store.finding_page(kind, 0, None)[1]
        assert (
            list(store.iter_findings(kind, story_id="s-bridge"))
            == store.finding_page(kind, 0, None, story_id="s-bridge")[1]
        )
    assert [e.id for e in store.iter_entities()] == [e.id for e in store.entity_page("", 0, 100)[1]]
    assert list(store.iter_article_summaries()) == store.article_summaries()
    assert list(store.iter_article_summaries(story_id="s-bridge")) == store.article_summaries(story_id="s-bridge")
    assert list(store.iter_findings("quote", story_id="no-such-story")) == []


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"


def test_version_4_store_gets_the_read_tables_filled_from_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    with open_store(path) as store:
        fill(store)
    with sqlite3.connect(path) as conn:  # back to schema 4: drop what later migrations add, keep the data
        conn.executescript(
            "DROP INDEX articles_fingerprint; ALTER TABLE articles DROP COLUMN fingerprint;"
            " DROP TABLE lookup_keys; DROP INDEX stories_span;"
            " DROP TABLE findings; DROP INDEX stories_order; DROP INDEX entities_order; DROP INDEX articles_outlet;"
            " DROP INDEX articles_language; DROP INDEX articles_story_camp; DROP INDEX articles_camp;"
            " ALTER TABLE stories DROP COLUMN size; ALTER TABLE stories DROP COLUMN first_published;"
            " ALTER TABLE stories DROP COLUMN last_published; ALTER TABLE entities DROP COLUMN mentions;"
            " PRAGMA user_version = 4;"
        )
    upgraded = SQLiteStore(path)
    try:
        assert _ids(upgraded, StoryQuery()) == (3, ["s-bridge", "s-crowds", "s-harvest"])
        assert upgraded.entity_page("", 0, 5)[1][0].mention_count == 2
        quotes = upgraded.finding_page("quote", 0, 5)[1]
        assert [(q["id"], q["speaker_name"]) for q in quotes] == [("q1", "Ada Quill"), ("q2", "Farmers")]
        assert json.loads(json.dumps(quotes))[0]["start"] == quotes[0]["start"]
    finally:
        upgraded.close()
