"""The HTML report in a real headless Chromium: it paints, and hostile article text stays inert text."""

from __future__ import annotations

import copy
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from storylens.report.html import write_html

from .chromium import dump_dom, read_png, requires_chromium, take_screenshot

pytestmark = [pytest.mark.browser, requires_chromium]

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report" / "sample_report.json"
SCRIPT_TITLE = "<script>document.title='PWNED'</script>"
IMAGE_HANDLER = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
SCRIPT_URL = "javascript:document.body.setAttribute('data-pwned','1')"


def sample() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_report_screenshot_is_a_painted_png_of_the_window_size(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    write_html(sample(), page)
    image = read_png(take_screenshot(page, tmp_path / "report.png", width=1280, height=2000))
    assert (image.width, image.height) == (1280, 2000)
    colours = {image.pixel(x, y) for y in range(0, image.height, 9) for x in range(0, image.width, 9)}
    assert len(colours) > 50  # text, badges and charts, not a blank or single-colour page
    header_pixel, page_pixel = image.pixel(20, 20), image.pixel(20, image.height - 20)
    assert header_pixel != page_pixel  # the dark masthead painted above the light page


def hostile_report() -> dict[str, Any]:
    report = copy.deepcopy(sample())
    article = report["articles"][0]
    article["title"] = SCRIPT_TITLE
    article["outlet"] = IMAGE_HANDLER
    article["url"] = SCRIPT_URL
    article["text"] = f"{SCRIPT_TITLE} {IMAGE_HANDLER} {article['text']}"
    shift = len(SCRIPT_TITLE) + len(IMAGE_HANDLER) + 2
    for entity in report["entities"]:
        for mention in entity["mentions"]:
            if mention["article_id"] == article["id"]:
                mention["start"] += shift
                mention["end"] += shift
    for span in [*report["quotes"], *report["time_expressions"]]:
        if span["article_id"] == article["id"]:
            span["start"] += shift
            span["end"] += shift
            if span.get("speaker") and span["speaker"].get("start") is not None:
                span["speaker"]["start"] += shift
                span["speaker"]["end"] += shift
    return report


def test_hostile_article_text_is_shown_not_run(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    write_html(hostile_report(), page)
    dom = dump_dom(page)
    body_tag = re.search(r"<body[^>]*>", dom)
    assert body_tag is not None and "data-pwned" not in body_tag.group(0)
    title = re.search(r"<title>(.*?)</title>", dom, flags=re.S)
    assert title is not None and title.group(1) == "storylens report"  # the injected script never set it
    visible = unescape(re.sub(r"<[^>]+>", "", dom))
    assert SCRIPT_TITLE in visible and IMAGE_HANDLER in visible and SCRIPT_URL in visible
    assert not re.search(r'href="\s*javascript:', dom, flags=re.I)


def test_report_script_runs_under_its_content_security_policy(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    write_html(sample(), page)
    dom = dump_dom(page)
    filter_input = re.search(r'<input[^>]*data-filter="entity-list"[^>]*>', dom)
    assert filter_input is not None and " hidden" not in filter_input.group(0)  # our script revealed it


def test_framing_panels_render_side_by_side_in_chromium(tmp_path: Path) -> None:
    from .framing_sample import framed_sample, with_cross_group_findings

    page = tmp_path / "framed.html"
    write_html(with_cross_group_findings(framed_sample(hostile=True)), page)
    dom = dump_dom(page)
    assert dom.count('class="fr-panel"') >= 2
    assert all(f'data-framing="{table}"' in dom for table in ("naming", "gaps", "tone"))
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]  # the hostile finding did not run
    image = read_png(take_screenshot(page, tmp_path / "framed.png", width=1280, height=1200))
    assert (image.width, image.height) == (1280, 1200)


LONG_WORD = "Harbourmastercouncil" * 15  # 300 letters and no break: a scraped slug, a glued name, a URL


def long_words_report() -> dict[str, Any]:
    """The sample with one unbreakable 300-letter word in every field a reader may see in a narrow box."""
    report = copy.deepcopy(sample())
    outlet = f"The-{LONG_WORD}-Outlet"
    for article in report["articles"]:
        article["outlet"] = outlet
    report["articles"][0]["title"] = f"Pier {LONG_WORD} update"
    for story in report["stories"]:
        story["title"] = f"Pier {LONG_WORD} update"
        story["outlets"] = [outlet]
    for outlet_row in report["outlets"]:
        outlet_row["name"] = outlet
    for entity in report["entities"]:
        entity["name"] = f"{entity['name']} {LONG_WORD}"
    return report


def test_an_unbreakable_long_word_wraps_instead_of_widening_the_page(tmp_path: Path) -> None:
    """Measured by Chromium itself: the laid-out page is no wider than the window (no sideways scrolling)."""
    page = tmp_path / "long.html"
    write_html(long_words_report(), page)
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)  # let the measuring script run
    probe = (
        "<script>window.addEventListener('load', () => { const root = document.documentElement;"
        " document.body.setAttribute('data-overflow', String(root.scrollWidth - root.clientWidth)); });</script>"
    )
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = dump_dom(page)
    overflow = re.search(r'data-overflow="(-?\d+)"', dom)
    assert overflow is not None, "the measuring script did not run"
    assert int(overflow.group(1)) <= 0
