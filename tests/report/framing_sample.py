"""The sample report with framing computed by the real framing step (shared by the HTML and browser tests)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from storylens.model import Article, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.framing import DescribeFraming, FramingSettings

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report" / "sample_report.json"
HOSTILE = ' Critics called it a so-called <img src=x onerror="document.body.dataset.pwned=1"> "sham" deal.'


def framed_sample(hostile: bool = False, title: str | None = None) -> dict[str, Any]:
    """The sample report, its first story's framing filled by `DescribeFraming` (camps from the articles);
    `title` replaces the first article's headline."""
    report = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    story = report["stories"][0]
    members = [a for a in report["articles"] if a["id"] in story["article_ids"]]
    if hostile:
        members[0]["text"] += HOSTILE  # appended: every existing span keeps its offsets
    if title is not None:
        members[0]["title"] = title
    articles = [
        Article(
            id=a["id"],
            text=a["text"],
            source="sample",
            outlet=a["outlet"],
            title=a.get("title"),
            language=a["language"],
            published=a["published"],
            metadata={"camp": a["camp"]} if a.get("camp") else {},
        )
        for a in members
    ]
    bundle = StoryBundle(Story(id=story["id"], article_ids=[a.id for a in articles]), articles)
    framed = DescribeFraming(FramingSettings(contrast_min_count=1)).run(bundle, Stats()).story
    story["framing"] = framed.framing
    return report


def _span(article: dict[str, Any], word: str, kind: str) -> dict[str, Any]:
    start = article["text"].index(word)
    return {"article_id": article["id"], "start": start, "end": start + len(word), "text": word, "kind": kind}


def with_cross_group_findings(report: dict[str, Any]) -> dict[str, Any]:
    """The framed sample with one naming pair, one claim gap and one tone row written by hand from its text
    (the rendering tests need each table; the step's own tests check how they are found)."""
    story = report["stories"][0]
    articles = {a["id"]: a for a in report["articles"]}
    wire, courier = articles[story["article_ids"][0]], articles[story["article_ids"][1]]
    closed, shut = _span(wire, "closed", "naming-term"), _span(courier, "shut", "naming-term")
    story["framing"]["naming"] = [
        {
            "groups": ["agency", "independent"],
            "terms": ["closed", "shut"],
            "aligned_sentences": 1,
            "consistent": True,
            "evaluative": False,
            "examples": [
                {
                    "sentences": [closed, shut],
                    "terms": [{**closed, "group": "agency"}, {**shut, "group": "independent"}],
                }
            ],
        }
    ]
    crack = _span(wire, "a crack in its main span", "claim")
    story["framing"]["gaps"] = {
        "coverage": {"groups": {}, "absent": ["opposition"]},
        "claims": [
            {
                "claim_group_id": "cg-crack",
                "verdict": "corroborated",
                "value": "a crack in its main span",
                "claim_ids": ["c1"],
                "carried_by": ["agency"],
                "not_carried_by": ["independent"],
                "carried_in_copies_by": [],
                "spans": [{**crack, "group": "agency"}],
            }
        ],
    }
    safe = _span(courier, "safe", "tone-cue")
    story["framing"]["tone"] = [
        {
            "entity_id": "e-velar",
            "name": "Ana Velar",
            "groups": [
                {
                    "group": "independent",
                    "kind": "camp",
                    "positive": 1,
                    "negative": 0,
                    "lean": "positive",
                    "own_voice_lean": "none",
                    "cues": [{**safe, "polarity": "positive", "in_quote": True, "sentence": safe}],
                }
            ],
        }
    ]
    return report
