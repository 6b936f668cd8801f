"""The HTML report: findings highlighted in place, every section present, nothing unsafe or external."""

from __future__ import annotations

import copy
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from storylens.report.charts import CoveragePoint, TimelinePoint, coverage_chart, time_ticks, timeline_chart
from storylens.report.html import render_html, write_html
from storylens.report.json import validate_report
from storylens.report.markup import anchor_id

from .html_parsing import parse, visible_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report" / "sample_report.json"


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_html(sample: dict[str, Any]) -> str:
    return render_html(sample)


# Highlighting in place ---------------------------------------------------------------------------------------


def test_every_highlight_in_the_sample_points_at_its_own_text(sample: dict[str, Any]) -> None:
    texts = {article["id"]: article["text"] for article in sample["articles"]}
    spans = [m for e in sample["entities"] for m in e["mentions"]] + sample["quotes"] + sample["time_expressions"]
    for span in spans:
        assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"]


def test_article_body_in_report_keeps_the_cleaned_text_verbatim(sample: dict[str, Any], sample_html: str) -> None:
    bodies = re.findall(r'<div class="text"[^>]*>(.*?)</div>', sample_html, flags=re.S)
    shown = {visible_text(body) for body in bodies}
    assert {article["text"] for article in sample["articles"]} <= shown


def test_spans_whose_text_does_not_match_are_skipped_and_reported(sample: dict[str, Any]) -> None:
    report = copy.deepcopy(sample)
    report["quotes"][0]["start"] += 3  # now points at the wrong characters
    html = render_html(report)
    assert "1 finding not highlighted" in html


# Sections ----------------------------------------------------------------------------------------------------


def test_sample_fixture_follows_the_report_schema(sample: dict[str, Any]) -> None:
    validate_report(sample)


def test_header_shows_summary_figures(sample_html: str) -> None:
    assert re.search(r"<b>6</b><span>articles</span>", sample_html)
    assert re.search(r'class="figure bad"[^>]*><b>1</b><span>errors</span>', sample_html)


def test_multi_article_story_has_its_own_section_with_every_article(sample: dict[str, Any], sample_html: str) -> None:
    story_html = sample_html.split('id="story-s-bridge"')[1].split('id="articles"')[0]
    assert "Serin Harbour Bridge closed after crack found" in sample_html
    for article_id in sample["stories"][0]["article_ids"]:
        assert f'id="{anchor_id("article", article_id)}"' in story_html


def test_single_article_story_is_listed_under_other_articles(sample: dict[str, Any], sample_html: str) -> None:
    festival = next(a for a in sample["articles"] if "Dornach" in a["text"])
    other = sample_html.split('id="articles"')[1].split('id="entities"')[0]
    assert f'id="{anchor_id("article", festival["id"])}"' in other
    assert 'id="story-s-festival"' not in sample_html


def test_outlets_are_grouped_under_their_camp(sample_html: str) -> None:
    assert re.search(
        r'camp-name">independent</span>\s*<span class="chips">.*Le Matin de Veltria.*Veltria Daily Courier', sample_html
    )


def test_who_said_what_names_speaker_statement_and_first_outlet(sample_html: str) -> None:
    row = re.search(r'<tr id="quote-group-qg-safe">(.*?)</tr>', sample_html, flags=re.S)
    assert row is not None
    cells = row.group(1)
    assert ">Ana Velar</a>" in cells
    assert "No one will cross this bridge until we are certain it is safe" in cells
    assert re.search(r'<a href="#article-af18ade45485">Eastwind Wire</a>', cells)
    assert re.search(r'class="num">3<div class="sub">of 4</div>', cells)


def test_timeline_conflict_is_flagged_with_both_dates(sample_html: str) -> None:
    item = re.search(r'<li id="event-s-bridge-1" class="conflict">(.*?)</li>', sample_html, flags=re.S)
    assert item is not None
    assert "sources disagree: 2031-04-13 vs 2031-04-12" in item.group(1)


def test_story_has_timeline_and_coverage_charts(sample_html: str) -> None:
    story_html = sample_html.split('id="story-s-bridge"')[1].split('id="articles"')[0]
    assert "When each outlet published</title>" in story_html
    assert "Timeline of events</title>" in story_html


def test_copy_links_to_its_original_with_similarity(sample_html: str) -> None:
    assert re.search(
        r'<a class="badge copy" href="#article-af18ade45485"[^>]*>copy of Eastwind Wire · 93%</a>', sample_html
    )


