"""A small store written by hand (fictional outlets and people), with one hostile article, for the web tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storylens.model import (
    Article,
    Corpus,
    CoverageEntry,
    Entity,
    Mention,
    MergeEvidence,
    Quote,
    QuoteGroup,
    Span,
    Speaker,
    Story,
    TimeExpression,
    TimelineEvent,
)
from storylens.report.json import OutletProfile
from storylens.store.sqlite import SQLiteStore
from storylens.web.app import ServerConfig, create_app

HOSTILE = (
    "<script>document.title='PWNED'</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
    '<base href="http://evil.example/">'
    '<meta http-equiv="refresh" content="0;url=http://evil.example/">'
    "<style>body{display:none}</style>"
    "<a href=\"javascript:document.body.setAttribute('data-pwned','1')\">click</a> "
)
OUTLETS = {
    "Harbour Gazette": OutletProfile("Harbour Gazette", camp="government"),
    "Lantern Daily": OutletProfile("Lantern Daily", camp="opposition"),
}


def _span(article: Article, text: str) -> tuple[int, int]:
    start = article.text.index(text)
    return start, start + len(text)


def _mention(article: Article, text: str, entity_id: str, label: str = "PERSON") -> Mention:
    start, end = _span(article, text)
    return Mention(article.id, start, end, text, label, entity_id=entity_id)


def build_store(path: Path) -> Path:
    """Two stories: a ferry strike (two outlets, one hostile article) and a library opening."""
    first = Article(
        id="art-ferry-1",
        source="gazette.txt",
        title="Ferry crews strike in Tollmere",
        outlet="Harbour Gazette",
        published="2031-04-02T08:00:00",
        language="en",
        text='Ferry crews in Tollmere walked out on Tuesday. "We will not sail unsafe boats," said Mira Oduya.',
        url="https://gazette.example/ferry",
    )
    second = Article(
        id="art-ferry-2",
        source="lantern.txt",
        title=HOSTILE + "Strike stops Tollmere ferries",
        outlet="Lantern Daily",
        published="2031-04-02T10:30:00",
        language="en",
        url="javascript:document.body.setAttribute('data-pwned','1')",
        text=HOSTILE + "Union leader Oduya said the Tollmere ferries stay in port until repairs are made.",
    )
    third = Article(
        id="art-library-1",
        source="gazette2.txt",
        title="Tollmere opens a floating library",
        outlet="Harbour Gazette",
        published="2031-05-10T09:00:00",
        language="en",
        text="A floating library opened in Tollmere harbour on Saturday, Mayor Ilse Varn said.",
    )
    first.mentions = [_mention(first, "Mira Oduya", "ent-oduya"), _mention(first, "Tollmere", "ent-tollmere", "GPE")]
    second.mentions = [_mention(second, "Oduya", "ent-oduya"), _mention(second, "Tollmere", "ent-tollmere", "GPE")]
    third.mentions = [_mention(third, "Ilse Varn", "ent-varn"), _mention(third, "Tollmere", "ent-tollmere", "GPE")]
    q_start, q_end = _span(first, "We will not sail unsafe boats,")
    s_start, s_end = _span(first, "Mira Oduya")
    first.quotes = [
        Quote(
            "q1",
            first.id,
            q_start,
            q_end,
            "We will not sail unsafe boats,",
            "direct",
            Speaker("Mira Oduya", s_start, s_end, entity_id="ent-oduya"),
            "said",
            "qg1",
        )
    ]
    i_start, i_end = _span(second, "the Tollmere ferries stay in port until repairs are made")
    second.quotes = [
        Quote(
            "q2",
            second.id,
            i_start,
            i_end,
            "the Tollmere ferries stay in port until repairs are made",
            "indirect",
            Speaker("Oduya", *_span(second, "Oduya"), entity_id="ent-oduya"),
            "said",
        )
    ]
    t_start, t_end = _span(first, "Tuesday")
    first.time_expressions = [TimeExpression(first.id, t_start, t_end, "Tuesday", "2031-04-01")]
    ferry = Story(
        id="story-ferry",
        title="Ferry crews strike in Tollmere",
        article_ids=[first.id, second.id],
        first_published=first.published,
        last_published=second.published,
        outlets=["Harbour Gazette", "Lantern Daily"],
        languages=["en"],
        key_entity_ids=["ent-oduya", "ent-tollmere"],
        quote_groups=[
            QuoteGroup(
                "qg1",
                ["q1"],
                [first.id],
                ["Harbour Gazette"],
                1,
                first.id,
                first.published,
                "ent-oduya",
                "We will not sail unsafe boats,",
            )
        ],
        timeline=[
            TimelineEvent(
                "ev1",
                "2031-04-01",
                "Ferry crews walked out",
                [Span(first.id, t_start, t_end, "Tuesday")],
                ["ent-oduya"],
            )
        ],
        coverage=[
            CoverageEntry(first.id, first.outlet, first.published),
            CoverageEntry(second.id, second.outlet, second.published),
        ],
    )
    library = Story(
        id="story-library",
        title=HOSTILE + "Tollmere opens a floating library",
        article_ids=[third.id],
        first_published=third.published,
        last_published=third.published,
        outlets=["Harbour Gazette"],
        languages=["en"],
        key_entity_ids=["ent-varn"],
    )
    for article, story in ((first, ferry), (second, ferry), (third, library)):
        article.story_id = story.id
    entities = {
        "ent-oduya": Entity(
            "ent-oduya",
            "Mira Oduya",
            "PERSON",
            aliases=["Oduya"],
            evidence=[
                MergeEvidence(
                    "surname",
                    ["Mira Oduya", "Oduya"],
                    "same surname in one story",
                    [Span(second.id, *_span(second, "Oduya"), "Oduya")],
                )
            ],
        ),
        "ent-tollmere": Entity("ent-tollmere", "Tollmere", "GPE"),
        "ent-varn": Entity("ent-varn", "Ilse Varn", "PERSON"),
    }
    store = SQLiteStore(path)
    articles = [first, second, third]
    store.add_articles(articles)
    store.save_annotated(articles)
    store.save_corpus(
        Corpus(articles={a.id: a for a in articles}, stories={s.id: s for s in (ferry, library)}, entities=entities)
    )
    store.close()
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="session")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerConfig(db=store_path, outlets=OUTLETS))) as test_client:
        yield test_client
