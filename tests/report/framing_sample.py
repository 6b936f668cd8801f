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


def framed_sample(hostile: bool = False) -> dict[str, Any]:
    """The sample report, its first story's framing filled by `DescribeFraming` (camps from the articles)."""
    report = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    story = report["stories"][0]
    members = [a for a in report["articles"] if a["id"] in story["article_ids"]]
    if hostile:
        members[0]["text"] += HOSTILE  # appended: every existing span keeps its offsets
    articles = [
        Article(
            id=a["id"],
            text=a["text"],
            source="sample",
            outlet=a["outlet"],
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
