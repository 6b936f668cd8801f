"""A feed of one-line items (headline = text, as RSS sends) through the whole run, as a user runs it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from storylens.api import analyze

HEADLINES = [
    ("h1", "Harbour crane collapses in Velmora port"),
    ("h2", "Orlen council approves new tram line"),
    ("h3", "Drought cuts wheat harvest across Tarsany"),
    ("h4", "Singer Mara Quell cancels summer tour"),
    ("h5", "Floods close schools in northern Bresk"),
]


@pytest.fixture(scope="module")
def headline_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("headlines")
    lines = [
        {"id": record_id, "title": headline, "text": headline, "published": f"2031-05-01T1{number}:00:00"}
        for number, (record_id, headline) in enumerate(HEADLINES)
    ]
    lines.append({"id": "h1-again", "title": HEADLINES[0][1], "text": HEADLINES[0][1], "published": "2031-05-01T16:00"})
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    analyze([feed], folder / "out", workers=1)
    return dict(json.loads((folder / "out" / "report.json").read_text(encoding="utf-8")))


def test_distinct_headline_only_items_are_five_stories_and_no_copies(headline_report: dict[str, Any]) -> None:
    articles = headline_report["articles"]
    assert len(articles) == 5
    assert all(article["text"] == article["title"] for article in articles)
    assert headline_report["copy_groups"] == []
    assert all(article["duplicate_of"] is None for article in articles)
    assert len(headline_report["stories"]) == 5


def test_every_input_record_points_to_its_article_and_story(headline_report: dict[str, Any]) -> None:
    inputs = {entry["external_id"]: entry for entry in headline_report["inputs"]}
    assert sorted(inputs) == ["h1", "h1-again", "h2", "h3", "h4", "h5"]
    assert inputs["h1-again"]["article_id"] == inputs["h1"]["article_id"]
    assert inputs["h1-again"]["source"].endswith("feed.jsonl:line 6")
    story_of = {article["id"]: article["story_id"] for article in headline_report["articles"]}
    assert all(entry["story_id"] == story_of[entry["article_id"]] for entry in inputs.values())
