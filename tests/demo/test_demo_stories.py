"""Acceptance of issue 5 on the demo corpus: stories and copy groups match the gold annotation.

The demo is analysed once per session through the real CLI (`demo_report` in
tests/conftest.py) and scored with `storylens.evaluation`, as `storylens score` does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import storylens.demo
from storylens.evaluation import article_keys, score_copies, score_stories

GOLD = json.loads((Path(storylens.demo.__file__).parent / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(demo_report: dict[str, Any]) -> dict[str, Any]:
    return demo_report


def test_demo_stories_match_gold_with_bcubed_f1_of_at_least_095(report: dict[str, Any]) -> None:
    score = score_stories(report, GOLD)
    assert score.f1 >= 0.95, score
    assert score.precision >= 0.95, score


def test_demo_copy_groups_are_all_found_and_none_is_false(report: dict[str, Any]) -> None:
    score = score_copies(report, GOLD)
    assert score.found_groups == score.gold_groups == len(GOLD["copies"])
    assert score.false_pairs == []
    assert score.missed_pairs == []


def test_each_gold_story_is_one_story_across_its_languages(report: dict[str, Any]) -> None:
    keys = article_keys(report, GOLD)
    story_of = {keys[a["id"]]: a["story_id"] for a in report["articles"] if a["id"] in keys}
    for gold_id, gold_story in GOLD["stories"].items():
        found = {story_of[key] for key in gold_story["articles"]}
        assert len(found) == 1, (gold_id, found)


def test_every_story_has_a_title_key_entities_outlets_languages_and_date_range(report: dict[str, Any]) -> None:
    article_language = {a["id"]: a["language"] for a in report["articles"]}
    for story in report["stories"]:
        assert story["title"].strip(), story["id"]
        assert story["outlets"] and story["languages"], story["id"]
        assert set(story["languages"]) == {article_language[i] for i in story["article_ids"]}
        assert story["first_published"] <= story["last_published"], story["id"]
    multi_article = [s for s in report["stories"] if len(s["article_ids"]) >= 3]
    assert multi_article and all(s["key_entity_ids"] for s in multi_article)
