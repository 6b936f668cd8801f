"""The web UI in real headless Chromium: hostile article text stays inert on every page, and the pages link up.

A uvicorn server runs the app on loopback in a thread; Chromium loads each page
(scripts run) and we read the DOM it built, not the HTML we sent.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
import uvicorn

from report.chromium import dump_dom, read_png, requires_chromium, take_screenshot
from storylens.web.app import ServerConfig, create_app

from .conftest import OUTLETS

pytestmark = [pytest.mark.browser, requires_chromium]

PAGES = [
    "/",
    "/stories/story-ferry",
    "/articles/art-ferry-2",
    "/entities/ent-oduya",
    "/quotes",
    "/search?q=Tollmere",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(store_path: Path) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(
        create_app(ServerConfig(db=store_path, outlets=OUTLETS)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def doms(base_url: str) -> dict[str, str]:
    return {page: dump_dom(base_url + page) for page in PAGES}


def visible_text(dom: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", dom))


@pytest.mark.parametrize("page", PAGES)
def test_hostile_article_text_is_inert_in_the_browser(doms: dict[str, str], page: str) -> None:
    dom = doms[page]
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and "data-pwned" not in body.group(0)  # no handler or javascript: URL ran
    title = re.search(r"<title>(.*?)</title>", dom, flags=re.S)
    assert title is not None and title.group(1).endswith(" · storylens")  # the script never set it to PWNED
    assert "PWNED" not in visible_text(dom).replace("document.title='PWNED'", "")  # nor wrote it anywhere
    assert not re.search(r"<base\b", dom, flags=re.I)
    assert not re.search(r"<meta[^>]+http-equiv", dom, flags=re.I)
    assert not re.search(r"<style\b", dom, flags=re.I)  # injected CSS never became a stylesheet
    assert not re.search(r"<img\b", dom, flags=re.I)
    # escaped article text shows `&lt;a href="javascript:…"&gt;`; no real <a> element may carry such a link
    assert not re.search(r'<a\b[^<>]*\bhref="\s*javascript:', dom, flags=re.I)


def test_hostile_text_is_shown_as_text_on_story_and_article_pages(doms: dict[str, str]) -> None:
    for page in ["/stories/story-ferry", "/articles/art-ferry-2"]:
        text = visible_text(doms[page])
        assert "<script>document.title='PWNED'</script>" in text
        assert '<base href="http://evil.example/">' in text


def _first_link(dom: str, prefix: str) -> str:
    match = re.search(rf'href="({re.escape(prefix)}[^"#]+)', dom)
    assert match is not None, f"no link to {prefix} on the page"
    return unescape(match.group(1))


def test_story_list_to_story_to_article_to_entity(base_url: str, doms: dict[str, str]) -> None:
    story = _first_link(doms["/"], "/stories/")
    assert story == "/stories/story-ferry"
    story_dom = dump_dom(base_url + story)
    assert "Who said what" in story_dom and "We will not sail unsafe boats," in visible_text(story_dom)
    article = _first_link(story_dom, "/articles/")
    article_dom = dump_dom(base_url + article)
    assert "Findings with their spans" in article_dom
    entity = _first_link(article_dom, "/entities/")
    entity_dom = dump_dom(base_url + entity)
    heading = re.search(r"<h1>(.*?)</h1>", entity_dom, flags=re.S)
    assert heading is not None and heading.group(1).strip() in {"Mira Oduya", "Tollmere"}


def test_search_and_camp_filter_in_the_browser(base_url: str, doms: dict[str, str]) -> None:
    assert "/articles/art-ferry-2" in doms["/search?q=Tollmere"]
    assert '<option value="opposition">' in doms["/"]  # the camp filter offers the camps in the store
    filtered = dump_dom(base_url + "/?camp=opposition")
    assert "/stories/story-ferry" in filtered and "/stories/story-library" not in filtered


def test_claim_and_framing_panels_render_hostile_text_as_text(doms: dict[str, str]) -> None:
    dom = doms["/stories/story-ferry"]
    panels = dom[dom.index("What is claimed") : dom.index("<h3>Articles")]
    assert 'class="claim-matrix"' in panels and panels.count('class="fr-panel"') == 2
    assert not re.search(r"<(script|img|base|meta|style)\b", panels, flags=re.I)  # as parsed by Chromium
    speakers = [
        unescape(s) for s in re.findall(r'<span class="fr-name"><a href="#entity-ent-oduya">([^<]*)</a>', panels)
    ]
    assert speakers[0] == "Mira Oduya" and speakers[1].startswith("<script>document.title='PWNED'</script>")
    assert re.search(r'<a class="stance stance-contradicts" href="/articles/art-ferry-2#span-\d+-\d+"', panels)


def test_story_page_screenshot_is_painted(base_url: str, tmp_path: Path) -> None:
    image = read_png(take_screenshot(base_url + "/stories/story-ferry", tmp_path / "story.png", 1200, 1400))
    colours = {image.pixel(x, y) for y in range(0, image.height, 11) for x in range(0, image.width, 11)}
    assert len(colours) > 30  # styles and charts loaded from the server, not a blank page
