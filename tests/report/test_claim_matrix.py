"""The claim matrix of a story: claim groups × outlets grouped by camp, each cell linking to the claim's span."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from storylens.report.html import render_html, write_html
from storylens.report.json import validate_report

from .chromium import dump_dom, read_png, requires_chromium, take_screenshot

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report" / "sample_report.json"
STANCES = ["supports", "supports", "contradicts", "refines"]  # the fifth outlet of the story stays silent


def first_sentence(text: str) -> tuple[int, int]:
    end = text.find(". ")
    return 0, (end + 1 if end > 0 else len(text))


def report_with_claims() -> dict[str, Any]:
    """The sample report with one claim per bridge-story article and one conflicting group over four of them."""
    report = json.loads(FIXTURE.read_text(encoding="utf-8"))
    story = next(s for s in report["stories"] if s["id"] == "s-bridge")
    articles = {a["id"]: a for a in report["articles"]}
    claims, sources = [], []
    for number, (article_id, stance) in enumerate(zip(story["article_ids"], STANCES, strict=False), start=1):
        article = articles[article_id]
        start, end = first_sentence(article["text"])
        claim = {
            "id": f"{article_id}-c1",
            "article_id": article_id,
            "start": start,
            "end": end,
            "text": article["text"][start:end],
            "kind": "date",
            "key": "time",
            "value": "2026-04-14",
            "verdict": "conflicting",
            "subject_entity_ids": [],
            "predicate": "close",
            "slots": {},
            "polarity": "positive",
            "modality": "asserted",
            "attribution": "asserted",
            "speaker": None,
            "quote_id": None,
            "group": "s-bridge-cg1",
        }
        claims.append(claim)
        sources.append(
            {"article_id": article_id, "claim_id": claim["id"], "outlet": article["outlet"], "stance": stance}
        )
        assert number <= 4
    spans = [{k: c[k] for k in ("article_id", "start", "end", "text")} for c in claims]
    report["claims"] = claims
    report["claim_groups"] = [
        {
            "id": "s-bridge-cg1",
            "story_id": "s-bridge",
            "verdict": "conflicting",
            "claim_ids": [c["id"] for c in claims],
            "sources": sources,
            "explanation": {
                "summary": "sources differ on time",
                "agreeing_slots": [],
                "differing_slots": ["time"],
                "sides": [
                    {
                        "stance": "supports",
                        "value": "Monday",
                        "claim_ids": [c["id"] for c in claims[:2]] + [claims[3]["id"]],
                        "spans": spans[:2] + spans[3:],
                        "independent_sources": 2,
                    },
                    {
                        "stance": "contradicts",
                        "value": "Tuesday",
                        "claim_ids": [claims[2]["id"]],
                        "spans": spans[2:3],
                        "independent_sources": 1,
                    },
                ],
            },
            "predicate": "close",
            "text": claims[0]["text"],
            "independent_sources": 3,
        }
    ]
    story["claim_group_ids"] = ["s-bridge-cg1"]
    return report


def test_the_claims_report_fixture_is_valid() -> None:
    validate_report(report_with_claims())


def test_claim_matrix_has_a_row_per_group_and_a_column_per_outlet_grouped_by_camp() -> None:
    page = render_html(report_with_claims())
    table = re.search(r'<table class="claim-matrix">(.*?)</table>', page, re.S)
    assert table is not None
    html = table.group(1)
    assert len(re.findall(r'class="outlet-head"', html)) == 5
    assert {"agency", "independent", "local", "state"} <= set(re.findall(r'class="camp-head"[^>]*>([^<]+)<', html))
    marks = re.findall(r'class="stance stance-(\w+)"', html)
    assert sorted(marks) == ["contradicts", "refines", "silent", "supports", "supports"]
    assert "verdict-conflicting" in html


def test_every_claim_cell_links_to_an_anchor_at_the_claim_span() -> None:
    page = render_html(report_with_claims())
    table = re.search(r'<table class="claim-matrix">(.*?)</table>', page, re.S).group(1)
    targets = re.findall(r'class="stance stance-\w+" href="#([^"]+)"', table)
    assert len(targets) == 4
    for target in targets:
        after = page.split(f'id="{target}"></span>', 1)
        assert len(after) == 2, target
        assert unescape(re.sub(r"<[^>]+>", "", after[1]))[:20].strip()  # text of the claim follows the anchor


@pytest.mark.browser
@requires_chromium
def test_claim_matrix_renders_in_chromium_with_working_links(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    write_html(report_with_claims(), page)
    dom = dump_dom(page)
    rows = re.findall(r'<tr id="claim-group-[^"]+">', dom)
    assert len(rows) == 1
    for target in re.findall(r'class="stance stance-\w+" href="#([^"]+)"', dom):
        assert f'id="{target}"' in dom
    image = read_png(take_screenshot(page, tmp_path / "report.png", width=1280, height=3200))
    colours = {image.pixel(x, y)[:3] for y in range(0, image.height, 3) for x in range(0, image.width, 3)}
    assert (251, 224, 223) in colours  # the "contradicts" cell is painted
    assert (223, 243, 228) in colours  # and the "supports" cells


def silent_mark_reads_apart_from_separators(page: str) -> None:
    """The silent cell's mark is explained in the legend and is nowhere used there as a separator, so the
    legend does not read 'contradicts · · silent' (a bare dot that looks like one more separator)."""
    silent_marks = set(re.findall(r'class="stance stance-silent"[^>]*>([^<]*)<', page))
    assert len(silent_marks) == 1, silent_marks
    [mark] = silent_marks
    assert mark.strip(), "a silent cell shows a mark, not nothing"
    legend = re.search(r'<p class="[^"]*legend[^"]*">(.*?)</p>', page.split('class="claim-matrix"', 1)[1], re.S)
    assert legend is not None
    text = unescape(re.sub(r"<[^>]+>", "", legend.group(1)))
    assert re.search(rf"{re.escape(mark)} silent \(", text), text  # the mark, then what silent means
    assert mark not in text.replace(f"{mark} silent", ""), text


def test_the_silent_mark_is_labelled_and_is_not_a_separator_dot() -> None:
    silent_mark_reads_apart_from_separators(render_html(report_with_claims()))
