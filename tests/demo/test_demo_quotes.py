"""Issue #7 acceptance on the demo: quotes, speakers and same-statement groups against the gold annotation."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import storylens.demo
from storylens.evaluation import article_keys, score_quote_groups, score_quotes, token_f1

GOLD = json.loads((Path(storylens.demo.__file__).parent / "gold.json").read_text(encoding="utf-8"))


def test_quote_spans_reach_token_f1_of_at_least_0_9(demo_report: dict[str, Any]) -> None:
    score = score_quotes(demo_report, GOLD)
    assert score.spans.f1 >= 0.9, score.missed


def test_speakers_are_right_for_at_least_90_percent_of_quotes(demo_report: dict[str, Any]) -> None:
    score = score_quotes(demo_report, GOLD)
    assert score.speaker_accuracy >= 0.9, score.wrong_speakers


def test_direct_quotes_alone_reach_the_same_targets(demo_report: dict[str, Any]) -> None:
    score = score_quotes(demo_report, GOLD, kinds=frozenset({"direct"}))
    assert score.spans.f1 >= 0.9
    assert score.speaker_accuracy >= 0.9, score.wrong_speakers


def _stories_of(report: dict[str, Any]) -> dict[str, str]:
    keys = article_keys(report, GOLD)
    return {keys[article["id"]]: article.get("story_id") for article in report["articles"] if article["id"] in keys}


def test_gold_quote_groups_inside_one_story_are_all_found(demo_report: dict[str, Any]) -> None:
    """Quote groups are a story step: a group is findable when the story step put its articles together."""
    story = _stories_of(demo_report)
    findable = [group for group in GOLD["quote_groups"] if len({story.get(member["article"]) for member in group}) == 1]
    found, _ = score_quote_groups(demo_report, {**GOLD, "quote_groups": findable})
    assert len(findable) >= 5
    assert found == len(findable)


def test_every_planted_quote_group_is_found(demo_report: dict[str, Any]) -> None:
    found, total = score_quote_groups(demo_report, GOLD)
    assert found == total


def test_gold_non_quotes_are_not_extracted(demo_report: dict[str, Any]) -> None:
    keys = article_keys(demo_report, GOLD)
    quotes_by_key: dict[str, list[str]] = defaultdict(list)
    for quote in demo_report["quotes"]:
        if quote["article_id"] in keys:
            quotes_by_key[keys[quote["article_id"]]].append(quote["text"])
    taken = [
        (item["article"], item["text"], text)
        for item in GOLD["non_quotes"]
        for text in quotes_by_key[item["article"]]
        if token_f1(text, item["text"]) >= 0.5
    ]
    assert taken == []


def test_no_indirect_quote_is_attributed_to_an_organization(demo_report: dict[str, Any]) -> None:
    organizations = {entity["id"] for entity in demo_report["entities"] if entity.get("type") in {"ORG", "GPE"}}
    attributed = [
        quote["text"]
        for quote in demo_report["quotes"]
        if quote["kind"] == "indirect" and (quote.get("speaker") or {}).get("entity_id") in organizations
    ]
    assert attributed == []
