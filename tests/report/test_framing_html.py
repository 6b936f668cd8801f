"""The framing panels of the HTML report: one panel per camp and outlet, findings linked and escaped."""

from __future__ import annotations

import re

from storylens.report.framing_view import context_snippet
from storylens.report.html import render_html
from storylens.report.json import validate_report

from .framing_sample import framed_sample, with_cross_group_findings


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


def test_cross_group_findings_follow_the_schema_and_render_with_their_words() -> None:
    report = with_cross_group_findings(framed_sample())
    validate_report(report)
    html = render_html(report)
    naming = html.split('data-framing="naming"', 1)[1].split("</table>", 1)[0]
    assert "<mark>closed</mark>" in naming and "<mark>shut</mark>" in naming
    gaps = html.split('data-framing="gaps"', 1)[1].split("</ul>", 1)[0]
    assert "carried by agency; not by independent" in gaps and "<mark>a crack in its main span</mark>" in gaps
    assert "Did not cover this story: opposition" in html
    tone = html.split('data-framing="tone"', 1)[1].split("</table>", 1)[0]
    assert "Ana Velar" in tone and "<mark>safe</mark>" in tone and "(in a quote)" in tone


def test_tone_row_without_cue_words_is_not_shown() -> None:
    report = with_cross_group_findings(framed_sample())
    report["stories"][0]["framing"]["tone"][0]["groups"][0]["cues"] = []
    assert 'data-framing="tone"' not in render_html(report)


def test_headline_finding_is_marked_in_the_article_title_not_in_its_text() -> None:
    report = framed_sample(title="Harbour <b>sham</b> deal")
    article_id = report["stories"][0]["article_ids"][0]
    validate_report(report)
    html = render_html(report)
    card = html[html.index(f'id="article-{article_id}"') :]
    title = card[card.index('<div class="article-title">') : card.index("</div>")]
    assert re.search(r'<span class="hl hl-framing"[^>]*>sham</span>', title)
    assert "&lt;b&gt;" in title  # the headline is escaped like the text


def test_unmatched_outlets_are_listed_for_the_user_to_fill_in() -> None:
    report = framed_sample()
    report["unmatched_outlets"] = [{"name": "Lune <FM>", "articles": 2, "domains": ["lune.example"]}]
    validate_report(report)
    html = render_html(report)
    table = html[html.index("data-unmatched-outlets") :]
    assert "Lune &lt;FM&gt;" in table and "lune.example" in table
    assert 'href="#unmatched-outlets"' in html


def test_loaded_term_shows_whom_it_is_aimed_at_and_the_key_badge() -> None:
    report = framed_sample(hostile=True)
    framing = report["stories"][0]["framing"]
    for group in framing["camps"] + framing["outlets"]:
        for finding in group["loaded_terms"]:
            if finding["text"] == "so-called":
                finding.update({"aim": "modifier", "aimed_at": "e-velar", "aimed_at_name": "Ana Velar", "key": True})
    validate_report(report)
    html = render_html(report)
    assert re.search(r"<mark>so-called</mark>.*?→ <a href=\"#[^\"]+\">Ana Velar</a>.*?>key</span>", html)
    assert "1 aimed at key actors" in html


def test_attributed_naming_pair_shows_the_sentence_that_sets_the_names_side_by_side() -> None:
    report = with_cross_group_findings(framed_sample())
    pair = report["stories"][0]["framing"]["naming"][0]
    pair.update({"method": "attributed", "attributed_in": [pair["examples"][0]["sentences"][0]]})
    validate_report(report)
    naming = render_html(report).split('data-framing="naming"', 1)[1].split("</table>", 1)[0]
    assert "both names attributed in one report" in naming and "aligned sentence" not in naming


def test_naming_choice_finding_says_what_the_other_group_writes() -> None:
    report = framed_sample(hostile=True)
    framing = report["stories"][0]["framing"]
    for group in framing["camps"] + framing["outlets"]:
        for finding in group["loaded_terms"]:
            if finding["text"] == "so-called":
                finding.update(
                    {
                        "category": "naming",
                        "instead_of": "harbour plan",
                        "instead_in": "opposition",
                        "method": "aligned",
                    }
                )
    validate_report(report)
    html = render_html(report)
    assert re.search(r"naming choice</span>.*?<mark>so-called</mark>.*?\(opposition writes “harbour plan”\)", html)
