"""The framing panels of the HTML report: one panel per camp and outlet, findings linked and escaped."""

from __future__ import annotations

import re

from storylens.report.framing_view import context_snippet
from storylens.report.html import render_html
from storylens.report.json import validate_report

from .framing_sample import framed_sample


def test_framed_sample_follows_the_report_schema() -> None:
    validate_report(framed_sample())


def test_story_gets_one_panel_per_camp_and_per_outlet() -> None:
    report = framed_sample()
    framing = report["stories"][0]["framing"]
    html = render_html(report)
    panels = re.findall(r'<div class="fr-panel"', html)
    assert len(panels) == len(framing["camps"]) + len(framing["outlets"])
    assert 'data-framing="camps"' in html and 'data-framing="outlets"' in html


def test_loaded_term_is_linked_to_its_article_and_marked_in_the_text() -> None:
    report = framed_sample(hostile=True)
    article_id = report["stories"][0]["article_ids"][0]
    html = render_html(report)
    assert re.search(rf'<a class="fr-snippet" href="#article-{article_id}"[^>]*>[^<]*<mark>so-called</mark>', html)
    assert 'class="hl hl-framing"' in html


def test_hostile_text_in_a_finding_is_escaped() -> None:
    html = render_html(framed_sample(hostile=True))
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_context_snippet_cuts_at_spaces_around_the_span() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen loaded fifteen"
    before, span, after = context_snippet(text, text.index("loaded"), text.index("loaded") + 6)
    assert span == "loaded" and before.startswith("…") and before.endswith("fourteen ")
    assert after == " fifteen"
