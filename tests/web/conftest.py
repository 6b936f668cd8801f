"""A small store written by hand (fictional outlets and people), with one hostile article, for the web tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storylens.model import (
    Article,
    Claim,
    ClaimExplanation,
    ClaimGroup,
    ClaimSource,
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
QUOTE_2 = "the Tollmere ferries stay in port until repairs are made"
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


def _framing_group(article: Article, camp: str, speaker: str, term: str, quote: str) -> dict[str, Any]:
    """One outlet's framing panel data, shaped as steps/framing.py writes it, with spans into `article`."""
    quote_span = dict(zip(("start", "end"), _span(article, quote), strict=True))
    term_span = dict(zip(("start", "end"), _span(article, term), strict=True))
    return {
        "kind": "outlet",
        "name": article.outlet,
        "camp": camp,
        "article_ids": [article.id],
        "first_published": (article.published or "")[:10],
        "voices": {
            "quotes": 1,
            "quoted_words": len(quote.split()),
            "official_share": 0.0,
            "speakers": [
                {
                    "name": speaker,
                    "entity_id": "ent-oduya",
                    "official": False,
                    "share": 1.0,
                    "examples": [{"article_id": article.id, **quote_span, "text": quote, "kind": "quote"}],
                }
            ],
            "mentioned_not_quoted": [],
        },
        "loaded_counts": {"loaded": 1},
        "loaded_terms": [{"article_id": article.id, **term_span, "text": term, "category": "loaded"}],
        "contrast": [
            {
                "term": term,
                "z": 2.5,
                "count": 2,
                "rest_count": 0,
                "significant": True,
                "examples": [{"article_id": article.id, **term_span, "text": term}],
            }
        ],
    }


def framing_of(first: Article, second: Article) -> dict[str, Any]:
    """Framing of the ferry story: the hostile article's panel quotes its markup as terms and speaker."""
    hostile_term = "<script>document.title='PWNED'</script>"
    return {
        "outlets": [
            _framing_group(first, "government", "Mira Oduya", "walked out", "We will not sail unsafe boats,"),
            _framing_group(second, "opposition", HOSTILE + "Oduya", hostile_term, QUOTE_2),
        ],
        "camps": [],
        "voice_gaps": [{"name": HOSTILE, "quoted_by": ["Lantern Daily"], "not_quoted_by": ["Harbour Gazette"]}],
        "unmatched_outlets": [],
    }


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
    i_start, i_end = _span(second, QUOTE_2)
    second.quotes = [
        Quote(
            "q2",
            second.id,
            i_start,
            i_end,
            QUOTE_2,
            "indirect",
            Speaker("Oduya", *_span(second, "Oduya"), entity_id="ent-oduya"),
            "said",
        )
    ]
    t_start, t_end = _span(first, "Tuesday")
    first.time_expressions = [TimeExpression(first.id, t_start, t_end, "Tuesday", "2031-04-01")]
    first.claims = [
        Claim(
            "c1",
            first.id,
            *_span(first, "Ferry crews in Tollmere walked out on Tuesday."),
            "Ferry crews in Tollmere walked out on Tuesday.",
        )
    ]
    hostile_claim = HOSTILE + "Union leader Oduya said"
    second.claims = [Claim("c2", second.id, 0, len(hostile_claim), hostile_claim)]
    claim_group = ClaimGroup(
        "cg1",
        "conflicting",
        ["c1", "c2"],
        [
            ClaimSource(first.id, "c1", first.outlet, "supports"),
            ClaimSource(second.id, "c2", second.outlet, "contradicts"),
        ],
        ClaimExplanation(HOSTILE + "the outlets disagree on the walk-out"),
        text=HOSTILE + "crews walked out",
        independent_sources=2,
    )
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
        claim_groups=[claim_group],
        framing=framing_of(first, second),
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
