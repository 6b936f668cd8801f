"""The story page's claim matrix and framing panels: the HTML report's views, escaped, linking to article spans."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from report.test_claim_matrix import silent_mark_reads_apart_from_separators

SPAN_LINK = re.compile(r'href="(/articles/([^"#]+)#(span-\d+-\d+))"')


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_story_page_shows_claims_and_framing_as_panels_not_raw_json(client: TestClient) -> None:
    html = client.get("/stories/story-ferry").text
    assert 'class="claim-matrix"' in html and 'class="verdict verdict-conflicting"' in html
    assert html.count('class="fr-panel"') == 2  # one framing panel per outlet
    assert "raw-json" not in html and '"claim_groups"' not in html


def test_every_panel_link_opens_the_article_page_at_a_row_for_that_span(client: TestClient) -> None:
    html = client.get("/stories/story-ferry").text
    panels = _section(html, "What is claimed", "<h3>Articles")
    links = SPAN_LINK.findall(panels)
    assert {article for _, article, _ in links} == {"art-ferry-1", "art-ferry-2"}
    assert len(links) >= 6  # two claim cells, and per panel a speaker, a loaded term and a distinctive word
    for _, article, anchor in links:
        assert f'id="{anchor}"' in client.get(f"/articles/{article}").text, f"{anchor} of {article} has no row"


def test_claim_cells_point_at_the_claims_own_spans(client: TestClient) -> None:
    html = client.get("/stories/story-ferry").text
    claims = {c["article_id"]: c for c in client.get("/api/stories/story-ferry").json()["claims"]}
    cells = _section(html, 'class="claim-matrix"', "</table>")
    expected = {f"/articles/{a}#span-{c['start']}-{c['end']}" for a, c in claims.items()}
    assert {link for link, _, _ in SPAN_LINK.findall(cells)} == expected


def test_hostile_text_in_claims_and_framing_is_escaped(client: TestClient) -> None:
    html = client.get("/stories/story-ferry").text
    panels = _section(html, "What is claimed", "<h3>Articles")
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in panels
    assert not re.search(r"<(script|img|base|meta|style)\b", panels, flags=re.I)
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', panels))
    assert "the outlets disagree on the walk-out" in unescape(panels)


def test_the_claim_legend_labels_the_silent_mark(client: TestClient) -> None:
    silent_mark_reads_apart_from_separators(client.get("/stories/story-ferry").text)
