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
