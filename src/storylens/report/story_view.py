"""One story as the HTML report shows it: articles, who said what, timeline, coverage, claim matrix, framing.

Also the copy-group view, shown inside stories and in the report's own copies list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup

from storylens.report.article_view import ArticleView, article_view
from storylens.report.charts import (
    UNKNOWN_CAMP_COLOUR,
    CoveragePoint,
    TimelinePoint,
    coverage_chart,
    coverage_focus,
    parse_published,
    parse_timex,
    timeline_chart,
)
from storylens.report.formatting import format_time, published_key, shorten
from storylens.report.framing_view import framing_view
from storylens.report.html_settings import HtmlReportSettings
from storylens.report.markup import anchor_id
from storylens.report.report_index import ReportIndex


@dataclass
class StoryView:
    """One story with its articles, statements, timeline and coverage prepared for the template."""

    data: dict[str, Any]
    anchor: str
    articles: list[ArticleView]
    outlets_by_camp: list[tuple[str | None, str, list[str]]]  # (camp, colour, outlets)
    outlet_count: int
    key_entities: list[dict[str, Any]]
    copy_groups: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    timeline_svg: Markup
    coverage_svg: Markup
    claim_matrix: dict[str, Any] | None = None
    framing: dict[str, Any] = field(default_factory=dict)  # panels per camp/outlet (report/framing_view.py)


CLAIM_STANCE_MARKS = {"supports": "✓", "refines": "≈", "contradicts": "✗"}


def claim_matrix(
    story: Mapping[str, Any],
    outlets_by_camp: list[tuple[str | None, str, list[str]]],
    index: ReportIndex,
    settings: HtmlReportSettings,
) -> dict[str, Any] | None:
    """The story's claim groups × outlets (grouped by camp): which outlet supports, contradicts or refines each
    claim, or is silent on it. Rows: groups carried by two or more articles, conflicts first; each cell links to
    the claim's span in the article."""
    groups = [index.claim_groups[str(g)] for g in story.get("claim_group_ids") or [] if str(g) in index.claim_groups]
    shown = [g for g in groups if len({s.get("article_id") for s in g.get("sources") or []}) >= 2]
    single = len(groups) - len(shown)
    if not shown:
        return None if not groups else {"rows": [], "columns": [], "single_source": single, "hidden": 0}
    order = {"conflicting": 0, "corroborated": 1, "single-source": 2}
    shown.sort(key=lambda g: (order.get(str(g.get("verdict")), 3), -len(g.get("sources") or [])))
    columns = [(camp, colour, name) for camp, colour, names in outlets_by_camp for name in names]
    rows = []
    for group in shown[: settings.max_claim_rows]:
        cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for source in group.get("sources") or []:
            claim = index.claims.get(str(source.get("claim_id")), {})
            article = index.articles.get(str(source.get("article_id")), {})
            stance = str(source.get("stance"))
            cells[str(source.get("outlet") or "")].append(
                {
                    "stance": stance,
                    "mark": CLAIM_STANCE_MARKS.get(stance, "?"),
                    "href": "#" + anchor_id("claim", claim["id"]) if claim.get("id") else None,
                    "span": _span_of(claim),
                    "tooltip": f"{stance}: {shorten(claim.get('text') or '', settings.max_claim_chars)}",
                    "title": article.get("title") or "",
                }
            )
        rows.append(
            {
                "data": group,
                "anchor": anchor_id("claim-group", group["id"]),
                "text": shorten(group.get("text") or "", settings.max_claim_chars),
                "summary": (group.get("explanation") or {}).get("summary", ""),
                "cells": [(name, colour, cells.get(name, [])) for _, colour, name in columns],
            }
        )
    return {
        "rows": rows,
        "columns": columns,
        "camps": [(camp, colour, len(names)) for camp, colour, names in outlets_by_camp],
        "single_source": single,
        "hidden": max(0, len(shown) - settings.max_claim_rows),
    }


def _span_of(finding: Mapping[str, Any]) -> dict[str, Any] | None:
    """Where a finding is (article id and character offsets), for views that link to article pages."""
    if finding.get("article_id") is None or finding.get("start") is None:
        return None
    return {"article_id": finding["article_id"], "start": finding["start"], "end": finding.get("end")}


