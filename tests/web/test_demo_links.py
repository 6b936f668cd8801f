"""Every in-page link of the demo's web pages lands on an element of the page it opens.

A `/articles/ID#span-START-END` link whose row the article page lacks opens the article at the top, which
reads as a broken link; the story page links spans the article page does not list as its own findings
(a timeline event's sentence, a framing panel's distinctive word), so the whole demo is walked.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from fastapi.testclient import TestClient

from storylens.web.app import ServerConfig, create_app

LINK = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?#([^"]+)"')
PAGE_LINK = re.compile(r'href="(/(?:stories|articles|entities)/[^"#?]+|/quotes|/entities)"')


def element_ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def crawl_pages(client: TestClient) -> dict[str, str]:
    """Every HTML page reachable from the story list (stories, articles, entities, quotes)."""
    pages: dict[str, str] = {}
    waiting = ["/", "/entities", "/quotes"]
    while waiting:
        path = waiting.pop()
        if path in pages:
            continue
        pages[path] = client.get(path).text
        waiting += [found for found in PAGE_LINK.findall(pages[path]) if found not in pages]
    return pages


def test_every_fragment_link_of_the_demo_pages_lands_on_an_element(
    demo_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out_dir, _ = demo_run
    with TestClient(create_app(ServerConfig(db=out_dir / "storylens.db"))) as client:
        pages = crawl_pages(client)
    links = [(page, target, fragment) for page, html in pages.items() for target, fragment in LINK.findall(html)]
    timeline_links = [link for link in links if "/stories/" in link[0] and link[2].startswith("span-")]
    assert len(pages) > 50 and len(timeline_links) > 20, "the demo should give many pages and span links"
    missing = [link for link in links if link[1] in pages and link[2] not in element_ids(pages[link[1]])]
    assert not missing, f"{len(missing)} links open their page at the top, e.g. {missing[:3]}"


def test_span_rows_the_story_page_links_to_are_highlighted_when_targeted() -> None:
    """The rows a span link opens are table rows, which the web stylesheet marks when they are the target."""
    from importlib import resources

    css = resources.files("storylens.web").joinpath("static/web.css").read_text(encoding="utf-8")
    assert re.search(r"tr:target[^{]*\{[^}]*background", css)