def test_cleaning_removals_are_listed_with_their_reason(sample_html: str) -> None:
    assert "What cleaning removed (2)" in sample_html
    assert re.search(
        r'<span class="reason">share-buttons</span>\s*<span><del>Share on Facebook \| Tweet \| Print↵', sample_html
    )


def test_machine_translation_evidence_is_shown(sample_html: str) -> None:
    assert "looks machine-translated" in sample_html
    assert "missing subject pronoun: &#39;until is certain&#39;" in sample_html


def test_entity_section_lists_aliases_evidence_and_mentions(sample_html: str) -> None:
    card = sample_html.split('id="entity-e-velar"')[1].split('class="entity ')[0]
    assert '<span class="chip">A. Velar</span>' in card
    assert '<span class="rule">name-order</span> Ana Velar = A. Velar' in card
    assert "Mentioned in 5 articles" in card


def test_mentions_in_text_link_to_their_entity(sample_html: str) -> None:
    assert re.search(
        r'<a class="hl hl-mention t-person" href="#entity-e-velar" title="Ana Velar \(PERSON\)[^"]*">'
        r"A\. Velar</a>",
        sample_html,
    )


def test_every_in_page_link_has_a_target(sample_html: str) -> None:
    page = parse(sample_html)
    targets = {href[1:] for href in page.hrefs if href.startswith("#")}
    assert targets and targets <= page.ids


def test_links_resolve_when_no_article_is_in_a_story(sample: dict[str, Any]) -> None:
    report = {**sample, "stories": []}
    page = parse(render_html(report))
    assert "copy-group-cg-1" in page.ids
    assert {href[1:] for href in page.hrefs if href.startswith("#")} <= page.ids


def test_errors_are_listed(sample_html: str) -> None:
    assert "inbox/broken-feed.xml" in sample_html
    assert "mismatched tag at line 3" in sample_html


def test_empty_report_still_renders() -> None:
    html = render_html({"summary": {}, "articles": [], "stories": None})
    assert "No story has more than one article." in html
    assert parse(html).balanced


