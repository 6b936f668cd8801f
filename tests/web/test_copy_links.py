"""In-page links of the web UI land on an element of the page they open (the report's anchors are not all there)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from storylens import api
from storylens.web.app import ServerConfig, create_app

FERRY = (
    "The ferry between Brenna and Oskel resumed service on Monday after a week of storms, Captain Ruth Amsel said. "
    "Passengers waited on the quay for two hours before the first crossing left."
)


def ids_and_links(html: str) -> tuple[set[str], list[str]]:
    return set(re.findall(r'\bid="([^"]+)"', html)), re.findall(r'href="([^"]*#[^"]*)"', html)


def test_copy_group_links_open_the_copy_list_on_the_story_page(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "title": "Ferry back", "outlet": "Brenna Post", "text": FERRY}),
        json.dumps({"id": "a2", "title": "Ferry back again", "outlet": "Oskel News", "text": FERRY + " More soon."}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    api.analyze([tmp_path / "in.jsonl"], tmp_path / "out", workers=1)
    with TestClient(create_app(ServerConfig(db=tmp_path / "out" / "storylens.db"))) as client:
        [story] = client.get("/api/stories").json()["items"]
        story_page = client.get(f"/stories/{story['id']}").text
        article_ids = re.findall(r'href="/articles/([0-9a-f]+)"', story_page)
        assert article_ids
        article_page = client.get(f"/articles/{article_ids[0]}").text
    story_ids, story_links = ids_and_links(story_page)
    copy_links = [link for link in story_links if "copy-group-" in link]
    assert copy_links, "the fixture should make a copy group"
    for link in copy_links:
        path, fragment = link.split("#", 1)
        assert path in ("", f"/stories/{story['id']}") and fragment in story_ids, link
    _, article_links = ids_and_links(article_page)
    for link in (link for link in article_links if "copy-group-" in link):
        path, fragment = link.split("#", 1)
        assert path == f"/stories/{story['id']}" and fragment in story_ids, link
