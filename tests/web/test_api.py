"""The JSON API over a hand-made store: lists, filters, details with spans, and hostile parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storylens.report.json import OutletProfile
from storylens.web.app import ServerConfig, create_app
from storylens.web.settings import WebSettings

INJECTIONS = ["' OR 1=1 --", '"; DROP TABLE articles; --', "x') UNION SELECT * FROM entities --", 'NEAR("a" "b")', "*"]


def test_story_list_is_biggest_first_with_camps(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert [s["id"] for s in body["items"]] == ["story-ferry", "story-library"]
    assert body["items"][0]["camps"] == ["government", "opposition"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"camp": "opposition"}, ["story-ferry"]),
        ({"outlet": "Harbour Gazette"}, ["story-ferry", "story-library"]),
        ({"entity": "ent-varn"}, ["story-library"]),
        ({"date_from": "2031-05-01"}, ["story-library"]),
        ({"date_to": "2031-04-30"}, ["story-ferry"]),
        ({"q": "floating library"}, ["story-library"]),
        ({"q": "repairs"}, ["story-ferry"]),
        ({"language": "fr"}, []),
    ],
)
def test_story_filters_keep_only_matching_stories(
    client: TestClient, params: dict[str, str], expected: list[str]
) -> None:
    assert [s["id"] for s in client.get("/api/stories", params=params).json()["items"]] == expected


def test_paging_reports_total_and_slices(client: TestClient) -> None:
    body = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert body["total"] == 2 and [s["id"] for s in body["items"]] == ["story-library"]


def _spans_slice(items: list[dict[str, Any]], texts: dict[str, str]) -> None:
    for item in items:
        assert texts[item["article_id"]][item["start"] : item["end"]] == item["text"]


def test_story_detail_carries_articles_and_every_span_slices_its_article(client: TestClient) -> None:
    body = client.get("/api/stories/story-ferry").json()
    texts = {a["id"]: a["text"] for a in body["articles"]}
    assert set(texts) == {"art-ferry-1", "art-ferry-2"}
    _spans_slice(body["quotes"], texts)
    _spans_slice(body["time_expressions"], texts)
    _spans_slice([m for e in body["entities"] for m in e["mentions"]], texts)
    _spans_slice([s for e in body["story"]["timeline"] for s in e["sources"]], texts)
    assert body["story"]["quote_groups"][0]["speaker_entity_id"] == "ent-oduya"


def test_article_detail_has_text_spans_and_story(client: TestClient) -> None:
    body = client.get("/api/articles/art-ferry-1").json()
    text = body["article"]["text"]
    assert body["story"]["id"] == "story-ferry"
    assert {m["entity_name"] for m in body["mentions"]} == {"Mira Oduya", "Tollmere"}
    for item in [*body["mentions"], *body["quotes"], *body["time_expressions"], *body["timeline"]]:
        assert text[item["start"] : item["end"]] == item["text"]
    assert [(event["text"], event["date"]) for event in body["timeline"]] == [("Tuesday", "2031-04-01")]


def test_entity_detail_has_aliases_evidence_quotes_and_stories(client: TestClient) -> None:
    body = client.get("/api/entities/ent-oduya").json()
    assert body["entity"]["aliases"] == ["Oduya"]
    assert body["entity"]["evidence"][0]["spans"][0]["article_id"] == "art-ferry-2"
    assert {q["id"] for q in body["quotes"]} == {"q1", "q2"}
    assert [s["id"] for s in body["stories"]] == ["story-ferry"]


def test_quotes_search_by_speaker_and_text(client: TestClient) -> None:
    assert [
        q["id"] for q in client.get("/api/quotes", params={"speaker": "oduya", "text": "unsafe"}).json()["items"]
    ] == ["q1"]
    assert client.get("/api/quotes", params={"speaker": "Varn"}).json()["total"] == 0


def test_search_finds_articles_with_every_word(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "ferries repairs"}).json()["items"]
    assert [h["article_id"] for h in hits] == ["art-ferry-2"]


def test_camp_filter_knows_an_outlet_by_any_of_its_aliases(store_path: Path) -> None:
    outlets = {  # the store's articles say "Lantern Daily" and "Harbour Gazette": neither is a name here
        "The Lantern": OutletProfile("The Lantern", camp="opposition", aliases=["LANTERN DAILY"]),
        "Gazette of the Harbour": OutletProfile(
            "Gazette of the Harbour", camp="government", aliases=["harbour-gazette"]
        ),
    }
    with TestClient(create_app(ServerConfig(db=store_path, outlets=outlets))) as aliased:
        assert aliased.get("/api/facets").json()["camps"] == ["government", "opposition"]
        stories = aliased.get("/api/stories", params={"camp": "opposition"}).json()["items"]
        assert [s["id"] for s in stories] == ["story-ferry"]
        assert stories[0]["camps"] == ["government", "opposition"]
        both = aliased.get("/api/stories", params={"camp": "government"}).json()["items"]
        assert [s["id"] for s in both] == ["story-ferry", "story-library"]
        article = aliased.get("/api/articles/art-ferry-1").json()
        assert article["story"]["camps"] == ["government", "opposition"]


def test_search_total_is_exact_below_the_bound_and_a_lower_bound_above_it(store_path: Path) -> None:
    everywhere = {"q": "Tollmere"}  # in all three articles
    with TestClient(create_app(ServerConfig(db=store_path, settings=WebSettings(max_search_hits=3)))) as exact:
        answer = exact.get("/api/search", params=everywhere).json()
        assert (answer["total"], answer["total_is_lower_bound"], len(answer["items"])) == (3, False, 3)
    with TestClient(create_app(ServerConfig(db=store_path, settings=WebSettings(max_search_hits=2)))) as bounded:
        answer = bounded.get("/api/search", params=everywhere).json()
        assert (answer["total"], answer["total_is_lower_bound"], len(answer["items"])) == (2, True, 2)
        assert len(bounded.get("/api/search", params={**everywhere, "offset": 1}).json()["items"]) == 1
        assert bounded.get("/api/search", params={**everywhere, "offset": 2}).json()["items"] == []
        assert "More than 2 articles contain every word" in bounded.get("/search", params=everywhere).text


def test_missing_ids_are_json_404_without_traceback(client: TestClient) -> None:
    for path in ["/api/stories/nope", "/api/articles/nope", "/api/entities/nope"]:
        response = client.get(path)
        assert response.status_code == 404 and "Traceback" not in response.text
        assert response.json()["error"].startswith("no ")


def test_limits_on_page_size_and_query_length_are_422(client: TestClient) -> None:
    assert client.get("/api/stories", params={"limit": 10_000}).status_code == 422
    assert client.get("/api/search", params={"q": "a" * 500}).status_code == 422
    assert client.get("/api/stories", params={"date_from": "yesterday"}).status_code == 422


@pytest.mark.parametrize("injection", INJECTIONS)
def test_sql_injection_strings_in_every_parameter_give_normal_answers(client: TestClient, injection: str) -> None:
    for name in ["q", "outlet", "camp", "language", "entity"]:
        response = client.get("/api/stories", params={name: injection})
        assert response.status_code == 200, (name, response.text)
    for path, names in [("/api/entities", ["q"]), ("/api/quotes", ["speaker", "text", "entity"])]:
        for name in names:
            assert client.get(path, params={name: injection}).status_code == 200
    search = client.get("/api/search", params={"q": injection})
    assert search.status_code in (200, 400) and "Traceback" not in search.text
    for path in ["/api/stories/", "/api/articles/", "/api/entities/"]:
        assert client.get(path + injection.replace("/", "")).status_code == 404
    assert client.get("/api/stories").json()["total"] == 2  # nothing was dropped


def test_openapi_schema_is_served(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/search", "/api/quotes"} <= set(schema["paths"])
