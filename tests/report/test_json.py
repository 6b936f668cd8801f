"""The JSON report contract: schema-valid, and every span slices its article's text exactly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from storylens.model import Article, Corpus, Entity, Mention, Quote, Speaker, Story, TimeExpression
from storylens.report.json import OutletProfile, build_report, load_schema, validate_report


def tiny_corpus() -> Corpus:
    text = "Minister Ilse Varga said “the port stays open” on Tuesday."
    article = Article(
        id="a1",
        text=text,
        source="a.txt",
        outlet="Kessport Herald",
        published="2026-11-03",
        mentions=[Mention("a1", 9, 19, "Ilse Varga", "PERSON", entity_id="e1")],
        quotes=[Quote("a1-q0", "a1", 26, 45, "the port stays open", speaker=Speaker("Ilse Varga", 9, 19, 0, "e1"))],
        time_expressions=[TimeExpression("a1", 50, 57, "Tuesday", "2026-11-03")],
        story_id="s1",
    )
    return Corpus(
        articles={"a1": article},
        stories={"s1": Story(id="s1", title="Port", article_ids=["a1"])},
        entities={"e1": Entity(id="e1", name="Ilse Varga", type="PERSON", aliases=["Ilse Varga"])},
    )


def test_report_of_a_tiny_corpus_is_valid_and_in_place() -> None:
    report = build_report(
        tiny_corpus(), outlets={"Kessport Herald": OutletProfile("Kessport Herald", camp="government")}
    )
    validate_report(report)
    assert report["summary"]["quotes"] == 1
    assert report["articles"][0]["camp"] == "government"
    assert report["entities"][0]["mentions"][0]["text"] == "Ilse Varga"
    assert report["claims"] == []


def test_articles_are_matched_to_the_outlets_file_and_unmatched_outlets_are_listed() -> None:
    corpus = tiny_corpus()
    extra = [
        Article(id="a2", text="Two.", source="b.txt", outlet="the kessport-herald", story_id="s1"),
        Article(id="a3", text="Three.", source="c.txt", url="https://www.news.kessportherald.example/3"),
        Article(id="a4", text="Four.", source="d.txt", outlet="Lune FM", url="https://lune.example/4"),
        Article(id="a5", text="Five.", source="e.txt", outlet="Lune FM", url="https://radio.lune.example/5"),
        Article(id="a6", text="Six.", source="f.txt", url="https://dorn.example/6"),
        Article(id="a7", text="Seven.", source="g.txt"),
    ]
    corpus.articles.update({a.id: a for a in extra})
    herald = OutletProfile(
        "Kessport Herald",
        camp="government",
        owner="Kessport Media",
        aliases=["The Kessport Herald"],
        domains=["kessportherald.example"],
        groups={"region": "coast"},
    )
    report = build_report(corpus, outlets={"Kessport Herald": herald})
    validate_report(report)
    articles = {a["id"]: a for a in report["articles"]}
    assert articles["a1"]["outlet_match"] == {
        "name": "Kessport Herald",
        "evidence": "outlet-name",
        "value": "Kessport Herald",
    }
    assert articles["a2"]["outlet_match"]["evidence"] == "outlet-alias" and articles["a2"]["camp"] == "government"
    assert articles["a3"]["outlet_match"] == {
        "name": "Kessport Herald",
        "evidence": "url-domain",
        "value": "news.kessportherald.example",
    }
    assert articles["a4"]["outlet_match"] is None and articles["a4"]["camp"] is None
    assert report["outlets"][0] == {
        "name": "Kessport Herald",
        "camp": "government",
        "country": None,
        "owner": "Kessport Media",
        "groups": {"region": "coast"},
        "articles": 3,
    }
    assert report["unmatched_outlets"] == [
        {"name": "Lune FM", "articles": 2, "domains": ["lune.example", "radio.lune.example"]},
        {"name": None, "articles": 1, "domains": ["dorn.example"]},
    ]
    assert build_report(corpus)["unmatched_outlets"] == []  # no outlets file: nothing to fill in


def test_schema_rejects_a_report_missing_a_required_field() -> None:
    report = build_report(tiny_corpus())
    del report["articles"][0]["story_id"]
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)


def test_schema_is_shipped_in_the_package() -> None:
    assert load_schema()["title"] == "storylens report"


def all_spans(report: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for entity in report["entities"]:
        for mention in entity["mentions"]:
            yield "mention", mention
        for evidence in entity["evidence"]:
            for span in evidence["spans"]:
                yield "evidence", span
    for quote in report["quotes"]:
        yield "quote", quote
    for claim in report["claims"]:
        yield "claim", claim
    for expression in report["time_expressions"]:
        yield "time", expression
    for story in report["stories"]:
        for event in story["timeline"]:
            for span in event["sources"]:
                yield "timeline", span


def test_demo_report_validates_against_the_schema(demo_report: dict[str, Any]) -> None:
    validate_report(demo_report)


def test_every_span_in_the_demo_report_slices_its_text_exactly(demo_report: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in demo_report["articles"]}
    checked = 0
    for kind, span in all_spans(demo_report):
        assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"], (kind, span)
        checked += 1
    for quote in demo_report["quotes"]:
        speaker = quote["speaker"]
        if speaker and speaker["start"] is not None:
            assert texts[quote["article_id"]][speaker["start"] : speaker["end"]] == speaker["text"]
    assert checked > 100


def test_every_removal_slices_the_original_text(demo_report: dict[str, Any]) -> None:
    removals = 0
    for article in demo_report["articles"]:
        for removal in article["removals"]:
            assert article["original_text"][removal["start"] : removal["end"]] == removal["text"]
            removals += 1
    assert removals > 0


def test_demo_report_has_findings_of_every_kind(demo_report: dict[str, Any]) -> None:
    summary = demo_report["summary"]
    assert summary["articles"] >= 30 and summary["stories"] >= 3
    assert summary["entities"] > 10 and summary["quotes"] > 10 and summary["copy_groups"] >= 1
    assert demo_report["time_expressions"] and demo_report["quote_groups"]
    assert any(story["timeline"] for story in demo_report["stories"])