def test_write_html_writes_one_utf8_file(sample: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    write_html(sample, target)
    assert "Le pont du port restera fermé" in target.read_text(encoding="utf-8")


# Safety and self-containment --------------------------------------------------------------------------------


def hostile_report(sample: dict[str, Any]) -> dict[str, Any]:
    report = copy.deepcopy(sample)
    article = report["articles"][0]
    article["title"] = "<script>document.title='PWNED'</script>"
    article["outlet"] = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
    article["url"] = "javascript:document.body.setAttribute('data-pwned','1')"
    report["errors"].append({"source": "<b>x</b>", "error": "</td></tr></table><script>alert(1)</script>"})
    report["entities"][0]["name"] = "<svg onload=alert(1)>"
    return report


def test_hostile_article_fields_are_escaped(sample: dict[str, Any]) -> None:
    html = render_html(hostile_report(sample))
    assert "<script>document.title" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in html
    assert not re.search(r'href="\s*javascript:', html, flags=re.I)
    assert parse(html).balanced


def test_report_loads_nothing_from_the_network(sample_html: str) -> None:
    assert not re.search(r"<(link|img|iframe|object|embed)\b", sample_html)
    assert not re.search(r"\bsrc=", sample_html)
    assert "@import" not in sample_html and "url(" not in sample_html
    assert "default-src 'none'" in sample_html


def test_only_our_own_script_is_allowed_to_run(sample_html: str) -> None:
    assert sample_html.count("<script>") == 1
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", sample_html)


# Charts ------------------------------------------------------------------------------------------------------


def test_coverage_chart_draws_one_dot_per_article_and_escapes_outlets() -> None:
    from datetime import datetime

    points = [
        CoveragePoint("<Wire>", datetime(2031, 4, 14, 6), "#article-a", "first", "#2563eb"),
        CoveragePoint("Courier", datetime(2031, 4, 14, 9), "#article-b", "second", "#d97706"),
    ]
    svg = str(coverage_chart(points))
    assert svg.count("<circle") == 2
    assert "&lt;Wire&gt;" in svg and "<Wire>" not in svg


def test_timeline_chart_marks_conflicts_in_red() -> None:
    from datetime import datetime

    svg = str(
        timeline_chart(
            [
                TimelinePoint(1, datetime(2031, 4, 13), "noticed", True, "#event-1"),
                TimelinePoint(2, datetime(2031, 4, 14), "closed", False, "#event-2"),
            ]
        )
    )
    assert svg.count('fill="#dc2626"') == 1


def test_timeline_chart_puts_background_dates_in_gutters_and_spreads_the_story_days() -> None:
    from datetime import datetime

    days = [TimelinePoint(n, datetime(2031, 4, n), f"day {n}", False, f"#event-{n}") for n in range(1, 11)]
    background = [
        TimelinePoint(11, datetime(2019, 6, 1), "installed", False, "#event-11"),
        TimelinePoint(12, datetime(2033, 1, 1), "takes effect", False, "#event-12"),
    ]
    svg = str(timeline_chart(days + background))
    assert ">earlier</text>" in svg and ">later</text>" in svg
    centres = [float(x) for x in re.findall(r'<circle cx="([0-9.]+)"', svg)]
    # The ten story days use most of the width instead of collapsing into one column.
    story_days = sorted(centres)[1:-1]
    assert story_days[-1] - story_days[0] > 600


def test_chart_ticks_fall_on_round_times() -> None:
    from datetime import datetime

    ticks = time_ticks(datetime(2031, 4, 14, 5, 28), datetime(2031, 4, 15, 9, 1), 6)
    assert ticks and all(tick.minute == 0 and tick.hour % 6 == 0 for tick in ticks)


# Scale -------------------------------------------------------------------------------------------------------


def synthetic_report(count: int) -> dict[str, Any]:
    """A large report: `count` articles in stories of ten, each with a few mentions and a quote."""
    body = 'Officials in Port Serin said on Monday that "the harbour will reopen soon," according to Ana Velar. ' * 8
    articles, quotes, mentions, stories = [], [], [], []
    for number in range(count):
        article_id = f"a{number:05d}"
        articles.append(
            {
                "id": article_id,
                "title": f"Harbour update {number}",
                "outlet": f"Outlet {number % 40}",
                "published": f"2031-04-{1 + number % 28:02d}T{number % 24:02d}:00:00Z",
                "language": "en",
                "text": body,
                "source": f"in/{number}.html",
                "story_id": f"s{number // 10}",
            }
        )
        start = body.index("the harbour")
        quotes.append(
            {
                "id": f"q{number}",
                "article_id": article_id,
                "start": start,
                "end": start + 29,
                "text": body[start : start + 29],
                "kind": "direct",
            }
        )
        for offset in (m.start() for m in re.finditer("Ana Velar", body)):
            mentions.append(
                {"article_id": article_id, "start": offset, "end": offset + 9, "text": "Ana Velar", "label": "PERSON"}
            )
    for story in range(count // 10):
        ids = [f"a{n:05d}" for n in range(story * 10, story * 10 + 10)]
        stories.append(
            {
                "id": f"s{story}",
                "title": f"Story {story}",
                "article_ids": ids,
                "coverage": [{"article_id": i, "outlet": "Outlet", "published": "2031-04-01T00:00:00Z"} for i in ids],
                "timeline": [],
                "quote_group_ids": [],
            }
        )
    entity = {"id": "e1", "name": "Ana Velar", "type": "PERSON", "mentions": mentions, "mention_count": len(mentions)}
    return {
        "summary": {"articles": count},
        "articles": articles,
        "quotes": quotes,
        "entities": [entity],
        "stories": stories,
    }


def test_two_thousand_articles_render_quickly_and_compactly() -> None:
    report = synthetic_report(2000)
    began = time.perf_counter()
    html = render_html(report)
    elapsed = time.perf_counter() - began
    text_bytes = sum(len(a["text"]) for a in report["articles"])
    assert elapsed < 30
    assert len(html) < 6 * text_bytes  # markup overhead stays proportional; texts are not repeated
    assert html.count("Officials in Port Serin said") == 8 * 2000  # each body once, however often it is linked


def test_who_said_what_lists_quotes_only_one_article_carries() -> None:
    report = synthetic_report(10)
    report["quotes"][3]["speaker"] = {"entity_id": "e1", "text": "Ana Velar", "start": 0, "end": 9}
    page = render_html(report)
    who_said_what = page.split("Who said what", 1)[1].split("Timeline", 1)[0]
    # Ten ungrouped quotes, one row each; the attributed one comes first, linked to its speaker.
    assert who_said_what.count('id="quote-group-') == 10
    assert who_said_what.index("Ana Velar") < who_said_what.index("unattributed")
