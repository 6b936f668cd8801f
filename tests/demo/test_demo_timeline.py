"""Demo acceptance for issue #8: time expressions and story timelines on the demo corpus.

Scored with `storylens.evaluation` against the gold annotation. The demo is analysed once per session through the
real CLI (`demo_report` in tests/conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import storylens.demo
from storylens.evaluation import (
    article_keys,
    date_conflicts_flagged,
    false_date_conflicts,
    score_time_expressions,
    score_timeline,
)

GOLD_FILE = Path(storylens.demo.__file__).parent / "gold.json"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return dict(json.loads(GOLD_FILE.read_text(encoding="utf-8")))


def test_time_expression_accuracy_on_the_demo(demo_report: dict[str, Any], gold: dict[str, Any]) -> None:
    accuracy, misses = score_time_expressions(demo_report, gold)
    assert accuracy >= 0.9, misses


def test_every_gold_event_is_on_its_date_in_the_story_of_its_article(
    demo_report: dict[str, Any], gold: dict[str, Any]
) -> None:
    """Each gold event appears, on its gold date and citing a gold article, on the timeline of the story that
    holds that article (whichever story the clustering put it in)."""
    keys = article_keys(demo_report, gold)
    missed = []
    for event in gold["timeline"]:
        found = any(
            predicted["date"] == event["date"]
            and any(keys.get(source["article_id"]) in event["articles"] for source in predicted["sources"])
            for story in demo_report["stories"]
            for predicted in story.get("timeline", [])
        )
        if not found:
            missed.append(f"{event['story']} {event['date']} {event['event']}")
    assert not missed


def test_gold_events_found_on_the_story_timelines(demo_report: dict[str, Any], gold: dict[str, Any]) -> None:
    found, total, missed = score_timeline(demo_report, gold)
    assert found == total, missed


def test_the_planted_date_conflict_is_flagged(demo_report: dict[str, Any], gold: dict[str, Any]) -> None:
    flagged, total = date_conflicts_flagged(demo_report, gold)
    assert total >= 1
    assert flagged == total


def test_at_most_one_false_date_conflict(demo_report: dict[str, Any], gold: dict[str, Any]) -> None:
    assert false_date_conflicts(demo_report, gold) <= 1


def test_time_expressions_carry_a_timex_modifier(demo_report: dict[str, Any]) -> None:
    modifiers = {expression.get("mod") for expression in demo_report["time_expressions"]}
    assert "END" in modifiers
    assert modifiers <= {None, "START", "MID", "END", "APPROX", "BEFORE", "AFTER"}
