"""Framing on the demo corpus (issue #19): per-camp results exist, spans slice, and wording differences written
into the demo text (the government camp's outlets say "rioters", the opposition's "protesters") are found.

The demo is analysed once per session through the real CLI with its outlets file (`demo_report`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def _spans(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "article_id" in value and "start" in value:
            yield value
        for item in value.values():
            yield from _spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from _spans(item)


def test_every_framing_span_slices_its_article(demo_report: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in demo_report["articles"]}
    spans = [s for story in demo_report["stories"] for s in _spans(story.get("framing") or {})]
    assert spans
    for span in spans:
        assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"], span


def test_stories_with_camps_get_per_camp_and_per_outlet_groups(demo_report: dict[str, Any]) -> None:
    story = max(demo_report["stories"], key=lambda s: len(s["article_ids"]))
    framing = story["framing"]
    assert {g["name"] for g in framing["camps"]} >= {"government", "opposition"}
    articles = {a["id"]: a for a in demo_report["articles"]}
    originals = [articles[i] for i in story["article_ids"] if not articles[i]["duplicate_of"]]
    assert sorted(g["name"] for g in framing["outlets"]) == sorted({a["outlet"] for a in originals})


def _velmar(report: dict[str, Any]) -> dict[str, Any]:
    [story] = [s for s in report["stories"] if "Velmar" in s["title"] and "Republic Square" in s["title"]]
    return {g["name"]: g for g in story["framing"]["camps"]}


def test_government_camp_words_rioters_and_opposition_camp_protesters(demo_report: dict[str, Any]) -> None:
    camps = _velmar(demo_report)
    government = [c["term"] for c in camps["government"]["contrast"]]
    opposition = [c["term"] for c in camps["opposition"]["contrast"]]
    assert "rioters" in government[:3] and "rioters" not in opposition
    assert "protesters" in opposition[:3] and "protesters" not in government
