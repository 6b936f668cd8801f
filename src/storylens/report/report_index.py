"""Lookups over the report dict (articles, entities, quotes, claims by id and by article), built once per render
so the views and templates never search lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from storylens.report.framing_view import framing_spans_by_article

CAMP_PALETTE = ("#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#b45309")


def camp_colours(camps: Iterable[str | None]) -> dict[str, str]:
    """A stable colour per camp name (sorted, cycling through the palette)."""
    named = sorted({camp for camp in camps if camp})
    return {camp: CAMP_PALETTE[index % len(CAMP_PALETTE)] for index, camp in enumerate(named)}


@dataclass
class ReportIndex:
    """Lookups over the report dict so templates never search lists."""

    articles: dict[str, dict[str, Any]]
    entities: dict[str, dict[str, Any]]
    quotes: dict[str, dict[str, Any]]
    quote_groups: dict[str, dict[str, Any]]
    copy_groups: dict[str, dict[str, Any]]
    outlet_camps: dict[str, str | None]
    camp_colours: dict[str, str]
    mentions_by_article: dict[str, list[dict[str, Any]]]
    quotes_by_article: dict[str, list[dict[str, Any]]]
    times_by_article: dict[str, list[dict[str, Any]]]
    shown_quote_groups: set[str] = field(default_factory=set)  # groups with a "who said what" row to link to
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    claim_groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    matrix_claims_by_article: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # claims a matrix links to
    framing_by_article: dict[str, list[Any]] = field(default_factory=dict)  # loaded-language findings to mark


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    return {str(item["id"]): item for item in items or [] if isinstance(item, Mapping) and item.get("id") is not None}


def index_report(report: Mapping[str, Any]) -> ReportIndex:
    """Build the lookups the views need from the report dict."""
    articles = _by_id(report.get("articles"))
    entities = _by_id(report.get("entities"))
    outlet_camps: dict[str, str | None] = {}
    for outlet in report.get("outlets") or []:
        outlet_camps[str(outlet.get("name"))] = outlet.get("camp")
    for article in articles.values():
        if article.get("outlet") and article.get("camp") and not outlet_camps.get(article["outlet"]):
            outlet_camps[article["outlet"]] = article["camp"]
    mentions_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in entities.values():
        for mention in entity.get("mentions") or []:
            mentions_by_article[str(mention.get("article_id"))].append({**mention, "entity_id": entity["id"]})
    quotes_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quote in report.get("quotes") or []:
        quotes_by_article[str(quote.get("article_id"))].append(quote)
    times_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for expression in report.get("time_expressions") or []:
        times_by_article[str(expression.get("article_id"))].append(expression)
    return ReportIndex(
        articles=articles,
        entities=entities,
        quotes=_by_id(report.get("quotes")),
        quote_groups=_by_id(report.get("quote_groups")),
        copy_groups=_by_id(report.get("copy_groups")),
        outlet_camps=outlet_camps,
        camp_colours=camp_colours([*outlet_camps.values(), *(a.get("camp") for a in articles.values())]),
        mentions_by_article=mentions_by_article,
        quotes_by_article=quotes_by_article,
        times_by_article=times_by_article,
        claims=_by_id(report.get("claims")),
        claim_groups=_by_id(report.get("claim_groups")),
        matrix_claims_by_article=_matrix_claims_by_article(report),
        framing_by_article=dict(framing_spans_by_article(report.get("stories") or [])),
    )


def _matrix_claims_by_article(report: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Claims of groups carried by two or more articles (the ones a claim matrix shows), per article."""
    shown = {
        str(group.get("id"))
        for group in report.get("claim_groups") or []
        if len({source.get("article_id") for source in group.get("sources") or []}) >= 2
    }
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in report.get("claims") or []:
        if str(claim.get("group")) in shown:
            by_article[str(claim.get("article_id"))].append(claim)
    return by_article