def _outlets_by_camp(outlets: Iterable[str], index: ReportIndex) -> list[tuple[str | None, str, list[str]]]:
    grouped: dict[str | None, list[str]] = defaultdict(list)
    for outlet in outlets:
        grouped[index.outlet_camps.get(outlet)].append(outlet)
    ordered = sorted(grouped.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [(camp, index.camp_colours.get(camp or "", UNKNOWN_CAMP_COLOUR), sorted(names)) for camp, names in ordered]


def _statement_row(group: dict[str, Any], index: ReportIndex, settings: HtmlReportSettings) -> dict[str, Any]:
    """One row of "who said what": speaker, statement, carriers and who carried it first."""
    quotes = [index.quotes[str(q)] for q in group.get("quote_ids") or [] if str(q) in index.quotes]
    speaker_entity = index.entities.get(str(group.get("speaker_entity_id")))
    speaker_text = next(
        (str((q.get("speaker") or {}).get("text")) for q in quotes if (q.get("speaker") or {}).get("text")), ""
    )
    first = index.articles.get(str(group.get("first_article_id")))
    return {
        "data": group,
        "anchor": anchor_id("quote-group", group["id"]),
        "speaker_entity": speaker_entity,
        "speaker_anchor": anchor_id("entity", speaker_entity["id"]) if speaker_entity else None,
        "speaker_text": speaker_text,
        "statement": shorten(group.get("text") or (quotes[0]["text"] if quotes else ""), settings.max_statement_chars),
        "kinds": sorted({str(q.get("kind") or "direct") for q in quotes}),
        "outlets": [
            (outlet, index.camp_colours.get(index.outlet_camps.get(outlet) or "", UNKNOWN_CAMP_COLOUR))
            for outlet in group.get("outlets") or []
        ],
        "first": first,
        "first_anchor": anchor_id("article", first["id"]) if first else None,
        "carriers": [
            (index.articles[str(a)], anchor_id("article", a))
            for a in group.get("article_ids") or []
            if str(a) in index.articles
        ],
    }


def single_quote_group(quote: Mapping[str, Any], index: ReportIndex) -> dict[str, Any]:
    """A quote no other article carries, shaped like a quote group so it gets a "who said what" row."""
    article = index.articles.get(str(quote.get("article_id")), {})
    return {
        "id": str(quote.get("id")),
        "quote_ids": [str(quote.get("id"))],
        "article_ids": [str(quote.get("article_id"))],
        "outlets": [article["outlet"]] if article.get("outlet") else [],
        "independent_sources": 1,
        "first_article_id": str(quote.get("article_id")),
        "first_published": article.get("published"),
        "speaker_entity_id": (quote.get("speaker") or {}).get("entity_id"),
        "text": quote.get("text"),
    }


def statement_groups(
    groups: list[dict[str, Any]], articles: list[dict[str, Any]], index: ReportIndex
) -> list[dict[str, Any]]:
    """Every statement of a story: same-statement groups first (most carriers first), then the
    quotes only one article carries, by speaker (unattributed last) and publication time."""
    grouped = {str(q) for group in groups for q in group.get("quote_ids") or []}
    singles = [
        single_quote_group(quote, index)
        for article in articles
        for quote in index.quotes_by_article.get(str(article["id"]), [])
        if str(quote.get("id")) not in grouped
    ]

    def speaker_key(group: dict[str, Any]) -> tuple[bool, str, tuple[datetime, str]]:
        entity = index.entities.get(str(group.get("speaker_entity_id")))
        first = index.articles.get(str(group.get("first_article_id")), {})
        return (entity is None, str(entity["name"]) if entity else "", published_key(first))

    ordered = sorted(groups, key=lambda g: (-len(g.get("article_ids") or []), speaker_key(g)))
    return ordered + sorted(singles, key=speaker_key)


def _timeline_rows(story: dict[str, Any], index: ReportIndex) -> list[dict[str, Any]]:
    rows = []
    for number, event in enumerate(story.get("timeline") or [], start=1):
        sources = []
        for source in event.get("sources") or []:
            article = index.articles.get(str(source.get("article_id")))
            sources.append(
                {"span": source, "article": article, "anchor": anchor_id("article", source.get("article_id"))}
            )
        rows.append(
            {
                "number": number,
                "data": event,
                "anchor": anchor_id("event", f"{story['id']}-{number}"),
                "sources": sources,
                "entities": [index.entities[str(e)] for e in event.get("entity_ids") or [] if str(e) in index.entities],
            }
        )
    return rows


def _timeline_points(rows: list[dict[str, Any]]) -> list[TimelinePoint]:
    points = []
    for row in rows:
        event = row["data"]
        moment = parse_timex(event.get("date"))
        if moment is None:
            continue
        label = f"{row['number']}. {event.get('date')}: {shorten(event.get('text'), 160)}"
        if event.get("conflict"):
            label += " — sources disagree: " + ", ".join(str(d) for d in event.get("conflicting_dates") or [])
        points.append(TimelinePoint(row["number"], moment, label, bool(event.get("conflict")), "#" + row["anchor"]))
    return points


def _coverage_points(story: dict[str, Any], index: ReportIndex) -> list[CoveragePoint]:
    entries = story.get("coverage") or [
        {"article_id": a, "outlet": index.articles[a].get("outlet"), "published": index.articles[a].get("published")}
        for a in story.get("article_ids") or []
        if a in index.articles
    ]
    points = []
    for entry in entries:
        moment = parse_published(entry.get("published"))
        if moment is None:
            continue
        outlet = str(entry.get("outlet") or "unknown outlet")
        article = index.articles.get(str(entry.get("article_id")), {})
        label = f"{outlet} — {format_time(entry.get('published'))}: {shorten(article.get('title') or '', 120)}"
        colour = index.camp_colours.get(index.outlet_camps.get(outlet) or "", UNKNOWN_CAMP_COLOUR)
        points.append(CoveragePoint(outlet, moment, "#" + anchor_id("article", entry.get("article_id")), label, colour))
    return points


def story_view(story: dict[str, Any], index: ReportIndex, settings: HtmlReportSettings) -> StoryView:
    member_ids = {str(a) for a in story.get("article_ids") or []}
    articles = sorted((index.articles[a] for a in member_ids if a in index.articles), key=published_key)
    outlets = story.get("outlets") or sorted({str(a.get("outlet")) for a in articles if a.get("outlet")})
    groups = [index.quote_groups[str(g)] for g in story.get("quote_group_ids") or [] if str(g) in index.quote_groups]
    timeline = _timeline_rows(story, index)
    coverage = _coverage_points(story, index)
    outlets_by_camp = _outlets_by_camp(outlets, index)
    return StoryView(
        data=story,
        anchor=anchor_id("story", story["id"]),
        articles=[article_view(article, index) for article in articles],
        outlets_by_camp=outlets_by_camp,
        outlet_count=len(set(outlets)),
        key_entities=[index.entities[str(e)] for e in story.get("key_entity_ids") or [] if str(e) in index.entities],
        copy_groups=[
            copy_group_view(group, index)
            for group in index.copy_groups.values()
            if member_ids & {str(a) for a in group.get("article_ids") or []}
        ],
        statements=[_statement_row(group, index, settings) for group in statement_groups(groups, articles, index)],
        timeline=timeline,
        timeline_svg=timeline_chart(_timeline_points(timeline), settings.charts, coverage_focus(coverage)),
        coverage_svg=coverage_chart(coverage, settings.charts),
        claim_matrix=claim_matrix(story, outlets_by_camp, index, settings),
        framing=framing_view(story, index.articles, anchor_id),
    )


def copy_group_view(group: dict[str, Any], index: ReportIndex) -> dict[str, Any]:
    """A copy group's members, the original first, then by publication time."""
    similarity = group.get("similarity") or {}
    members = []
    for article_id in group.get("article_ids") or []:
        article = index.articles.get(str(article_id))
        if article is None:
            continue
        members.append(
            {
                "article": article,
                "anchor": anchor_id("article", article_id),
                "is_original": str(article_id) == str(group.get("original_id")),
                "similarity": similarity.get(str(article_id)),
            }
        )
    members.sort(key=lambda member: (not member["is_original"], published_key(member["article"])))
    return {"data": group, "anchor": anchor_id("copy-group", group["id"]), "members": members}
